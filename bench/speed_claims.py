"""Cost of entities + claims on top of the spaCy parse.

    PYTHONPATH=src python bench/speed_claims.py FILE...

Parses each file once (timed), then times find_entities and find_claims on the parsed doc,
and the whole extract_parsed for comparison. Reports totals and the overhead in percent of
the parse.
"""

from __future__ import annotations

import sys
import time

from claimgraph.errors import InputError
from claimgraph.extract.claims import find_claims
from claimgraph.extract.context import Context
from claimgraph.extract.entities import find_entities
from claimgraph.extract.nlp import load
from claimgraph.extract.pipeline import extract_parsed
from claimgraph.extract.quotes import find_quotes
from claimgraph.ingest import parse_one, read_sources, unpack
from claimgraph.model import DocumentInfo
from claimgraph.normalise import normalise
from claimgraph.options import Options


def main(paths: list[str]) -> int:
    options = Options()
    nlp = load(options.model)
    nlp("warm up")
    parse_s = ent_s = claim_s = quote_s = whole_s = 0.0
    docs = 0
    for source in read_sources(paths, options.limits):
        if isinstance(source, Exception):
            continue
        for item in unpack(source, options.limits):
            if isinstance(item, InputError):
                continue
            try:
                parsed = parse_one(item, options.limits)
            except InputError:
                continue
            docs += 1
            norm = normalise(parsed.text, parsed.body_start)
            t0 = time.perf_counter()
            doc = nlp(norm.text)
            t1 = time.perf_counter()
            ctx = Context(doc=doc, info=DocumentInfo.from_metadata(item.sha256, parsed.metadata, parsed.format),
                          options=options, skip=norm.repeated)
            find_entities(ctx)
            t2 = time.perf_counter()
            find_quotes(ctx)
            t3 = time.perf_counter()
            find_claims(ctx)
            t4 = time.perf_counter()
            extract_parsed(item, parsed, options)
            t5 = time.perf_counter()
            parse_s += t1 - t0
            ent_s += t2 - t1
            quote_s += t3 - t2
            claim_s += t4 - t3
            whole_s += t5 - t4
    print(f"documents           {docs}")
    print(f"spaCy parse         {parse_s:.3f} s")
    print(f"entities            {ent_s:.3f} s  ({100 * ent_s / parse_s:.1f} % of parse)")
    print(f"claims              {claim_s:.3f} s  ({100 * claim_s / parse_s:.1f} % of parse)")
    print(f"quotes (not mine)   {quote_s:.3f} s  ({100 * quote_s / parse_s:.1f} % of parse)")
    print(f"whole extraction    {whole_s:.3f} s  ({100 * (whole_s / parse_s - 1):+.1f} % vs parse)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
