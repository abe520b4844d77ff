"""Events: PLOVER triggers and their arguments. One test per argument pattern, each of the 16
PLOVER types at least once, domestic events, the sense checks and the status of negation."""

from __future__ import annotations

import pytest

from helpers import actors_by_id, countries, event_at, events_of, extract, summary, tuples, types
from newsgraph.extract.arguments import spelled_out
from newsgraph.nlp import load

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


# ---- argument patterns


def test_verb_subject_is_actor_and_object_is_recipient():
    rec = extract("Ethiopia attacked Eritrea early on Tuesday.")
    assert tuples(rec) == [("ASSAULT", {"ETH"}, {"ERI"})]


def test_passive_subject_is_recipient_and_by_agent_is_actor():
    rec = extract("Eritrea was attacked by Ethiopia early on Tuesday.")
    assert tuples(rec) == [("ASSAULT", {"ETH"}, {"ERI"})]


def test_the_passive_of_moving_troops_or_goods_keeps_the_destination_as_recipient():
    # the active object is what is moved, so the passive subject is no recipient
    assert tuples(extract("Chinese troops were deployed to Myanmar.")) == [("MOBILIZE", {"CHN"}, {"MMR"})]
    assert ("AID", {"CAN"}, {"LVA"}) in tuples(extract("Weapons were sent to Latvia by Canada last month."))


def test_a_name_modifying_a_noun_says_whose_it_is():
    assert tuples(extract("Canada imposed sanctions on the Hamas military wing.")) == [
        ("SANCTION", {"CAN"}, {"PSE"})
    ]
    # a name before a bracket that spells it out is no owner
    doc = load()("He opposes DRM (digital rights management, the subject of the law).")
    drm = next(t for t in doc if t.text == "DRM")
    assert spelled_out(drm, drm.head)
    wing = load()("the Hamas military wing")
    assert not spelled_out(wing[1], wing[3])


def test_a_partitive_object_takes_the_recipient_of_what_it_is_part_of():
    rec = extract("Japan cut part of its economic aid program for Myanmar.")
    assert tuples(rec) == [("SANCTION", {"JPN"}, {"MMR"})]


def test_a_led_modifier_names_the_side_that_leads():
    rec = extract("The French-led coalition launched air strikes on rebel positions in Mali.")
    assert ("ASSAULT", {"FRA"}, {"MLI"}) in tuples(rec)
    # a role is not a side: a judge-led inquiry is no act of a judge's
    rec = extract("Protesters in Hong Kong demanded a judge-led inquiry.")
    judge = {a["id"] for a in rec["actors"] if a["name"] == "judge"}
    assert not any(judge & {*e["actors"], *e["recipients"]} for e in rec["events"])


def test_examples_name_a_noun_before_its_possessor_does():
    rec = extract("Kenya's neighbours, including Uganda and Tanzania, have imposed sanctions on Somalia.")
    assert {a for t, a, _ in tuples(rec)} == {frozenset({"UGA", "TZA"})}
    # a bare "as" gives no example: "Turkey's role as a NATO member" is Turkey's
    assert tuples(extract("Russia criticised Turkey's role as a NATO member.")) == [
        ("ACCUSE", {"RUS"}, {"TUR"})
    ]


def test_a_proposal_belongs_to_whoever_it_is_from():
    assert tuples(extract("Serbia rejected a new offer from Kosovo.")) == [("REJECT", {"SRB"}, {"XKX"})]
    assert tuples(extract("Kenya turned down a peace plan by the African Union.")) == [
        ("REJECT", {"KEN"}, {"IGO"})
    ]


def test_calling_someone_on_a_day_is_a_call_and_calling_them_something_is_not():
    assert tuples(extract("Erdogan called Scholz on Friday.")) == [("CONSULT", {"TUR"}, {"DEU"})]
    assert tuples(extract("Erdogan called Scholz a hypocrite.")) == []


def test_pressuring_a_party_to_act_is_a_request():
    rec = extract("Egyptian officials pressured Hamas to accept the truce.")
    assert ("REQUEST", {"EGY"}, {"PSE"}) in tuples(rec)


def test_a_place_for_people_stands_for_them():
    rec = extract("A school for Afghan girls was attacked by Pakistani militants.")
    assert tuples(rec) == [("ASSAULT", {"PAK"}, {"AFG"})]


def test_prepositional_object_is_recipient():
    rec = extract("Canada sent weapons to Latvia last month.")
    assert ("AID", {"CAN"}, {"LVA"}) in tuples(rec)


def test_light_verb_with_an_attack_noun():
    rec = extract("Azerbaijan launched air strikes on Armenia on Sunday.")
    assert ("ASSAULT", {"AZE"}, {"ARM"}) in tuples(rec)


