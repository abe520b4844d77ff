"""Status: how sure the article is of each event, and according to whom (spec section 1,
`status` and `according_to`). One test per rule: reported inside a claim (the innermost
speaker), denials and accusations, each kind of hedge in hedges.tsv, negation by the narrator
and by a source, a non-denial, and one event told two ways in one article."""

from __future__ import annotations

import pytest

from helpers import Record, actor_mentioned_as, event_at, events_of, extract, summary

DATE = "2024-03-14"


def run(text: str) -> Record:
    return extract(text, id="status", date=DATE)


def sources(rec: Record, event: Record) -> list[str]:
    """The names of the actors an event is according to."""
    names = {a["id"]: a["name"] for a in rec["actors"]}
    return [names[i] for i in event["according_to"]]


def ids_of(rec: Record, *surfaces: str) -> list[str]:
    """Actor ids for the actors mentioned exactly as these surfaces, sorted as the record sorts."""
    return sorted({actor_mentioned_as(rec, s)["id"] for s in surfaces}, key=lambda i: int(i[1:]))


# ---- asserted and reported


def test_event_in_the_narrators_voice_is_asserted_with_no_source():
    rec = run("Ethiopia attacked Eritrea on Tuesday.")
    event = event_at(rec, "attacked")
    assert (event["status"], event["according_to"]) == ("asserted", []), summary(rec)


def test_event_inside_indirect_speech_is_reported_according_to_the_speaker():
    rec = run("Kenyan Foreign Minister Alfred Mutua said that Somalia attacked Ethiopia.")
    event = event_at(rec, "attacked")
    assert event["status"] == "reported", summary(rec)
    assert event["according_to"] == ids_of(rec, "Alfred Mutua")


def test_event_inside_a_direct_quote_is_reported_according_to_the_speaker():
    rec = run('"Peru attacked our fishing boats," a Chilean navy spokesman said.')
    event = event_at(rec, "attacked")
    assert event["status"] == "reported", summary(rec)
    assert event["according_to"] == ids_of(rec, "Chilean navy spokesman")


def test_event_in_an_according_to_clause_is_reported_according_to_its_object():
    rec = run("Somalia attacked an Ethiopian base, according to Kenyan officials.")
    event = event_at(rec, "attacked")
    assert event["status"] == "reported", summary(rec)
    assert event["according_to"] == ids_of(rec, "Kenyan officials")


def test_reportedly_makes_an_event_reported_by_no_one_named():
    rec = run("Iran reportedly supplied drones to Russia last year.")
    event = event_at(rec, "supplied")
    assert (event["status"], event["according_to"]) == ("reported", []), summary(rec)


def test_nested_claims_attribute_the_event_to_the_innermost_speaker():
    rec = run("Peruvian officials said that Chilean diplomats had reported that Bolivia attacked Peru.")
    event = event_at(rec, "attacked")
    assert event["status"] == "reported", summary(rec)
    assert event["according_to"] == ids_of(rec, "Chilean diplomats"), sources(rec, event)


def test_an_event_in_a_where_clause_of_a_claim_is_reported():
    rec = run(
        "Officials said that Ihar Losik was taken to a police station in Minsk, where he was "
        "questioned by the KGB and then arrested."
    )
    arrested = event_at(rec, "arrested")
    assert arrested["status"] == "reported", summary(rec)
    assert sources(rec, arrested) == [actor_mentioned_as(rec, "Officials")["name"]], summary(rec)


def test_a_claim_does_not_reach_the_narrators_sentence_before_it():
    rec = run(
        "Ethiopia attacked Eritrea on Tuesday. "
        "Kenyan officials said that Somalia had sent troops to Ethiopia."
    )
    assert event_at(rec, "attacked")["status"] == "asserted", summary(rec)
    assert event_at(rec, "sent")["status"] == "reported", summary(rec)


def test_a_speculating_source_makes_the_event_possible_according_to_it():
    rec = run("Armenian officials suggested that Azerbaijan attacked Armenia again.")
    event = event_at(rec, "attacked")
    assert event["status"] == "possible", summary(rec)
    assert event["according_to"] == ids_of(rec, "Armenian officials")


