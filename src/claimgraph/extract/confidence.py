"""How far to trust a quote: a confidence in [0, 1] from how the quote and its speaker were found.

confidence = (share of quotes found by this method, of this kind, that are real attributions)
           x (share of speakers found by this method that are right)
           x (a penalty when the cue's subject is not someone who can speak).

The shares are measured on real articles (PolNeAR train, the tuning slice) and rounded; the
reliability table in docs/QUALITY.md (made by `bench/errors_quotes.py --calibration`) checks them
on train and on dev. Nothing is learned from the articles' text: the table only says how often
each rule has been right.
"""

from __future__ import annotations

# Share of quotes that are real attributions, by Quote.method and kind ("*": any other kind).
SPAN: dict[str, dict[str, float]] = {
    "cue-clause": {"direct": 0.91, "mixed": 0.93, "partial": 0.86, "indirect": 0.85, "stance": 0.65,
                   "belief": 0.63, "*": 0.8},
    "cue-quotation": {"direct": 0.75, "*": 0.95},
    "cue-around": {"*": 0.8},
    "according": {"*": 0.94},
    "noun-cue": {"*": 0.55},
    "label": {"indirect": 0.68, "*": 0.85},
    "quotation": {"*": 0.57},
    "quotation-dash": {"*": 0.6},
    "quotation-lead-in": {"*": 0.78},
    "quotation-embedded": {"*": 0.84},
}
# Share of speakers that are right (or that gold cannot judge: a bare pronoun), by Speaker.method
# (None: no speaker found, right where the source is not named either).
SPEAKER: dict[str | None, float] = {
    "cue": 0.92,
    "surname": 0.96,
    "description": 0.96,
    "issuer": 0.9,
    "pronoun": 0.96,
    "pronoun-unresolved": 0.8,
    "nested": 0.85,
    "previous": 0.5,
    "continued": 0.5,
    "nearest": 0.5,
    None: 0.85,
}
# The cue's subject is not a person, group or document ("the time has come to hold ..."): such
# attributions were right about 60% of the time, their speakers about half the time.
NOT_AGENT = 0.5


def quote_confidence(method: str, kind: str, speaker_method: str | None, agent: bool = True) -> float:
    by_kind = SPAN.get(method, {"*": 0.6})
    c = by_kind.get(kind, by_kind["*"]) * SPEAKER.get(speaker_method, 0.5)
    if not agent:
        c *= NOT_AGENT
    return round(max(0.0, min(1.0, c)), 2)
