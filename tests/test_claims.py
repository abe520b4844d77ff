"""Claims: every attribution in an article (spec section 1, `claims`). One test per cue pattern
(indirect speech, quotes before/after/around the cue and across paragraphs, mixed quotes,
"according to", noun cues, "reportedly", requests), the source span and speaker, the events a
claim carries, kind and stance; what is not a claim; and text that must never break it."""

from __future__ import annotations

import pytest

from helpers import Record, actor_mentioned_as, event_at, extract, summary, tuples

DATE = "2024-03-14"
EDGE = " \t\n,.;:!?\"'“”‘’«»"


def claims_text(rec: Record) -> str:
    return "".join(
        f"\n  claim {c['id']}: speaker {c['speaker']} source {c['source'] and c['source']['text']!r} "
        f"cue {c['cue']['text']!r} content {c['content']['text']!r} {c['kind']} {c['stance']} {c['events']}"
        for c in rec["claims"]
    )


def explain(rec: Record) -> str:
    return summary(rec) + (claims_text(rec) or "\n  (no claims)")


def claim_cued_by(rec: Record, cue: str) -> Record:
    """The one claim whose cue text is `cue` (fails the test if there is none, or several)."""
    found = [c for c in rec["claims"] if c["cue"]["text"] == cue]
    assert len(found) == 1, f"expected one claim cued by {cue!r}: {explain(rec)}"
    return found[0]


def core(text: str) -> str:
    """A span's text as the scorer compares it: blanks, quote marks, edge punctuation and a
    content's leading "that" trimmed."""
    text = text.strip(EDGE)
    if text.lower().startswith("that "):
        text = text[5:]
    return text.strip(EDGE)


def run(text: str) -> Record:
    return extract(text, id="claims", date=DATE)


# ---- cue patterns


def test_indirect_speech_with_said_that():
    rec = run("Kenyan Foreign Minister Alfred Mutua said that Somalia attacked Ethiopia.")
    claim = claim_cued_by(rec, "said")
    assert core(claim["content"]["text"]) == "Somalia attacked Ethiopia", explain(rec)
    assert claim["kind"] == "indirect"


def test_indirect_speech_without_that():
    rec = run("Chilean President Gabriel Boric said Peru had seized two Chilean ships.")
    claim = claim_cued_by(rec, "said")
    assert core(claim["content"]["text"]) == "Peru had seized two Chilean ships", explain(rec)
    assert claim["kind"] == "indirect"


@pytest.mark.parametrize("cue", ["reiterated", "reaffirmed", "underlined", "contended"])
def test_verbs_of_restating_and_stressing_are_cues(cue):
    rec = run(f"The Serbian foreign minister {cue} that Kosovo must withdraw its police from the north.")
    claim = claim_cued_by(rec, cue)
    assert core(claim["content"]["text"]) == "Kosovo must withdraw its police from the north", explain(rec)
    # and a party that must act, in a source's words, is asked to act
    assert ("REQUEST", {"SRB"}, {"XKX"}) in tuples(rec)


def test_direct_quote_with_the_cue_after_it():
    rec = run('"Ethiopia will never surrender its ports," Abiy Ahmed said on Monday.')
    claim = claim_cued_by(rec, "said")
    assert core(claim["content"]["text"]) == "Ethiopia will never surrender its ports", explain(rec)
    assert claim["source"]["text"] == "Abiy Ahmed"
    assert claim["kind"] == "direct"


def test_direct_quote_with_the_cue_before_it():
    rec = run('Abiy Ahmed said: "Ethiopia will defend its border against Eritrea."')
    claim = claim_cued_by(rec, "said")
    assert core(claim["content"]["text"]) == "Ethiopia will defend its border against Eritrea", explain(rec)
    assert claim["kind"] == "direct"


def test_direct_quote_split_around_the_cue_takes_both_halves():
    rec = run('"We have sent troops to Somalia," said Abiy Ahmed, "and we will send more next year."')
    claim = claim_cued_by(rec, "said")
    content = claim["content"]["text"]
    assert content.startswith("We have sent troops to Somalia"), explain(rec)
    assert core(content).endswith("we will send more next year"), explain(rec)
    assert claim["source"]["text"] == "Abiy Ahmed"
    assert claim["kind"] == "direct"


