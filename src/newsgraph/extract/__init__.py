"""Extraction: pure functions from a parsed spaCy `Doc` to a newsgraph/1 `Record`.

The data flow, one module per concern: `actors` finds who can act (and `resolve` gives
countries to those whose words name none), `coref` links short names, pronouns and
descriptions, `claims` finds who says what, `events` codes PLOVER events with their
arguments, `status` decides how sure the article is of each, `quantities`, `timex` and
`places` add figures, times and places, and `assemble` builds the record. Nothing here reads
files or databases."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.article import Article
from newsgraph.extract.actors import find_mentions
from newsgraph.extract.arguments import Arguments
from newsgraph.extract.assemble import (
    attribute,
    build_actors,
    build_claims,
    build_events,
    demands,
    denials,
    discredits,
    enemies,
    first_person,
    grievances,
    situate,
    threats,
)
from newsgraph.extract.claims import find_frames
from newsgraph.extract.coref import antecedents, link_definite_roles, link_short_names
from newsgraph.extract.domain import off_topic, speaks
from newsgraph.extract.events import find_events
from newsgraph.extract.places import find_places
from newsgraph.extract.quantities import distinct, quantities_with_heads
from newsgraph.extract.resolve import resolve_countries
from newsgraph.extract.timex import find_times
from newsgraph.nlp import text_of
from newsgraph.record import Doc as DocMeta
from newsgraph.record import Record

__all__ = ["extract_record"]

MIN_ENGLISH = 0.2  # share of English function words below which a text is not English
MIN_WORDS = 20  # texts shorter than this are not judged


def english_share(doc: Doc) -> float:
    """The share of words that are English function words (about 40% in English news,
    near 0 in other languages); short texts count as English."""
    words = [t for t in doc if t.is_alpha]
    if len(words) < MIN_WORDS:
        return 1.0
    return sum(t.is_stop for t in words) / len(words)


def extract_record(doc: Doc, article: Article) -> Record:
    meta = DocMeta(
        id=article.id, title=article.title, date=article.date, source=article.source, url=article.url
    )
    record = Record(doc=meta, text=text_of(doc))
    if not record.text.strip():
        record.warnings.append("empty text")
        return record
    share = english_share(doc)
    if share < MIN_ENGLISH:
        record.doc.language = None
        record.warnings.append(
            f"does not look like English ({share:.0%} English function words); not extracted"
        )
        return record
    mentions, markers = find_mentions(doc)
    link_short_names(mentions)
    link_definite_roles(mentions)
    resolve_countries(doc, mentions, markers)
    args = Arguments(mentions, antecedents(doc, mentions, markers), markers)
    frames = find_frames(doc, args)
    args.antecedents.update(first_person(doc, frames))
    args.antecedents.update(enemies(doc, frames, mentions))
    found_events = [
        *find_events(doc, args),
        *demands(doc, frames, args),
        *denials(doc, frames, args),
        *discredits(doc, frames, args),
    ]
    domain = off_topic(doc)
    if domain is not None:  # a match report: only the sentences that are not about the game
        found_events = [c for c in found_events if not speaks(c.trigger.sent, domain)]
    candidates = list(attribute(found_events, frames))
    candidates += attribute(list(grievances(doc, frames, candidates)), frames)
    candidates += attribute(list(threats(doc, frames, candidates)), frames)
    speakers = [m for f in frames for m in f.speakers]
    found = quantities_with_heads(doc)
    situate(doc, candidates, find_times(doc, article.date), find_places(doc), found, args, frames)
    actors = build_actors(doc, mentions + speakers, candidates)
    record.actors = list(actors.values())
    record.events = build_events(doc, candidates, actors)
    record.quantities = distinct([q for q, _ in found])
    record.claims = build_claims(doc, frames, record.events, actors)
    return record
