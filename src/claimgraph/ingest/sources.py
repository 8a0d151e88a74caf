"""Turn what the user names (paths, folders, globs, "-") into Sources: bytes plus a Location.

Reading is lazy and one file at a time, so a corpus of any size streams through in constant
memory. Every failure becomes an InputError naming the input; nothing here raises past it.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..clock import now as now_iso
from ..errors import InputError, LimitError
from ..model import Location, Source
from ..options import Limits

SKIP_DIRS = {".git", "__pycache__", ".venv", "node_modules"}


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files named by paths: folders recursively (sorted), globs, '-' as-is."""
    for p in paths:
        if p == "-":
            yield p
            continue
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(p, "no file matches this pattern")
            for m in matches:
                yield from expand([m])
            continue
        if os.path.isdir(p):
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=unreadable.append):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
            for exc in unreadable:  # a folder that cannot be listed is one error, not a silent gap
                yield InputError(str(exc.filename or p), f"folder cannot be read ({exc.strerror or exc})")
            continue
        if not os.path.exists(p):
            yield InputError(p, "no such file or folder")
            continue
        yield p


CHUNK = 1 << 20


def read_capped(fh: BinaryIO, name: str, limits: Limits) -> bytes:
    """Read up to the size limit, and for plain text stop at the first line over the line limit:
    a 200 MB file with no line break is refused after reading 2 MB, not after holding all of it.
    (Inner lines that are too long are caught after reading, by text.check_bytes.)"""
    from . import detect

    chunks: list[bytes] = []
    total = run = 0
    plain: bool | None = None
    while chunk := fh.read(CHUNK):
        if plain is None:  # PDFs, archives and minified HTML have long "lines" by nature
            plain = detect(chunk, name) == "text"
        total += len(chunk)
        if total > limits.max_bytes:
            raise LimitError(name, f"over the limit of {limits.max_bytes:,} bytes")
        chunks.append(chunk)
        if plain:
            first = min((i for i in (chunk.find(b"\n"), chunk.find(b"\r")) if i >= 0), default=-1)
            if first < 0:
                run += len(chunk)
            else:
                run += first
                if run <= limits.max_line:
                    run = len(chunk) - max(chunk.rfind(b"\n"), chunk.rfind(b"\r")) - 1
            if run > limits.max_line:
                raise LimitError(name, f"a single line of over {limits.max_line:,} bytes, over the line limit "
                                       "(a binary, a dump or a bomb?)")
    return b"".join(chunks)


def read_file(path: str, limits: Limits) -> Source:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or a device would block or never end; a folder is walked by expand().
            raise InputError(path, "is a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file")
        size = st.st_size
        if size > limits.max_bytes:
            raise LimitError(path, f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}")
        with open(path, "rb") as fh:
            data = read_capped(fh, path, limits)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    location = Location(uri=path, kind="file", captured_at=now_iso())
    return Source(data=data, location=location, name=path)


def read_stdin(limits: Limits) -> Source:
    data = read_capped(sys.stdin.buffer, "-", limits)
    return Source(data=data, location=Location(uri="-", kind="stdin", captured_at=now_iso()), name="-")


def from_upload(name: str, data: bytes, limits: Limits) -> Source:
    """The same Source an uploaded file becomes, so the web and the CLI share one ingest path."""
    safe = Path(name).name or "upload"
    if len(data) > limits.max_bytes:
        raise LimitError(safe, f"upload is {len(data):,} bytes, over the limit of {limits.max_bytes:,}")
    return Source(data=data, location=Location(uri=f"upload:{safe}", kind="upload", captured_at=now_iso()), name=safe)


def read_sources(paths: Iterable[str], limits: Limits) -> Iterator[Source | InputError]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield read_stdin(limits) if item == "-" else read_file(item, limits)
        except InputError as err:
            yield err
