"""Full-text search on PostgreSQL: its own tsvector and tsquery over the `*_fts` tables, which
PostgreSQL keeps as plain tables with a generated `tsv` column (postgres.py). The same results'
shape as search.py's FTS5 search: every word must match, whole words ranked first, then words
they begin. The search box's expression (searchquery.py writes it in FTS5's syntax: quoted
words and phrases, prefixes, AND, OR, NOT, parentheses) is turned into a tsquery here, so the
web's search, its filters and the fact-check candidates read the same hits on either engine."""

from __future__ import annotations

import re
from typing import Any

from ..filters import Filters
from .database import Database
from .search import DOC_JOIN, FTS, HIT_COLUMNS, KEY, TABLE, Search

_SNIPPET = "'StartSel=[, StopSel=], MaxWords=16, MinWords=6, FragmentDelimiter= … , MaxFragments=1'"
_SQL = {
    "documents": "SELECT d.id, d.sha256, d.title, d.publisher, d.published,"
                 f" ts_headline('simple', f.text, q, {_SNIPPET}) AS snippet"
                 " FROM documents_fts f JOIN documents d ON d.id = f.rowid, to_tsquery('simple', ?) q"
                 " WHERE f.tsv @@ q ORDER BY ts_rank(f.tsv, q) DESC, f.rowid DESC LIMIT ?",
    "quotes": "SELECT q.id, q.document_id, q.local_id, q.kind, q.text, q.speaker_name, q.start, q.end,"
              " d.sha256, d.title"
              " FROM quotes_fts f JOIN quotes q ON q.id = f.rowid JOIN documents d ON d.id = q.document_id,"
              " to_tsquery('simple', ?) w WHERE f.tsv @@ w ORDER BY ts_rank(f.tsv, w) DESC, f.rowid DESC LIMIT ?",
    "claims": "SELECT c.id, c.document_id, c.local_id, c.text, c.low, c.high, c.qualifier, c.counted, c.event,"
              " c.claimant_name, c.start, c.end, d.sha256, d.title"
              " FROM claims_fts f JOIN claims c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id,"
              " to_tsquery('simple', ?) w WHERE f.tsv @@ w ORDER BY ts_rank(f.tsv, w) DESC, f.rowid DESC LIMIT ?",
}
_CANDIDATE = ("SELECT c.id, c.text, c.value, c.low, c.high, c.claimant_name, c.number_text, m.group_id, d.url"
              " FROM claims c JOIN claim_members m ON m.claim_id = c.id JOIN documents d ON d.id = c.document_id")
# FTS5's syntax as searchquery.py and fts_query write it: "quoted words" (a trailing * makes the
# last a prefix), AND, OR, NOT, parentheses.
_FTS_TOKEN = re.compile(r'"((?:[^"]|"")*)"(\*?)|(\()|(\))|\b(AND|OR|NOT)\b')
_OPERATORS = {"AND": " & ", "OR": " | ", "NOT": " & !"}


def ts_query(q: str, prefix: bool = True) -> str:
    """A user's words as a tsquery: each word must match, as a prefix (or exactly); only letters
    and digits pass, so no query is a syntax error."""
    words = [w.lower() for w in "".join(ch if ch.isalnum() else " " for ch in q).split() if w]
    star = ":*" if prefix else ""
    return " & ".join(f"'{w}'{star}" for w in words)


def from_fts(match: str) -> str:
    """An FTS5 MATCH expression as a tsquery: a phrase's words follow each other (<->), NOT is
    FTS5's binary 'and not', words side by side must all match. Quoted text keeps only letters
    and digits, so no input is tsquery syntax."""
    out: list[str] = []
    after_operand = False  # the last piece ended a word, a phrase or a group
    for m in _FTS_TOKEN.finditer(match):
        phrase, star, opening, closing, operator = m.groups()
        if operator:
            out.append(_OPERATORS[operator])
            after_operand = False
            continue
        if closing:
            out.append(")")
            after_operand = True
            continue
        if phrase is not None:
            terms = [f"'{w}'" for w in re.findall(r"[^\W_]+", phrase.lower())]
            if not terms:
                continue
            if star:
                terms[-1] += ":*"
            piece = terms[0] if len(terms) == 1 else "(" + " <-> ".join(terms) + ")"
        else:
            piece = opening
        if after_operand:
            out.append(" & ")
        out.append(piece)
        after_operand = phrase is not None
    return "".join(out)


class PgSearch(Search):
    """Texts, quotes and claims by their words, on PostgreSQL."""

    db: Database  # a PgDatabase (postgres.py)

    def search(self, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for table, sql in _SQL.items():
            rows: list[dict[str, Any]] = []
            seen: set[int] = set()
            for tq in dict.fromkeys((ts_query(q, prefix=False), ts_query(q))) if ts_query(q) else ():
                for r in self.db.query(sql, (tq, limit)):
                    if r["id"] not in seen and len(rows) < limit:
                        seen.add(r["id"])
                        rows.append(r)
            out[table] = rows
        return out

    def _matching(self, kind: str, match: str | None, f: Filters, ordered: bool = False) -> tuple[str, list[Any]]:
        # `ordered` steers SQLite's planner away from the match list; PostgreSQL's weighs both ways
        where, args = self._query(kind, Filters(**{**f.active(), "sort": None})).where()
        if match is None:
            return where, args
        cond = f"{KEY[kind]} IN (SELECT rowid FROM {FTS[kind]} WHERE tsv @@ to_tsquery('simple', ?))"
        return (f"{where} AND {cond}" if where else f"WHERE {cond}"), [*args, from_fts(match)]

    def search_total(self, kind: str, match: str | None, f: Filters) -> int:
        where, args = self._matching(kind, match, f)
        return int(self.db.value(f"SELECT count(*) FROM {TABLE[kind]} {where}", args))

    def search_page(self, kind: str, match: str | None, f: Filters, limit: int = 20, offset: int = 0,
                    sort: str = "relevance") -> list[dict[str, Any]]:
        if sort != "relevance" or match is None:
            return super().search_page(kind, match, f, limit, offset, sort)
        fts = FTS[kind]
        where, args = self._matching(kind, None, f)
        extra = where.replace("WHERE ", "AND ", 1) if where else ""
        return self.db.query(
            f"{HIT_COLUMNS[kind]} FROM {fts} JOIN {TABLE[kind]} ON {KEY[kind]} = {fts}.rowid{DOC_JOIN[kind]},"
            f" to_tsquery('simple', ?) tq WHERE {fts}.tsv @@ tq {extra}"
            f" ORDER BY ts_rank({fts}.tsv, tq) DESC, {fts}.rowid DESC LIMIT ? OFFSET ?",
            (from_fts(match), *args, limit, offset))

    def claims_sharing_words(self, words: list[str], limit: int = 200) -> list[dict[str, Any]]:
        terms = [w.lower() for w in dict.fromkeys(words) if w.isalnum()]
        if not terms:
            return []
        return self.db.query(
            f"{_CANDIDATE} JOIN (SELECT rowid, ts_rank(tsv, tq) AS score FROM claims_fts, to_tsquery('simple', ?) tq"
            " WHERE tsv @@ tq ORDER BY score DESC LIMIT ?) hit ON hit.rowid = c.id ORDER BY hit.score DESC",
            (" | ".join(f"'{w}'" for w in terms), limit))