def test_a_hedge_inside_a_claim_makes_the_event_possible_according_to_the_speaker():
    rec = run("Kazakh officials said that Russia could attack Kazakhstan.")
    event = event_at(rec, "attack")
    assert event["status"] == "possible", summary(rec)
    assert event["according_to"] == ids_of(rec, "Kazakh officials")


# ---- denials and accusations


def test_denying_reports_of_an_event_makes_it_denied_according_to_the_denier():
    rec = run("Iran denied reports that Hezbollah attacked Israel.")
    event = event_at(rec, "attacked")
    assert event["status"] == "denied", summary(rec)
    assert event["according_to"] == ids_of(rec, "Iran")


def test_the_denial_itself_is_an_asserted_reject_by_the_denier():
    rec = run("Iran denied reports that Hezbollah attacked Israel.")
    rejects = events_of(rec, "REJECT")
    assert [(e["status"], e["actors"]) for e in rejects] == [("asserted", ids_of(rec, "Iran"))], summary(rec)


def test_denying_that_something_happened_makes_it_denied():
    rec = run("Azerbaijan denied that its forces had shelled Armenian villages.")
    event = event_at(rec, "shelled")
    assert event["status"] == "denied", summary(rec)
    assert event["according_to"] == ids_of(rec, "Azerbaijan")


def test_dismissing_reports_is_a_denial():
    rec = run("Russia dismissed reports that its troops had shelled a hospital in Kherson.")
    event = event_at(rec, "shelled")
    assert event["status"] == "denied", summary(rec)
    assert event["according_to"] == ids_of(rec, "Russia")
    assert [e["status"] for e in events_of(rec, "REJECT")] == ["asserted"], summary(rec)


def test_rejecting_allegations_of_an_act_makes_the_act_denied():
    rec = run("Egypt rejected allegations of Ethiopia arming rebels in Sudan.")
    event = event_at(rec, "arming")
    assert event["status"] == "denied", summary(rec)
    assert event["according_to"] == ids_of(rec, "Egypt")


def test_accusing_someone_of_an_act_is_an_asserted_accuse_event():
    rec = run("Israel accused Iran of arming Hezbollah.")
    event = event_at(rec, "accused")
    assert event["type"] == "ACCUSE"
    assert (event["status"], event["according_to"]) == ("asserted", []), summary(rec)
    assert event["actors"] == ids_of(rec, "Israel")
    assert event["recipients"] == ids_of(rec, "Iran")


def test_the_act_someone_is_accused_of_is_reported_according_to_the_accuser():
    rec = run("Israel accused Iran of arming Hezbollah.")
    event = event_at(rec, "arming")
    assert event["status"] == "reported", summary(rec)
    assert event["according_to"] == ids_of(rec, "Israel")
    assert event["actors"] == ids_of(rec, "Iran")


# ---- hedges (hedges.tsv): possible


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Turkey may attack Kurdish militants in Syria.", "attack"),
        ("Turkey might impose sanctions on Sweden.", "sanctions"),
        ("Greece could expel Turkish diplomats.", "expel"),
        ("Without a deal, Greece would expel Turkish diplomats.", "expel"),
        ("Japan will send aid to the Philippines.", "send"),
    ],
    ids=["may", "might", "could", "would", "will"],
)
def test_a_modal_makes_the_event_possible(text, trigger):
    rec = run(text)
    event = event_at(rec, trigger)
    assert (event["status"], event["according_to"]) == ("possible", []), summary(rec)


def test_a_plan_to_act_makes_the_act_possible():
    rec = run("Japan plans to send aid to the Philippines.")
    assert event_at(rec, "send")["status"] == "possible", summary(rec)


def test_a_threat_to_act_makes_the_act_possible_according_to_the_threatener():
    rec = run("Turkish officials threatened to expel the Swedish ambassador.")
    event = event_at(rec, "expel")
    assert event["status"] == "possible", summary(rec)
    assert event["according_to"] == ids_of(rec, "Turkish officials")


def test_the_threat_itself_is_an_asserted_threaten_event():
    rec = run("Turkish officials threatened to expel the Swedish ambassador.")
    event = event_at(rec, "threatened")
    assert event["type"] == "THREATEN"
    assert event["status"] == "asserted", summary(rec)


