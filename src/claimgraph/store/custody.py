"""Chain of custody: an append-only, hash-chained log of every step applied to every original.

Each entry says what was done (acquired, located, extracted, re-extracted), to which original
(its SHA-256), by whom, with which tool and version, and when; it is written in the same
transaction as the step it records, so a step and its entry are kept or lost together. Every
entry carries the hash of the one before it and its own hash over all its fields, as the
Berkeley Protocol asks of a record of digital evidence: changing, removing or inserting an
entry breaks the chain from there on. SQLite triggers refuse updates and deletes; the hashes
catch what a hand edit with the triggers dropped would do. `verify` re-hashes every original,
walks the chain, and checks each document's stored extraction against the digest the log
recorded for it. A chain can also be cut at its end without a trace inside the database: the
head hash `verify` prints, written down elsewhere, is what proves the log was not shortened.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import platform
import socket
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from .. import __version__
from ..clock import now
from .database import Database

log = logging.getLogger(__name__)

GENESIS = "0" * 64
COLUMNS = ("seq", "prev", "sha256", "action", "actor", "tool", "at", "detail", "hash")
ACTOR_ENV = "CLAIMGRAPH_ACTOR"  # who is running claimgraph, when the login name is not the answer


@cache
def actor() -> str:
    """Who: $CLAIMGRAPH_ACTOR, else the login name at this host."""
    if named := os.environ.get(ACTOR_ENV, "").strip():
        return named
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"{user}@{socket.gethostname()}"


@cache
def tool() -> str:
    """With what: this claimgraph, and what stores and hashes under it."""
    return f"claimgraph {__version__}; Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}"


def canonical(detail: dict[str, Any]) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(e: dict[str, Any]) -> str:
    """The hash of an entry as stored: every field, the previous entry's hash among them."""
    fields = [e["seq"], e["prev"], e["sha256"], e["action"], e["actor"], e["tool"], e["at"], e["detail"]]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Problem:
    kind: str  # original | chain | entry | missing | extraction | head
    message: str
    sha256: str | None = None
    entry: int | None = None


@dataclass
class Verification:
    originals: int = 0
    documents: int = 0
    entries: int = 0
    head: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "originals": self.originals, "documents": self.documents, "entries": self.entries,
                "head": self.head, "problems": [asdict(p) for p in self.problems]}


def append(db: Database, sha256: str, action: str, detail: dict[str, Any]) -> str:
    """Append one entry; returns its hash. The caller's write transaction is what keeps two
    writers from chaining onto the same entry."""
    if not db.in_transaction:
        raise RuntimeError("custody entries are written in the transaction of the step they record")
    last = db.row("SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1")
    e = {"seq": (last["seq"] + 1) if last else 1, "prev": last["hash"] if last else GENESIS, "sha256": sha256,
         "action": action, "actor": actor(), "tool": tool(), "at": now(), "detail": canonical(detail)}
    e["hash"] = entry_hash(e)
    db.execute("INSERT INTO custody(seq, prev, sha256, action, actor, tool, at, detail, hash)"
               " VALUES (?,?,?,?,?,?,?,?,?)", [e[k] for k in COLUMNS])
    return str(e["hash"])


def adopt_originals(db: Database) -> int:
    """One `adopted` entry for every original stored before the log existed (a schema upgrade),
    with the digest of its document's extraction as it stands."""
    rows = db.query("SELECT o.sha256, o.size, o.first_seen, d.extraction, d.pipeline FROM originals o"
                    " LEFT JOIN documents d ON d.sha256 = o.sha256"
                    " WHERE o.sha256 NOT IN (SELECT sha256 FROM custody) ORDER BY o.first_seen, o.sha256")
    for r in rows:
        detail: dict[str, Any] = {"size": r["size"], "first_seen": r["first_seen"],
                                  "note": "stored before the custody log began; earlier steps: processing_runs"}
        if r["extraction"] is not None:
            detail |= {"pipeline": r["pipeline"], "extraction_sha256": text_digest(r["extraction"])}
        append(db, r["sha256"], "adopted", detail)
    return len(rows)


