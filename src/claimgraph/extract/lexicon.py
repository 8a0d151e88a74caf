"""Words that introduce an attribution in news writing, grouped by the frame they open.

The frame decides where the attributed content lies relative to the cue:
- SPEECH verbs take a clause ("X said (that) ...", "..., X said") or a quotation.
- COGNITION verbs take a clause too, but report a belief, not an utterance (kind "belief").
- STANCE verbs report a position through their object ("X criticised the plan as ...").
- INTENT verbs report a wish or commitment through an infinitive ("X wants to ...").
Lemmas are spaCy's (lower case).
"""

from __future__ import annotations


def words(block: str) -> frozenset[str]:
    """A set of words from a block of text: lexicons read better as prose than as lists."""
    return frozenset(block.split())


SPEECH: frozenset[str] = words(
    """
    say tell add write note report argue announce explain claim tweet state declare insist warn
    acknowledge admit suggest reveal confirm deny predict recall remind reply respond answer assert
    allege concede stress emphasize emphasise reiterate repeat comment remark mention complain boast
    brag joke quip observe testify ask wonder question urge promise vow pledge threaten estimate
    chant shout yell scream post email text read quote cite caution contend counter charge retort
    lament bemoan implore concur disclose affirm assure inform notify advise propose recommend demand order instruct
    declare proclaim predict forecast speculate hint imply indicate signal show find demonstrate
    conclude continue muse snap plead acknowledge confess agree disagree thunder whisper mutter
    exclaim grumble interject elaborate clarify specify swear guarantee maintain reason hold
    highlight point outline describe call label dub brand term characterize characterise portray
    confide exhort admonish scoff opine gush rave vent marvel fume sigh cry bark roar lecture
    """
)

COGNITION: frozenset[str] = words(
    """
    believe think feel know expect hope fear worry suspect assume doubt consider
    reckon imagine guess remember realize realise recognize recognise learn conclude decide
    trust presume sense wish want prefer intend plan aim see view regard seem appear
    """
)

# Verbs whose object (and what follows it) is the attributed position.
STANCE: frozenset[str] = words(
    """
    criticize criticise praise endorse support oppose defend reject dismiss denounce condemn
    slam blast mock ridicule thank applaud welcome tout back favor favour accuse blame attack
    challenge question dispute decry assail rip deride lambaste berate chide scold hail laud
    commend embrace champion advocate liken encourage
    """
)

INTENT: frozenset[str] = words(
    """
    want plan hope seek refuse decline promise vow pledge threaten aim intend agree decide
    urge ask demand push wish vote offer
    """
)

# Verb + particle/preposition pairs whose object is the content ("called for", "pointed out").
PHRASAL: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on", "upon"}),
    "point": frozenset({"out", "to"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of", "out"}),
    "refer": frozenset({"to"}),
    "push": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "warn": frozenset({"of", "about", "against"}),
    "complain": frozenset({"about", "of"}),
    "comment": frozenset({"on"}),
    "insist": frozenset({"on"}),
    "focus": frozenset({"on"}),
    "rail": frozenset({"against"}),
    "advocate": frozenset({"for"}),
    "press": frozenset({"for"}),
    "lash": frozenset({"out"}),
    "weigh": frozenset({"in"}),
    "ask": frozenset({"about", "for"}),
    "tell": frozenset({"about", "of"}),
    "write": frozenset({"about", "of"}),
    "think": frozenset({"about", "of"}),
    "worry": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "testify": frozenset({"about", "on"}),
    "agree": frozenset({"with", "on"}),
    "express": frozenset({"concern", "support", "opposition"}),
}

# Speech verbs whose direct object is what was said ("announced a plan", "denied the report").
TAKES_OBJECT: frozenset[str] = words(
    """
    announce propose cite offer mention discuss question deny reveal recall acknowledge stress
    express release list unveil outline detail predict estimate confirm promise pledge vow demand
    seek dispute reiterate repeat echo tout highlight emphasize emphasise criticize criticise
    suggest recommend bemoan lament chant decry implore want share publish
    """
)

# Cognition verbs that take an object and its description ("sees the deal as a mistake").
AS_OBJECT: frozenset[str] = words("see view regard consider describe portray cast")

# Every verb lemma that can open an attribution, for callers that only need to know whether.
VERBS: frozenset[str] = SPEECH | COGNITION | STANCE | INTENT | TAKES_OBJECT | AS_OBJECT | frozenset(PHRASAL)

# Nouns that carry an attribution when someone owns them ("her support for", "his claim that").
NOUN_CUES: frozenset[str] = words(
    """
    criticism opposition call attack question claim promise plan proposal pledge warning
    assertion accusation suggestion argument belief view vow endorsement insistence denial
    admission complaint praise condemnation rejection hope fear doubt prediction
    """
)

# Nouns that name what was said: "in a statement", "the report says".
MEDIA: dict[str, str] = {
    w: w
    for w in words("""
    interview sermon letter decree statement report tweet post speech address briefing memo
    email op-ed editorial column essay book article broadcast podcast video message release
    testimony filing lawsuit ruling order fatwa announcement remarks comments debate rally
    resolution bill motion petition ad advertisement document
    """)
}
MEDIA.update({"press conference": "press conference", "news conference": "news conference",
              "conference call": "conference call", "facebook post": "facebook post",
              "blog post": "blog post", "op ed": "op-ed", "remark": "remarks", "comment": "comments"})

