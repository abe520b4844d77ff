"""Quantities (spec: `quantities`): counts of people, money with an ISO currency, weapons and a
few other counts; approximate and bounded numbers; what is not a count is skipped.

Sentences are invented for these tests; every test runs the real pipeline."""

from __future__ import annotations

from functools import cache

import pytest
from spacy.tokens import Doc

import newsgraph
from newsgraph.extract.quantities import distinct, find_quantities, quantities_with_heads, quantity_head
from newsgraph.lexicon import rows
from newsgraph.record import Quantity


@pytest.fixture(scope="module", autouse=True)
def nlp():
    return newsgraph.load()


@cache
def parse(text: str) -> Doc:
    return newsgraph.load()(text)


def found(text: str) -> list[Quantity]:
    return find_quantities(parse(text))


def one(text: str) -> Quantity:
    qs = found(text)
    assert len(qs) == 1, f"{text!r}: {qs}"
    return qs[0]


def values(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.unit_class) for q in found(text)]


# ---- people


def test_a_count_of_soldiers_is_people_with_the_noun_as_written_as_unit():
    q = one("Some 2,500 Chadian soldiers crossed the border on Tuesday.")
    assert (q.value, q.unit, q.unit_class) == (2500, "soldiers", "people")


def test_the_counted_noun_decides_the_class_past_adjectives_and_nationalities():
    q = one("The ministry said 640 newly arrived Eritrean refugees were housed in tents.")
    assert (q.value, q.unit_class, q.unit) == (640, "people", "refugees")


def test_a_compound_people_noun_is_kept_whole_as_unit():
    q = one("Border guards stopped 95 asylum seekers near the crossing.")
    assert (q.value, q.unit, q.unit_class) == (95, "asylum seekers", "people")


def test_the_object_of_a_casualty_verb_counts_people():
    assert values("The landslide killed 14 and injured 60 in the valley.") == [(14, "people"), (60, "people")]


def test_the_passive_subject_of_a_casualty_verb_counts_people():
    q = one("In the port city, at least 31 were killed overnight.")
    assert (q.value, q.unit_class, q.unit, q.bound) == (31, "people", "killed", "over")


def test_a_number_with_dead_or_wounded_counts_people():
    assert values("The raid left 12 dead and 40 wounded.") == [(12, "people"), (40, "people")]


def test_a_membered_group_counts_its_people():
    q = one("A nine-member delegation arrived in Oslo for the talks.")
    assert (q.value, q.unit_class) == (9, "people")


def test_a_group_of_n_counts_people():
    q = one("Parliament appointed a committee of fifteen to review the law.")
    assert (q.value, q.unit_class) == (15, "people")


def test_a_plural_nationality_counts_people():
    q = one("Some 400 Canadians were flown out of the capital.")
    assert (q.value, q.unit_class, q.unit) == (400, "people", "Canadians")


def test_more_after_a_count_takes_the_class_of_the_count_before():
    assert values("Coast guards found 120 migrants on the boat and 30 more in the water.") == [
        (120, "people"),
        (30, "people"),
    ]


def test_the_size_of_a_people_noun_given_by_a_verb_counts_people():
    q = one("The volunteers, who now number about 7,000, marched to the square.")
    assert (q.value, q.unit_class, q.approximate) == (7000, "people", True)


def test_a_rising_death_toll_counts_the_dead():
    q = one("The death toll from the floods rose to 212 on Sunday.")
    assert (q.value, q.unit_class) == (212, "people")


def test_a_lone_person_is_not_a_count():
    assert found("One protester held a sign while a second one sang.") == []


def test_a_bounded_single_person_is_a_count():
    q = one("At least one journalist was detained at the airport.")
    assert (q.value, q.unit_class, q.bound) == (1, "people", "over")


# ---- money


@pytest.mark.parametrize(
    ("text", "value", "iso"),
    [
        ("The fund received $64.1 billion last year.", 64.1e9, "USD"),
        ("He was freed on US$ 20,000 bail.", 20_000, "USD"),
        ("Brussels promised €2bn for the reconstruction.", 2e9, "EUR"),
        ("Tokyo approved 1.5 trillion yen in new spending.", 1.5e12, "JPY"),
        ("The council must repay 310,000 euros to the state.", 310_000, "EUR"),
        ("The club was sold for £3m.", 3e6, "GBP"),
        ("Wellington set aside NZ$ 12 million for the scheme.", 12e6, "NZD"),
        ("The bank lent EUR 40 million to the port.", 40e6, "EUR"),
        ("A grant of 5 million Australian dollars was announced.", 5e6, "AUD"),
        ("The court imposed a fine of half a million dollars.", 5e5, "USD"),
        ("The airline lost 900 million rupees in a month.", 9e8, "INR"),
    ],
)
def test_money_takes_its_iso_currency_and_scale(text, value, iso):
    q = one(text)
    assert q.unit_class == "money"
    assert q.unit == iso
    assert q.value == pytest.approx(value)


