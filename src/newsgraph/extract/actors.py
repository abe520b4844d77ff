"""Actor mentions: who can take part in an event, resolved to kind, country and sector.

Sources of mentions, in order of trust: the gazetteer (states, capitals and seats of power,
organisations), named entities (people, organisations, places), role nouns without a name
("the police", "officials", "North Korean soldiers"). Countries come from markers around the
mention (demonyms, country names, titles, appositions); failing those, from the article's
country of focus (`resolve_defaults`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from newsgraph.extract.geocode import city_country
from newsgraph.lexicon import Entry, civil_society, gazetteer, lemma_of, roles, rows, titles, word_classes

NON_STATE = {"IGO", "NGO", "MNC"}  # "countries" of actors that belong to no state

# Sector precedence when several role words name one organisation ("Police Department").
SECTOR_RANK = {s: i for i, s in enumerate(["COP", "MIL", "JUD", "LEG", "SPY", "REB", "PTY", "JRN", "MED"])}
PERSON_NER = {"PERSON"}
ORG_NER = {"ORG"}
PLACE_NER = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"ORG", "PERSON", "FAC", "WORK_OF_ART"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"}
NAME_SKIP = {"det", "predet", "nummod", "quantmod", "advmod", "punct", "cc"}
VAGUE_MODIFIERS = {"western", "foreign", "international", "unknown", "unidentified", "local"}


@dataclass
class Mention:
    start: int  # token offsets [start, end)
    end: int
    head: int
    name: str
    kind: str  # person | organization | state | group
    country: str | None
    sector: str | None
    role: str | None
    key: str  # mentions with one key are one actor
    rule: str  # what found it, for the evidence trail
    plural: bool = False
    needs_country: bool = False  # fill from the article's focus when nothing else says


@cache
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[int, Entry]]:
    """A case-sensitive phrase matcher over every gazetteer form (built once per vocab)."""
    gaz = gazetteer()
    matcher = PhraseMatcher(vocab, attr="ORTH")
    labels: dict[int, Entry] = {}
    tokenizer = English().tokenizer  # the English tokenizer rules, as the pipeline splits text
    forms = [(form, entry) for form, entry in gaz.names.items()]
    forms += [(form, Entry(form, "demonym", iso3, None)) for form, iso3 in gaz.demonyms.items()]
    forms += [(form, Entry(p.name, "person", p.country, p.sector)) for form, p in gaz.people.items()]
    for n, (form, entry) in enumerate(forms):
        label = f"G{n}"
        key = vocab.strings.add(label)
        labels[key] = entry
        words = [t.text for t in tokenizer(form)]
        matcher.add(label, [Doc(vocab, words=words)])
    return matcher, labels


def misread_place(span: Span, entry: Entry, ents: dict[int, Name], surnames: set[str]) -> bool:
    """A country or capital name that is part of something else here: a person's name
    ("Jordan Whitfield"; "Lena Lyon ... Lyon said") or a longer place ("New Jersey")."""
    if entry.kind != "state" or len(span) != 1:
        return False
    person = ents.get(span.start)
    if span.text in surnames or (
        person is not None and person.label in PERSON_NER and person.end - person.start > 1
    ):
        return True
    return inside_longer_name(span, {"GPE", "LOC"}, ents)


def gazetteer_spans(doc: Doc) -> list[tuple[Span, Entry]]:
    matcher, labels = _matcher(doc.vocab)
    found = [(Span(doc, s, e), labels[m]) for m, s, e in matcher(doc)]
    keep = {(s.start, s.end) for s in filter_spans([s for s, _ in found])}
    return [(s, entry) for s, entry in found if (s.start, s.end) in keep]


def elliptical_states(doc: Doc, spans: list[tuple[Span, Entry]]) -> list[tuple[Span, Entry]]:
    """ "North and South Korea", "East and West Germany": the first word of a coordination
    shares the name's last words, when together they name a state."""
    gaz = gazetteer()
    out: list[tuple[Span, Entry]] = []
    for span, entry in spans:
        if entry.kind != "state" or len(span) < 2 or span.start < 2:
            continue
        cc, first = doc[span.start - 1], doc[span.start - 2]
        if cc.lower_ not in {"and", "or", "&"} or not first.is_title:
            continue
        other = gaz.names.get(" ".join([first.text, *(t.text for t in span[1:])]))
        if other is not None and other.kind == "state" and other.country != entry.country:
            out.append((Span(doc, first.i, first.i + 1), other))
    return out


