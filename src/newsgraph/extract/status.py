"""Epistemic status of an event from its trigger's syntactic context.

For now: negation in the narrator's voice ("has not deployed", "never", "no ... were").
Attribution, hedging and denial arrive with the epistemic layer."""

from __future__ import annotations

from spacy.tokens import Token

NEGATORS = {"not", "n't", "never", "no"}


def is_negated(trigger: Token) -> bool:
    """True when the trigger, or the verb an event noun hangs on, is negated."""
    verb = trigger
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return True
        if trigger.dep_ in {"dobj", "nsubjpass", "attr"}:
            verb = trigger.head
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children)
