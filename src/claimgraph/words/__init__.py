"""Word lists, kept apart from the logic that reads them (as trafilatura keeps its patterns).

`names` holds what folding and name keys need, `qualifiers` the words that bound a stated
number, `events` what resolve reads to class a claim's event and what it counts.
"""


def wordset(block: str) -> frozenset[str]:
    """The words of a block of text as a set: lists read better as prose than as literals."""
    return frozenset(block.split())
