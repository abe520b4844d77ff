"""Within-article coreference: short names, pronouns and definite descriptions to the
nearest compatible actor mention before them."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.actors import Mention, state_mention

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
STATE_NOUNS = {"country", "nation", "state", "government", "side", "party"}


def link_short_names(mentions: list[Mention]) -> None:
    """ "Kirby" after "John Kirby": give the short mention the full name's key and facts."""
    people = [m for m in mentions if m.kind == "person"]
    for m in people:
        parts = m.name.split()
        for full in people:
            if full is m or full.start > m.start or len(full.name.split()) <= len(parts):
                continue
            names = full.name.split()
            if parts == names[-len(parts) :] or parts == names[: len(parts)]:
                m.key, m.name = full.key, full.name
                m.country = m.country or full.country
                m.sector = m.sector or full.sector
                m.role = m.role or full.role
                m.needs_country = m.country is None
                break


def link_definite_roles(mentions: list[Mention]) -> None:
    """ "the Church" after "the Church of Scientology", "the Ministry" after "the Ministry of
    Culture": a bare noun that names no country is the nearest organisation before it whose
    name opens with that noun (not "the Congress" after "the National Congress": another body)."""
    named = [m for m in mentions if m.kind == "organization" and len(m.name.split()) > 1]
    for m in mentions:
        if m.kind not in {"organization", "group"} or m.country is not None or m.plural:
            continue
        words = m.name.lower().split()
        if words[:1] == ["the"]:
            words = words[1:]
        if len(words) != 1:
            continue
        before = [
            o for o in named if o.end <= m.start and o.key != m.key and _leading_word(o.name) == words[0]
        ]
        if not before:
            continue
        full = max(before, key=lambda o: o.start)
        m.key, m.name, m.kind = full.key, full.name, full.kind
        m.country, m.sector = full.country, full.sector or m.sector
        m.needs_country = full.country is None and full.needs_country
        m.rule += f"; the organisation named before, '{full.name}'"


def _leading_word(name: str) -> str:
    words = name.lower().split()
    return words[1] if words[:1] == ["the"] and len(words) > 1 else (words[0] if words else "")


def _before(mentions: list[Mention], token: Token) -> list[Mention]:
    return sorted((m for m in mentions if m.end <= token.i), key=lambda m: -m.start)


def antecedents(doc: Doc, mentions: list[Mention], markers: dict[int, str]) -> dict[int, list[Mention]]:
    """Token index of a pronoun or definite description -> the mentions it refers to."""
    by_head = {m.head for m in mentions}
    heads = {m.head: m for m in mentions}
    out: dict[int, list[Mention]] = {}
    for token in doc:
        if token.i in by_head:
            continue
        lower = token.lower_
        bound = _clause_subject(token, mentions) if token.dep_ == "poss" else None
        previous = (
            _previous_subject(token, mentions, person=lower != "they")
            if lower in {"they", "he", "she"}
            else None
        )
        halves = _halves(mentions, _compass(token) or "") if _compass(token) else []
        if bound is not None and lower in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
            out[token.i] = [bound]  # "Honcharuk filed his resignation": his = the subject
            if lower in GROUP_PRONOUNS:  # "Chile and Peru upgraded their ties": both of them
                out[token.i] += [heads[c.i] for c in doc[bound.head].conjuncts if c.i in heads]
        elif previous is not None:
            # "Officers of the army crossed ... They fired ...", "Ortiz asked for help for
            # Berg. He described him as ...": a sentence that opens with a subject pronoun
            # continues the one before, whose subject it takes up
            out[token.i] = [previous]
        elif token.pos_ == "PRON" and lower in PERSON_PRONOUNS:
            found = [m for m in _before(mentions, token) if m.kind == "person" and token.i - m.start < 80]
            if found:
                out[token.i] = [found[0]]
        elif token.pos_ == "PRON" and lower in GROUP_PRONOUNS | THING_PRONOUNS:
            plural = lower in GROUP_PRONOUNS
            near = [
                m
                for m in _before(mentions, token)
                if (m.kind != "person" or m.plural) and token.i - m.start < 60
            ]
            # number agreement first ("their deployment" -> the North Koreans), then any state
            found = [m for m in near if m.plural == plural] or [m for m in near if m.kind == "state"]
            if found:
                out[token.i] = [found[0]]
        elif halves:
            out[token.i] = halves
        elif token.pos_ == "NOUN" and token.lemma_.lower() in STATE_NOUNS and _definite(token):
            want = _count(token)
            states = _conjoined_states(doc, mentions, token) if want > 1 else []
            states = states or _distinct_states(_before(mentions + _marker_states(doc, markers), token))
            if len(states) >= want and token.i - states[0].start < 120:
                out[token.i] = states[:want]
    return out