def test_light_verb_with_a_sanction_noun():
    rec = extract("Australia imposed sanctions on Myanmar on Friday.")
    assert ("SANCTION", {"AUS"}, {"MMR"}) in tuples(rec)


def test_light_verb_whose_subject_is_the_recipient():
    rec = extract("Myanmar faces new sanctions from Australia.")
    assert ("SANCTION", {"AUS"}, {"MMR"}) in tuples(rec)


def test_receiving_aid_from_a_state_makes_the_subject_the_recipient():
    rec = extract("Myanmar received aid from Japan last week.")
    assert ("AID", {"JPN"}, {"MMR"}) in tuples(rec)


def test_drawing_criticism_makes_the_subject_the_target():
    rec = extract("Turkey drew sharp criticism from Greece on Monday.")
    assert ("ACCUSE", {"GRC"}, {"TUR"}) in tuples(rec)


def test_possessive_noun_event():
    rec = extract("Vietnam's invasion of Laos alarmed its neighbours.")
    assert ("ASSAULT", {"VNM"}, {"LAO"}) in tuples(rec)


def test_nationality_adjective_noun_event():
    rec = extract("Historians still debate the Ethiopian invasion of Somalia.")
    assert ("ASSAULT", {"ETH"}, {"SOM"}) in tuples(rec)


def test_conjoined_subjects_are_all_actors_of_one_event():
    rec = extract("Sweden and Norway condemned Belarus on Monday.")
    assert tuples(rec) == [("ACCUSE", {"SWE", "NOR"}, {"BLR"})]


def test_conjoined_objects_are_all_recipients_of_one_event():
    rec = extract("Sweden condemned Belarus and Russia on Monday.")
    assert ("ACCUSE", {"SWE"}, {"BLR", "RUS"}) in tuples(rec)


def test_signing_a_treaty_together_makes_all_parties_actors():
    rec = extract("Peru and Ecuador signed a border treaty on Friday.")
    treaty = event_at(rec, "treaty")
    assert treaty["type"] in {"AGREE", "SUPPORT"}  # PLOVER codes signing an agreement as SUPPORT
    assert countries(rec, treaty["actors"]) == {"PER", "ECU"}
    assert treaty["recipients"] == []


def test_talks_between_two_states_make_both_actors_and_no_recipient():
    rec = extract("Talks between Sudan and Chad resumed in Cairo on Monday.")
    assert tuples(rec) == [("CONSULT", {"SDN", "TCD"}, set())]


def test_agreeing_together_makes_all_parties_actors():
    rec = extract("Chile and Bolivia agreed to a ceasefire on Monday.")
    assert ("AGREE", {"CHL", "BOL"}, set()) in tuples(rec)


def test_object_control_the_object_does_the_complement():
    rec = extract("Denmark urged Belarus to release the detained journalists.")
    assert ("REQUEST", {"DNK"}, {"BLR"}) in tuples(rec)
    release = event_at(rec, "release")
    assert release["type"] == "RETREAT"
    assert countries(rec, release["actors"]) == {"BLR"}


def test_subject_control_the_subject_does_the_complement():
    rec = extract("Spain agreed to send troops to Mali.")
    assert ("AID", {"ESP"}, {"MLI"}) in tuples(rec)


def test_a_relative_clause_subject_is_the_noun_it_modifies():
    rec = extract("Officials in Kyiv condemned Belarus, which hosted Russian troops.")
    assert ("ACCUSE", {"UKR"}, {"BLR"}) in tuples(rec)


def test_every_event_names_only_actors_of_the_record():
    rec = extract("Sweden and Norway condemned Belarus and Russia on Monday.")
    ids = set(actors_by_id(rec))
    for event in rec["events"]:
        assert set(event["actors"]) | set(event["recipients"]) <= ids


# ---- each PLOVER type at least once

