"""Event places: place mentions in a parsed Doc, geocoded offline, and where an event happened.

`find_places(doc)` lists the place mentions of an article with the place each stands for (None
when unknown): GPE, LOC and FAC entities; names the tagger missed or mislabelled that the index
knows ("in Kyiv" tagged as nothing or as a person); "the town of X" whatever X was tagged; and a
demonym on a place noun ("off the Indonesian coast", "the Ukrainian capital").

`place_for(doc, places, trigger_index)` is where the event whose trigger is that token happened,
as the newsgraph/1 `place` dict, when a locative phrase of the trigger's own clause says so: "in
Kyiv", "at the White House", "near Mosul", "off the Indonesian coast", "as far as Moscow", "on
the outskirts of X", "in the town of X", "20 km north of X", "shot down over X". The phrase may
hang from the trigger, from a verb that only carries an event noun ("launched strikes in X", "the
attack took place in X") or from one noun below ("struck a hospital in Kyiv"; not for acts in
words: "accused Ukraine of attacks in Kursk"). A place that is an argument of the event is not
where it happened: an object ("attacked Kyiv"), a destination ("sent troops to Ukraine"), an
origin ("fled from Syria"), a target ("fired at Israel", "strikes on Kyiv"), a topic ("a dispute
over Crimea"); nor is a place in another clause ("said in Warsaw that Russia attacked Kharkiv").

Places are geocoded by the index of geocode.py."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.geocode import (
    ARTICLE_BONUS,
    SENTENCE_BONUS,
    STATE_BONUS,
    TIGHT_BONUS,
    Place,
    PlaceCandidate,
    demonyms,
    fold,
    index,
)
from newsgraph.lexicon import DEFAULT_SLOTS, light_verbs, triggers

__all__ = ["PlaceMention", "find_places", "place_for", "place_index"]

# ---- place mentions


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: char offsets [start, end), token offsets [tok_start, tok_end),
    what found it (`label`: GPE, LOC, FAC; MATCH for a name the tagger missed; NAMED for "the
    town of X"; DEMONYM for "the Indonesian coast"), the place (None when unknown) and the
    country the text writes next to it (`hint`, kept for places the index does not know)."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    label: str
    place: Place | None
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The newsgraph/1 `place` object; an unknown place keeps its name (and the country
        written next to it) with no coordinates."""
        if self.place is not None:
            return self.place.to_dict()
        name = self.text[4:] if self.text.lower().startswith("the ") else self.text
        return {"name": name, "country": self.hint, "lat": None, "lon": None, "geonameid": None}


# ---- word lists