def test_a_money_text_covers_cue_currency_and_number():
    text = "Donors pledged over $3.2 billion to the relief effort."
    q = one(text)
    assert q.text == "over $3.2 billion"
    assert text[q.start : q.end] == q.text
    assert q.bound == "over"


def test_a_currency_word_belongs_to_the_money_text():
    assert one("She was ordered to pay more than 75,000 euros in damages.").text == "more than 75,000 euros"


def test_an_amount_converted_in_brackets_is_not_counted_again():
    q = one("The town paid €15,000 (£13,000; US$16,500) in compensation.")
    assert (q.value, q.unit) == (15_000, "EUR")


def test_a_weight_in_pounds_is_not_money():
    assert found("Police seized 500 pounds of explosives in the raid.") == []


def test_a_price_per_unit_is_not_an_amount():
    assert found("The wage was raised to US$15 an hour.") == []


# ---- weapons and other counts


@pytest.mark.parametrize("noun", ["missiles", "rockets", "shells", "drones", "tanks", "warheads", "bombs"])
def test_weapons_are_counted_as_weapons(noun):
    q = one(f"The army said it fired 36 {noun} at the base.")
    assert (q.value, q.unit_class, q.unit) == (36, "weapons", noun)


def test_rounds_of_ammunition_are_weapons_but_rounds_of_talks_are_not():
    assert values("Troops fired 200 rounds of ammunition during three rounds of talks.") == [(200, "weapons")]


def test_votes_and_seats_are_other_counts():
    assert values("The party won 41 seats with 1,204,331 votes.") == [(41, "other"), (1_204_331, "other")]


def test_a_million_uses_count_but_three_times_does_not():
    assert values("The slogan was shared over two million times.") == [(2e6, "other")]
    assert found("The slogan was shared three times.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The robotics league has 160 teams from 90 countries.",
        "Two officials said the ministry reviewed four reports.",
        "The rescue used six vessels and three helicopters.",
    ],
)
def test_counts_of_other_things_are_left_out(text):
    assert found(text) == []


# ---- written numbers and ranges


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Three thousand troops were moved north.", 3000),
        ("Rebels fired two dozen rockets overnight.", 24),
        ("Police detained a dozen activists.", 12),
        ("Twenty-five journalists signed the letter.", 25),
        ("One hundred and fifty prisoners were freed.", 150),
        ("More than a thousand residents fled.", 1000),
        ("The census counted 4 million voters.", 4e6),
    ],
)
def test_written_numbers_are_read(text, value):
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Police held 40-50 protesters overnight.", "40-50"),
        ("Police held between 40 and 50 protesters overnight.", "between 40 and 50"),
        ("Police held 40 to 50 protesters overnight.", "40 to 50"),
    ],
)
def test_a_range_is_one_approximate_quantity_at_its_lower_end(text, span):
    q = one(text)
    assert (q.value, q.unit_class, q.text, q.approximate) == (40, "people", span, True)


def test_a_range_takes_the_scale_of_its_upper_end():
    q = one("Rebuilding will cost 1.2 to 2 billion dollars.")
    assert (q.value, q.unit) == (1.2e9, "USD")


def test_a_change_from_one_number_to_another_gives_both():
    assert values("The number of seats for women increased from 12 to 18.") == [(12, "other"), (18, "other")]


def test_a_score_is_not_a_range():
    assert found("The home side won 3-1 after extra time.") == []


# ---- approximate and bounds


@pytest.mark.parametrize(
    "cue",
    ["around", "about", "some", "nearly", "almost", "roughly", "an estimated", "approximately", "close to"],
)
def test_an_approximation_cue_marks_the_quantity_approximate(cue):
    q = one(f"Officials said {cue} 600 soldiers had arrived.")
    assert (q.value, q.approximate, q.bound) == (600, True, None)
    assert q.text == f"{cue} 600"


@pytest.mark.parametrize("cue", ["over", "more than", "at least", "upwards of", "exceeding"])
def test_a_lower_bound_is_over(cue):
    q = one(f"The agency said {cue} 600 refugees had crossed.")
    assert (q.value, q.bound, q.approximate) == (600, "over", False)


@pytest.mark.parametrize("cue", ["up to", "fewer than", "less than", "under", "at most", "no more than"])
def test_an_upper_bound_is_under(cue):
    q = one(f"The agency said {cue} 600 refugees had crossed.")
    assert (q.value, q.bound) == (600, "under")


def test_or_more_after_the_number_is_a_lower_bound_in_the_text():
    q = one("The blast killed 45 or more in the market.")
    assert (q.value, q.bound, q.text) == (45, "over", "45 or more")


