"""The normaliser. Every clean character keeps the index of the source character it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.text import header_title
from ..model import Flag, Normalised, Span

TERMINAL = tuple('.!?:;"”’)]…')
OPENING_QUOTES = set('"“„«‘\'')
TOKEN = re.compile(r"\S+")
# A lone abbreviation at a line end ("Mr.") is a wrap, not the end of a paragraph.
ABBREVIATION = re.compile(r"^\W*(Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Prof|Lt|Col|Capt|Sgt|Jr|Sr|No|Vol|Rev|Hon|U\.S|U\.N)\.$")
SEPARATOR = re.compile(r"^[\W_]{3,}$")
APPENDED_HEAD = re.compile(
    r"^(more (about|on|from)\b|related( articles| posts| stories| news)?\b|read (more|also)\b|see also\b|also read\b|"
    r"recommended\b|further reading\b)",
    re.I,
)
# Blog and news-site furniture after the article. Phrases that open a footer line...
FOOTER = re.compile(
    r"^(no comments?:?|\d+ comments?:?|post a comment|leave a (reply|comment)|comments are closed|share this\b|"
    r"share (on|via) |tags?:|labels?:|posted (by|in|on) |filed under|related posts|subscribe (to|for)\b|sign up (for|to)\b|"
    r"copyright (©|\(c\)|\d{4})|©|all rights reserved|follow us (on|at)\b|newer post|older post|email this|blogthis|"
    r"click to (share|print|email)|print this|you may also like|about the author|read the rest\b|powered by )",
    re.I,
)
# ...and words that are a footer only when they are the whole line: "Facebook declined to
# comment." is the article, "Facebook | Twitter" under it is not.
FOOTER_WORDS = re.compile(
    r"^(?:(?:home|share|comments?|facebook|twitter|whatsapp|linkedin|reddit|email|print|like this|loading\.\.\.)"
    r"[\s:|•·,/-]*)+$",
    re.I,
)
FOOTER_MAX = 160  # characters: a footer line is short
QUOTE_CHARS = "\"'“”‘’«»„"


@dataclass
class _Para:
    pieces: list[Span] = field(default_factory=list)  # source spans of its lines

    def words(self, text: str) -> str:
        return " ".join(text[a:b].strip() for a, b in self.pieces)


def _lines(text: str, start: int) -> list[Span]:
    out: list[Span] = []
    pos = start
    for line in text[start:].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        a = pos + (len(body) - len(body.lstrip()))
        b = pos + len(body.rstrip())
        out.append((a, max(a, b)))
        pos += len(line)
    return out


def wrap_width(text: str, lines: list[Span]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when lines are paragraphs."""
    lengths = sorted(b - a for a, b in lines if b > a)
    if len(lengths) < 8:
        return None
    # Wrapping cuts sentences anywhere, so most wrapped lines end mid-sentence; lines that mostly
    # end a sentence are paragraphs, even when they happen to be of similar length.
    ends = sum(1 for a, b in lines if b > a and text[a:b].endswith(TERMINAL))
    if ends > 0.6 * len(lengths):
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 120:
        width = next((x for x in reversed(lengths) if 40 <= x <= 120), 0)
        if not width:
            return None
    near = sum(1 for x in lengths if 0.75 * width <= x <= width + 6)
    return width if near >= 0.5 * len(lengths) else None


def _is_heading(s: str) -> bool:
    words = s.split()
    if not 2 <= len(words) <= 14 or s.endswith(TERMINAL):
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps >= 0.6 * len(words) or s.isupper()


def _continues(line: str) -> bool:
    """A line that starts in lower case, or with a letter of a script without case (Persian, Arabic):
    no capital can say a new sentence starts there, so only the punctuation above can."""
    first = line[:1]
    return first.islower() or (first.isalpha() and not first.isupper() and not first.islower())


def _headline_above(s: str, next_word: str, short: bool) -> bool:
    """A line that opens a block, stops short of the wrap width with no closing punctuation, and
    is followed by a capitalised line: a headline or subheading, not the start of a paragraph."""
    words = s.split()
    return short and 2 <= len(words) <= 20 and not s.endswith(TERMINAL) and not s.endswith((",", "-", "—")) and (
        next_word[:1].isupper() or next_word[:1] in OPENING_QUOTES)


def _lone_quote(s: str) -> bool:
    return 0 < len(s) <= 2 and all(c in QUOTE_CHARS for c in s)


