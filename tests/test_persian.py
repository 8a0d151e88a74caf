"""Persian numbers, dates, entities and the cross-language claim group. Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extract.fa.dates import find_dates
from claimgraph.extract.fa.numbers import scan

ENTITIES = str(Path(__file__).parent / "gold_fa" / "entities.yaml")


@pytest.mark.parametrize("text, low, high, bound", [
    ("۳۰٬۰۰۰", 30000, 30000, "exact"),
    ("٣٠٠", 300, 300, "exact"),
    ("1500", 1500, 1500, "exact"),
    ("۴٫۵ میلیون", 4_500_000, 4_500_000, "exact"),
    ("۲/۵ میلیون", 2_500_000, 2_500_000, "exact"),
    ("۳۰ هزار", 30000, 30000, "exact"),
    ("سی و پنج هزار", 35000, 35000, "exact"),
    ("دو میلیون و پانصد هزار", 2_500_000, 2_500_000, "exact"),
    ("یکصد و بیست", 120, 120, "exact"),
    ("سه صد", 300, 300, "exact"),
    ("هفتصد و هشتاد و نه", 789, 789, "exact"),
    ("یک میلیون و دویست هزار", 1_200_000, 1_200_000, "exact"),
    ("بیش از ۳۰ هزار", 30000, None, "lower"),
    ("دست‌کم ۴۴۸۱", 4481, None, "lower"),
    ("دست کم ۴۴۸۱", 4481, None, "lower"),
    ("کمتر از ۳٬۸۰۰", None, 3800, "upper"),
    ("حدود ۲۰۰", 180, 220, "approx"),
    ("نزدیک به سه هزار", 2700, 3000, "approx"),
    ("بین ۲۸۰۰ تا ۳۸۰۰", 2800, 3800, "range"),
    ("دو تا سه هزار", 2000, 3000, "range"),
    ("هزاران", 2000, None, "vague"),
    ("ده‌ها هزار", 20000, None, "vague"),
    ("صدها هزار", 200000, None, "vague"),
    ("چند هزار", 2000, 10000, "vague"),
])
def test_persian_numbers(text: str, low: float | None, high: float | None, bound: str) -> None:
    found = scan(f"{text} نفر")
    assert len(found) == 1, found
    n = found[0]
    assert (n.low, n.high, n.bound) == (low, high, bound)
    assert n.text == text


@pytest.mark.parametrize("text", ["سه‌شنبه", "نه تنها", "دو سه روز"])
def test_words_that_are_not_one_number(text: str) -> None:
    assert [n.value for n in scan(text)] in ([], [2.0, 3.0])


@pytest.mark.parametrize("text, iso", [
    ("۵ مرداد ۱۳۶۷", "1988-07-27"),
    ("مرداد ماه ۱۳۶۷", "1988-08"),
    ("تابستان ۱۳۶۷", "1988"),
    ("سال ۶۷", "1988"),
    ("۱۳۶۷/۰۵/۰۵", "1988-07-27"),
    ("ژوئیه ۱۹۸۸", "1988-07"),
    ("سال ۱۹۸۸ میلادی", "1988"),
])
def test_jalali_and_gregorian_dates(text: str, iso: str) -> None:
    dates = find_dates(f"در {text} رخ داد")
    assert [(d.iso, d.text.startswith(text.split()[0])) for d in dates] == [(iso, True)]


def _claims(text: str) -> list[dict]:
    from claimgraph.extract import extract_one
    from claimgraph.model import Location, Source
    from claimgraph.options import Options

    src = Source(data=text.encode(), location=Location("t.txt", "file", "-"), name="t.txt")
    return extract_one(src, Options(entity_files=(ENTITIES,))).to_json()["claims"]


def test_claim_keeps_the_jalali_words_beside_the_year() -> None:
    (c,) = _claims("در تابستان ۱۳۶۷ دست‌کم ۴۴۸۱ زندانی سیاسی اعدام شدند.")
    assert (c["time"], c["time_text"]) == ("1988", "تابستان ۱۳۶۷")
    assert (c["counted"], c["event"], c["qualifier"], c["bound"]) == ("political prisoners", "executed", "at least", "lower")
    assert c["number_text"] == "دست‌کم ۴۴۸۱"


@pytest.mark.parametrize("text", ["ماده ۵ این قانون اصلاح شد.", "پرونده شماره ۱۴۵ باز است.",
                                  "خانواده‌ها سه روز تجمع کردند.", "در سال ۱۳۷۰ اصلاح شد.", "در ساعت ۸ صبح رخ داد."])
def test_not_claims(text: str) -> None:
    assert _claims(text) == []


def test_persian_and_english_tolls_meet_in_one_group(tmp_path: Path) -> None:
    from claimgraph import workflow
    from claimgraph.options import Options
    from claimgraph.store import Store

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "en.txt").write_text(
        "Prison killings remembered\n\nA rights group said on Monday that at least 4,481 political prisoners "
        "were executed in the summer of 1988 on the orders of Ayatollah Khomeini.\n", encoding="utf-8")
    (docs / "fa.txt").write_text(
        "گزارش تازه\n\nیک گروه حقوق بشری روز دوشنبه اعلام کرد که دست‌کم ۴۴۸۱ زندانی سیاسی در تابستان ۱۳۶۷ "
        "به دستور آیت‌الله خمینی اعدام شدند.\n", encoding="utf-8")
    (docs / "other.txt").write_text(
        "Flood in the valley\n\nOfficials said 212 people drowned in the Karst Valley flood of 2023.\n", encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        report = workflow.ingest(store, [str(docs)], Options(entity_files=(ENTITIES,)))
        assert report.ok and report.new == 3
        groups = store.claim_groups(limit=10)
        entities = store.global_entities(q="Khomeini", limit=5)
    toll = next(g for g in groups if any(c.get("low") == 4481 for c in g["claims"]))
    assert {c["low"] for c in toll["claims"]} == {4481}
    assert len(toll["claims"]) == 2  # the English and the Persian claim, and not the flood
    khomeini = next(e for e in entities if e["name"] == "Ruhollah Khomeini")
    assert khomeini["n_documents"] == 2 and "خمینی" in " ".join(khomeini["aliases"])
