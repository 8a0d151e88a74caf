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


def value_key(rng: values.Range, words: str) -> tuple[Any, ...]:
    """What makes two claims one value: the same stated figures read the same way ("over 1,500"
    and "more than 1,500"; "some 700" and "about 700"), and for vague words the words themselves
    ("thousands" and "several thousand" are two values)."""
    def r(x: float) -> float:
        return x if x == math.inf else round(x, 6)

    return (rng.bound, *map(r, rng.stated), r(rng.lo), r(rng.hi), rng.partial, words if rng.bound == "vague" else "")


@dataclass
class Entry:
    """One claim as its group lists it, with the value it states: made once per claim, so that a
    group an update adds claims to is made again from its stored JSON (`entries_of`) without
    reading its old claims."""

    order: tuple[str, str, int]  # (published, document, start): the order claims are listed in
    rng: values.Range  # the value as read
    key: tuple[Any, ...]  # value_key: the claims of one value share it
    seed: dict[str, Any]  # the value as its first claim states it
    claim: GroupClaimJSON


def claim_entry(f: ClaimFeatures, origin: Mapping[int, str], claimant_global: Claimant) -> Entry | None:
    """A claim's line in its group, or None for a claim without a value."""
    c = f.row
    rng = values.claim_range(c.get("low"), c.get("high"), c.get("value"), c.get("qualifier"), c.get("text") or "",
                             c.get("number_text"), c.get("bound"))
    if rng is None:
        return None
    q = norm_qualifier(c.get("qualifier"))
    words = value_text(c.get("low"), c.get("high"), c.get("value"), q, rng.bound, c.get("number_text"))
    words += " (part)" if rng.partial else ""
    seed = {"text": words, "low": plain_number(c.get("low")), "high": plain_number(c.get("high")),
            "qualifier": q, "bound": rng.bound,
            "stated": [plain_number(rng.stated[0]), None if rng.stated[1] == math.inf else plain_number(rng.stated[1])],
            "range": [plain_number(rng.lo), None if rng.hi == math.inf else plain_number(rng.hi)],
            "interpreted": rng.interpreted, "reading": rng.reading, "exact": rng.exact, "partial": rng.partial}
    doc_origin = origin.get(c["document_id"], c.get("publisher") or "")
    # An outlet speaking for itself speaks for the story's origin (a wire copy speaks for the wire).
    quoted = (c.get("claimant_basis") or "publisher") in independence.QUOTED_BASES
    claimant = claimant_global(c) if quoted else doc_origin
    record = c.get("claim") or {}
    claim: GroupClaimJSON = {
        "id": c["id"], "local_id": c["local_id"], "document": c["sha256"], "document_id": c["document_id"],
        "publisher": c.get("publisher"), "title": c.get("title"), "published": c.get("published"),
        "claimant": claimant, "basis": c.get("claimant_basis"), "source": independence.source_of(c, doc_origin, claimant),
        "origin": doc_origin, "text": c.get("text"), "low": plain_number(c.get("low")),
        "high": plain_number(c.get("high")), "qualifier": q, "number_text": c.get("number_text"), "value_text": words,
        "bound": rng.bound, "method": record.get("method"), "confidence": record.get("confidence"),
        "span": [c["start"], c["end"]]}
    if record.get("corrections"):
        claim["corrections"] = record["corrections"]
    return Entry(_order(claim), rng, value_key(rng, words), seed, claim)


def _order(claim: GroupClaimJSON) -> tuple[str, str, int]:
    return claim.get("published") or "", claim["document"], claim["span"][0]


def _number(x: Any, missing: float) -> float:
    return missing if x is None else float(x)


def entries_of(data: ClaimGroupJSON) -> list[Entry]:
    """The entries a stored group was made of (each old claim keeps the value it stated; the
    first claim of a value gave the value its seed)."""
    out = []
    vals = data["values"]
    for claim in data["claims"]:
        v = vals[claim["value"]]
        (lo, hi), (slo, shi) = v["range"], v.get("stated") or v["range"]
        rng = values.Range(_number(lo, 0.0), _number(hi, math.inf), bool(v["exact"]), bool(v["partial"]),
                           v.get("bound") or "exact", _number(slo, 0.0), _number(shi, math.inf),
                           bool(v.get("interpreted")))
        seed = {k: v.get(k) for k in ("low", "high", "qualifier", "bound", "stated", "range", "interpreted", "reading",
                                      "exact", "partial")}
        words = claim.get("value_text") or v["text"]
        seed["text"] = words
        c = dict(claim)
        c.pop("value", None)
        out.append(Entry(_order(claim), rng, value_key(rng, words), seed, c))  # type: ignore[arg-type]
    return out


def group_json(fs: list[ClaimFeatures], origin: Mapping[int, str], pub_labels: Mapping[str, list[str]],
               claimant_global: Claimant) -> ClaimGroupJSON:
    """The group of these claims, as the contract shapes it (its id is set by the store). Each
    value is shown and compared in its claims' own words; the range we read it as is secondary."""
    entries = [e for f in fs if (e := claim_entry(f, origin, claimant_global))]
    return group_from_entries(entries, label(fs), fs[0].event_class, pub_labels)


