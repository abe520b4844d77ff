"""The same person across articles, under a full name in one and a surname in another; people
who only share a surname stay apart."""

from __future__ import annotations

from pathlib import Path

from newsgraph import store
from newsgraph.article import Article
from newsgraph.store import query
from newsgraph.store.identity import is_proper_name


def test_a_surname_in_a_later_article_is_the_person_named_in_full_before(tmp_path: Path) -> None:
    articles = [
        Article(
            id="full",
            date="2024-10-21",
            text="South Korean Defense Minister Kim Yong-hyun accused North Korea of sending troops "
            "to Russia.",
        ),
        Article(
            id="leader",
            date="2024-10-22",
            text="North Korean leader Kim Jong Un accused South Korea of provocations.",
        ),
        Article(id="seoul", date="2024-10-23", text="Kim said South Korea would send aid to Ukraine."),
        Article(id="pyongyang", date="2024-10-23", text="Kim said North Korea would send troops to Russia."),
    ]
    eng = store.open(f"sqlite:///{tmp_path / 'kim.db'}")
    store.ingest(eng, articles, report=lambda _m: None)
    names = {a["name"]: a for a in query.actors(eng, kind="person")}
    assert "Kim" not in names  # both resolved to a full name
    assert "kim" in [x.lower() for x in names["Kim Yong-hyun"]["aliases"]]
    assert "kim" in [x.lower() for x in names["Kim Jong Un"]["aliases"]]  # by country: PRK, not KOR
    (seoul,) = query.claims(eng, article="seoul")
    (pyongyang,) = query.claims(eng, article="pyongyang")
    assert seoul["speaker"] == "Kim Yong-hyun (KOR)" and pyongyang["speaker"] == "Kim Jong Un (PRK)"
    eng.dispose()


def test_an_ambiguous_surname_is_not_guessed(tmp_path: Path) -> None:
    articles = [
        Article(
            id="one",
            date="2024-10-21",
            text="South Korean Defense Minister Kim Yong-hyun met U.S. officials.",
        ),
        Article(
            id="two",
            date="2024-10-21",
            text="South Korean Foreign Minister Kim Sung-han met Japanese officials.",
        ),
        Article(id="three", date="2024-10-22", text="Kim said South Korea would send aid to Ukraine."),
    ]
    eng = store.open(f"sqlite:///{tmp_path / 'two-kims.db'}")
    store.ingest(eng, articles, report=lambda _m: None)
    (three,) = query.claims(eng, article="three")
    assert three["speaker"] == "Kim (KOR)"
    eng.dispose()


def test_only_proper_names_become_aliases() -> None:
    assert is_proper_name("Kirby") and is_proper_name("the White House")
    assert not is_proper_name("he") and not is_proper_name("the ministry") and not is_proper_name("It")
