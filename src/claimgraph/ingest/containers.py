"""Containers that hold documents: WARC files, gzip, zip. Each yields the Sources inside it,
with limits against decompression bombs."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator

from ..errors import InputError, LimitError
from ..model import Location, Source
from ..options import Limits
from .sources import path_text


def gunzip(data: bytes, name: str, limits: Limits) -> bytes:
    out, whole = inflate(data, name, limits)
    if not whole:
        raise InputError(name, "damaged gzip data (it ends before its end marker: cut short?)")
    return out


def inflate(data: bytes, name: str, limits: Limits) -> tuple[bytes, bool]:
    """The bytes gzip data expands to, and whether it was whole: data that is cut short gives
    what came before the cut (a WARC's complete records are worth keeping), the caller says so."""
    cap = _budget(data, limits)
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            # GzipFile returns what each block of input expands to: at a cut, all that came before it.
            while chunk := gz.read1(1 << 20):
                total += len(chunk)
                if total > cap:
                    raise LimitError(name, f"gzip expands past {cap:,} bytes (a decompression bomb?)")
                chunks.append(chunk)
    except EOFError:
        return b"".join(chunks), False
    except (OSError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(name, f"damaged gzip data ({exc})") from None
    return b"".join(chunks), True


def is_gzipped_warc(data: bytes) -> bool:
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
    except zlib.error:
        return False
    return head.lstrip().startswith(b"WARC/")


def _budget(data: bytes, limits: Limits) -> int:
    """How many bytes a container of this size may expand to before it counts as a bomb."""
    return min(limits.max_decompressed, max(len(data) * limits.max_ratio, 1024 * 1024))


def unzip(source: Source, limits: Limits) -> Iterator[Source | InputError]:
    name = source.name
    try:
        zf = zipfile.ZipFile(io.BytesIO(source.data))
        infos = [i for i in zf.infolist() if not i.is_dir() and not _hidden(i.filename)]
        unsafe = [i for i in infos if _escapes(i.filename)]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield InputError(name, f"damaged zip archive ({exc})")
        return
    # Nothing is written to disk, so such a name could do no harm here; it is still a sign of a
    # hostile archive, and a member that is left out is named, never skipped without a word.
    for info in unsafe:
        yield InputError(f"{name}!{path_text(info.filename)}", "a member whose path leads out of the archive "
                                                              "(.. or absolute): not read")
    infos = [i for i in infos if i not in unsafe]
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
        except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
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
    return path.startswith("__MACOSX/") or any(
        part.startswith(".") and part != ".." for part in path.replace("\\", "/").split("/") if part)


def _escapes(path: str) -> bool:
    """A member path that would land outside a folder it were unpacked into."""
    unified = path.replace("\\", "/")
    return unified.startswith("/") or ".." in unified.split("/") or (len(unified) > 1 and unified[1] == ":")


def warc_records(source: Source, limits: Limits) -> Iterator[Source | InputError]:
    """Each HTML response record is a document: URL and capture date from the record. A record
    cut short, or bytes after the last record that are not one, fail the file once, after the
    complete records before them; a record whose declared length is wrong fails alone."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class Records(ArchiveIterator):
        INC_RECORD = ""  # warcio writes this warning on standard error; its err_count is read here

    name = source.name
    data, whole = source.data, True
    if data[:2] == b"\x1f\x8b":
        try:
            data, whole = inflate(data, name, limits)
        except InputError as err:
            yield err
            return
    n = seen = end = errs = 0  # HTML documents, records, where the last whole one ends
    # warcio finds a record's length wrong only when it looks for the next record: each document
    # is held until then.
    pending: Source | None = None
    records = Records(io.BytesIO(data))
    problem: str | None = None
    try:
        for record in records:
            if pending is not None:
                yield pending if records.err_count == errs else _misfit(pending)
                pending = None
            seen += 1
            html = record.rec_type == "response" and "html" in (
                (record.http_headers.get_header("Content-Type") if record.http_headers else "") or "").lower()
            payload = record.content_stream().read(limits.max_bytes + 1) if html else b""
            records.read_to_end(record)
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                problem = (f"WARC record {seen} cut short ({missing:,} of its {record.length:,} bytes missing): "
                           "the file is truncated")
                break
            end = records.get_record_offset() + records.get_record_length()
            if not html:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            url = path_text(url) if url else None
            date = record.rec_headers.get_header("WARC-Date")
            n += 1
            rname = f"{name}#{url or n}"
            if len(payload) > limits.max_bytes:
                yield LimitError(rname, f"record over the limit of {limits.max_bytes:,} bytes")
                continue
            loc = Location(uri=url or rname, kind="warc", captured_at=date or source.location.captured_at,
                           container=source.location.uri)
            errs = records.err_count
            pending = Source(data=payload, location=loc, name=rname, media_type="text/html",
                             hints={"url": url, "captured": date})
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        problem = f"damaged WARC file after {seen} records ({exc})"
    except Exception as exc:  # warcio trips over hostile headers (AttributeError on a missing URI...)
        problem = f"damaged WARC file after {seen} records ({type(exc).__name__})"
    if pending is not None:
        yield pending if records.err_count == errs else _misfit(pending)
    if problem is None and data[end:].strip():  # warcio stops quietly at a record whose headers are cut off
        problem = f"damaged or truncated WARC file: {len(data) - end:,} bytes after its {seen} records are not a record"
    if problem is None and not whole:
        problem = f"compressed WARC file cut short after {seen} records"
    if problem is None and n == 0:
        problem = "WARC file holds no HTML response records"
    if problem is not None:
        yield InputError(name, problem)


def _misfit(record: Source) -> InputError:
    return InputError(record.name, "WARC record whose length does not match its content (damaged?)")
