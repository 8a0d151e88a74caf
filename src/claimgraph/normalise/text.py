"""The normaliser. Every clean character keeps the index of the source character it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
FOOTER = re.compile(
    r"^(no comments?|\d+ comments?|post a comment|leave a (reply|comment)|comments?( are closed)?:?$|share (this|on|via)|"
    r"share:?$|tags?:|labels?:|posted (by|in|on)|filed under|related posts|subscribe\b|sign up\b|copyright\b|©|"
    r"all rights reserved|follow us|newer post|older post|home$|email this|blogthis|click to share|print this|"
    r"you may also like|about the author|facebook\b|twitter\b|whatsapp\b|read the rest\b|like this:?|"
    r"loading\.\.\.|powered by\b)",
    re.I,
)
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
        if width is None or SEPARATOR.match(s):
            if cur.pieces:
                paras.append(cur)
            paras.append(_Para([(a, b)]))
            cur = _Para()
            continue
        if not cur.pieces and _is_heading(s) and (b - a) < 0.9 * width:
            paras.append(_Para([(a, b)]))
            continue
        cur.pieces.append((a, b))
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or nxt[0] == nxt[1]:
            continue  # the blank line or the end closes it
        next_word = TOKEN.match(text, nxt[0])
        nw = len(next_word.group()) if next_word else 0
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
    paras = paragraphs(text, body_start)
    flags: list[Flag] = []
    # Trailing boilerplate: from the first footer line after which only short lines remain.
    cut = len(paras)
    for i in range(len(paras) - 1, max(-1, len(paras) - 16), -1):
        words = paras[i].words(text)
        if len(words) > 200:
            break
        if FOOTER.match(words):
            cut = i
    removed: Span | None = None
    if cut < len(paras):
        removed = (paras[cut].pieces[0][0], paras[-1].pieces[-1][1])
        paras = paras[:cut]

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
            toks = list(TOKEN.finditer(line))
            for j, tok in enumerate(toks):
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
        if i == 0 or not (SEPARATOR.match(head) or APPENDED_HEAD.match(head)):
            continue
        rest = spans[i + 1:]
        if len(rest) >= 2 and sum(b - a for a, b in rest) > 300:
            flags.append(Flag("appended_article", (span[0], len(clean)), "a second article follows a separator"))
            break
    if removed:
        flags.append(Flag("boilerplate_removed", (len(clean), len(clean)),
                          f"trailing boilerplate removed: source characters {removed[0]}-{removed[1]}"))
    return Normalised(text=clean, offsets=out.offsets, flags=flags, repeated=repeated)
