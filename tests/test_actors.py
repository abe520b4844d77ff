"""Actors: who is named, what kind of actor it is, and which country and sector it acts for.
One test per rule of actor finding and resolution."""

from __future__ import annotations

from helpers import actor_mentioned_as, actors_by_id, event_at, extract, mention_texts, summary

# ---- named states and their aliases


def test_a_named_country_is_a_state_actor():
    rec = extract("Russia expelled two Moroccan diplomats on Wednesday.")
    russia = actor_mentioned_as(rec, "Russia")
    assert (russia["kind"], russia["country"], russia["sector"]) == ("state", "RUS", "GOV")


def test_a_state_actor_is_named_by_its_display_name():
    rec = extract("Russia expelled two Moroccan diplomats on Wednesday.")
    assert actor_mentioned_as(rec, "Russia")["name"] == "Russia"


def test_an_abbreviated_alias_names_the_state():
    rec = extract("The U.S. criticized Cuba on Wednesday.")
    usa = actor_mentioned_as(rec, "U.S.")
    assert (usa["kind"], usa["country"]) == ("state", "USA")


def test_a_news_alias_names_the_state():
    rec = extract("Britain summoned the Iranian ambassador on Friday.")
    uk = actor_mentioned_as(rec, "Britain")
    assert (uk["kind"], uk["country"]) == ("state", "GBR")


def test_every_mention_of_one_state_is_one_actor():
    rec = extract("The United States warned Cuba. Later the U.S. praised Cuba for its restraint.")
    usa = [a for a in rec["actors"] if a["country"] == "USA"]
    assert len(usa) == 1, summary(rec)
    assert mention_texts(rec, usa[0]) == ["United States", "U.S."]


def test_a_country_inside_a_persons_name_is_not_the_state():
    rec = extract("Jordan Whitfield criticized the new tax on Tuesday.")
    assert not [a for a in rec["actors"] if a["country"] == "JOR"], summary(rec)


# ---- nationality words and role nouns


def test_demonym_with_a_role_noun_is_a_national_group():
    rec = extract("Chinese troops crossed the border on Monday.")
    troops = actor_mentioned_as(rec, "Chinese troops")
    assert (troops["kind"], troops["country"], troops["sector"]) == ("group", "CHN", "MIL")


def test_demonym_with_police_is_that_countrys_police():
    rec = extract("Kenyan police arrested protesters in Nairobi on Tuesday.")
    police = actor_mentioned_as(rec, "Kenyan police")
    assert (police["country"], police["sector"]) == ("KEN", "COP")


def test_a_plural_demonym_is_a_group_of_that_country():
    rec = extract("Hungarians voted in large numbers on Sunday.")
    hungarians = actor_mentioned_as(rec, "Hungarians")
    assert (hungarians["kind"], hungarians["country"]) == ("group", "HUN")


def test_a_role_noun_without_a_name_takes_the_articles_country_of_focus():
    rec = extract(
        "France has faced weeks of unrest over fuel prices. "
        "The French government promised new measures on Monday. "
        "Police fired tear gas at demonstrators on Tuesday."
    )
    police = actor_mentioned_as(rec, "Police")
    assert (police["country"], police["sector"]) == ("FRA", "COP")


def test_a_role_noun_takes_the_country_of_its_possessor():
    rec = extract("Morocco's foreign minister visited Spain on Thursday.")
    minister = actor_mentioned_as(rec, "Morocco's foreign minister")
    assert (minister["kind"], minister["country"], minister["sector"]) == ("person", "MAR", "GOV")


def test_two_possessed_role_nouns_are_two_actors():
    rec = extract("Spain's foreign minister met Morocco's foreign minister in Madrid on Thursday.")
    spain = actor_mentioned_as(rec, "Spain's foreign minister")
    morocco = actor_mentioned_as(rec, "Morocco's foreign minister")
    assert spain["id"] != morocco["id"], summary(rec)
    assert (spain["country"], morocco["country"]) == ("ESP", "MAR")


def test_a_role_noun_with_a_vague_modifier_has_no_country():
    rec = extract("Turkey has seen protests for a week. Foreign journalists were told to leave Ankara.")
    journalists = actor_mentioned_as(rec, "Foreign journalists")
    assert journalists["country"] is None