def test_quote_left_open_at_a_paragraph_end_continues_into_the_cue_paragraph():
    rec = run(
        '"Azerbaijan has shelled our villages for three days.\n'
        '"Baku must withdraw its troops from our border," Armenian Prime Minister Nikol Pashinyan '
        "said on Monday."
    )
    claim = claim_cued_by(rec, "said")
    assert claim["content"]["text"].startswith("Azerbaijan has shelled our villages"), explain(rec)
    assert "Baku must withdraw its troops" in claim["content"]["text"], explain(rec)
    assert event_at(rec, "shelled")["id"] in claim["events"], explain(rec)


@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["line-break", "blank-line"])
def test_quote_reopened_in_the_next_paragraph_belongs_to_the_cue_before_it(between):
    # AP style: the first paragraph opens a quote and never closes it; the next reopens it
    rec = run(
        'Armenian Prime Minister Nikol Pashinyan said on Monday: "Azerbaijan has shelled our villages '
        f'for three days.{between}"Turkey has sent combat drones to Azerbaijan."'
    )
    claim = claim_cued_by(rec, "said")
    assert "Turkey has sent combat drones to Azerbaijan" in claim["content"]["text"], explain(rec)
    assert event_at(rec, "sent")["id"] in claim["events"], explain(rec)


def test_quote_running_on_into_a_paragraph_with_no_opening_mark_ends_where_it_closes():
    # the quote's second paragraph has no opening mark: it closes at '...next week."'
    rec = run(
        'Bolivian President Luis Arce said, "Peru has closed the border.\n\n'
        'We will send a delegation to Lima next week." Later, Chilean Foreign Minister '
        'Alberto van Klaveren said, "Chile will help both sides."'
    )
    arce, chile = sorted(
        (c for c in rec["claims"] if c["cue"]["text"] == "said"), key=lambda c: c["cue"]["start"]
    )
    assert "We will send a delegation to Lima next week" in arce["content"]["text"], explain(rec)
    assert chile["source"]["text"] == "Chilean Foreign Minister Alberto van Klaveren", explain(rec)
    assert core(chile["content"]["text"]) == "Chile will help both sides", explain(rec)


def test_cue_ending_its_paragraph_introduces_the_quote_opening_the_next():
    rec = run('The Bolivian minister stated,\n\n"Peru has closed the border with Bolivia for good."')
    claim = claim_cued_by(rec, "stated")
    assert core(claim["content"]["text"]) == "Peru has closed the border with Bolivia for good", explain(rec)
    assert claim["kind"] == "direct"


def test_name_after_a_quote_and_its_cue_is_the_source():
    # the parser reads "added" as an adjective on the name after it
    rec = run(
        '"The army will destroy the loudspeakers within two days if the broadcasts continue", added Xinhua.'
    )
    claim = claim_cued_by(rec, "added")
    assert claim["source"]["text"] == "Xinhua", explain(rec)
    assert core(claim["content"]["text"]).startswith("The army will destroy the loudspeakers"), explain(rec)


def test_source_set_off_by_commas_after_an_opening_phrase():
    # the parser hangs the name on the opening phrase and leaves "said" with no subject
    rec = run(
        "Speaking in the defendants' favour, Henry Blake, SC, said that, as the men came from Syria, "
        "where the custom is common, they should be acquitted."
    )
    claim = claim_cued_by(rec, "said")
    assert claim["source"]["text"] == "Henry Blake, SC", explain(rec)
    assert core(claim["content"]["text"]).endswith("they should be acquitted"), explain(rec)


def test_content_runs_through_a_where_clause_on_a_place():
    rec = run(
        "Officials said that Ihar Losik was taken to a police station in Minsk, where he was "
        "questioned by the KGB and then arrested."
    )
    claim = claim_cued_by(rec, "said")
    assert core(claim["content"]["text"]).endswith("questioned by the KGB and then arrested"), explain(rec)
    assert event_at(rec, "arrested")["id"] in claim["events"], explain(rec)


def test_content_clause_split_by_the_parser_is_taken_whole():
    # the parser reads "called" as the clause's verb and "was ... persuaded" as a second clause
    rec = run(
        "Recent reports have revealed that a defector from the elite unit within the army called the "
        "Black Guard was first persuaded to travel back to a barracks in Minsk."
    )
    claim = claim_cued_by(rec, "have revealed")
    assert core(claim["content"]["text"]).endswith("travel back to a barracks in Minsk"), explain(rec)