def test_a_promise_to_act_makes_the_act_possible():
    rec = run("Japan promised to send aid to the Philippines.")
    event = event_at(rec, "send")
    assert event["status"] == "possible", summary(rec)
    assert event["according_to"] == ids_of(rec, "Japan")


def test_urging_someone_to_act_makes_the_act_possible_according_to_the_one_who_urges():
    rec = run("Australia urged Japan to send aid to the Philippines.")
    event = event_at(rec, "send")
    assert event["status"] == "possible", summary(rec)
    assert event["according_to"] == ids_of(rec, "Australia")
    assert event["actors"] == ids_of(rec, "Japan")


def test_the_urging_itself_is_an_asserted_request():
    rec = run("Australia urged Japan to send aid to the Philippines.")
    event = event_at(rec, "urged")
    assert (event["type"], event["status"]) == ("REQUEST", "asserted"), summary(rec)


def test_an_if_clause_makes_its_event_possible():
    rec = run("Japan will impose sanctions on China if Beijing attacks Taiwan.")
    assert event_at(rec, "attacks")["status"] == "possible", summary(rec)


def test_an_unless_clause_makes_its_event_possible():
    rec = run("The talks will continue unless China attacks Taiwan.")
    assert event_at(rec, "attacks")["status"] == "possible", summary(rec)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("China possibly attacked Taiwan last year.", "attacked"),
        ("North Korea has potentially sent artillery shells to Russia.", "sent"),
    ],
    ids=["possibly", "potentially"],
)
def test_a_hedging_adverb_makes_the_event_possible(text, trigger):
    rec = run(text)
    assert event_at(rec, trigger)["status"] == "possible", summary(rec)


def test_a_possible_attack_is_possible():
    rec = run("Taiwan braced for a possible attack by China.")
    assert event_at(rec, "attack")["status"] == "possible", summary(rec)


def test_unclear_whether_makes_the_event_possible():
    rec = run("It remains unclear whether China attacked Taiwan last year.")
    assert event_at(rec, "attacked")["status"] == "possible", summary(rec)


# ---- negation: negated by the narrator, denied by a source


def test_has_not_in_the_narrators_voice_is_negated():
    rec = run("Canada has not deployed troops to Latvia.")
    event = event_at(rec, "deployed")
    assert (event["status"], event["according_to"]) == ("negated", []), summary(rec)


def test_never_in_the_narrators_voice_is_negated():
    rec = run("Canada has never sent weapons to Ukraine.")
    event = event_at(rec, "sent")
    assert (event["status"], event["according_to"]) == ("negated", []), summary(rec)


def test_no_before_the_subject_of_the_event_is_negated():
    rec = run("No Canadian troops were deployed to Latvia.")
    assert event_at(rec, "deployed")["status"] == "negated", summary(rec)


def test_there_were_no_attacks_is_negated():
    rec = run("There were no Russian attacks on Kharkiv on Tuesday.")
    assert event_at(rec, "attacks")["status"] == "negated", summary(rec)


def test_a_source_saying_it_did_not_happen_makes_it_denied_according_to_the_source():
    rec = run("Iranian officials said that Iran had not sent drones to Russia.")
    event = event_at(rec, "sent")
    assert event["status"] == "denied", summary(rec)
    assert event["according_to"] == ids_of(rec, "Iranian officials")


def test_never_inside_a_quote_is_a_denial_by_the_speaker():
    rec = run(
        "Kazakh President Kassym-Jomart Tokayev visited Beijing on Monday. "
        '"China has never threatened Kazakhstan," he said.'
    )
    event = event_at(rec, "threatened")
    assert event["status"] == "denied", summary(rec)
    assert event["according_to"] == ids_of(rec, "Kassym-Jomart Tokayev")


def test_a_source_saying_another_party_must_act_makes_a_request_of_it():
    rec = run("Norway said Sudan must release the aid workers.")
    requests = [(e["actors"], e["recipients"]) for e in events_of(rec, "REQUEST")]
    assert requests == [(ids_of(rec, "Norway"), ids_of(rec, "Sudan"))], summary(rec)


@pytest.mark.parametrize(
    "text",
    [
        "Spain's prime minister said Spain must leave the treaty.",  # its own course
        "Norway said the Sudanese embargo should be lifted.",  # a thing done, no one asked
        "Norway said Sudan should be ashamed.",  # a state of being
    ],
)
def test_no_request_of_ones_own_country_of_a_thing_or_of_a_state_of_being(text):
    rec = run(text)
    assert events_of(rec, "REQUEST") == [], summary(rec)