NER_PLACES = {"GPE", "LOC", "FAC"}
# Entity labels a place name never has; any other label (a person, an organisation, a product)
# may be the tagger's mistake for a place the index knows, if a locative phrase says so.
NEVER_PLACES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LAW", "LANGUAGE"}
# Nouns that name a kind of place: "the town of X", "the Donetsk region", "the outskirts of X".
PLACE_NOUNS = {
    "town", "city", "village", "port", "capital", "province", "region", "district", "state",
    "county", "area", "outskirts", "suburb", "suburbs", "vicinity", "border", "borders", "coast",
    "coastline", "island", "islands", "south", "north", "east", "west", "southeast", "southwest",
    "northeast", "northwest", "center", "centre", "heart", "part", "parts", "territory",
    "territories", "republic", "oblast", "governorate", "municipality", "neighborhood",
    "neighbourhood", "settlement", "enclave", "strip", "peninsula", "shore", "shores", "waters",
    "streets", "country", "kingdom", "community", "camp", "frontier", "side", "edge", "soil",
    "mainland", "airspace", "sea", "gulf", "bay", "valley", "river", "lake", "desert", "prefecture",
    "township", "hamlet", "commune", "raion", "emirate", "downtown", "fringes", "front", "frontline",
    "countryside", "hometown", "canton",
}  # fmt: skip
# Nouns that make "the X of Y" name a place Y, whatever the tagger made of Y (lower case only:
# "the Islamic State of Iraq" is a name).
NAMED_NOUNS = {
    "town", "city", "village", "port", "capital", "province", "region", "district", "state", "county",
    "island", "islands", "republic", "oblast", "governorate", "municipality", "neighborhood",
    "neighbourhood", "settlement", "enclave", "peninsula", "prefecture", "township", "hamlet",
    "commune", "emirate", "kingdom", "country", "outskirts", "suburb", "suburbs", "east", "west",
    "north", "south", "northeast", "northwest", "southeast", "southwest",
}  # fmt: skip
# Nouns a demonym makes into a place of that country: "the Indonesian coast", "Polish territory".
DEMONYM_NOUNS = {
    "coast", "coastline", "border", "borders", "territory", "territories", "soil", "waters",
    "airspace", "side", "frontier", "shore", "shores", "mainland", "capital", "countryside",
}  # fmt: skip
LOCATIVE_PREPS = {
    "in", "at", "near", "off", "outside", "inside", "around", "across", "throughout", "within", "along",
}  # fmt: skip
# "on" is locative only before these: "on the outskirts of X", "on the border", "on the island of X".
ON_NOUNS = {
    "outskirts", "outskirt", "border", "borders", "frontier", "edge", "fringes", "island", "islands",
    "coast", "coastline", "shore", "shores", "front", "frontline", "streets", "street", "soil",
    "territory", "side", "bank", "banks", "peninsula", "ground",
}  # fmt: skip
DIRECTIONS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west",
}  # fmt: skip
DISTANCES = {
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "away",
}  # fmt: skip
# Verbs whose subject or object is an event noun happening where they say: "the attack took place
# in Kabul", "fighting continued near Bakhmut" (light verbs, "launched strikes", come from the lexicon).
HAPPEN_VERBS = {
    "take", "occur", "happen", "erupt", "break", "unfold", "begin", "start", "continue", "resume",
    "report", "kill", "wound", "injure",
}  # fmt: skip
# Dependencies that open another clause: a place below them is not the trigger's.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "parataxis", "pcomp", "ROOT"}
# Prepositions of arguments: a place inside them is a destination, origin or path.
# Or a topic or purpose: "relations over resources in the Mediterranean", "protection for Mexicans in the US".
ARGUMENT_PREPS = {
    "to", "into", "onto", "from", "toward", "towards", "via", "through", "by", "over", "about",
    "regarding", "concerning", "for",
}  # fmt: skip
# An event noun inside these is part of the trigger's event, or the event is inside it: "strikes,
# including drone strikes as far as Moscow", "killed in an attack in Kabul", "arrested during protests in X".
EXAMPLE_PREPS = {"including", "like", "as", "in", "during", "amid"}
KIND_RANK = {"city": 0, "facility": 0, "state": 1, "region": 1, "sea": 1, "country": 2, "continent": 3}
# Nouns a locative phrase may hang from below the trigger's clause: "struck a hospital in Kyiv".
MAX_NOUNS = 1
# Nouns "over" gives a topic, not a place: "a dispute over Jerusalem".
TOPIC_NOUNS = {
    "dispute", "row", "tension", "talk", "negotiation", "disagreement", "spat", "conflict", "quarrel",
    "argument", "standoff", "feud", "control", "sovereignty", "claim", "concern", "fear", "anger",
    "outrage", "fight", "battle", "war", "debate", "deal", "agreement", "sanction", "protest",
}  # fmt: skip
# Names the tagger calls places that say no place: "praised in the West".
VAGUE_PLACES = {"west", "east", "north", "south", "midwest", "abroad", "home", "overseas"}
# Last words that make an unknown name a place: "Coös County", "Victoria Park", "Bradley Airport".
UNKNOWN_PLACE_WORDS = {
    "county", "district", "province", "region", "city", "town", "village", "island", "islands",
    "park", "street", "avenue", "road", "square", "airport", "airfield", "base", "valley", "bay",
    "river", "state", "oblast", "governorate", "camp", "harbour", "harbor", "port", "mountains",
    "hills", "coast", "sea", "ocean", "lake", "peninsula", "desert", "forest", "corner", "hospital",
    "mosque", "church", "cathedral", "palace", "embassy", "stadium", "bridge", "prison", "station",
    "plant", "checkpoint", "crossing", "border",
}  # fmt: skip
# Acts in words: where they happened is a phrase of their own, never one inside their object
# ("accused Ukraine of attacks in Kursk", "approved a gathering in Victoria Park").
VERBAL_TYPES = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONCEDE", "SANCTION"}
# Words that are never the start of a place name the tagger missed.
_SKIP_START = {"The", "A", "An", "In", "At", "On", "Near", "Mr", "Mrs", "Ms", "Dr"}
_MODIFIERS = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|north ?eastern|"
    r"north ?western|south ?eastern|south ?western|greater|downtown|occupied|rural|coastal) )+"
)
_TRAILING = re.compile(
    r" (?:region|province|oblast|governorate|district|state|city|county|area|prefecture|territory)$"
)