def country_markers(doc: Doc, spans: Iterable[tuple[Span, Entry]]) -> dict[int, str]:
    """Token index -> country (or IGO/NGO/MNC) for every token inside a demonym, country,
    seat or organisation match."""
    markers: dict[int, str] = {}
    for span, entry in spans:
        if entry.country:
            for t in span:
                markers[t.i] = entry.country
    return markers


def role_of(token: Token) -> tuple[str, str] | None:
    table = roles()
    lemma = token.lemma_.lower()
    if token.i > 0:
        two = f"{token.doc[token.i - 1].lemma_.lower()} {lemma}"
        if two in table:
            return table[two]
    return table.get(lemma) or table.get(token.text.lower())


def best_sector(sectors: Iterable[str]) -> str | None:
    found = [s for s in sectors if s]
    return min(found, key=lambda s: SECTOR_RANK.get(s, 99)) if found else None


def title_sector(words: list[str]) -> tuple[str | None, str | None]:
    """Longest title found in `words` (lower-cased) -> (title text, sector)."""
    table = titles()
    best: tuple[str | None, str | None] = (None, None)
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in table:
                return phrase, table[phrase]
    return best


def modifier_tokens(head: Token, markers: dict[int, str] | None = None) -> list[Token]:
    """Tokens of `head`'s noun phrase before it, plus its possessor and of/in/from objects.
    With `markers`, a from-phrase gives a country of origin but no organisation: "a defector
    from the church" has left it."""
    out = [t for t in head.subtree if t.i < head.i and t.dep_ not in {"relcl", "acl", "punct"}]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "from", "for"}:
            words = [t for t in child.subtree if t.i > child.i][:6]
            if child.lower_ == "from" and markers is not None:
                words = [t for t in words if markers.get(t.i) not in NON_STATE]
            out += words
    return out


def marker_country(tokens: Iterable[Token], markers: dict[int, str]) -> str | None:
    counts = Counter(markers[t.i] for t in tokens if t.i in markers)
    return counts.most_common(1)[0][0] if counts else None


def state_mention(country: str, i: int, rule: str) -> Mention:
    """The state a nationality word or country marker at token `i` stands for."""
    name = gazetteer().country_names.get(country, country)
    return Mention(i, i + 1, i, name, "state", country, "GOV", None, f"state:{country}", rule)


def political(m: Mention) -> bool:
    """States, office holders, forces and national groups: actors of politics, not passers-by
    or companies."""
    if m.sector == "BUS" or m.country == "MNC":
        return False
    return (
        m.kind == "state"
        or m.sector is not None
        or m.country in {"IGO", "NGO"}
        or (m.kind == "group" and m.country is not None)
    )


@cache
def person_words() -> frozenset[str]:
    """Nouns that say a name is a person's: "woman", "minister", "spokesman"."""
    persons = {r for r, (kind, _) in roles().items() if kind == "person"}
    return word_classes()["person"] | frozenset(titles()) | persons


def described_people(doc: Doc) -> list[Span]:
    """Names the tagger took for places or missed, that an apposition shows to be people:
    "Dakota Kenya, an American woman, ...", "Aurelia Madrid, a Chilean nurse, ..."."""
    people = person_words()
    found = []
    for token in doc:
        if token.dep_ != "appos" or token.lemma_.lower() not in people or token.head.pos_ != "PROPN":
            continue
        head = token.head
        start = head.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == head.i:
            start -= 1
        span = doc[start : head.i + 1]
        named = len(span) > 1 and all(t.is_title and t.pos_ == "PROPN" for t in span)
        if named and not any(t.ent_type_ in PERSON_NER for t in span):
            found.append(span)
    return found