TYPE_CASES = [
    ("Chile agreed to a ceasefire with Bolivia on Monday.", ("AGREE", {"CHL"}, {"BOL"})),
    ("The Kenyan president visited Tanzania on Monday.", ("CONSULT", {"KEN"}, {"TZA"})),
    ("Sweden praised Finland for its handling of the crisis.", ("SUPPORT", {"SWE"}, {"FIN"})),
    ("Vietnam eased its restrictions on Cambodia on Friday.", ("CONCEDE", {"VNM"}, {"KHM"})),
    ("Greece cooperated with Egypt on maritime security last year.", ("COOPERATE", {"GRC"}, {"EGY"})),
    ("Japan provided humanitarian aid to the Philippines.", ("AID", {"JPN"}, {"PHL"})),
    ("Armenia withdrew its troops from Azerbaijan on Wednesday.", ("RETREAT", {"ARM"}, {"AZE"})),
    ("Ghana asked Nigeria for help with the refugees.", ("REQUEST", {"GHA"}, {"NGA"})),
    ("Bolivia accused Chile of spying on its diplomats.", ("ACCUSE", {"BOL"}, {"CHL"})),
    ("Iceland rejected Norway's request for fishing rights.", ("REJECT", {"ISL"}, {"NOR"})),
    ("Venezuela threatened Guyana with military action.", ("THREATEN", {"VEN"}, {"GUY"})),
    ("Protesters rallied against the Polish government in Warsaw.", ("PROTEST", {"POL"}, {"POL"})),
    ("Canada sanctioned Nicaragua over the election.", ("SANCTION", {"CAN"}, {"NIC"})),
    ("Serbia deployed troops to its border with Kosovo.", ("MOBILIZE", {"SRB"}, {"XKX"})),
    ("Turkey detained three Greek journalists on Monday.", ("COERCE", {"TUR"}, {"GRC"})),
    ("Azerbaijan shelled Armenian villages on Thursday.", ("ASSAULT", {"AZE"}, {"ARM"})),
]


def test_the_type_cases_cover_all_sixteen_plover_types():
    assert {expected[0] for _, expected in TYPE_CASES} == PLOVER_TYPES


@pytest.mark.parametrize(("sentence", "expected"), TYPE_CASES, ids=[case[1][0] for case in TYPE_CASES])
def test_each_plover_type(sentence, expected):
    rec = extract(sentence)
    assert expected in tuples(rec), summary(rec)


def test_every_event_type_is_a_plover_type():
    for sentence, _ in TYPE_CASES:
        assert set(types(extract(sentence))) <= PLOVER_TYPES


def test_releasing_prisoners_is_retreat():
    rec = extract("Sudan released two Ethiopian prisoners on Sunday.")
    assert ("RETREAT", {"SDN"}, {"ETH"}) in tuples(rec)
    assert event_at(rec, "released")["mode"] == "release"


def test_a_leader_resigning_is_retreat():
    rec = extract("Peru's president resigned on Friday.")
    assert ("RETREAT", {"PER"}, set()) in tuples(rec)


def test_resigning_a_named_post_is_a_retreat_within_their_own_country():
    rec = extract("Peru's interior minister Ana Ruiz resigned as minister on Friday.")
    assert ("RETREAT", {"PER"}, {"PER"}) in tuples(rec), summary(rec)
    assert "own country" in event_at(rec, "resigned")["evidence"]


def test_resigning_from_a_named_body_retreats_from_it():
    rec = extract("Kenya resigned from the African Union on Monday.")
    assert ("RETREAT", {"KEN"}, {"IGO"}) in tuples(rec), summary(rec)


def test_a_politician_arriving_somewhere_is_not_a_troop_movement():
    rec = extract("Kenyan President Daniel Otieno arrived in Uganda on Monday.")
    assert "MOBILIZE" not in types(rec), summary(rec)


def test_troops_arriving_is_mobilize():
    rec = extract("Russian troops arrived in Belarus on Monday.")
    assert ("MOBILIZE", {"RUS"}, {"BLR"}) in tuples(rec)


# ---- domestic events


def test_police_arresting_protesters_is_domestic_coerce():
    rec = extract("Police arrested protesters in Madrid on Saturday.")
    assert ("COERCE", {"ESP"}, {"ESP"}) in tuples(rec)


def test_police_arresting_a_number_of_protesters_is_domestic_coerce():
    rec = extract("Police arrested dozens of protesters in Madrid on Saturday.")
    assert ("COERCE", {"ESP"}, {"ESP"}) in tuples(rec)


def test_police_in_a_named_country_act_for_it():
    rec = extract("Police in Peru detained forty protesters on Sunday.")
    assert ("COERCE", {"PER"}, {"PER"}) in tuples(rec)


def test_a_government_defending_its_police_is_domestic():
    rec = extract("France has seen weeks of unrest. The French government defended the police on Monday.")
    assert ("SUPPORT", {"FRA"}, {"FRA"}) in tuples(rec)


# ---- sense checks: words that are not political events

FOOTBALL_REPORT = (
    "Brazil beat Germany 2-1 in a friendly match in Rio de Janeiro on Saturday.\n"
    "Germany attacked down the left in the opening minutes, but the German defence conceded a "
    "penalty after half an hour, and Brazil's striker scored from the spot.\n"
    "Germany equalised after the break before a late header from a Brazilian midfielder won the game.\n"
    "The coach praised his players after the match, and thousands of fans celebrated outside the stadium."
)

FESTIVAL_REPORT = (
    "Thousands of visitors filled the streets of Kyoto on Sunday for the annual lantern festival.\n"
    "Performers in costumes led a parade through the old town, and vendors sold sweets from wooden booths.\n"
    "The celebration ended with fireworks over the river, and organisers said attendance was the "
    "highest in a decade.\n"
    "Visitors from China and South Korea attacked the food stalls with enthusiasm."
)


