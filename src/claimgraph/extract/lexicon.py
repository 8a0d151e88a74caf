"""Words that introduce an attribution in news writing, grouped by the frame they open.

The frame decides where the attributed content lies relative to the cue:
- SPEECH verbs take a clause ("X said (that) ...", "..., X said") or a quotation.
- COGNITION verbs take a clause too, but report a belief, not an utterance (kind "belief").
- STANCE verbs report a position through their object ("X criticised the plan as ..."): kind
  "stance", like a speech verb whose object is only a topic ("X discussed the budget").
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
    "talk": frozenset({"about", "up"}),
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
    "vote": frozenset({"for", "against"}),
}

# Speech verbs whose direct object is what was said ("announced a plan", "denied the report").
TAKES_OBJECT: frozenset[str] = words(
    """
    announce propose cite offer mention discuss question deny reveal recall acknowledge stress
    express release list unveil outline detail predict estimate confirm promise pledge vow demand
    seek dispute reiterate repeat echo tout highlight emphasize emphasise criticize criticise
    suggest recommend bemoan lament chant decry implore want share publish show tweet retweet post report note
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
    admission complaint praise condemnation rejection hope fear doubt prediction mention comment
    remark reference allegation
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


# Common nouns that name someone who can speak: people by role and groups that act as one. Nouns
# ending like an agent ("-er", "-ist", "-ian" ...) are taken without being listed (see
# speakers.is_agent); these are the rest, and the frequent ones. A subject outside them ("the
# time has come to ...", "her speeches emphasise", "the real figure") is not a speaker.
AGENT_NOUNS: frozenset[str] = words(
    """
    people person man woman men women child children family families parent mother father son daughter
    wife husband brother sister friend neighbour neighbor resident citizen voter public crowd audience
    official officer aide adviser advisor staff staffer spokesman spokeswoman spokesperson representative
    president minister secretary senator governor mayor chief head chair chairman chairwoman chairperson
    director executive ceo founder owner candidate nominee incumbent challenger politician lawmaker
    legislator congressman congresswoman delegate diplomat ambassador envoy consul king queen prince
    princess monarch emperor cleric imam mullah ayatollah priest pastor bishop pope rabbi sheikh leader
    general colonel captain sergeant lieutenant commander admiral soldier troops army navy police
    militia guard prosecutor judge justice jury lawyer attorney counsel defendant plaintiff witness
    victim survivor suspect prisoner detainee inmate refugee migrant immigrant activist campaigner
    protester protestor demonstrator critic supporter opponent ally rival enemy expert analyst
    economist scientist researcher scholar academic professor doctor physician nurse surgeon
    psychologist historian journalist reporter correspondent editor columnist commentator author
    writer blogger host anchor pollster strategist consultant operative lobbyist donor contributor
    investor banker trader worker employee employer union member members membership group
    organisation organization association coalition alliance federation league movement party
    government administration cabinet ministry department agency authority authorities office bureau
    commission committee council board panel court parliament congress senate assembly legislature
    caucus regime state states country countries nation nations city county province region
    company firm corporation business businesses bank fund group giant maker manufacturer retailer
    network station newspaper paper outlet media press magazine channel website site campaign team
    club church mosque school university college institute foundation charity hospital clinic
    source sources insider insiders observer observers participant participants student students
    teacher teachers farmer farmers owner owners landlord tenant tenants patient patients fan fans
    player players coach athlete actor actress singer artist star celebrity everyone everybody anyone
    anybody someone somebody nobody many most some others majority minority republicans democrats
    conservatives liberals progressives both all few several percent respondents architect mate mogul
    tycoon magnate surrogate boss lady gentleman veteran ex hopeful guy kid teen girl boy mom dad
    premier sheriff mp mps mla mlas colleague colleagues clergy
    """
)

# Written or recorded things that speak for their authors: "the report says", "a poll found".
DOCUMENT_NOUNS: frozenset[str] = frozenset(MEDIA) | words(
    """
    poll survey study analysis research data figures numbers records record review investigation
    audit inquiry probe assessment estimate estimates forecast projection report reports paper
    website page footage transcript minutes constitution law act treaty agreement charter
    guidelines rules regulation regulations proposal platform manifesto verdict
    judgment judgement decision indictment complaint affidavit warrant summary notice sign banner
    headline caption label note notes tweet tweets posts messages emails letters cables documents
    slide clip story brief spot ad piece chart graphic map film documentary show programme program
    episode segment finding findings
    """
)

# Adjectives (and adjectival participles, by their form) that attribute a state of mind to their
# subject, with its content after them: "is confident that ...", "remains wary of ...", "was
# eager to ...". Kind "belief".
ATTITUDES: frozenset[str] = words(
    """
    aware unaware confident convinced certain sure unsure uncertain hopeful optimistic pessimistic
    skeptical sceptical doubtful worried concerned afraid fearful anxious nervous eager willing
    unwilling reluctant determined keen adamant insistent wary leery glad happy unhappy pleased
    proud sorry disappointed frustrated angry upset outraged furious satisfied dissatisfied impressed
    unimpressed shocked surprised enthusiastic excited thrilled grateful thankful appreciative
    interested cautious comfortable uncomfortable intent resigned bent committed
    mindful conscious uneasy alarmed troubled disturbed dismayed embarrassed ashamed annoyed irritated
    """
)

# Adjectives that attribute a position towards their object: "was critical of the plan", "is
# opposed to the tower", "has been vocal about ...". Kind "stance".
POSITIONS: frozenset[str] = words(
    """
    critical supportive opposed dismissive sympathetic unsympathetic hostile receptive favorable
    favourable vocal outspoken enamored enamoured fond scornful contemptuous protective
    """
)

# Verbs that link a subject to such an adjective: "is", "remains", "seemed", "grew".
COPULAS: frozenset[str] = words("be seem appear remain become feel sound grow stay look get")