# ---- what is skipped


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2019 and signed on March 3.",
        "The vote closed at 10:45 and results came at 23:00.",
        "A 19-year-old student was arrested.",
        "The suspect, aged 17, was released.",
        "Police named the driver as Tom Hale, 19, of Leeds.",
        "Turnout reached 58% and forty percent of voters were young.",
        "She finished third, the second time in a row.",
        "The strike lasted 30 hours over two years.",
        "The convoy drove 500 miles and the report ran to 131 pages.",
        "The committee issued a 131-page report.",
        "The home side won 2-1.",
        "Call 555-0188 for details.",
        "Thousands of protesters and dozens of soldiers gathered.",
        "Hundreds of thousands of refugees and millions of pilgrims travel each year.",
        "The form has 40 to 50 questions on ten pages.",
        "The song rose to number 3 in the charts.",
        "One in three voters stayed home.",
        "The rate was 12 deaths per 100,000 people.",
        "The crew flew a Falcon 9 rocket.",
    ],
)
def test_what_is_not_a_count_is_skipped(text):
    assert found(text) == []


# ---- the record shape


def test_quantities_are_sorted_and_their_offsets_point_into_the_text():
    text = "Police arrested 30 protesters. Later, 2,000 troops arrived with 40 tanks and $5 million."
    qs = found(text)
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    assert len(qs) == 4
    for q in qs:
        assert text[q.start : q.end] == q.text


def test_the_text_leaves_out_the_counted_noun():
    assert one("Around 3,500 Ukrainian soldiers were trained.").text == "Around 3,500"


def test_distinct_drops_a_repeated_mention_but_keeps_a_different_bound():
    qs = found("About 900 voters came. Organisers said about 900 voters came, at least 900 voters.")
    assert len(qs) == 3
    assert [(q.value, q.bound) for q in distinct(qs)] == [(900, None), (900, "over")]


# ---- quantity_head


def head_text(text: str) -> str | None:
    doc = parse(text)
    qs = find_quantities(doc)
    assert qs, text
    head = quantity_head(doc, qs[0])
    return None if head is None else doc[head].text


def test_the_head_of_a_people_count_is_the_counted_noun():
    assert head_text("Around 3,000 North Korean soldiers traveled to Russia.") == "soldiers"


def test_the_head_of_money_is_its_syntactic_head():
    assert head_text("Washington has provided over $64.1 billion since 2022.") == "provided"


def test_the_head_of_a_nounless_casualty_count_is_its_verb():
    assert head_text("The bombing killed 23 on Friday.") == "killed"


def test_quantities_with_heads_agrees_with_quantity_head():
    doc = parse("Rebels fired 40 rockets, killing 12, and demanded $2 million from 300 villagers.")
    pairs = quantities_with_heads(doc)
    assert [q for q, _ in pairs] == find_quantities(doc)
    assert [h for _, h in pairs] == [quantity_head(doc, q) for q, _ in pairs]
    assert [doc[h].text for _, h in pairs if h is not None][0] == "rockets"


def test_a_quantity_not_in_the_doc_has_no_head():
    doc = parse("Nothing here.")
    assert quantity_head(doc, Quantity(5, "people", "people", "5", 400, 401)) is None


# ---- odd input never raises


@pytest.mark.parametrize(
    "text",
    [
        "",
        "$",
        "$ $ € £",
        "It cost 99999999999999999999999999999999999999999999999999999999 dollars.",
        "It cost 9" + "9" * 400 + " dollars and 1e400 euros.",
        "About ٣٠٠٠ soldiers and ３０ tanks.",
        "a a a thousand thousand million billion trillion dozen",
        "half half a a - - 5-$ $-5 1,2,3 ,5 5,, 0 0.0 -3 tens of of of",
    ],
)
def test_odd_input_never_raises(text):
    for q in found(text):
        assert q.value > 0
        assert text[q.start : q.end] == q.text


def test_unicode_digits_are_read():
    assert values("About ٣٠٠٠ soldiers and ３０ tanks moved.") == [(3000, "people"), (30, "weapons")]


def test_a_very_long_nested_sentence_is_handled():
    text = "Officials said that " + "the minister said that " * 2000 + "120 soldiers died."
    assert (120, "people") in values(text)


# ---- the tables


def test_unit_rows_have_known_kinds_and_classes():
    classes = {
        "noun": {"people", "weapons", "other"},
        "adj": {"people"},
        "verb": {"people"},
        "collective": {"people"},
        "hyphen": {"people"},
        "partitive": {"people", "weapons", "other"},
        "referent": {""},
        "measure": {"subject", "object"},
        "inherit": {"", "people"},
    }
    for row in rows("units.tsv"):
        assert row["kind"] in classes, row
        assert row["class"] in classes[row["kind"]], row
        assert row["term"] == row["term"].lower(), row


def test_currencies_map_to_iso_codes():
    for row in rows("units_currencies.tsv"):
        assert row["kind"] in {"symbol", "word", "code"}, row
        assert len(row["iso"]) == 3 and row["iso"].isupper(), row


def test_cues_have_a_known_position_and_effect():
    for row in rows("numbers_cues.tsv"):
        assert row["position"] in {"before", "after"}, row
        assert row["effect"] in {"approximate", "over", "under", "skip"}, row


def test_number_words_have_a_known_kind():
    kinds = {"unit", "hundred", "scale", "dozen", "suffix", "article", "fraction", "vague"}
    for row in rows("numbers.tsv"):
        assert row["kind"] in kinds, row
        assert float(row["value"]) > 0, row
