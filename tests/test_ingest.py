"""Ingest: every supported format from files made here, and every kind of broken input failing
alone, with one clear reason, while the rest of the batch goes on."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from claimgraph import workflow
from claimgraph.errors import InputError, LimitError
from claimgraph.ingest import detect, parse_one, read_sources, unpack
from claimgraph.ingest.html import parse_html
from claimgraph.ingest.pdf import parse_pdf
from claimgraph.ingest.text import decode, parse_text
from claimgraph.model import Location, Source
from claimgraph.options import Limits, Options
from claimgraph.store import Store
from conftest import (
    ACCENTED,
    HTML_PARAS,
    NEWS,
    blog_post,
    gzip_bomb,
    html_page,
    make_pdf,
    make_warc,
    make_zip,
    zip_bomb,
)

LIMITS = Limits()


def source(data: bytes, name: str = "doc.txt") -> Source:
    return Source(data=data, location=Location(uri=name, kind="file", captured_at="2024-01-01T00:00:00Z"), name=name)


# -- plain text and encodings --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("cp1252", b""), ("latin-1", b"")],
)
def test_text_encodings_are_detected_and_round_trip(encoding: str, bom: bytes) -> None:
    data = bom + (ACCENTED * 3).encode(encoding)
    text, found, bom_len = decode(data, "f.txt")
    assert text == ACCENTED * 3
    assert bom_len == len(bom)
    # The encoding reported must give the original bytes back: that is what maps spans to bytes.
    assert text.encode(found) == data[bom_len:]


def test_cp1252_specials_are_not_read_as_central_european() -> None:
    # charset-normalizer alone calls this cp1250 and reads "très" as "trčs".
    text = "Le café coûte 3 € — c'est très cher, dit-il. Ça suffit. " * 4
    decoded, enc, _ = decode(text.encode("cp1252"), "f.txt")
    assert decoded == text
    assert enc == "cp1252"


def test_text_header_gives_title_url_publisher_and_date() -> None:
    parsed = parse_text(blog_post().encode(), "blog.txt", LIMITS)
    meta = parsed.metadata
    assert meta.title == "HARBOUR TOWN COUNCIL ADMITS FLOOD WARNINGS WERE IGNORED"
    assert meta.url and meta.url.startswith("https://www.coastwatch-example.org/")
    assert meta.publisher == "coastwatch-example.org"  # the host, without www.
    assert meta.published == "2021-03-14"  # from the date in the URL
    assert parsed.text[parsed.body_start:].startswith("Harbour Town council")


# -- HTML, PDF, WARC, zip, gzip -----------------------------------------------------------------------


def test_html_metadata_and_main_text() -> None:
    html = html_page("County Approves Flood Barrier", HTML_PARAS).encode()
    parsed = parse_html(html, "page.html", LIMITS)
    assert parsed.format == "html"
    m = parsed.metadata
    assert m.title == "County Approves Flood Barrier"
    assert m.author == "Sam Reed"
    assert m.publisher == "Valley Gazette"
    assert m.published == "2023-06-02"
    assert m.url == "https://valley-gazette.example/news/flood-barrier"
    assert "protect 4,000 homes" in parsed.text
    assert "All rights reserved" not in parsed.text and "Home" not in parsed.text.split("\n")[0]
    assert parsed.encoding is None  # extracted text has no byte positions
    assert [s.tool for s in parsed.steps] == ["charset-normalizer", "trafilatura", "htmldate"]


def test_pdf_text_layer_and_info() -> None:
    pdf = make_pdf(["The minister said 40 schools would close.", "Parents protested (loudly) on Friday."])
    assert detect(pdf, "x.bin") == "pdf"
    parsed = parse_pdf(pdf, "report.pdf", LIMITS)
    assert "40 schools would close" in parsed.text and "(loudly)" in parsed.text
    assert parsed.metadata.title == "Quarterly Water Report"
    assert parsed.metadata.author == "Jane Doe"
    assert parsed.metadata.published == "2024-03-05"


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_records_are_documents(gz: bool) -> None:
    pages = [("https://news.example/a", "2024-01-02T03:04:05Z", html_page("First Story Title", HTML_PARAS)),
             ("https://news.example/b", "2024-01-03T06:07:08Z", html_page("Second Story Title", HTML_PARAS[::-1]))]
    data = make_warc(pages, gz=gz)
    docs = list(unpack(source(data, "crawl.warc.gz" if gz else "crawl.warc"), LIMITS))
    assert all(isinstance(d, Source) for d in docs)
    assert [(d.location.uri, d.location.captured_at, d.location.kind) for d in docs] == [  # type: ignore[union-attr]
        ("https://news.example/a", "2024-01-02T03:04:05Z", "warc"),
        ("https://news.example/b", "2024-01-03T06:07:08Z", "warc")]
    first = docs[0]
    assert isinstance(first, Source) and first.location.container in ("crawl.warc", "crawl.warc.gz")
    assert parse_one(first, LIMITS).metadata.title == "First Story Title"


def test_zip_members_and_gzip_are_unpacked() -> None:
    data = make_zip({"a.txt": NEWS.encode(), "sub/b.html": html_page("Zipped Page Title", HTML_PARAS).encode(),
                     "__MACOSX/._a.txt": b"\0\0junk", "folder/": b""})
    docs = [d for d in unpack(source(data, "bundle.zip"), LIMITS)]
    assert [d.name for d in docs] == ["bundle.zip!a.txt", "bundle.zip!sub/b.html"]
    assert all(isinstance(d, Source) and d.location.container == "bundle.zip" for d in docs)
    import gzip

    (one,) = list(unpack(source(gzip.compress(NEWS.encode()), "news.txt.gz"), LIMITS))
    assert isinstance(one, Source) and one.data == NEWS.encode()


# -- broken inputs ---------------------------------------------------------------------------------


def broken_files(folder: Path) -> dict[str, str]:
    """Write one file of each broken kind; return {file name: words its error must contain}."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = make_pdf(["A line of text that will be cut off."])
    files = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"  \n\n \t\n", "empty"),
        "random.bin": (os.urandom(4096), "binary"),
        "program": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, "binary"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "PDF"),
        "mixed.txt": ("Caf\u00e9 cr\u00e8me ".encode() * 20 + b"\xe9t\xe9 " * 5, "invalid UTF-8"),
        "badbom.txt": (b"\xef\xbb\xbfabc \xff\xfe\xfd def", "invalid utf-8 after a byte-order mark"),
        "bomb.gz": (gzip_bomb(64 << 20), "decompression bomb"),
        "bomb.zip": (zip_bomb(64 << 20), "decompression bomb"),
        "badzip.zip": (b"PK\x03\x04" + b"\x00" * 40, "damaged zip"),
        "badwarc.warc": (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort", "WARC"),
        "empty.html": (b"<html><head><title>x</title></head><body></body></html>", "no main text"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: why for name, (_, why) in files.items()}


def test_each_broken_file_fails_alone_with_its_reason(tmp_path: Path) -> None:
    expected = broken_files(tmp_path / "in")
    options = Options()
    for name, why in expected.items():
        path = str(tmp_path / "in" / name)
        (src,) = list(read_sources([path], options.limits))
        assert isinstance(src, Source), name
        outcomes = list(unpack(src, options.limits))
        errors = [o for o in outcomes if isinstance(o, InputError)]
        for o in outcomes:
            if isinstance(o, Source):
                try:
                    parse_one(o, options.limits)
                except InputError as err:
                    errors.append(err)
        assert len(errors) == 1, (name, errors)
        assert name in errors[0].name
        assert why.lower() in errors[0].reason.lower(), (name, errors[0].reason)


def test_broken_batch_goes_on_and_loses_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(NEWS, encoding="utf-8")
    expected = broken_files(tmp_path / "broken")
    with Store(tmp_path / "db.sqlite") as store:
        first = workflow.ingest(store, [str(good)], Options())
        assert first.ok and first.new == 1
        later = tmp_path / "later.txt"
        later.write_text(blog_post(), encoding="utf-8")
        report = workflow.ingest(store, [str(tmp_path / "broken"), str(later), str(tmp_path / "nope.txt"),
                                         str(tmp_path / "*.none")], Options())
        failed = {Path(n.split("!")[0]).name for n, _ in report.failed}
        assert failed == set(expected) | {"nope.txt", "*.none"}
        assert len(report.failed) == len(expected) + 2  # one line per input
        assert report.new == 1  # the good file after the broken folder
        assert store.count("documents") == 2  # nothing stored before is lost
        assert store.count("errors") == len(report.failed)
        reasons = {Path(e["input"].split("!")[0]).name: e["reason"] for e in store.errors()}
        assert "no such file" in reasons["nope.txt"] and "no file matches" in reasons["*.none"]


def test_long_line_is_refused_before_decoding(tmp_path: Path) -> None:
    limits = replace(LIMITS, max_line=10_000)
    one_line = b"word " * 5_000  # 25,000 bytes, no newline
    with pytest.raises(LimitError, match="single line of 25,000 bytes"):
        parse_text(one_line, "line.txt", limits)
    # Many short lines of the same total size are fine, and so are CR-only line ends.
    parse_text(b"word word word\n" * 5_000, "lines.txt", limits)
    parse_text(b"word word word\r" * 5_000, "mac.txt", limits)


def test_file_over_size_limit_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3000)
    limits = replace(LIMITS, max_bytes=1000)
    (err,) = list(read_sources([str(big)], limits))
    assert isinstance(err, LimitError) and "3,000 bytes" in err.reason


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(NEWS)
    path.chmod(0)
    try:
        if os.geteuid() != 0:  # root reads anything: the real check only bites for other users
            (err,) = list(read_sources([str(path)], LIMITS))
            assert isinstance(err, InputError) and "permission denied" in err.reason
    finally:
        path.chmod(0o644)
    import builtins

    real_open = builtins.open

    def denied(file: object, *a: object, **k: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", denied)
    (err,) = list(read_sources([str(path)], LIMITS))
    assert isinstance(err, InputError) and err.name == str(path) and "permission denied" in err.reason


def test_missing_path_glob_and_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    results = list(read_sources([str(tmp_path / "missing.txt"), str(tmp_path / "*.xyz"), str(fifo)], LIMITS))
    assert [type(r) for r in results] == [InputError] * 3
    assert [r.reason for r in results if isinstance(r, InputError)] == [
        "no such file or folder", "no file matches this pattern", "not a regular file"]


def test_folder_is_walked_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt", "sub/c.txt"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(NEWS)
    names = [Path(s.name).relative_to(tmp_path).as_posix() for s in read_sources([str(tmp_path)], LIMITS)
             if isinstance(s, Source)]
    assert names == ["a.txt", "b.txt", "sub/c.txt"]


def test_a_huge_single_line_is_refused_early_while_reading(tmp_path: Path) -> None:
    import io

    from claimgraph.ingest.sources import CHUNK, read_capped

    class Counting(io.BytesIO):
        consumed = 0

        def read(self, n: int | None = -1) -> bytes:
            out = super().read(n)
            self.consumed += len(out)
            return out

    limits = replace(LIMITS, max_line=CHUNK // 2, max_bytes=64 * CHUNK)
    fh = Counting(b"word " * (8 * CHUNK // 5))  # 8 MB without a line break
    with pytest.raises(LimitError, match="single line"):
        read_capped(fh, "line.txt", limits)
    assert fh.consumed <= CHUNK  # stopped at the first chunk, not at the end of the file
    # The same run of bytes inside an archive or a PDF is not a "line": those are read whole.
    archive = make_zip({"a.txt": NEWS.encode()}) + os.urandom(3 * CHUNK)
    assert len(read_capped(io.BytesIO(archive), "a.zip", limits)) == len(archive)
    # A line that straddles two chunks is measured across them.
    straddle = b"x\n" + b"y" * (CHUNK - 10) + b"z" * (CHUNK // 2) + b"\nend\n"
    with pytest.raises(LimitError):
        read_capped(io.BytesIO(straddle), "s.txt", limits)
    ok = (b"y" * (CHUNK // 4) + b"\n") * 12
    assert read_capped(io.BytesIO(ok), "ok.txt", limits) == ok


def test_single_byte_text_with_an_accidental_utf8_pair_is_still_decoded() -> None:
    # "Â" then a no-break space is C2 A0 in cp1252: valid UTF-8 by accident, among many é bytes.
    text = "À Paris, l'été dernier, Â\xa0la préfecture a fermé la rue. " * 3
    decoded, enc, _ = decode(text.encode("cp1252"), "f.txt")
    assert decoded == text


def test_a_headline_line_names_a_plain_text_document_and_stays_in_its_body() -> None:
    from claimgraph.ingest.text import read_header

    text = "City Council Votes to Close the Old Bridge\n\nThe council voted on Monday to close the bridge.\n"
    meta, body = read_header(text)
    assert meta.title == "City Council Votes to Close the Old Bridge" and body == 0
    meta, _ = read_header("the council voted on Monday.\n\nIt was close.\n")
    assert meta.title is None


def test_an_html_title_missing_from_the_body_opens_the_text_and_is_never_said_twice() -> None:
    title = "Powerful quake kills 10 in the coastal town of Arenal"
    page = html_page(title, HTML_PARAS)
    # trafilatura keeps the article's <h1>: the title is already the text's first line.
    parsed = parse_html(page.encode(), "page.html", LIMITS)
    assert parsed.text.count(title) == 1 and parsed.text.startswith(title)
    # Without the <h1>, the title is added as the text's first paragraph; the metadata is as before.
    parsed = parse_html(page.replace(f"<h1>{title}</h1>", "").encode(), "page.html", LIMITS)
    assert parsed.text.startswith(f"{title}\n\n{HTML_PARAS[0][:20]}")
    assert parsed.metadata.title == title
    # A title that is only the site's name adds nothing.
    bare = html_page("Valley Gazette", HTML_PARAS).replace("<h1>Valley Gazette</h1>", "")
    assert not parse_html(bare.encode(), "page.html", LIMITS).text.startswith("Valley Gazette")


def test_a_title_is_repeated_by_a_body_only_as_whole_words() -> None:
    from claimgraph.ingest.text import repeats_title

    assert repeats_title("Powerful Quake Kills 10", "POWERFUL QUAKE KILLS 10!\n\nRescuers dug all night.")
    assert not repeats_title("Flood", "The town flooded on Monday.")
    assert not repeats_title("Quake kills 10", "The quake kills 100 a year.")
