"""PLOVER events: triggers from the lexicon (triggers.tsv), arguments from the dependency parse.

A verb trigger takes its actor from its subject (climbing xcomp, conj, relative and participle
clauses; the agent of a passive) and its recipient from the first argument slot of its lexicon
entry that names an actor (object, or a preposition's object). A noun trigger takes its actor
from a possessor, a nationality modifier, a "by" phrase or the subject of a light verb
("launched strikes", "imposed sanctions"), and its recipient from its prepositions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.actors import NON_STATE, Mention, role_of, state_mention
from newsgraph.extract.quantities import unit
from newsgraph.extract.resolve import focus_country
from newsgraph.lexicon import (
    DEFAULT_SLOTS,
    LightVerb,
    Trigger,
    gazetteer,
    lemma_of,
    light_verbs,
    triggers,
    word_classes,
)
from newsgraph.record import Quantity

STATE_PREPS = {"on", "for", "in"}  # an event noun a light verb takes through a preposition
ONE_SIDED = {"MOBILIZE", "RETREAT", "REJECT"}  # moving forces, a resignation, a denial
VAGUE_SIDES = {"western", "foreign", "international", "unknown", "unidentified", "arab", "muslim"}
AUTHORITY_MODES = {"arrest", "seize", "ban", "deport", "allege", "convict", "release", "investigate"}
DOMESTIC_MODES = {"arrest", "seize", "restrict", "ban", "censor", "curfew", "deport"}
RECIPROCAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
OBJECT_CONTROL = {
    "urge",
    "ask",
    "force",
    "allow",
    "order",
    "call",
    "tell",
    "persuade",
    "encourage",
    "invite",
    "help",
    "pressure",
    "press",
    "warn",
    "compel",
    "authorize",
    "permit",
}
RELATIVE = {"WDT", "WP", "WP$"}
OBJECT_DOES_PREPS = {"of", "for", "from", "into", "with"}  # "accused X of", "blamed X for", "stopped X from"
SUBJECT_DEPS = {"nsubj", "csubj"}
EXAMPLE_PREPS = {"like", "including", "as"}  # "countries like Poland", "such as"
EVENT_NOUN_PREPS = {"against", "on", "from", "with", "between", "by"}
GOVERNOR_PREPS = {"of", "including", "for", "like", "as"}  # noun -> the noun it belongs to


@dataclass
class Candidate:
    type: str
    mode: str | None
    trigger: Token
    actors: list[Mention]
    recipients: list[Mention]
    evidence: str
    confidence: float
    status: str = "asserted"
    according_to: list[Mention] = field(default_factory=list)
    time: dict[str, Any] | None = None
    place: dict[str, Any] | None = None
    quantities: list[Quantity] = field(default_factory=list)


def elliptical_count(token: Token) -> bool:
    """ "more", "other", "another" after a number: it counts what a number before counted
    (the `inherit` rows of units.tsv, which the quantities read the same way)."""
    return unit(token.lemma_.lower(), "inherit") is not None


class Arguments:
    """Finds the actor mentions a token stands for: itself, its conjuncts, its antecedent,
    or (for a noun that is no actor, such as "Russia's war efforts") its possessor or
    nationality."""

    def __init__(
        self, mentions: list[Mention], antecedents: dict[int, list[Mention]], markers: dict[int, str]
    ) -> None:
        self.by_head = {m.head: m for m in mentions}
        self.by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        self.antecedents = antecedents
        self.markers = markers
        self.proxies = word_classes()["proxy"]
        self.wrongdoing = word_classes()["wrongdoing"]
        self.focus = focus_country(mentions, markers)

    def local_country(self, token: Token) -> str | None:
        """The country whose authorities act where nothing names them: a town or state named in
        the sentence, else the article's country of focus."""
        for t in token.sent:
            m = self.by_head.get(t.i)
            if m is not None and m.key.startswith("place:") and m.country not in NON_STATE:
                return m.country
        return self.focus

    def of(self, token: Token | None) -> list[Mention]:
        if token is None:
            return []
        out: list[Mention] = []
        # "North and South Korea": the elliptical first state hangs on the shared name
        elliptical = [c for c in token.children if c.dep_ == "nmod" and c.i in self.by_head and c.conjuncts]
        for t in [token, *token.conjuncts, *elliptical]:
            for m in self._one(t, depth=0):
                if m not in out:
                    out.append(m)
        return out

    def _one(self, t: Token, depth: int) -> list[Mention]:
        if t.i in self.by_head:
            return [self.by_head[t.i]]
        if t.i in self.antecedents:
            return self.antecedents[t.i]
        if t.i in self.by_token:
            return [self.by_token[t.i]]
        if t.tag_ in RELATIVE and t.head.dep_ == "relcl":
            return self._one(t.head.head, depth)
        if depth == 0 and (t.pos_ == "NUM" or t.like_num) and any(elliptical_count(c) for c in t.children):
            return self.counted_before(t)  # "rescued 700 migrants, and the navy saved 200 more"
        if depth > 1 or t.pos_ not in {"NOUN", "PROPN"}:
            return []
        for child in t.children:
            if child.dep_ == "poss":
                return self._one(child, depth + 1)
        for child in t.children:
            if child.dep_ in {"amod", "compound"} and child.i in self.markers:
                return [self.state(self.markers[child.i], child)]
            if child.dep_ == "compound" and child.i in self.by_head:
                return [self.by_head[child.i]]  # "a U.N. Security Council resolution"
        if t.lemma_.lower() in self.proxies:  # "a police convoy", "an army base": the force it serves
            found = [self.role(c) for c in t.children if c.dep_ == "compound" and role_of(c) is not None]
            if found:
                return found[:1]
        # "countries like Poland", "the government of Iraq", "the involvement of North Korean forces",
        # "sanctions against Nigeria", "an appeal from the president"
        preps = EXAMPLE_PREPS | ({"of", "in"} if t.lemma_.lower() in self.proxies else set())
        if any(c.lower_ in {"former", "ex"} for c in t.children):
            preps -= {"of", "in"}  # "former members of the church" no longer act for it
        if lookup(t) is not None:
            preps |= EVENT_NOUN_PREPS
        if t.lemma_.lower() in self.wrongdoing:  # "investigating war crimes by extremists"
            preps |= {"by"}
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found = [
                    m for obj in child.children if obj.dep_ == "pobj" for m in self.of_all(obj, depth + 1)
                ]
                if found:
                    return found
        # "a plan backed by the Red Cross", "the bill drafted by the opposition": whose it is
        for child in t.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    found = [
                        m for obj in agent.children if obj.dep_ == "pobj" for m in self.of_all(obj, depth + 1)
                    ]
                    if found:
                        return found
        return []

    def counted_before(self, t: Token) -> list[Mention]:
        """The people an elliptical count ("200 more") counts: the nearest noun before it in its
        sentence that carries a number of its own and names an actor."""
        for before in reversed(t.doc[t.sent.start : t.i]):
            if before.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in before.children):
                found = self._one(before, 1)
                if found:
                    return found
        return []

    def of_all(self, t: Token, depth: int) -> list[Mention]:
        return [m for c in [t, *t.conjuncts] for m in self._one(c, depth)]

    def role(self, token: Token) -> Mention:
        """A role noun that modifies another ("police" in "a police convoy") as the actor it
        names, of the country its sentence or the article is about."""
        kind, sector = role_of(token) or ("group", None)
        country = self.markers.get(token.i - 1) or self.local_country(token)
        lemma = token.lemma_.lower()
        return Mention(
            token.i,
            token.i + 1,
            token.i,
            token.text,
            kind,
            country,
            sector,
            lemma,
            f"role:{lemma}:{country}:{sector}",
            "role noun modifying a place or convoy",
        )

    def state(self, country: str, token: Token) -> Mention:
        return state_mention(country, token.i, "nationality modifier")