def test_a_football_match_report_yields_no_events():
    rec = extract(FOOTBALL_REPORT)
    assert rec["events"] == [], summary(rec)


def test_the_football_report_still_names_its_actors():
    rec = extract(FOOTBALL_REPORT)
    assert {"BRA", "DEU"} <= {a["country"] for a in rec["actors"]}


def test_a_political_sentence_in_a_match_report_keeps_its_event():
    rec = extract(
        FOOTBALL_REPORT + "\nSeparately, the German government asked Brazil to extradite a fugitive banker."
    )
    assert ("REQUEST", {"DEU"}, {"BRA"}) in tuples(rec), summary(rec)
    assert "ASSAULT" not in types(rec)


def test_a_travel_ban_is_not_on_the_countrys_own_people():
    rec = extract("Japan imposed a travel ban on Monday.")
    assert all(e["recipients"] == [] for e in events_of(rec, "COERCE")), summary(rec)


def test_a_match_sentence_alone_would_be_an_assault():
    # what the article-level sense check guards against: out of context the verb fires
    rec = extract("Germany attacked Brazil on Saturday.")
    assert ("ASSAULT", {"DEU"}, {"BRA"}) in tuples(rec)


def test_a_festival_report_yields_no_events():
    rec = extract(FESTIVAL_REPORT)
    assert rec["events"] == [], summary(rec)


def test_a_political_article_mentioning_a_match_keeps_its_events():
    rec = extract(
        "Serbia recalled its ambassador to Croatia on Monday after fans clashed at a football match "
        "in Zagreb.\nSerbia accused Croatia of failing to protect its citizens."
    )
    assert ("ACCUSE", {"SRB"}, {"HRV"}) in tuples(rec)


def test_conceding_a_goal_is_not_a_concession():
    rec = extract("Spain conceded two goals to Italy in the second half.")
    assert "CONCEDE" not in types(rec), summary(rec)


def test_a_labour_strike_is_not_an_attack():
    rec = extract("Bus drivers in Lisbon began a strike on Monday over pay.")
    assert "ASSAULT" not in types(rec), summary(rec)


# ---- status: negation in the narrator's voice


def test_not_deployed_is_negated():
    rec = extract("France has not deployed troops to Niger.")
    (event,) = events_of(rec, "MOBILIZE")
    assert event["status"] == "negated"
    assert countries(rec, event["actors"]) == {"FRA"}
    assert countries(rec, event["recipients"]) == {"NER"}


def test_never_is_negated():
    rec = extract("Chile has never attacked Bolivia.")
    (event,) = events_of(rec, "ASSAULT")
    assert event["status"] == "negated"


def test_no_sanctions_were_imposed_is_negated():
    rec = extract("No sanctions were imposed on Cuba by Mexico.")
    (event,) = events_of(rec, "SANCTION")
    assert event["status"] == "negated"


def test_an_affirmative_event_is_asserted():
    rec = extract("France deployed troops to Niger.")
    (event,) = events_of(rec, "MOBILIZE")
    assert event["status"] == "asserted"


def test_did_not_deny_is_no_reject_event():
    rec = extract("Colombia did not deny the reports from Ecuador.")
    assert "REJECT" not in types(rec), summary(rec)


def test_a_denial_is_a_reject_event():
    rec = extract("Russia denied Estonia's accusations on Monday.")
    assert ("REJECT", {"RUS"}, {"EST"}) in tuples(rec)


# ---- evidence


@pytest.mark.parametrize(
    ("sentence", "lemma"),
    [
        ("Ethiopia attacked Eritrea early on Tuesday.", "attack"),
        ("Australia imposed sanctions on Myanmar on Friday.", "sanction"),
        ("Talks between Sudan and Chad resumed in Cairo on Monday.", "talk"),
        ("Turkey detained three Greek journalists on Monday.", "detain"),
    ],
)
def test_evidence_names_the_trigger_rule(sentence, lemma):
    rec = extract(sentence)
    assert rec["events"], summary(rec)
    for event in rec["events"]:
        assert lemma in event["evidence"]
        assert "triggers.tsv" in event["evidence"]


def test_evidence_names_the_rule_for_every_event_of_an_article():
    rec = extract(
        "Denmark urged Belarus to release the detained journalists. "
        "Canada sent weapons to Latvia last month. Sweden and Norway condemned Belarus on Monday."
    )
    assert len(rec["events"]) >= 4
    for event in rec["events"]:
        assert "triggers.tsv" in event["evidence"]
        assert event["type"] in event["evidence"]


