"""A small labelled corpus for the resolve stage, built from Extraction records written here,
so the tests do not depend on the quality of the per-document extractors.

Three stories that must not mix: the 1988 mass execution of political prisoners in Iran (with
the spread of figures the record shows), the invented Karst Valley flood in Veloria, and an
invented mine collapse in the same country and year; plus the 2022 protest toll in Iran, which
shares country and wording with 1988 but not its year. Every claim carries its gold group.
All wording is written for these tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from claimgraph.model import (
    Claim,
    Claimant,
    DocumentInfo,
    Entity,
    Extraction,
    Quote,
    Speaker,
)
from claimgraph.store import Store
from stored import save

PIPELINE = "test-resolve"


@dataclass
class C:
    """One claim: the sentence it sits in (by index), its number and its gold group."""

    sent: int
    number_text: str
    low: float | None
    high: float | None
    gold: str
    qualifier: str | None = None
    counted: str | None = None
    event: str | None = None
    time: str | None = None
    place: str | None = None
    claimant: str | None = None
    basis: str = "publisher"
    value: float | None = None


@dataclass
class D:
    key: str
    publisher: str
    title: str
    sentences: list[str]
    published: str | None = None
    author: str | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)  # (name, type)
    quotes: list[tuple[str, int]] = field(default_factory=list)  # (speaker, sentence index): the sentence is a quote
    claims: list[C] = field(default_factory=list)


IRAN88_WIRE = [
    "TEHRAN (Gulf Wire) — Some 5,000 political prisoners were executed in Iranian jails in the summer of 1988, "
    "rights groups say, after a fatwa by Ayatollah Ruhollah Khomeini.",
    "Survivors describe hearings that lasted minutes before a commission in Evin prison.",
    "Iran's current Supreme Leader, Ali Khamenei, has never addressed the killings in public.",
    "Families of the victims are still barred from mourning at the mass graves in Khavaran.",
]

# The Meridian Press wire story, carried word for word by the Valley Herald: one source, two sites.
WIRE_PARAS = [
        "MARENKO, Veloria (Meridian Press) — Some 700 people were killed when the Karst Valley dam gave way on "
        "May 12, local officials said.",
        "Interior Minister Yusuf Karimov said the government's figure of 212 dead was final.",
        "An NLF spokesman, Tomas Varga, said that more than 1,500 people had died.",
        "Karimov said a committee of four engineers would report within a month.",
    ]
WIRE_ENTITIES = [("Marenko", "GPE"), ("Karst Valley", "LOC"), ("Yusuf Karimov", "PERSON"), ("NLF", "ORG"),
                  ("Tomas Varga", "PERSON"), ("Veloria", "GPE")]
WIRE_CLAIMS = [C(0, "Some 700", 700, 700, "flood.dead", "some", "people", "killed", "2023", "Karst Valley", value=700),
                C(1, "212", 212, 212, "flood.dead", None, "dead", "dead", claimant="Yusuf Karimov", basis="quote",
                  value=212),
                C(2, "more than 1,500", 1500, None, "flood.dead", "more than", "people", "died", claimant="Tomas Varga",
                  basis="attribution"),
                C(3, "four", 4, 4, "flood.committee", None, "engineers", "committee", claimant="Yusuf Karimov",
                  basis="attribution", value=4)]

CORPUS: list[D] = [
    # -- Iran 1988 -----------------------------------------------------------------------------
    D("amnesty", "Amnesty International", "Blood-soaked secrets: Iran's 1988 prison massacres", [
        "Amnesty International has documented the names of more than 1,200 political prisoners executed in 1988 "
        "in Evin and Gohardasht prisons.",
        "The real number is believed to be far higher.",
        "The Iranian authorities have never acknowledged the killings or told families where the bodies lie.",
        "Relatives have identified at least 4,672 victims of the 1988 massacre by name.",
    ], published="2018-12-04",
        entities=[("Amnesty International", "ORG"), ("Evin", "FAC"), ("Gohardasht", "FAC"), ("Iran", "GPE")],
        claims=[C(0, "more than 1,200", 1200, None, "iran88.dead", "more than", "political prisoners", "executed",
                  "1988", claimant="Amnesty International"),
                C(3, "at least 4,672", 4672, None, "iran88.identified", "at least", "victims", "identified", "1988",
                  claimant="Amnesty International")]),
    D("hrw", "Human Rights Watch", "Iran: the 1988 executions and the men who ordered them", [
        "Human Rights Watch estimates that between 2,800 and 5,000 prisoners were put to death that summer, most of "
        "them members of the Mujahedin-e Khalq (MEK).",
        "The prisoners were brought before a committee of three officials, known to inmates as the death commission.",
        "Hossein-Ali Montazeri, then Khomeini's designated successor, protested in writing.",
    ], published="2022-06-08",
        entities=[("Human Rights Watch", "ORG"), ("Mujahedin-e Khalq", "ORG"), ("MEK", "ORG"),
                  ("Hossein-Ali Montazeri", "PERSON"), ("Khomeini", "PERSON"), ("Iran", "GPE")],
        claims=[C(0, "between 2,800 and 5,000", 2800, 5000, "iran88.dead", None, "prisoners", "put to death",
                  claimant="Human Rights Watch"),
                C(1, "three", 3, 3, "iran88.committee", None, "officials", "committee", value=3,
                  claimant="Human Rights Watch")]),
    D("wire", "Gulf Wire", "Iran's 1988 prison killings still haunt families", IRAN88_WIRE, published="2023-08-01",
        entities=[("Gulf Wire", "ORG"), ("Ruhollah Khomeini", "PERSON"), ("Ali Khamenei", "PERSON"),
                  ("Evin", "FAC"), ("Khavaran", "GPE")],
        claims=[C(0, "Some 5,000", 5000, 5000, "iran88.dead", "some", "political prisoners", "executed", "1988",
                  value=5000)]),
    D("wirecopy", "Daily Courier", "Iran's 1988 prison killings still haunt families", IRAN88_WIRE,
        published="2023-08-01", author="Gulf Wire",
        entities=[("Gulf Wire", "ORG"), ("Ayatollah Ruhollah Khomeini", "PERSON"), ("Khamenei", "PERSON"),
                  ("Evin", "FAC"), ("Khavaran", "GPE")],
        claims=[C(0, "Some 5,000", 5000, 5000, "iran88.dead", "some", "political prisoners", "executed", "1988",
                  value=5000)]),
    D("resistance", "Resistance News", "The 1988 massacre: 30,000 reasons for justice", [
        "Over 30,000 political prisoners, most of them PMOI supporters, were massacred in 1988 on Khomeini's order.",
        "The People's Mojahedin Organization of Iran has compiled the names of thousands of them.",
        "Ebrahim Raisi sat on the death committee in Tehran.",
    ], published="2021-07-19",
        entities=[("PMOI", "ORG"), ("People's Mojahedin Organization of Iran", "ORG"), ("Khomeini", "PERSON"),
                  ("Ebrahim Raisi", "PERSON"), ("Tehran", "GPE")],
        claims=[C(0, "Over 30,000", 30000, None, "iran88.dead", "over", "political prisoners", "massacred", "1988")]),
    D("chronicle", "The Chronicle", "A massacre Iran still denies", [
        "Hussein Ali Montazeri wrote in his memoirs that between 2,800 and 3,800 prisoners had been executed.",
        "Amnesty International has put the number of prisoners executed at more than 1,200.",
        "According to survivors, the death commission was made up of four men.",
        "Ayatollah Khamenei, then president, has never spoken about it.",
    ], published="2019-09-10",
        entities=[("Hussein Ali Montazeri", "PERSON"), ("Amnesty International", "ORG"), ("Ayatollah Khamenei", "PERSON"),
                  ("Iran", "GPE"), ("Evin", "FAC")],
        claims=[C(0, "between 2,800 and 3,800", 2800, 3800, "iran88.dead", None, "prisoners", "executed",
                  claimant="Hussein Ali Montazeri", basis="attribution"),
                C(1, "more than 1,200", 1200, None, "iran88.dead", "more than", "prisoners", "executed",
                  claimant="Amnesty International", basis="attribution"),
                C(2, "four", 4, 4, "iran88.committee", None, "men", "commission", value=4)]),
    D("pars", "Pars Daily", "Hypocrites revive old lies about 1988", [
        "Opposition groups abroad claim that thousands of prisoners were killed in Evin in 1988.",
        "The judiciary says the trials followed the law of the time.",
    ], published="2020-08-30",
        entities=[("Evin", "FAC"), ("Iran", "GPE")],
        claims=[C(0, "thousands", 2000, None, "iran88.dead", "thousands", "prisoners", "killed", "1988",
                  claimant="Opposition groups", basis="attribution")]),
    # -- Iran 2022: same country, same verbs, another event -------------------------------------
    D("iran22a", "Iran Human Rights Monitor", "Protest crackdown: the dead of 2022", [
        "Security forces have killed at least 481 protesters since September 2022, including 64 children.",
        "The protests began after the death of Mahsa Amini in police custody in Tehran.",
    ], published="2022-12-01",
        entities=[("Mahsa Amini", "PERSON"), ("Tehran", "GPE"), ("Iran", "GPE")],
        claims=[C(0, "at least 481", 481, None, "iran22.dead", "at least", "protesters", "killed", "2022"),
                C(0, "64", 64, 64, "iran22.children", None, "children", "killed", "2022", value=64)]),
    D("iran22b", "Gulf Wire", "Iran protests: toll passes 500", [
        "More than 500 people have been killed in the protests that followed Mahsa Amini's death in 2022, "
        "activists say.",
    ], published="2023-01-10",
        entities=[("Mahsa Amini", "PERSON"), ("Iran", "GPE")],
        claims=[C(0, "More than 500", 500, None, "iran22.dead", "more than", "people", "killed", "2022",
                  claimant="activists", basis="attribution")]),
    # -- Veloria flood ---------------------------------------------------------------------------
    D("meridian", "Meridian Press", "Veloria flood toll disputed as rescuers search Karst Valley", WIRE_PARAS, published="2023-05-19",
        entities=WIRE_ENTITIES,
        quotes=[("Yusuf Karimov", 1)],
        claims=WIRE_CLAIMS),
    D("herald", "Valley Herald", "Veloria flood toll disputed as rescuers search Karst Valley", WIRE_PARAS, published="2023-05-19", author="Meridian Press",
        entities=WIRE_ENTITIES,
        quotes=[("Yusuf Karimov", 1)],
        claims=WIRE_CLAIMS),
    D("civic", "Civic Watch", "Karst Valley: the toll that will not be counted", [
        "Civic Watch estimates that between 600 and 900 people were killed in the Karst Valley flood of May 2023.",
        "At least 412 of the dead have been identified by name.",
        "The inquiry is a committee of three engineers employed by the state water company.",
        "The hospital in Marenko alone received 187 bodies in the first three days.",
    ], published="2023-06-02",
        entities=[("Civic Watch", "ORG"), ("Karst Valley", "LOC"), ("Marenko", "GPE"), ("Veloria", "GPE")],
        claims=[C(0, "between 600 and 900", 600, 900, "flood.dead", None, "people", "killed", "2023", "Karst Valley"),
                C(1, "At least 412", 412, None, "flood.identified", "at least", "dead", "identified"),
                C(2, "three", 3, 3, "flood.committee", None, "engineers", "committee", value=3),
                C(3, "187", 187, 187, "flood.dead", None, "bodies", "received", value=187)]),
    D("tribune", "National Tribune", "Minister: Karst Valley relief on schedule, toll final at 212", [
        "The Minister of the Interior, Yusuf Karimov, said the number of victims of the May 12 flood stood at 212.",
        "The commission investigating the dam, made up of four engineers, has begun its work.",
        "President Daria Novak promised that 3,000 new homes would be built in the valley by 2024.",
    ], published="2023-05-22",
        entities=[("Yusuf Karimov", "PERSON"), ("Daria Novak", "PERSON"), ("Karst Valley", "LOC"), ("Veloria", "GPE")],
        claims=[C(0, "212", 212, 212, "flood.dead", None, "victims", "victims", claimant="Yusuf Karimov",
                  basis="attribution", value=212),
                C(1, "four", 4, 4, "flood.committee", None, "engineers", "commission", value=4),
                C(2, "3,000", 3000, 3000, "flood.homes", None, "homes", "built", "2024", claimant="Daria Novak",
                  basis="attribution", value=3000)]),
    D("freevoice", "Free Voice", "The Karst Valley massacre of the poor", [
        "The regime of Veloria let over 1,500 people drown in the Karst Valley last week.",
        "Interior Minister Yousef Karimov, who insists that only 212 died, ran the dam's budget until 2021.",
        "Amnesty for Veloria, a rights group, said last week that more than 600 people were killed.",
    ], published="2023-05-25",
        entities=[("Veloria", "GPE"), ("Karst Valley", "LOC"), ("Yousef Karimov", "PERSON"),
                  ("Amnesty for Veloria", "ORG")],
        claims=[C(0, "over 1,500", 1500, None, "flood.dead", "over", "people", "drown", place="Karst Valley"),
                C(1, "212", 212, 212, "flood.dead", None, None, "died", claimant="Yousef Karimov",
                  basis="attribution", value=212),
                C(2, "more than 600", 600, None, "flood.dead", "more than", "people", "killed",
                  claimant="Amnesty for Veloria", basis="attribution")]),
    # -- Veloria mine: same country and year, another disaster ----------------------------------
    D("mine", "Meridian Press", "Fourteen miners killed in Dornev collapse", [
        "DORNEV, Veloria (Meridian Press) — Fourteen miners were killed and 23 injured when a tunnel collapsed at "
        "the Dornev copper mine on Sunday, the operator said.",
        "Pavel Lind, a spokesman for Dornev Copper, said the shaft had passed its inspection.",
    ], published="2023-09-04",
        entities=[("Dornev", "GPE"), ("Dornev Copper", "ORG"), ("Pavel Lind", "PERSON"), ("Veloria", "GPE")],
        claims=[C(0, "Fourteen", 14, 14, "mine.dead", None, "miners", "killed", value=14),
                C(0, "23", 23, 23, "mine.injured", None, None, "injured", value=23)]),
    D("mine2", "Dornev Herald", "Mine disaster: families wait for answers", [
        "The collapse of the copper mine tunnel in Dornev killed 15 workers, union officials said on Monday.",
        "Dornev Copper has suspended work at the shaft.",
    ], published="2023-09-05",
        entities=[("Dornev", "GPE"), ("Dornev Copper", "ORG"), ("Veloria", "GPE")],
        claims=[C(0, "15", 15, 15, "mine.dead", None, "workers", "killed", claimant="union officials",
                  basis="attribution", value=15)]),
]


def extraction(d: D) -> Extraction:
    text = "\n\n".join(d.sentences)
    starts = []
    pos = 0
    for s in d.sentences:
        starts.append(pos)
        pos += len(s) + 2
    sha = hashlib.sha256(f"{d.key}:{text}".encode()).hexdigest()
    entities = []
    ent_of: dict[str, str] = {}
    for i, (name, type_) in enumerate(d.entities, start=1):
        spans = []
        k = text.find(name)
        while k >= 0:
            spans.append((k, k + len(name)))
            k = text.find(name, k + 1)
        eid = f"e{i}"
        ent_of[name] = eid
        entities.append(Entity(id=eid, name=name, type=type_, mentions=spans or [(0, 0)]))
    quotes = []
    for i, (speaker, si) in enumerate(d.quotes, start=1):
        a = starts[si]
        quotes.append(Quote(id=f"q{i}", kind="indirect", text=d.sentences[si], span=(a, a + len(d.sentences[si])),
                            speaker=Speaker(name=speaker, text=speaker, entity=ent_of.get(speaker))))
    claims = []
    for i, c in enumerate(d.claims, start=1):
        sent = d.sentences[c.sent]
        a = starts[c.sent]
        k = sent.find(c.number_text)
        assert k >= 0, (d.key, c.number_text)
        claimant = Claimant(name=c.claimant or d.publisher, entity=ent_of.get(c.claimant or ""), basis=c.basis)
        claims.append(Claim(id=f"c{i}", kind="count", text=sent, span=(a, a + len(sent)), value=c.value,
                            low=c.low, high=c.high, qualifier=c.qualifier, counted=c.counted, event=c.event,
                            time=c.time, place=c.place, claimant=claimant, number_text=c.number_text,
                            number_span=(a + k, a + k + len(c.number_text))))
    info = DocumentInfo(sha256=sha, url=f"https://{d.key}.example/", title=d.title, publisher=d.publisher,
                        published=d.published, author=d.author, format="text")
    return Extraction(source=f"{d.key}.txt", document=info, text=text, entities=entities, quotes=quotes,
                      claims=claims, offsets=list(range(len(text) + 1)))


def load(store: Store, corpus: list[D] | None = None) -> dict[tuple[str, str], str]:
    """Store the corpus; returns (sha256, claim local id) -> gold group."""
    gold: dict[tuple[str, str], str] = {}
    for d in corpus or CORPUS:
        x = extraction(d)
        save(store, x, PIPELINE, captured_at="2024-01-01T00:00:00Z")
        for c, spec in zip(x.claims, d.claims, strict=True):
            gold[(x.document.sha256, c.id)] = spec.gold
    store.commit()
    return gold


def predicted(store: Store) -> dict[tuple[str, str], int]:
    return store.claim_keys()


def purity_completeness(gold: dict[Any, str], pred: dict[Any, int]) -> tuple[float, float]:
    """Purity: share of claims whose predicted group's majority gold label is theirs. Completeness
    (inverse purity): share of claims whose gold group's majority predicted group is theirs."""
    from collections import Counter

    keys = [k for k in gold if k in pred]
    n = len(keys) or 1
    by_pred: dict[int, Counter[str]] = {}
    by_gold: dict[str, Counter[int]] = {}
    for k in keys:
        by_pred.setdefault(pred[k], Counter())[gold[k]] += 1
        by_gold.setdefault(gold[k], Counter())[pred[k]] += 1
    purity = sum(c.most_common(1)[0][1] for c in by_pred.values()) / n
    completeness = sum(c.most_common(1)[0][1] for c in by_gold.values()) / n
    return purity, completeness


