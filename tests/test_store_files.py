"""The database file and its surroundings: someone else's SQLite file is left exactly as it was,
a read-only filesystem is named as the cause, and failures are one row per input and reason."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.errors import StoreError
from claimgraph.options import Options
from claimgraph.store import Store
from conftest import NEWS, SRC


def cli(prefix: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """The claimgraph command of this checkout, run under `prefix` (a command that runs another)."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([*prefix, sys.executable, "-m", "claimgraph.cli", *args], text=True, capture_output=True,
                          env=env, timeout=300)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_database_is_refused_before_anything_changes_it(tmp_path: Path) -> None:
    other = tmp_path / "contacts.sqlite"
    conn = sqlite3.connect(other)  # a rollback-journal database, as most programs make them
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone')")
    conn.commit()
    conn.close()
    before = digest(other)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not claimgraph's"):
            Store(other, readonly=readonly)
        assert digest(other) == before  # not even switched to WAL (two header bytes)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.sqlite"]


def _mount_readonly(folder: Path) -> list[str] | None:
    """A command prefix that runs its command with `folder` read-only: a private read-only bind
    mount (root) or the folder's write bits taken away (anyone else); None when neither works."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if not unshare:
        return None
    probe = subprocess.run([unshare, "-m", "sh", "-c", f"mount --bind -o ro '{folder}' '{folder}'"],
                           capture_output=True)
    if probe.returncode:
        return None
    return [unshare, "-m", "sh", "-c", f"mount --bind -o ro '{folder}' '{folder}' && exec \"$@\"", "sh"]


def test_reading_commands_work_on_a_readonly_filesystem(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.txt").write_text(NEWS)
    db = str(folder / "x.db")
    assert cli([], "ingest", "--db", db, str(folder / "a.txt")).returncode == 0
    prefix = _mount_readonly(folder)
    if prefix is None:
        pytest.skip("cannot make a read-only mount here")
    if not prefix:
        folder.chmod(0o555)
    try:
        listing = cli(prefix, "documents", "--db", db, "--format", "json")
        assert listing.returncode == 0, listing.stderr
        assert json.loads(listing.stdout)[0]["sha256"] == hashlib.sha256(NEWS.encode()).hexdigest()
        ingest = cli(prefix, "ingest", "--db", db, str(folder / "a.txt"))
        assert ingest.returncode == 2
        assert "read-only" in ingest.stderr and "not a claimgraph database" not in ingest.stderr
        assert "Traceback" not in ingest.stderr
    finally:
        folder.chmod(0o755)


def test_reruns_keep_one_error_row_per_input_and_reason(store: Store, tmp_path: Path) -> None:
    bad = []
    for i in range(4):
        p = tmp_path / f"bad{i}.txt"
        p.write_bytes(b"\x00\x01\x02\xff" * 200)
        bad.append(str(p))
    for _ in range(3):
        report = workflow.ingest(store, bad, Options())
        assert len(report.failed) == 4
    rows = store.errors()
    assert len(rows) == 4 and store.count("errors") == 4
    assert all(r["count"] == 3 and r["last_seen"] >= r["at"] for r in rows)