def find_mentions(doc: Doc) -> tuple[list[Mention], dict[int, str]]:
    """Actor mentions, and the country markers (token -> ISO3) found on the way."""
    if people := described_people(doc):  # the names the tagger misread, as PERSON entities
        repaired = [Span(doc, s.start, s.end, label="PERSON") for s in people]
        doc.ents = filter_spans(
            repaired + [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in repaired)]
        )
    ents = names(doc)
    person_tokens = {i for i, e in ents.items() if e.label in PERSON_NER}
    surnames = {doc[e.end - 1].text for e in ents.values() if e.label in PERSON_NER and e.end - e.start > 1}
    spans = [(s, entry) for s, entry in gazetteer_spans(doc) if not misread_place(s, entry, ents, surnames)]
    spans += elliptical_states(doc, spans)
    markers = country_markers(doc, spans)
    mentions: list[Mention] = []
    taken: set[int] = set()

    def add(m: Mention) -> None:
        mentions.append(m)
        taken.update(range(m.start, m.end))

    for span, entry in spans:
        if entry.kind == "region":
            if span.root.dep_ in ARG_DEPS and span.root.pos_ in {"PROPN", "NOUN"}:
                add(
                    Mention(
                        span.start,
                        span.end,
                        span.root.i,
                        span.text,
                        "group",
                        None,
                        None,
                        None,
                        f"region:{span.text}",
                        "region (no country)",
                        plural=True,
                    )
                )
            continue
        if entry.kind in {"organization", "group"} and inside_longer_name(span, NAME_LABELS, ents):
            continue  # "Democrats" in "the Neo Democrats" is another party
        if entry.kind == "person":  # a public figure, whether or not the tagger saw a name
            add(person_mention(span, markers))
            continue
        if entry.kind == "demonym":
            root = span.root
            # "the North Koreans", "Americans said": a demonym heading its own phrase is a group
            if root.tag_ in {"NNS", "NNPS"} or (root.pos_ != "ADJ" and root.dep_ in ARG_DEPS):
                add(
                    Mention(
                        span.start,
                        span.end,
                        root.i,
                        span.text,
                        "group",
                        entry.country,
                        None,
                        None,
                        f"group:{entry.country}",
                        "demonym as noun",
                        plural=True,
                    )
                )
            continue
        kind = entry.kind
        key = f"state:{entry.country}" if kind == "state" else f"org:{entry.name}"
        add(
            Mention(
                span.start,
                span.end,
                span.root.i,
                entry.name,
                kind,
                entry.country,
                entry.sector,
                None,
                key,
                "gazetteer",
                plural=kind == "group",
            )
        )

    for ent in doc.ents:
        if any(t.i in taken for t in ent):
            continue
        if ent.label_ in PERSON_NER and ent.root.dep_ == "compound" and role_of(ent.root.head):
            continue  # "Riot police": a modifier of a role noun, not a person
        if ent.label_ in PERSON_NER or ent.text in surnames:  # "Holloway said", tagged ORG
            add(person_mention(ent, markers))
        elif ent.label_ in ORG_NER and in_title(ent, person_tokens):
            continue
        elif ent.label_ in ORG_NER and ent.root.lemma_.lower() in civil_society() and len(names_of(ent)) > 1:
            # "the British Red Cross", "the Orthodox Church": no government's, whatever its home
            # (a bare "the Church" is left to name the organisation named before with it)
            sector = civil_society()[ent.root.lemma_.lower()] or None
            add(entity_mention(ent, "organization", "NGO", sector, f"org:{ent.text}", "named NGO"))
        elif ent.label_ in ORG_NER:
            # "the Russian state agency TASS", "the Kremlin-funded channel Zvezda Plus"
            described = ent.root.head if ent.root.dep_ == "appos" else ent.root
            country = marker_country(ent, markers) or marker_country(
                [t for t in described.subtree if t.i < ent.start], markers
            )
            sector = best_sector(r[1] for t in ent if (r := role_of(t)))
            add(
                entity_mention(
                    ent,
                    "organization",
                    country,
                    sector,
                    f"org:{ent.text}",
                    "named organisation",
                    needs_country=country is None,
                )
            )
        elif ent.label_ in PLACE_NER and (country := city_country(ent.text)):
            add(
                entity_mention(
                    ent,
                    "organization",
                    country,
                    "GOV",
                    f"place:{ent.text}",
                    "city or region (local authority)",
                )
            )
            for t in ent:
                markers.setdefault(t.i, country)
        elif ent.label_ == "NORP" and ent.root.tag_ in {"NNPS", "NNS"}:
            # "Iraqi Kurds", "Turkish Kurd refugees": a people takes the country named with it
            country = marker_country([*ent, *modifier_tokens(ent.root)], markers)
            add(
                entity_mention(
                    ent, "group", country, None, f"group:{ent.text}:{country}", "named group", plural=True
                )
            )

    for token in doc:
        # "Whitmore stated" after "Steve Whitmore": a surname the tagger missed, as a source or
        # as a side ("Okafor surrendered")
        if (
            token.i not in taken
            and token.text in surnames
            and token.is_title
            and not token.ent_type_
            and (speaking(token) or token.dep_ in ARG_DEPS)
        ):
            add(person_mention(doc[token.i : token.i + 1], markers))
    for token in doc:
        if token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        role = role_of(token)
        if role is None or token.dep_ == "compound":
            continue  # "Ministry spokeswoman", "media propaganda": the head names what it is
        mods = modifier_tokens(token, markers)
        country = marker_country(mods, markers)
        # "foreign troops", "unknown gunmen": a side the text leaves vague stays without a country
        vague = any(t.lower_ in VAGUE_MODIFIERS for t in mods if t.dep_ == "amod")
        # "hackers" with nothing to place them: left without a country, not the focus country's
        needs = country is None and not vague and token.lemma_.lower() not in word_classes()["unplaced"]
        kind, sector = role
        plural = token.tag_ in {"NNS", "NNPS"}
        if kind == "group" and not plural:
            kind = "person"  # "a defector", "the activist": one person ("he", "she" name them)
        org_sectors = [m.sector for m in mentions if m.head in {t.i for t in mods} and m.sector]
        start = min([t.i for t in mods if t.i < token.i] + [token.i])
        start = next((t.i for t in doc[start : token.i + 1] if t.dep_ not in NAME_SKIP), token.i)
        name = doc[start : token.i + 1].text
        sector = best_sector([sector, *org_sectors]) if sector == "GOV" else sector
        lemma = token.lemma_.lower()
        if lemma in civil_society():  # "the church", "the charity": an NGO, not the focus country
            country, needs = "NGO", False
        elif country is None and any(
            t.dep_ == "compound" and t.lemma_.lower() in civil_society() for t in token.children
        ):
            country, needs = "NGO", False  # "a church lawyer", "charity officials": theirs
        add(
            Mention(
                start,
                token.i + 1,
                token.i,
                name,
                kind,
                country,
                sector,
                lemma,
                f"role:{lemma}:{country}:{sector}",
                "role noun",
                plural=plural,
                needs_country=needs,
            )
        )
    link_acronyms(doc, mentions)
    return mentions, markers


