"""Countries for actor mentions whose own words name none: a person named beside one, the
nearest country before a person in its sentence, or the article's country of focus."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsgraph.extract.actors import NON_STATE, Mention


def resolve_countries(doc: Doc, mentions: list[Mention], markers: dict[int, str]) -> None:
    """Fill in the country of every mention that needs one, and say how in its rule."""
    share_person_countries(doc, mentions)
    focus = focus_country(mentions, markers)
    for m in mentions:
        if m.needs_country and m.country is None:
            local = sentence_country(doc, m, mentions, markers)
            m.country = local or focus
            m.rule += f"; country of {'its sentence' if local else 'focus'} {m.country}"


def focus_country(mentions: list[Mention], markers: dict[int, str]) -> str | None:
    """The country the article is mostly about: the most frequent country among its
    state mentions and nationality markers (first mentioned wins a tie)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        if m.kind == "state" and m.country:
            counts[m.country] += 1
            first.setdefault(m.country, m.start)
    for i, country in markers.items():
        if country not in NON_STATE:
            counts[country] += 1
            first.setdefault(country, i)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))


def sentence_country(doc: Doc, m: Mention, mentions: list[Mention], markers: dict[int, str]) -> str | None:
    """The nearest country named before a person in the same sentence ("South Korea is
    monitoring the situation, with Defense Minister Kim's office...")."""
    if m.kind != "person":
        return None
    sent = doc[m.head].sent
    states = {i: x.country for x in mentions if x.kind == "state" for i in range(x.start, x.end)}
    for i in range(m.start - 1, sent.start - 1, -1):
        country = states.get(i) or markers.get(i)
        if country and country not in NON_STATE:
            return country
    return None


def share_person_countries(doc: Doc, mentions: list[Mention]) -> None:
    """ "Defense Secretary Lloyd Austin and spokesman John Kirby (USA)": people named together
    in a conjunction or apposition share a country when only one has it."""
    by_head = {m.head: m for m in mentions if m.kind == "person"}
    for m in mentions:
        if m.kind != "person" or m.country:
            continue
        head = doc[m.head]
        linked = [*head.conjuncts, head.head, *(c for c in head.children if c.dep_ in {"appos", "conj"})]
        for t in linked:
            other = by_head.get(t.i)
            if other is not None and other is not m and other.country:
                m.country, m.needs_country = other.country, False
                break
