"""Sides an event implies but its sentence does not name: the other side of an arrest, curfew
or protest (the actor's own country or people), the one country a sentence or article sets
against the actor, an attack's "unidentified attackers", protesters where a protest happens,
the authorities someone turned himself in to. Each fills a gap only, and says so in the
event's evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.extract.actors import NON_STATE, Mention, state_mention
from newsgraph.extract.arguments import Arguments
from newsgraph.extract.syntax import is_passive, subject
from newsgraph.extract.triggers import LOCAL_SLOT, OWN_SLOT, lookup
from newsgraph.lexicon import Trigger, gazetteer, word_classes

if TYPE_CHECKING:
    from newsgraph.extract.events import Candidate


VAGUE_SIDES = {"western", "foreign", "international", "unknown", "unidentified", "arab", "muslim"}
AUTHORITY_MODES = {"arrest", "seize", "ban", "deport", "allege", "convict", "release", "investigate"}
DOMESTIC_MODES = {"arrest", "seize", "restrict", "ban", "censor", "curfew", "deport"}


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


def implied_group(what: str, country: str, token: Token, sector: str | None, rule: str) -> Mention:
    """A side the text implies but does not name, as a group of a country: "unidentified
    attackers (Iraq)" for a bomb no one is named for (PLOVER codes it to where it happened),
    "protesters (Iran)" for protests no one is named for, "people of Chile" for a curfew."""
    name = f"{what} {gazetteer().country_names.get(country, country)}"
    key = f"{what.split()[0]}:{country}"
    return Mention(
        token.i, token.i + 1, token.i, name, "group", country, sector, None, key, rule, plural=True
    )


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


CROWD_MODES = {"demo", "riot"}  # protest modes that are crowds in the street
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


def unnamed_protesters(token: Token, trigger: Trigger, args: Arguments) -> list[Mention]:
    """A street protest no one is named for: protesters where it happens. Not "resigned in
    protest" (the resigner's own) nor "a protest vote" (a kind of vote)."""
    in_protest = (token.dep_ == "pobj" and token.head.lower_ == "in") or token.dep_ in {"compound", "amod"}
    if trigger.type != "PROTEST" or token.pos_ != "NOUN" or trigger.mode not in CROWD_MODES or in_protest:
        return []
    where = args.local_country(token)
    if not where or where in NON_STATE:
        return []
    return [implied_group("protesters in", where, token, "CVL", "no one named: protesters there")]


def unnamed_sides(
    token: Token,
    trigger: Trigger,
    event_type: str,
    actors: list[Mention],
    recipients: list[Mention],
    args: Arguments,
) -> tuple[list[Mention], list[Mention], str]:
    """The actors and recipients of an event with the sides its kind implies filled in where the
    sentence names none, and the evidence for each one filled in."""
    evidence = ""
    if not actors and recipients and trigger.mode in AUTHORITY_MODES and is_passive(token):
        # "was arrested", "was charged": done by the authorities where it happens
        actors = [
            args.state(m.country, token) for m in recipients[:1] if m.country and m.country not in NON_STATE
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
    return actors, recipients, evidence
