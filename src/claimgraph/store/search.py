"""Full-text search over texts, quotes (with their speakers) and claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..filters import Filters
from .database import Database

if TYPE_CHECKING:
    from .listings import Query


def fts_query(q: str, prefix: bool = True) -> str:
    """A user's words as an FTS5 query: each word must match, as a prefix (or exactly); no FTS syntax errors."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in q).split() if w]
    star = "*" if prefix else ""
    return " ".join(f'"{w}"{star}' for w in words)


# Ranking every match of a word that is in most documents costs a second at 100,000 documents;
# only the newest SEARCH_WINDOW matches (by when they were stored) are ranked.
SEARCH_WINDOW = 2000

_SEARCH_SQL = {
    "documents_fts": "SELECT d.id, d.sha256, d.title, d.publisher, d.published,"
                     " snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet"
                     " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                     " WHERE documents_fts MATCH ? AND documents_fts.rowid >= ? ORDER BY rank LIMIT ?",
    "quotes_fts": "SELECT q.id, q.document_id, q.local_id, q.kind, q.text, q.speaker_name, q.start, q.end,"
                  " d.sha256, d.title"
                  " FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN documents d ON d.id = q.document_id"
                  " WHERE quotes_fts MATCH ? AND quotes_fts.rowid >= ? ORDER BY rank LIMIT ?",
    "claims_fts": "SELECT c.id, c.document_id, c.local_id, c.text, c.low, c.high, c.qualifier, c.counted, c.event,"
                  " c.claimant_name, c.start, c.end, d.sha256, d.title"
                  " FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid JOIN documents d ON d.id = c.document_id"
                  " WHERE claims_fts MATCH ? AND claims_fts.rowid >= ? ORDER BY rank LIMIT ?",
}


# What each kind of hit is searched in, and the listing whose filters and columns it takes.
FTS = {"documents": "documents_fts", "quotes": "quotes_fts", "claims": "claims_fts"}
KEY = {"documents": "d.id", "quotes": "q.id", "claims": "c.id"}
HIT_COLUMNS = {
    "documents": "SELECT d.id, d.sha256, d.title, d.publisher, d.published, d.url, d.text",
    "quotes": "SELECT q.id, q.document_id, q.local_id, q.kind, q.text, q.speaker_name, q.start, q.end, q.confidence,"
              " q.publisher, q.published, d.sha256, d.title",
    "claims": "SELECT c.id, c.document_id, c.local_id, c.kind, c.text, c.low, c.high, c.value, c.qualifier, c.counted,"
              " c.event, c.claimant_name, c.start, c.end, c.confidence, c.publisher, c.published, d.sha256, d.title",
}
TABLE = {"documents": "documents d", "quotes": "quotes q", "claims": "claims c"}
DOC_JOIN = {"documents": "", "quotes": " JOIN documents d ON d.id = q.document_id",
            "claims": " JOIN documents d ON d.id = c.document_id"}
SEARCH_SORTS = ("relevance", "newest", "date")


