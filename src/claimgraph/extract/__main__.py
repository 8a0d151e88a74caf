"""`python -m claimgraph.extract FILE...`: JSON Lines of extractions, without the CLI's extras."""

from __future__ import annotations

import json
import sys

from ..errors import InputError
from ..ingest import read_sources
from ..options import Options
from .pipeline import extract_source


def main(argv: list[str]) -> int:
    options = Options()
    failed = 0
    for source in read_sources(argv, options.limits):
        if isinstance(source, InputError):
            print(f"error: {source}", file=sys.stderr)
            failed += 1
            continue
        for _, result in extract_source(source, options):
            if isinstance(result, InputError):
                print(f"error: {result}", file=sys.stderr)
                failed += 1
            else:
                print(json.dumps(result.to_json(), ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