def _name_keys(text: str) -> list[str]:
    """Keys to try for a mention's text: as written, then without a compass or size word
    ("eastern Ukraine") and without a trailing kind of area ("Donetsk region", "Gaza City")."""
    key = fold(text)
    keys = [key]
    bare = _MODIFIERS.sub("", key)
    for k in (bare, _TRAILING.sub("", bare)):
        if k and k not in keys:
            keys.append(k)
    for k in list(keys):
        bare = re.sub(r"^(?:state|province|city|republic|region|island|county) of |'s?$", "", k)
        if bare and bare not in keys:
            keys.append(bare)
    return keys


def _candidates(text: str) -> tuple[PlaceCandidate, ...]:
    idx = index()
    for key in _name_keys(text):
        found = idx.get(key)
        if found:
            return found
    return ()


def _governing_prep(tok: Token) -> Token | None:
    """The preposition whose object `tok` is (through compounds, conjuncts and appositions)."""
    head = tok
    for _ in range(6):
        if head.dep_ not in ("compound", "conj", "appos") or head.head.i == head.i:
            break
        head = head.head
    return head.head if head.dep_ == "pobj" else None


def _in_locative_phrase(tok: Token) -> bool:
    """Is `tok` the object of a locative phrase ("in Kyiv", "near X", "the town of X", "north of
    X", "over X")? Not "to X" or "from X": names there are more often people ("a gift from God")."""
    prep = _governing_prep(tok)
    if prep is None:
        return False
    word, head = prep.lower_, prep.head
    if word == "of":
        return head.lower_ in DIRECTIONS or head.lower_ in PLACE_NOUNS and head.pos_ == "NOUN"
    if word == "from":
        return head.lower_ in DISTANCES
    return word in LOCATIVE_PREPS or word == "over"


def _followed_by_country(doc: Doc, end: int) -> bool:
    """ "X, Yemen": a comma, then a country or US state."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    nxt = doc[end + 1]
    return any(c.place.kind in ("country", "state") for c in index().get(fold(nxt.text), ())) or (
        nxt.ent_type_ == "GPE"
    )


def _own_matches(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
    """Names the tagger missed or mislabelled that the index knows by their own name (not an
    alternate one: "Media" is not Mehdya): a proper name of up to four words that is no part of
    a longer name ("Toronto Police", "Doris Day") and no modifier of a common noun ("a Pentagon
    budget"). A city also needs a locative phrase ("in Cahors") or a country after it ("Cahors,
    France"), as does a name the tagger called a person, organisation or nationality ("in Kyiv",
    "over Belgorod"); countries, US states and curated places do not."""
    ents = {t.i: ent for ent in doc.ents for t in ent}
    table = demonyms()
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in taken or not tok.is_title and not tok.is_upper or tok.text in _SKIP_START:
            i += 1
            continue
        ent = ents.get(i)
        if ent is not None and (ent.label_ in NER_PLACES | NEVER_PLACES or ent.text in table):
            i = ent.end
            continue
        for length in (4, 3, 2, 1):
            end = i + length
            if end > n or any(j in taken for j in range(i, end)):
                continue
            span = doc[i:end]
            if ent is not None and (ent.start != i or ent.end != end):
                continue  # inside a person's or organisation's name: "Michael Jordan"
            if not all(t.pos_ == "PROPN" or t.is_title for t in span) or span[-1].pos_ != "PROPN":
                continue
            if i > 0 and doc[i - 1].pos_ == "PROPN" or end < n and doc[end].pos_ == "PROPN":
                continue
            cands = [c for c in index().get(fold(span.text)) if not c.alternate]
            if not cands:
                continue
            root = span.root
            if root.dep_ == "compound" and root.head.lower_ not in PLACE_NOUNS:
                continue
            located = _in_locative_phrase(root) or _followed_by_country(doc, end)
            if (ent is not None or cands[0].place.kind == "city") and not located:
                continue
            yield i, end
            i = end - 1
            break
        i += 1


def _named_places(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
    """ "the town of Yeoncheon", "the city of X": a proper name the index may not know, which the
    construction says is a place (whatever the tagger made of it)."""
    for tok in doc:
        if tok.lower_ != "of" or tok.dep_ != "prep" or tok.head.text not in NAMED_NOUNS:
            continue
        for obj in tok.children:
            if obj.dep_ != "pobj" or obj.pos_ != "PROPN" or obj.i in taken:
                continue
            left = obj.i
            while left - 1 > tok.i and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
                left -= 1
            if not any(j in taken for j in range(left, obj.i + 1)):
                yield left, obj.i + 1


def _demonym_at(tok: Token) -> tuple[int, str] | None:
    """(first token, country) of a demonym ending at this token: "Yemeni", "South Korean"."""
    table = demonyms()
    if tok.i > 0:
        two = f"{tok.doc[tok.i - 1].text} {tok.text}"
        if two in table:
            return tok.i - 1, table[two]
    return (tok.i, table[tok.text]) if tok.text in table else None


def _demonym_places(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int, str]]:
    """ "off the Indonesian coast", "Polish territory", "the Ukrainian capital" (a demonym on a
    place noun that names no other place): the demonym's country, or its capital."""
    for tok in doc:
        head = tok.head
        if tok.dep_ not in ("amod", "compound") or head.lower_ not in DEMONYM_NOUNS or head.i < tok.i:
            continue
        found = _demonym_at(tok)
        if found is None or any(c.lower_ in ("of", "with") for c in head.children):
            continue
        start, end = found[0], head.i + 1
        if not any(i in taken for i in range(start, end)):
            yield start, end, found[1]


