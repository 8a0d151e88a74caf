"""Shared fixtures: texts written for these tests (no third-party text), files of every format
built in temporary folders, and a way to run the CLI."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
# The shared virtual environment has some checkout of claimgraph installed: test this one.
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
# Test helper modules beside this file (resolve_corpus.py ...) import by name.
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from claimgraph.options import Options  # noqa: E402
from claimgraph.store import Store  # noqa: E402

TITLE = "HARBOUR TOWN COUNCIL ADMITS FLOOD WARNINGS WERE IGNORED"
URL = "https://www.coastwatch-example.org/2021/03/14/harbour-town-council-admits-flood-warnings.html"

# A partisan blog post in the shape scraped blogs come in: title and URL on top, lines hard-wrapped
# at 70 columns, no blank lines between paragraphs, one paragraph pasted twice, a second article
# glued on after a separator, and the blog's comment widget at the end.
PARAS = [
    "Harbour Town council members admitted on Tuesday that they had ignored at least 14 written "
    "warnings about the sea wall before the storm of February, when more than 300 homes were flooded.",
    "The admission came at a packed public meeting, where residents demanded to know why repairs "
    "promised in 2018 had never started.",
    "\u201cWe were told the wall would hold for another decade,\u201d said councillor Maria Ostrander, "
    "who chairs the works committee. \u201cThat advice was wrong, and we should have asked harder questions.\u201d",
    "Engineers from the regional water board had warned in a report last year that 40 metres of the "
    "wall were close to failing. The council's deputy leader, Tom Ferris, said the report was never "
    "discussed by the full council.",
    "Engineers from the regional water board had warned in a report last year that 40 metres of the "
    "wall were close to failing. The council's deputy leader, Tom Ferris, said the report was never "
    "discussed by the full council.",
    "Residents' association chair Leila Haddad said 1,200 people had signed a petition calling for an "
    "independent inquiry. The council will vote on the petition next month.",
    "*****",
    "More about the sea wall:",
    "A Long Dispute Over Who Pays for the Wall",
    "The sea wall was built in 1962 and has been patched many times since then, usually after a storm "
    "had already done its damage. Each repair was paid for by a different body, and none of them took "
    "responsibility for the structure as a whole, which left the town with a wall that nobody owned.",
    "In 2015 the regional water board proposed a full rebuild costing 12 million pounds, but the "
    "council and the board could not agree on how to split the bill. Talks broke down twice, and the "
    "plan was shelved after the election, when a new council chose to spend the money on roads instead.",
    "No comments:",
    "Post a Comment",
]


def wrap(paras: list[str], width: int = 70) -> str:
    """Hard-wrap each paragraph, with no blank line between them (as the seed blog does)."""
    return "\n".join(textwrap.fill(p, width=width) for p in paras) + "\n"


def blog_post(wrapped: bool = True) -> str:
    body = wrap(PARAS) if wrapped else "\n".join(PARAS) + "\n"
    return f"{TITLE}\n{URL}\n{body}"


# A plain news text with ordinary paragraphs (blank lines between them, one per line).
NEWS = (
    "Mayor Anna Kowalski said on Monday that the city would hire 50 new bus drivers.\n\n"
    "\u201cWe cannot run a timetable without people to drive the buses,\u201d Kowalski told reporters.\n\n"
    "The transport union said about 120 drivers had left since January.\n"
)

# Accented text that every single-byte Western encoding can hold.
ACCENTED = (
    "Le maire de Lyon a déclaré lundi que la façade de l'hôtel de ville serait rénovée. "
    "« Nous n'avons pas le choix », a-t-il ajouté. Über 300 Bürger waren dort. Ça coûte cher.\n"
)


@pytest.fixture
def options() -> Options:
    return Options()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "test.db")
    yield s
    s.close()


# -- builders for other formats ----------------------------------------------------------------


def make_pdf(lines: list[str], title: str = "Quarterly Water Report", author: str = "Jane Doe",
             created: str = "D:20240305120000Z") -> bytes:
    """A minimal valid PDF with a text layer, written by hand (pypdf cannot author text)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "72 740 Td", "14 TL"] + [f"({esc(line)}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Title ({esc(title)}) /Author ({esc(author)}) /CreationDate ({created}) >>".encode("latin-1"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def html_page(title: str, paras: list[str], *, author: str = "Sam Reed", site: str = "Valley Gazette",
              published: str = "2023-06-02", canonical: str = "https://valley-gazette.example/news/flood-barrier") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta name="author" content="{author}">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T08:30:00Z">
<link rel="canonical" href="{canonical}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>Copyright 2023 {site}. All rights reserved.</footer>
</body></html>"""


HTML_PARAS = [
    "The county approved a new flood barrier on Thursday after a vote of 7 to 2, ending a debate that "
    "had lasted almost three years and divided the towns along the river.",
    "\u201cThis barrier will protect 4,000 homes,\u201d said county engineer Priya Natarajan, who designed it. "
    "She said construction would begin in the autumn and take about 18 months to finish.",
    "Opponents said the project was too expensive. Farmer Glen Abbott told the meeting that the money "
    "should have gone to repairing the old levees first, which he said had failed twice since 2010.",
]


def make_warc(pages: list[tuple[str, str, str]], gz: bool) -> bytes:
    """A WARC holding one HTML response record per (url, date, html), plus a request record and a
    non-HTML response, which are not documents."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, date, html in pages:
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(req)
        payload = html.encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(rec)
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=img))
    return out.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def gzip_bomb(size: int) -> bytes:
    """`size` zero bytes, gzipped: about a thousandth of that on disk."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb") as gz:
        chunk = b"\0" * (1 << 20)
        for _ in range(size // len(chunk)):
            gz.write(chunk)
    return out.getvalue()


def zip_bomb(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("bomb.txt", "w") as fh:
        chunk = b"a" * (1 << 20)
        for _ in range(size // len(chunk)):
            fh.write(chunk)
    return out.getvalue()


# -- running the CLI ---------------------------------------------------------------------------


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m claimgraph.cli ARGS` in tmp_path with this checkout's source first."""

    def run(*args: str, input: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", "NO_COLOR": "1"}
        return subprocess.run([sys.executable, "-m", "claimgraph.cli", *args], input=input, text=True,
                              capture_output=True, cwd=cwd or tmp_path, env=env, timeout=300)

    return run


# -- Spark: one local[2] session for every test that asks for it -------------------------------


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """A local Spark session shared by the Spark tests (it takes seconds to start). Where pyspark
    or Java is missing they skip, saying so; in CI (where scripts/setup --dev installs both) they fail."""
    from claimgraph.spark import session

    reason = None
    try:
        session.require()
    except Exception as exc:
        reason = str(exc)
    if reason is None and not session.java_found():
        reason = "no Java for a local Spark session (apt-get install openjdk-17-jre-headless)"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Spark tests: {reason} (scripts/setup --dev installs it)")
        pytest.skip(reason)
    s = session.start("local[2]", conf={"spark.sql.shuffle.partitions": "2"})
    yield s
    s.stop()


# -- PostgreSQL: one throwaway server for every test that asks for it --------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test session (postgres_server.py). Where
    the server programs or psycopg are missing the tests skip, saying so; in CI they fail."""
    from postgres_server import Cluster

    if os.environ.get("CLAIMGRAPH_TEST_POSTGRES"):
        yield os.environ["CLAIMGRAPH_TEST_POSTGRES"]
        return
    try:
        import psycopg  # noqa: F401

        cluster = Cluster()
    except (ImportError, FileNotFoundError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {exc} (scripts/setup --dev installs it)")
        pytest.skip(str(exc))
    yield cluster.url
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the test server."""
    from postgres_server import new_database

    return new_database(postgres_server)
