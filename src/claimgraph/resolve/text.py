"""Small text helpers shared by the resolvers: folding, tokens, transliteration keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is", "was", "were", "be", "been", "being", "are", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their", "there", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "not", "no", "than", "then", "so", "such", "said", "says", "say", "told", "tell", "after", "before", "over", "under", "about", "some", "more", "most", "less", "least", "nearly", "around", "up", "down", "out", "into", "during", "while", "when", "where", "who", "whom", "which", "what", "why", "how", "all", "any", "each", "other", "another", "only", "also", "even", "still", "just", "very", "can", "could", "would", "should", "will", "may", "might", "must", "do", "did", "does", "done", "per", "since", "until", "against", "between", "among", "within", "without", "through", "according", "last", "first", "new", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "mr", "mrs", "ms", "dr", "week", "weeks", "day", "days", "month", "months", "year", "years", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def fold(s: str) -> str:
    """Lower case without diacritics or punctuation: 'Khāmene’i' and 'khamenei' fold alike."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.lower().replace("’", "").replace("'", "").replace("ʼ", "")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def words(s: str) -> list[str]:
    return _WORD.findall(fold(s))  # folding the whole text once: per word it dominated the run time


_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")


@lru_cache(maxsize=65536)
def stem(w: str) -> str:
    """A crude English stem, enough to make 'executions', 'executed' and 'execute' meet."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 4 and w.endswith(suf) and not w.endswith(("ss", "us", "is")):
            return w[: -len(suf)]
    return w


def content_terms(s: str) -> list[str]:
    return [stem(w) for w in words(s) if len(w) > 2 and w not in STOPWORDS]


# Romanisations of one name differ in vowels and a few consonant spellings (Yusuf/Yousef,
# Mousavi/Musavi, Khamenei/Khamene'i). These rewrite the common variants to one spelling.
_TRANSLIT = [
    ("kh", "h"), ("gh", "g"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"), ("dj", "j"), ("zh", "j"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ey", "ei"), ("y", "i"), ("w", "v"), ("q", "k"), ("ck", "k"),
    ("c", "k"),
]


def translit(s: str) -> str:
    s = fold(s).replace(" ", "")
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    s = re.sub(r"([aeiou])h(?=[aeiou]|$)", r"\1", s)  # Khamenehi -> Khamenei, Mohammad stays
    return re.sub(r"(.)\1+", r"\1", s)  # Mohammad/Mohamad, Hassan/Hasan


def skeleton(s: str) -> str:
    """Consonants only: a blocking key that puts vowel variants (and look-alikes) side by side."""
    t = translit(s)
    return t[:1] + re.sub(r"[aeiou]", "", t[1:])
