"""One resolved entity as its page shows it: its documents, what it said, what others said about
it, the numbers stated about it, the sentences describing it, and how it was formed.

A name in 10,000 of 100,000 documents (a place, an outlet) took 0.5-1.5 s when every quote,
claim and document of it was read to show the newest 100. With `limit`, each list is found from
indexes (which quotes it speaks, which quotes and claims name it) and only the rows shown are
read: the newest by date, found by walking the `*_facts` indexes (published, publisher) newest
first when the candidates are many, or by reading the few candidates' dates when they are not.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from ..errors import NotFound
from ..folding import name_key
from ..words.names import ABBREVIATIONS
from .database import Database

# Where one sentence ends and the next starts: after . ! ? (and a closing quote), or a blank line.
_SENTENCE_BREAK = re.compile(r"(\w*)[.!?][\"”’)]?(\s+)(?=[\"“‘(]?[A-Z0-9])|()()\n\s*\n")
WINDOW = 600  # characters either side of a mention searched for its sentence's ends
DESCRIBED = 50  # sentences describing an entity shown per entity
DIRECT = 3000  # candidates up to which their dates are read, beyond which a date index is walked
TIMELINE = 500  # the newest items of each kind the page's timeline counts
DESCRIBED_DOCUMENTS = 500  # the newest documents naming it searched for sentences describing it
# What may stand between a quote and the sentence attributing it ("…," / ." then the speaker).
_BETWEEN = re.compile(r"[\s\"“”‘’'«»,.:;—–-]*")
ATTRIBUTION_GAP = 200  # characters from the quote within which a sentence holding its cue is its attribution


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence of `text` around [start, end): how an outlet words what it says
    about a name it mentions."""
    lo = max(0, start - WINDOW)
    a, b = lo, min(len(text), end + WINDOW)
    for m in _SENTENCE_BREAK.finditer(text, lo, b):
        word = m.group(1) or ""
        if m.group(2) and (word.lower() in ABBREVIATIONS or len(word) == 1):
            continue
        stop = m.start(2) if m.group(2) else m.start()
        if m.end() <= start:
            a = m.end()
        elif stop >= end:
            b = stop
            break
    return a, b


def attributes(text: str, span: tuple[int, int], quote: dict[str, Any]) -> bool:
    """Whether the sentence at `span` is the attribution of `quote` ("Fallahian said in the
    interview." right after his quotation): it starts where the quote ends or ends where it
    starts (but for spaces and punctuation), or it holds the quote's cue with no sentence between
    them. Such a sentence is the speaker's, not others' words about him."""
    a, b = span
    qa, qb = quote["start"], quote["end"]
    if a >= qb and _BETWEEN.fullmatch(text, qb, a) or b <= qa and _BETWEEN.fullmatch(text, b, qa):
        return True
    cue = (quote.get("cue") or "").strip()
    lo, hi = (qb, a) if a >= qb else (b, qa) if b <= qa else (a, a)
    # the next sentence or the one before, not any sentence near it that holds the same verb
    if not cue or hi - lo > ATTRIBUTION_GAP:
        return False
    lead = _BETWEEN.match(text, lo, hi)
    if _SENTENCE_BREAK.search(text, lead.end() if lead else lo, min(len(text), hi + 2)):
        return False
    return re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text[a:b], re.IGNORECASE) is not None


def entity_row(r: dict[str, Any]) -> dict[str, Any]:
    r["aliases"] = json.loads(r["aliases"])
    r["roles"] = json.loads(r["roles"])
    r.pop("key", None)
    r.pop("component", None)
    return r


def _date_key(r: dict[str, Any]) -> tuple[str, str]:
    """The page's order (render.by_date): newest first, undated last, then by publisher."""
    return r.get("published") or "", r.get("publisher") or ""


def _shown(rows: list[dict[str, Any]], offset: int, limit: int | None) -> list[dict[str, Any]]:
    """Rows newest first (ties in the order given), the page's slice of them."""
    rows = sorted(rows, key=_date_key, reverse=True)
    return rows[offset:] if limit is None else rows[offset:offset + limit]


CHUNK = 900  # ids bound per statement (SQLite takes 32,766 at most, older builds 999)
_MEMBERS = "FROM entity_members m JOIN entities e ON e.id = m.entity_id WHERE m.global_id = ?"