def test_a_verb_event_is_more_confident_than_a_noun_event():
    full = event_at(extract("Ethiopia attacked Eritrea early on Tuesday."), "attacked")
    partial = event_at(extract("Ethiopia's attack on Eritrea began early on Tuesday."), "attack")
    assert full["confidence"] > partial["confidence"]


# ---- recall: implied targets, passives, sense refinements


def test_forces_on_alert_face_the_other_side_the_sentence_names():
    rec = extract("Greek troops stayed on alert near the border on Monday after Turkish drills at sea.")
    assert ("MOBILIZE", {"GRC"}, {"TUR"}) in tuples(rec)


def test_no_implied_target_when_the_sentence_names_several_countries():
    rec = extract("Greek troops stayed on alert on Monday after drills by Turkey and Bulgaria.")
    assert ("MOBILIZE", {"GRC"}, {"TUR"}) not in tuples(rec)
    assert ("MOBILIZE", {"GRC"}, {"BGR"}) not in tuples(rec)


def test_no_implied_target_from_another_event_of_the_sentence():
    rec = extract(
        "The town was retaken by the Malian army after weeks of shelling, in an operation backed by France."
    )
    assert all(not (t == "ASSAULT" and r == {"FRA"}) for t, _, r in tuples(rec))


def test_a_source_is_no_implied_target():
    rec = extract("Chilean officials said Bolivian troops remained on alert.")
    assert ("MOBILIZE", {"BOL"}, {"CHL"}) not in tuples(rec)


def test_rejected_calls_by_someone_have_the_caller_as_recipient():
    rec = extract("Brazil rejected calls by Argentina to lower its tariffs.")
    assert ("REJECT", {"BRA"}, {"ARG"}) in tuples(rec)


def test_suspended_aid_deliveries_are_a_sanction():
    rec = extract("Japan suspended aid deliveries to Sudan on Tuesday.")
    assert ("SANCTION", {"JPN"}, {"SDN"}) in tuples(rec)


def test_vowing_support_is_support_not_a_threat():
    rec = extract("Norway vowed support for Estonia on Friday.")
    assert ("SUPPORT", {"NOR"}, {"EST"}) in tuples(rec)
    assert "THREATEN" not in types(rec)


def test_a_passive_release_is_done_by_the_authorities():
    rec = extract("Maria Lopez, a Peruvian activist, was released from prison on Monday.")
    assert ("RETREAT", {"PER"}, {"PER"}) in tuples(rec)


def test_release_from_hospital_is_no_event():
    rec = extract("The Peruvian president was released from hospital on Monday.")
    assert "RETREAT" not in types(rec)


def test_a_participle_conjoined_to_a_passive_is_passive_too():
    rec = extract("Maria Lopez, a Peruvian activist, was questioned by detectives and then arrested.")
    ev = [e for e in rec["events"] if e["type"] == "COERCE"]
    assert ev and all(countries(rec, e["recipients"]) == {"PER"} for e in ev)


def test_arrest_of_a_member_of_a_church_is_by_the_local_authorities():
    rec = extract(
        "Police in Ohio investigated the Church of Scientology. John Miles, a member of the Church of "
        "Scientology, was arrested on Tuesday."
    )
    coerce = [e for e in rec["events"] if e["type"] == "COERCE"]
    assert coerce and countries(rec, coerce[0]["actors"]) == {"USA"}


def test_a_denial_of_the_accusation_answers_the_accuser_named_before():
    rec = extract("Swedish officials said the fire was likely Norway's doing. Norway denied the accusation.")
    assert ("REJECT", {"NOR"}, {"SWE"}) in tuples(rec)


def test_a_denial_of_reports_names_no_accuser():
    rec = extract("Swedish officials said Norway had sent troops. Norway denied reports of troops in Sweden.")
    assert all(not (t == "REJECT" and r == {"SWE"}) for t, _, r in tuples(rec))


def test_both_sides_on_alert_are_on_alert_against_each_other():
    rec = extract(
        "India and Pakistan traded accusations. Both countries put their armies on alert on Sunday."
    )
    assert ("MOBILIZE", {"IND"}, {"PAK"}) in tuples(rec)
    assert ("MOBILIZE", {"PAK"}, {"IND"}) in tuples(rec)


def test_allies_deploying_together_are_not_each_others_targets():
    rec = extract("Canada and Norway deployed troops on Monday.")
    assert ("MOBILIZE", {"CAN"}, {"NOR"}) not in tuples(rec)


def test_the_subject_of_a_passive_control_verb_does_the_complement():
    rec = extract("Peruvian minister Ana Ruiz was forced to resign on Monday.")
    ev = [e for e in rec["events"] if e["type"] == "RETREAT"]
    assert ev and countries(rec, ev[0]["actors"]) == {"PER"}


