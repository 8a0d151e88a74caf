"""Gate: Persian quotes and numeric claims on the gold paragraphs (tests/gold_fa/), and OCR of the
generated scanned page, stay above their floors (bench/score_fa.py prints the table and misses)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _scorer() -> ModuleType:  # bench/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("score_fa", ROOT / "bench" / "score_fa.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_fa"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.gate
def test_persian_gold_floors() -> None:
    scorer = _scorer()
    result = scorer.score()
    assert result["paragraphs"] >= 30 and result["quotes"] >= 20 and result["claims"] >= 25
    below = {k: round(result[k], 3) for k, floor in scorer.FLOORS.items() if result[k] < floor}
    assert not below, f"below floor: {below}; misses: {result['misses']}"


@pytest.mark.gate
@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed (scripts/setup installs it)")
@pytest.mark.parametrize("name", ["scan.pdf", "scan.png"])
def test_scanned_page_is_read(name: str) -> None:
    scorer = _scorer()
    result = scorer.score_scan(ROOT / "tests" / "gold_fa" / name)
    assert result["cer"] <= scorer.SCAN_CER_CEILING, result
    assert result["language"] == "fa"
    assert ("دست‌کم ۴۴۸۱", 4481, None, "political prisoners", "executed", "1988") in result["claims"]
    assert any(kind == "direct" and speaker == "رئیس هیئت" for kind, _, speaker in result["quotes"])
