"""A folder of hostile input, made here from a seed: good documents in every format and encoding,
garbage of every kind the ingest names, and random byte flips of good HTML, PDF, WARC, gzip and
zip files. Nothing third-party: every text is built from the test texts in conftest.

`build(folder, seed)` writes it and returns what each file must become: good files (every
document in them stored), bad files (named once, with words their reason must contain), and
flipped files (either, but never an internal error).
"""

from __future__ import annotations

import gzip
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ACCENTED, HTML_PARAS, NEWS, PARAS, gzip_bomb, html_page, make_pdf, make_warc, make_zip

NAMES = ["Anna Kowalski", "Tom Ferris", "Leila Haddad", "Priya Natarajan", "Glen Abbott", "Maria Ostrander"]
ASCII_QUOTES = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")
OPEN_CLOSE = [("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("\u00ab ", " \u00bb"), ("'", "'")]


@dataclass
class Corpus:
    good: dict[str, int] = field(default_factory=dict)  # path -> documents it holds
    bad: dict[str, str] = field(default_factory=dict)  # path (or path!member) -> words of its reason
    flipped: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.good) + len({k.split("!")[0] for k in self.bad}) + len(self.flipped)


def story(rng: random.Random, i: int) -> str:
    """A short news text no other file repeats: its own numbers, names and quotation marks."""
    who, other = rng.sample(NAMES, 2)
    o, c = rng.choice(OPEN_CLOSE)
    paras = [
        f"{who} said on Monday that the city would hire {rng.randint(2, 900)} new bus drivers (story {i}).",
        f"{o}We cannot run a timetable without people to drive the buses,{c} {who} told reporters.",
        f"The transport union said about {rng.randint(10, 5000):,} drivers had left since {rng.randint(1990, 2023)}, "
        f"and {other} said the plan would cost {rng.randint(2, 90)} million.",
    ]
    return "\n\n".join(paras) + "\n"


def wrapped(text: str, rng: random.Random) -> str:
    import textwrap

    width = rng.randint(40, 78)
    return "\n".join(textwrap.fill(p, width) for p in text.split("\n\n")) + "\n"


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(len(out))
        out[pos] ^= 1 << rng.randrange(8)
    return bytes(out)


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def build(folder: Path, seed: int = 15) -> Corpus:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus()
    n = 0

    def good(name: str, data: bytes, docs: int = 1) -> None:
        corpus.good[write(folder / name, data)] = docs

    def bad(name: str, data: bytes, why: str, member: str | None = None) -> None:
        path = write(folder / name, data)
        corpus.bad[f"{path}!{member}" if member else path] = why

    # -- good: text in every encoding with its byte-order mark or without, wrapped or not --------
    encodings = [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                 ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"), ("cp1252", b"")]
    for i in range(42):
        n += 1
        enc, bom = encodings[i % len(encodings)]
        text = story(rng, n)
        text = wrapped(text, rng) if i % 3 == 0 else text
        if enc == "cp1252":
            text += ACCENTED  # enough accents to tell cp1252 apart
        good(f"text-{i:02d}.txt", bom + text.encode(enc, "replace" if enc == "cp1252" else "strict"))
    # odd names, good content
    for raw in (b"caf\xe9-story.txt", b"line\nbreak.txt", b"\xff\xfe-not-a-bom.txt"):
        n += 1
        path = os.path.join(os.fsencode(folder), raw)
        with open(path, "wb") as fh:
            fh.write(story(rng, n).encode())
        corpus.good[os.fsdecode(path)] = 1
    good("x[bold] y [.txt", story(rng, n + 1).encode())
    n += 1
    htmls, pdfs, warcs, gzips, zips = [], [], [], [], []
    for i in range(10):
        n += 1
        paras = [*story(rng, n).split("\n\n"), *rng.sample(HTML_PARAS, 2)]
        page = html_page(f"Story Number {n} From The Valley", paras).encode()
        htmls.append(page)
        good(f"page-{i:02d}.html", page)
    for i in range(5):
        n += 1
        plain = story(rng, n).translate(ASCII_QUOTES)  # the hand-made PDF's font is Latin-1
        pdf = make_pdf([line for p in plain.split("\n\n") for line in _lines(p)], title=f"Report {n}")
        pdfs.append(pdf)
        good(f"report-{i}.pdf", pdf)
    for i in range(4):
        pages = [(f"https://news.example/{n + k}", "2024-01-02T03:04:05Z",
                  html_page(f"Crawled Story {n + k} Title", [*story(rng, n + k).split("\n\n"), HTML_PARAS[k]]))
                 for k in range(2)]
        n += 2
        warc = make_warc(pages, gz=i % 2 == 1)
        warcs.append(warc)
        good(f"crawl-{i}.warc" + (".gz" if i % 2 else ""), warc, docs=2)
    for i in range(4):
        n += 1
        gz = gzip.compress(story(rng, n).encode())
        gzips.append(gz)
        good(f"story-{i}.txt.gz", gz)
    for i in range(4):
        members = {f"a{i}.txt": story(rng, n + 1).encode(), f"sub/b{i}.html": htmls[i].replace(b"Story Number", b"Zipped")}
        n += 1
        z = make_zip(members)
        zips.append(z)
        good(f"bundle-{i}.zip", z, docs=2)

    # -- bad: each kind of garbage, each named once with its reason ---------------------------------
    for i in range(6):
        bad(f"swapped-{i}.txt", b"\xff\xfe" + (story(rng, n + i) * 2).encode("utf-16-be"), "byte order")
        bad(f"fake16-{i}.txt", b"\xfe\xff" + (story(rng, n + i) * 2).encode("ascii", "replace"), "byte-order mark")
        bad(f"nul-{i}.txt", b"\xef\xbb\xbf" + story(rng, n + i).encode().replace(b" ", b"\x00", 3), "NUL")
    for i in range(16):
        size = rng.randint(1, 3)
        while True:
            tiny = bytes(rng.randrange(256) for _ in range(size))
            if any(b >= 0x80 or b < 0x20 for b in tiny) and tiny.strip():
                break
        bad(f"tiny-{i:02d}.bin", tiny, "")
    for i in range(4):
        bad(f"random-{i}.bin", rng.randbytes(rng.randint(100, 5000)), "binary")
        bad(f"empty-{i}.txt", b"" if i % 2 else b" \n\t\n", "empty")
    for i, warc in enumerate(warcs):
        cut = warc[: len(warc) - rng.randint(20, len(warc) // 3)]
        bad(f"cut-{i}.warc" + (".gz" if i % 2 else ""), cut, "")  # complete records before the cut are stored
    for i in range(4):
        bad(f"climb-{i}.zip", make_zip({f"ok{i}.txt": story(rng, n + 20 + i).encode(),
                                        f"../../x{i}.txt": b"escaped"}), "leads out", member=f"../../x{i}.txt")
        n += 1
    for i in range(3):
        depth = rng.choice([300, 2000, 10_000])
        deep = "<html><body>" + "<div>" * depth + f"<p>{PARAS[i]}</p>" + "</div>" * depth + "</body></html>"
        bad(f"deep-{i}.html", deep.encode(), "nested")
    for i, pdf in enumerate(pdfs[:3]):
        bad(f"cut-{i}.pdf", pdf[: len(pdf) // 2], "PDF")
    bad("bomb.gz", gzip_bomb(64 << 20), "bomb")
    bad("cut-story.txt.gz", gzips[0][:-12], "gzip")
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(NEWS)
    link = folder / "link-out.txt"
    if not link.is_symlink():
        os.symlink(outside / "secret.txt", link)
    corpus.bad[str(link)] = "outside the folder"

    # -- random byte flips of good files -------------------------------------------------------------
    for kind, samples, ext in (("html", htmls, "html"), ("pdf", pdfs, "pdf"), ("warc", warcs[::2], "warc"),
                               ("gz", gzips, "txt.gz"), ("zip", zips, "zip")):
        for i in range(20):
            path = folder / f"flip-{kind}-{i:02d}.{ext}"
            corpus.flipped.append(write(path, flip(samples[i % len(samples)], rng)))
    return corpus


def _lines(paragraph: str) -> list[str]:
    import textwrap

    return textwrap.wrap(paragraph, 80)
