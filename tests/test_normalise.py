"""The normaliser: unwrapping, boilerplate, repeated and appended text, and an offset map that
takes every clean character back to the decoded original."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.extract import extract_one
from claimgraph.ingest import parse_one
from claimgraph.ingest.text import parse_text
from claimgraph.model import Location, Normalised, Source
from claimgraph.normalise import normalise
from claimgraph.options import Limits, Options
from conftest import NEWS, PARAS, TITLE, URL, blog_post

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_2d8cf5768a990739.txt"


def check_offsets(source: str, norm: Normalised) -> None:
    """Every clean character maps to the source character it came from; the spaces and paragraph
    breaks the normaliser writes map to white space in the source."""
    assert len(norm.offsets) == len(norm.text) + 1
    assert norm.offsets == sorted(norm.offsets)
    for i, ch in enumerate(norm.text):
        src = source[norm.offsets[i]]
        if ch.isspace():
            assert src.isspace(), (i, ch, src)
        else:
            assert src == ch, (i, ch, src)


def norm_blog(wrapped: bool) -> tuple[str, Normalised]:
    parsed = parse_text(blog_post(wrapped).encode(), "blog.txt", Limits())
    return parsed.text, normalise(parsed.text, parsed.body_start)


@pytest.mark.parametrize("wrapped", [True, False], ids=["hard-wrapped", "one-paragraph-per-line"])
def test_blog_post_is_unwrapped_into_its_paragraphs(wrapped: bool) -> None:
    source, norm = norm_blog(wrapped)
    check_offsets(source, norm)
    paras = norm.text.split("\n\n")
    # The title, then the article's paragraphs, each on one line, in order; the URL line and the
    # comment widget gone.
    assert paras == [TITLE, *PARAS[:-2]]
    assert URL not in norm.text and "Post a Comment" not in norm.text and "No comments" not in norm.text


def test_wrapped_and_unwrapped_give_the_same_text_and_flags() -> None:
    (_, a), (_, b) = norm_blog(True), norm_blog(False)
    assert a.text == b.text
    assert [(f.kind, f.span) for f in a.flags] == [(f.kind, f.span) for f in b.flags]


def test_repeated_paragraph_appended_article_and_footer_are_flagged() -> None:
    _, norm = norm_blog(True)
    kinds = [f.kind for f in norm.flags]
    assert kinds == ["repeated_paragraph", "appended_article", "boilerplate_removed"]
    repeated = norm.flags[0]
    assert norm.repeated == [repeated.span]
    a, b = repeated.span
    assert norm.text[a:b] == PARAS[4]
    assert norm.text.index(PARAS[3]) < a  # the first copy is kept and not flagged
    appended = norm.flags[1]
    assert norm.text[appended.span[0]:].startswith("*****")
    assert appended.span[1] == len(norm.text)


def test_nothing_is_extracted_twice_from_a_repeated_paragraph() -> None:
    src = Source(data=blog_post().encode(), location=Location("blog.txt", "file", "2024-01-01T00:00:00Z"),
                 name="blog.txt")
    x = extract_one(src, Options())
    (flag,) = [f for f in x.flags if f.kind == "repeated_paragraph"]
    a, b = flag.span
    spans = [q.span for q in x.quotes] + [c.span for c in x.claims]
    spans += [m for e in x.entities for m in e.mentions]
    assert not [s for s in spans if a <= s[0] < b]
    assert sum("40 metres" in c.text for c in x.claims) <= 1


def test_ordinary_paragraphs_and_crlf() -> None:
    for text in (NEWS, NEWS.replace("\n", "\r\n"), "\t" + NEWS.replace(" ", "  ")):
        norm = normalise(text)
        check_offsets(text, norm)
        assert norm.text.split("\n\n")[0] == "Mayor Anna Kowalski said on Monday that the city would hire 50 new bus drivers."
        assert not norm.flags


def test_lone_quote_mark_stays_with_its_words() -> None:
    lines = ["The minister spoke for an hour and was asked about the new tax on fuel.",
             "\u201c",
             "We will not raise it again this year, whatever the treasury says about the",
             "deficit,\u201d she said, before leaving the room without taking more questions."] * 3
    text = "\n".join(lines)
    norm = normalise(text)
    check_offsets(text, norm)
    assert "\u201cWe will not raise it" in norm.text
    assert "\u201c\n" not in norm.text


def test_abbreviation_at_line_end_is_a_wrap() -> None:
    body = ("The council heard from residents for three hours on Monday night, and then\n"
            "Mr.\n"
            "Ferris said the vote would be postponed until the engineers had reported back\n"
            "to the works committee on the state of the wall and its foundations.\n") * 3
    norm = normalise(body)
    check_offsets(body, norm)
    assert "Mr. Ferris said" in norm.text


def test_short_lines_that_end_sentences_do_not_join_across_paragraphs() -> None:
    # A one-paragraph-per-line text with short paragraphs must not be taken for a wrapped one.
    text = "\n".join(f"Resident number {i} said the water reached the second floor." for i in range(20))
    norm = normalise(text)
    assert norm.text.count("\n\n") == 19


def test_footer_words_inside_the_article_are_kept() -> None:
    text = ("The company was fined 2 million pounds for the leak on Tuesday.\n\n"
            "Facebook declined to comment.\n\n"
            "Share this: Facebook | Twitter\n")
    norm = normalise(text)
    assert norm.text.endswith("Facebook declined to comment.")
    assert [f.kind for f in norm.flags] == ["boilerplate_removed"]


def test_empty_and_header_only_text() -> None:
    assert normalise("").text == ""
    assert normalise("   \n\n  ").offsets == [0]


@pytest.mark.gate
@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")
def test_seed_document() -> None:
    """The founding example, read in place (third-party text: never copied here)."""
    data = SEED.read_bytes()
    src = Source(data=data, location=Location(str(SEED), "file", "2024-01-01T00:00:00Z"), name=SEED.name)
    parsed = parse_one(src, Limits())
    assert parsed.metadata.title and parsed.metadata.url
    assert parsed.metadata.publisher == "irannewsupdate.com"
    norm = normalise(parsed.text, parsed.body_start)
    check_offsets(parsed.text, norm)
    kinds = [f.kind for f in norm.flags]
    assert kinds.count("repeated_paragraph") == 1 and "appended_article" in kinds
    assert "Post a Comment" not in norm.text and "No comments" not in norm.text
    x = extract_one(src, Options())
    a, b = norm.repeated[0]
    spans = [q.span for q in x.quotes] + [c.span for c in x.claims] + [m for e in x.entities for m in e.mentions]
    assert not [s for s in spans if a <= s[0] < b]


def test_irregular_wrap_joins_lines_that_continue_a_sentence() -> None:
    # Lines of very different lengths (no wrap column to find), blank lines between paragraphs.
    text = ("The inquiry heard from\n"
            "twelve witnesses over three days, and the chair said a report would follow in the spring\n"
            "once the evidence had been checked.\n\n"
            "Campaigners welcomed the news.\n\n"
            "A spokesman for the company said it would\n"
            "cooperate fully.\n")
    norm = normalise(text)
    check_offsets(text, norm)
    assert norm.text.split("\n\n") == [
        "The inquiry heard from twelve witnesses over three days, and the chair said a report would follow in the "
        "spring once the evidence had been checked.",
        "Campaigners welcomed the news.",
        "A spokesman for the company said it would cooperate fully."]


# --- headlines: their own block and their own sentence ----------------------------------------

HEADLINE = "Harbour council defends cuts to night buses"
LEAD = ("The transport chair, Priya Natarajan, said on Monday that the night routes had lost\n"
        "half their riders since the bridge closed and that the savings would pay for repairs\n"
        "to the depot roof, which has leaked for three winters according to the drivers' union.\n")


@pytest.mark.parametrize("text", [
    f"{HEADLINE}\n{LEAD * 3}",  # hard-wrapped, no blank line under the headline
    f"{HEADLINE}\n\n{LEAD * 3}",
    f"{HEADLINE}\n" + LEAD.replace("\n", " ").strip() + "\n",  # one paragraph per line
], ids=["wrapped", "blank-line", "paragraph-lines"])
def test_sentence_case_headline_is_its_own_block(text: str) -> None:
    norm = normalise(text)
    check_offsets(text, norm)
    head, _, rest = norm.text.partition("\n\n")
    assert head == HEADLINE
    assert rest.startswith("The transport chair")
    a = norm.text.index(HEADLINE)
    assert norm.to_source((a, a + len(HEADLINE))) == (text.index(HEADLINE), text.index(HEADLINE) + len(HEADLINE))


def test_headline_is_its_own_sentence_and_stays_out_of_the_lead_quote() -> None:
    from claimgraph.extract.nlp import load

    text = f"{HEADLINE}\n\n" + LEAD.replace("\n", " ").strip()
    doc = load(Options().model)(normalise(text).text)
    assert [s.text.strip() for s in doc.sents][0] == HEADLINE
    src = Source(data=text.encode(), location=Location("h.txt", "file", "2024-01-01T00:00:00Z"), name="h.txt")
    x = extract_one(src, Options())
    assert x.quotes, "the lead's reported speech is found"
    for q in x.quotes:
        assert "night buses" not in q.text
        assert q.speaker is not None and "cuts" not in q.speaker.text and "Harbour" not in q.speaker.text
        assert q.span[0] > len(HEADLINE)


# -- a header's title is the document's first paragraph -----------------------------------------------

QUAKE = ("Powerful quake kills 10 in the coastal town of Arenal\n"
         "https://www.shore-news.example/2024/02/05/arenal-quake.html\n"
         "A powerful earthquake struck the coast before dawn on Monday, and rescuers were still searching\n"
         "the ruins of the market at noon.\n")


def text_source(text: str, name: str = "quake.txt", encoding: str = "utf-8") -> Source:
    return Source(data=text.encode(encoding), location=Location(name, "file", "2024-02-05T00:00:00Z"), name=name)


def test_a_title_above_a_url_line_is_the_first_paragraph_and_the_url_stays_out() -> None:
    parsed = parse_text(QUAKE.encode(), "quake.txt", Limits())
    assert parsed.metadata.title == "Powerful quake kills 10 in the coastal town of Arenal"  # metadata as before
    norm = normalise(parsed.text, parsed.body_start)
    check_offsets(parsed.text, norm)
    title, lead = norm.text.split("\n\n")
    assert title == parsed.metadata.title and lead.startswith("A powerful earthquake struck")
    assert "https://" not in norm.text and "shore-news" not in norm.text
    assert norm.to_source((0, len(title))) == (0, len(title))  # the title line's own characters


def test_a_title_field_gives_its_value_not_its_key_and_the_other_fields_stay_out() -> None:
    text = ("Title:  Minister: relief on schedule, toll final at 212  \r\n"
            "URL: https://tribune.example/2023/05/22/relief\r\n"
            "Publisher: The Tribune\r\nDate: 2023-05-22\r\n\r\n"
            "The minister said on Monday that relief was on schedule.\r\n")
    parsed = parse_text(text.encode(), "tribune.txt", Limits())
    assert parsed.metadata.title == "Minister: relief on schedule, toll final at 212"
    norm = normalise(parsed.text, parsed.body_start)
    check_offsets(parsed.text, norm)
    assert norm.text == ("Minister: relief on schedule, toll final at 212\n\n"
                         "The minister said on Monday that relief was on schedule.")
    assert parsed.text[norm.offsets[0]:norm.offsets[0] + 9] == "Minister:"


def test_a_title_the_body_repeats_is_said_once() -> None:
    text = ("Bridge Closed After Inspection\nhttps://gazette.example/bridge\n\n"
            "BRIDGE CLOSED AFTER INSPECTION\n\nThe council closed the bridge on Friday.\n")
    parsed = parse_text(text.encode(), "bridge.txt", Limits())
    norm = normalise(parsed.text, parsed.body_start)
    assert norm.text == "BRIDGE CLOSED AFTER INSPECTION\n\nThe council closed the bridge on Friday."


def test_the_body_after_a_title_keeps_its_own_furniture_rules() -> None:
    # A body that opens with a separator is not "a second article" because a title now precedes it.
    text = "A Short Note on Tolls\nhttps://blog.example/note\n*****\n" + "The toll was counted again. " * 20 + "\n"
    parsed = parse_text(text.encode(), "note.txt", Limits())
    norm = normalise(parsed.text, parsed.body_start)
    assert norm.text.startswith("A Short Note on Tolls\n\n*****")
    assert "appended_article" not in [f.kind for f in norm.flags]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_claim_stated_in_a_title_is_found_and_points_at_the_title_in_the_original(encoding: str) -> None:
    from claimgraph.ingest import clean_to_byte_span

    src = text_source(QUAKE, encoding=encoding)
    x = extract_one(src, Options())
    ten = [c for c in x.claims if c.number_text == "10"]
    assert len(ten) == 1 and ten[0].span[0] == 0
    assert x.text[ten[0].span[0]:ten[0].span[1]] == "Powerful quake kills 10 in the coastal town of Arenal"
    assert x.encoding is not None
    a, b = clean_to_byte_span(src.data, x.encoding, x.bom, x.offsets, ten[0].number_span)
    assert src.data[a:b].decode(x.encoding) == "10"
    a, b = clean_to_byte_span(src.data, x.encoding, x.bom, x.offsets, ten[0].span)
    assert src.data[a:b].decode(x.encoding) == "Powerful quake kills 10 in the coastal town of Arenal"
    # Not glued to the lead: the lead's sentence is its own claim-free sentence.
    assert not [c for c in x.claims if "earthquake struck" in c.text and c.number_text == "10"]


def test_a_quote_stated_in_a_title_field_is_found() -> None:
    text = ('Title: Mayor: "We will rebuild all 300 homes"\nURL: https://news.example/2024/01/03/rebuild\n\n'
            "The mayor of Arenal, Rosa Quispe, spoke to reporters on Tuesday.\n")
    x = extract_one(text_source(text, "rebuild.txt"), Options())
    assert [q.text for q in x.quotes] == ["We will rebuild all 300 homes"]
    assert [c.number_text for c in x.claims] == ["300"]
