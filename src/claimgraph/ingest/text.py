"""Plain text: detect the encoding, refuse binaries, read a title/URL header if there is one.

A header's title is metadata and also words of the document: a headline states claims and
quotes ("Powerful quake kills 10 in ..."), so `header_title` gives the normaliser its characters
to keep as the first paragraph. The URL and the other fields stay out of the text."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..errors import InputError, LimitError
from ..folding import fold
from ..model import Metadata, Parsed, Span, Step
from ..options import Limits

URL_LINE = re.compile(r"^\s*(?:url:\s*|source:\s*)?(https?://\S+)\s*$", re.I)
FIELD_LINE = re.compile(r"^\s*(title|author|by|publisher|source|site|date|published)\s*:\s*(.+?)\s*$", re.I)
DATE_IN_URL = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|\b)")
# UTF-32's marks first: the little-endian one begins with UTF-16's.
BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
# Below this many bytes, an encoding other than UTF-8 cannot be told from the bytes: a guess at
# two bytes is a guess at noise.
MIN_GUESS = 16
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
WORD = re.compile(r"[^\W\d_]{2}")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True
    # Control characters are rare in text: over 2% is a binary (in a file of a few bytes, one is).
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 50


def check_decoded(text: str, name: str, encoding: str) -> None:
    """Refuse text that decoded without an error but is not what the bytes hold: NULs (UTF-32
    read as UTF-16), control characters or unassigned code points in numbers no text has (a
    binary behind a byte-order mark), UTF-16 read in the wrong byte order, no word at all."""
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(name, f"NUL characters in the text decoded as {encoding} (at character {nul:,}): "
                               "a binary, or the wrong encoding")
    # A stray control character or two is common in scraped text; more than 1% is not text.
    controls = len(CONTROLS.findall(text, 0, 1 << 16))
    if controls > min(len(text), 1 << 16) // 100:
        raise InputError(name, f"{controls:,} control characters in the text decoded as {encoding}: "
                               "a binary, or the wrong encoding")
    if encoding.startswith(("utf-16", "utf-32")):
        _check_wide(text, name, encoding)
    if WORD.search(text) is None:
        raise InputError(name, "no words in the text (not a document)")


def _check_wide(text: str, name: str, encoding: str) -> None:
    """Latin-script text read in the wrong byte order turns every letter into U+XX00 (a CJK or
    Hangul sign); bytes that are not UTF-16 at all (ASCII behind a UTF-16 mark) turn into signs
    whose two bytes are both printable ASCII; random bytes into unassigned or private code
    points. Real text in any script does none of these."""
    import unicodedata

    units = [ord(c) for c in text[:4096] if not c.isspace()]
    if not units:
        return
    swapped = sum(1 for u in units if u > 0xFF and u & 0xFF == 0)
    if swapped > len(units) // 4:
        raise InputError(name, f"text in the other byte order than its byte-order mark says ({encoding})")
    ascii_pairs = sum(1 for u in units if 0x20 <= u >> 8 < 0x7F and 0x20 <= u & 0xFF < 0x7F)
    if ascii_pairs > len(units) * 9 // 10:
        raise InputError(name, f"not {encoding} text, though it starts with a {encoding} byte-order mark")
    unassigned = sum(1 for u in units if unicodedata.category(chr(u)) in ("Cn", "Co", "Cs"))
    if unassigned > len(units) // 20:
        raise InputError(name, f"unassigned or private characters in {unassigned:,} of {len(units):,} read as "
                               f"{encoding}: not text in that encoding")


# When charset detection finds several single-byte encodings that read the bytes equally well,
# the most common one on the web wins: charset-normalizer alone picks cp1250 for plain French
# or German cp1252 text, which turns "très" into "trčs" silently.
PREFERRED = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1256", "cp1255", "latin_1")
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, name: str) -> tuple[str, str, int]:
    """(text, encoding, bom length). UTF-8 first (most of the web), then charset detection.

    The encoding returned round-trips: `data[bom:].decode(encoding)` is the text, and
    `text.encode(encoding)` gives the bytes back, which is what maps spans to original bytes."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"invalid {enc} after a byte-order mark (at byte {exc.start + len(bom)})") from None
            if not text.strip():
                raise InputError(name, "empty file")
            check_decoded(text, name, enc)
            return text, enc, len(bom)
    if looks_binary(data):
        raise InputError(name, "binary data, not text (no known document format)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    else:
        check_decoded(text, name, "utf-8")
        return text, "utf-8", 0
    if len(data) < MIN_GUESS:
        raise InputError(name, f"{len(data)} bytes that are not UTF-8: too few to tell their encoding")
    # Mostly valid multi-byte UTF-8 with a few invalid bytes: a damaged or mixed-encoding file.
    # Guessing a single-byte encoding for it would turn every accented letter into mojibake.
    # (Single-byte text matches the UTF-8 pattern only by accident, next to many stray bytes.)
    multibyte = UTF8_MULTIBYTE.findall(data)
    stray = sum(1 for b in data if b >= 0x80) - sum(len(m) for m in multibyte)
    if len(multibyte) > stray:
        raise InputError(name, f"invalid UTF-8 at byte {bad:,} in otherwise UTF-8 text (damaged or mixed encodings)")
    detected = _detect(data)
    if detected is None:
        raise InputError(name, "invalid text encoding (not UTF-8, and no other encoding fits)")
    try:
        text = data.decode(detected)
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"invalid text encoding (detected {detected}, but it does not decode)") from None
    check_decoded(text, name, detected)
    return text, detected, 0


