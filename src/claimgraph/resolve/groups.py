"""A claim group in the contract's JSON shape: its values as ranges, who claims each, how many
independent sources back it, the spread by publisher label and the contradictions."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..folding import name_key
from ..formatting import value_text
from ..model import plain_number
from ..quantities import norm_qualifier
from ..resolution import ClaimGroupJSON, ClaimRow, GroupClaimJSON, ValueJSON
from . import independence, values
from .claims import ClaimFeatures, label

UNLABELLED = "unlabelled"

Claimant = Callable[[ClaimRow], str | None]  # a claim's claimant under its global entity's name


def group_key(rows: list[ClaimRow]) -> str:
    """What keeps a group's id across resolves: its first claim, by document and id within it."""
    return min(f"{r['sha256']}:{r['local_id']}" for r in rows)


@dataclass
class Entry:
    """One claim as its group lists it, with the value it states: made once per claim, so that a
    group an update adds claims to is assembled again from its stored JSON without re-reading
    its old claims (`entries_of`)."""

    order: tuple[str, str, int]  # (published, document, start): the order claims are listed in
    rng: values.Range  # the value's range as read
    seed: dict[str, Any]  # the value as its first claim states it: text, low, high, qualifier
    claim: GroupClaimJSON


def claim_entry(f: ClaimFeatures, origin: Mapping[int, str], claimant_global: Claimant) -> Entry | None:
    """A claim's line in its group, or None for a claim without a value."""
    c = f.row
    rng = values.claim_range(c.get("low"), c.get("high"), c.get("value"), c.get("qualifier"), c.get("text") or "",
                             c.get("number_text"), c.get("bound"))
    if rng is None:
        return None
    q = norm_qualifier(c.get("qualifier"))
    doc_origin = origin.get(c["document_id"], c.get("publisher") or "")
    # An outlet speaking for itself speaks for the story's origin (a wire copy speaks for the wire).
    quoted = (c.get("claimant_basis") or "publisher") in independence.QUOTED_BASES
    claimant = claimant_global(c) if quoted else doc_origin
    source = independence.source_of(c, doc_origin, claimant)
    seed = {"text": value_text(c.get("low"), c.get("high"), c.get("value"), q) + (" (part)" if rng.partial else ""),
            "low": plain_number(c.get("low")), "high": plain_number(c.get("high")), "qualifier": q}
    claim: GroupClaimJSON = {
        "id": c["id"], "local_id": c["local_id"], "document": c["sha256"], "document_id": c["document_id"],
        "publisher": c.get("publisher"), "title": c.get("title"), "published": c.get("published"),
        "claimant": claimant, "basis": c.get("claimant_basis"), "source": source, "origin": doc_origin,
        "text": c.get("text"), "low": plain_number(c.get("low")), "high": plain_number(c.get("high")),
        "qualifier": q, "number_text": c.get("number_text"), "span": [c["start"], c["end"]]}
    return Entry(_order(claim), rng, seed, claim)


def _order(claim: GroupClaimJSON) -> tuple[str, str, int]:
    return claim.get("published") or "", claim["document"], claim["span"][0]


def _range_key(rng: values.Range) -> tuple[float, float, bool, bool]:
    # One value per range as read: "over 1,500" and "more than 1,500" are one claim in two wordings.
    return (round(rng.lo, 6), rng.hi if rng.hi == math.inf else round(rng.hi, 6), rng.exact, rng.partial)


def entries_of(data: ClaimGroupJSON) -> list[Entry]:
    """The entries a stored group was assembled from (each old claim keeps the value it stated;
    the first claim of a value gave the value its wording)."""
    out = []
    vals = data["values"]
    for claim in data["claims"]:
        v = vals[claim["value"]]
        lo, hi = v["range"]
        rng = values.Range(float(lo or 0), math.inf if hi is None else float(hi), bool(v["exact"]), bool(v["partial"]))
        seed = {"text": v["text"], "low": v["low"], "high": v["high"], "qualifier": v["qualifier"]}
        out.append(Entry(_order(claim), rng, seed, dict(claim)))  # type: ignore[arg-type]
    return out


def group_json(fs: list[ClaimFeatures], origin: Mapping[int, str], pub_labels: Mapping[str, list[str]],
               claimant_global: Claimant) -> ClaimGroupJSON:
    """The group of these claims, as the contract shapes it (its id is set by the store)."""
    entries = [e for f in fs if (e := claim_entry(f, origin, claimant_global))]
    return assemble(entries, label(fs), fs[0].event_class, pub_labels)


