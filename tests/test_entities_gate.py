"""Quality gate: the founding case's key entities have the right type and their names join.

The seed (../shared/seed/) is read where it lies, never copied. The classes behind each line are
fixed and tested on sentences written here (test_entities.py); this only checks that the real
text still comes out right. Skipped where ../shared is not beside the project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.model import Entity

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"

# name -> type; each name must be the entity's name or one of its aliases
KEY_TYPES = {
    "Khomeini": "PERSON", "Ebrahim Raisi": "PERSON", "Mostafa Pourmohammadi": "PERSON", "Ali Razini": "PERSON",
    "Ali Khamenei": "PERSON", "Ali Fallahian": "PERSON", "PMOI": "ORG", "NCRI": "ORG", "Iran": "GPE",
    "Tehran": "GPE", "Karaj": "GPE", "Natanz": "GPE", "Arak": "GPE", "Rajai Shahr prison": "FAC",
}
JOINED = [("Ebrahim Raisie", "Ebrahim Raisi"), ("PMOI", "MEK"), ("Khomeini", "Ruhollah Khomenei")]


def _find(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if name == e.name or name in e.aliases]
    assert len(found) == 1, f"{name!r}: {[(e.name, e.type) for e in found]}"
    return found[0]


@pytest.mark.gate
@pytest.mark.skipif(not SEED.is_dir() or not any(SEED.glob("*.txt")), reason="../shared seed is not here")
def test_seed_key_entities() -> None:
    from claimgraph.extract.pipeline import extract_one
    from claimgraph.ingest.sources import read_file
    from claimgraph.options import Options

    options = Options()
    x = extract_one(read_file(str(sorted(SEED.glob("*.txt"))[0]), options.limits), options)
    wrong = {n: _find(x.entities, n).type for n, t in KEY_TYPES.items() if _find(x.entities, n).type != t}
    assert not wrong, wrong
    for a, b in JOINED:
        assert _find(x.entities, a) is _find(x.entities, b), (a, b)
    assert _find(x.entities, "Khomeini") is not _find(x.entities, "Ali Khamenei")
    khomeini = _find(x.entities, "Khomeini")
    assert any(x.text[s:e] == "Imam" for s, e in khomeini.mentions)  # the title used as his name
