"""Names as written -> names to compare: titles, possessives, spelling keys, acronyms.

Everything here works on strings, so it can be tested without a parse. The rules are kept
conservative: a wrong merge (two people made one) is worse for a fact-checker than a missed one.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..folding import ascii_lower as fold

# Titles and honorifics: stripped from names, kept as roles. Longest first so that
# "Supreme Leader" wins over "Leader" and "Prime Minister" over "Minister".
TITLES = sorted(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "ayatollah", "grand ayatollah", "hojatoleslam", "hojjatoleslam", "hojjat ol-eslam", "mullah",
        "imam", "sheikh", "shaikh", "shah", "supreme leader", "leader", "president", "vice president",
        "prime minister", "minister", "foreign minister", "interior minister", "intelligence minister",
        "justice minister", "defense minister", "defence minister", "secretary", "secretary of state",
        "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor",
        "judge", "chief justice", "general", "gen", "lt", "lieutenant", "colonel", "col", "major",
        "captain", "capt", "sgt", "sergeant", "admiral", "king", "queen", "prince", "princess", "pope",
        "cardinal", "bishop", "rev", "reverend", "father", "ambassador", "mayor", "chairman",
        "chairwoman", "chancellor", "commander", "speaker", "cleric", "prosecutor", "attorney general",
        "prosecutor general", "former", "ex", "late", "then", "candidate", "nominee", "presidential nominee",
        "democratic nominee", "republican nominee", "first lady", "lawyer", "attorney", "activist",
        "journalist", "blogger", "dissident", "poet", "writer", "rapper", "singer", "actress", "actor", "mrs.", "sen.", "rep.", "gov.",
    },
    key=lambda t: -len(t),
)
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in TITLES) + r")\.?(?:\s+|-(?=\w)))+",
    re.I,
)
_NOT_LEFT = {"former", "then", "late", "candidate", "nominee"}
# Words before a name that extend a title to its left: "US President", "Iranian Supreme Leader".
TITLE_LEFT = re.compile(
    r"(?:(?:(?:the|former|then|late|current|acting|deputy|vice|[A-Z][a-z]+an|[A-Z][a-z]+i|U\.?S\.?|UK|UN)\s+)*"
    r"(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in TITLES if len(t) > 3 and t not in _NOT_LEFT)
    + r")\.?\s+|(?:mr|mrs|ms|dr|gen|sen|rep|gov|lt|col|capt|sgt|prof|rev)\.\s+)$",
    re.I,
)
POSSESSIVE = re.compile(r"(?:['’ʼ`´]s|(?<=s)['’ʼ`´])$")
LEADING_THE = re.compile(r"^the\s+", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
ORG_WORDS = {
    "organization", "organisation", "council", "committee", "commission", "party", "network", "court",
    "ministry", "department", "agency", "assembly", "corps", "guard", "guards", "army", "union", "group",
    "front", "movement", "association", "institute", "foundation", "bank", "company", "international",
    "news", "times", "post", "office", "university", "school", "house", "senate", "congress", "campaign",
    "administration", "government", "regime", "resistance", "republic", "state", "states", "nations",
}
# Offices one person holds at a time: in a text that names one holder, "the President" or
# "the Imam" used alone is that person.
OFFICES = {
    "imam", "ayatollah", "grand ayatollah", "supreme leader", "president", "vice president", "prime minister",
    "senator", "governor", "secretary of state", "speaker", "mayor", "pope", "king", "queen", "shah",
    "chancellor", "chief justice", "attorney general", "prosecutor general",
}
# Words before a name that say it is a place: "a facility at Natanz", "in Arak". Not "to" or
# "from": a letter goes to, and comes from, a person as often as a place.
LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|inside|across|around|throughout)|\b(?:city|town|village|province|capital) of)\s+$",
    re.I)
# Words that end a news outlet's name: "Breitbart News", "Washington Post".
MEDIA_WORDS = {"news", "times", "post", "journal", "tribune", "herald", "magazine", "network", "radio",
               "television", "tv", "press", "daily", "gazette", "wire", "media", "reporter", "examiner"}
PLACE_WORDS = {"prison", "jail", "camp", "prisons", "camps", "cemetery", "square", "airport", "barracks"}
SMALL = {"of", "the", "and", "for", "in", "on", "de", "al", "el", "e", "-e"}


def strip_title(name: str) -> tuple[str, list[str]]:
    """'Mullah Abbasian' -> ('Abbasian', ['Mullah']). A name that is all title stays as it is."""
    m = _TITLE_RE.match(name)
    if not m or m.end() >= len(name):
        return name, []
    titles = [t for t in re.split(r"\s+(?=[A-Za-z])", m.group(0).strip()) if t]
    return name[m.end():].strip(), [" ".join(titles).rstrip(".")]


def clean(name: str) -> str:
    """The name as an entity name: no leading 'the', no possessive, single spaces."""
    name = " ".join(name.split())
    name = LEADING_THE.sub("", name)
    name = POSSESSIVE.sub("", name)
    return name.strip(" ,.;:-–—\"“”‘’()[]")


def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _TITLE_SET


def headline_case(words: list[str]) -> bool:
    """Most longer words capitalised ("Iran Executed 30,000 Prisoners"): a headline, where
    capitals say nothing of names and the parser's types are guesses."""
    long = [w for w in words if w.isalpha() and len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


_TITLE_SET = set(TITLES) | {"imam", "supreme", "justice", "mullah"}


_KEY_SUBS = [(re.compile(p), r) for p, r in [
    (r"[^a-z ]", ""), (r"ou", "u"), (r"ee", "i"), (r"[ey]", "i"), (r"(.)\1+", r"\1"),
    (r"(?<=[aiou])h(?=\b|[^aeiou])", ""),
]]


def spelling_key(word: str) -> str:
    """A key equal for common transliteration variants of one name and different otherwise.

    e/i/y are folded together and double letters collapsed, so Raisie/Raisi and
    Khomenei/Khomeini share a key; a/o/u stay apart, so Khamenei (kh-a-) never meets
    Khomeini (kh-o-).
    """
    k = fold(word)
    for pat, rep in _KEY_SUBS:
        k = pat.sub(rep, k)
    return k


def name_key(name: str) -> str:
    return " ".join(spelling_key(w) for w in name.split() if w.lower() not in SMALL or len(name.split()) == 1)


def _first_vowel(k: str) -> str:
    m = re.search(r"[aiou]", k)
    return m.group(0) if m else ""


def same_word(a: str, b: str) -> bool:
    """Two spellings of one name word: same key, or a close fuzzy match that keeps the first
    letter, the first vowel and about the length (guards against Khomeini/Khamenei)."""
    if a == b:
        return True
    ka, kb = spelling_key(a), spelling_key(b)
    if len(ka) < 5 or len(kb) < 5:
        return False  # short names differ by one letter too often (Conn/Coon)
    if ka + "s" == kb or kb + "s" == ka:
        return False  # "the Clintons" is a family, not one Clinton
    if ka == kb:
        return True
    if ka[0] != kb[0] or ka[-1] != kb[-1] or abs(len(ka) - len(kb)) > 1:
        return False
    return _first_vowel(ka) == _first_vowel(kb) and fuzz.ratio(ka, kb) >= 90


def variant_reason(a: str, b: str) -> str | None:
    """Why two multi-word person names are one person, or None. Every word must be a variant of
    the word in the same place, so different first names never merge."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or a == b:
        return None
    if all(same_word(x, y) for x, y in zip(wa, wb, strict=True)):
        return "spelling variant"
    return None


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", clean(name)) if w and w.lower() not in SMALL]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def acronym_matches(acronym: str, long_name: str) -> bool:
    a = acronym.replace(".", "").replace("&", "").upper()
    ini = initials(long_name)
    return a == ini or (len(a) >= 2 and ini.startswith(a) and len(ini) - len(a) <= 1)


def looks_like_org(name: str) -> bool:
    return any(w.lower() in ORG_WORDS or w.lower() in MEDIA_WORDS for w in name.split())


def is_acronym(name: str) -> bool:
    return bool(ACRONYM.match(name))