def _country_place(iso3: str, capital: bool = False) -> Place | None:
    """The country's place, or its capital city's ("the Ukrainian capital")."""
    idx = index()
    return (idx.capitals if capital else idx.countries).get(iso3)


def _country_of_tokens(tokens: Iterable[Token], mentions: dict[int, tuple[PlaceCandidate, ...]]) -> set[str]:
    """Countries that these tokens name: a demonym ("Yemeni") or a country name."""
    out: set[str] = set()
    for tok in tokens:
        demonym = _demonym_at(tok)
        if demonym is not None:
            out.add(demonym[1])
        for cand in mentions.get(tok.i, ())[:1]:
            if cand.place.kind in ("country", "state") or cand.place.kind == "region" and cand.place.country:
                out.add(cand.place.country or "")
    out.discard("")
    return out


def _tight_context(
    doc: Doc, start: int, end: int, cands: dict[int, tuple[PlaceCandidate, ...]]
) -> tuple[set[str], set[str]]:
    """The countries and US states written right next to a mention: "Mokha, Yemen", "Portland,
    Oregon", "the Yemeni port of Mokha", "Yemen's Mokha", "the town of Bakhmut in Ukraine"."""
    countries: set[str] = set()
    states: set[str] = set()
    # "X, Y" (Y a country or a US state), "X (Y)"
    if end + 1 < len(doc) and doc[end].text in (",", "("):
        for cand in cands.get(end + 1, ()):
            if cand.place.kind == "country" and cand.place.country:
                countries.add(cand.place.country)
            elif cand.place.kind == "state" and cand.admin1:
                countries.add("USA")
                states.add(cand.admin1)
    # "Atlanta, Georgia": the state of a US city just before the comma, not the country
    if start >= 2 and doc[start - 1].text == ",":
        before = {c.admin1 for c in cands.get(start - 2, ()) if c.place.kind == "city" and c.admin1}
        for cand in cands.get(start, ()):
            if cand.place.kind == "state" and cand.admin1 in before:
                countries.add("USA")
    root = doc[start:end].root
    nodes = [root]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS:
        nodes.append(root.head.head)
    for node in nodes:
        near: list[Token] = []
        for child in node.children:
            if child.i in range(start, end):
                continue
            if child.dep_ in ("amod", "compound", "poss", "nmod", "appos"):
                near.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "in":
                near.extend(c for c in child.children if c.dep_ == "pobj")
        countries |= _country_of_tokens(near, cands)
    return countries, states


