"""The sense checks of triggers.tsv (its `senses` column): which reading of a trigger word a
sentence has, from the trigger's object, subject, causes and complements ("attacked the plan"
is criticism, "released from hospital" no release from custody)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.actors import Mention, political, role_of
from newsgraph.extract.arguments import Arguments
from newsgraph.extract.syntax import direct_object, has_complement, prep_objects, subject
from newsgraph.extract.triggers import cooperative_complement, light_verb_of
from newsgraph.lexicon import Trigger, word_classes


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
    "nopredicate": lambda ctx, _: not any(c.dep_ == "oprd" for c in ctx.trigger.children),
    "subject": lambda ctx, _: any(c.dep_ == "nsubj" for c in ctx.trigger.children),
    "complement": lambda ctx, _: has_complement(ctx.trigger),
    "intent": lambda ctx, _: cooperative_complement(ctx.trigger) is not None,
}


def senses_hold(trigger: Trigger, ctx: SenseContext) -> bool:
    """All sense constraints of a lexicon row hold (see the header of triggers.tsv)."""
    for sense in trigger.senses:
        name, _, value = sense.partition("=")
        if not SENSES[name](ctx, value):
            return False
    return True
