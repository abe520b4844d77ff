"""Who does what to whom in a clause, read off spaCy's dependency parse: the subject a verb's
act belongs to (through control, conjunction and clause structure), passives and their agents,
objects and prepositional objects. Pure functions of `Token`s; nothing here knows PLOVER."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

# verbs whose object does what their to-clause says: "urged Iran to talk", "forced him to resign"
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
GOVERNOR_PREPS = {"of", "including", "for", "like", "as"}  # noun -> the noun it belongs to


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


def has_complement(token: Token) -> bool:
    """ "agreed to talks", "agreed that ...", not "agreed with her"."""
    return any(
        c.dep_ in {"xcomp", "ccomp", "dobj"} or (c.dep_ == "prep" and c.lower_ in {"to", "on", "upon"})
        for c in token.children
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


def paired_modifier(token: Token) -> bool:
    """ "the Russia-Ukraine war", "US-China talks": a hyphenated pair names both sides and no
    direction, so neither side is taken from it."""
    doc = token.doc
    return (token.i + 1 < len(doc) and doc[token.i + 1].text in {"-", "–"}) or (
        token.i > 0 and doc[token.i - 1].text in {"-", "–"}
    )


def in_proper_name(token: Token) -> bool:
    """ "the Vietnam War", "the Paris Agreement": a name, not a report of an event."""
    if token.ent_type_ in {"EVENT", "LAW", "WORK_OF_ART", "ORG", "FAC"} or token.pos_ == "PROPN":
        return True
    return token.is_title and token.i > token.sent.start
