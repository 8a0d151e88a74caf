"""The words that bound a stated number ("over", "some", "up to" ...): one table for extract,
which reads them, and resolve, which compares what they mean. The conventions are in
claimgraph.quantities."""

from __future__ import annotations

LOWER = frozenset({
    "more than", "over", "at least", "higher than", "greater than", "longer than", "in excess of", "upwards of", "upward of", "no fewer than", "no less than",
    "well over", "well above", "above", "a minimum of", "at the very least", "or more", "plus", "+", "and counting"})
UPPER = frozenset({
    "up to", "as many as", "fewer than", "less than", "no more than", "not more than", "at most", "under", "below",
    "a maximum of", "as much as", "or fewer", "or less", "as few as", "within", "lower than", "shorter than"})
APPROX = frozenset({
    "about", "approximately", "approx.", "an estimated", "estimated", "some", "around", "roughly", "circa", "c.",
    "an approximate", "approximately some", "or so", "perhaps", "possibly", "maybe"})
NEAR_BELOW = frozenset({"nearly", "almost", "close to", "just under"})
NEAR_ABOVE = frozenset({"just over"})
EXACT = frozenset({"a total of", "exactly", "precisely", "a mere", "only"})
# Plural scales that are the claim themselves: "thousands" is what was said, 2,000 only our reading.
VAGUE = frozenset({"thousands", "hundreds", "tens of thousands", "hundreds of thousands", "dozens", "scores",
                   "millions", "billions"})
# Words before a range that say nothing more than the range does ("between 600 and 900").
RANGE = frozenset({"between", "from"})