def test_any_verb_before_a_colon_introduces_the_quote_after_it():
    rec = run(
        'The opposition leader continued: "Our party will take the government to court over the new '
        'border law."'
    )
    claim = claim_cued_by(rec, "continued")
    assert claim["source"]["text"] == "The opposition leader", explain(rec)
    assert core(claim["content"]["text"]).startswith("Our party will take the government"), explain(rec)
    assert claim["kind"] == "direct"


def test_quote_after_a_colon_belongs_to_the_verb_of_the_colon_not_to_another():
    rec = run(
        'The minister defended the deportation policy while promising a review: "We are working as '
        'fast as we can to clear the backlog."'
    )
    claim = claim_cued_by(rec, "defended")
    assert core(claim["content"]["text"]).startswith("We are working as fast as we can"), explain(rec)
    rec = run(
        'The paper quoted several critics, with one lawyer stating: "The rules are unfair to refugees '
        'from Syria."'
    )
    assert [c["cue"]["text"] for c in rec["claims"]] == ["stating"], explain(rec)
    assert claim_cued_by(rec, "stating")["source"]["text"] == "one lawyer"


def test_a_cue_with_its_own_content_and_a_quote_after_a_colon_makes_two_claims():
    rec = run(
        'The charity\'s director told reporters any plan "must be carefully designed": "Cutting the '
        'backlog is welcome but new hurdles are not."'
    )
    contents = sorted(core(c["content"]["text"]) for c in rec["claims"] if c["cue"]["text"] == "told")
    assert contents == [
        "Cutting the backlog is welcome but new hurdles are not",
        'any plan "must be carefully designed',
    ], explain(rec)


def test_a_colon_with_no_speaking_verb_before_it_makes_no_claim():
    rec = run('There were two questions on the form: "Were you ever a member of an armed group?"')
    assert rec["claims"] == [], explain(rec)


def test_indirect_speech_with_a_quoted_phrase_is_mixed():
    rec = run(
        'Moldovan President Maia Sandu said Russia had been "arming separatists in Transnistria for years."'
    )
    claim = claim_cued_by(rec, "said")
    content = claim["content"]["text"]
    assert content.startswith("Russia had been"), explain(rec)
    assert "arming separatists in Transnistria" in content, explain(rec)
    assert claim["kind"] == "mixed"


def test_according_to_attributes_its_own_clause():
    rec = run("Somalia attacked an Ethiopian base, according to Kenyan officials.")
    claim = claim_cued_by(rec, "according to")
    assert core(claim["content"]["text"]) == "Somalia attacked an Ethiopian base", explain(rec)
    assert claim["source"]["text"] == "Kenyan officials"
    assert claim["speaker"] == actor_mentioned_as(rec, "Kenyan officials")["id"]
    assert claim["kind"] == "indirect"


def test_possessive_noun_cue_with_a_that_clause():
    rec = run("Ethiopia's statement that Eritrea had attacked its border troops angered Asmara.")
    claim = claim_cued_by(rec, "statement")
    assert core(claim["content"]["text"]) == "Eritrea had attacked its border troops", explain(rec)
    assert claim["speaker"] == actor_mentioned_as(rec, "Ethiopia")["id"]
    assert claim["stance"] == "assert"


def test_allegations_of_is_an_accusation_by_their_holder():
    rec = run("Moldova's allegations of Russia arming separatists in Transnistria angered Moscow.")
    claim = claim_cued_by(rec, "allegations")
    assert core(claim["content"]["text"]) == "Russia arming separatists in Transnistria", explain(rec)
    assert claim["speaker"] == actor_mentioned_as(rec, "Moldova")["id"]
    assert claim["stance"] == "accuse"
    assert event_at(rec, "arming")["id"] in claim["events"]


def test_allegations_with_no_one_named_have_no_source_and_no_speaker():
    rec = run("Allegations of Russia arming separatists in Moldova have circulated for months.")
    claim = claim_cued_by(rec, "Allegations")
    assert core(claim["content"]["text"]) == "Russia arming separatists in Moldova", explain(rec)
    assert claim["speaker"] is None, explain(rec)
    assert claim["source"] is None, explain(rec)