def subject(verb: Token) -> Token | None:
    """The token that does what `verb` says, following control and clause structure."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "xcomp":
        if head.lemma_ in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            # "was forced to resign", "were ordered to withdraw": the passive subject is to act
            passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive
        return subject(head)
    if verb.dep_ in {"acomp", "attr", "oprd"}:
        return subject(head)  # "is willing to withdraw", "is prepared to lift"
    if verb.dep_ == "conj":
        # "was indicted by the court and will resign": the passive subject does the second act
        passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and not any(c.dep_ == "auxpass" for c in verb.children):
            return passive
        return subject(head)
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBG":
        # "allegations of North Korea transferring missiles": the of-phrase is the doer
        of = next(
            (
                o
                for p in head.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj" and o.i < verb.i
            ),
            None,
        )
        return of if of is not None and head.pos_ == "NOUN" else head
    if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner  # "Honcharuk's offer to resign", "its plan to withdraw"
        if head.dep_ == "dobj" and head.head.pos_ == "VERB":
            return subject(head.head)  # "took decisive action to protect", "made efforts to free"
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "accused North Korea of swapping aid": the object of the governing verb does it; not
        # "retaliated by firing", "perpetrated such action as firing" (the subject does)
        governor = head.head
        obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
        if obj is not None and governor.pos_ == "VERB" and head.lower_ in OBJECT_DOES_PREPS:
            return obj
        return subject(governor) if governor.pos_ == "VERB" else None
    if verb.dep_ == "advcl" and (
        verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        found = subject(head)  # ", providing $64 billion"; "transferring missiles to aid Russia"
        if found is None and verb.tag_ != "VBG":
            # "was given files to build a case": the passive subject is to do it
            found = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return found
    return None


def is_passive(token: Token) -> bool:
    return (
        any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or shared_passive(token) is not None
    )


def shared_passive(verb: Token) -> Token | None:
    """The passive subject a participle shares with the passive verb it is conjoined to
    ("he was interrogated by a lawyer and then arrested": he was arrested)."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or verb.head.i == verb.i:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children):
        return None
    head = verb.head
    if not any(c.dep_ == "auxpass" for c in head.children):
        return None
    return next((c for c in head.children if c.dep_ == "nsubjpass"), None)


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def prep_objects(token: Token, prep: str) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == prep:
            for obj in child.children:
                if obj.dep_ in {"pobj", "pcomp"}:
                    yield obj


def direct_object(verb: Token) -> Token | None:
    for dep in ("dobj", "dative"):
        for child in verb.children:
            if child.dep_ == dep:
                return child
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBN":
        return verb.head
    return None