def test_riot_police_is_one_police_actor_and_no_person():
    rec = extract("Riot police detained dozens of students in Lyon on Thursday.")
    police = actor_mentioned_as(rec, "Riot police")
    assert police["sector"] == "COP"
    assert not [a for a in rec["actors"] if a["kind"] == "person"], summary(rec)


# ---- people: titles, short names, pronouns


def test_a_title_with_a_nationality_gives_a_person_sector_and_country():
    rec = extract("French President Marc Delorme visited Senegal on Tuesday.")
    delorme = actor_mentioned_as(rec, "Marc Delorme")
    assert (delorme["kind"], delorme["country"], delorme["sector"]) == ("person", "FRA", "GOV")
    assert delorme["role"] == "president"


def test_a_military_title_gives_the_military_sector():
    rec = extract("Ghanaian Defence Minister Kofi Asante inspected the new barracks on Monday.")
    asante = actor_mentioned_as(rec, "Kofi Asante")
    assert (asante["country"], asante["sector"]) == ("GHA", "MIL")


def test_a_country_in_an_of_phrase_after_the_name_gives_the_country():
    rec = extract("Prime Minister Ravi Anand of India visited Nepal on Monday.")
    anand = actor_mentioned_as(rec, "Ravi Anand")
    assert (anand["kind"], anand["country"], anand["sector"]) == ("person", "IND", "GOV")


def test_a_short_name_links_to_the_full_name_in_the_article():
    rec = extract(
        "Kenyan Foreign Minister Grace Wanjiru visited Uganda on Monday. "
        "Wanjiru said the visit was productive."
    )
    wanjiru = actor_mentioned_as(rec, "Grace Wanjiru")
    assert mention_texts(rec, wanjiru) == ["Grace Wanjiru", "Wanjiru"]
    assert len([a for a in rec["actors"] if a["kind"] == "person"]) == 1, summary(rec)


def test_a_short_name_links_even_when_the_tagger_does_not_call_it_a_person():
    # the small model tags the bare surname "Holloway" as an organisation or place
    rec = extract(
        "Estonian Defence Minister Peter Holloway thanked Finland for the shipment. "
        "Holloway said the two countries would hold a joint exercise in March."
    )
    holloway = actor_mentioned_as(rec, "Peter Holloway")
    assert mention_texts(rec, holloway) == ["Peter Holloway", "Holloway"], summary(rec)


def test_he_refers_to_the_nearest_person_before_it():
    rec = extract(
        "Chilean Defence Minister Tomas Ibarra arrived in Lima on Monday. "
        "He praised Peru for its help after the earthquake."
    )
    ibarra = actor_mentioned_as(rec, "Tomas Ibarra")
    praise = event_at(rec, "praised")
    assert praise["actors"] == [ibarra["id"]]
    assert actors_by_id(rec)[praise["recipients"][0]]["country"] == "PER"


def test_the_country_refers_to_the_nearest_state_before_it():
    rec = extract("Russia opened a new gas pipeline on Monday. The country also threatened Finland.")
    threat = event_at(rec, "threatened")
    by_id = actors_by_id(rec)
    assert [by_id[i]["country"] for i in threat["actors"]] == ["RUS"]
    assert [by_id[i]["country"] for i in threat["recipients"]] == ["FIN"]


# ---- capitals and seats of power


def test_a_seat_of_power_stands_for_its_state():
    rec = extract("The Kremlin condemned Estonia on Friday.")
    kremlin = actor_mentioned_as(rec, "Kremlin")
    assert (kremlin["kind"], kremlin["country"]) == ("state", "RUS")


def test_a_capital_as_subject_stands_for_its_state():
    rec = extract("Beijing said it would respond to the new tariffs.")
    beijing = actor_mentioned_as(rec, "Beijing")
    assert (beijing["kind"], beijing["country"]) == ("state", "CHN")


def test_a_capital_and_its_country_are_one_actor():
    rec = extract("Seoul protested to Japan on Monday. South Korea also recalled its ambassador.")
    seoul = actor_mentioned_as(rec, "Seoul")
    assert seoul["country"] == "KOR"
    assert "South Korea" in mention_texts(rec, seoul)