def test_saying_one_was_not_responsible_denies_but_saying_one_was_not_aware_does_not():
    assert events_of(run("Officials in Kabul said they were not responsible for the attack."), "REJECT")
    assert not events_of(run("Officials in Kabul said they were not aware of the attack."), "REJECT")


def test_did_not_explicitly_deny_is_no_reject():
    rec = run("Iran did not explicitly deny that its forces had attacked Iraq.")
    assert events_of(rec, "REJECT") == [], summary(rec)


def test_did_not_explicitly_deny_denies_nothing():
    rec = run("Iran did not explicitly deny that its forces had attacked Iraq.")
    assert all(e["status"] != "denied" for e in rec["events"]), summary(rec)


# ---- one event, two statuses


def test_an_event_reported_by_one_side_and_denied_by_the_other_appears_twice():
    rec = run(
        "Israeli officials said that Iran had sent drones to Russia. "
        "Iran denied that it had sent drones to Russia."
    )
    told = {e["status"]: e["according_to"] for e in events_of(rec, "AID")}
    assert told == {
        "reported": ids_of(rec, "Israeli officials"),
        "denied": ids_of(rec, "Iran"),
    }, summary(rec)


def test_both_tellings_of_the_event_keep_the_same_sides():
    rec = run(
        "Israeli officials said that Iran had sent drones to Russia. "
        "Iran denied that it had sent drones to Russia."
    )
    sides = {(tuple(e["actors"]), tuple(e["recipients"])) for e in events_of(rec, "AID")}
    assert sides == {(tuple(ids_of(rec, "Iran")), tuple(ids_of(rec, "Russia")))}, summary(rec)


def test_a_plan_noun_makes_its_infinitive_possible():
    rec = run("Colombian rebels were developing plans to attack Venezuela's army.")
    assert event_at(rec, "attack")["status"] == "possible"


def test_a_claim_called_a_pretext_inside_a_quote_is_denied_by_the_speaker():
    rec = run(
        "Chad's army spokesman Ali Doumi said: \"Sudanese troops shelled our posts under the false "
        'pretext that Chadian soldiers had attacked Sudan first."'
    )
    ev = event_at(rec, "attacked")
    assert ev["status"] == "denied"
    assert sources(rec, ev) == [actor_mentioned_as(rec, "Chad's army spokesman")["name"]]


def test_a_pretext_in_the_narrators_voice_is_negated():
    rec = run("Sudanese troops shelled Chadian posts under the pretext that Chad had attacked Sudan.")
    assert event_at(rec, "attacked")["status"] == "negated"


def test_reportedly_inside_a_claim_is_reported_according_to_the_speaker():
    rec = run("Kenya's defence ministry said Ugandan troops had reportedly shelled Kenyan border posts.")
    ev = event_at(rec, "shelled")
    assert ev["status"] == "reported"
    assert sources(rec, ev) == [actor_mentioned_as(rec, "defence ministry")["name"]]


def test_reportedly_beside_a_narrated_event_keeps_each_status():
    rec = run(
        "Fishermen rescued 300 refugees, and the Italian navy reportedly saved 150 more "
        "off the coast of Libya."
    )
    assert event_at(rec, "rescued")["status"] == "asserted"
    saved = event_at(rec, "saved")
    assert saved["status"] == "reported" and saved["recipients"]


def test_an_act_refused_or_failed_did_not_happen():
    rec = run("The Chilean government refused to release the Bolivian fishermen.")
    assert event_at(rec, "refused")["type"] == "REJECT"
    assert event_at(rec, "release")["status"] == "negated"
    rec = run("Brazil failed to send aid to Haiti.")
    assert event_at(rec, "send")["status"] == "negated"


def test_an_act_not_refused_is_no_negation():
    rec = run("Brazil did not refuse to send aid to Haiti.")
    assert event_at(rec, "send")["status"] != "negated"


def test_being_prepared_to_act_makes_the_act_possible():
    rec = run("Peru's government is prepared to impose a curfew on Lima.")
    assert [e["status"] for e in events_of(rec, "COERCE")] == ["possible"], summary(rec)
