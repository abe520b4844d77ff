"""PLOVER events: triggers from the lexicon (triggers.tsv), arguments from the dependency parse.

A verb trigger takes its actor from its subject (climbing xcomp, conj, relative and participle
clauses; the agent of a passive) and its recipient from the first argument slot of its lexicon
entry that names an actor (object, or a preposition's object). A noun trigger takes its actor
from a possessor, a nationality modifier, a "by" phrase or the subject of a light verb
("launched strikes", "imposed sanctions"), and its recipient from its prepositions. Sides the
sentence leaves unnamed come from sides.py; the sense checks of the lexicon from senses.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.actors import Mention, political
from newsgraph.extract.arguments import Arguments
from newsgraph.extract.senses import SenseContext, senses_hold
from newsgraph.extract.sides import VAGUE_SIDES, unnamed_protesters, unnamed_sides, vague_mention
from newsgraph.extract.syntax import (
    RELATIVE,
    direct_object,
    governing_noun,
    in_proper_name,
    paired_modifier,
    passive_agent,
    prep_objects,
    shared_passive,
    subject,
)
from newsgraph.extract.triggers import (
    LOCAL_SLOT,
    OWN_SLOT,
    cooperative_complement,
    inside_event_noun,
    light_holder,
    light_verb_of,
    lookup,
)
from newsgraph.lexicon import DEFAULT_SLOTS, Trigger, word_classes
from newsgraph.record import Quantity

ONE_SIDED = {"MOBILIZE", "RETREAT", "REJECT"}  # moving forces, a resignation, a denial
RECIPROCAL_TYPES = {"AGREE", "CONSULT", "COOPERATE"}


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


def business_only(actors: list[Mention], recipients: list[Mention]) -> bool:
    """A deal or dispute between companies is commerce, not politics."""
    sides = actors + recipients
    return bool(sides) and all(m.sector == "BUS" or m.country == "MNC" for m in sides)


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
            continue  # filled in by sides.unnamed_sides, when no other slot names anyone
        if slot == "obj":
            found = args.of(obj) if obj is not None and obj.i != (subj.i if subj is not None else -1) else []
        elif slot == "comp":
            found = complement_subjects(verb, args)
        else:
            heads = [verb] + ([obj, *obj.conjuncts, *partitive_of(obj)] if obj is not None else [])
            found = [m for h in heads for o in prep_objects(h, slot) for m in args.of(o)]
        found = [m for m in found if m not in actors]
        if found:
            notes.append(f"recipient={slot} of '{verb.text}' '{found[0].name}'")
            return found
    return []


def partitive_of(noun: Token) -> list[Token]:
    """What a partitive object is part of ("suspended part of its aid program for Bosnia"),
    whose prepositions then name the recipient."""
    if noun.lemma_.lower() not in word_classes()["partitive"]:
        return []
    return list(prep_objects(noun, "of"))


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


def two_sided(c: Candidate) -> bool:
    """An interaction needs both sides, or parties acting together; a side may be vague (no
    country) but must be there. Moving one's own forces, stepping back and denying
    (MOBILIZE, RETREAT, REJECT) can stand alone, and so can agreeing to a cooperative act."""
    if c.type in ONE_SIDED:
        return True
    if c.type == "AGREE" and any(political(m) for m in c.actors) and cooperative_complement(c.trigger):
        return True  # a commitment to a cooperative act of one's own: "agreed to resign"
    return bool(c.actors) and (bool(c.recipients) or len(c.actors) > 1)


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
        if not actors:
            actors = unnamed_protesters(token, trigger, args)
            if actors:
                notes += f"; no one named: protesters where it happens ({actors[0].country})"
        if not (any(m.country for m in actors) or any(m.country for m in recipients)):
            continue
        event_type = trigger.type
        light = light_verb_of(token) if token.pos_ != "VERB" else None
        if light is not None and event_type in light[1].retype:
            event_type = light[1].retype[event_type]
            notes += f"; '{light[0].text}' makes it {event_type} (light_verbs.tsv)"
        evidence = f"{token.pos_.lower()} '{key}' -> {event_type} (triggers.tsv); {notes}".rstrip("; ")
        actors, recipients, filled = unnamed_sides(token, trigger, event_type, actors, recipients, args)
        evidence += filled
        if recipients == actors:  # a mutual exchange: each party to the others
            pairs = [([a], [r for r in actors if r is not a]) for a in actors]
        else:
            pairs = [(actors, [m for m in recipients if m.key not in {a.key for a in actors}])]
        for who, whom in pairs:
            confidence = 0.45 + 0.2 * bool(who) + 0.2 * bool(whom) + 0.05 * (token.pos_ == "VERB")
            yield Candidate(event_type, trigger.mode, token, who, whom, evidence, round(confidence, 2))
