"""Stand-ins for the resolve stage (implemented elsewhere), in the shapes of its contract."""

from __future__ import annotations

from typing import Any

import pytest

GROUP: dict[str, Any] = {
    "id": 1, "label": "people killed in the Karst Valley flood", "counted": "people killed",
    "event": "Karst Valley flood", "time": "2023-05", "place": "Karst Valley", "contradiction": True,
    "independent_sources": 3,
    "contradictions": [{"a": 1, "b": 2, "why": "612–800 is more than three times 212"}],
    "values": [
        {"low": 187, "high": 187, "qualifier": "at least", "text": "at least 187", "claimants": ["Mirela Costa"],
         "documents": ["y"], "independent_sources": 1, "labels": {"independent": 1}},
        {"low": 212, "high": 212, "qualifier": None, "text": "212", "claimants": ["Yusuf Karimov"], "documents": ["x"],
         "independent_sources": 1, "labels": {"state media": 1}},
        {"low": 612, "high": 800, "qualifier": None, "text": "612 to 800", "claimants": ["Civic Watch", "Free Voice"],
         "documents": ["z"], "independent_sources": 2, "labels": {"opposition": 1, "NGO": 1}},
    ],
    "claims": [
        {"id": 4, "value": 1, "document": "x", "document_id": 5, "publisher": "National Tribune", "claimant": "Yusuf Karimov",
         "text": "The toll is final at 212.", "low": 212, "high": 212, "qualifier": None, "span": [0, 10]},
        {"id": 2, "value": 0, "document": "y", "document_id": 1, "publisher": "Civic Watch", "claimant": "Mirela Costa",
         "text": "The hospital alone received 187 bodies.", "low": 187, "high": 187, "qualifier": "at least",
         "span": [0, 10]},
        {"id": 1, "value": 2, "document": "z", "document_id": 1, "publisher": "Civic Watch", "claimant": "Civic Watch",
         "text": "Between 612 and 800 people died.", "low": 612, "high": 800, "qualifier": None, "span": [0, 10]},
        {"id": 999, "document": "w", "document_id": 2, "publisher": "Free Voice", "claimant": "Free Voice",
         "text": "<script>window.__pwned=1</script> 800 dead", "low": 800, "high": 800, "qualifier": None,
         "span": [0, 10]},
    ],
}

ENTITY: dict[str, Any] = {
    "id": 7, "name": "Yusuf Karimov", "type": "PERSON", "aliases": ["Karimov", "Mr. Karimov"],
    "roles": ["Minister of Emergency Situations"], "n_documents": 2, "n_mentions": 9,
    "documents": [{"id": 5, "sha256": "x", "title": "Minister: relief on schedule", "publisher": "National Tribune",
                   "published": "2023-05-22", "local_id": "e3"}],
    "quotes_by": [], "quotes_about": [],
    "merges": [{"id": 3, "name_a": "Yusuf Karimov", "name_b": "Karimov", "score": 0.93,
                "evidence": "surname of a full name in the same documents", "status": "auto"}],
}


def group_claims(store: Any) -> list[dict[str, Any]]:
    """The group's claims as resolve gives them (claims table row ids), made from stored claims so
    they point at real sentences whatever the extractor finds, plus one hostile claim that
    points at no stored row."""
    out = [dict(c) for c in GROUP["claims"][:-1]]
    for c, row in zip(out, store.claims(limit=len(out)), strict=False):
        c.update(id=row["id"], document_id=row["document_id"], publisher=row["publisher"])
    return [*out, dict(GROUP["claims"][-1])]


class FakeResolve:
    """Records judgements; returns one claim group, one entity and labelled publishers."""

    def __init__(self) -> None:
        self.judged: list[tuple[int, str, str | None]] = []
        self.empty = False  # True: answer as resolve does before it has run (nothing resolved)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from claimgraph import errors, resolve

        def claim_group(store: Any, group_id: int) -> dict[str, Any]:
            if group_id != 1:
                raise errors.NotFound(f"no claim group {group_id}")
            return {**GROUP, "claims": group_claims(store)}

        def entity(store: Any, entity_id: int) -> dict[str, Any]:
            if entity_id != 7:
                raise errors.NotFound(f"no entity {entity_id}")
            return dict(ENTITY)

        def judge(store: Any, merge_id: int, decision: str, note: str | None = None) -> None:
            if merge_id != 3:
                raise errors.NotFound(f"no merge {merge_id}")
            self.judged.append((merge_id, decision, note))

        def publishers(store: Any) -> list[dict[str, Any]]:
            return [{"publisher": "National Tribune", "labels": ["state media"], "n_documents": 1},
                    {"publisher": "Civic Watch", "labels": ["NGO", "independent"], "n_documents": 1}]

        fakes: dict[str, Any] = {
            "claim_groups": lambda store, limit=100, offset=0: [GROUP][offset:offset + limit],
            "claim_group": claim_group,
            "entities": lambda store, q=None, limit=50, offset=0: [ENTITY][offset:offset + limit],
            "entity": entity,
            "judge": judge,
            "publishers": publishers,
        }
        def nothing(what: str) -> Any:
            def call(store: Any, ident: int, *args: Any) -> Any:
                raise errors.NotFound(f"no {what} {ident}")
            return call

        empties: dict[str, Any] = {
            "claim_groups": lambda *a, **k: [], "claim_group": nothing("claim group"),
            "entities": lambda *a, **k: [], "entity": nothing("entity"), "judge": nothing("merge"),
            "publishers": lambda *a, **k: [],
        }
        for name, fake in fakes.items():
            monkeypatch.setattr(resolve, name, self._switch(fake, empties[name]))

    def _switch(self, fake: Any, empty: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            return (empty if self.empty else fake)(*args, **kwargs)

        return call
