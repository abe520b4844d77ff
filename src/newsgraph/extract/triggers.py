"""Which tokens are event triggers (triggers.tsv) and which verbs carry an event noun
(light_verbs.tsv: "launched strikes", "imposed sanctions")."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.extract.syntax import governing_noun, passive_agent, subject
from newsgraph.lexicon import LightVerb, Trigger, lemma_of, light_verbs, triggers

# Recipient slots of triggers.tsv filled in when no other slot names anyone (see sides.py)
LOCAL_SLOT = "local"  # no one named: the authorities where it happens
OWN_SLOT = "own"  # a post named but no body: the actor's own country (domestic acts)
STATE_PREPS = {"on", "for", "in"}  # an event noun a light verb takes through a preposition


# Acts whose announced intent is an AGREE (CAMEO 03x "express intent to cooperate": to provide
# aid, yield, de-escalate, meet or negotiate, settle): "ready to host talks", "willing to withdraw".
COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def trigger_keys(token: Token) -> list[str]:
    """Lexicon keys for a token: phrasal ("crack_down", "call_for", "air_strike") first."""
    lemma = lemma_of(token)
    keys = []
    for child in token.children:
        if child.dep_ == "prt" or (child.dep_ == "prep" and not names_a_time(child)):
            keys.append(f"{lemma}_{child.lower_}")  # not "called on Tuesday"
        if child.dep_ == "prep" and child.lower_ == "of":  # "state of emergency"
            keys += [f"{lemma}_of_{o.lemma_.lower()}" for o in child.children if o.dep_ == "pobj"]
        if child.dep_ in {"compound", "amod"}:  # "hunger strike", "martial law"
            keys.append(f"{child.lower_}_{lemma}")
    keys.append(lemma)
    return keys


def names_a_time(prep: Token) -> bool:
    """ "on Tuesday", "for two hours", "in March": a preposition that only says when."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)


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


def cooperative_complement(token: Token) -> Token | None:
    """The to-infinitive complement of an intent word that is itself a cooperative trigger
    ("willing to withdraw", "agreed to resign"), if any."""
    for child in token.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            found = lookup(child)
            if found is not None and found[1][0].type in COOPERATIVE_TYPES:
                return child
    return None


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
