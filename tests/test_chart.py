"""The claim-group chart's geometry: a log scale, ranges as bars, bounds as arrows."""

from __future__ import annotations

from claimgraph.serve.chart import claim_chart, claim_link


def group(*claims: dict[str, object]) -> dict[str, object]:
    return {"values": [], "claims": list(claims)}


def test_log_scale_places_ten_times_at_equal_steps() -> None:
    chart = claim_chart(group({"id": 1, "low": 10, "high": 10}, {"id": 2, "low": 100, "high": 100},
                              {"id": 3, "low": 1000, "high": 1000}))
    assert chart is not None
    xs = sorted(r.x1 for r in chart.rows)
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.5
    assert all(chart.plot_left <= x <= chart.plot_right for x in xs)


def test_ranges_bounds_and_unchartable_values() -> None:
    chart = claim_chart(group({"id": 1, "low": 630, "high": 770, "claimant": "officials"},
                              {"id": 2, "low": 1500, "high": None, "qualifier": "more than", "claimant": "NLF"},
                              {"id": 3, "low": 0, "high": 0, "claimant": "nobody"},
                              {"id": 4, "low": None, "high": None}))
    assert chart is not None
    rows = {r.label: r for r in chart.rows}
    assert set(rows) == {"officials", "NLF"}  # zero and missing values cannot sit on a log scale
    assert rows["officials"].is_range and rows["officials"].x2 > rows["officials"].x1
    assert rows["NLF"].open == 1 and rows["NLF"].value == "more than 1,500"
    assert claim_chart(group({"id": 1, "low": 0, "high": 0})) is None


def test_links_use_the_claim_id_within_its_document() -> None:
    assert claim_link({"id": 12, "document_id": 3, "local_id": "c2"}) == "/documents/3#c2"
    assert claim_link({"id": "c4", "document_id": 3}) == "/documents/3#c4"
    assert claim_link({"id": 12, "document_id": 3}) == "/documents/3"
    assert claim_link({"id": 12}) is None