def test_a_hostile_act_with_no_target_is_against_the_articles_other_side():
    rec = extract(
        "Armenian troops shelled Azerbaijan on Monday. Later that day Armenia put its army on high alert."
    )
    assert ("MOBILIZE", {"ARM"}, {"AZE"}) in tuples(rec)


def test_no_article_side_when_the_actor_fights_several_countries():
    rec = extract(
        "Armenian troops shelled Azerbaijan on Monday. Armenia also attacked Georgia. "
        "Later that day Armenia put its army on high alert."
    )
    assert all(not (t == "MOBILIZE" and r) for t, _, r in tuples(rec))


def test_the_south_stands_for_the_one_southern_state_the_article_names():
    rec = extract("North Korea insulted South Korea on Friday. The South then fired shells into the north.")
    assert ("ASSAULT", {"KOR"}, {"PRK"}) in tuples(rec)


def test_they_opening_a_sentence_takes_up_the_previous_subject():
    rec = extract(
        "Commanders of the Ugandan army crossed the border on Monday. They shelled Kenya's border posts."
    )
    assert ("ASSAULT", {"UGA"}, {"KEN"}) in tuples(rec)


def test_retaliating_by_doing_something_is_done_by_the_subject():
    rec = extract("Chadian troops retaliated against Sudan by shelling Sudanese army positions.")
    assert ("ASSAULT", {"TCD"}, {"SDN"}) in tuples(rec)


def test_an_infinitive_on_a_possessed_noun_is_done_by_the_possessor():
    rec = extract("The president of Peru rejected Prime Minister Ana Ruiz's offer to resign.")
    ev = events_of(rec, "RETREAT")
    assert ev and [actors_by_id(rec)[i]["name"] for i in ev[0]["actors"]] == ["Ana Ruiz"]
    assert ev[0]["status"] == "possible"


def test_a_convoy_or_base_named_by_a_force_is_that_force():
    rec = extract("An army convoy was attacked by rebels near Goma, Congo, on Monday.")
    ev = events_of(rec, "ASSAULT")
    assert ev and countries(rec, ev[0]["recipients"]) == {"COD"}
    assert actors_by_id(rec)[ev[0]["recipients"][0]]["sector"] == "MIL"


def test_dispersing_protesters_is_crowd_control_against_them():
    rec = extract("Riot police in Bogota, Colombia dispersed student protesters with water cannon.")
    ev = events_of(rec, "ASSAULT")
    assert ev and ev[0]["mode"] == "crowd-control"
    assert countries(rec, ev[0]["actors"]) == {"COL"} and countries(rec, ev[0]["recipients"]) == {"COL"}


def test_dispersing_a_crowd_with_no_side_named_is_against_the_states_own_people():
    rec = extract("Police in Lusaka, Zambia, fired tear gas to disperse the crowd on Sunday.")
    ev = [e for e in events_of(rec, "ASSAULT") if e["mode"] == "crowd-control"]
    assert ev and countries(rec, ev[0]["recipients"]) == {"ZMB"}


def test_a_counteroffensive_is_an_assault():
    rec = extract("Armenian forces launched a counteroffensive against Azerbaijan on Friday.")
    assert ("ASSAULT", {"ARM"}, {"AZE"}) in tuples(rec)


# ---- intent to cooperate (CAMEO 03x) and the words sense of "attacked"


def test_willingness_to_a_cooperative_act_is_agree_and_the_act_stays_possible():
    rec = extract("Vietnam is ready to withdraw its soldiers from Laos, the minister said.")
    assert ("AGREE", {"VNM"}, {"LAO"}) in tuples(rec)
    assert event_at(rec, "withdraw")["status"] == "possible"


def test_readiness_to_a_hostile_act_is_no_agree():
    rec = extract("Armenia is ready to strike Azerbaijan.")
    assert "AGREE" not in types(rec)
    assert ("ASSAULT", {"ARM"}, {"AZE"}) in tuples(rec)


def test_agreeing_to_step_down_is_agree_with_no_recipient():
    rec = extract("Peruvian President Manuel Ortiz has agreed to resign after the vote.")
    assert ("AGREE", {"PER"}, set()) in tuples(rec)


def test_attacked_for_or_an_attacked_plan_is_criticism_not_assault():
    rec = extract("Canadian Senator Paul Leblanc attacked Prime Minister Mark Carney for his budget.")
    assert ("ACCUSE", {"CAN"}, {"CAN"}) in tuples(rec)
    assert "ASSAULT" not in types(rec)
    assert "ASSAULT" not in types(extract("Kenya's opposition attacked the government's tax plan."))


def test_attacked_with_no_words_sense_stays_an_assault():
    rec = extract("Ethiopian troops attacked Eritrean positions for three hours.")
    assert ("ASSAULT", {"ETH"}, {"ERI"}) in tuples(rec)