class Search:
    """Texts, quotes and claims by their words."""

    db: Database

    if TYPE_CHECKING:  # Listings, beside this class in Store, has it
        def _query(self, listing: str, f: Filters) -> Query: ...

    def _matching(self, kind: str, match: str | None, f: Filters, ordered: bool = False) -> tuple[str, list[Any]]:
        """The WHERE clause for hits of `kind` matching an FTS5 expression and the filters.
        `ordered`: the hits are read in an index's order (by date, newest), the matches only
        checked against: without it a common word's 90,000 matches were each read from the table
        and sorted to show ten (220 ms at 100,000 documents; walking the date index, 16 ms)."""
        where, args = self._query(kind, Filters(**{**f.active(), "sort": None})).where()
        if match is None:
            return where, args
        key = f"+{KEY[kind]}" if ordered else KEY[kind]  # unary +: the key's IN list is not a lookup plan
        cond = f"{key} IN (SELECT rowid FROM {FTS[kind]} WHERE {FTS[kind]} MATCH ?)"
        return (f"{where} AND {cond}" if where else f"WHERE {cond}"), [*args, match]

    def search_total(self, kind: str, match: str | None, f: Filters) -> int:
        """How many hits of `kind` match (every one, not only those ranked)."""
        if match is not None and not f.active():
            return int(self.db.value(f"SELECT count(*) FROM {FTS[kind]} WHERE {FTS[kind]} MATCH ?", (match,)))
        # A word in more than SEARCH_WINDOW texts: the filters' indexes (which hold the filtered
        # columns) find the candidates and each is checked against the matches; reading each of
        # 12,000 matching claims' rows to check its publisher and claimant took 40 ms, 5 this way.
        many = match is not None and self._window(FTS[kind], match) > 0
        where, args = self._matching(kind, match, f, ordered=many)
        return int(self.db.value(f"SELECT count(*) FROM {TABLE[kind]} {where}", args))

    def search_page(self, kind: str, match: str | None, f: Filters, limit: int = 20, offset: int = 0,
                    sort: str = "relevance") -> list[dict[str, Any]]:
        """One page of hits of `kind` (documents, quotes, claims). relevance ranks the newest
        SEARCH_WINDOW matches (ranking every match of a common word costs a second at 100,000
        documents); newest and date page through all of them."""
        if sort == "relevance" and match is not None:
            fts = FTS[kind]
            where, args = self._matching(kind, None, f)
            extra = where.replace("WHERE ", "AND ", 1) if where else ""
            return self.db.query(
                f"{HIT_COLUMNS[kind]} FROM {fts} JOIN {TABLE[kind]} ON {KEY[kind]} = {fts}.rowid{DOC_JOIN[kind]}"
                f" WHERE {fts} MATCH ? AND {fts}.rowid >= ? {extra} ORDER BY {fts}.rank LIMIT ? OFFSET ?",
                (match, self._window(fts, match), *args, limit, offset))
        # newest walks the matches' own rowids in order; by date, the date index is walked
        where, args = self._matching(kind, match, f, ordered=sort == "date")
        alias = KEY[kind].split(".")[0]
        order = f"{alias}.published DESC, {KEY[kind]} DESC" if sort == "date" else f"{KEY[kind]} DESC"
        # The page of ids first (from the indexes), then the columns of those rows only.
        return self.db.query(f"{HIT_COLUMNS[kind]} FROM (SELECT {KEY[kind]} AS id FROM {TABLE[kind]} {where}"
                             f" ORDER BY {order} LIMIT ? OFFSET ?) page JOIN {TABLE[kind]} ON {KEY[kind]} = page.id"
                             f"{DOC_JOIN[kind]} ORDER BY {order}", (*args, limit, offset))

    def _window(self, table: str, fq: str) -> int:
        """The lowest rowid among the newest SEARCH_WINDOW matches (0 when there are fewer)."""
        low = self.db.value(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                            (fq, SEARCH_WINDOW - 1))
        return int(low) if low is not None else 0

    def _search(self, table: str, q: str, limit: int) -> list[dict[str, Any]]:
        # Whole words first: a prefix query makes FTS5 merge the lists of every word it could
        # complete to (80 ms for a common one at 100k documents), an exact one is a lookup.
        # Prefixes fill the rest when whole words find too few.
        rows: list[dict[str, Any]] = []
        seen: set[int] = set()
        for fq in dict.fromkeys((fts_query(q, prefix=False), fts_query(q))):
            if len(rows) >= limit:
                break
            for r in self.db.query(_SEARCH_SQL[table], (fq, self._window(table, fq), limit)):
                if r["id"] not in seen and len(rows) < limit:
                    seen.add(r["id"])
                    rows.append(r)
        return rows

    def search(self, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Texts, quotes (and speakers) and claims matching every word of q (whole words ranked
        first, then words it begins), best first."""
        if not fts_query(q):
            return {"documents": [], "quotes": [], "claims": []}
        return {"documents": self._search("documents_fts", q, limit), "quotes": self._search("quotes_fts", q, limit),
                "claims": self._search("claims_fts", q, limit)}
