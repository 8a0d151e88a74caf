"""Entity pages before the resolve stage has anything to say.

Until cross-document entities exist, an entity page shows one per-document entity, in the
shape resolve.entity() returns, so the same template serves both. Its quotes are found by
name across all documents, which is what a reader would do by hand.
"""

from __future__ import annotations

from typing import Any

from ... import resolve
from ...store import Store


def resolved(store: Store) -> bool:
    return bool(resolve.entities(store, limit=1))


def entity(store: Store, row_id: int) -> dict[str, Any]:
    e = store.entity_row(row_id)
    name = e["name"]
    said = store.quotes(speaker=name, limit=200)
    about = [q for q in store.search(name, limit=50)["quotes"] if (q.get("speaker_name") or "") != name]
    return {
        "id": e["id"], "name": name, "type": e["type"], "aliases": e["aliases"], "roles": e["roles"],
        "n_documents": 1, "n_mentions": e["n_mentions"],
        "documents": [{"id": e["document_id"], "sha256": e["sha256"], "title": e["title"], "publisher": e["publisher"],
                       "published": e["published"], "local_id": e["local_id"]}],
        "quotes_by": said, "quotes_about": about,
        "merges": [],
        "local_merges": e["merges"],  # within the document, with the reason: shown, not judged
    }
