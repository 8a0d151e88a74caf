"""Text folding: the one place names and words are made comparable.

`fold` is what resolve compares on (lower case, no diacritics, no punctuation, apostrophes
dropped so that Khāmene'i meets Khamenei); `ascii_lower` is the gentler fold extract's spelling
keys start from (punctuation kept). Name keys (`name_key`) say which per-document names start as
one node across documents; the store uses them to find who spoke a quote.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import normality

from .words.names import HONORIFICS, ORG_STOP, STOPWORDS, SUFFIXES, TRANSLIT, TYPE_CLASS

_APOSTROPHES = str.maketrans("", "", "’'ʼ")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


# What normality makes of each ASCII character (currency and modifier symbols dropped, other
# punctuation a space), as one table: most text is ASCII, and this is twice as fast.
_ASCII = str.maketrans({chr(c): (chr(c).lower() if chr(c).isalnum() else None if chr(c) in "$^`'" else " ")
                        for c in range(128)})


def fold(s: str) -> str:
    """Lower case without diacritics or punctuation: 'Khāmene’i' and 'khamenei' fold alike."""
    if s.isascii():
        return " ".join(s.translate(_ASCII).split())
    return normality.normalize(unicodedata.normalize("NFKD", s).translate(_APOSTROPHES), lowercase=True) or ""


def ascii_lower(s: str) -> str:
    """Lower case with accents dropped and curly apostrophes made straight; punctuation kept."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


def words(s: str) -> list[str]:
    """The words of a text, folded (the whole text is folded once: per word it dominated the run time)."""
    return _WORD.findall(fold(s))


@lru_cache(maxsize=65536)
def stem(w: str) -> str:
    """A crude English stem, enough to make 'executions', 'executed' and 'execute' meet."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for suf in SUFFIXES:
        if len(w) - len(suf) >= 4 and w.endswith(suf) and not w.endswith(("ss", "us", "is")):
            return w[: -len(suf)]
    return w


def content_terms(s: str) -> list[str]:
    """Stems of the words that carry a text's topic (no stop words, nothing under three letters)."""
    return [stem(w) for w in words(s) if len(w) > 2 and w not in STOPWORDS]


def translit(s: str) -> str:
    """One spelling for the common romanisations of a name (Yusuf/Yousef, Khamenehi/Khamenei)."""
    s = fold(s).replace(" ", "")
    for a, b in TRANSLIT:
        s = s.replace(a, b)
    s = re.sub(r"([aeiou])h(?=[aeiou]|$)", r"\1", s)  # Khamenehi -> Khamenei, Mohammad stays
    return re.sub(r"(.)\1+", r"\1", s)  # Mohammad/Mohamad, Hassan/Hasan


def skeleton(s: str) -> str:
    """Consonants only: a blocking key that puts vowel variants (and look-alikes) side by side."""
    t = translit(s)
    return t[:1] + re.sub(r"[aeiou]", "", t[1:])


def type_class(type_: str) -> str:
    """person, org, place, or the type itself in lower case."""
    return TYPE_CLASS.get(type_.upper(), type_.lower())


def norm_name(name: str, cls: str) -> str:
    """A name folded for comparison: a person without honorifics, an organisation without 'the'."""
    toks = fold(name).split()
    if cls == "person":
        while len(toks) > 1 and toks[0] in HONORIFICS:
            toks = toks[1:]
    elif toks and toks[0] == "the" and len(toks) > 1:
        toks = toks[1:]
    return " ".join(toks)


def name_key(name: str, type_: str) -> str:
    """'person:ruhollah khomeini': what names of one kind have in common across documents."""
    cls = type_class(type_)
    return f"{cls}:{norm_name(name, cls)}"


def acronym(norm: str) -> str:
    """The initials of a folded organisation name of two words or more ('' otherwise)."""
    toks = [t for t in norm.split() if t not in ORG_STOP]
    return "".join(t[0] for t in toks) if len(toks) >= 2 else ""