# Written after the thresholds were first set; consulted (with CORPUS) when the anchor weighting
# was fixed, so no longer a clean hold-out. FRESH below is.
# Halabja shares its year (1988), its verbs and a region with the prison executions.
HELDOUT: list[D] = [
    D("halabja1", "Kurdistan Tribune", "Halabja remembers the gas attack of 1988", [
        "Some 5,000 civilians were killed in the chemical attack on Halabja in March 1988, Kurdish officials say.",
        "Thousands more were left with burns and lung damage.",
        "The attack was ordered by Saddam Hussein's cousin, Ali Hassan al-Majid.",
    ], published="2023-03-16",
        entities=[("Halabja", "GPE"), ("Saddam Hussein", "PERSON"), ("Ali Hassan al-Majid", "PERSON"), ("Iraq", "GPE")],
        claims=[C(0, "Some 5,000", 5000, 5000, "halabja.dead", "some", "civilians", "killed", "1988",
                  "Halabja", claimant="Kurdish officials", basis="attribution", value=5000)]),
    D("halabja2", "Gulf Wire", "Iraqi town counts its dead after gas attack", [
        "HALABJA, Iraq (Gulf Wire) — Between 3,200 and 5,000 people died when Iraqi aircraft dropped gas on the "
        "town, doctors said.",
        "About 7,000 people were injured, according to the regional health office.",
        "Ali Hassan al-Majid, known as Chemical Ali, was later hanged.",
    ], published="2018-03-16",
        entities=[("Halabja", "GPE"), ("Iraq", "GPE"), ("Ali Hassan al-Majid", "PERSON"), ("Gulf Wire", "ORG")],
        claims=[C(0, "Between 3,200 and 5,000", 3200, 5000, "halabja.dead", None, "people", "died",
                  claimant="doctors", basis="attribution"),
                C(1, "About 7,000", 7000, 7000, "halabja.injured", "about", "people", "injured",
                  claimant="the regional health office", basis="attribution", value=7000)]),
    D("halabja3", "Baghdad Observer", "Historians revisit the Halabja figures", [
        "Fewer than 1,000 people died in Halabja, the former regime always maintained.",
        "Saddam Hussein's government blamed Iranian shelling.",
    ], published="2008-03-17",
        entities=[("Halabja", "GPE"), ("Saddam Hussein", "PERSON")],
        claims=[C(0, "Fewer than 1,000", None, 1000, "halabja.dead", "fewer than", "people", "died",
                  claimant="the former regime", basis="attribution")]),
    D("iranfocus", "Iran Focus Weekly", "Justice for the victims of the 1988 prison massacre", [
        "The victims of the 1988 prison massacre number at least 5,000, according to the MEK.",
        "Most were hanged in Evin and Gohardasht after hearings that lasted minutes, on the orders of Khomeini.",
    ], published="2024-08-20",
        entities=[("MEK", "ORG"), ("Evin", "FAC"), ("Gohardasht", "FAC"), ("Khomeini", "PERSON"), ("Iran", "GPE")],
        claims=[C(0, "at least 5,000", 5000, None, "iran88.dead", "at least", "victims", "massacre", "1988",
                  claimant="MEK", basis="attribution")]),
    D("dornev3", "Veloria Today", "Dornev mine toll rises", [
        "The death toll from the Dornev copper mine collapse rose to 16 on Tuesday after two injured miners died.",
        "Dornev Copper said the tunnel would stay closed.",
    ], published="2023-09-06",
        entities=[("Dornev", "GPE"), ("Dornev Copper", "ORG"), ("Veloria", "GPE")],
        claims=[C(0, "16", 16, 16, "mine.dead", None, None, "death toll", value=16)]),
    D("karst-anniv", "Veloria Today", "A year on, Karst Valley still counts", [
        "A year after the Karst Valley dam broke, the official figure remains 212 dead.",
        "Civic Watch says at least 600 people died in Marenko and the villages below the dam.",
    ], published="2024-05-12",
        entities=[("Karst Valley", "LOC"), ("Civic Watch", "ORG"), ("Marenko", "GPE"), ("Veloria", "GPE")],
        claims=[C(0, "212", 212, 212, "flood.dead", None, "dead", "dead", value=212),
                C(1, "at least 600", 600, None, "flood.dead", "at least", "people", "died", claimant="Civic Watch",
                  basis="attribution")]),
]


