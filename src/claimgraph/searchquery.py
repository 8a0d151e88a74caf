"""What people type into a search box, read once: words, "phrases", AND/OR/NOT (and -word),
prefixes (flo*), parentheses, and fields (speaker:, publisher:, entity:, kind:, label:) in the
Lucene syntax investigators know from Aleph and Datashare (parsed by luqum).

The result is an FTS5 MATCH expression for the words, `Filters` for the fields, and the words
to highlight, which `marks` finds in a text by offsets, folding words as the FTS5 tokenizer does
(unicode61, diacritics removed), so a highlight is where the match is and nothing is inserted
into the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from luqum import tree
from luqum.exceptions import ParseError
from luqum.parser import parser

from .errors import InputError
from .filters import Filters
from .filters import parse as parse_filters
from .folding import ascii_lower

log = logging.getLogger(__name__)

FIELDS = {"speaker": "speaker", "publisher": "publisher", "entity": "entity", "kind": "kind", "label": "label"}
MULTI = ("publisher", "kind", "label")  # fields that may hold several values (publisher:(A OR B))
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps as a token: letters and digits


@dataclass(frozen=True)
class Term:
    word: str  # folded
    prefix: bool = False

    def matches(self, token: str) -> bool:
        return token.startswith(self.word) if self.prefix else token == self.word


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other (one word is a phrase of one)."""

    words: tuple[Term, ...]