@cache
def cue_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in rows("cues.tsv") if r["pos"] == "VERB")


def speaking(token: Token) -> bool:
    """The token names who says something: the subject of a cue verb ("Whitmore stated") or
    the object of "according to"."""
    head = token.head
    if token.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        return lemma_of(head) in cue_verbs()
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def link_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """ "The International Labor Office (ILO)", "Movement for ... (MASSOB)": a name and the
    acronym in brackets after it are one actor; whichever is known lends the other its facts."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.end + 2 >= len(doc) or doc[m.end].text != "(":
            continue
        short = by_start.get(m.end + 1)
        if short is None or short.end >= len(doc) or doc[short.end].text != ")" or short.kind == "person":
            continue
        known, other = (short, m) if short.rule == "gazetteer" or m.needs_country else (m, short)
        other.name, other.key, other.kind = known.name, known.key, known.kind
        other.country, other.sector, other.needs_country = known.country, known.sector, known.needs_country


def title_window(ent: Span) -> list[Token]:
    """The words just before a name that can be its title ("White House national security
    spokesman" John Kirby): nouns, proper nouns, adjectives and possessives, back to the
    first word of another kind."""
    out: list[Token] = []
    for t in reversed(ent.doc[max(ent.sent.start, ent.start - 8) : ent.start]):
        if t.pos_ not in {"PROPN", "NOUN", "ADJ", "PART"} and t.tag_ != "POS" and t.text not in {"-", "."}:
            break
        out.append(t)
    return out[::-1]


@dataclass(frozen=True)
class Name:
    """A named entity, its leading determiners left out ("the Neo Democrats")."""

    start: int
    end: int
    label: str


def names(doc: Doc) -> dict[int, Name]:
    """Token index -> the named entity covering it (entities do not overlap)."""
    out: dict[int, Name] = {}
    for e in doc.ents:
        start = e.start
        while start < e.end - 1 and doc[start].dep_ == "det":
            start += 1
        name = Name(start, e.end, e.label_)
        for i in range(e.start, e.end):
            out[i] = name
    return out


def inside_longer_name(span: Span, labels: set[str], ents: dict[int, Name]) -> bool:
    """A gazetteer name found inside a longer named entity that it does not begin."""
    e = ents.get(span.start)
    return e is not None and e.start < span.start and e.end >= span.end and e.label in labels


def names_of(ent: Span) -> list[Token]:
    """The words of a name without its determiner ("The Church" -> ["Church"])."""
    return [t for t in ent if t.dep_ != "det"]


def entity_mention(
    ent: Span,
    kind: str,
    country: str | None,
    sector: str | None,
    key: str,
    rule: str,
    *,
    plural: bool = False,
    needs_country: bool = False,
) -> Mention:
    """A mention that is a named entity as the tagger found it."""
    return Mention(
        ent.start,
        ent.end,
        ent.root.i,
        ent.text,
        kind,
        country,
        sector,
        None,
        key,
        rule,
        plural=plural,
        needs_country=needs_country,
    )


def in_title(ent: Span, person_tokens: set[int]) -> bool:
    """ "Defense" in "Defense Secretary Lloyd Austin" is part of a title, not an organisation."""
    head = ent.root.head
    return ent.root.dep_ == "compound" and (
        head.i in person_tokens or (head.dep_ == "compound" and head.head.i in person_tokens)
    )


def person_mention(ent: Span, markers: dict[int, str]) -> Mention:
    """A named person, with country and sector from titles and appositions around the name."""
    root = ent.root
    context = title_window(ent)
    for child in root.children:
        if child.dep_ == "appos":
            context += [t for t in child.subtree if t.dep_ not in {"relcl", "acl"}]
        if child.dep_ == "prep" and child.lower_ == "of":  # "King Hassan of Morocco"
            context += list(child.subtree)
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        context += [t for t in root.head.subtree if t.i < ent.start]
    words = [t.lower_ for t in sorted(context, key=lambda t: t.i)]
    title, sector = title_sector(words)
    if sector is None:
        sector = best_sector(r[1] for t in context if (r := role_of(t)))
    country = marker_country(context, markers)
    if country in {"NGO", "MNC"} and sector is None and title is None:
        country = None  # "a member of Greenpeace", "a customer of Shell": no one it acts for
    name = ent.text
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    known = gazetteer().people.get(name)
    if known is not None:  # a public figure: the table fills what the text leaves out
        name = known.name
        country = country or known.country
        sector = sector or known.sector
        title = title or known.role
    return Mention(
        ent.start,
        ent.end,
        root.i,
        name,
        "person",
        country,
        sector,
        title,
        f"person:{name}",
        "named person",
        needs_country=country is None,
    )