def test_a_capital_shared_with_a_former_state_is_the_current_state():
    rec = extract("Belgrade rejected the proposal on Monday.")
    assert actor_mentioned_as(rec, "Belgrade")["country"] == "SRB"


# ---- international and non-governmental organisations


def test_nato_is_an_igo():
    rec = extract("NATO criticized Belarus on Monday.")
    nato = actor_mentioned_as(rec, "NATO")
    assert (nato["kind"], nato["country"]) == ("organization", "IGO")


def test_the_un_is_an_igo():
    rec = extract("The UN condemned the coup in Niger.")
    un = actor_mentioned_as(rec, "UN")
    assert (un["name"], un["country"]) == ("United Nations", "IGO")


def test_the_eu_is_an_igo():
    rec = extract("The EU welcomed Serbia's decision.")
    eu = actor_mentioned_as(rec, "EU")
    assert (eu["name"], eu["country"]) == ("European Union", "IGO")


def test_amnesty_international_is_an_ngo():
    rec = extract("Amnesty International criticized Egypt on Thursday.")
    amnesty = actor_mentioned_as(rec, "Amnesty International")
    assert (amnesty["kind"], amnesty["country"]) == ("organization", "NGO")


def test_a_named_charity_or_church_is_an_ngo_whatever_its_home():
    rec = extract(
        "The Danish Refugee Association criticized Norway. The Serbian Orthodox Church condemned the law."
    )
    assert actor_mentioned_as(rec, "The Danish Refugee Association")["country"] == "NGO"
    church = actor_mentioned_as(rec, "The Serbian Orthodox Church")
    assert (church["country"], church["sector"]) == ("NGO", "REL")


def test_the_church_as_a_role_noun_is_an_ngo_not_the_focus_country():
    rec = extract("Peru's government closed the schools on Monday. The church condemned the decision.")
    assert actor_mentioned_as(rec, "church")["country"] == "NGO"


def test_a_union_named_in_the_gazetteer_stays_what_it_is():
    rec = extract("The European Union sanctioned Belarus.")
    assert actor_mentioned_as(rec, "European Union")["country"] == "IGO"


def test_a_name_the_tagger_takes_for_a_place_is_a_person_when_an_apposition_says_so():
    rec = extract("Dakota Kenya, an American woman, has said that the police detained her.")
    nurse = actor_mentioned_as(rec, "Dakota Kenya")
    assert (nurse["kind"], nurse["country"]) == ("person", "USA")
    assert not any(a["country"] == "KEN" for a in rec["actors"])


def test_a_name_the_tagger_takes_for_an_organisation_is_a_person_when_an_apposition_says_so():
    rec = extract("Aurelia Madrid, a Chilean woman, said the army had detained her.")
    assert actor_mentioned_as(rec, "Aurelia Madrid")["kind"] == "person"


def test_a_single_activist_is_a_person_whom_he_or_she_can_name():
    rec = extract("A Kenyan activist flew to Uganda, where she was detained by police.")
    activist = actor_mentioned_as(rec, "Kenyan activist")
    assert activist["kind"] == "person"
    detained = event_at(rec, "detained")
    assert detained["recipients"] == [activist["id"]], summary(rec)


def test_a_defector_from_an_organisation_is_not_of_it():
    rec = extract("A defector from the Unification Church said in Seoul that he was threatened.")
    defector = actor_mentioned_as(rec, "defector")
    assert defector["country"] != "NGO"


def test_a_publication_named_with_its_owner_takes_the_owners_country():
    rec = extract(
        "The Kremlin-funded channel Zvezda Plus criticised Poland and Poland's president on Monday."
    )
    assert actor_mentioned_as(rec, "Zvezda Plus")["country"] == "RUS"


def test_a_lawyer_of_a_church_acts_for_it():
    rec = extract("In Ohio a church lawyer questioned the boy for two hours.")
    assert actor_mentioned_as(rec, "church lawyer")["country"] == "NGO"


def test_a_surname_the_tagger_missed_is_the_person_named_before():
    rec = extract("Daniel Okafor was charged in Texas. Police said Okafor surrendered on Monday.")
    okafor = actor_mentioned_as(rec, "Daniel Okafor")
    assert "Okafor" in mention_texts(rec, okafor)


