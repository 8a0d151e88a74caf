"""Containers that hold documents: WARC files, gzip, zip. Each yields the Sources inside it,
with limits against decompression bombs."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator

from ..errors import InputError, LimitError
from ..model import Location, Source
from ..options import Limits
from .sources import path_text


def gunzip(data: bytes, name: str, limits: Limits) -> bytes:
    cap = _budget(data, limits)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(cap + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(name, f"damaged gzip data ({exc})") from None
    if len(out) > cap:
        raise LimitError(name, f"gzip expands past {cap:,} bytes (a decompression bomb?)")
    return out


def _budget(data: bytes, limits: Limits) -> int:
    """How many bytes a container of this size may expand to before it counts as a bomb."""
    return min(limits.max_decompressed, max(len(data) * limits.max_ratio, 1024 * 1024))


def unzip(source: Source, limits: Limits) -> Iterator[Source | InputError]:
    name = source.name
    try:
        zf = zipfile.ZipFile(io.BytesIO(source.data))
        infos = [i for i in zf.infolist() if not i.is_dir() and not _hidden(i.filename)]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield InputError(name, f"damaged zip archive ({exc})")
        return
    budget = _budget(source.data, limits)
    total = sum(i.file_size for i in infos)
    if total > budget:
        yield LimitError(name, f"zip expands to {total:,} bytes (a decompression bomb?)")
        return
    # The sizes above are what the archive declares; a forged header can understate them, so
    # what is actually read is counted too.
    used = 0
    for info in infos:
        member = f"{name}!{path_text(info.filename)}"
        cap = min(limits.max_bytes, budget - used)
        try:
            with zf.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
            yield InputError(member, f"cannot be unpacked ({exc})")
            continue
        used += len(data)
        if len(data) > cap:
            which = "the file limit" if cap == limits.max_bytes else "what the archive may expand to (a bomb?)"
            yield LimitError(member, f"expands past {cap:,} bytes, {which}")
            if used > budget:
                return
            continue
        loc = Location(uri=member, kind="file", captured_at=source.location.captured_at, container=source.location.uri)
        yield Source(data=data, location=loc, name=member)


def _hidden(path: str) -> bool:
    """macOS resource forks and dot files that archivers add beside the real documents."""
    return path.startswith("__MACOSX/") or any(part.startswith(".") for part in path.split("/") if part)


def warc_records(source: Source, limits: Limits) -> Iterator[Source | InputError]:
    """Each HTML response record is a document: URL and capture date from the record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = source.name
    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(source.data)):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            url = path_text(url) if url else None
            date = record.rec_headers.get_header("WARC-Date")
            payload = record.content_stream().read(limits.max_bytes + 1)
            n += 1
            rname = f"{name}#{url or n}"
            if len(payload) > limits.max_bytes:
                yield LimitError(rname, f"record over the limit of {limits.max_bytes:,} bytes")
                continue
            loc = Location(uri=url or rname, kind="warc", captured_at=date or source.location.captured_at,
                           container=source.location.uri)
            yield Source(data=payload, location=loc, name=rname, media_type="text/html",
                         hints={"url": url, "captured": date})
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputError(name, f"damaged WARC file after {n} records ({exc})")
        return
    except Exception as exc:  # warcio trips over hostile headers (AttributeError on a missing URI...)
        yield InputError(name, f"damaged WARC file after {n} records ({type(exc).__name__})")
        return
    if n == 0:
        yield InputError(name, "WARC file holds no HTML response records")
