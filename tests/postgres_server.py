"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries (scripts/setup --dev
installs the postgresql package), initdb in a temporary folder, listening on a Unix socket only,
stopped and removed at the end. As root, the server runs as the `postgres` (or `nobody`) user,
since PostgreSQL refuses to run as root. CLAIMGRAPH_TEST_POSTGRES=postgresql://... uses a
server of one's own instead (each test gets a database of its own on it)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path


def binary(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, or in Debian's versioned folder (the newest)."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return versions[-1] if versions else None


def _as_user() -> tuple[Callable[[], None] | None, int, int]:
    """Run the server as an ordinary user when we are root."""
    if os.geteuid() != 0:
        return None, os.getuid(), os.getgid()
    for name in ("postgres", "nobody"):
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            continue

        def demote(uid: int = pw.pw_uid, gid: int = pw.pw_gid) -> None:
            os.setgid(gid)
            os.setuid(uid)

        return demote, pw.pw_uid, pw.pw_gid
    raise RuntimeError("running as root with neither a postgres nor a nobody user to run PostgreSQL as")


class Cluster:
    """A PostgreSQL server of the test session's own."""

    def __init__(self) -> None:
        initdb, self.pg_ctl = binary("initdb"), binary("pg_ctl")
        if not initdb or not self.pg_ctl:
            raise FileNotFoundError("PostgreSQL's server programs (initdb, pg_ctl): apt-get install postgresql")
        self.root = Path(tempfile.mkdtemp(prefix="cgpg-"))  # short: a socket path has a length limit
        self.demote, uid, gid = _as_user()
        os.chown(self.root, uid, gid)
        self.data, self.socket = self.root / "data", self.root
        self._run([initdb, "-D", str(self.data), "-U", "claimgraph", "--auth=trust", "--no-locale", "-E", "UTF8"])
        options = f"-k {self.socket} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run([self.pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"])
        self.url = f"postgresql:///postgres?host={self.socket}&user=claimgraph"

    def _run(self, cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, capture_output=True, preexec_fn=self.demote, cwd=self.root, timeout=120)

    def stop(self) -> None:
        try:
            self._run([str(self.pg_ctl), "-D", str(self.data), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh, empty database on the server: its URL."""
    import psycopg

    name = f"cg_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    base, _, query = server_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