def trigger_keys(token: Token) -> list[str]:
    """Lexicon keys for a token: phrasal ("crack_down", "call_for", "air_strike") first."""
    lemma = lemma_of(token)
    keys = []
    for child in token.children:
        if child.dep_ in {"prt", "prep"}:
            keys.append(f"{lemma}_{child.lower_}")
        if child.dep_ == "prep" and child.lower_ == "of":  # "state of emergency"
            keys += [f"{lemma}_of_{o.lemma_.lower()}" for o in child.children if o.dep_ == "pobj"]
        if child.dep_ in {"compound", "amod"}:  # "hunger strike", "martial law"
            keys.append(f"{child.lower_}_{lemma}")
    keys.append(lemma)
    return keys


def lookup(token: Token) -> tuple[str, list[Trigger]] | None:
    """The lexicon rows for a token (its most specific key that has any)."""
    pos = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(token.pos_)
    if pos is None:
        return None
    table = triggers()
    for key in trigger_keys(token):
        found = table.get((key, pos))
        if found:
            return key, found
    return None


def political(m: Mention) -> bool:
    """States, office holders, forces and national groups: actors of politics, not passers-by
    or companies."""
    if m.sector == "BUS" or m.country == "MNC":
        return False
    return (
        m.kind == "state"
        or m.sector is not None
        or m.country in {"IGO", "NGO"}
        or (m.kind == "group" and m.country is not None)
    )


def business_only(actors: list[Mention], recipients: list[Mention]) -> bool:
    """A deal or dispute between companies is commerce, not politics."""
    sides = actors + recipients
    return bool(sides) and all(m.sector == "BUS" or m.country == "MNC" for m in sides)


def has_complement(token: Token) -> bool:
    """ "agreed to talks", "agreed that ...", not "agreed with her"."""
    return any(
        c.dep_ in {"xcomp", "ccomp", "dobj"} or (c.dep_ == "prep" and c.lower_ in {"to", "on", "upon"})
        for c in token.children
    )


@dataclass
class SenseContext:
    """What the sense checks of triggers.tsv look at for one trigger occurrence."""

    trigger: Token
    args: Arguments
    actors: list[Mention]
    recipients: list[Mention]

    @property
    def obj(self) -> Token | None:
        """The verb's object; for a passive, its subject ("he was released": who is freed)."""
        if self.trigger.pos_ != "VERB":
            return None
        found = direct_object(self.trigger)
        if found is None:
            found = next((c for c in self.trigger.children if c.dep_ == "nsubjpass"), None)
        return found

    @property
    def obj_lemmas(self) -> set[str]:
        objs = [self.obj, *self.obj.conjuncts] if self.obj is not None else []
        # "lifted a state of emergency": the of-phrase names what the object is
        objs += [
            o
            for t in objs
            for p in t.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        # "suspended aid deliveries", "a military aid program": a compound names the goods
        objs += [c for t in objs for c in t.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        return {t.lemma_.lower() for t in objs}

    @property
    def subj_lemmas(self) -> set[str]:
        subj = subject(self.trigger) if self.trigger.pos_ == "VERB" else None
        return {t.lemma_.lower() for t in ([subj, *subj.conjuncts] if subj is not None else [])}


def _obj_is(ctx: SenseContext, value: str) -> bool:
    if value == "actor":
        return bool(ctx.args.of(ctx.obj))
    if value == "person":
        return bool(ctx.obj_lemmas & word_classes()["person"]) or any(
            m.kind in {"person", "group"} for m in ctx.args.of(ctx.obj)
        )
    return bool(ctx.obj_lemmas & word_classes()[value])


def _obj_is_not(ctx: SenseContext, value: str) -> bool:
    if value == "any":
        return ctx.obj is None
    return not ctx.obj_lemmas & word_classes()[value]


def _actors_are(ctx: SenseContext, value: str) -> bool:
    if value == "political":  # someone of politics takes part, and no side is a company
        sides = ctx.actors + ctx.recipients
        return any(political(m) for m in sides) and not any(m.sector == "BUS" for m in sides)
    # civilian: "protesters blocked roads" is a protest, not coercion
    return bool(ctx.actors) and all(m.kind == "group" and m.sector in {None, "CVL"} for m in ctx.actors)


def _not_from(ctx: SenseContext, value: str) -> bool:
    """ "released from hospital": the from-phrase names a place of care, not of custody."""
    sources = [o for o in prep_objects(ctx.trigger, "from")]
    return not {o.lemma_.lower() for o in sources} & word_classes()[value]


TIME_ENTS = {"DATE", "TIME", "CARDINAL", "QUANTITY"}


def _verbal(ctx: SenseContext, _: str) -> bool:
    """Attacking with words ("criticised"): "attacked the plan", "attacked him for/as ...",
    "attacked X in a speech", "the magazine attacked X"."""
    classes = word_classes()
    verb = ctx.trigger
    reasons = [
        o
        for o in [*prep_objects(verb, "for"), *prep_objects(verb, "as")]
        if o.pos_ != "NUM" and o.ent_type_ not in TIME_ENTS and o.lemma_.lower() not in {"part", "result"}
    ]
    if reasons:  # "attacked him for his remarks", not "attacked for three hours"
        return True
    if any(o.lemma_.lower() in classes["speech"] for o in prep_objects(verb, "in")):
        return True
    obj = ctx.obj
    if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() in classes["policy"]:
        return True
    return bool(ctx.subj_lemmas & classes["media"])


def causes(trigger: Token) -> list[Token]:
    """What an act of harm is done by, when it may be no one: its subject, a passive's agent,
    the object of "in"/"from" ("killed in a fire", "died from the virus")."""
    found: list[Token] = []
    if trigger.pos_ == "VERB":
        subj = subject(trigger)
        found += [subj, *subj.conjuncts] if subj is not None else []
        for prep in trigger.children:
            if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in {"in", "from", "by"}):
                found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def cause_lemmas(trigger: Token) -> set[str]:
    return {t.lemma_.lower() for t in causes(trigger)}


def owned(noun: Token) -> bool:
    """A noun whose own words say whose it is ("a US airstrike", "Israel's raid", "police
    killing"): not an unattributed act."""
    if noun.dep_ == "dobj" and subject(noun.head) is not None:
        return True  # "Iran launched missiles targeting ...": whoever launched them
    return any(
        t.i < noun.i and (t.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} or t.dep_ == "poss" or role_of(t))
        for t in noun.subtree
    )