def find_places(doc: Doc) -> list[PlaceMention]:
    """The place mentions of a parsed Doc, in text order, each with its geocoded place (None
    when the index does not know it)."""
    if not isinstance(doc, Doc) or len(doc) == 0:
        return []
    spans: list[tuple[int, int, str]] = []  # token [start, end), label
    taken: set[int] = set()

    def claim(start: int, end: int, label: str) -> None:
        spans.append((start, end, label))
        taken.update(range(start, end))

    for ent in doc.ents:
        if ent.label_ not in NER_PLACES:
            continue
        # "Kharkiv, Ukraine" tagged as one entity: two places
        start = ent.start
        for tok in ent:
            if tok.text == "," and tok.i > start:
                claim(start, tok.i, ent.label_)
                start = tok.i + 1
        if start < ent.end:
            s = start + 1 if doc[start].lower_ == "the" and start + 1 < ent.end else start
            claim(s, ent.end, ent.label_)
    demonym_spans = list(_demonym_places(doc, taken))
    for s, e, _ in demonym_spans:
        taken.update(range(s, e))
    for s, e in list(_own_matches(doc, taken)):
        claim(s, e, "MATCH")
    for s, e in list(_named_places(doc, taken)):
        claim(s, e, "NAMED")

    cands: dict[int, tuple[PlaceCandidate, ...]] = {}
    for s, e, _ in spans:
        found = _candidates(doc[s:e].text)
        for i in range(s, e):
            cands[i] = found

    # countries named per sentence and in the article (countries and demonyms)
    sent_of = _sentence_ids(doc)
    per_sent: dict[int, set[str]] = defaultdict(set)
    article: set[str] = set()
    for s, _, _ in spans:
        top = cands.get(s, ())[:1]
        if top and top[0].place.kind == "country" and top[0].place.country:
            per_sent[sent_of[s]].add(top[0].place.country)
            article.add(top[0].place.country)
    for tok in doc:
        demonym = _demonym_at(tok)
        if demonym is not None:
            per_sent[sent_of[tok.i]].add(demonym[1])
            article.add(demonym[1])

    out: list[PlaceMention] = []
    for s, e, label in sorted(spans):
        countries, states = _tight_context(doc, s, e, cands)
        place = _choose(cands.get(s, ()), countries, states, per_sent[sent_of[s]], article)
        hint = place.country if place else (min(countries) if len(countries) == 1 else None)
        span = doc[s:e]
        out.append(PlaceMention(span.start_char, span.end_char, s, e, span.text, label, place, hint))
    for s, e, iso3 in demonym_spans:
        capital = any(doc[i].lower_ == "capital" for i in range(s, e))
        place = _country_place(iso3, capital=capital)
        span = doc[s:e]
        out.append(PlaceMention(span.start_char, span.end_char, s, e, span.text, "DEMONYM", place, iso3))
    out.sort(key=lambda m: m.start)
    return out


def _sentence_ids(doc: Doc) -> list[int]:
    """The sentence number of every token (all 0 when the Doc has no sentence boundaries)."""
    ids = [0] * len(doc)
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return ids
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = n
    return ids


def _choose(
    cands: tuple[PlaceCandidate, ...],
    countries: set[str],
    states: set[str],
    sentence: set[str],
    article: set[str],
) -> Place | None:
    """The best candidate given the countries the text names near the mention."""
    best: PlaceCandidate | None = None
    best_score = -math.inf
    for cand in cands:
        score = cand.score
        country = cand.place.country
        if country in countries:
            score += TIGHT_BONUS
            if cand.admin1 and cand.admin1 in states and cand.place.kind == "city":
                score += STATE_BONUS
        elif cand.place.kind == "city":
            score += SENTENCE_BONUS * (country in sentence) + ARTICLE_BONUS * (country in article)
        if score > best_score:
            best, best_score = cand, score
    return best.place if best else None


# ---- where an event happened


@cache
def _event_nouns() -> frozenset[str]:
    return frozenset(lemma for lemma, pos in triggers() if pos == "NOUN")


def _verbal(tok: Token) -> bool:
    """Is every event type the lexicon gives this trigger word an act in words?"""
    types = {
        trig.type
        for key in ((tok.lemma_.lower(), tok.pos_), (tok.lower_, tok.pos_))
        for trig in triggers().get(key, ())
    }
    return bool(types) and types <= VERBAL_TYPES


