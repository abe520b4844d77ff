"""Epistemic status of an event from its trigger's context (spec section 1, `status`).

- inside a claim's content: `reported` per the claim's speaker (`denied` when the claim is a
  denial, `possible` when it speculates);
- hedged (modals, plans, threats, conditions, "possibly"; hedges.tsv): `possible`;
- negated: `negated` in the narrator's voice, `denied` in a source's.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from newsgraph.extract.actors import Mention
from newsgraph.extract.claims import Frame, enclosing_speakers, innermost
from newsgraph.lexicon import lemma_of, rows

STANCE_STATUS = {
    "assert": "reported",
    "accuse": "reported",
    "deny": "denied",
    "speculate": "possible",
    "request": "possible",
    "discredit": "denied",
}


@cache
def hedges() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in rows("hedges.tsv")}


def clause_verb(trigger: Token) -> Token:
    """The verb whose clause an event belongs to: the trigger itself, or the verb an event
    noun hangs on ("launched strikes", "faces sanctions")."""
    token = trigger
    for _ in range(4):
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            return token
        token = token.head
    return token


def is_negated(trigger: Token) -> bool:
    """True when the trigger, or the verb an event noun hangs on, is negated."""
    if trigger.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    ):
        return True
    verb = (
        clause_verb(trigger)
        if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubjpass", "attr"}
        else trigger
    )
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children):
        return True
    if refused(verb):
        return True
    # "No Canadian troops were deployed", "sent no troops": "no" on the event's subject or object
    return any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in verb.children
    )


def refused(verb: Token) -> bool:
    """The act is the complement of a refusal ("refused to lift the curfew", "failed to reach
    a deal"): it did not happen (hedges.tsv, kind refusal). A refusal that is itself negated
    ("did not refuse to") says nothing."""
    table = hedges()
    for _ in range(3):
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        head = verb.head
        if table.get(lemma_of(head)) == "refusal":
            return not any(c.dep_ == "neg" for c in head.children)
        verb = head
    return False


def hedge_of(trigger: Token) -> str | None:
    """The word that makes the event possible rather than asserted, if any."""
    table = hedges()
    if trigger.pos_ == "VERB" and table.get(lemma_of(trigger)) == "promise":
        return trigger.text  # "pledged $2 billion in aid": the aid is promised, not yet given
    for child in trigger.children:
        if child.dep_ == "amod" and table.get(child.lower_) == "adjective":
            return child.text
    verb = clause_verb(trigger)
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "conj"} and len(chain) < 5:
        chain.append(chain[-1].head)
    for v in chain:
        for child in v.children:
            kind = table.get(child.lower_)
            if child.dep_ == "aux" and kind == "modal":
                return child.text
            if child.dep_ == "advmod" and kind == "adverb":
                return child.text
            if child.dep_ == "mark" and kind == "mark":
                return child.text
    for v, head in zip(chain, chain[1:], strict=False):
        if v.dep_ == "xcomp" and table.get(lemma_of(head)) in {"control", "promise"}:
            return head.text  # "plans to attack", "threatened to impose"
    last = chain[-1]
    if (
        last.dep_ == "acl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in last.children)
        and table.get(last.head.lemma_.lower()) in {"control", "promise"}
    ):
        return last.head.text  # a noun: "developing plans to attack", "his offer to resign"
    clause = verb
    for _ in range(3):  # "it is unclear if ...", "depending on ..."
        if clause.dep_ in {"advcl", "ccomp", "pcomp"} and any(
            table.get(c.lower_) == "mark" for c in clause.children if c.dep_ == "mark"
        ):
            return next(c.text for c in clause.children if c.dep_ == "mark")
        if table.get(clause.head.lower_) in {"frame", "control"} and clause.dep_ in {
            "advcl",
            "ccomp",
            "xcomp",
            "pcomp",
        }:
            return clause.head.text
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return None


def event_status(trigger: Token, frames: list[Frame]) -> tuple[str, list[Mention], str]:
    """(status, the sources it is according to, why) for the event at `trigger`. A frame that
    names no one ("reportedly", "the pretext that") is told by the speaker of the claim around
    it, if any."""
    frame = innermost(frames, trigger)
    negated = is_negated(trigger)
    hedge = hedge_of(trigger)
    if frame is not None and frame.stance == "discredit" and not enclosing_speakers(frames, frame):
        return "negated", [], "called a false pretext in the narrator's voice"
    if frame is not None:
        speakers = frame.speakers or enclosing_speakers(frames, frame)
        status, why = _framed(frame, hedge, negated)
        if not frame.speakers and speakers:
            why += f", told by '{speakers[0].name}'"
        return status, speakers, why
    if hedge:
        return "possible", [], f"hedged by '{hedge}'"
    if negated:
        return "negated", [], "negated in the narrator's voice"
    return "asserted", [], "narrator's voice"


def _framed(frame: Frame, hedge: str | None, negated: bool) -> tuple[str, str]:
    status = STANCE_STATUS[frame.stance]
    why = f"inside a claim ({frame.stance})"
    if hedge and status == "reported":  # a hedged, planned or requested act ("asked X not to ...")
        return "possible", why + f", hedged by '{hedge}'"
    if negated and status == "reported":  # the source says it did not happen
        return "denied", why + ", negated by the source"
    return status, why  # a request or a guess stays possible, negated or not
