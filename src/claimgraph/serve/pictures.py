"""What the pictures on the pages are drawn from: the items of an entity or a claim group by
publication date (a timeline), and who is quoted speaking about whom (a graph). The geometry is
serve/chart.py's; this module picks the items and the links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ..filters import Filters
from ..store import Store
from .chart import Graph, Timeline, speech_graph, timeline

OTHER = "other values"
VALUES_COLOURED = 7


def entity_timeline(e: dict[str, Any]) -> Timeline | None:
    """What an entity said, what was said about it, and the documents naming it, by date."""
    said, about, docs = f"quotes by {e['name']}", f"quotes about {e['name']}", "documents naming it"
    dated = e.get("dated") or {}  # counts by date of the newest of each (Store.global_entity)
    items = [(p, series) for key, series in (("quotes_by", said), ("quotes_about", about), ("documents", docs))
             for p, n in (dated.get(key) or {}).items() for _ in range(n)]
    return timeline(items, [said, about, docs])


def group_timeline(g: dict[str, Any]) -> Timeline | None:
    """A claim group's claims by date, coloured by the value each states (as the chart is)."""
    values = g.get("values") or []
    names = [str(v.get("text") or i) for i, v in enumerate(values)]
    series = names[:VALUES_COLOURED] + [OTHER]

    def name(c: dict[str, Any]) -> str:
        i = c.get("value")
        return names[i] if isinstance(i, int) and i < VALUES_COLOURED and i < len(names) else OTHER

    return timeline([(c.get("published"), name(c)) for c in g.get("claims") or []], series)


def graph(store: Store, f: Filters | None = None, entity: dict[str, Any] | None = None) -> Graph | None:
    """Speakers and whom their quotes name: over the filtered quotes, or around one entity (what
    it said about others, what others said about it)."""
    edges = store.speech_edges(f, entity=entity["id"] if entity else None)
    if entity:
        edges = [e for e in edges if entity["name"] in (e["speaker"], e["about"])]
    return speech_graph(edges, href=lambda n: "/entities?" + urlencode({"name": n}),
                        edge_href=lambda s, a: "/quotes?" + urlencode({"speaker": s, "entity": a}))
