"""How sure a numeric claim is: the way it was found, and how often claims found that way were
right on real articles.

Claim.method is "<number>/<claimant basis>". Number methods:
  digits, words     a figure in digits or in words ("5,000", "three")
  one               the word "one" (often a pronoun or an article rather than a count)
  vague             "thousands", "several", "double digits"
  range, ratio      "2,800 to 3,800"; "eight of 10" (a share)
  score             one side of a score or record ("31-24")
  fraction          "half of", "a third"
  rank              "third-largest", "tied for fifth"
  multiplier        "twice"
  article           "about an hour", "a year and a half"
  height, span      "6-foot-7"; "quarter-century"
The claimant part is Claimant.basis (quote, attribution, author, publisher, unknown); for a quote
it adds how the quote's speaker was found ("quote:cue", "quote:surname", "quote:pronoun",
"quote:previous" ...) or "quote:belief" for an attributed belief. For confidence, author,
publisher and unknown are one case ("none": the sentence names no source, the document speaks),
and a speaker found by a cue or a surname ("quote") is kept apart from one carried over from
another sentence, a pronoun or a belief ("quote-weak").

Claim.confidence = P(number right) x P(claimant right), each the Laplace-smoothed share of right
claims among those found that way on the tuning slice of the claims gold (27 real articles; a
number is right when it is a gold claim with a right value, a claimant when it names the gold's
source, or no one where the sentence names none). `bench/errors_claims.py --calibrate` measures
the shares and prints these tables; docs/QUALITY.md has the reliability table, tuning and held-out.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Claimant, Quote
from .numbers import Figure

# (right, found) on the tuning slice; refit with bench/errors_claims.py --calibrate.
NUMBER_COUNTS: dict[str, tuple[int, int]] = {
    "article": (4, 4), "digits": (91, 93), "fraction": (7, 8), "one": (5, 7), "range": (10, 10),
    "rank": (2, 2), "score": (1, 2), "span": (1, 1), "vague": (19, 19), "words": (49, 49),
}
CLAIMANT_COUNTS: dict[str, tuple[int, int]] = {
    "attribution": (4, 7), "none": (113, 116), "quote": (36, 52), "quote-weak": (3, 15),
}
PRIOR_WEIGHT = 4.0  # pseudo-claims at the overall rate, so that a rare method is not trusted on 2 cases


def number_method(n: Figure) -> str:
    form = n.atom.form
    if n.ratio:
        return "ratio"
    if n.pair is not None:
        return "score"
    if n.bound == "range":
        return "range"
    if form in ("digits", "words") and n.atom.text.lower() == "one":
        return "one"
    return form


def _share(table: dict[str, tuple[int, int]], key: str) -> float:
    right = sum(r for r, _ in table.values())
    found = sum(f for _, f in table.values())
    prior = right / found if found else 0.9
    r, f = table.get(key, (0, 0))
    return (r + PRIOR_WEIGHT * prior) / (f + PRIOR_WEIGHT)


def claimant_method(claimant: Claimant, quotes: Mapping[str, Quote]) -> str:
    """`quotes` by id: a list searched for every claim made long documents quadratic."""
    if claimant.basis != "quote":
        return claimant.basis
    quote = quotes.get(claimant.quote) if claimant.quote else None
    if quote is None or quote.speaker is None:
        return "quote:none"
    return "quote:belief" if quote.kind == "belief" else f"quote:{quote.speaker.method}"


def claimant_group(basis: str) -> str:
    if basis == "attribution":
        return basis
    if basis.startswith("quote"):
        return "quote" if basis in ("quote:cue", "quote:surname") else "quote-weak"
    return "none"


def confidence(method: str) -> float:
    number, _, basis = method.partition("/")
    return round(_share(NUMBER_COUNTS, number) * _share(CLAIMANT_COUNTS, claimant_group(basis)), 3)