def group_from_entries(entries: list[Entry], head: Mapping[str, str | None], event_class: str,
                       pub_labels: Mapping[str, list[str]]) -> ClaimGroupJSON:
    """A group from its claims' entries and its label (claims.label of its members): its values
    in order, the updates and contradictions among them."""
    vals: dict[tuple[Any, ...], dict[str, Any]] = {}
    claims_out: list[tuple[GroupClaimJSON, tuple[Any, ...]]] = []
    for e in sorted(entries, key=lambda e: e.order):
        if e.key not in vals:
            vals[e.key] = {**e.seed, "range_obj": e.rng}
        claims_out.append((dict(e.claim), e.key))  # type: ignore[arg-type]
    ordered = sorted(vals.values(), key=lambda v: (v["range_obj"].stated, v["range_obj"].lo, v["range_obj"].hi,
                                                   v["text"]))
    index = {id(v): i for i, v in enumerate(ordered)}
    for claim, key in claims_out:
        claim["value"] = index[id(vals[key])]
    claims_json = [c for c, _ in claims_out]
    rows = [{"range": v.pop("range_obj"), "text": v["text"]} for v in ordered]
    updates = []
    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            if values.contradiction(rows[i], rows[j]) is None:
                continue
            found = values.update([c for c in claims_json if c["value"] == i], [c for c in claims_json if c["value"] == j])
            if found:
                early, late, why = found
                pair = (i, j)
                updates.append({"a": pair[early], "b": pair[late], "why": why})
    return assemble({"id": 0, "label": head["label"] or "", "counted": head["counted"], "event": head["event"],
                     "time": head["time"], "place": head["place"], "event_class": event_class},
                    [ValueJSON(**v) for v in ordered], claims_json,  # type: ignore[typeddict-item]
                    values.contradictions(rows, updates=updates), updates, pub_labels)


def assemble(head: Mapping[str, Any], vals: list[ValueJSON], claims: list[GroupClaimJSON],
             contradictions: list[dict[str, Any]], updates: list[dict[str, Any]],
             pub_labels: Mapping[str, list[str]]) -> ClaimGroupJSON:
    """A group's JSON from its values and its claims (each claim's "value" indexes vals): who
    claims each value, from how many independent sources, the spread by publisher label."""
    spread: dict[str, dict[str, Any]] = {}
    for i, v in enumerate(vals):
        mine = [c for c in claims if c["value"] == i]
        for k, get in (("claimants", lambda c: c.get("claimant") or c.get("publisher")), ("documents", lambda c: c["document"]),
                       ("publishers", lambda c: c.get("publisher")), ("sources", lambda c: c.get("source")),
                       ("wordings", lambda c: c.get("value_text"))):
            v[k] = list(dict.fromkeys(x for x in map(get, mine) if x))  # type: ignore[literal-required]
        v["text"] = v["wordings"][0] if v["wordings"] else v["text"]
        dates = [str(c["published"]) for c in mine if c.get("published")]
        v["published"] = [min(dates), max(dates)] if dates else []
        v["n_claims"] = len(mine)
        counts: Counter[str] = Counter(lab for pub in v["publishers"] for lab in pub_labels.get(pub, [UNLABELLED]))
        v["labels"] = dict(sorted(counts.items()))
        v["independent_sources"] = independence.count_independent((c.get("origin") or "", c.get("source") or "")
                                                                  for c in mine)
        for lab in counts:
            spread.setdefault(lab, {"values": [], "low": None, "high": None})["values"].append(i)
    for s in spread.values():
        # words that state no figure ("several") bound nothing, unless a label has nothing else
        told = [i for i in s["values"] if vals[i].get("stated") != [0, None]] or s["values"]
        lows = [vals[i]["range"][0] for i in told]
        highs = [vals[i]["range"][1] for i in told]
        s["low"] = min(x for x in lows if x is not None) if any(x is not None for x in lows) else None
        s["high"] = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    out: ClaimGroupJSON = {**head}  # type: ignore[typeddict-item]
    out.update({
        "contradiction": bool(contradictions),
        "independent_sources": independence.count_independent((c.get("origin") or "", c.get("source") or "")
                                                               for c in claims),
        "n_documents": len({c["document_id"] for c in claims}), "contradictions": contradictions, "updates": updates,
        "values": vals, "labels": spread, "claims": claims})
    return out


def above(group: Mapping[str, Any], min_confidence: float | None, pub_labels: Mapping[str, list[str]]) -> dict[str, Any]:
    """The group as it reads without its claims extract was less sure of than `min_confidence`
    (claims of unknown confidence, and claims a person corrected, stay): its values, who claims
    them, contradictions and updates among what is left. `hidden` says how many claims went."""
    claims = group.get("claims") or []
    if not min_confidence:
        return dict(group)

    def kept(c: Mapping[str, Any]) -> bool:
        conf = c.get("confidence")
        return conf is None or conf >= min_confidence or bool(c.get("corrections"))

    keep = [c for c in claims if kept(c)]
    if len(keep) == len(claims):
        return {**group, "hidden": 0}
    used = sorted({c["value"] for c in keep})
    remap = {old: new for new, old in enumerate(used)}
    vals = [dict(group["values"][old]) for old in used]
    moved = [{**c, "value": remap[c["value"]]} for c in keep]

    def pairs(xs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**x, "a": remap[x["a"]], "b": remap[x["b"]]} for x in xs if x["a"] in remap and x["b"] in remap]

    head = {k: group[k] for k in ("id", "label", "counted", "event", "time", "place", "event_class") if k in group}
    out = assemble(head, vals, moved, pairs(group.get("contradictions") or []),  # type: ignore[arg-type]
                   pairs(group.get("updates") or []), pub_labels)
    return {**out, "hidden": len(claims) - len(keep)}


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
