"""What resolve reads to class a claim: the event that happened to what is counted (one small
ontology of counted events), what is counted, and the wording that makes a figure a part, an
update or a year that is not the event's."""

from __future__ import annotations

from dataclasses import dataclass

from . import wordset


@dataclass(frozen=True)
class CountedEvent:
    """One kind of thing that happens to the people a toll counts. `hxl` is the Humanitarian
    Exchange Language tag it corresponds to (the `#affected` attributes that humanitarian
    datasets count people by), extended in its style where news counts what HXL does not
    (executions, arrests). A class with a parent is a kind of it: an execution is a killing, so
    "5,000 executed" and "5,000 killed" report one toll, and group together."""

    name: str
    hxl: str
    parent: str | None
    words: frozenset[str]
    phrases: tuple[str, ...] = ()


COUNTED_EVENTS: tuple[CountedEvent, ...] = (
    CountedEvent("killed", "#affected+killed", None, wordset("""
        killed kill killing killings dead death deaths died die drowned drown slain murdered murder perished
        victim victims toll fatality fatalities lives body bodies buried shot deceased casualty casualties
        lost"""), ("lost their lives", "death toll", "were left dead")),
    CountedEvent("executed", "#affected+killed+executed", "killed", wordset("""
        executed execute execution executions hanged hanging hangings gallows"""),
        ("put to death", "firing squad", "sent to the gallows")),
    CountedEvent("massacred", "#affected+killed+massacred", "killed", wordset("""
        massacre massacred massacres slaughtered slaughter exterminated extermination purge purged""")),
    CountedEvent("injured", "#affected+injured", None, wordset("injured wounded hurt injury injuries maimed")),
    CountedEvent("missing", "#affected+missing", None, wordset("missing disappeared unaccounted disappearance"),
                 ("went missing", "forcibly disappeared")),
    CountedEvent("displaced", "#affected+displaced", None, wordset("""
        displaced homeless evacuated fled refugee refugees evacuee evacuees uprooted""")),
    CountedEvent("arrested", "#affected+arrested", None, wordset("arrested arrest arrests jailed imprisoned")),
    CountedEvent("detained", "#affected+arrested+detained", "arrested", wordset("""
        detained detention detainee detainees held""")),
    CountedEvent("affected", "#affected", None, wordset("affected")),
    # Not tolls, but quantities news reports beside them: a subset (the named dead: a lower bound
    # of the toll, another quantity), the size of a body, what was built.
    CountedEvent("identified", "#affected+identified", None, wordset("identified identify named identification")),
    CountedEvent("composition", "#org+members", None, wordset(
        "committee commission panel board council tribunal delegation jury")),
    CountedEvent("construction", "#output+built", None, wordset("built build rebuilt construct constructed home homes houses")),
)
# What killed, injured or displaced the people a toll counts, when a claim's sentence names it: two
# tolls of different causes are two quantities, whatever their place and year ("floods in Osh
# killed 30" is not a count of the prisoners executed there that year). An execution or a
# massacre names its cause in its event word.
CAUSES: dict[str, frozenset[str]] = {
    "flood": wordset("flood floods flooding flooded flash-flood deluge"),
    "quake": wordset("earthquake earthquakes quake quakes tremor tremors aftershock aftershocks tsunami"),
    "storm": wordset("storm storms cyclone cyclones hurricane hurricanes typhoon typhoons tornado tornadoes"),
    "landslide": wordset("landslide landslides mudslide mudslides avalanche avalanches"),
    "fire": wordset("fire fires blaze blazes wildfire wildfires inferno"),
    "explosion": wordset("explosion explosions blast blasts bombing bombings bomb bombs"),
    "crash": wordset("crash crashes crashed derailment derailed collision capsized sinking"),
    "crush": wordset("stampede stampedes crush"),
    "disease": wordset("epidemic epidemics outbreak outbreaks cholera pandemic disease"),
    "hunger": wordset("famine famines drought droughts starvation"),
}
CAUSE_OF_EVENT = {"executed": "violence", "massacred": "violence"}
# "opened fire on the crowd" is shooting, not a fire.
NOT_A_CAUSE = r"\b(open|opened|opening|opens)\s+fire\b"

# "identified" beats "dead" in "412 of the dead have been identified" wherever it sits in the clause.
SUBSET_EVENTS = frozenset({"identified"})

# What is counted: people in general are one class (people, victims, prisoners, the dead, a
# toll: the same count in other words); a demographic part of them (children, women) is another
# quantity.
PERSONS = wordset("""
    people persons person victims victim dead deaths death lives life bodies body casualties fatalities
    prisoners prisoner inmates inmate detainees detainee civilians civilian residents villagers individuals
    souls miners miner workers worker protesters protester demonstrators soldiers passengers members men
    toll tolls executions killings""")
SUBSETS = wordset("children child women woman girls boys minors students babies")

# Words that make a figure a part of the total rather than the total ("the hospital alone ...").
PARTIAL = r"\b(alone|in the first|so far|to date)\b"
# "of them" makes a part only right after the number: "40 of them were children", not "three
# engineers, all of them employed by the state".
PART_OF = r"^\s*(of|among) (them|the dead|the victims|those)\b"
INCLUDING = r"\b(including|among them|of whom|of them)\s*$"

# Wording that says a figure replaces an earlier one: "the toll has risen to 16".
UPDATE = (r"\b(rose|risen|rises|rising|climbed|climbs|increased|increases|jumped|grew|grown|reached|reaches|"
          r"revised|updated|raised|now stands|stood at|has passed|passed|new toll|latest toll|latest figure|"
          r"updated toll|fell|fallen|dropped|lowered)\b")

# A year that names a document, a season or a term rather than when the counted event happened:
# "the annual report for 1989", "its 2019 report", "the 2020 budget". Matched on the folded words
# just before and just after the year.
YEAR_OF_RECORD = wordset("""
    report reports review survey surveys budget budgets census yearbook season campaign election elections
    study studies plan statement statements figures statistics edition issue accounts""")

# Wording just before a place that makes it where something was said, not where the counted
# event happened: "told reporters in Paris", "said at a news conference in Geneva".
SETTING = (r"\b(told|said|says|speaking|spoke|addressing|addressed|announced|briefing|reporters|journalists|"
           r"conference|interview|rally|summit|visit|visiting)\b(?:(?!\bthat\b)[^.!?,]){0,25}\b(in|at)\s+(the\s+)?$")
