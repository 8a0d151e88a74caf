"""What resolve reads to class a claim: the event that happened to what is counted, and what is counted."""

from __future__ import annotations

from . import wordset

# Words that name what happened to the counted; the first class found nearest the number wins,
# except that "identified" beats "dead" in "412 of the dead have been identified" (a different
# quantity: the named dead, a lower bound of the toll, not the toll).
EVENT_CLASSES: dict[str, frozenset[str]] = {
    "identified": wordset("identified identify named identification"),
    "death": wordset("""
        killed kill killing executed execute execution died die dead death massacre massacred drowned drown
        hanged hanging slain murdered murder perished victim toll fatality fatalities lives body bodies buried
        shot deceased casualty casualties lost slaughtered exterminated purge"""),
    "injury": wordset("injured wounded hurt injury injuries maimed"),
    "missing": wordset("missing disappeared unaccounted disappearance"),
    "displaced": wordset("displaced homeless evacuated fled refugee refugees evacuee"),
    "arrest": wordset("arrested detained jailed imprisoned detention arrest held detainee"),
    "composition": wordset("committee commission panel board council tribunal delegation jury"),
    "construction": wordset("built build rebuilt construct constructed home homes houses"),
}
MULTIWORD_EVENTS = {"put to death": "death", "lost their lives": "death", "death toll": "death",
                    "went missing": "missing"}

# What is counted: people in general are one class (people, victims, prisoners, the dead: the
# same toll in other words); a demographic part of them (children, women) is another quantity.
PERSONS = wordset("""
    people persons person victims victim dead deaths death lives life bodies body casualties fatalities
    prisoners prisoner inmates inmate detainees detainee civilians civilian residents villagers individuals
    souls miners miner workers worker protesters protester demonstrators soldiers passengers members men""")
SUBSETS = wordset("children child women woman girls boys minors students babies")

# Words that make a figure a part of the total rather than the total ("the hospital alone ...").
PARTIAL = r"\b(alone|in the first|so far|to date)\b"
# "of them" makes a part only right after the number: "40 of them were children", not "three
# engineers, all of them employed by the state".
PART_OF = r"^\s*(of|among) (them|the dead|the victims|those)\b"
INCLUDING = r"\b(including|among them|of whom|of them)\s*$"