def unattributed(trigger: Token) -> bool:
    """An attack that names no one behind it: a bomb, a blast, gunfire or an attack as its
    cause ("a roadside bomb killed", "killed in a car bomb explosion"), or an attack noun with
    no owner ("rocket attacks on the embassy"). A bare "was killed" may be an accident: not one."""
    attack = word_classes()["attack"] | word_classes()["weapon"]
    if trigger.pos_ != "VERB":
        return trigger.lemma_.lower() in word_classes()["attack"] and not owned(trigger)
    found = [t for t in causes(trigger) if t.lemma_.lower() in attack]
    return bool(found) and not any(owned(t) for t in found)


SENSES: dict[str, Callable[[SenseContext, str], bool]] = {
    "nocause": lambda ctx, value: not cause_lemmas(ctx.trigger) & word_classes()[value],
    "verbal": _verbal,
    "nofrom": _not_from,
    "obj": _obj_is,
    "noobj": _obj_is_not,
    "subj": lambda ctx, value: bool(ctx.subj_lemmas & word_classes()[value]),
    "actor": _actors_are,
    "governed": lambda ctx, _: light_verb_of(ctx.trigger) is not None,
    "recipient": lambda ctx, _: bool(ctx.recipients),
    "object": lambda ctx, _: ctx.obj is not None,
    "subject": lambda ctx, _: any(c.dep_ == "nsubj" for c in ctx.trigger.children),
    "complement": lambda ctx, _: has_complement(ctx.trigger),
    "intent": lambda ctx, _: cooperative_complement(ctx.trigger) is not None,
}


# Acts whose announced intent is an AGREE (CAMEO 03x "express intent to cooperate": to provide
# aid, yield, de-escalate, meet or negotiate, settle): "ready to host talks", "willing to withdraw".
COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def cooperative_complement(token: Token) -> Token | None:
    """The to-infinitive complement of an intent word that is itself a cooperative trigger
    ("willing to withdraw", "agreed to resign"), if any."""
    for child in token.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            found = lookup(child)
            if found is not None and found[1][0].type in COOPERATIVE_TYPES:
                return child
    return None


def senses_hold(trigger: Trigger, ctx: SenseContext) -> bool:
    """All sense constraints of a lexicon row hold (see the header of triggers.tsv)."""
    for sense in trigger.senses:
        name, _, value = sense.partition("=")
        if not SENSES[name](ctx, value):
            return False
    return True


def verb_arguments(
    verb: Token, trigger: Trigger, args: Arguments
) -> tuple[list[Mention], list[Mention], str]:
    notes = []
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) or shared_passive(verb)
    if passive_subject is not None:
        actors = args.of(passive_agent(verb))
        if "obj" in trigger.recipient_slots:
            recipients = args.of(passive_subject)
            notes.append("passive: recipient=subject, actor=by-agent")
            return actors, recipients, "; ".join(notes)
        # The active verb's object is what is moved ("deployed troops to Belarus"), so the
        # passive subject is that, and the recipient is in the verb's frame ("to Belarus");
        # forces moved with no agent named act for their own side ("troops were deployed").
        notes.append("passive of a verb whose object is moved: recipient from its frame")
        if not actors:
            actors = args.of(passive_subject)
            if actors:
                notes.append(f"actor=the moved subject '{passive_subject.text}'")
        recipients = frame_recipients(verb, trigger.recipient_slots, args, actors, passive_subject, notes)
        return actors, recipients, "; ".join(notes)
    subj = subject(verb.head if verb.pos_ == "ADJ" and verb.dep_ == "acomp" else verb)
    actors = args.of(subj)
    if subj is not None:
        notes.append(f"actor=subject '{subj.text}'")
    # "agreed to hand over suspects to Britain": the complement's arguments name the recipient
    recipients = frame_recipients(verb, trigger.recipient_slots, args, actors, subj, notes)
    if trigger.type == "REQUEST":
        doers = demanded_doers(verb, args, actors)
        if doers:
            notes = [n for n in notes if not n.startswith("recipient=")]
            notes.append(f"recipient=who is to do the demanded act '{doers[0].name}'")
            return actors, doers, "; ".join(notes)
    for comp in (c for c in verb.children if c.dep_ == "xcomp"):
        if recipients:
            break
        found = lookup(comp)
        slots = found[1][0].recipient_slots if found else DEFAULT_SLOTS
        recipients = frame_recipients(comp, slots, args, actors, subj, notes)
    return actors, recipients, "; ".join(notes)


