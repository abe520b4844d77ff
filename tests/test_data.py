"""The data files in `newsgraph/data`: they load, and every row says something valid."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pycountry
import pytest

from newsgraph import lexicon
from newsgraph.extract.senses import SENSES
from newsgraph.lexicon import rows, split

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
SECTORS = {
    "GOV", "MIL", "LEG", "JUD", "COP", "REB", "PTY", "CVL", "JRN", "MED",
    "BUS", "REL", "SPY", "EDU", "HLH", "IGO", "NGO",
}  # fmt: skip
KINDS = {"person", "organization", "state", "group"}
NON_STATE_COUNTRIES = {"IGO", "NGO", "MNC"}
SENSE_NAMES = set(SENSES)  # the checks extract/events.py implements
ISO3 = re.compile(r"^[A-Z]{3}$")


def data_files() -> list[str]:
    return sorted(p.name for p in resources.files("newsgraph.data").iterdir() if p.name.endswith(".tsv"))


def country_codes() -> set[str]:
    return {row["iso3"] for row in rows("countries.tsv")}


# ---- every file


@pytest.mark.parametrize("name", data_files())
def test_a_data_file_loads_with_rows(name):
    assert list(rows(name)), name


@pytest.mark.parametrize("name", data_files())
def test_a_data_file_has_no_empty_keys_and_full_rows(name):
    text = resources.files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    width = len(lines[0].split("\t"))
    for n, line in enumerate(lines[1:], 2):
        assert len(line.split("\t")) <= width, f"{name} data line {n}: {line!r}"
        assert line.split("\t")[0].strip(), f"{name} data line {n} has an empty key"


def test_the_lexicon_loaders_build_their_tables():
    assert lexicon.triggers()
    assert lexicon.word_classes()
    assert lexicon.roles()
    assert lexicon.titles()
    assert lexicon.light_verbs()
    gaz = lexicon.gazetteer()
    assert gaz.names and gaz.demonyms and gaz.country_names


# ---- triggers.tsv


def test_every_trigger_type_is_a_plover_type_or_none():
    # NONE marks a sense that is no event ("press release", "heart attack"): a stop entry
    bad = [(r["lemma"], r["type"]) for r in rows("triggers.tsv") if r["type"] not in PLOVER_TYPES | {"NONE"}]
    assert bad == []


def test_none_rows_carry_no_mode_recipient_or_sense():
    for r in rows("triggers.tsv"):
        if r["type"] == "NONE":
            assert (r["mode"], r["recipient"], r["sense"]) == ("", "", ""), r["lemma"]


def test_every_plover_type_has_triggers():
    assert {r["type"] for r in rows("triggers.tsv")} - {"NONE"} == PLOVER_TYPES


def test_every_trigger_pos_is_verb_or_noun_or_adjective():
    # adjectives are the documented third part of speech: "X is critical of Y"
    bad = [(r["lemma"], r["pos"]) for r in rows("triggers.tsv") if r["pos"] not in {"VERB", "NOUN", "ADJ"}]
    assert bad == []


def test_most_triggers_are_verbs_or_nouns():
    pos = [r["pos"] for r in rows("triggers.tsv")]
    assert pos.count("ADJ") < len(pos) // 10


def test_trigger_lemmas_are_lower_case_words():
    bad = [r["lemma"] for r in rows("triggers.tsv") if not re.fullmatch(r"[a-z][a-z_-]*", r["lemma"])]
    assert bad == []


def test_trigger_modes_are_lower_case_words():
    bad = [
        (r["lemma"], r["mode"])
        for r in rows("triggers.tsv")
        if r["mode"] and not re.fullmatch(r"[a-z-]+", r["mode"])
    ]
    assert bad == []


def test_no_trigger_row_is_repeated():
    seen: set[tuple[str, ...]] = set()
    for r in rows("triggers.tsv"):
        key = (r["lemma"], r["pos"], r["type"], r["sense"])
        assert key not in seen, key
        seen.add(key)


def test_every_sense_names_a_known_constraint():
    for r in rows("triggers.tsv"):
        for sense in split(r["sense"].replace(",", "|")):
            assert sense.partition("=")[0] in SENSE_NAMES, (r["lemma"], sense)


def test_every_sense_class_exists_in_classes_tsv():
    classes = {r["class"] for r in rows("classes.tsv")}
    for r in rows("triggers.tsv"):
        for sense in split(r["sense"].replace(",", "|")):
            name, _, value = sense.partition("=")
            if name in {"obj", "noobj", "subj"} and value not in {"actor", "person", "any"}:
                assert value in classes, (r["lemma"], sense)


def test_recipient_slots_are_obj_or_prepositions():
    for r in rows("triggers.tsv"):
        for slot in (s.strip() for s in r["recipient"].split(",") if s.strip()):
            assert re.fullmatch(r"obj|[a-z]+", slot), (r["lemma"], slot)


# ---- classes.tsv, light_verbs.tsv, domains.tsv


def test_word_classes_are_non_empty_and_lower_case():
    for name, lemmas in lexicon.word_classes().items():
        assert lemmas, name
        assert all(lemma == lemma.lower() for lemma in lemmas), name


def test_light_verb_subjects_are_actor_recipient_or_mutual():
    bad = [
        (r["lemma"], r["subject"])
        for r in rows("light_verbs.tsv")
        if r["subject"] not in {"actor", "recipient", "mutual"}
    ]
    assert bad == []


def test_light_verb_retypes_map_plover_types_to_plover_types():
    for r in rows("light_verbs.tsv"):
        for rule in split(r.get("retype", "").replace(",", "|")):
            old, _, new = rule.partition(">")
            assert old in PLOVER_TYPES and new in PLOVER_TYPES, (r["lemma"], rule)


def test_domain_vocabularies_are_non_empty():
    for r in rows("domains.tsv"):
        assert len(split(r["terms"])) >= 10, r["domain"]


# ---- roles.tsv, titles.tsv


def test_role_kinds_are_actor_kinds():
    bad = [(r["lemma"], r["kind"]) for r in rows("roles.tsv") if r["kind"] not in KINDS - {"state"}]
    assert bad == []


def test_role_sectors_are_sector_codes():
    bad = [(r["lemma"], r["sector"]) for r in rows("roles.tsv") if r["sector"] not in SECTORS]
    assert bad == []


def test_title_sectors_are_sector_codes():
    bad = [(r["title"], r["sector"]) for r in rows("titles.tsv") if r["sector"] not in SECTORS]
    assert bad == []


def test_roles_and_titles_are_lower_case_and_unique():
    for name, key in (("roles.tsv", "lemma"), ("titles.tsv", "title")):
        keys = [r[key] for r in rows(name)]
        assert all(k == k.lower() for k in keys), name
        assert len(keys) == len(set(keys)), name


# ---- countries.tsv


def test_country_codes_are_unique_iso3():
    codes = [r["iso3"] for r in rows("countries.tsv")]
    assert len(codes) == len(set(codes))
    assert all(ISO3.match(code) for code in codes)


def test_country_codes_are_iso_3166_or_known_historical_or_user_assigned():
    # SUN, YUG, DDR ... are ISO 3166-3 (former countries); XKX is the code used for Kosovo
    for code in country_codes():
        known = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
        assert known or code.startswith("X") or code in {"SCG", "YMD", "VDR", "RHO"}, code


def test_every_current_country_is_in_countries_tsv():
    missing = {c.alpha_3 for c in pycountry.countries} - country_codes()
    assert missing == set()


def test_every_country_has_a_name():
    assert all(r["name"] for r in rows("countries.tsv"))


# ---- organizations.tsv


def test_organisation_countries_are_iso3_or_igo_ngo_mnc():
    codes = country_codes()
    for r in rows("organizations.tsv"):
        country = r["country"]
        if not country:
            continue
        ok = country in NON_STATE_COUNTRIES or country in codes or pycountry.countries.get(alpha_3=country)
        assert ok, (r["name"], country)


def test_organisation_kinds_are_actor_kinds():
    bad = [(r["name"], r["kind"]) for r in rows("organizations.tsv") if r["kind"] not in KINDS]
    assert bad == []


def test_organisation_sectors_are_sector_codes_or_empty():
    bad = [
        (r["name"], r["sector"])
        for r in rows("organizations.tsv")
        if r["sector"] and r["sector"] not in SECTORS
    ]
    assert bad == []


def test_organisation_names_are_unique():
    names = [r["name"] for r in rows("organizations.tsv")]
    assert sorted({n for n in names if names.count(n) > 1}) == []


# ---- the gazetteer as a whole


def test_no_name_or_alias_maps_to_two_different_countries():
    where: dict[str, set[str]] = defaultdict(set)
    for r in rows("countries.tsv"):
        for form in [r["name"], *split(r["aliases"]), *split(r["seats"])]:
            where[form].add(r["iso3"])
    for r in rows("organizations.tsv"):
        for form in [r["name"], *split(r["aliases"])]:
            where[form].add(r["country"] or "-")
    clashes = {form: sorted(codes) for form, codes in where.items() if len(codes) > 1}
    assert clashes == {}


def test_no_demonym_maps_to_two_different_countries():
    where: dict[str, set[str]] = defaultdict(set)
    for r in rows("countries.tsv"):
        for form in split(r["demonyms"]):
            where[form].add(r["iso3"])
    assert {form: sorted(codes) for form, codes in where.items() if len(codes) > 1} == {}


def test_no_name_is_both_a_country_and_an_organisation():
    states = {form for r in rows("countries.tsv") for form in [r["name"], *split(r["aliases"])]}
    organisations = {form for r in rows("organizations.tsv") for form in [r["name"], *split(r["aliases"])]}
    assert states & organisations == set()


def test_the_built_gazetteer_resolves_each_country_name_to_its_row():
    gaz = lexicon.gazetteer()
    for r in rows("countries.tsv"):
        entry = gaz.names.get(r["name"])
        assert entry is not None and entry.country == r["iso3"], (r["name"], entry)


def test_the_built_gazetteer_resolves_each_seat_of_power_to_its_country():
    gaz = lexicon.gazetteer()
    for r in rows("countries.tsv"):
        for seat in split(r["seats"]):
            assert gaz.names[seat].country == r["iso3"], (seat, gaz.names[seat])