def _explicit_slots(tok: Token) -> set[str]:
    """The recipient prepositions the lexicon lists for this trigger word (not the defaults)."""
    out: set[str] = set()
    for key in ((tok.lemma_.lower(), tok.pos_), (tok.lower_, tok.pos_)):
        for trig in triggers().get(key, ()):
            if trig.recipient_slots != DEFAULT_SLOTS:
                out.update(trig.recipient_slots)
    return out


def _anchors(trigger: Token) -> dict[int, tuple[int, int]]:
    """Tokens whose locative phrases belong to the trigger's event -> (depth, first position):
    the trigger; the verb an event noun hangs from when that verb only carries it ("launched
    strikes in X", "the attack took place in X"); the verb a conjoined trigger shares its
    phrases with when the phrase comes after the trigger ("detained and beat protesters in X")."""
    out = {trigger.i: (0, 0)}
    node = trigger
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and node.head.i != node.i:
        verb = node.head
        if verb.pos_ in ("VERB", "AUX") and (
            verb.lemma_.lower() in light_verbs()
            or verb.lower_ in light_verbs()
            or verb.lemma_.lower() in HAPPEN_VERBS
        ):
            out[verb.i] = (1, 0)
    if trigger.pos_ == "VERB":
        if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
            out.setdefault(trigger.head.i, (1, trigger.i + 1))
        if not any(c.dep_ == "dobj" for c in trigger.children):  # "detained and beat protesters in X"
            for conj in trigger.children:
                if conj.dep_ == "conj" and conj.pos_ == "VERB":
                    out.setdefault(conj.i, (1, conj.i + 1))
    return out


def _locative(prep: Token) -> bool:
    """Is this preposition locative where it stands? ("in", "near", "off"...; "on the outskirts",
    "20 km from", "north of", "close to", "as far as")."""
    word = prep.lower_
    head = prep.head
    if word in LOCATIVE_PREPS:
        return True
    if word == "on":
        return any(c.dep_ == "pobj" and c.lower_ in ON_NOUNS for c in prep.children)
    if word == "over":  # "shot down over Belgorod"; not "a dispute over Crimea" (and a city only)
        return head.lemma_.lower() not in TOPIC_NOUNS
    if word == "from":
        return head.lower_ in DISTANCES
    if word == "of":
        return head.lower_ in DIRECTIONS and head.pos_ in ("ADV", "NOUN", "ADJ") and head.dep_ != "pobj"
    if word == "to":
        return head.lower_ in ("close", "next")
    if word == "as":
        return head.lower_ == "far"
    return False


def _climb_start(prep: Token) -> Token:
    """Where a locative phrase attaches: past "far", "close", "north", "20 km" to the word they
    modify; a conjoined preposition attaches where its first conjunct does."""
    node = prep.head
    for _ in range(4):
        if node.dep_ == "conj" and node.pos_ == "ADP" and node.i == prep.head.i:
            node = node.head.head
            continue
        if node.lower_ in DIRECTIONS | DISTANCES | {"far", "close", "next", "as"} and node.head.i != node.i:
            node = node.head
            continue
        break
    return node


