"""Persian words the rules read: kept apart from the rules, one list per idea.

Spelling: Persian yeh (ی) and kaf (ک) and the zero-width non-joiner (ZWNJ) between a verb's
prefix and stem, as normalise.py leaves the text. Where writers put a space or nothing instead
of the ZWNJ, the patterns built from these lists accept all three (see `flexible`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ZWNJ = "\u200c"


def flexible(phrase: str) -> str:
    """A regex for a phrase whose word joints may be written as a ZWNJ, a space or nothing."""
    parts = re.split(r"[\s\u200c]+", phrase.strip())
    return r"[\s\u200c]*".join(re.escape(p) for p in parts)


def alternation(phrases: Iterable[str]) -> str:
    return "|".join(flexible(p) for p in sorted(set(phrases), key=len, reverse=True))


# -- speech ----------------------------------------------------------------------------------

# Light verbs of compound verbs: past singular/plural, perfect, present.
_LIGHT = {
    "کرد": ("کرد", "کردند", "کرده است", "کرده‌اند", "کرده", "می‌کند", "می‌کنند"),
    "داشت": ("داشت", "داشتند", "داشته است", "داشته‌اند", "می‌دارد", "می‌دارند"),
    "داد": ("داد", "دادند", "داده است", "داده‌اند", "می‌دهد", "می‌دهند"),
    "شد": ("شد", "شدند", "شده است"),
}
# Compound verbs of saying, by their light verb.
_COMPOUND_SPEECH = {
    "کرد": ["اعلام", "تصریح", "تاکید", "تأکید", "اظهار", "عنوان", "بیان", "ادعا", "خاطرنشان", "اذعان",
            "اعتراف", "تکذیب", "تایید", "تأیید", "اشاره", "ابراز", "گزارش", "اضافه"],
    "داشت": ["اظهار", "اعلام", "بیان", "ابراز"],
    "داد": ["ادامه", "توضیح", "هشدار", "گزارش", "پاسخ"],
    "شد": ["یادآور", "مدعی", "متذکر"],
}
_SIMPLE_SPEECH = ["گفت", "گفتند", "گفته است", "گفته‌است", "گفته‌اند", "گفته", "می‌گوید", "می‌گویند",
                  "افزود", "افزودند", "افزوده است", "می‌افزاید", "نوشت", "نوشتند", "نوشته است",
                  "نوشته‌است", "می‌نویسد", "پرسید", "اعلام داشت"]
SPEECH_VERBS = sorted({*_SIMPLE_SPEECH, *(f"{n} {form}" for light, nouns in _COMPOUND_SPEECH.items()
                                          for n in nouns for form in _LIGHT[light])}, key=len, reverse=True)
# Belief rather than speech: "X believes that ..." (English pipeline's kind "belief").
BELIEF_VERBS = ["معتقد است", "معتقدند", "معتقد بود", "باور دارد", "عقیده دارد"]
# The particle that opens reported speech: "X said that ...".
THAT = "که"
# "according to X, ..." -- X's words follow after the comma; the first for people, the others
# name a report (an agency, a paper) and so a medium.
ACCORDING_PERSON = ["به گفته", "به ادعای", "به اعتقاد", "از قول", "به نقل از"]
ACCORDING_REPORT = ["به گزارش", "بنا بر گزارش", "بنابر گزارش", "طبق گزارش", "بر اساس گزارش", "براساس گزارش",
                    "به اعلام", "طبق اعلام", "بنا بر اعلام", "طبق آمار", "بر اساس آمار", "براساس آمار"]
# Third-person pronouns: a speaker named in an earlier sentence.
PRONOUNS = ["وی", "او", "ایشان", "آنها", "آن‌ها"]
# Words that end the subject before the verb: times, places, circumstances.
SUBJECT_STOPS = ["روز", "امروز", "دیروز", "شب", "صبح", "عصر", "بامداد", "در", "طی", "با", "هنگام", "پس", "پیش",
                 "روز", "ضمن", "به", "برای", "درباره", "دربارهٔ", "درمورد", "در مورد", "همچنین", "نیز", "سپس",
                 "اخیرا", "هفته", "ماه", "سال", "بعد", "قبل", "این", "آن", "که"]
# Verbs of saying written after a direct quote: "«...» را گفت" is rare; the colon form leads.
QUOTE_OPEN = "«“\""
QUOTE_CLOSE = "»”\""

# -- numbers ---------------------------------------------------------------------------------

UNITS = {"صفر": 0, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8,
         "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "پونزده": 15,
         "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19}
TENS = {"بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90}
HUNDREDS = {"صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500, "ششصد": 600,
            "هفتصد": 700, "هشتصد": 800, "نهصد": 900}
SCALES = {"هزار": 1_000, "میلیون": 1_000_000, "میلیارد": 1_000_000_000, "بیلیون": 1_000_000_000}
# Words that are numbers only next to other number words: "نه" is also "no", "ده" a village,
# "یک" the indefinite article.
AMBIGUOUS_ALONE = {"نه", "ده", "یک", "سی"}
# Vague quantities: the same figures as the English reading ("hundreds" = 200 and up).
VAGUE = {"ده‌ها": ("tens", 20.0), "دهها": ("tens", 20.0), "صدها": ("hundreds", 200.0),
         "هزاران": ("thousands", 2_000.0), "میلیون‌ها": ("millions", 2_000_000.0),
         "میلیونها": ("millions", 2_000_000.0)}
# "several thousand": bounds 2 to 10 times the scale, as in English.
SEVERAL = ["چندین", "چند"]
# Qualifiers before a number, with the English qualifier whose bounds they mean (numbers.bounds).
QUALIFIERS = {
    "بیش از": "more than", "بیشتر از": "more than", "افزون بر": "more than", "بالغ بر": "upwards of",
    "متجاوز از": "in excess of", "بالای": "over", "دست‌کم": "at least", "دست کم": "at least", "حداقل": "at least",
    "لااقل": "at least", "حدود": "about", "حدوداً": "about", "حدودا": "about", "در حدود": "about",
    "تقریباً": "approximately", "تقریبا": "approximately", "قریب": "about", "نزدیک به": "nearly",
    "قریب به": "nearly", "کمتر از": "less than", "کم‌تر از": "less than", "حداکثر": "at most",
    "تا": "up to", "فقط": "only", "تنها": "only", "دقیقاً": "exactly", "دقیقا": "exactly",
}
RANGE_SEPARATORS = ["تا", "الی", "-", "–", "و"]
RANGE_OPENERS = ["بین", "میان", "از"]

# -- what a number is ------------------------------------------------------------------------

# Classifiers between a number and a person noun ("۳۰ هزار نفر زندانی"): people.
PERSON_CLASSIFIERS = ["نفر", "تن"]
# What is counted, with the English word the cross-document resolver classes it by.
COUNTED = {
    "زندانی": "prisoners", "زندانیان": "prisoners", "زندانی سیاسی": "political prisoners",
    "زندانیان سیاسی": "political prisoners", "نفر": "people", "تن": "people", "کشته": "dead",
    "کشته‌شده": "dead", "کشته‌شدگان": "dead", "قربانی": "victims", "قربانیان": "victims",
    "اعدامی": "executed", "اعدام‌شده": "executed", "اعدام‌شدگان": "executed", "زن": "women", "زنان": "women",
    "کودک": "children", "کودکان": "children", "مجروح": "injured", "زخمی": "injured", "بازداشتی": "detainees",
    "بازداشت‌شده": "detainees", "بازداشت‌شدگان": "detainees", "معترض": "protesters", "معترضان": "protesters",
    "دانشجو": "students", "دانشجویان": "students", "کارگر": "workers", "کارگران": "workers",
    "شهروند": "citizens", "شهروندان": "citizens", "غیرنظامی": "civilians", "غیرنظامیان": "civilians",
    "پناهجو": "refugees", "پناهجویان": "refugees", "آواره": "displaced", "مفقود": "missing",
    "ناپدیدشده": "missing", "جسد": "bodies", "اجساد": "bodies", "خانواده": "families", "خانواده‌ها": "families",
    "عضو": "members", "اعضای": "members", "قاضی": "judges", "قضات": "judges", "مرد": "men", "مردان": "men",
    "دستگیرشده": "arrested", "خانه": "homes", "ساختمان": "buildings", "روستا": "villages",
}
# Words for what happened, with the English word the resolver classes events by.
EVENTS = {
    "اعدام": "executed", "به دار آویخته": "hanged", "به دار": "hanged", "تیرباران": "shot", "کشته": "killed",
    "کشتار": "massacre", "قتل‌عام": "massacre", "قتل عام": "massacre", "جان باخت": "died", "جان باختند": "died",
    "جان خود را از دست": "died", "درگذشت": "died", "فوت": "died", "مرگ": "death", "قربانی": "victims",
    "زخمی": "injured", "مجروح": "injured", "بازداشت": "arrested", "دستگیر": "arrested", "زندانی شدند": "imprisoned",
    "ناپدید": "missing", "مفقود": "missing", "آواره": "displaced", "شناسایی": "identified", "دفن": "buried",
}
# Units that make a number a duration, an age, a share or money rather than a count.
DURATION_UNITS = ["سال", "ماه", "روز", "هفته", "ساعت", "دقیقه", "ثانیه", "دهه", "قرن", "شب", "سده"]
AGE_UNITS = ["ساله", "سالگی"]
PERCENT_UNITS = ["درصد", "٪", "%"]
CURRENCIES = {"ریال": "IRR", "تومان": "IRT", "دلار": "USD", "یورو": "EUR", "پوند": "GBP"}
# Numbers that are names or places in a text, not quantities: "اصل ۴۴", "ماده ۵", "شماره ۳".
# (and "ساعت ۸", a clock time)
NAME_BEFORE = ["ماده", "اصل", "بند", "شماره", "تبصره", "فصل", "صفحه", "بخش", "قطعنامه", "پلاک", "کوچه", "خیابان",
               "بند", "ردیف", "کد", "شعبه", "سوره", "آیه", "جلد", "دوره", "ساعت"]

# -- dates -----------------------------------------------------------------------------------

JALALI_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن",
                 "اسفند"]
GREGORIAN_MONTHS = {"ژانویه": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "مه": 5, "می": 5, "ژوئن": 6, "ژوئیه": 7,
                    "ژوییه": 7, "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11,
                    "دسامبر": 12}
SEASONS = {"بهار": 1, "تابستان": 4, "پاییز": 7, "زمستان": 10}  # the Jalali month each season opens
YEAR_WORDS = ["سال", "در سال", "تابستان", "بهار", "پاییز", "زمستان"]
JALALI_MARKS = ["هجری شمسی", "ه.ش", "هـ.ش", "شمسی", "خورشیدی"]
GREGORIAN_MARKS = ["میلادی", "م."]