def test_a_demanded_act_names_who_is_to_do_it():
    rec = extract("Georgia demanded the withdrawal of Russian troops from Abkhazia.")
    assert ("REQUEST", {"GEO"}, {"RUS"}) in tuples(rec)
    rec = extract("The EU called for the resignation of the Hungarian interior minister.")
    assert ("REQUEST", {"IGO"}, {"HUN"}) in tuples(rec)


def test_a_count_that_continues_an_earlier_one_names_the_same_people():
    rec = extract("Fishermen rescued 300 refugees, and the Italian navy saved another 150 from the sea.")
    assert event_at(rec, "saved")["recipients"] == event_at(rec, "rescued")["recipients"] != []


# ---- events a claim makes: a complaint of harm, a denial answering the claims before it


def test_a_source_claiming_it_was_harmed_accuses_the_culprit():
    rec = extract("Marta Lind, a Danish woman, has claimed that the Swedish police beat her.")
    assert ("ACCUSE", {"DNK"}, {"SWE"}) in tuples(rec), summary(rec)
    assert event_at(rec, "claimed")["status"] == "asserted"
    harm = [e for e in rec["events"] if e["type"] != "ACCUSE"]
    assert harm and all(e["status"] == "reported" for e in harm)


def test_reporting_harm_done_to_others_is_no_accusation():
    rec = extract("Officials said Russian forces attacked Kyiv on Monday.")
    assert "ACCUSE" not in types(rec), summary(rec)


def test_denying_these_allegations_answers_the_last_claims_made():
    rec = extract(
        "Marta Lind, a Danish woman, claims she was kept in a cell for a week. "
        "She says she lost ten kilos. The Swedish prison service denied these allegations."
    )
    assert ("REJECT", {"SWE"}, {"DNK"}) in tuples(rec), summary(rec)


# ---- attacks no one is named for


def test_unnamed_protesters_are_of_the_place_the_protest_is_in():
    rec = extract("Kenyan police said thousands joined protests across Uganda on Friday.")
    protesters = next(a for a in rec["actors"] if a["name"].startswith("protesters"))
    assert protesters["country"] == "UGA", summary(rec)


def test_a_bomb_with_no_one_behind_it_is_an_attack_by_unidentified_attackers_where_it_went_off():
    rec = extract(
        "A roadside bomb near the Afghan city of Kandahar killed three Canadian soldiers on Friday."
    )
    assert ("ASSAULT", {"AFG"}, {"CAN"}) in tuples(rec), summary(rec)
    attackers = actors_by_id(rec)[event_at(rec, "killed")["actors"][0]]
    assert attackers["kind"] == "group" and "unidentified" in attackers["name"]


def test_an_attack_a_country_is_named_for_is_not_unidentified():
    rec = extract("Two Syrian soldiers were killed by an Israeli airstrike near Damascus on Monday.")
    assert not any("unidentified" in a["name"] for a in rec["actors"]), summary(rec)


def test_deaths_in_a_flood_are_no_attack():
    rec = extract("Flooding caused by heavy rain has killed at least 40 people in southern Peru.")
    assert "ASSAULT" not in types(rec), summary(rec)


def test_a_bare_passive_killing_is_not_laid_on_anyone():
    rec = extract("A railway worker was killed while working at a station in Lyon, France.")
    assert not any("unidentified" in a["name"] for a in rec["actors"]), summary(rec)


def test_turning_oneself_in_is_a_retreat_to_the_authorities_where_it_happens():
    rec = extract("In Lyon, France, the Algerian suspect Karim Benali turned himself in on Monday.")
    assert ("RETREAT", {"DZA"}, {"FRA"}) in tuples(rec), summary(rec)


def test_the_enemy_in_a_sides_own_words_is_the_other_side():
    rec = extract(
        "Armenia and Azerbaijan exchanged fire on Monday. Armenia fired at Azerbaijan again on Tuesday. "
        '"Our troops will crush any attack by the enemy," the Armenian defence ministry said.'
    )
    assert ("ASSAULT", {"AZE"}, set()) in tuples(rec) or any(
        e["type"] == "ASSAULT" and {actors_by_id(rec)[i]["country"] for i in e["actors"]} == {"AZE"}
        for e in rec["events"]
    ), summary(rec)


def test_protests_with_no_one_named_are_by_protesters_where_they_happen():
    rec = extract("Protests erupted in Tehran on Monday.")
    assert ("PROTEST", {"IRN"}, {"IRN"}) in tuples(rec), summary(rec)
    assert not rec["warnings"]
    crowd = actors_by_id(rec)[event_at(rec, "Protests")["actors"][0]]
    assert (crowd["kind"], crowd["sector"]) == ("group", "CVL")