class EntityPage:
    """Store.global_entity: one entity, bounded by what its page shows."""

    db: Database

    def _rows(self, sql: str, ids: set[int] | list[int]) -> list[dict[str, Any]]:
        """`sql`'s rows for `ids`, its `{ids}` a list of them (portable to PostgreSQL: no json_each)."""
        ordered, out = sorted(ids), []
        for i in range(0, len(ordered), CHUNK):
            part = ordered[i:i + CHUNK]
            out += self.db.query(sql.format(ids=",".join("?" * len(part))), part)
        return out

    def _by_date(self, table: str, ids: set[int]) -> Iterator[dict[str, Any]]:
        """{id, published, publisher} of `ids` (rows of `table`), newest first."""
        if not ids:
            return
        if len(ids) <= DIRECT:
            yield from sorted(self._rows(f"SELECT id, published, publisher FROM {table} WHERE id IN ({{ids}})", ids),
                              key=_date_key, reverse=True)
            return
        # Many candidates are a large share of the table: the newest are met soon on its index.
        # (SQLite reads this from the covering index {table}_facts: published, publisher, ...)
        for r in self.db.iterate(f"SELECT id, published, publisher FROM {table} ORDER BY published DESC, publisher DESC"):
            if r["id"] in ids:
                yield r

    def _newest(self, table: str, ids: set[int], want: int | None) -> list[dict[str, Any]]:
        """The newest `want` of `ids` and any that share the date and publisher of the last (the
        page breaks those ties by position), newest first; all of them when `want` is None."""
        out: list[dict[str, Any]] = []
        if want == 0:
            return out
        for r in self._by_date(table, ids):
            if want is not None and len(out) >= want and _date_key(r) != _date_key(out[-1]):
                break
            out.append(r)
        return out

    def entity_name(self, entity_id: int) -> str | None:
        """The name of a global entity, or None when there is none with that id."""
        name = self.db.value("SELECT name FROM global_entities WHERE id = ?", (entity_id,))
        return None if name is None else str(name)

    def global_entity(self, entity_id: int, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
        """One entity with its documents, what it said, what was said about it, and its merges.
        With `limit`, each list holds its newest `limit` items from `offset` (by date, as the
        page shows them) and `totals` counts them all; without, every item."""
        db = self.db
        row = db.row("SELECT * FROM global_entities WHERE id = ?", (entity_id,))
        if row is None:
            raise NotFound(f"no entity {entity_id}")
        out = entity_row(row)
        members = db.query(f"SELECT m.entity_id, e.document_id, e.local_id {_MEMBERS}", (entity_id,))
        local = {(m["document_id"], m["local_id"]) for m in members}
        docs = {m["document_id"] for m in members}
        names = {name_key(n, t) for n in [out["name"], *out["aliases"]] for t in ("PERSON", "ORG")}
        want = None if limit is None else offset + limit
        dated: dict[str, Counter[str]] = {}

        def newest(key: str, table: str, ids: set[int]) -> set[int]:
            """The ids of `table` the page shows (and ties it orders by position); counts of
            the newest TIMELINE by date for its timeline."""
            rows = self._newest(table, ids, None if want is None else max(want, TIMELINE))
            dated[key] = Counter(r["published"] for r in rows[:TIMELINE] if r["published"])
            if want is None or len(rows) <= want:
                return {r["id"] for r in rows}
            if want == 0:
                return set()
            last = _date_key(rows[want - 1])
            return {r["id"] for r in rows[:want]} | {r["id"] for r in rows[want:] if _date_key(r) == last}

        spoken = self._spoken(entity_id, out, docs, names)
        naming = set(db.column("SELECT DISTINCT qm.quote_id FROM entity_members m"
                               " JOIN quote_mentions qm ON qm.entity_id = m.entity_id WHERE m.global_id = ?", (entity_id,)))
        about = naming - spoken
        claims = self._claims_about(entity_id, local)
        doc_page = newest("documents", "documents", docs)
        by_page, about_page = newest("quotes_by", "quotes", spoken), newest("quotes_about", "quotes", about)
        claim_rows = self._newest("claims", claims, want)
        claim_page = {r["id"] for r in claim_rows}
        position = ("document_id", "start")  # the page's order among items of one date and publisher
        quotes = sorted(self._rows("SELECT q.* FROM quotes q WHERE q.id IN ({ids})", by_page | about_page),
                        key=lambda r: tuple(r[k] for k in position))
        claim_list = sorted(self._rows(
            "SELECT document_id, id, local_id, kind, text, start, end, value, low, high, qualifier, bound,"
            " number_text, counted, event, claimant_name, claimant_entity FROM claims WHERE id IN ({ids})", claim_page),
            key=lambda r: tuple(r[k] for k in position))
        meta = {d["id"]: d for d in self._rows(
            "SELECT id, sha256, title, publisher, published FROM documents WHERE id IN ({ids})",
            doc_page | {q["document_id"] for q in quotes} | {c["document_id"] for c in claim_list})}
        fields = ("sha256", "title", "publisher", "published")
        out["documents"] = _shown([{"id": m["document_id"], **{k: meta[m["document_id"]][k] for k in fields},
                                    "local_id": m["local_id"]}
                                   for m in sorted((m for m in members if m["document_id"] in doc_page),
                                                   key=lambda m: m["document_id"])], offset, limit)
        for q in quotes:
            q.update({k: meta[q["document_id"]][k] for k in fields})
        out["quotes_by"] = _shown([q for q in quotes if q["id"] in spoken], offset, limit)
        out["quotes_about"] = _shown([q for q in quotes if q["id"] in about], offset, limit)
        out["claims_about"] = _shown([{**c, **{k: meta[c["document_id"]][k] for k in fields}} for c in claim_list],
                                     offset, limit)
        out["described"] = self._described(entity_id, members, spoken)
        out["totals"] = {"documents": len(members), "quotes_by": len(spoken), "quotes_about": len(about),
                         "claims_about": len(claims)}
        out["limit"], out["offset"] = limit, offset
        out["dated"] = {k: dict(sorted(v.items())) for k, v in dated.items()}
        keys = db.column("SELECT DISTINCT node FROM entity_members WHERE global_id = ? ORDER BY node", (entity_id,))
        marks = ",".join("?" * len(keys))
        out["merges"] = db.query(
            "SELECT id, name_a, name_b, score, evidence, status FROM entity_merges WHERE global_id = ?"
            " UNION SELECT id, name_a, name_b, score, evidence, status FROM entity_merges"
            f" WHERE status = 'rejected' AND (key_a IN ({marks}) OR key_b IN ({marks})) ORDER BY score DESC",
            (entity_id, *keys, *keys)) if keys else []
        return out

    def _spoken(self, entity_id: int, e: dict[str, Any], docs: set[int], names: set[str]) -> set[int]:
        """Ids of the quotes it speaks: its own entity in the quote's document is the speaker, or
        the speaker's name (in a document naming it) is one of its names."""
        db = self.db
        ids = set(db.column("SELECT q.id FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                            " JOIN quotes q ON q.document_id = e.document_id AND q.speaker_entity = e.local_id"
                            " WHERE m.global_id = ?", (entity_id,)))
        surface = sorted({e["name"], *e["aliases"]})
        for q in db.query(f"SELECT id, document_id, speaker_name FROM quotes WHERE speaker_name IN"
                          f" ({','.join('?' * len(surface))})", surface):
            if q["document_id"] in docs and name_key(q["speaker_name"], e["type"]) in names:
                ids.add(q["id"])
        return ids

    def _claims_about(self, entity_id: int, local: set[tuple[int, str]]) -> set[int]:
        """Ids of the claims whose sentence names it (or whose `about` is it: a number that is its
        age), but for those it claims itself."""
        db = self.db
        rows = db.query(
            "SELECT c.id, c.document_id, c.claimant_entity FROM entity_members m JOIN entities e ON e.id = m.entity_id"
            " JOIN mentions mn ON mn.entity_id = e.id"
            " JOIN claims c ON c.document_id = e.document_id AND c.start <= mn.start AND mn.end <= c.end"
            " WHERE m.global_id = ?"
            " UNION SELECT c.id, c.document_id, c.claimant_entity FROM entity_members m JOIN entities e ON e.id = m.entity_id"
            " JOIN claims c ON c.document_id = e.document_id AND json_extract(c.data, '$.about') = e.local_id"
            " WHERE m.global_id = ?", (entity_id, entity_id))
        return {c["id"] for c in rows if (c["document_id"], c["claimant_entity"]) not in local}

    def _described(self, entity_id: int, members: list[dict[str, Any]], spoken: set[int]) -> list[dict[str, Any]]:
        """The sentences naming it outside any quote and apart from what it says itself (its
        quotes and the sentences attributing them), newest documents first: an outlet describing
        a person is no quote, and was not shown at all."""
        db = self.db
        if db.value("SELECT 1 FROM entity_members m JOIN mentions mn ON mn.entity_id = m.entity_id"
                    " WHERE m.global_id = ? LIMIT 1", (entity_id,)) is None:
            return []  # named by no mention (an outlet known by its documents' publisher)
        by_doc: dict[int, list[int]] = defaultdict(list)
        for m in members:
            by_doc[m["document_id"]].append(m["entity_id"])
        described: list[dict[str, Any]] = []
        for n, r in enumerate(self._by_date("documents", set(by_doc))):
            if len(described) >= DESCRIBED or n >= DESCRIBED_DOCUMENTS:
                break
            doc_id = r["id"]
            d = db.row("SELECT id, sha256, title, publisher, published, text FROM documents WHERE id = ?", (doc_id,)) or {}
            text = d.pop("text", "") or ""
            d.pop("id", None)
            mentions = sorted({(m["start"], m["end"]) for m in self._rows(
                "SELECT start, end FROM mentions WHERE entity_id IN ({ids})", by_doc[doc_id])})
            quotes = db.query("SELECT id, start, end, cue FROM quotes WHERE document_id = ?", (doc_id,))
            own = [q for q in quotes if q["id"] in spoken]
            seen: set[tuple[int, int]] = set()
            for a, b in mentions:
                if len(described) >= DESCRIBED:
                    break
                if any(q["start"] <= a and b <= q["end"] for q in quotes):
                    continue
                span = sentence_at(text, a, b)
                if span in seen or any(q["start"] < span[1] and span[0] < q["end"] or attributes(text, span, q)
                                       for q in own):
                    continue
                seen.add(span)
                described.append({"document_id": doc_id, "text": text[span[0]:span[1]].strip(), "start": span[0],
                                  "end": span[1], **d})
        return described
