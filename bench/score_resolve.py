"""Group purity and completeness of `resolve` on the labelled test corpus (tests/resolve_corpus.py),
and on the toll articles (tests/toll_articles/, read by the real extractors: tests/toll_corpus.py).

    .venv/bin/python bench/score_resolve.py                      # everything written here
    .venv/bin/python bench/score_resolve.py --seed ../shared/seed  # the toll articles beside the seed

On the toll articles it prints what issue 9 measures: how many groups hold the 1988 toll, whether
one group holds it all flagged disputed, unrelated numbers in it, false contradictions (flagged
between values a reader can hold together; tests/toll_corpus.READER), missed ones, and the fire's
rising toll (an update). With --seed the seed's claims are resolved with the articles: what the
toll's group then holds (the seed has no gold: read the list).

Purity: the share of claims whose group's majority gold label is their own (1.0: no group mixes
two quantities). Completeness (inverse purity): the share of claims that sit with the majority
of their gold group (1.0: no quantity is split over groups). Also lists every mismatch.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

root = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(root / "src"), str(root / "tests")]

import resolve_corpus as rc  # noqa: E402
import toll_corpus  # noqa: E402
from claimgraph import workflow  # noqa: E402
from claimgraph.options import Options  # noqa: E402
from claimgraph.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", help="a folder of real articles to resolve with the toll articles (not gold)")
    args = ap.parse_args()
    if args.seed:
        score_with(sorted(str(p) for p in Path(args.seed).glob("*") if p.is_file()))
        return
    score("test corpus (thresholds were chosen on it)", rc.CORPUS, None)
    score("test corpus + held-out documents, all claims", rc.CORPUS + rc.HELDOUT, None)
    score("held-out claims only (written after the first tuning, consulted for the second)", rc.CORPUS + rc.HELDOUT,
          {d.key for d in rc.HELDOUT})
    score("fresh claims only (written last, nothing tuned on them)", rc.CORPUS + rc.HELDOUT + rc.FRESH,
          {d.key for d in rc.FRESH})
    score("everything", rc.CORPUS + rc.HELDOUT + rc.FRESH, None)
    score_articles()


def score(title: str, corpus: list[rc.D], only: set[str] | None) -> None:
    print(f"== {title}")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "score.db")
        gold = rc.load(store, corpus)
        if only is not None:
            keep = {rc.extraction(d).document.sha256 for d in corpus if d.key in only}
            gold = {k: v for k, v in gold.items() if k[0] in keep}
        workflow.resolve(store, full=True)
        report(gold, rc.predicted(store), only is None)
        store.close()


def score_articles() -> None:
    """The toll articles end to end: extraction, then resolve."""
    print("== toll articles (real extraction; written for the tests, the target of issue 9)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "articles.db")
        gold = toll_corpus.load(store)
        report(gold, rc.predicted(store), True)
        show(toll_corpus.figures(store, gold))
        store.close()


def show(f: dict) -> None:
    print(f"groups holding the 1988 toll: {f['toll_groups']}  one group, flagged disputed: {f['one_disputed_group']}")
    print(f"  values: {' | '.join(f['values'])}")
    print(f"  missing values: {f['missing_values'] or 'none'}")
    print(f"  unrelated numbers in it: {len(f['unrelated_in_toll'])} {f['unrelated_in_toll'] or ''}")
    print(f"  false contradictions: {len(f['false_contradictions'])} {f['false_contradictions'] or ''}")
    print(f"  missed contradictions: {len(f['missed_contradictions'])} {f['missed_contradictions'] or ''}")
    fire = f["fire"]
    print(f"fire toll 14 then 16: {fire['groups']} group(s), {fire['contradictions']} contradiction(s), "
          f"{fire['updates']} update(s)")


def score_with(extra: list[str]) -> None:
    """The toll articles resolved beside other articles: the same figures, and what of theirs
    joins the toll's group."""
    print(f"== toll articles + {len(extra)} other document(s)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "with.db")
        rep = workflow.ingest(store, extra, Options())
        for name, reason in rep.failed:
            print(f"  failed: {name}: {reason}")
        gold = toll_corpus.load(store)
        f = toll_corpus.figures(store, gold)
        show(f)
        print("  claims of the other documents in the toll's group (no gold: read them):")
        keys = store.claim_keys()
        for gid in sorted({keys[k] for k, v in gold.items() if v == toll_corpus.TOLL and k in keys}):
            g = store.claim_group(gid)
            ids = store.claim_local_ids([c["id"] for c in g["claims"]])
            for c in g["claims"]:
                if (c["document"], ids[c["id"]]) not in gold:
                    print(f"    {c['value_text']!r} ({c['number_text']!r}) by {c['claimant']}")
        store.close()


def report(gold: dict[tuple[str, str], str], pred: dict[tuple[str, str], int], mixed: bool) -> None:
    """Purity, completeness, and every split and mixed group."""
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
        if mixed and k in gold:
            by_pred.setdefault(p, Counter())[gold[k]] += 1
    for p, c in sorted(by_pred.items()):
        if len(c) > 1:
            print(f"  mixed: group {p} holds {dict(c)}")


if __name__ == "__main__":
    main()