def test_told_someone_in_a_statement_that_cues_on_the_verb():
    rec = run(
        "The Estonian defence ministry told Reuters in a statement that Russian jets had attacked "
        "a Finnish ship."
    )
    assert len(rec["claims"]) == 1, explain(rec)
    claim = claim_cued_by(rec, "told")
    assert core(claim["content"]["text"]) == "Russian jets had attacked a Finnish ship", explain(rec)
    assert claim["source"]["text"] == "The Estonian defence ministry"


def test_reportedly_is_a_claim_with_no_source():
    rec = run("Iran reportedly supplied drones to Russia last year.")
    claim = claim_cued_by(rec, "reportedly")
    assert claim["source"] is None
    assert claim["speaker"] is None
    assert event_at(rec, "supplied")["id"] in claim["events"], explain(rec)


def test_urged_someone_to_act_is_a_claim_about_the_act():
    rec = run("The European Union urged Serbia to withdraw its troops from the border with Kosovo.")
    claim = claim_cued_by(rec, "urged")
    assert "withdraw its troops from the border with Kosovo" in claim["content"]["text"], explain(rec)
    assert claim["speaker"] == actor_mentioned_as(rec, "European Union")["id"]
    assert event_at(rec, "withdraw")["id"] in claim["events"], explain(rec)


def test_asked_someone_to_act_is_a_claim_about_the_act():
    rec = run("Germany asked Poland to send tanks to Ukraine.")
    claim = claim_cued_by(rec, "asked")
    assert "send tanks to Ukraine" in claim["content"]["text"], explain(rec)
    assert claim["speaker"] == actor_mentioned_as(rec, "Germany")["id"]
    assert event_at(rec, "send")["id"] in claim["events"], explain(rec)


# ---- source and speaker


def test_source_span_is_the_whole_subject_with_its_title():
    rec = run("Chilean President Gabriel Boric said Peru had seized two Chilean ships.")
    assert claim_cued_by(rec, "said")["source"]["text"] == "Chilean President Gabriel Boric"


def test_source_span_includes_an_apposition():
    rec = run("Nikol Pashinyan, the Armenian prime minister, said that Azerbaijan had attacked Armenia.")
    source = claim_cued_by(rec, "said")["source"]
    assert source["text"] == "Nikol Pashinyan, the Armenian prime minister", explain(rec)
    assert rec["text"][source["start"] : source["end"]] == source["text"]


def test_speaker_is_the_id_of_the_named_actor():
    rec = run("Chilean President Gabriel Boric said Peru had seized two Chilean ships.")
    assert claim_cued_by(rec, "said")["speaker"] == actor_mentioned_as(rec, "Gabriel Boric")["id"]


def test_pronoun_source_of_indirect_speech_resolves_to_the_person_named_before():
    rec = run(
        "Kazakh President Kassym-Jomart Tokayev met Chinese officials on Monday. "
        "He said that Russia had threatened Kazakhstan."
    )
    claim = claim_cued_by(rec, "said")
    assert claim["source"]["text"] == "He"
    assert claim["speaker"] == actor_mentioned_as(rec, "Kassym-Jomart Tokayev")["id"], explain(rec)


def test_pronoun_after_a_quote_resolves_to_the_person_named_before():
    rec = run(
        "Kazakh President Kassym-Jomart Tokayev visited Beijing on Monday. "
        '"China has never threatened Kazakhstan," he said.'
    )
    claim = claim_cued_by(rec, "said")
    assert claim["source"]["text"] == "he"
    assert claim["speaker"] == actor_mentioned_as(rec, "Kassym-Jomart Tokayev")["id"], explain(rec)


def test_plural_group_source_is_the_speaker():
    rec = run("Armenian officials suggested that Azerbaijan could attack Armenia again.")
    claim = claim_cued_by(rec, "suggested")
    assert claim["source"]["text"] == "Armenian officials"
    assert claim["speaker"] == actor_mentioned_as(rec, "Armenian officials")["id"]


# ---- the events a claim carries


def test_each_claim_lists_the_events_inside_its_own_content():
    rec = run(
        "Chilean Foreign Minister Alberto van Klaveren said that Peru had attacked Bolivia. "
        "He added that Chile would send aid to Bolivia."
    )
    assert claim_cued_by(rec, "said")["events"] == [event_at(rec, "attacked")["id"]], explain(rec)
    assert claim_cued_by(rec, "added")["events"] == [event_at(rec, "send")["id"]], explain(rec)


