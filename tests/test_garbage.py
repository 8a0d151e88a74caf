"""Input that decodes or unpacks without an exception but is not what it claims to be: each is
named with its reason, once, instead of being stored as if fine."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.errors import InputError
from claimgraph.ingest import parse_one, read_sources, unpack
from claimgraph.ingest.html import parse_html
from claimgraph.ingest.text import decode
from claimgraph.model import Location, Source
from claimgraph.options import Limits, Options
from claimgraph.store import Store
from conftest import ACCENTED, HTML_PARAS, NEWS, html_page, make_warc, make_zip

LIMITS = Limits()


def outcomes(data: bytes, name: str) -> list[Source | InputError]:
    """What one file becomes: its documents parsed, or the errors that stop them."""
    out: list[Source | InputError] = []
    for item in unpack(Source(data=data, location=Location(name, "file", ""), name=name), LIMITS):
        if isinstance(item, Source):
            try:
                parse_one(item, LIMITS)
            except InputError as err:
                item = err  # noqa: PLW2901 -- the document became its error
        out.append(item)
    return out


def only_error(data: bytes, name: str) -> InputError:
    (err,) = outcomes(data, name)
    assert isinstance(err, InputError), err
    return err


# -- text that decodes into the wrong characters ------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_its_mark_is_read_as_utf32(encoding: str) -> None:
    data = (ACCENTED * 2).encode("utf-32") if encoding == "utf-32-le" else b"\x00\x00\xfe\xff" + (
        ACCENTED * 2).encode("utf-32-be")
    text, found, bom = decode(data, "f.txt")
    assert (text, found, bom) == (ACCENTED * 2, encoding, 4)
    assert text.encode(found) == data[bom:]


def test_utf16_in_the_other_byte_order_than_its_mark() -> None:
    err = only_error(b"\xff\xfe" + (NEWS * 2).encode("utf-16-be"), "swapped.txt")
    assert "byte order" in err.reason


def test_ascii_behind_a_utf16_mark() -> None:
    err = only_error(b"\xff\xfe" + (NEWS * 2).encode("ascii", "replace"), "fake16.txt")
    assert "not utf-16-le text" in err.reason


def test_nul_characters_after_a_mark() -> None:
    err = only_error(b"\xef\xbb\xbf" + b"Some words\x00\x00 and more words" * 3, "nul.txt")
    assert "NUL characters" in err.reason


def test_nul_characters_past_the_first_block() -> None:
    data = NEWS.encode() * 200 + b"\x00" * 64 + NEWS.encode()
    assert "NUL characters" in only_error(data, "late-nul.txt").reason


def test_a_stray_control_character_is_still_text() -> None:
    text, _, _ = decode((NEWS + "\x1a").encode(), "dos.txt")  # the DOS end-of-file mark
    assert text.endswith("\x1a")


@pytest.mark.parametrize("data", [b"\x93", b"\xff\xd8", b"\x01\xe9\x02", b"\x00", b"\xc3\xa9", b"}~", b"\x1b["])
def test_tiny_binary_files_are_not_documents(data: bytes) -> None:
    err = only_error(data, "tiny.bin")
    assert any(w in err.reason for w in ("binary", "too few", "no words")), err.reason


# -- containers that lie about their contents ---------------------------------------------------


PAGES = [("https://news.example/a", "2024-01-02T03:04:05Z", html_page("First Story Title", HTML_PARAS)),
         ("https://news.example/b", "2024-01-03T06:07:08Z", html_page("Second Story Title", HTML_PARAS[::-1]))]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_truncated_warc_keeps_its_complete_records_and_says_it_was_cut(gz: bool) -> None:
    whole = make_warc(PAGES, gz=gz)
    assert all(isinstance(o, Source) for o in outcomes(whole, "crawl.warc"))
    for cut in (len(whole) * 2 // 3, len(whole) - 30):
        got = outcomes(whole[:cut], "crawl.warc")
        errors = [o for o in got if isinstance(o, InputError)]
        assert len(errors) == 1, (cut, errors)
        assert errors[0].name == "crawl.warc"
        assert any(w in errors[0].reason for w in ("truncated", "cut short")), errors[0].reason
        assert isinstance(got[0], Source) and got[0].location.uri == "https://news.example/a"


def test_a_record_cut_inside_its_payload() -> None:
    whole = make_warc(PAGES[:1], gz=False)
    at = whole.index(b"Copyright")  # inside the one HTML response
    (err,) = outcomes(whole[:at], "crawl.warc")
    assert isinstance(err, InputError) and "cut short" in err.reason


def test_zip_members_that_climb_out_are_named() -> None:
    data = make_zip({"ok.txt": NEWS.encode(), "../../x.txt": NEWS.encode() + b"x", "/etc/y.txt": b"y words",
                     ".hidden": b"skipped quietly"})
    got = outcomes(data, "bundle.zip")
    assert [o.name for o in got] == ["bundle.zip!../../x.txt", "bundle.zip!/etc/y.txt", "bundle.zip!ok.txt"]
    assert [type(o) for o in got] == [InputError, InputError, Source]
    assert all("leads out of the archive" in o.reason for o in got if isinstance(o, InputError))


def test_a_truncated_plain_gzip_is_damaged() -> None:
    data = gzip.compress(NEWS.encode() * 50)
    err = only_error(data[: len(data) // 2], "news.txt.gz")
    assert "damaged gzip" in err.reason


def test_html_too_deep_for_the_parser_says_so() -> None:
    depth = 10_000
    page = ("<html><body>" + "<div>" * depth + "<p>" + HTML_PARAS[0] + "</p>" + "</div>" * depth
            + "</body></html>").encode()
    with pytest.raises(InputError, match="nested 10,000 elements deep"):
        parse_html(page, "deep.html", LIMITS)
    # A page that is merely empty keeps its own reason.
    with pytest.raises(InputError, match="no main text"):
        parse_html(b"<html><head><title>x</title></head><body></body></html>", "empty.html", LIMITS)


# -- folders --------------------------------------------------------------------------------------


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(NEWS)
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(NEWS)
    os.symlink(outside / "secret.txt", folder / "link.txt")
    os.symlink(outside, folder / "sub" / "linked-folder")
    os.symlink(folder / "a.txt", folder / "same.txt")  # inside: read like any file
    got = list(read_sources([str(folder)], LIMITS))
    names = {(Path(o.name).relative_to(folder).as_posix(), type(o).__name__) for o in got}
    assert names == {("a.txt", "Source"), ("same.txt", "Source"), ("link.txt", "InputError"),
                     ("sub/linked-folder", "InputError")}
    reasons = [o.reason for o in got if isinstance(o, InputError)]
    assert all("outside the folder" in r and str(outside) in r for r in reasons)
    # Named on its own, a link is what the user chose to read.
    (direct,) = list(read_sources([str(folder / "link.txt")], LIMITS))
    assert isinstance(direct, Source)


def test_each_bad_file_is_one_error_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(NEWS)
    (folder / "swapped.txt").write_bytes(b"\xff\xfe" + (NEWS * 2).encode("utf-16-be"))
    (folder / "tiny.bin").write_bytes(b"\xe9\x01")
    (folder / "crawl.warc").write_bytes(make_warc(PAGES, gz=False)[:-30])
    (folder / "bundle.zip").write_bytes(make_zip({"../x.txt": NEWS.encode() + b"!"}))
    with Store(tmp_path / "db.sqlite") as store:
        report = workflow.ingest(store, [str(folder)], Options())
        failed = sorted(n[len(str(folder)) + 1:] for n, _ in report.failed)
        assert failed == ["bundle.zip!../x.txt", "crawl.warc", "swapped.txt", "tiny.bin"]
        assert store.count("errors") == 4
        assert report.new == 3  # good.txt and the two complete WARC records
