"""The slice of real articles nobody looks at while tuning extraction.

Every extraction change is judged on PolNeAR train + dev by error class; a fixed slice of the
train split (about 3 in 16 files, chosen by a hash of the file name, so it never depends on the
order or the machine) is kept out of every listing of errors. Its score is read only to check a
change that the tuning data already says helps, never to find what to change next.

The 40 articles of numeric-claim gold (../shared/data/claims/) are train files too: the same rule
holds part of them out (13 of 40).

    from heldout import is_heldout, split
    tuning, heldout = split(paths)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_SALT = "claimgraph-heldout:"
_HELD = "012"  # first hex digit of the salted hash: 3 of 16


def is_heldout(name: str | Path) -> bool:
    """True when a file (by its base name) belongs to the never-inspected slice."""
    base = Path(name).name
    return hashlib.sha256((_SALT + base).encode()).hexdigest()[0] in _HELD


def split(paths: Iterable[str | Path]) -> tuple[list[str], list[str]]:
    """(tuning, heldout) lists of the given paths, each in the order given."""
    tuning: list[str] = []
    held: list[str] = []
    for p in paths:
        (held if is_heldout(p) else tuning).append(str(p))
    return tuning, held


if __name__ == "__main__":
    import sys

    # Print the tuning (default) or the held-out (--heldout) paths among the arguments.
    want_held = "--heldout" in sys.argv[1:]
    for p in sys.argv[1:]:
        if p != "--heldout" and is_heldout(p) == want_held:
            print(p)
