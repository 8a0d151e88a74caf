"""Persian text made uniform for the rules, with the offset map kept exact.

Only in Persian stretches (Arabic text keeps its own letters): Arabic yeh and kaf become
Persian yeh and kaf, the alef maksura a yeh, and the tatweel (a stretching stroke) and short-vowel
marks go. Digits and the Persian separators (٬ ٫) are left as they are: numbers.py reads
them, and `۳۰٬۰۰۰` must stay one number. Replacements are one character for one, so only the
deletions move offsets; every clean character keeps the index of the decoded character it
came from, through Normalised.offsets, as the main normaliser's do.

Written here rather than taken from a Persian NLP package: the packages measured either break
numbers or do not report offsets, and these are a dozen character rules.
"""

from __future__ import annotations

from bisect import bisect_left

from ...model import Flag, LanguageSpan, Normalised, Span

REPLACE = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
# Tatweel and the harakat (fathatan .. sukun, superscript alef): never part of a word's spelling.
DROP = frozenset(["\u0640", *map(chr, range(0x064B, 0x0653)), "\u0670"])


def fold_persian(norm: Normalised, languages: list[LanguageSpan]) -> tuple[Normalised, list[LanguageSpan]]:
    """The normalised text with its Persian stretches folded, and the language spans moved to match."""
    targets = [s.span for s in languages if s.language == "fa"]
    if not targets:
        return norm, languages
    text = norm.text
    keep: list[int] = []  # new index -> old index
    pieces: list[str] = []
    pos = 0
    for a, b in targets:
        pieces.append(text[pos:a])
        keep.extend(range(pos, a))
        for i in range(a, b):
            ch = text[i]
            if ch in DROP:
                continue
            pieces.append(ch.translate(REPLACE))
            keep.append(i)
        pos = b
    pieces.append(text[pos:])
    keep.extend(range(pos, len(text)))
    new_text = "".join(pieces)
    if len(new_text) == len(text):
        if new_text == text:
            return norm, languages
        return Normalised(new_text, norm.offsets, norm.flags, norm.repeated), languages
    offsets = [norm.offsets[i] for i in keep] + [norm.offsets[len(text)]]

    def move(span: Span) -> Span:
        return (bisect_left(keep, span[0]), bisect_left(keep, span[1]))

    flags = [Flag(f.kind, move(f.span), f.detail) for f in norm.flags]
    moved = Normalised(new_text, offsets, flags, [move(s) for s in norm.repeated])
    return moved, [LanguageSpan(move(s.span), s.language, s.script, s.confidence) for s in languages]