def test_claim_lists_every_event_of_its_content():
    rec = run("Britain sent 3,000 troops to Estonia after Russia attacked Finland, the ministry said.")
    events = claim_cued_by(rec, "said")["events"]
    assert set(events) == {event_at(rec, "sent")["id"], event_at(rec, "attacked")["id"]}, explain(rec)


def test_claim_with_no_event_in_its_content_lists_none():
    rec = run('"Ethiopia will never surrender its ports," Abiy Ahmed said on Monday.')
    assert claim_cued_by(rec, "said")["events"] == []


def test_two_speakers_quoted_in_one_sentence_each_get_only_their_own_words():
    rec = run(
        'Chile said "the fishing dispute is over for good" and Peru said "the talks will resume next month."'
    )
    chile = next(c for c in rec["claims"] if c["source"]["text"] == "Chile")
    peru = next(c for c in rec["claims"] if c["source"]["text"] == "Peru")
    assert core(chile["content"]["text"]) == "the fishing dispute is over for good", explain(rec)
    assert core(peru["content"]["text"]) == "the talks will resume next month", explain(rec)


# ---- stance


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("Azerbaijan said that its forces had shelled Armenian villages.", "said", "assert"),
        ("Azerbaijan denied that its forces had shelled Armenian villages.", "denied", "deny"),
        ("Armenia accused Azerbaijan of shelling its villages.", "accused", "accuse"),
        ("Armenia claimed that Azerbaijan shelled its villages.", "claimed", "accuse"),
        (
            "Armenian officials suggested that Azerbaijan could attack Armenia again.",
            "suggested",
            "speculate",
        ),
    ],
    ids=["said-assert", "denied-deny", "accused-accuse", "claimed-accuse", "suggested-speculate"],
)
def test_stance_follows_the_cue(text, cue, stance):
    rec = run(text)
    assert claim_cued_by(rec, cue)["stance"] == stance, explain(rec)


def test_a_request_is_written_out_with_one_of_the_four_spec_stances():
    rec = run("Germany asked Poland to send tanks to Ukraine.")
    assert {c["stance"] for c in rec["claims"]} <= {"assert", "deny", "accuse", "speculate"}


def test_accusation_content_is_what_the_accused_is_said_to_have_done():
    rec = run("Armenia accused Azerbaijan of shelling Armenian villages.")
    claim = claim_cued_by(rec, "accused")
    assert "shelling Armenian villages" in claim["content"]["text"], explain(rec)
    assert event_at(rec, "shelling")["id"] in claim["events"]


# ---- what is not a claim


def test_a_quote_with_no_cue_is_no_claim():
    rec = run('"This is a turning point for the whole region and its people."')
    assert rec["claims"] == [], explain(rec)


def test_i_think_inside_a_quote_is_the_quoted_speaker_not_a_new_claim():
    rec = run('Chilean President Gabriel Boric said: "I think Peru will close its border with Bolivia."')
    assert [c["cue"]["text"] for c in rec["claims"]] == ["said"], explain(rec)
    assert claim_cued_by(rec, "said")["speaker"] == actor_mentioned_as(rec, "Gabriel Boric")["id"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The ambassador was told to leave Santiago within two days.", "was told",
         "to leave Santiago within two days"),
        ("The generals are accused of ordering the shelling of Goma.", "are accused",
         "ordering the shelling of Goma"),
        ("The militia has been described as a terrorist group.", "has been described as",
         "a terrorist group"),
    ],
    ids=["told-to", "accused-of", "described-as"],
)  # fmt: skip
def test_passive_cue_with_no_agent_saying_something_of_its_subject_is_a_claim_with_no_source(
    text, cue, content
):
    rec = run(text)
    claim = claim_cued_by(rec, cue)
    assert core(claim["content"]["text"]) == content, explain(rec)
    assert claim["source"] is None and claim["speaker"] is None, explain(rec)


@pytest.mark.parametrize(
    "text",
    [
        "The stone is believed to bring good luck to Chile.",
        "Volunteers were encouraged to submit their designs online.",
        "The ambassador was told that Peru had closed its border.",
    ],
    ids=["believed-to-is-a-hedge", "encouraged-is-no-speech", "told-that-is-no-claim-of-the-subject"],
)
def test_passive_cue_with_no_agent_and_nothing_said_of_its_subject_is_no_claim(text):
    rec = run(text)
    assert rec["claims"] == [], explain(rec)


