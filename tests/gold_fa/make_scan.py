"""Render scan.txt to a page image, as a scanner would give it: scan.png, and scan.pdf (the same
image as a PDF page with no text layer), and scan_en.txt to scan_en.png. The OCR gate reads
them back (bench/score_fa.py, tests/test_ocr.py).

    .venv/bin/pip install pillow && .venv/bin/python tests/gold_fa/make_scan.py

Needs Pillow built with libraqm (its wheels are) for Persian shaping, and Debian's DejaVu Sans.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WIDTH, HEIGHT, DPI = 1240, 1754, 150  # A4 at 150 dpi
MARGIN, SIZE, LEADING = 110, 30, 64


def render(name: str, rtl: bool) -> Image.Image:
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, SIZE)
    y = 160
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if rtl:  # right-aligned, right to left, shaped: how a Persian page is set
            draw.text((WIDTH - MARGIN, y), line, font=font, fill=0, anchor="ra", direction="rtl", language="fa")
        else:
            draw.text((MARGIN, y), line, font=font, fill=0, anchor="la")
        y += LEADING
    return page


def main() -> None:
    page = render("scan.txt", rtl=True)
    page.save(HERE / "scan.png", dpi=(DPI, DPI), optimize=True)
    page.save(HERE / "scan.pdf", resolution=DPI, title="scan")
    render("scan_en.txt", rtl=False).save(HERE / "scan_en.png", dpi=(DPI, DPI), optimize=True)


if __name__ == "__main__":
    main()