def test_an_organisation_with_a_home_country_takes_it():
    rec = extract("Hamas fired rockets at Israel on Saturday.")
    hamas = actor_mentioned_as(rec, "Hamas")
    assert hamas["country"] == "PSE"


# ---- conjoined people


def test_conjoined_persons_share_a_country_when_only_one_has_it():
    rec = extract("Australian Prime Minister Gwen Holt and spokesman Tom Barker visited Fiji on Monday.")
    holt = actor_mentioned_as(rec, "Gwen Holt")
    barker = actor_mentioned_as(rec, "Tom Barker")
    assert holt["country"] == barker["country"] == "AUS"
    assert barker["sector"] == "GOV"


def test_conjoined_persons_keep_their_own_countries():
    rec = extract("Australian Prime Minister Gwen Holt and Fijian President Sam Nadi met in Suva on Monday.")
    assert actor_mentioned_as(rec, "Gwen Holt")["country"] == "AUS"
    assert actor_mentioned_as(rec, "Sam Nadi")["country"] == "FJI"


def test_the_bare_noun_is_the_organisation_named_before_with_it():
    rec = extract("The Church of Scientology sued a blogger in Texas. The Church said it would appeal.")
    names = {a["name"] for a in rec["actors"]}
    assert "Church of Scientology" in names
    assert not any(a["name"] == "Church" for a in rec["actors"])


def test_the_bare_noun_is_not_linked_to_a_body_whose_name_only_ends_with_it():
    rec = extract("The National Congress met in Brasilia. The Argentine congress passed a law.")
    assert not any(a["name"] == "National Congress" and a["country"] == "ARG" for a in rec["actors"])


def test_an_elliptical_coordination_names_both_states():
    rec = extract("North and South Korea held talks at the border on Friday.")
    assert {"PRK", "KOR"} <= {a["country"] for a in rec["actors"]}


def test_asylum_seekers_and_hostages_are_civilian_groups():
    rec = extract(
        "Greek coastguards rescued 300 asylum seekers off Lesbos, and militants freed two Greek hostages."
    )
    kinds = {a["name"]: (a["kind"], a["sector"]) for a in rec["actors"]}
    assert kinds.get("asylum seekers") == ("group", "CVL")
    assert any(n.endswith("hostages") and v == ("group", "CVL") for n, v in kinds.items())


def test_a_surname_the_tagger_misses_is_the_person_when_they_speak():
    rec = extract(
        "Police spokeswoman Maria Oyelaran of Nigeria said on Monday that the suspects fled. "
        "Oyelaran stated that two officers were injured."
    )
    said = [c for c in rec["claims"] if c["cue"]["text"] == "stated"]
    assert said and actors_by_id(rec)[said[0]["speaker"]]["name"] == "Maria Oyelaran"


def test_a_plain_member_of_an_ngo_does_not_act_for_it():
    rec = extract("Jonas Berg, a member of Greenpeace since 2001, was arrested by Norwegian police.")
    assert actor_mentioned_as(rec, "Jonas Berg")["country"] != "NGO"


def test_he_opening_a_sentence_is_the_previous_subject():
    rec = extract(
        "Senator Tom Hale of Canada asked for donations for Peter Lund. He said that Lund was innocent."
    )
    said = [c for c in rec["claims"] if c["cue"]["text"] == "said"]
    assert said and actors_by_id(rec)[said[0]["speaker"]]["name"] == "Tom Hale"


def test_former_members_of_a_body_do_not_act_for_it():
    rec = extract("Lund was helped by former members of the Taliban.")
    assert all(actors_by_id(rec)[i]["name"] != "Taliban" for e in rec["events"] for i in e["actors"])


def test_their_after_two_conjoined_subjects_is_both():
    rec = extract("Chile and Peru restored their diplomatic ties on Monday.")
    support = [e for e in rec["events"] if e["type"] == "SUPPORT"]
    assert support, summary(rec)
    assert {actors_by_id(rec)[i]["country"] for i in support[0]["actors"]} == {"CHL", "PER"}
