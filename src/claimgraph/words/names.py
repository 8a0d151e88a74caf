"""Words for comparing names across documents."""

from __future__ import annotations

from . import wordset

# Entity types compared as one class: a GPE and a LOC of one name are one place.
TYPE_CLASS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}

# Honorifics and titles dropped from the front of a person's name before it is compared.
HONORIFICS = wordset("""
    mr mrs ms miss dr prof professor sir president ayatollah grand sheikh shaikh imam general gen col
    colonel minister interior foreign prime king queen prince judge justice senator rep spokesman
    spokeswoman hojatoleslam hojjat ol eslam mullah
""")

# Small words an organisation's acronym skips ("Human Rights Watch" is HRW, "the Bank of X" BX).
ORG_STOP = wordset("the of for and in on de la al")

# Words that carry no topic: left out of a claim's context.
STOPWORDS = wordset("""
    a an the of in on at to for from by with and or but as is was were be been being are has have had
    that this these those it its their there they them he she his her we our you your i not no than
    then so such said says say told tell after before over under about some more most less least
    nearly around up down out into during while when where who whom which what why how all any each
    other another only also even still just very can could would should will may might must do did
    does done per since until against between among within without through according last first new
    one two three four five six seven eight nine ten mr mrs ms dr week weeks day days month months
    year years monday tuesday wednesday thursday friday saturday sunday
""")

# Romanisations of one name differ in vowels and a few consonant spellings (Yusuf/Yousef,
# Mousavi/Musavi, Khamenei/Khamene'i): these rewrite the common variants to one spelling.
TRANSLIT = [
    ("kh", "h"), ("gh", "g"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"), ("dj", "j"), ("zh", "j"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ey", "ei"), ("y", "i"), ("w", "v"), ("q", "k"), ("ck", "k"),
    ("c", "k"),
]

# Endings a crude English stem drops, longest first.
SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")