def _detect(data: bytes) -> str | None:
    import codecs

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = {codecs.lookup(m.encoding).name for m in matches if m.chaos <= best.chaos + 0.01}
    for enc in PREFERRED:
        if codecs.lookup(enc).name in tied:
            return codecs.lookup(enc).name
    name = codecs.lookup(best.encoding).name
    # "utf-16" without a BOM would add one on every encode: name the byte order instead.
    if name in ("utf-16", "utf-32"):
        name += "-le"
    return name


def check_bytes(data: bytes, name: str, limits: Limits) -> None:
    """Refuse an over-long line before decoding: a 200 MB line costs one scan, not a decode and
    a split. Only files longer than the limit can hold such a line, so most files skip this."""
    if len(data) <= limits.max_line:
        return
    sep = b"\n" if b"\n" in data else b"\r"  # old Mac files end lines with CR alone
    pos = 0
    while True:
        nl = data.find(sep, pos)
        end = len(data) if nl < 0 else nl
        if end - pos > limits.max_line:
            raise LimitError(name, f"a single line of {end - pos:,} bytes, over the limit of {limits.max_line:,} "
                                   "(a binary, a dump or a bomb?)")
        if nl < 0:
            return
        pos = nl + 1


def check_lines(text: str, name: str, limits: Limits) -> None:
    if len(text) > limits.max_chars:
        raise LimitError(name, f"{len(text):,} characters of text, over the limit of {limits.max_chars:,}")
    if len(text) <= limits.max_line:
        return
    longest = max(len(line) for line in text.splitlines())
    if longest > limits.max_line:
        raise LimitError(name, f"a single line of {longest:,} characters, over the limit of {limits.max_line:,}")


def read_header(text: str) -> tuple[Metadata, int]:
    """Metadata from the top of a scraped text file: a title line and a URL line, or 'Key: value'
    lines. Returns the metadata and where the body starts."""
    meta, pos, _ = _read_header(text)
    return meta, pos


def header_title(text: str, body_start: int) -> Span | None:
    """Where the title read from a header (`text[:body_start]`) stands in `text`, for the
    normaliser to keep as the document's first paragraph; None when there is none, or when the
    body opens by stating it again (a page that repeats its headline says it once)."""
    if body_start <= 0:
        return None
    _, _, span = _read_header(text[:body_start])
    if span is None or repeats_title(text[span[0]:span[1]], text[body_start:]):
        return None
    return span


