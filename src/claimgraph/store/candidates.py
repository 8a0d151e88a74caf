"""Grouped claims a published fact-check may be about: those sharing words with its claim (full-
text search, best first) and those in documents at the addresses where it says the claim
appeared. What decides between them is formats/feeds.py's."""

from __future__ import annotations

from typing import Any

from .database import Database

_CANDIDATE = ("SELECT c.id, c.text, c.value, c.low, c.high, c.claimant_name, c.number_text, m.group_id, d.url"
              " FROM claims c JOIN claim_members m ON m.claim_id = c.id JOIN documents d ON d.id = c.document_id")


class Candidates:
    """Claims to match published reviews against."""

    db: Database

    def claims_sharing_words(self, words: list[str], limit: int = 200) -> list[dict[str, Any]]:
        """Grouped claims whose sentence, counted thing, event or claimant has any of the words,
        those with the most (rarest) of them first."""
        terms = [w for w in dict.fromkeys(words) if w.isalnum()]
        if not terms:
            return []
        match = " OR ".join(f'"{w}"' for w in terms)
        return self.db.query(f"{_CANDIDATE} JOIN (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?"
                             " ORDER BY rank LIMIT ?) hit ON hit.rowid = c.id ORDER BY hit.rank", (match, limit))

    def claims_at(self, urls: list[str]) -> list[dict[str, Any]]:
        """Grouped claims of the documents found at these addresses."""
        if not urls:
            return []
        return self.db.query(f"{_CANDIDATE} WHERE d.url IN ({','.join('?' * len(urls))})", urls)
