"""resolve_all: rebuild the cross-document tables from what extraction stored.

Reads documents, entities and claims; writes global_entities, entity_members, entity_merges,
claim_groups and claim_members; reads but never writes judgements and publisher_labels.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from typing import Any

from . import claims as claimgroups
from . import entities as ents
from . import independence, judgements, labels, values
from .text import fold

UNLABELLED = "unlabelled"


def _load_entities(conn: Any) -> list[dict[str, Any]]:
    rows = []
    for r in conn.execute("SELECT id, document_id, local_id, name, type, aliases, roles, n_mentions FROM entities"):
        d = dict(r)
        d["aliases"] = json.loads(d["aliases"])
        d["roles"] = json.loads(d["roles"])
        rows.append(d)
    return rows


def _load_claims(conn: Any) -> list[dict[str, Any]]:
    rows = [dict(r) for r in conn.execute(
        "SELECT c.*, d.sha256, d.publisher, d.title, d.published FROM claims c"
        " JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.start")]
    # The number's own words and span live only in the stored extraction JSON.
    extra: dict[tuple[int, str], tuple[str | None, str | None]] = {}
    for doc_id, local_id, nt, ns in conn.execute(
            "SELECT d.id, json_extract(j.value, '$.id'), json_extract(j.value, '$.number_text'),"
            " json_extract(j.value, '$.number_span') FROM documents d, json_each(d.extraction, '$.claims') j"):
        extra[(doc_id, local_id)] = (nt, ns)
    for r in rows:
        nt, ns = extra.get((r["document_id"], r["local_id"]), (None, None))
        r["number_text"] = nt
        r["number_span"] = json.loads(ns) if ns else None
    return rows


DERIVED = ("claim_members", "claim_groups", "entity_merges", "entity_members", "global_entities")


def _ensure_tables(conn: Any) -> None:
    """Derived tables made by an earlier development version of this stage are dropped and
    made again (they hold nothing that resolve cannot rebuild); judgements and labels stay."""
    cols = {r[1] for r in conn.execute("PRAGMA table_info(claim_groups)")}
    if cols and {"key", "rank"} <= cols:
        return
    from ..store.db import _schema

    for t in DERIVED:
        conn.execute(f"DROP TABLE IF EXISTS {t}")
    conn.executescript(_schema())


def resolve_all(conn: Any) -> dict[str, Any]:
    _ensure_tables(conn)
    t0 = time.perf_counter()
    docs = [dict(r) for r in conn.execute(
        "SELECT id, sha256, title, author, publisher, published, text FROM documents ORDER BY id")]
    entity_rows = _load_entities(conn)
    res = ents.resolve_entities(entity_rows, judgements.load(conn))
    gid_of_row = ents.write(conn, res)
    t_entities = time.perf_counter() - t0

    # Claimants as global entities: the same body under two names is one source.
    global_name = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM global_entities")}
    row_of_local = {(r["document_id"], r["local_id"]): r["id"] for r in entity_rows}
    gid_of_node: dict[str, int] = {}
    for r in entity_rows:
        gid = gid_of_row.get(r["id"])
        if gid is not None:
            gid_of_node.setdefault(ents.node_key(r["name"], r["type"]), gid)

    def claimant_global(c: dict[str, Any]) -> str | None:
        name = c.get("claimant_name")
        ent = c.get("claimant_entity")
        if ent and (c["document_id"], ent) in row_of_local:
            gid = gid_of_row.get(row_of_local[(c["document_id"], ent)])
            if gid is not None:
                return global_name[gid]
        if name:
            for t in ("PERSON", "ORG"):
                gid2 = gid_of_node.get(ents.node_key(name, t))
                if gid2 is not None:
                    return global_name[gid2]
        return name

    claim_rows = _load_claims(conn)
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in entity_rows:
        by_doc[r["document_id"]].append(r)
    key_of_row = {rid: f"g{gid}" for rid, gid in gid_of_row.items()}
    profiles = claimgroups.document_profiles(docs, by_doc, key_of_row)
    name_key = {fold(r["name"]): key_of_row[r["id"]] for r in entity_rows if r["id"] in key_of_row}
    feats = claimgroups.features(claim_rows, profiles, name_key)
    t1 = time.perf_counter()
    pair_stats: dict[str, int] = {}
    grouped = claimgroups.group(feats, stats=pair_stats)
    t_groups = time.perf_counter() - t1

    origin = independence.origins(docs)
    pub_labels = labels.all_labels(conn)
    docs_by_id = {d["id"]: d for d in docs}
    out_groups = []
    for members in grouped:
        fs = [feats[i] for i in members]
        out_groups.append(_group_json(fs, origin, pub_labels, docs_by_id, claimant_global))
    # Most independently sourced first: what an editor should look at.
    out_groups.sort(key=lambda g: (-g["independent_sources"], -len(g["claims"]), g["label"]))
    # A group keeps its id while it keeps its first claim, so links (web, notes) survive a resolve.
    old = {k: i for k, i in conn.execute("SELECT key, id FROM claim_groups")}
    next_id = max(old.values(), default=0) + 1
    conn.execute("DELETE FROM claim_members")
    conn.execute("DELETE FROM claim_groups")
    for rank, g in enumerate(out_groups, start=1):
        key = min(f"{c['document']}:{c['local_id']}" for c in g["claims"])
        gid = old.get(key)
        if gid is None:
            gid, next_id = next_id, next_id + 1
        g["id"] = gid
        conn.execute(
            "INSERT INTO claim_groups(id, key, rank, label, counted, event, time, place, contradiction,"
            " independent_sources, n_claims, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (gid, key, rank, g["label"], g["counted"], g["event"], g["time"], g["place"], int(g["contradiction"]),
             g["independent_sources"], len(g["claims"]), json.dumps(g, ensure_ascii=False)),
        )
        conn.executemany("INSERT INTO claim_members(claim_id, group_id) VALUES (?,?)",
                         [(c["id"], gid) for c in g["claims"]])
    conn.commit()
    return {"entities": len(res.clusters), "merges": sum(1 for _, s in res.merges if s != "rejected"),
            "groups": len(out_groups), "groups_with_several_claims": sum(1 for g in out_groups if len(g["claims"]) > 1),
            "contradictions": sum(1 for g in out_groups if g["contradiction"]), "claims": len(claim_rows),
            "documents": len(docs), "seconds": round(time.perf_counter() - t0, 3),
            "seconds_entities": round(t_entities, 3), "seconds_grouping": round(t_groups, 3), **pair_stats}


def _group_json(fs: list[claimgroups.ClaimFeatures], origin: dict[int, str], pub_labels: dict[str, list[str]],
                docs: dict[int, dict[str, Any]], claimant_global: Any) -> dict[str, Any]:
    head = claimgroups.label(fs)
    vals: dict[tuple[Any, ...], dict[str, Any]] = {}
    claims_out = []
    for f in fs:
        c = f.row
        rng = values.claim_range(c.get("low"), c.get("high"), c.get("value"), c.get("qualifier"), c.get("text") or "",
                                 c.get("number_text"))
        if rng is None:
            continue
        q = values.norm_qualifier(c.get("qualifier"))
        # One value per range as read: "over 1,500" and "more than 1,500" are one claim in two wordings.
        key = (round(rng.lo, 6), rng.hi if rng.hi == float("inf") else round(rng.hi, 6), rng.exact, rng.partial)
        v = vals.get(key)
        if v is None:
            v = vals[key] = {
                "text": values.describe(c.get("low"), c.get("high"), c.get("value"), q) + (" (part)" if rng.partial else ""),
                "low": _num(c.get("low")), "high": _num(c.get("high")), "qualifier": q,
                "range": [_num(rng.lo), None if rng.hi == float("inf") else _num(rng.hi)],
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
        claims_out.append({
            "id": c["id"], "local_id": c["local_id"], "document": c["sha256"], "document_id": c["document_id"], "publisher": c.get("publisher"),
            "title": c.get("title"), "published": c.get("published"), "claimant": claimant,
            "basis": c.get("claimant_basis"), "source": source, "origin": doc_origin, "text": c.get("text"),
            "low": _num(c.get("low")), "high": _num(c.get("high")), "qualifier": q,
            "number_text": c.get("number_text"), "span": [c["start"], c["end"]], "_key": key})
    ordered = sorted(vals.values(), key=lambda v: (v["range_obj"].lo, v["range_obj"].hi))
    index = {id(v): i for i, v in enumerate(ordered)}
    for c in claims_out:
        c["value"] = index[id(vals[c.pop("_key")])]
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
            s = label_spread.setdefault(lab, {"values": [], "low": None, "high": None})
            s["values"].append(i)
    contradictions = values.contradictions([{"range": v["range_obj"], "text": v["text"]} for v in ordered])
    for v in ordered:
        del v["range_obj"]
    for s in label_spread.values():
        lows = [ordered[i]["range"][0] for i in s["values"]]
        highs = [ordered[i]["range"][1] for i in s["values"]]
        s["low"] = min(lows)
        s["high"] = None if any(h is None for h in highs) else max(highs)
    return {
        "id": 0, **head, "event_class": fs[0].event_class, "contradiction": bool(contradictions),
        "independent_sources": len(all_sources), "n_documents": len({c["document_id"] for c in claims_out}),
        "contradictions": contradictions, "values": ordered, "labels": label_spread,
        "claims": claims_out}


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x
