"""The `claimgraph` command: every subcommand, its JSON outputs, and user mistakes answered with
one line instead of a traceback."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from claimgraph import cli
from conftest import HTML_PARAS, NEWS, blog_post, html_page

Run = Callable[..., CompletedProcess[str]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database holding three documents, built once for the read-only commands."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    (folder / "blog.txt").write_text(blog_post(), encoding="utf-8")
    (folder / "page.html").write_text(html_page("County Approves Flood Barrier", HTML_PARAS), encoding="utf-8")
    db = folder / "c.db"
    assert cli.main(["ingest", "--db", str(db), "-q", str(folder / "news.txt"), str(folder / "blog.txt"),
                     str(folder / "page.html")]) == 0
    yield db


def main_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    capsys.readouterr()
    assert cli.main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_documents_json_and_jsonl(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = main_json(capsys, "documents", "--db", str(corpus), "--format", "json")
    assert isinstance(docs, list) and len(docs) == 3
    assert {d["format"] for d in docs} == {"text", "html"}
    assert cli.main(["documents", "--db", str(corpus), "--format", "jsonl", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["sha256"] for line in lines)
    assert cli.main(["documents", "--db", str(corpus)]) == 0
    assert "HARBOUR" in capsys.readouterr().out


def test_show_json_and_highlighted_text(corpus: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = main_json(capsys, "show", "--db", str(corpus), "--format", "json", "2")
    assert isinstance(doc, dict)
    assert doc["title"].startswith("HARBOUR") and doc["locations"][0]["uri"].endswith("blog.txt")
    assert {f["kind"] for f in doc["flags"]} >= {"repeated_paragraph", "appended_article"}
    assert {r["step"] for r in doc["runs"]} >= {"decode", "normalise", "parse", "extract"}
    # On a terminal, the text comes with styles: quotes, speakers, claims, entities.
    from rich.console import Console

    monkeypatch.setattr(cli.terminal, "console", Console(force_terminal=True, color_system="standard", width=120))
    capsys.readouterr()
    assert cli.main(["show", "--db", str(corpus), doc["sha256"][:12]]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" in out and "legend" in out and "repeated_paragraph" in out
    assert "Harbour Town council members admitted" in re.sub(r"\x1b\[[0-9;]*m", "", out)


@pytest.mark.parametrize("command", ["quotes", "entities", "claims", "errors"])
def test_listings_in_every_format(corpus: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    rows = main_json(capsys, command, "--db", str(corpus), "--format", "json")
    assert isinstance(rows, list)
    assert cli.main([command, "--db", str(corpus), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(rows)
    assert cli.main([command, "--db", str(corpus)]) == 0
    if command == "entities":
        assert any(r["name"] for r in rows)


def test_listing_filters(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ents = main_json(capsys, "entities", "--db", str(corpus), "--format", "json", "--document", "1")
    assert all(e["document_id"] == 1 for e in ents)
    claims = main_json(capsys, "claims", "--db", str(corpus), "--format", "json", "--document", "2")
    assert all(c["document_id"] == 2 for c in claims)
    quotes = main_json(capsys, "quotes", "--db", str(corpus), "--format", "json", "--speaker", "nobody-at-all")
    assert quotes == []


def test_search(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hits = main_json(capsys, "search", "--db", str(corpus), "--format", "json", "flood barrier")
    assert isinstance(hits, dict) and hits["documents"][0]["title"] == "County Approves Flood Barrier"
    assert cli.main(["search", "--db", str(corpus), "sea wall"]) == 0
    assert "HARBOUR" in capsys.readouterr().out


def test_extract_jsonl_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.txt").write_text(blog_post())
    capsys.readouterr()
    assert cli.main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [Path(x["source"]).name for x in lines] == ["a.txt", "b.txt"]
    assert set(lines[0]) == {"source", "document", "entities", "quotes", "claims", "flags", "languages", "analyses"}
    out = main_json(capsys, "extract", "--format", "json", "--include-text", str(tmp_path / "a.txt"))
    assert isinstance(out, list) and out[0]["text"].startswith("Mayor Anna Kowalski")
    assert not (tmp_path / "claimgraph.db").exists()  # extract stores nothing


def test_reprocess_and_ingest_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    db = str(tmp_path / "r.db")
    report = main_json(capsys, "ingest", "--db", db, "--format", "json", str(tmp_path / "a.txt"))
    assert isinstance(report, dict) and report["new"] == 1 and report["failed"] == []
    again = main_json(capsys, "ingest", "--db", db, "--format", "json", str(tmp_path / "a.txt"))
    assert isinstance(again, dict) and again["unchanged"] == 1 and again["new"] == 0
    assert cli.main(["reprocess", "--db", db, "--jobs", "2"]) == 0
    assert "1 documents rebuilt" in capsys.readouterr().out
    assert cli.main(["reprocess", "--db", db, "--changed-only"]) == 0
    assert "0 documents rebuilt" in capsys.readouterr().out


def test_demo(tmp_path: Path, run_in: Callable[..., CompletedProcess[str]]) -> None:
    result = run_in(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert "new" in result.stdout and "documents" in result.stdout
    assert (tmp_path / "claimgraph.db").exists()


@pytest.fixture
def run_in(run_cli: Run) -> Callable[..., CompletedProcess[str]]:
    def go(cwd: Path, *args: str, input: str | None = None) -> CompletedProcess[str]:
        return run_cli(*args, input=input, cwd=cwd)

    return go


# -- through a real process: stdin, exit codes, no tracebacks ---------------------------------------


def test_stdin_is_read_with_dash(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("ingest", "--db", "s.db", "-", input=NEWS)
    assert result.returncode == 0, result.stderr
    result = run_cli("documents", "--db", "s.db", "--format", "json")
    (doc,) = json.loads(result.stdout)
    assert doc["source"] == "-"
    shown = json.loads(run_cli("show", "--db", "s.db", "--format", "json", str(doc["id"])).stdout)
    assert shown["locations"][0]["kind"] == "stdin"


def test_broken_inputs_give_one_line_each_and_exit_1(tmp_path: Path, run_cli: Run) -> None:
    (tmp_path / "good.txt").write_text(NEWS)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "elf").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    (tmp_path / "big.txt").write_bytes(b"word " * 300_000)  # 1.5 MB, over --max-mb 1
    result = run_cli("ingest", "--db", "b.db", "--max-mb", "1", "good.txt", "empty.txt", "elf", "big.txt", "missing.txt",
                 "*.nothing")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 5, result.stderr
    for name, why in [("empty.txt", "empty"), ("elf", "binary"), ("big.txt", "over the limit"),
                      ("missing.txt", "no such file"), ("*.nothing", "no file matches")]:
        assert any(line.startswith(f"error: {name}: ") and why in line for line in errors), (name, errors)
    assert "Traceback" not in result.stderr
    assert "1 new" in result.stdout and "5 failed" in result.stdout
    listed = json.loads(run_cli("errors", "--db", "b.db", "--format", "json").stdout)
    assert len(listed) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["documents", "--db", "absent.db"], "no such database"),
        (["ingest", "--db", "no/such/folder/x.db", "x.txt"], "does not exist"),
        (["ingest", "--db", ".", "x.txt"], "is a folder"),
        (["documents", "--db", "notes.db"], "not a claimgraph database"),
        (["show", "--db", "ok.db", "12345"], "no document"),
        (["show", "--db", "ok.db", "abcdef"], "at least 8 hexadecimal characters"),
        (["quotes", "--db", "ok.db", "--document", "9"], "no document"),
    ],
)
def test_user_mistakes_are_one_line(tmp_path: Path, run_cli: Run, args: list[str], message: str) -> None:
    (tmp_path / "notes.db").write_text("not a database\n" * 20)
    from claimgraph.store import Store

    Store(tmp_path / "ok.db").close()
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_option_values_are_usage_errors(run_cli: Run) -> None:
    for bad in (["--jobs", "0"], ["--max-mb", "-1"], ["--jobs", "two"]):
        result = run_cli("ingest", *bad, "x.txt")
        assert result.returncode == 2 and "Traceback" not in result.stderr and "usage" in result.stderr


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys
    import threading

    from conftest import SRC

    (tmp_path / "a.txt").write_text(NEWS)
    env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm"}
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "claimgraph.cli", "ingest", "--db", "t.db", "a.txt"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    # The terminal is read while the command runs: a pty holds about 19 KB, and a bar redrawn ten
    # times a second on a slow (loaded) machine fills it, blocking the command for good.
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=300)
    reader.join(10)
    os.close(master)
    seen = b"".join(chunks)
    assert proc.returncode == 0
    assert b"ingesting" in seen  # the bar was drawn on the terminal...
    assert b"ingesting" not in out  # ...and never into the piped output
    piped = subprocess.run([sys.executable, "-m", "claimgraph.cli", "ingest", "--db", "p.db", "a.txt"],
                           cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert piped.returncode == 0 and b"ingesting" not in piped.stderr
