"""Entity networks as GEXF (Gephi) and GraphML: who speaks about whom, who is named with whom.

Written with the standard library's streaming XMLGenerator rather than networkx (already
installed, through followthemoney): networkx builds the whole graph as Python dicts and its
writers build the whole XML tree before writing a byte, so memory would grow with the corpus,
while the part of either format needed here (nodes with a few attributes, weighted edges) is a
flat list of elements that can go out as SQLite counts them. networkx reads the files back in
the tests, which is what says they are valid.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from io import TextIOBase
from typing import IO, Any, cast
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from .. import __version__
from ..filters import Filters
from ..store import Store
from ..store.networks import Network

log = logging.getLogger(__name__)

GEXF_NS = "http://www.gexf.net/1.2draft"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
DESCRIPTION = {
    "speech": "who speaks about whom: a quote's speaker to each entity its words name, weighted by quotes",
    "comention": "who is named with whom: two entities named in one document, weighted by documents",
}
# (name, GEXF type, GraphML type) of each node and edge attribute.
NODE_ATTRIBUTES = (("type", "string", "string"), ("n_documents", "integer", "int"), ("n_mentions", "integer", "int"))
EDGE_ATTRIBUTES = (("documents", "integer", "int"),)


class _Writer:
    """Elements one at a time, one per line."""

    def __init__(self, out: IO[str]) -> None:
        self.xml = XMLGenerator(cast(TextIOBase, out), encoding="utf-8", short_empty_elements=True)
        self.depth = 0
        self.xml.startDocument()

    def _indent(self) -> None:
        if self.depth:
            self.xml.ignorableWhitespace("\n" + "  " * self.depth)

    def start(self, tag: str, attrs: dict[str, Any] | None = None) -> None:
        self._indent()
        self.xml.startElement(tag, AttributesImpl({k: str(v) for k, v in (attrs or {}).items() if v is not None}))
        self.depth += 1

    def end(self, tag: str, inline: bool = False) -> None:
        self.depth -= 1
        if not inline:
            self.xml.ignorableWhitespace("\n" + "  " * self.depth)
        self.xml.endElement(tag)

    def leaf(self, tag: str, attrs: dict[str, Any] | None = None, text: str | None = None) -> None:
        self.start(tag, attrs)
        if text is not None:
            self.xml.characters(text)
        self.end(tag, inline=True)

    def close(self) -> None:
        self.xml.ignorableWhitespace("\n")
        self.xml.endDocument()


def write_gexf(store: Store, network: Network, f: Filters, out: IO[str], min_weight: int = 1,
               tick: Callable[[], None] | None = None) -> int:
    w = _Writer(out)
    w.start("gexf", {"xmlns": GEXF_NS, "version": "1.2"})
    w.start("meta")
    w.leaf("creator", text=f"claimgraph {__version__}")
    w.leaf("description", text=DESCRIPTION[network])
    w.end("meta")
    w.start("graph", {"mode": "static", "defaultedgetype": "directed" if network == "speech" else "undirected"})
    for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        w.start("attributes", {"class": cls, "mode": "static"})
        for name, kind, _ in attributes:
            w.leaf("attribute", {"id": name, "title": name, "type": kind})
        w.end("attributes")
    w.start("nodes")
    for node in store.network_nodes(network, f, min_weight):
        w.start("node", {"id": node["id"], "label": node["name"]})
        w.start("attvalues")
        for name, _, _ in NODE_ATTRIBUTES:
            w.leaf("attvalue", {"for": name, "value": node[name]})
        w.end("attvalues")
        w.end("node")
    w.end("nodes")
    w.start("edges")
    n = 0
    for n, edge in enumerate(store.network_edges(network, f, min_weight), 1):
        w.start("edge", {"id": n, "source": edge["source"], "target": edge["target"], "weight": edge["weight"]})
        w.start("attvalues")
        w.leaf("attvalue", {"for": "documents", "value": edge["documents"]})
        w.end("attvalues")
        w.end("edge")
        if tick:
            tick()
    w.end("edges")
    w.end("graph")
    w.end("gexf")
    w.close()
    log.info("wrote %d %s edges as GEXF", n, network)
    return n


def write_graphml(store: Store, network: Network, f: Filters, out: IO[str], min_weight: int = 1,
                  tick: Callable[[], None] | None = None) -> int:
    w = _Writer(out)
    w.start("graphml", {"xmlns": GRAPHML_NS})
    w.leaf("key", {"id": "label", "for": "node", "attr.name": "label", "attr.type": "string"})
    for name, _, kind in NODE_ATTRIBUTES:
        w.leaf("key", {"id": name, "for": "node", "attr.name": name, "attr.type": kind})
    w.leaf("key", {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "int"})
    for name, _, kind in EDGE_ATTRIBUTES:
        w.leaf("key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kind})
    w.start("graph", {"id": network, "edgedefault": "directed" if network == "speech" else "undirected"})
    w.leaf("desc", text=DESCRIPTION[network])
    for node in store.network_nodes(network, f, min_weight):
        w.start("node", {"id": node["id"]})
        w.leaf("data", {"key": "label"}, node["name"])
        for name, _, _ in NODE_ATTRIBUTES:
            w.leaf("data", {"key": name}, str(node[name]))
        w.end("node")
    n = 0
    for n, edge in enumerate(store.network_edges(network, f, min_weight), 1):
        w.start("edge", {"id": f"e{n}", "source": edge["source"], "target": edge["target"]})
        w.leaf("data", {"key": "weight"}, str(edge["weight"]))
        w.leaf("data", {"key": "documents"}, str(edge["documents"]))
        w.end("edge")
        if tick:
            tick()
    w.end("graph")
    w.end("graphml")
    w.close()
    log.info("wrote %d %s edges as GraphML", n, network)
    return n
