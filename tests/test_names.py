"""File names as the operating system has them: bytes that need not be UTF-8, control characters,
backslashes. Each becomes one printable, lossless text (`path_text`) wherever a path is written
down, and one odd name never stops a batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph import workflow
from claimgraph.ingest.sources import path_bytes, path_text
from claimgraph.options import Options
from claimgraph.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")

SAID = b'T\n\n"We will rebuild," the mayor said.\n'


def test_plain_names_are_unchanged() -> None:
    for name in ("notes/report.txt", "caf\u00e9 cr\u00e8me.txt", "\u062e\u0628\u0631.html", "a b [c].pdf"):
        assert path_text(name) == name


def test_odd_names_are_printable_and_give_their_bytes_back() -> None:
    assert path_text(os.fsdecode(b"nb/caf\xe9.txt")) == "nb/caf\\xe9.txt"
    assert path_text("line\nbreak.txt") == "line\\u000abreak.txt"
    assert path_text("evil\u202etxt.exe") == "evil\\u202etxt.exe"  # a right-to-left override, shown
    assert path_text("back\\slash") == "back\\\\slash"  # so a name that reads "\xe9" stays itself
    assert path_bytes(path_text("back\\xe9")) == b"back\\xe9"


@given(st.binary(min_size=1, max_size=40))
def test_path_text_is_lossless_for_any_bytes(raw: bytes) -> None:
    text = path_text(os.fsdecode(raw))
    assert text.isprintable()
    text.encode("utf-8")  # what SQLite and JSON need
    assert path_bytes(text) == raw


def test_a_name_that_is_not_utf8_does_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as fh:
        fh.write(SAID)
    with open(os.path.join(os.fsencode(folder), b"junk\xff.txt"), "wb") as fh:
        fh.write(b"\x00\x01\x02" * 50)  # fails: its error row must name it too
    (folder / "z.txt").write_bytes(SAID.replace(b"said", b"said again"))
    with Store(tmp_path / "db.sqlite") as store:
        report = workflow.ingest(store, [str(folder)], Options())
        assert report.new == 2
        assert [n for n, _ in report.failed] == [f"{folder}/junk\\xff.txt"]
        uris = sorted(loc["uri"] for d in store.documents() for loc in store.locations(d["sha256"]))
        assert uris == [f"{folder}/caf\\xe9.txt", f"{folder}/z.txt"]
        assert os.fsencode(folder) + b"/caf\xe9.txt" == path_bytes(uris[0])
        assert [e["input"] for e in store.errors()] == [f"{folder}/junk\\xff.txt"]


def test_an_odd_name_given_directly_is_read(tmp_path: Path) -> None:
    odd = os.path.join(os.fsencode(tmp_path), b"r\xe9sum\xe9\n.txt")
    with open(odd, "wb") as fh:
        fh.write(SAID)
    with Store(tmp_path / "db.sqlite") as store:
        report = workflow.ingest(store, [os.fsdecode(odd)], Options())
        assert report.ok and report.new == 1
        (doc,) = store.documents()
        assert store.locations(doc["sha256"])[0]["uri"] == f"{tmp_path}/r\\xe9sum\\xe9\\u000a.txt"
