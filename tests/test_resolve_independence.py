"""Who a claim comes from: copies, wire stories, one publisher's several articles, quoted claimants."""

from __future__ import annotations

from claimgraph.resolve import independence

STORY = ("MARENKO, Veloria (Meridian Press) — Some 700 people were killed when the Karst Valley dam gave way "
         "on May 12, local officials and aid workers said on Friday, as rescuers kept digging through mud in the "
         "town of Marenko. Interior Minister Yusuf Karimov told reporters in the capital that the government's "
         "figure of 212 dead was final and verified. An opposition spokesman said more than 1,500 had died.")


def _doc(i: int, publisher: str, text: str, author: str | None = None) -> dict:
    return {"id": i, "sha256": f"{i:064x}", "publisher": publisher, "author": author, "text": text}


def test_near_identical_texts_are_one_story() -> None:
    docs = [_doc(1, "Meridian Press", STORY), _doc(2, "Valley Herald", STORY + " Share this: Facebook Twitter."),
            _doc(3, "Free Voice", "The regime of Veloria let over 1,500 people drown in the Karst Valley last week, "
                 "and now it lies about it, the opposition says, and nobody in the capital listens to the valley.")]
    clusters = independence.copy_clusters([independence.copy_of(d) for d in docs])
    assert clusters[1] == clusters[2] != clusters[3]


def test_wire_credit_and_author_name_the_origin() -> None:
    assert independence.wire_credit(STORY) == "Meridian Press"
    assert independence.wire_credit("TEHRAN (Gulf Wire) - Some 5,000 ...") == "Gulf Wire"
    assert independence.wire_credit("The minister (who spoke on Monday) - said ...") is None
    docs = [_doc(1, "Meridian Press", "A story written in house about something else entirely, with no dateline."),
            _doc(2, "Valley Herald", "A rewritten version that shares few words with the original.",
                 author="Meridian Press"),
            _doc(3, "Daily Courier", STORY)]
    origin = {o.document_id: o.origin for o in independence.origins(docs)}
    assert origin == {1: "Meridian Press", 2: "Meridian Press", 3: "Meridian Press"}


def test_one_publisher_counts_once_and_quoted_claimants_count_for_themselves() -> None:
    a = independence.source_of({"claimant_basis": "publisher"}, "National Tribune", "National Tribune")
    b = independence.source_of({"claimant_basis": "author"}, "National Tribune", "Some Reporter")
    c = independence.source_of({"claimant_basis": "quote"}, "Free Voice", "Amnesty International")
    d = independence.source_of({"claimant_basis": "attribution"}, "The Chronicle", "Amnesty International")
    assert a == b == "national tribune"
    assert c == d == "amnesty international"
    assert independence.count_independent([a, b, c, d]) == 2