# How far into a body a repeated title is looked for: a page repeats its headline at its top.
TITLE_REPEAT_WINDOW = 2000


def repeats_title(title: str, body: str) -> bool:
    """Whether the opening of a body already states the title (folded: case, accents and
    punctuation aside), so that adding the title to the text would say it twice."""
    key = fold(title)
    return not key or f" {key} " in f" {fold(body[:TITLE_REPEAT_WINDOW + len(title)])} "


def _read_header(text: str) -> tuple[Metadata, int, Span | None]:
    """(metadata, where the body starts, the title's characters in `text` or None)."""
    meta = Metadata()
    title: Span | None = None
    lines = text.splitlines(keepends=True)
    consumed = 0
    at = 0  # where line i starts
    for i, line in enumerate(lines[:8]):
        if i:
            at += len(lines[i - 1])
        stripped = line.strip()
        if not stripped:
            if meta.title or meta.url:
                consumed = i + 1
                continue
            break
        m = URL_LINE.match(stripped)
        if m and not meta.url:
            meta.url = m.group(1)
            consumed = i + 1
            continue
        f = FIELD_LINE.match(line)
        if f:
            key, value = f.group(1).lower(), f.group(2)
            if key == "title":
                meta.title = value
                title = (at + f.start(2), at + f.end(2))
            elif key in ("author", "by"):
                meta.author = value
            elif key in ("publisher", "source", "site"):
                meta.publisher = value
            elif key in ("date", "published"):
                meta.published = value[:10]
            consumed = i + 1
            continue
        # A first short line without a full stop, followed by a URL line, is a title.
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if i == 0 and len(stripped) < 200 and URL_LINE.match(nxt):
            meta.title = stripped
            lead = len(line) - len(line.lstrip())
            title = (at + lead, at + lead + len(stripped))
            consumed = i + 1
            continue
        break
    pos = sum(len(x) for x in lines[:consumed])
    if meta.url:
        from urllib.parse import urlparse

        host = urlparse(meta.url).hostname or ""
        meta.publisher = meta.publisher or (host[4:] if host.startswith("www.") else host) or None
        d = DATE_IN_URL.search(meta.url)
        if d and not meta.published:
            meta.published = f"{d.group(1)}-{d.group(2)}-{d.group(3)}"
    if not meta.title and consumed == 0:
        meta.title = _headline(lines)
    return meta, pos, title


def _headline(lines: list[str]) -> str | None:
    """A first line that reads as a headline: short, set apart by a blank line, mostly capitalised
    words. It names the document but stays in the body (headlines carry attributions too)."""
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    words = first.split()
    if not 2 <= len(words) <= 30 or len(first) > 200:
        return None
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return first if caps >= 0.6 * len(words) else None


def parse_text(data: bytes, name: str, limits: Limits) -> Parsed:
    check_bytes(data, name, limits)
    text, encoding, bom = decode(data, name)
    check_lines(text, name, limits)
    meta, body = read_header(text)
    step = Step("decode", "charset-normalizer", _version("charset_normalizer"), f"encoding={encoding}")
    return Parsed(text=text, metadata=meta, format="text", encoding=encoding, bom=bom, body_start=body, steps=[step])


def char_to_byte_span(text: str, encoding: str, bom: int, span: tuple[int, int]) -> tuple[int, int]:
    """Byte offsets in the original of a span of its decoded text."""
    a = bom + len(text[: span[0]].encode(encoding))
    b = a + len(text[span[0] : span[1]].encode(encoding))
    return (a, b)


def clean_to_byte_span(data: bytes, encoding: str, bom: int, offsets: list[int],
                       span: tuple[int, int]) -> tuple[int, int]:
    """Byte offsets in the original `data` of a span of the normalised text, through the
    normaliser's offset map (clean index -> decoded index) and the decoding."""
    start, end = span
    a = offsets[start]
    b = offsets[end - 1] + 1 if end > start else a
    return char_to_byte_span(data[bom:].decode(encoding), encoding, bom, (a, b))


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module.replace("_", "-"))
    except PackageNotFoundError:
        return "unknown"
