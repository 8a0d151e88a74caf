"""Turn what the user names (paths, folders, globs, "-") into Sources: bytes plus a Location.

Reading is lazy and one file at a time, so a corpus of any size streams through in constant
memory. Every failure becomes an InputError naming the input; nothing here raises past it.
"""

from __future__ import annotations

import glob
import os
import re
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

# A file name is bytes on POSIX; Python hands undecodable bytes over as lone surrogates
# (U+DC80..U+DCFF), which no UTF-8 writer (SQLite, JSON, a terminal) accepts.
_ESCAPE = re.compile(r"\\(?:\\|x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))")


def path_text(path: str) -> str:
    """A path as printable text that loses nothing: every byte that is not UTF-8 becomes
    `\\xNN`, a character that prints as nothing or moves the text (controls, line breaks,
    bidi overrides) becomes `\\uNNNN`, and a backslash becomes two, so `path_bytes` gives the
    name's exact bytes back. Ordinary names come out unchanged. This is the one form a path takes
    in locations, error rows and messages."""
    if path.isprintable() and "\\" not in path:
        return path
    out = []
    for ch in path:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode carries it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def path_bytes(text: str) -> bytes:
    """The exact bytes of a file name written by `path_text`."""
    out = bytearray()
    pos = 0
    for m in _ESCAPE.finditer(text):
        out += text[pos:m.start()].encode("utf-8", "surrogatepass")
        if m.group(1):
            out.append(int(m.group(1), 16))
        elif m.group(2) or m.group(3):
            out += chr(int(m.group(2) or m.group(3), 16)).encode("utf-8", "surrogatepass")
        else:
            out += b"\\"
        pos = m.end()
    out += text[pos:].encode("utf-8", "surrogatepass")
    return bytes(out)


def expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files named by paths: folders recursively (sorted), globs, '-' as-is. The paths come out
    as the operating system gave them (to open them); errors name them with `path_text`."""
    for p in paths:
        if p == "-":
            yield p
            continue
        if any(ch in p for ch in "*?[") and not os.path.exists(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(path_text(p), "no file matches this pattern")
            for m in matches:
                yield from expand([m])
            continue
        if os.path.isdir(p):
            yield from _walk(p)
            continue
        if not os.path.exists(p):
            yield InputError(path_text(p), "no such file or folder")
            continue
        yield p


def _walk(folder: str) -> Iterator[str | InputError]:
    """The files in a folder and its sub-folders, sorted, hidden ones left out. A symbolic link
    that leads out of the folder is refused: naming a folder must not read what lies elsewhere."""
    top = os.path.realpath(folder)
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        # os.walk does not enter linked folders; one that leads inside is walked anyway.
        for d in dirs:
            if (refused := _outside_link(os.path.join(root, d), top)) is not None:
                yield refused
        for f in sorted(files):
            if f.startswith("."):
                continue
            path = os.path.join(root, f)
            refused = _outside_link(path, top)
            yield path if refused is None else refused
    for exc in unreadable:  # a folder that cannot be listed is one error, not a silent gap
        yield InputError(path_text(str(exc.filename or folder)), f"folder cannot be read ({exc.strerror or exc})")


def _outside_link(path: str, top: str) -> InputError | None:
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if os.path.commonpath([top, target]) == top:
        return None
    return InputError(path_text(path), f"a symbolic link to {path_text(target)}, outside the folder given: not followed")


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
    name = path_text(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            # A FIFO or a device would block or never end; a folder is walked by expand().
            raise InputError(name, "is a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file")
        size = st.st_size
        if size > limits.max_bytes:
            raise LimitError(name, f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}")
        with open(path, "rb") as fh:
            data = read_capped(fh, name, limits)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    location = Location(uri=name, kind="file", captured_at=now_iso())
    return Source(data=data, location=location, name=name)


def read_stdin(limits: Limits) -> Source:
    data = read_capped(sys.stdin.buffer, "-", limits)
    return Source(data=data, location=Location(uri="-", kind="stdin", captured_at=now_iso()), name="-")


def from_upload(name: str, data: bytes, limits: Limits) -> Source:
    """The same Source an uploaded file becomes, so the web and the CLI share one ingest path."""
    safe = path_text(Path(name).name) or "upload"
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
