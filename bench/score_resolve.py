"""Group purity and completeness of `resolve` on the labelled test corpus (tests/resolve_corpus.py).

    PYTHONPATH=src /work/main/.venv/bin/python bench/score_resolve.py

Purity: the share of claims whose group's majority gold label is their own (1.0: no group mixes
two quantities). Completeness (inverse purity): the share of claims that sit with the majority
of their gold group (1.0: no quantity is split over groups). Also lists every mismatch.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

root = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(root / "src"), str(root / "tests")]

import resolve_corpus as rc  # noqa: E402
from claimgraph import workflow  # noqa: E402
from claimgraph.store import Store  # noqa: E402


def main() -> None:
    score("test corpus (thresholds were chosen on it)", rc.CORPUS, None)
    score("test corpus + held-out documents, all claims", rc.CORPUS + rc.HELDOUT, None)
    score("held-out claims only (written after the first tuning, consulted for the second)", rc.CORPUS + rc.HELDOUT,
          {d.key for d in rc.HELDOUT})
    score("fresh claims only (written last, nothing tuned on them)", rc.CORPUS + rc.HELDOUT + rc.FRESH,
          {d.key for d in rc.FRESH})
    score("everything", rc.CORPUS + rc.HELDOUT + rc.FRESH, None)


def score(title: str, corpus: list[rc.D], only: set[str] | None) -> None:
    print(f"== {title}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "score.db")
        gold = rc.load(store, corpus)
        if only is not None:
            keep = {rc.extraction(d).document.sha256 for d in corpus if d.key in only}
            gold = {k: v for k, v in gold.items() if k[0] in keep}
        workflow.resolve(store, full=True)
        pred = rc.predicted(store)
        purity, completeness = rc.purity_completeness(gold, pred)
        by_gold: dict[str, Counter[int]] = {}
        for k, g in gold.items():
            by_gold.setdefault(g, Counter())[pred[k]] += 1
        print(f"claims {len(gold)}  gold groups {len(by_gold)}  predicted groups {len(set(pred.values()))}")
        print(f"purity {purity:.3f}  completeness {completeness:.3f}")
        for g, c in sorted(by_gold.items()):
            if len(c) > 1:
                print(f"  split: {g} over groups {dict(c)}")
        by_pred: dict[int, Counter[str]] = {}
        for k, p in pred.items():
            if only is None and k in gold:
                by_pred.setdefault(p, Counter())[gold[k]] += 1
        for p, c in sorted(by_pred.items()):
            if len(c) > 1:
                print(f"  mixed: group {p} holds {dict(c)}")
        store.close()


if __name__ == "__main__":
    main()