# Written last and scored once, after every threshold and weight was fixed: nothing was tuned on
# it. An invented earthquake and, in the same province and year, an invented stadium crush.
FRESH: list[D] = [
    D("quake-wire", "Northern Wire", "Calderra quake: rescuers race the cold", [
        "ORISTAN, Calderra (Northern Wire) — About 1,500 people were killed when a magnitude 7.1 earthquake "
        "struck Oristan province on 3 February 2019, aid agencies said.",
        "Provincial governor Matteo Relli said 9,000 people had been injured.",
    ], published="2019-02-05",
        entities=[("Oristan", "GPE"), ("Calderra", "GPE"), ("Matteo Relli", "PERSON"), ("Northern Wire", "ORG")],
        claims=[C(0, "About 1,500", 1500, 1500, "quake.dead", "about", "people", "killed", "2019", "Oristan",
                  claimant="aid agencies", basis="attribution", value=1500),
                C(1, "9,000", 9000, 9000, "quake.injured", None, "people", "injured", claimant="Matteo Relli",
                  basis="attribution", value=9000)]),
    D("quake-copy", "Coastal Gazette", "Calderra quake: rescuers race the cold", [
        "ORISTAN, Calderra (Northern Wire) — About 1,500 people were killed when a magnitude 7.1 earthquake "
        "struck Oristan province on 3 February 2019, aid agencies said.",
        "Provincial governor Matteo Relli said 9,000 people had been injured.",
    ], published="2019-02-05", author="Northern Wire",
        entities=[("Oristan", "GPE"), ("Calderra", "GPE"), ("Matteo Relli", "PERSON")],
        claims=[C(0, "About 1,500", 1500, 1500, "quake.dead", "about", "people", "killed", "2019", "Oristan",
                  claimant="aid agencies", basis="attribution", value=1500),
                C(1, "9,000", 9000, 9000, "quake.injured", None, "people", "injured", claimant="Matteo Relli",
                  basis="attribution", value=9000)]),
    D("quake-state", "Calderra State Radio", "Government confirms earthquake deaths", [
        "The interior ministry confirmed 1,134 deaths from the Oristan earthquake.",
        "Governor Mateo Reli thanked the army for clearing the roads to the mountain villages.",
    ], published="2019-02-07",
        entities=[("Oristan", "GPE"), ("Mateo Reli", "PERSON"), ("Calderra", "GPE")],
        claims=[C(0, "1,134", 1134, 1134, "quake.dead", None, "deaths", "deaths", claimant="the interior ministry",
                  basis="attribution", value=1134)]),
    D("quake-ngo", "Mountain Relief", "Oristan: the uncounted dead", [
        "Our teams believe at least 2,000 people died in the villages of Oristan, many of them never reached by "
        "the army.",
    ], published="2019-02-20",
        entities=[("Oristan", "GPE"), ("Mountain Relief", "ORG")],
        claims=[C(0, "at least 2,000", 2000, None, "quake.dead", "at least", "people", "died", place="Oristan")]),
    D("crush", "Calderra Sport", "Tragedy at Oristan stadium", [
        "Twenty-three fans died in a crush at the Oristan stadium on Saturday when a gate collapsed in 2019's "
        "derby.",
        "The football federation suspended the league.",
    ], published="2019-10-12",
        entities=[("Oristan", "GPE"), ("Calderra", "GPE")],
        claims=[C(0, "Twenty-three", 23, 23, "crush.dead", None, "fans", "died", "2019", value=23)]),
    D("iran88-range", "Exile Review", "Counting the dead of 1988", [
        "Estimates of the prisoners hanged in the summer of 1988 range from 2,800 to 30,000.",
        "Ayatollah Hossein Ali Montazeri was dismissed after he objected.",
    ], published="2020-07-01",
        entities=[("Hossein Ali Montazeri", "PERSON"), ("Iran", "GPE")],
        claims=[C(0, "from 2,800 to 30,000", 2800, 30000, "iran88.dead", None, "prisoners", "hanged", "1988")]),
]
