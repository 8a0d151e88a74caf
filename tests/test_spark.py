"""`claimgraph spark extract` on a local[2] session: the same results as `claimgraph extract` on
the same inputs (a WARC and a broken file among them), every failure an errors row, and a
re-run that skips what is written from the same pipeline key. One shared session (conftest's `spark` fixture)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph import cli, workflow
from claimgraph.options import Options
from corpus_files import expected, extractions, table, write_inputs

pytestmark = pytest.mark.spark


def test_spark_extract_equals_claimgraph_extract(spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimgraph.spark import job

    inputs = write_inputs(tmp_path / "in")
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# one path per line\n{inputs / 'flood.txt'}\n{tmp_path / 'gone.txt'}\n", encoding="utf-8")
    out = tmp_path / "corpus"
    report = job.extract(spark, [str(inputs)], str(out), Options(), lists=[str(listing)])
    docs, failed = expected([str(p) for p in sorted(inputs.iterdir())])
    got = extractions(out)
    assert got == docs
    assert report.rows["documents"] == len(docs)  # flood.txt, named twice, is read once
    errors = {r["input"]: r["reason"] for r in table(out, "errors")}
    assert errors == {**failed, str(tmp_path / "gone.txt"): "no such file or folder"}

    # Again, through the command: nothing new to extract, the failures are tried and told again.
    code = cli.main(["spark", "extract", str(inputs), "--out", str(out), "--format", "json"])
    assert code == 1
    again = capsys.readouterr().out
    assert '"documents": 0' in again and '"errors": 1' in again
    assert len(table(out, "documents")) == len(docs)

    # Other options make another pipeline key: what the corpus holds from the first no longer counts.
    other = Options(beliefs=False)
    report = job.extract(spark, [str(inputs / "flood.txt")], str(out), other)
    assert report.rows["documents"] == 1 and report.pipeline != workflow.pipeline_key(Options())
    assert {r["pipeline"] for r in table(out, "documents") if r["source"].endswith("flood.txt")} == \
        {workflow.pipeline_key(Options()), report.pipeline}
