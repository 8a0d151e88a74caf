"""Full-text search over texts, quotes (with their speakers) and claims."""

from __future__ import annotations

from typing import Any

from .database import Database


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


class Search:
    """Texts, quotes and claims by their words."""

    db: Database

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