def paragraphs(text: str, start: int = 0) -> list[_Para]:
    lines = _lines(text, start)
    width = wrap_width(text, lines)
    paras: list[_Para] = []
    cur = _Para()
    for i, (a, b) in enumerate(lines):
        if a == b:
            if cur.pieces:
                paras.append(cur)
                cur = _Para()
            continue
        s = text[a:b]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if SEPARATOR.match(s):
            if cur.pieces:
                paras.append(cur)
            paras.append(_Para([(a, b)]))
            cur = _Para()
            continue
        if _lone_quote(s) and nxt is not None and nxt[0] < nxt[1]:
            # An opening quote mark left alone on its line belongs to the words below it.
            if cur.pieces:
                paras.append(cur)
            cur = _Para([(a, b)])
            continue
        if width is None:
            # Lines are paragraphs, except a line that continues a sentence the line above left
            # open (no closing punctuation, starts in lower case): a wrap at an odd width.
            prev = text[cur.pieces[-1][0]:cur.pieces[-1][1]] if cur.pieces else ""
            if cur.pieces and (_lone_quote(prev) or (not prev.endswith(TERMINAL) and _continues(s))):
                cur.pieces.append((a, b))
            else:
                if cur.pieces:
                    paras.append(cur)
                cur = _Para([(a, b)])
            continue
        if not cur.pieces and _is_heading(s) and (b - a) < 0.9 * width:
            paras.append(_Para([(a, b)]))
            continue
        next_word = TOKEN.match(text, nxt[0]) if nxt is not None and nxt[0] < nxt[1] else None
        nw = len(next_word.group()) if next_word else 0
        if not cur.pieces and next_word is not None and _headline_above(s, next_word.group(), (b - a) + 1 + nw < width):
            paras.append(_Para([(a, b)]))  # "Powerful quake kills 10": a headline in sentence case
            continue
        cur.pieces.append((a, b))
        if nxt is None or nxt[0] == nxt[1]:
            continue  # the blank line or the end closes it
        abbreviation = bool(ABBREVIATION.match(s))
        fits = (b - a) + 1 + nw <= width - 1
        if not abbreviation and s.endswith(TERMINAL) and (fits or (b - a) > width + 6):
            paras.append(cur)
            cur = _Para()
        elif (b - a) > width + 6 and " " in s:
            paras.append(cur)  # an unwrapped long line in a wrapped text is a paragraph
            cur = _Para()
    if cur.pieces:
        paras.append(cur)
    return paras


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.length = 0

    def add(self, s: str, source_start: int) -> None:
        self.chars.append(s)
        self.offsets.extend(range(source_start, source_start + len(s)))
        self.length += len(s)

    def add_mapped(self, s: str, source_pos: int) -> None:
        self.chars.append(s)
        self.offsets.extend([source_pos] * len(s))
        self.length += len(s)


def _fingerprint(s: str) -> str:
    return " ".join(s.translate({ord(c): None for c in QUOTE_CHARS}).lower().split())


def normalise(text: str, body_start: int = 0) -> Normalised:
    """Clean text of `text[body_start:]`, a header's title (in `text[:body_start]`) first.

    The title is its own block, never joined to the lead (a headline seldom ends with a full
    stop), so its claims and quotes are found and point at its characters in the original; the
    header's URL and other fields stay out."""
    paras = paragraphs(text, body_start)
    flags: list[Flag] = []
    # Trailing boilerplate: from the first footer line after which only short lines remain.
    cut = len(paras)
    for i in range(len(paras) - 1, max(-1, len(paras) - 16), -1):
        words = paras[i].words(text)
        if len(words) > 200:
            break
        if len(words) <= FOOTER_MAX and (FOOTER.match(words) or FOOTER_WORDS.match(words)):
            cut = i
    removed: Span | None = None
    if cut < len(paras):
        removed = (paras[cut].pieces[0][0], paras[-1].pieces[-1][1])
        paras = paras[:cut]
    title = header_title(text, body_start)
    if title is not None and TOKEN.search(text, title[0], title[1]):
        paras.insert(0, _Para([title]))
    first_body = 1 if paras and paras[0].pieces[0] == title else 0

    out = _Builder()
    spans: list[Span] = []
    for k, para in enumerate(paras):
        if k:
            prev_end = paras[k - 1].pieces[-1][1]
            out.add_mapped("\n\n", prev_end)
        p_start = out.length
        first = True
        for a, b in para.pieces:
            line = text[a:b]
            for tok in TOKEN.finditer(line):
                if not first:
                    prev_tok_is_lone_quote = out.chars and out.chars[-1] in OPENING_QUOTES and out.length - p_start == 1
                    if not prev_tok_is_lone_quote:
                        out.add_mapped(" ", a + tok.start() - 1)
                out.add(tok.group(), a + tok.start())
                first = False
        spans.append((p_start, out.length))
    clean = "".join(out.chars)
    end_pos = paras[-1].pieces[-1][1] if paras else body_start
    out.offsets.append(end_pos)

    repeated: list[Span] = []
    seen: dict[str, Span] = {}
    for span in spans:
        fp = _fingerprint(clean[span[0]:span[1]])
        if len(fp) < 40:
            continue
        if fp in seen:
            repeated.append(span)
            first_at = seen[fp]
            flags.append(Flag("repeated_paragraph", span, f"repeats the paragraph at {first_at[0]}-{first_at[1]}"))
        else:
            seen[fp] = span
    for i, span in enumerate(spans):
        head = clean[span[0]:span[1]]
        if i <= first_body or not (SEPARATOR.match(head) or APPENDED_HEAD.match(head)):
            continue
        rest = spans[i + 1:]
        if len(rest) >= 2 and sum(b - a for a, b in rest) > 300:
            flags.append(Flag("appended_article", (span[0], len(clean)), "a second article follows a separator"))
            break
    if removed:
        flags.append(Flag("boilerplate_removed", (len(clean), len(clean)),
                          f"trailing boilerplate removed: source characters {removed[0]}-{removed[1]}"))
    return Normalised(text=clean, offsets=out.offsets, flags=flags, repeated=repeated)