def assemble(entries: list[Entry], head: Mapping[str, str | None], event_class: str,
             pub_labels: Mapping[str, list[str]]) -> ClaimGroupJSON:
    """A group from its claims' entries and its label (claims.label of its members)."""
    vals: dict[tuple[float, float, bool, bool], dict[str, Any]] = {}
    seen: dict[tuple[tuple[float, float, bool, bool], str], set[str]] = {}
    claims_out: list[tuple[GroupClaimJSON, tuple[float, float, bool, bool]]] = []
    for e in sorted(entries, key=lambda e: e.order):
        key = _range_key(e.rng)
        v = vals.get(key)
        if v is None:
            r = e.rng
            v = vals[key] = {**e.seed, "range": [plain_number(r.lo), None if r.hi == math.inf else plain_number(r.hi)],
                             "exact": r.exact, "partial": r.partial, "range_obj": r,
                             "claimants": [], "documents": [], "publishers": [], "sources": [], "n_claims": 0}
        c = e.claim
        v["n_claims"] += 1
        for k, x in (("claimants", c.get("claimant") or c.get("publisher")), ("documents", c["document"]),
                     ("publishers", c.get("publisher")), ("sources", c.get("source"))):
            have = seen.setdefault((key, k), set())
            if x and x not in have:
                have.add(x)
                v[k].append(x)
        claims_out.append((c, key))
    ordered = sorted(vals.values(), key=lambda v: (v["range_obj"].lo, v["range_obj"].hi))
    index = {id(v): i for i, v in enumerate(ordered)}
    for claim, key in claims_out:
        claim["value"] = index[id(vals[key])]
    label_spread: dict[str, dict[str, Any]] = {}
    all_sources: set[str] = set()
    for i, v in enumerate(ordered):
        counts: Counter[str] = Counter()
        for pub in v["publishers"]:
            for lab in pub_labels.get(pub, [UNLABELLED]):
                counts[lab] += 1
        v["labels"] = dict(sorted(counts.items()))
        v["independent_sources"] = independence.count_independent(v["sources"])
        all_sources.update(v["sources"])
        for lab in counts:
            label_spread.setdefault(lab, {"values": [], "low": None, "high": None})["values"].append(i)
    contradictions = values.contradictions([{"range": v["range_obj"], "text": v["text"]} for v in ordered])
    for v in ordered:
        del v["range_obj"]
    for s in label_spread.values():
        lows = [ordered[i]["range"][0] for i in s["values"]]
        highs = [ordered[i]["range"][1] for i in s["values"]]
        s["low"] = min(lows)
        s["high"] = None if any(h is None for h in highs) else max(highs)
    out_values: list[ValueJSON] = [ValueJSON(**v) for v in ordered]  # type: ignore[typeddict-item]
    claims_json = [c for c, _ in claims_out]
    return {
        "id": 0, "label": head["label"] or "", "counted": head["counted"], "event": head["event"],
        "time": head["time"], "place": head["place"], "event_class": event_class,
        "contradiction": bool(contradictions), "independent_sources": len(all_sources),
        "n_documents": len({c["document_id"] for c in claims_json}), "contradictions": contradictions,
        "values": out_values, "labels": label_spread, "claims": claims_json}


def claimant_resolver(by_local: Mapping[tuple[int, str], str], by_node: Mapping[str, str]) -> Claimant:
    """A claim's claimant under its global entity's name: the entity the claim names in its
    document, else an entity whose name folds like the claimant's (the same body under two names
    is one source), else the claimant's name as written."""

    def claimant(c: ClaimRow) -> str | None:
        ent, name = c.get("claimant_entity"), c.get("claimant_name")
        if ent and (c["document_id"], ent) in by_local:
            return by_local[(c["document_id"], ent)]
        if name:
            for t in ("PERSON", "ORG"):
                hit = by_node.get(name_key(name, t))
                if hit:
                    return hit
        return name

    return claimant


def claimant_nodes(c: ClaimRow, entity_node: Mapping[tuple[int, str], str]) -> list[str]:
    """The node keys a claim's claimant may resolve through: what makes its group's JSON change
    when those names are resolved again."""
    name = c.get("claimant_name")
    out = {name_key(name, t) for t in ("PERSON", "ORG")} if name else set()
    node = entity_node.get((c["document_id"], c.get("claimant_entity") or ""))
    if node:
        out.add(node)
    return sorted(out)