def _marker_states(doc: Doc, markers: dict[int, str]) -> list[Mention]:
    """Nationality words ("South Korean President Yoon") as candidate antecedents of "the country"."""
    return [state_mention(country, i, "nationality word") for i, country in markers.items()]


def _conjoined_states(doc: Doc, mentions: list[Mention], token: Token) -> list[Mention]:
    """ "the two countries" after "Russia and North Korea": the nearest conjoined pair of states."""
    by_head = {m.head: m for m in mentions if m.kind == "state"}
    for m in _before(mentions, token):
        if m.kind != "state" or token.i - m.start > 120:
            continue
        group = [by_head[t.i] for t in doc[m.head].conjuncts if t.i in by_head]
        if group:
            found = [m, *group]
            return sorted({x.key: x for x in found}.values(), key=lambda x: x.start)
    return []


def _clause_subject(token: Token, mentions: list[Mention]) -> Mention | None:
    """The subject of the clause a possessive pronoun stands in, when it names an actor of
    the same kind (a person for his/her, a non-person for its/their)."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i), None)
    if subj is None:
        return None
    m = next((x for x in mentions if x.head == subj.i), None)
    if m is None:
        return None
    person = token.lower_ in PERSON_PRONOUNS
    return m if (m.kind == "person") == person else None


def _definite(token: Token) -> bool:
    return any(
        c.dep_ in {"det", "predet"} and c.lower_ in {"the", "both", "this", "these"} for c in token.children
    )


def _count(token: Token) -> int:
    for child in token.children:
        if child.lower_ in {"two", "both"} or any(c.lower_ == "both" for c in token.children):
            return 2
        if child.lower_ == "three":
            return 3
    return 1


def _distinct_states(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.kind == "state" and m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


COMPASS = {"north", "south"}


def _compass(token: Token) -> str | None:
    """ "the South", "into the north", "the south side": the half of a divided country a
    compass word names ("north" / "south"), when it stands alone as a noun phrase."""
    if (
        token.lower_ in COMPASS
        and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    ):
        return token.lower_
    if token.lemma_.lower() == "side" and _definite(token):
        half = [c.lower_ for c in token.children if c.dep_ in {"amod", "compound"} and c.lower_ in COMPASS]
        return half[0] if half else None
    return None


def _halves(mentions: list[Mention], half: str) -> list[Mention]:
    """The one state of the article whose name opens with that compass word (South Korea, North
    Sudan): "the South" stands for it. Nothing when the article names none or several."""
    found = {m.key: m for m in mentions if m.kind == "state" and m.name.lower().startswith(half + " ")}
    return list(found.values())[:1] if len(found) == 1 else []


def _previous_subject(token: Token, mentions: list[Mention], person: bool = False) -> Mention | None:
    """For "they" opening a sentence: the group, organisation or state the previous sentence's
    subject names, itself or through its of-phrase ("War veterans of the army ... They ...");
    for "he"/"she" (person=True): the person who is that subject."""
    if token.dep_ != "nsubj" or any(t.is_alpha for t in token.doc[token.sent.start : token.i]):
        return None
    if token.sent.start == 0:
        return None
    prev = token.doc[token.sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
        return None
    heads = [subj.i] + [
        o.i
        for p in subj.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    for i in heads:
        m = next((x for x in mentions if x.head == i), None)
        if m is not None:
            return m if (m.kind == "person") == person else None
    return None