class Custody:
    """Writing custody entries for the steps of the store's own modules, reading the log, and
    checking it against the originals."""

    db: Database

    def log_step(self, sha256: str, action: str, detail: dict[str, Any]) -> str:
        return append(self.db, sha256, action, detail)

    # -- reading ----------------------------------------------------------------------------

    def custody(self, sha256: str) -> list[dict[str, Any]]:
        """Every entry about one original, oldest first, details as JSON."""
        rows = self.db.query("SELECT * FROM custody WHERE sha256 = ? ORDER BY seq", (sha256,))
        for r in rows:
            r["detail"] = json.loads(r["detail"])
        return rows

    def custody_head(self) -> str:
        return str(self.db.value("SELECT hash FROM custody ORDER BY seq DESC LIMIT 1") or GENESIS)

    def verify(self, head: str | None = None, progress: Callable[[str], None] | None = None) -> Verification:
        """Re-hash every original, walk the chain, and check each document's extraction against
        the digest its last entry recorded. `head`: a hash written down earlier, which the chain
        must still hold (a log cut at its end is otherwise undetectable)."""
        out = Verification()
        hashes, facts = self._check_chain(out)
        if head and head.lower() not in hashes:
            out.problems.append(Problem("head", f"the log no longer holds entry {head[:16]}…: it was shortened or "
                                                "rewritten after that head was written down"))
        self._check_originals(out, facts, progress)
        return out

    def _check_chain(self, out: Verification) -> tuple[set[str], dict[str, dict[str, Any]]]:
        """Walk the log in order. Returns the hashes seen and, per original, what the log says
        of it ("acquired": the entry that first holds it; "extraction": the last digest recorded)."""
        hashes: set[str] = set()
        facts: dict[str, dict[str, Any]] = {}
        prev, expected_seq = GENESIS, 1
        for e in self._entries():
            out.entries += 1
            if e["seq"] != expected_seq:
                gone = f"{expected_seq}" if e["seq"] == expected_seq + 1 else f"{expected_seq} to {e['seq'] - 1}"
                out.problems.append(Problem("chain", f"custody entry {gone} is missing", e["sha256"] or None,
                                            e["seq"]))
            if e["prev"] != prev:
                out.problems.append(Problem("chain", f"custody entry {e['seq']} ({e['action']}) does not follow the "
                                                     "entry before it: an entry was removed, inserted or changed",
                                            e["sha256"] or None, e["seq"]))
            if entry_hash(e) != e["hash"]:
                out.problems.append(Problem("entry", f"custody entry {e['seq']} ({e['action']}, {e['at']}) was "
                                                     "altered: its fields no longer hash to its recorded hash",
                                            e["sha256"] or None, e["seq"]))
            prev, expected_seq = e["hash"], e["seq"] + 1
            hashes.add(e["hash"])
            known = facts.setdefault(e["sha256"], {})
            detail = _loads(e["detail"])
            if e["action"] in ("acquired", "adopted"):
                known.setdefault("acquired", e["seq"])
            if "extraction_sha256" in detail:
                known["extraction"] = (detail["extraction_sha256"], e["seq"])
        out.head = prev
        return hashes, facts

    def _entries(self) -> Iterator[dict[str, Any]]:
        yield from self.db.iterate(f"SELECT {', '.join(COLUMNS)} FROM custody ORDER BY seq")

    def _check_originals(self, out: Verification, facts: dict[str, dict[str, Any]],
                         progress: Callable[[str], None] | None) -> None:
        stored: set[str] = set()
        for sha in self.db.column("SELECT sha256 FROM originals ORDER BY sha256"):
            stored.add(sha)
            out.originals += 1
            row = self.db.row("SELECT data, size FROM originals WHERE sha256 = ?", (sha,)) or {}
            data = bytes(row.get("data") or b"")
            actual = hashlib.sha256(data).hexdigest()
            if actual != sha or len(data) != row.get("size"):
                out.problems.append(Problem("original", f"original {sha} was altered: its bytes now hash to "
                                                        f"{actual} ({len(data):,} bytes, {row.get('size'):,} stored)",
                                            sha))
            if "acquired" not in facts.get(sha, {}):
                out.problems.append(Problem("missing", f"original {sha} has no custody entry: it was added outside "
                                                       "claimgraph", sha))
            if progress:
                progress(sha)
        for sha, f in facts.items():
            if sha and "acquired" in f and sha not in stored:
                out.problems.append(Problem("missing", f"original {sha} is in the custody log (entry {f['acquired']}) "
                                                       "but no longer in the database", sha))
        for r in self.db.iterate("SELECT id, sha256, extraction FROM documents ORDER BY id"):
            out.documents += 1
            recorded = facts.get(r["sha256"], {}).get("extraction")
            if recorded is None:
                out.problems.append(Problem("extraction", f"document {r['id']} has no extraction in the custody log",
                                            r["sha256"]))
            elif text_digest(r["extraction"]) != recorded[0]:
                out.problems.append(Problem("extraction", f"document {r['id']}: its stored extraction is not the one "
                                                          f"custody entry {recorded[1]} recorded", r["sha256"]))


def _loads(text: str) -> dict[str, Any]:
    try:
        d = json.loads(text)
    except ValueError:
        return {}
    return d if isinstance(d, dict) else {}