@dataclass(frozen=True)
class SearchQuery:
    text: str
    match: str | None  # FTS5 MATCH expression; None when the query has only fields
    terms: tuple[Phrase, ...] = ()  # what to highlight (not what follows NOT)
    filters: Filters = field(default_factory=Filters)
    note: str | None = None  # how the query was read, when it could not be read as written

    @property
    def empty(self) -> bool:
        return self.match is None and not self.filters.active()

    def marks(self, text: str, start: int = 0, end: int | None = None, limit: int = 200) -> list[tuple[int, int]]:
        """Offsets of the words of `text[start:end]` the query matches, in `text`'s numbering: a
        phrase only where its words follow each other."""
        out: list[tuple[int, int]] = []
        if not self.terms:
            return out
        tokens = [(m.start(), m.end(), ascii_lower(m.group()))
                  for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
        for i in range(len(tokens)):
            for phrase in self.terms:
                words = phrase.words
                if i + len(words) <= len(tokens) and all(
                        w.matches(tokens[i + k][2]) for k, w in enumerate(words)):
                    out.extend((tokens[i + k][0], tokens[i + k][1]) for k in range(len(words)))
                    break
            if len(out) >= limit:
                break
        return sorted(set(out))

    def snippet(self, text: str, width: int = 240) -> tuple[int, int, list[tuple[int, int]]]:
        """A window of about `width` characters around the first match (the start when there is
        none): (start, end, marks), offsets into `text`."""
        first = next(iter(self.marks(text, limit=1)), None)
        if first is None:
            end = min(len(text), width)
            return 0, end, []
        a = max(0, first[0] - width // 3)
        b = min(len(text), a + width)
        # Whole words at both ends.
        while a > 0 and text[a - 1].isalnum() and first[0] - a < width // 2:
            a -= 1
        while b < len(text) and text[b].isalnum() and b - first[1] < width:
            b += 1
        return a, b, self.marks(text, a, b)


def parse(text: str) -> SearchQuery:
    """Read a search. Text that is not valid query syntax (an unclosed quote or parenthesis) is
    read as plain words, each of which must match, with a note saying so."""
    text = " ".join(text.split())
    if not text:
        return SearchQuery(text, None)
    try:
        node = parser.parse(text)
    except (ParseError, TypeError, ValueError, RecursionError) as exc:
        log.debug("search %r read as plain words: %s", text, exc)
        return _plain(text, "read as plain words: the search syntax was not complete (a quote or parenthesis "
                            "left open?)")
    fields: dict[str, list[str]] = {}
    positive: list[Phrase] = []
    words = _compile(_top(node, fields), positive)
    filters = parse_filters(fields)
    if words is None and not fields:
        raise InputError("q", "a search needs at least one word to look for (NOT alone finds nothing)")
    return SearchQuery(text, words, tuple(dict.fromkeys(positive)), filters)


def _plain(text: str, note: str) -> SearchQuery:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return SearchQuery(text, None, note=note)
    match = " AND ".join(_quote(t) for t in tokens)
    return SearchQuery(text, match, tuple(dict.fromkeys(Phrase((Term(ascii_lower(t)),)) for t in tokens)), note=note)


def _top(node: tree.Item, fields: dict[str, list[str]]) -> tree.Item | None:
    """Take the fields out of the top-level AND (where they narrow the search); what is left is
    the words. A field anywhere else (inside OR, after NOT) is refused: it cannot be a filter."""
    if isinstance(node, tree.SearchField):
        _field(node, fields)
        return None
    if isinstance(node, tree.AndOperation | tree.UnknownOperation):
        rest = [c for c in (_top(child, fields) for child in node.children) if c is not None]
        if not rest:
            return None
        return rest[0] if len(rest) == 1 else tree.AndOperation(*rest)
    if isinstance(node, tree.Plus):
        return _top(node.a, fields)
    return node


def _field(node: tree.SearchField, fields: dict[str, list[str]]) -> None:
    name = node.name.lower()
    if name not in FIELDS:
        raise InputError(f"{name}:", f"not a search field (fields: {', '.join(f + ':' for f in FIELDS)})")
    values = list(_field_values(node.expr, name))
    if len(values) > 1 and name not in MULTI:
        raise InputError(f"{name}:", "takes one value")
    fields.setdefault(FIELDS[name], []).extend(values)


def _field_values(node: tree.Item, name: str) -> Iterator[str]:
    if isinstance(node, tree.Word):
        yield node.value
    elif isinstance(node, tree.Phrase):
        yield node.value.strip('"')
    elif isinstance(node, tree.FieldGroup | tree.Group):
        yield from _field_values(node.expr, name)
    elif isinstance(node, tree.OrOperation):
        for child in node.children:
            yield from _field_values(child, name)
    else:
        raise InputError(f"{name}:", "takes a word, a \"phrase\" or (one OR another)")


def _compile(node: tree.Item | None, positive: list[Phrase]) -> str | None:
    """The FTS5 expression for a tree of words; every word quoted, so no user text is syntax."""
    if node is None:
        return None
    if isinstance(node, tree.Word):
        value = node.value
        prefix = value.endswith("*")
        tokens = _TOKEN.findall(value)
        if not tokens:
            return None
        # covid-19 is the phrase "covid 19" to FTS5, as to the highlight.
        positive.append(Phrase(tuple(Term(ascii_lower(t), prefix and i == len(tokens) - 1)
                                     for i, t in enumerate(tokens))))
        return _quote(" ".join(tokens)) + ("*" if prefix else "")
    if isinstance(node, tree.Phrase | tree.Proximity):
        phrase = node.term if isinstance(node, tree.Proximity) else node
        tokens = _TOKEN.findall(str(phrase.value))
        if tokens:
            positive.append(Phrase(tuple(Term(ascii_lower(t)) for t in tokens)))
        return _quote(" ".join(tokens)) if tokens else None
    if isinstance(node, tree.Fuzzy | tree.Boost):
        return _compile(node.term, positive)
    if isinstance(node, tree.Group | tree.FieldGroup):
        inner = _compile(node.expr, positive)
        return f"({inner})" if inner else None
    if isinstance(node, tree.Plus):
        return _compile(node.a, positive)
    if isinstance(node, tree.AndOperation | tree.UnknownOperation):
        pos, neg = [], []
        for child in node.children:
            if isinstance(child, tree.Not | tree.Prohibit):
                n = _compile(child.a, [])
                if n:
                    neg.append(n)
            else:
                p = _compile(child, positive)
                if p:
                    pos.append(p)
        if not pos:
            if neg:
                raise InputError("q", "NOT needs a word to look for beside it ('flood NOT rumour')")
            return None
        out = " AND ".join(pos) + "".join(f" NOT {n}" for n in neg)
        return f"({out})" if len(pos) > 1 or neg else out
    if isinstance(node, tree.OrOperation):
        parts = []
        for child in node.children:
            if isinstance(child, tree.Not | tree.Prohibit):
                raise InputError("q", "NOT cannot be one side of OR")
            p = _compile(child, positive)
            if p:
                parts.append(p)
        return "(" + " OR ".join(parts) + ")" if len(parts) > 1 else (parts[0] if parts else None)
    if isinstance(node, tree.Not | tree.Prohibit):
        raise InputError("q", "NOT needs a word to look for beside it ('flood NOT rumour')")
    if isinstance(node, tree.SearchField):
        raise InputError(f"{node.name}:", "a field narrows the whole search: put it beside the words, not inside "
                         "OR, NOT or parentheses")
    raise InputError("q", f"{type(node).__name__.lower()} searches are not supported")


def _quote(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'