def demanded_doers(verb: Token, args: Arguments, actors: list[Mention]) -> list[Mention]:
    """Who is to act when a demand names an act as a noun: its by-agent ("demanded an apology
    by Tokyo"), or the of-phrase of an act one does oneself ("called for the withdrawal of
    Serbian forces", "demanded the resignation of the minister")."""
    nouns = [
        o for o in [direct_object(verb), *prep_objects(verb, "for")] if o is not None and o.pos_ == "NOUN"
    ]
    for noun in nouns:
        found = [m for o in prep_objects(noun, "by") for m in args.of(o)]
        rows = lookup(noun)
        one_sided = rows is not None and rows[1][0].type in ONE_SIDED - {"REJECT"}
        if not found and one_sided and rows is not None and "of" not in rows[1][0].recipient_slots:
            found = [m for o in prep_objects(noun, "of") for m in args.of(o)]
        found = [m for m in found if m not in actors]
        if found:
            return found
    return []


def complement_subjects(head: Token, args: Arguments) -> list[Mention]:
    """Who is to act in a that-clause: "demanded that the US cancel", "its demand that Israel
    ease restrictions"."""
    for child in head.children:
        if child.dep_ in {"ccomp", "acl"} and child.i > head.i:
            subj = next((c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.tag_ not in RELATIVE:
                return args.of(subj)
    return []


def frame_recipients(
    verb: Token,
    slots: tuple[str, ...],
    args: Arguments,
    actors: list[Mention],
    subj: Token | None,
    notes: list[str],
) -> list[Mention]:
    obj = direct_object(verb)
    for slot in slots:
        if slot in {OWN_SLOT, LOCAL_SLOT}:
            continue  # filled in find_events, when no other slot names anyone
        if slot == "obj":
            found = args.of(obj) if obj is not None and obj.i != (subj.i if subj is not None else -1) else []
        elif slot == "comp":
            found = complement_subjects(verb, args)
        else:
            heads = [verb] + ([obj, *obj.conjuncts] if obj is not None else [])
            found = [m for h in heads for o in prep_objects(h, slot) for m in args.of(o)]
        found = [m for m in found if m not in actors]
        if found:
            notes.append(f"recipient={slot} of '{verb.text}' '{found[0].name}'")
            return found
    return []


def noun_arguments(
    noun: Token, trigger: Trigger, args: Arguments
) -> tuple[list[Mention], list[Mention], str]:
    notes = []
    actors: list[Mention] = []
    recipients: list[Mention] = []
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None and "poss" in trigger.recipient_slots:
        recipients = args.of(poss)  # "his arrest": the possessor undergoes it
        notes.append(f"recipient=possessor '{poss.text}'")
    elif poss is not None:
        actors = args.of(poss)
        notes.append(f"actor=possessor '{poss.text}'")
    for child in noun.children:
        if child.dep_ in {"amod", "compound"} and child.i < noun.i and not paired_modifier(child):
            found = args.of(child) or (
                [args.state(args.markers[child.i], child)] if child.i in args.markers else []
            )
            if not found and child.lower_ in VAGUE_SIDES:
                found = [vague_mention(child)]  # "Western sanctions": a side the text leaves vague
            if not found:
                continue
            if actors:
                recipients = recipients or found
            else:
                actors = found
                notes.append(f"actor=modifier '{child.text}'")
    for agent in prep_objects(noun, "by"):
        actors = actors or args.of(agent)
    between = [m for o in prep_objects(noun, "between") for m in args.of(o)]
    if between and trigger.type in RECIPROCAL_TYPES | {"ASSAULT"}:
        notes.append("reciprocal: between")
        return (actors + [m for m in between if m not in actors]), [], "; ".join(notes)
    governor = governing_noun(noun)
    verb = governor.head
    light = light_verb_of(noun)
    if governor.dep_ == "attr" and verb.lemma_ == "be" and not actors:
        actors = args.of(subject(verb))  # "the U.S. has been a major source of military aid"
        notes.append(f"actor=subject of '{verb.text}'")
    elif light is not None:
        verb = light[0]
        role = light[1].subject
        holder = light_holder(verb, governor)
        if role == "actor" and not actors:
            actors = args.of(holder)
            notes.append(f"actor=subject of '{verb.text}'")
        elif role == "mutual" and not actors:
            actors = args.of(holder)
            notes.append(f"mutual: subjects of '{verb.text}' to each other")
            if len(actors) > 1:
                return actors, actors, "; ".join(notes)
        elif role == "recipient" and not recipients:
            recipients = args.of(holder)
            notes.append(f"recipient=subject of '{verb.text}'")
            if not actors:  # "faces sanctions from Australia", "received aid from Japan"
                actors = [m for h in (noun, verb) for o in prep_objects(h, "from") for m in args.of(o)]
    if not recipients:
        # "imposed sanctions on the Taliban": the preposition may hang on the light verb
        holders = [noun] + ([light[0]] if light is not None else [])
        for slot in trigger.recipient_slots:
            if slot in {"obj", "poss", OWN_SLOT, LOCAL_SLOT}:
                continue
            if slot == "comp":  # the that-clause may hang on the noun or on its verb
                holder_verb = [noun.head] if noun.dep_ == "dobj" else []
                found = [
                    m for h in [noun, *holder_verb] for m in complement_subjects(h, args) if m not in actors
                ]
            else:
                found = [
                    m for h in holders for o in prep_objects(h, slot) for m in args.of(o) if m not in actors
                ]
            if found:
                recipients = found
                notes.append(f"recipient={slot} '{found[0].name}'")
                break
    recipients = [m for m in recipients if m not in actors]
    partners = [m for o in prep_objects(noun, "with") for m in args.of(o)]
    if trigger.type in RECIPROCAL_TYPES and actors and partners and all(r in partners for r in recipients):
        # "our deals with Albania", "talks with Iran": a meeting or treaty has parties, not targets
        notes.append("reciprocal: with")
        return actors + [m for m in partners if m not in actors], [], "; ".join(notes)
    return actors, recipients, "; ".join(notes)


def light_holder(verb: Token, governor: Token) -> Token | None:
    """Who the light verb's event belongs to: its subject ("launched strikes"), the agent of
    a passive ("sanctions were imposed by"), or the passive subject when the noun is a state
    it was put in ("the army was placed on alert")."""
    if governor.dep_ == "nsubjpass":
        return passive_agent(verb)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if governor.dep_ == "pobj" and passive is not None:
        return passive
    return subject(verb)


def light_verb_of(noun: Token) -> tuple[Token, LightVerb] | None:
    """The light verb an event noun is the object of ("launched strikes"), if any."""
    governor = governing_noun(noun)
    verb = governor.head
    if governor.dep_ == "pobj" and verb.lower_ in STATE_PREPS:
        verb = verb.head  # "remained on alert", "braced for an attack", "are in contact with"
    elif governor.dep_ not in {"dobj", "nsubjpass"}:
        return None
    if verb.pos_ in {"VERB", "AUX"}:
        entry = light_verbs().get(lemma_of(verb))
        if entry is not None:
            return verb, entry
    return None


def inside_event_noun(noun: Token) -> bool:
    """The noun only spells out another trigger's event: "a treaty of friendship and
    cooperation", "agreed to a ceasefire with Bolivia" (the verb's event covers it)."""
    head = noun
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ != "pobj":
        return False
    governor = head.head.head
    if head.head.lower_ == "of" and lookup(governor) is not None:
        return True
    outer = lookup(governor) if governor.pos_ == "VERB" else None
    inner = lookup(noun)
    return (
        outer is not None
        and inner is not None
        and {t.type for t in outer[1]} & {t.type for t in inner[1]} != set()
    )


def in_proper_name(token: Token) -> bool:
    """ "the Vietnam War", "the Paris Agreement": a name, not a report of an event."""
    if token.ent_type_ in {"EVENT", "LAW", "WORK_OF_ART", "ORG", "FAC"} or token.pos_ == "PROPN":
        return True
    return token.is_title and token.i > token.sent.start


def vague_mention(token: Token) -> Mention:
    return Mention(
        token.i,
        token.i + 1,
        token.i,
        token.text,
        "group",
        None,
        None,
        None,
        f"vague:{token.lower_}",
        "vague side",
    )


def two_sided(c: Candidate) -> bool:
    """An interaction needs both sides, or parties acting together; a side may be vague (no
    country) but must be there. Moving one's own forces, stepping back and denying
    (MOBILIZE, RETREAT, REJECT) can stand alone, and so can agreeing to a cooperative act."""
    if c.type in ONE_SIDED:
        return True
    if c.type == "AGREE" and any(political(m) for m in c.actors) and cooperative_complement(c.trigger):
        return True  # a commitment to a cooperative act of one's own: "agreed to resign"
    return bool(c.actors) and (bool(c.recipients) or len(c.actors) > 1)


def paired_modifier(token: Token) -> bool:
    """ "the Russia-Ukraine war", "US-China talks": a hyphenated pair names both sides and no
    direction, so neither side is taken from it."""
    doc = token.doc
    return (token.i + 1 < len(doc) and doc[token.i + 1].text in {"-", "–"}) or (
        token.i > 0 and doc[token.i - 1].text in {"-", "–"}
    )


def governing_noun(noun: Token) -> Token:
    """Climb from an event noun to the phrase that governs it: through conjunctions
    ("sanctions and a blockade") and of/including/for phrases ("aid, including training for
    soldiers", "a source of military aid")."""
    current = noun
    for _ in range(4):
        if current.dep_ == "conj":
            current = current.head
        elif (
            current.dep_ == "pobj"
            and current.head.lower_ in GOVERNOR_PREPS
            and current.head.head.pos_ in {"NOUN", "PROPN"}
        ):
            current = current.head.head
        else:
            break
    return current


def domestic_target(c: Candidate) -> list[Mention]:
    """The implied target of an event that names none: an arrest, ban or curfew (or easing one)
    falls within the actor's own country; a protest is against the protesters' own government. Applied
    only where no fuller telling of the event in the article names a target."""
    if c.recipients or not c.actors:
        return []
    first = c.actors[0]
    if not first.country or first.country in NON_STATE:
        return []
    authority = first.kind == "state" or first.sector in {"GOV", "COP", "MIL", "JUD"}
    restriction = (
        (c.type == "COERCE" and c.mode in DOMESTIC_MODES)
        or c.type == "CONCEDE"
        or (c.type == "ASSAULT" and c.mode == "crowd-control")  # tear gas on a crowd: the state's own people
    )
    if any(
        t.dep_ in {"compound", "amod"} and t.lemma_.lower() in word_classes()["crossborder"]
        for t in c.trigger.children
    ):
        return []  # "a travel ban", "visa restrictions": on foreigners, not on its own people
    if restriction and authority:
        # its own people: a side of its own, not the state again
        return [implied_group("people of", first.country, c.trigger, "CVL", "the actor's own country")]
    if c.type == "PROTEST" and first.kind != "state":
        return [state_mention(first.country, c.trigger.i, "the protesters' own government")]
    return []


# Events whose nature implies a target the text may name elsewhere in the sentence: forces put
# on alert "in the West Bank after Palestinian unrest", a threat "to cut off power to X".
CONTEXT_TYPES = {"MOBILIZE", "THREATEN", "ASSAULT"}
CONTEXT_SECTORS = {"GOV", "MIL", "REB", "COP"}  # a side of a conflict: no newspaper, firm or passer-by


def sentence_sides(token: Token, args: Arguments) -> list[Mention]:
    """The actor mentions a sentence names, in order: mentions, the referents of its pronouns
    and descriptions, and the states its nationality words stand for."""
    sent = token.sent
    out: list[Mention] = []
    for t in sent:
        if t.i in args.by_head:
            found = [args.by_head[t.i]]
        elif t.i in args.antecedents:
            found = args.antecedents[t.i]
        elif t.i in args.markers and t.i not in args.by_token and t.dep_ in {"amod", "compound"}:
            found = [args.state(args.markers[t.i], t)]
        else:
            continue
        out += [m for m in found if m not in out]
    return out


def in_other_event(token: Token, trigger: Token) -> bool:
    """The token is an argument of another trigger verb, one that does not spell out the event's
    own complement ("recaptured by the state ..., in an operation supported by Russia"; not
    "threatened to cut off power to X")."""
    for _ in range(6):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ == "VERB":
            break
    else:
        return False
    if token.i == trigger.i or lookup(token) is None:
        return False
    while token.dep_ in {"xcomp", "ccomp", "conj"} and token.head.i != token.i:
        token = token.head
        if token.i == trigger.i:
            return False
    return True


def context_recipients(c: Candidate, args: Arguments, voices: list[tuple[int, int]]) -> list[Mention]:
    """The other side of an event that needs one and names none: the one country its sentence
    names besides the actors' own and the sources' ("Israeli troops remained on alert ... after
    Palestinian unrest" -> PSE). Nothing when the sentence names several or none."""
    if c.recipients or not c.actors or c.type not in CONTEXT_TYPES:
        return []
    own = {m.country for m in c.actors}
    if None in own or own & NON_STATE:
        return []
    taken = {m.key for m in c.actors + c.according_to}
    doc = c.trigger.doc

    def voiced(m: Mention) -> bool:
        start = doc[m.start].idx
        return any(a <= start < b for a, b in voices)

    others = [
        m
        for m in sentence_sides(c.trigger, args)
        if m.country
        and m.country not in own
        and m.key not in taken
        and (m.kind == "state" or m.sector in CONTEXT_SECTORS or m.country == "IGO")
        and not voiced(m)
        and not in_other_event(doc[m.head], c.trigger)
    ]
    if len({m.country for m in others}) != 1:
        return []
    return [min(others, key=lambda m: abs(m.head - c.trigger.i))]


ADVERSARY_KINDS = {"GOV", "MIL"}  # a state's government or forces: a side of an interstate conflict


def article_adversary(c: Candidate, candidates: list[Candidate]) -> list[Mention]:
    """The other side of a hostile act that names none anywhere in its sentence: the one
    country the article shows the actor's country in armed hostilities with (attacks, threats,
    deployments, either way round). "North Korea fired at the South ... North Korea said it
    would attack any loudspeakers" -> KOR. Nothing when the article shows none or several."""
    if c.recipients or not c.actors or c.type not in CONTEXT_TYPES:
        return []
    own = {m.country for m in c.actors}
    if len(own) != 1 or None in own or own & NON_STATE:
        return []
    if not all(m.kind == "state" or m.sector in ADVERSARY_KINDS for m in c.actors):
        return []
    (country,) = own
    sides: dict[str, Mention] = {}
    for o in candidates:
        if o is c or o.type not in CONTEXT_TYPES or not o.actors or not o.recipients:
            continue
        by = {m.country for m in o.actors}
        to = {m.country for m in o.recipients}
        if by == {country}:
            found = [m for m in o.recipients if m.country not in {country, None} | NON_STATE]
        elif to == {country}:
            found = [m for m in o.actors if m.country not in {country, None} | NON_STATE]
        else:
            continue
        for m in found:
            if m.kind == "state" or m.sector in ADVERSARY_KINDS:
                sides.setdefault(m.country or "", m)
    if len(sides) != 1:
        return []
    return list(sides.values())


def implied_group(what: str, country: str, token: Token, sector: str | None, rule: str) -> Mention:
    """A side the text implies but does not name, as a group of a country: "unidentified
    attackers (Iraq)" for a bomb no one is named for (PLOVER codes it to where it happened),
    "protesters (Iran)" for protests no one is named for, "people of Chile" for a curfew."""
    name = f"{what} {gazetteer().country_names.get(country, country)}"
    key = f"{what.split()[0]}:{country}"
    return Mention(
        token.i, token.i + 1, token.i, name, "group", country, sector, None, key, rule, plural=True
    )


CROWD_MODES = {"demo", "riot"}  # protest modes that are crowds in the street


LOCAL_SLOT = "local"  # triggers.tsv: no one named, the authorities where it happens
OWN_SLOT = "own"  # triggers.tsv: a post named but no body, the actor's own country (domestic acts)
POST_DEPS = {"dobj", "attr"}


def names_a_post(trigger: Token) -> bool:
    """ "resigned as minister", "resigned his seat", "stepped down from the post": the act names
    the post it leaves (a bare "resigned" names none, and gets no recipient)."""
    return any(
        c.dep_ in POST_DEPS or (c.dep_ == "prep" and c.lower_ in {"as", "from"}) for c in trigger.children
    )


MUTUAL_TYPES = {"MOBILIZE", "ASSAULT", "THREATEN"}  # hostile acts two sides can do to each other


def both_sides(trigger: Token, actors: list[Mention]) -> bool:
    """The actors are two sides named as a pair ("both countries", "the two sides", "both
    armies"), of different countries, so a hostile act with no target is against each other."""
    if len({m.country for m in actors}) < 2 or None in {m.country for m in actors}:
        return False
    verb = trigger
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    subj = subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
    if subj is None:
        return False
    return subj.lower_ == "both" or any(c.lower_ in {"both", "two"} for c in subj.children)


def find_events(doc: Doc, args: Arguments) -> Iterator[Candidate]:
    for token in doc:
        found = lookup(token)
        if found is None or (
            token.pos_ in {"NOUN", "PROPN"} and (inside_event_noun(token) or in_proper_name(token))
        ):
            continue
        key, rows = found
        for trigger in rows:
            if token.pos_ in {"VERB", "ADJ"}:
                actors, recipients, notes = verb_arguments(token, trigger, args)
            else:
                actors, recipients, notes = noun_arguments(token, trigger, args)
            if senses_hold(trigger, SenseContext(token, args, actors, recipients)):
                break
        else:
            continue
        if trigger.type == "NONE" or business_only(actors, recipients):
            continue  # a listed sense that is no political interaction ("press release"), or commerce
        # "resigned in protest" (theirs), "a protest vote" (a kind of vote): no protest by others
        in_protest = (token.dep_ == "pobj" and token.head.lower_ == "in") or token.dep_ in {
            "compound",
            "amod",
        }
        if (
            not actors
            and trigger.type == "PROTEST"
            and token.pos_ == "NOUN"
            and trigger.mode in CROWD_MODES
            and not in_protest
        ):
            where = args.local_country(token)
            if where and where not in NON_STATE:
                actors = [
                    implied_group("protesters in", where, token, "CVL", "no one named: protesters there")
                ]
                notes += f"; no one named: protesters where it happens ({where})"
        if not (any(m.country for m in actors) or any(m.country for m in recipients)):
            continue
        event_type = trigger.type
        light = light_verb_of(token) if token.pos_ != "VERB" else None
        if light is not None and event_type in light[1].retype:
            event_type = light[1].retype[event_type]
            notes += f"; '{light[0].text}' makes it {event_type} (light_verbs.tsv)"
        evidence = f"{token.pos_.lower()} '{key}' -> {event_type} (triggers.tsv); {notes}".rstrip("; ")
        if not actors and recipients and trigger.mode in AUTHORITY_MODES and is_passive(token):
            # "was arrested", "was charged": done by the authorities where it happens
            actors = [
                args.state(m.country, token)
                for m in recipients[:1]
                if m.country and m.country not in NON_STATE
            ]
            if actors:
                evidence += "; passive with no agent: the authorities of the recipient's country"
            elif args.local_country(token) is not None:
                # a church member, a company's employee: the authorities where the article is
                actors = [args.state(args.local_country(token) or "", token)]
                evidence += "; passive with no agent: the authorities of the article's country"
        if not recipients and OWN_SLOT in trigger.recipient_slots and names_a_post(token):
            countries = {m.country for m in actors}
            if len(countries) == 1 and (country := countries.pop()) and country not in NON_STATE:
                # "resigned as minister", "quit his party post": a post in one's own country
                recipients = [args.state(country, token)]
                evidence += "; a post named, no body: the actor's own country (recipient slot 'own')"
        if not recipients and LOCAL_SLOT in trigger.recipient_slots:
            where = args.local_country(token)
            if where and where not in NON_STATE:
                # "turned himself in": to the authorities where it happens
                recipients = [args.state(where, token)]
                evidence += "; no one named: the authorities where it happens (recipient slot 'local')"
        if not recipients and event_type in MUTUAL_TYPES and both_sides(token, actors):
            recipients = actors  # "both countries put their militaries on alert": against each other
            evidence += "; 'both' sides: each against the other"
        if recipients == actors:  # a mutual exchange: each party to the others
            pairs = [([a], [r for r in actors if r is not a]) for a in actors]
        else:
            pairs = [(actors, [m for m in recipients if m.key not in {a.key for a in actors}])]
        for who, whom in pairs:
            confidence = 0.45 + 0.2 * bool(who) + 0.2 * bool(whom) + 0.05 * (token.pos_ == "VERB")
            yield Candidate(event_type, trigger.mode, token, who, whom, evidence, round(confidence, 2))
