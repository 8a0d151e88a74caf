"""A claim group in the contract's JSON shape: its values as ranges, who claims each, how many
independent sources back it, the spread by publisher label and the contradictions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
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


def group_json(fs: list[ClaimFeatures], origin: Mapping[int, str], pub_labels: Mapping[str, list[str]],
               claimant_global: Claimant) -> ClaimGroupJSON:
    """The group of these claims, as the contract shapes it (its id is set by the store)."""
    head = label(fs)
    vals: dict[tuple[Any, ...], dict[str, Any]] = {}
    claims_out: list[tuple[GroupClaimJSON, tuple[Any, ...]]] = []
    for f in sorted(fs, key=lambda f: (f.row.get("published") or "", f.row["sha256"], f.row["start"])):
        c = f.row
        rng = values.claim_range(c.get("low"), c.get("high"), c.get("value"), c.get("qualifier"), c.get("text") or "",
                                 c.get("number_text"), c.get("bound"))
        if rng is None:
            continue
        q = norm_qualifier(c.get("qualifier"))
        # One value per range as read: "over 1,500" and "more than 1,500" are one claim in two wordings.
        key = (round(rng.lo, 6), rng.hi if rng.hi == float("inf") else round(rng.hi, 6), rng.exact, rng.partial)
        v = vals.get(key)
        if v is None:
            v = vals[key] = {
                "text": value_text(c.get("low"), c.get("high"), c.get("value"), q) + (" (part)" if rng.partial else ""),
                "low": plain_number(c.get("low")), "high": plain_number(c.get("high")), "qualifier": q,
                "range": [plain_number(rng.lo), None if rng.hi == float("inf") else plain_number(rng.hi)],
                "exact": rng.exact, "partial": rng.partial, "range_obj": rng,
                "claimants": [], "documents": [], "publishers": [], "sources": [], "n_claims": 0}
        doc_origin = origin.get(c["document_id"], c.get("publisher") or "")
        # An outlet speaking for itself speaks for the story's origin (a wire copy speaks for the wire).
        quoted = (c.get("claimant_basis") or "publisher") in independence.QUOTED_BASES
        claimant = claimant_global(c) if quoted else doc_origin
        source = independence.source_of(c, doc_origin, claimant)
        v["n_claims"] += 1
        for k, x in (("claimants", claimant or c.get("publisher")), ("documents", c["sha256"]),
                     ("publishers", c.get("publisher")), ("sources", source)):
            if x and x not in v[k]:
                v[k].append(x)
        claims_out.append(({
            "id": c["id"], "local_id": c["local_id"], "document": c["sha256"], "document_id": c["document_id"],
            "publisher": c.get("publisher"), "title": c.get("title"), "published": c.get("published"),
            "claimant": claimant, "basis": c.get("claimant_basis"), "source": source, "origin": doc_origin,
            "text": c.get("text"), "low": plain_number(c.get("low")), "high": plain_number(c.get("high")),
            "qualifier": q, "number_text": c.get("number_text"), "span": [c["start"], c["end"]]}, key))
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
        "time": head["time"], "place": head["place"], "event_class": fs[0].event_class,
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
