"""Attribution items while quotes are being built: nesting and one item per stretch of words."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Speaker
from .cues import Cue
from .marks import Marked


@dataclass
class Item:
    span: tuple[int, int]
    cue: Cue | None
    marks: list[Marked] = field(default_factory=list)
    speaker: Speaker | None = None
    kind: str = "indirect"
    medium: str | None = None
    parent: int | None = None
    label: tuple[int, int] | None = None  # "Name:" heading the line
    how: str = "quotation"  # how the quote was found: Quote.method
    agent: bool = True  # whether the cue's source can speak (speakers.is_agent)

    @property
    def anchor(self) -> int:
        """Where the attribution is made: the cue, or the quotation itself when it has none."""
        return self.cue.start if self.cue is not None else self.span[0]


def nest(items: list[Item]) -> None:
    """Nesting: each quote's parent is the smallest longer quote whose span holds its cue.
    One sweep over cue positions, keeping the spans open there (few: nesting is shallow)."""
    by_start = sorted(range(len(items)), key=lambda k: items[k].span[0])
    open_: list[int] = []
    nxt = 0
    for i in sorted(range(len(items)), key=lambda k: items[k].anchor):
        pos = items[i].anchor
        while nxt < len(by_start) and items[by_start[nxt]].span[0] <= pos:
            open_.append(by_start[nxt])
            nxt += 1
        open_ = [j for j in open_ if items[j].span[1] > pos]
        size = items[i].span[1] - items[i].span[0]
        holders = [j for j in open_ if j != i and items[j].span[1] - items[j].span[0] > size]
        items[i].parent = min(holders, key=lambda j: items[j].span[1] - items[j].span[0]) if holders else None


_KIND_RANK = {"direct": 0, "mixed": 1, "partial": 2, "indirect": 3, "stance": 4, "belief": 5}


def without_repeats(items: list[Item]) -> list[Item]:
    """One attribution per stretch of words: two cues over (nearly) the same span ("said they
    think ...", "criticised and rejected the plan") give one quote, the one with the speaker's
    own words or the speech cue. Items are sorted by span; a repeat overlaps its neighbour."""
    out: list[Item] = []
    for it in items:
        last = out[-1] if out else None
        if last is not None and it.parent is None and last.parent is None:
            inter = min(last.span[1], it.span[1]) - max(last.span[0], it.span[0])
            longer = max(last.span[1] - last.span[0], it.span[1] - it.span[0])
            if inter >= 0.8 * longer:
                if (_KIND_RANK.get(it.kind, 9), -(it.span[1] - it.span[0])) < (
                        _KIND_RANK.get(last.kind, 9), -(last.span[1] - last.span[0])):
                    out[-1] = it
                continue
        out.append(it)
    return out


SPEECH_KINDS = frozenset({"direct", "indirect", "partial", "mixed"})


def inside_other_speech(items: list[Item]) -> set[int]:
    """Speech whose words lie (80% or more) inside a longer speech by another speaker: "X said
    Y had warned that ...", a quotation inside someone's reported words. Gold that lists speech
    gives the outer quote; on PolNeAR train + dev these inner quotes were real attributions less
    often than they cost (dropping them raised F1 on both). The positions of such items.

    One sweep: a holder starts by the inner span's first fifth (key a + 0.2 * length) and ends
    after it, so spans ending before the running key are closed for good."""
    speech = [k for k, it in enumerate(items) if it.kind in SPEECH_KINDS]
    by_start = sorted(speech, key=lambda k: items[k].span[0])
    out: set[int] = set()
    open_: list[int] = []
    nxt = 0
    for k in sorted(speech, key=lambda k: items[k].span[0] + 0.2 * (items[k].span[1] - items[k].span[0])):
        a, b = items[k].span
        key = a + 0.2 * (b - a)
        while nxt < len(by_start) and items[by_start[nxt]].span[0] <= key:
            open_.append(by_start[nxt])
            nxt += 1
        open_ = [j for j in open_ if items[j].span[1] >= key]
        name = _name(items[k])
        for j in open_:
            o = items[j]
            if j != k and o.span[1] - o.span[0] > b - a and min(b, o.span[1]) - max(a, o.span[0]) >= 0.8 * (b - a) \
                    and _name(o) != name:
                out.add(k)
                break
    return out


def _name(it: Item) -> str:
    return it.speaker.name if it.speaker is not None else ""