def test_passive_cue_with_no_agent_inside_a_claim_is_part_of_that_claim():
    rec = run("According to Yonhap, the army has been placed on alert and has been told to prepare for war.")
    assert [c["cue"]["text"] for c in rec["claims"]] == ["According to"], explain(rec)
    assert "has been told to prepare for war" in claim_cued_by(rec, "According to")["content"]["text"]


def test_did_not_deny_is_no_claim():
    rec = run("Peru did not deny that its navy had seized Chilean fishing boats.")
    assert rec["claims"] == [], explain(rec)


def test_denied_visas_is_a_refusal_not_a_denial_of_something_said():
    rec = run("Peru denied visas to Chilean fishermen on Monday.")
    assert rec["claims"] == [], explain(rec)


def test_denying_someone_something_is_a_refusal_and_a_relative_pronoun_is_no_source():
    rec = run(
        "Rights groups criticised the climate of hostility toward migrants that critics blame for "
        "denying them entry in the first place."
    )
    assert not [c for c in rec["claims"] if c["cue"]["text"] == "denying"], explain(rec)
    rec = run("Hungary denied the refugees entry on Monday.")
    assert rec["claims"] == [], explain(rec)


def test_requesting_a_thing_rather_than_an_act_is_no_claim():
    rec = run("The Red Cross requested donations via a statement on its website.")
    assert rec["claims"] == [], explain(rec)
    rec = run("Aid groups are encouraging volunteers to ask for help at the town hall.")
    assert [c["cue"]["text"] for c in rec["claims"]] == ["are encouraging"], explain(rec)


def test_requesting_a_quoted_thing_is_a_claim():
    rec = run('The ministry urged "an immediate halt to the shelling" by both sides.')
    assert claim_cued_by(rec, "urged")["kind"] in {"direct", "mixed"}, explain(rec)


def test_allegedly_inside_someone_elses_claim_is_no_second_claim():
    rec = run("Turkish officials claimed that Greek troops had allegedly fired on a Turkish patrol boat.")
    assert [c["cue"]["text"] for c in rec["claims"]] == ["claimed"], explain(rec)


def test_a_participle_read_as_a_verb_is_no_claim():
    rec = run(
        "The rule is not retroactive, so the fines requested in arrears from 2015 to 2017 are "
        "under the old regime."
    )
    assert rec["claims"] == [], explain(rec)


def test_a_cue_with_only_a_circumstance_after_it_is_no_claim():
    rec = run("The umpire reversed the decision after confirming with the television official.")
    assert rec["claims"] == [], explain(rec)


# ---- text that must never break claim finding


def spans_match_text(rec: Record) -> bool:
    text = rec["text"]
    return all(
        text[span["start"] : span["end"]] == span["text"]
        for c in rec["claims"]
        for span in (c["cue"], c["content"], c["source"])
        if span is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        'Chile said "the dispute is over and our navy will stay in port',
        "Chile said “the dispute is over and our navy will stay in port",
        "” Chile said that Peru attacked Bolivia. “",
        'Chile said “the dispute is over" and Peru said "the talks will resume” tomorrow.',
        '"""""“““”””',
        '“\n“\n"\n',
        "«Peru attacked Bolivia,» Chile said. „Bolivia will respond“, the minister said.",
    ],
    ids=["unclosed-straight", "unclosed-curly", "reversed-curly", "mixed-curly-straight", "only-marks",
         "marks-on-lines", "guillemets-and-low-quotes"],
)  # fmt: skip
def test_unbalanced_or_mixed_quote_marks_never_raise(text):
    rec = run(text)
    assert spans_match_text(rec), explain(rec)


def test_a_quote_that_never_closes_runs_to_the_end_of_the_text():
    rec = run('Chile said "the dispute is over and our navy will stay in port')
    claim = claim_cued_by(rec, "said")
    assert claim["content"]["text"] == "the dispute is over and our navy will stay in port"


def test_two_thousand_words_of_nested_that_clauses_return_a_record():
    text = "Officials said that " + "the minister said that " * 500 + "Russia attacked Ukraine."
    rec = run(text)
    assert len(text.split()) > 2000
    assert [e["type"] for e in rec["events"]] == ["ASSAULT"]
    assert rec["claims"]
