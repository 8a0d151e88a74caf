"""A listing's facets: what each counts, the running tallies that answer an unfiltered listing
at any size, and the bounded count that answers a filtered one.

Counting a facet over 100,000 claims reads 100,000 index entries per facet on every request
(about 30 ms each). So the writes that add and remove documents, quotes and claims keep a tally
of each facet value and of each listing's rows (`facet_tallies`), and an unfiltered listing's
total and facets are read from it. A filtered listing's facets are counted in one pass over at
most `FACET_ROWS` of the rows its filters keep; past that they describe those rows, and
`facets_counted` says how many that was.
"""

from __future__ import annotations

from typing import Any

from ..filters import Filters
from .database import Database

FACET_SIZE = 10
FACET_ROWS = 10_000  # rows a filtered listing's facets are counted over, at most
# What each listing's facets count: (name, the column grouped on).
FACETS: dict[str, list[tuple[str, str]]] = {
    "documents": [("publisher", "d.publisher"), ("format", "d.format")],
    "quotes": [("publisher", "q.publisher"), ("kind", "q.kind"), ("speaker", "q.speaker_name")],
    "claims": [("publisher", "c.publisher"), ("kind", "c.kind"), ("counted", "c.counted"),
               ("speaker", "c.claimant_name")],
    "entities": [("type", "type")],
}
TALLIED = ("documents", "quotes", "claims")  # entities are resolve's, rebuilt whole: counted when read
TOTAL = ""  # the facet and value of a listing's row count in facet_tallies


def unfiltered(f: Filters) -> bool:
    """Whether a listing's rows are all of its table's (only the order is chosen)."""
    return not set(f.active()) - {"sort"}


def tally(db: Database, listing: str, where: str, args: tuple[Any, ...], sign: int) -> None:
    """Add (sign 1) or take away (-1) the rows of `listing`'s table that `where` keeps (a
    condition on its own columns, e.g. "document_id = ?") to or from the tallies; called beside
    the statements that write and delete those rows, in their transaction."""
    if listing not in TALLIED:
        raise ValueError(listing)
    parts = [f"SELECT '{TOTAL}', '{TOTAL}', {sign} * count(*) FROM {listing} WHERE {where} HAVING count(*) > 0"]
    for name, column in FACETS[listing]:
        col = column.split(".")[-1]
        parts.append(f"SELECT '{name}', {col}, {sign} * count(*) FROM {listing} WHERE {where} AND {col} IS NOT NULL"
                     f" GROUP BY {col}")
    for part in parts:
        db.execute(f"INSERT INTO facet_tallies(listing, facet, value, n) SELECT '{listing}', t.* FROM ({part}) t"
                   " WHERE true ON CONFLICT(listing, facet, value) DO UPDATE SET n = facet_tallies.n + excluded.n",
                   args)


def rebuild(db: Database) -> None:
    """Every tally counted again from the stored rows (the schema step that adds them)."""
    db.execute("DELETE FROM facet_tallies")
    for listing in TALLIED:
        tally(db, listing, "true", (), 1)


def tallied_total(db: Database, listing: str) -> int:
    return int(db.value("SELECT n FROM facet_tallies WHERE listing = ? AND facet = ? AND value = ?",
                        (listing, TOTAL, TOTAL)) or 0)


def tallied_facets(db: Database, listing: str, size: int = FACET_SIZE) -> dict[str, list[dict[str, Any]]]:
    """An unfiltered listing's facets, as `counted_facets` would count them over every row."""
    return {name: db.query("SELECT value, n FROM facet_tallies WHERE listing = ? AND facet = ? AND n > 0"
                           " ORDER BY n DESC, value LIMIT ?", (listing, name, size))
            for name, _ in FACETS[listing]}


def counted_facets(db: Database, listing: str, source: str, where: str, args: list[Any],
                   size: int = FACET_SIZE, rows: int = FACET_ROWS) -> dict[str, list[dict[str, Any]]]:
    """Each facet's most frequent values among the first `rows` rows that `where` keeps, read
    once (from an index that holds the facet columns, where the filters allow one)."""
    facets = FACETS[listing]
    picked = ", ".join(f"{column} AS f{i}" for i, (_, column) in enumerate(facets))
    counts = " UNION ALL ".join(f"SELECT {i} AS facet, f{i} AS value, count(*) AS n FROM kept"
                                f" WHERE f{i} IS NOT NULL GROUP BY f{i}" for i in range(len(facets)))
    found = db.query(
        f"WITH kept AS MATERIALIZED (SELECT {picked} FROM {source} {where} LIMIT ?),"
        f" counted AS ({counts})"
        " SELECT facet, value, n FROM (SELECT facet, value, n,"
        " row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS r FROM counted) ranked"
        " WHERE r <= ? ORDER BY facet, r", (*args, rows, size))
    out: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in facets}
    for r in found:
        out[facets[r["facet"]][0]].append({"value": r["value"], "n": r["n"]})
    return out


def facets_counted(listing: str, f: Filters, total: int, rows: int = FACET_ROWS) -> int:
    """How many of a listing's `total` rows its facets were counted over."""
    return total if listing in TALLIED and unfiltered(f) else min(total, rows)