def _path_to_anchor(prep: Token, anchors: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """(how many nouns lie between a locative phrase and the anchor it hangs from, the anchor's
    depth), or None when the phrase is in another clause, inside a destination or origin, or
    inside another event noun."""
    node = _climb_start(prep)
    depth = 0
    event_nouns = _event_nouns()
    for _ in range(len(prep.doc)):
        if node.i in anchors:
            anchor_depth, first = anchors[node.i]
            return (depth, anchor_depth) if prep.i >= first else None
        dep = node.dep_
        if dep in CLAUSE_DEPS or node.head.i == node.i:
            return None
        if node.pos_ == "VERB" and dep == "conj":
            return None
        if node.pos_ in ("NOUN", "PROPN"):
            via = node.head.lower_ if dep == "pobj" else None
            if via in ARGUMENT_PREPS:
                return None
            if (
                node.lemma_.lower() in event_nouns
                and dep not in ("conj", "appos")
                and via not in EXAMPLE_PREPS
            ):
                return None
            depth += 1
        node = node.head
    return None


def _mention_of(obj: Token, by_token: dict[int, PlaceMention], hops: int = 0) -> PlaceMention | None:
    """The place a preposition's object names: itself, or through a place noun ("the town of X",
    "the Donetsk region", "Ukraine's south", "the border with Poland")."""
    found = by_token.get(obj.i)
    if found is not None and found.place is not None or hops > 3:
        return found
    if found is None and obj.lower_ not in PLACE_NOUNS and obj.lemma_.lower() not in PLACE_NOUNS:
        return None
    for child in obj.children:  # the place named after it first: "the Red Sea port town of Mokha"
        if child.dep_ == "prep" and child.lower_ in ("of", "with"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    inner = _mention_of(pobj, by_token, hops + 1)
                    if inner is not None:
                        return inner
    if found is not None:  # "the Southern District of Virginia": Virginia, else the district
        return found
    for child in obj.children:
        if child.dep_ in ("compound", "poss", "nmod", "amod") and child.i in by_token:
            return by_token[child.i]
    return None


def _is_argument(prep: Token, trigger: Token, mention: PlaceMention) -> bool:
    """A target written as a place: "fired at Israel" (a country is never where at, nor a name
    the index does not know: "levelled criticism at Biden")."""
    if prep.lower_ != "at":
        return False
    if mention.place is None or mention.place.kind == "country":
        return True
    return prep.head.i == trigger.i and "at" in _explicit_slots(trigger)


def _plausible_unknown(mention: PlaceMention) -> bool:
    """Is a place the index does not know still worth naming? Only when something besides the
    tagger says it is a place: a country or state written by it ("Babyninsky, Russia"), "the town
    of X", a place word ending the name ("Coös County", "at Bradley Airport"); not "resigned his
    leadership in Civic Passion" (tagged FAC), not "life on Mars" (tagged LOC)."""
    words = fold(mention.text).split()
    if not words or not mention.text[:1].isupper() or " ".join(words) in VAGUE_PLACES:
        return False
    return bool(mention.hint) or mention.label == "NAMED" or words[-1] in UNKNOWN_PLACE_WORDS


def place_index(doc: Doc, places: list[PlaceMention]) -> dict[int, PlaceMention]:
    """Token index -> the place mention covering it (build once per article, then pass it to
    `place_for` for every event)."""
    by_token: dict[int, PlaceMention] = {}
    for m in places:
        if not isinstance(m, PlaceMention) or not 0 <= m.tok_start < m.tok_end <= len(doc):
            continue
        if doc[m.tok_start : m.tok_end].text == m.text:
            for i in range(m.tok_start, m.tok_end):
                by_token[i] = m
    return by_token


def place_for(
    doc: Doc, places: list[PlaceMention] | dict[int, PlaceMention], trigger_index: int
) -> dict[str, Any] | None:
    """Where the event whose trigger is token `trigger_index` happened, as the newsgraph/1
    `place` dict, when a locative phrase of the trigger's clause says so; else None.
    `places` is `find_places(doc)`, or `place_index(doc, ...)` of it when called per event."""
    if not isinstance(doc, Doc) or not places or not isinstance(trigger_index, int):
        return None
    if not 0 <= trigger_index < len(doc) or not doc.has_annotation("DEP"):
        return None
    trigger = doc[trigger_index]
    by_token = places if isinstance(places, dict) else place_index(doc, places)
    if not by_token:
        return None
    sent = trigger.sent
    anchors = _anchors(trigger)
    verbal = _verbal(trigger)
    best: tuple[tuple[int, int, int, int], PlaceMention] | None = None
    for prep in sent:
        if prep.pos_ != "ADP" and prep.dep_ != "prep" or not _locative(prep):
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        mention = _mention_of(objects[0], by_token)
        if mention is None or _is_argument(prep, trigger, mention):
            continue
        if prep.lower_ == "over" and (
            mention.place is None or mention.place.kind not in ("city", "facility")
        ):
            continue
        if mention.place is None and not _plausible_unknown(mention):
            continue
        path = _path_to_anchor(prep, anchors)
        if path is None or path[0] > (0 if verbal else MAX_NOUNS):
            continue
        kind = mention.place.kind if mention.place else "unknown"
        rank = (sum(path), mention.place is None, KIND_RANK.get(kind, 1), abs(prep.i - trigger.i))
        if best is None or rank < best[0]:
            best = (rank, mention)
    return best[1].to_dict() if best else None