def test_an_attack_on_a_website_is_coercion_not_shelling():
    rec = extract("Russian hackers attacked the website of the Estonian parliament on Monday.")
    assert ("COERCE", {"RUS"}, {"EST"}) in tuples(rec), summary(rec)
    assert event_at(rec, "attacked")["mode"] == "cyber"
    assert "ASSAULT" not in types(rec)


def test_hackers_no_one_places_stay_without_a_country():
    rec = extract("In Ohio, the city council's website was attacked by hackers on Friday.")
    hackers = [a for a in rec["actors"] if a["name"] == "hackers"]
    assert hackers and hackers[0]["country"] is None, summary(rec)


def test_a_plan_is_whoever_put_it_forward():
    rec = extract("The French parliament rejected the bill drafted by the Socialist Party.")
    rejected = event_at(rec, "rejected")
    assert [actors_by_id(rec)[i]["sector"] for i in rejected["recipients"]] == ["PTY"], summary(rec)


def test_building_a_case_against_someone_is_an_accusation():
    rec = extract("Prosecutors in Texas built a case against the Mexican consul.")
    assert ("ACCUSE", {"USA"}, {"MEX"}) in tuples(rec), summary(rec)


def test_a_case_with_no_one_against_is_no_event():
    rec = extract("In this case the court in Lima ruled for the Peruvian government.")
    assert "ACCUSE" not in types(rec), summary(rec)


def test_the_subject_of_a_passive_does_what_it_was_equipped_to_do():
    rec = extract("The Texas police were given files to build a case against the Mexican consul.")
    assert ("ACCUSE", {"USA"}, {"MEX"}) in tuples(rec), summary(rec)


def test_resigning_in_protest_is_no_protest_by_others():
    rec = extract("The British foreign secretary resigned in protest on Monday.")
    assert not any(a["name"].startswith("protesters") for a in rec["actors"]), summary(rec)


def test_a_protest_vote_is_no_protest():
    rec = extract("Analysts in Lima called it a protest vote against the Peruvian government.")
    assert not any(a["name"].startswith("protesters") for a in rec["actors"]), summary(rec)


def test_a_state_allowing_people_to_return_agrees_to_it():
    rec = extract("Kenya will allow 5,000 Kenyan refugees in Somalia to return home next month.")
    assert ("AGREE", {"KEN"}, {"KEN"}) in tuples(rec), summary(rec)


def test_a_law_allowing_something_is_no_agreement():
    rec = extract("The new law allows Peruvian citizens to vote abroad.")
    assert "AGREE" not in types(rec), summary(rec)


def test_allowing_something_in_a_purpose_clause_is_no_agreement():
    rec = extract("Peru's president resigned on Friday to allow Peruvian voters to choose a successor.")
    assert "AGREE" not in types(rec), summary(rec)


def test_complaining_to_one_party_about_another_accuses_the_other():
    rec = extract("Lebanon complained to the United Nations on Tuesday over two Israeli air strikes.")
    assert ("ACCUSE", {"LBN"}, {"ISR"}) in tuples(rec), summary(rec)


def test_announcing_a_coercive_act_of_ones_own_is_a_threat():
    rec = extract("Chile's government announced on Sunday that it will impose a curfew on Peruvian migrants.")
    threat = [e for e in rec["events"] if e["type"] == "THREATEN"]
    assert threat and threat[0]["status"] == "asserted", summary(rec)
    assert any(e["type"] == "COERCE" and e["status"] == "possible" for e in rec["events"])


def test_reporting_anothers_attack_is_no_threat():
    rec = extract("Officials in Kyiv said Russian forces would attack the city again.")
    assert "THREATEN" not in types(rec), summary(rec)


def test_an_act_held_over_the_other_side_unless_it_complies_is_a_threat():
    rec = extract("Kenya announced that it will withdraw its troops from Somalia unless Somalia pays them.")
    assert any(e["type"] == "THREATEN" for e in rec["events"]), summary(rec)


def test_aid_offered_unless_something_happens_is_no_threat():
    rec = extract("Chile said it will send aid to Peru unless the storm passes.")
    assert "THREATEN" not in types(rec), summary(rec)


def test_calling_the_other_sides_account_a_pretext_rejects_it():
    rec = extract(
        "Armenia's defence ministry said: \"Azerbaijani troops shelled our villages under the false "
        'pretext that Armenian forces fired first."'
    )
    assert ("REJECT", {"ARM"}, {"AZE"}) in tuples(rec), summary(rec)


def test_a_pretext_in_the_narrators_words_makes_no_rejection():
    rec = extract("Azerbaijani troops shelled Armenian villages under the pretext of a border incident.")
    assert "REJECT" not in types(rec), summary(rec)
