"""Labels files: the labels users give publishers (state media, opposition, rights group, wire ...).

Nothing in code decides what an outlet is: labels come from the CLI or from a file, so the
spread of values by label reflects the user's own classification and no one else's.

A labels file is CSV (`publisher,label`, one label per row or several joined by ';') or YAML
(`Publisher: label` or `Publisher: [label, label]`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from .errors import InputError


def parse_file(path: str | Path) -> list[tuple[str, str]]:
    """(publisher, label) pairs from a CSV or YAML labels file."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(p), f"cannot read labels file ({exc.strerror})") from None
    pairs: list[tuple[str, str]] = []
    if p.suffix.lower() in (".yaml", ".yml"):
        data = yaml.safe_load(raw) or {}
        if not isinstance(data, dict):
            raise InputError(str(p), "a labels YAML file maps publisher: label or publisher: [labels]")
        for pub, labs in data.items():
            for lab in labs if isinstance(labs, list) else [labs]:
                pairs.append((str(pub), str(lab)))
    else:
        for row in csv.reader(io.StringIO(raw)):
            if not row or row[0].strip().startswith("#") or len(row) < 2:
                continue
            if row[0].strip().lower() == "publisher" and row[1].strip().lower() in ("label", "labels"):
                continue  # header
            for lab in row[1].split(";"):
                pairs.append((row[0], lab))
    return [(a.strip(), b.strip()) for a, b in pairs if a.strip() and b.strip()]
