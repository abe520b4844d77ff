"""Readers (`newsgraph.read`): one module per format, all yielding `Article`s, and for each
input that gives none a `ReadError` naming the file and the record, never an exception.

Fixtures in tests/fixtures/readers/: a saved news page (nav, ads, comments, og:/meta dates),
a German page, an RSS 2.0 feed (content:encoded, a French item, an item linking to the saved
page, an item with no text), an Atom feed (a Spanish entry), a WARC and a WARC.gz written by
warcio (`make_warcs.py`), a page with no body, a feed that is not XML and two entity bombs.
The 50 MB file, truncated WARCs, broken links and FIFOs are made at test time."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import sys
from pathlib import Path

import lxml.html
import pytest

from newsgraph.article import Article
from newsgraph.read import MAX_BYTES, ReadError, ReadStats, Skipped, read_file, read_paths
from newsgraph.read.detect import by_suffix, sniff
from newsgraph.read.html import fragment_text, parser
from newsgraph.read.language import identify

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
PAGE = FIXTURES / "news_page.html"
RSS = FIXTURES / "wire.rss"
ATOM = FIXTURES / "world.atom"
WARC = FIXTURES / "crawl.warc"
WARC_GZ = FIXTURES / "crawl.warc.gz"
PRAISE = "Chile praised Peru for its help after the floods."
GERMAN = (
    "Die Bundesregierung hat am Mittwoch ein neues Hilfspaket beschlossen. Nach Angaben des "
    "Ministeriums umfasst es Mittel in Höhe von mehreren hundert Millionen Euro."
)


def read(*paths: Path | str, **options) -> list[Article | ReadError]:
    return list(read_paths([str(p) for p in paths], **options))


def articles(items: list[Article | ReadError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | ReadError]) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def record_id(n: int) -> str:
    return f"urn:uuid:00000000-0000-4000-8000-{n:012d}"


# ---- format detection


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.json", "json"),
        ("a.HTML", "html"),
        ("a.htm", "html"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.xml", "feed"),
        ("a.warc", "warc"),
        ("CC-NEWS-20240603.warc.gz", "warc"),
        ("a.gz", None),
        ("a.md", None),
        ("noext", None),
    ],
)
def test_the_suffix_names_the_format(name, fmt):
    assert by_suffix(Path(name)) == fmt


@pytest.mark.parametrize(
    ("path", "fmt"),
    [(PAGE, "html"), (RSS, "feed"), (ATOM, "feed"), (WARC, "warc"), (WARC_GZ, "warc")],
)
def test_the_first_bytes_name_the_format(path, fmt):
    assert sniff(path.read_bytes()[:4096]) == fmt


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b'\xef\xbb\xbf  {"text": "x"}', "jsonl"),
        (b'[{"text": "x"}]', "json"),
        (b"<p>Some <b>text</b></p>", None),
        (b"Plain words.", None),
        (b"\x1f\x8b\x08\x00garbage", None),
        (b"\x89PNG\r\n\x1a\n", None),
    ],
)
def test_sniffing_odd_starts(head, fmt):
    assert sniff(head) == fmt


def test_a_file_without_a_telling_suffix_is_read_by_its_first_bytes(tmp_path):
    for source, name in [(PAGE, "page"), (RSS, "feed.dat"), (WARC_GZ, "crawl.bin")]:
        shutil.copy(source, tmp_path / name)
    page, feed, crawl = (read(tmp_path / name) for name in ("page", "feed.dat", "crawl.bin"))
    assert [a.id for a in articles(page)] == ["page"]
    assert "lakeside-2024-03-14-0042" in [a.id for a in articles(feed)]
    assert [a.id for a in articles(crawl)] == [record_id(3), record_id(4)]


def test_a_named_file_with_an_unknown_suffix_is_read_as_text(tmp_path):
    (tmp_path / "note.md").write_text(PRAISE, encoding="utf-8")
    (article,) = read(tmp_path / "note.md")
    assert isinstance(article, Article) and article.text == PRAISE and article.id == "note"


def test_a_named_gzip_file_that_is_not_a_warc_is_an_error(tmp_path):
    import gzip

    (tmp_path / "texts.gz").write_bytes(gzip.compress(PRAISE.encode()))
    (err,) = read(tmp_path / "texts.gz")
    assert isinstance(err, ReadError) and "not a WARC" in err.message


# ---- directories


def test_a_directory_reads_every_known_format_and_sniffed_pages_recursively(tmp_path):
    (tmp_path / "feeds").mkdir()
    shutil.copy(PAGE, tmp_path / "news_page.html")
    shutil.copy(ATOM, tmp_path / "feeds" / "world.atom")
    shutil.copy(PAGE, tmp_path / "saved-page")  # no suffix: sniffed
    (tmp_path / "a.txt").write_text(PRAISE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not an article.", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text(PRAISE, encoding="utf-8")
    stats = ReadStats()
    items = read(tmp_path, stats=stats)
    ids = [a.id for a in articles(items)]
    assert ids == [
        "a",
        "tag:harbourpost.example,2024:world/8812",
        "tag:harbourpost.example,2024:world/8807",
        "news_page",
        "saved-page",
    ]
    assert [e.where for e in errors(items)] == [f"{tmp_path / 'feeds' / 'world.atom'}:item 3"]
    assert stats.ignored == {"file:.md": 1, "file:.png": 1}
    assert stats.articles == 5 and stats.skipped == {"language:es": 1}


def test_the_fixture_directory_reads_without_an_exception():
    stats = ReadStats()
    items = read(FIXTURES, stats=stats)
    assert all(isinstance(item, Article | ReadError) for item in items)
    assert stats.articles == len(articles(items)) == 10
    assert stats.errors == len(errors(items)) - sum(stats.skipped.values())
    for err in errors(items):
        assert str(FIXTURES) in err.where


def test_a_broken_symbolic_link_in_a_directory_is_an_error_and_the_rest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(PRAISE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "z.txt").write_text(PRAISE.replace("Peru", "Bolivia"), encoding="utf-8")
    items = read(tmp_path)
    assert [a.id for a in articles(items)] == ["a", "z"]
    (err,) = errors(items)
    assert err.where == str(tmp_path / "gone.txt")
    assert "broken symbolic link" in err.message


def test_a_broken_symbolic_link_named_alone_is_an_error(tmp_path):
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    (err,) = read(tmp_path / "gone.html")
    assert isinstance(err, ReadError) and "broken symbolic link" in err.message


def test_a_fifo_is_never_opened(tmp_path):
    # opening a FIFO would block for ever: it must be reported from its file type alone
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "other-pipe")
    (tmp_path / "ok.txt").write_text(PRAISE, encoding="utf-8")
    items = read(tmp_path) + read(tmp_path / "other-pipe")
    assert [a.id for a in articles(items)] == ["ok"]
    assert [(Path(e.where).name, e.message) for e in errors(items)] == [
        ("pipe.txt", "not a regular file (a FIFO); not read"),
        ("other-pipe", "not a regular file (a FIFO); not read"),
    ]


def test_a_directory_with_nothing_to_read_is_one_error(tmp_path):
    (tmp_path / "notes.md").write_text("Not an article.", encoding="utf-8")
    (err,) = read(tmp_path)
    assert isinstance(err, ReadError) and err.where == str(tmp_path)
    assert "no article files" in err.message


# ---- plain text and JSON


def test_a_text_file_is_one_article_named_by_its_stem(tmp_path):
    path = tmp_path / "chile-peru.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PRAISE.encode())
    (article,) = read_file(path)
    assert article == Article(text=PRAISE, id="chile-peru")


def test_jsonl_records_keep_their_metadata_and_errors_name_the_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    good = {"id": "w1", "text": PRAISE, "title": "T", "date": "2024-01-02", "source": "S", "url": "u"}
    path.write_text(
        json.dumps({**good, "author": "A. Writer"})
        + "\n"
        + '{"text": broken\n'
        + json.dumps({"text": PRAISE}),
        encoding="utf-8",
    )
    first, err, last = read(path)
    assert first == Article(**good, author="A. Writer")
    assert isinstance(err, ReadError) and err.where == f"{path}:2" and "not valid JSON" in err.message
    assert isinstance(last, Article) and last.id == "wire-3"


def test_a_json_file_holds_one_article_or_an_array_of_them(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": PRAISE}, indent=2), encoding="utf-8")
    (tmp_path / "many.json").write_text(
        json.dumps([{"id": "x", "text": PRAISE}, {"text": ""}, {"text": PRAISE}], indent=2), encoding="utf-8"
    )
    (one,) = read(tmp_path / "one.json")
    assert isinstance(one, Article) and one.id == "one" and one.text == PRAISE
    x, empty, third = read(tmp_path / "many.json")
    assert isinstance(x, Article) and x.id == "x"
    assert isinstance(empty, ReadError) and empty.where == f"{tmp_path / 'many.json'}:[1]"
    assert isinstance(third, Article) and third.id == "many-3"


def test_stdin_is_json_lines(monkeypatch):
    lines = json.dumps({"id": "in-1", "text": PRAISE}) + "\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    article, err = read("-")
    assert isinstance(article, Article) and article.id == "in-1"
    assert isinstance(err, ReadError) and err.where == "<stdin>:2"


# ---- HTML pages


@pytest.fixture(scope="module")
def page() -> Article:
    (article,) = read(PAGE)
    assert isinstance(article, Article)
    return article


def test_a_saved_page_gives_the_article_body(page):
    assert page.text.startswith("Kenya and Tanzania agreed on Thursday to reopen the Namanga border")
    assert "about 600 lorries" in page.text
    assert page.text.rstrip().endswith("costing regional traders millions of dollars.")
    assert len(page.text.split("\n")) == 6  # one line per paragraph


@pytest.mark.parametrize(
    "boilerplate",
    [
        "We use cookies",  # cookie banner
        "Subscribe",  # navigation
        "holiday loans",  # leaderboard ad
        "Win a safari",  # inline sponsored block
        "Maize prices climb",  # related links
        "safari_fan88",  # comments
        "Most read",  # sidebar
        "morning briefing",  # newsletter box
        "All rights reserved",  # footer
        "Share on Facebook",
        "dataLayer",  # scripts
        "Lorries queued",  # photo caption
    ],
)
def test_a_saved_page_leaves_out_the_boilerplate(page, boilerplate):
    assert boilerplate not in page.text


def test_a_saved_page_gives_its_metadata(page):
    assert page.id == "news_page"
    assert page.title == "Kenya and Tanzania agree to reopen Namanga border crossing"
    assert not page.text.startswith(page.title)  # the headline is the title, not the first line
    assert page.date == "2024-03-14"  # published, not modified
    assert page.author == "Amina Otieno"
    assert page.source == "The Lakeside Courier"
    assert (
        page.url
        == "https://www.lakesidecourier.example/world/africa/2024/03/14/kenya-tanzania-namanga-border"
    )
    assert page.language == "en"


def test_a_page_in_a_declared_legacy_charset_is_decoded(tmp_path):
    html = (
        '<html><head><meta charset="windows-1252"><title>Talks</title></head><body><article>'
        "<p>\u201cWe will talk again,\u201d the minister said after meeting his counterpart in S\u00e3o Paulo"
        " on Monday, according to officials.</p></article></body></html>"
    )
    (tmp_path / "legacy.html").write_bytes(html.encode("cp1252"))
    (article,) = read(tmp_path / "legacy.html")
    assert isinstance(article, Article)
    assert "\u201cWe will talk again,\u201d" in article.text and "S\u00e3o Paulo" in article.text


def test_a_page_in_another_language_is_skipped_not_guessed_at():
    stats = ReadStats()
    (skipped,) = read(FIXTURES / "bericht.html", stats=stats)
    assert isinstance(skipped, Skipped) and isinstance(skipped, ReadError)
    assert skipped.skipped and skipped.language == "de"
    assert skipped.where == str(FIXTURES / "bericht.html")
    assert "not English" in skipped.reason
    assert stats.skipped == {"language:de": 1} and stats.articles == 0


def test_a_page_with_no_body_is_an_error():
    (err,) = read(FIXTURES / "no_body.html")
    assert isinstance(err, ReadError) and not err.skipped
    assert err.where == str(FIXTURES / "no_body.html")
    assert "no article text" in err.message


@pytest.mark.parametrize("content", [b"", b"   \n", b"<html></html>", b"\x00\x01\x02\x03" * 100])
def test_empty_or_binary_html_is_an_error(tmp_path, content):
    (tmp_path / "odd.html").write_bytes(content)
    (err,) = read(tmp_path / "odd.html")
    assert isinstance(err, ReadError) and err.where == str(tmp_path / "odd.html")


def test_an_html_entity_bomb_is_refused_at_once():
    (err,) = read(FIXTURES / "bomb.html")
    assert isinstance(err, ReadError) and err.message.startswith("refused:")
    assert "entit" in err.message


def test_the_html_parser_expands_no_entities_and_builds_no_huge_trees():
    # the second line of defence, should a declaration ever get past the refusal
    tree = lxml.html.document_fromstring((FIXTURES / "bomb.html").read_bytes(), parser=parser())
    assert len(tree.text_content()) < 1000
    assert parser().feed  # a fresh parser each call (lxml parsers are not shared between threads)


def test_fragment_text_strips_markup_and_keeps_paragraphs():
    html = "<p>One <b>bold</b> line.</p><script>track()</script><p>Two<br>three &amp; four</p>"
    assert fragment_text(html) == "One bold line.\nTwo\nthree & four"
    assert fragment_text("no markup  at all") == "no markup at all"


# ---- RSS and Atom feeds


@pytest.fixture(scope="module")
def rss() -> list[Article | ReadError]:
    return read(RSS)


def test_an_rss_feed_gives_one_article_per_item_with_guid_ids(rss):
    assert [(type(item).__name__, getattr(item, "id", None)) for item in rss] == [
        ("Article", "lakeside-2024-03-14-0042"),
        ("Article", "lakeside-2024-03-14-0031"),
        ("Skipped", None),
        ("Article", "https://www.lakesidecourier.example/world/2024/03/13/un-envoy-calm"),
        ("ReadError", None),
    ]


def test_rss_items_carry_their_metadata(rss):
    first = rss[0]
    assert isinstance(first, Article)
    assert first.title == "Chile and Peru sign fisheries accord after years of talks"
    assert first.date == "2024-03-14"
    assert first.author == "Diego Fuentes"
    assert first.source == "The Lakeside Courier - World"
    assert first.url == "https://www.lakesidecourier.example/world/americas/2024/03/14/chile-peru-fisheries"
    assert first.language == "en"


def test_rss_item_text_is_the_full_content_without_markup(rss):
    first, summary_only = rss[0], rss[3]
    assert isinstance(first, Article) and isinstance(summary_only, Article)
    assert first.text.startswith("Chile and Peru signed an accord on Thursday")
    assert "thousands of jobs" in first.text  # content:encoded, not the one-line description
    assert "<" not in first.text and "trackShare" not in first.text
    assert len(first.text.split("\n")) == 3
    assert summary_only.text.endswith("left two people dead, officials said on Wednesday.")


def test_an_rss_item_linking_to_a_page_saved_beside_the_feed_reads_that_page(rss, page):
    linked = rss[1]
    assert isinstance(linked, Article)
    assert linked.text == page.text  # the page, not the one-line summary
    assert linked.id == "lakeside-2024-03-14-0031"  # ids stay the feed's
    assert linked.url == page.url
    assert linked.source == "The Lakeside Courier - World"


def test_a_link_out_of_the_feed_folder_is_not_followed(tmp_path):
    (tmp_path / "feeds").mkdir()
    shutil.copy(PAGE, tmp_path / "outside.html")
    feed = RSS.read_text(encoding="utf-8").replace(
        "<link>news_page.html</link>", "<link>../outside.html</link>"
    )
    (tmp_path / "feeds" / "wire.rss").write_text(feed, encoding="utf-8")
    linked = read(tmp_path / "feeds" / "wire.rss")[1]
    assert isinstance(linked, Article)
    assert linked.text == "Trade ministers signed the agreement in Arusha."  # the item's summary


def test_non_english_and_empty_items_name_the_item(rss):
    skipped, err = rss[2], rss[4]
    assert isinstance(skipped, Skipped) and skipped.where == f"{RSS}:item 3" and skipped.language == "fr"
    assert isinstance(err, ReadError) and not err.skipped
    assert err.where == f"{RSS}:item 5" and "no text" in err.message


def test_an_atom_feed_gives_entries_with_their_ids_dates_and_authors():
    canada, japan, spanish = read(ATOM)
    assert isinstance(canada, Article) and isinstance(japan, Article)
    assert canada.id == "tag:harbourpost.example,2024:world/8812"
    assert canada.date == "2024-05-02" and japan.date == "2024-05-01"
    assert canada.author == "Claire Tremblay" and canada.source == "Harbour Post: World"
    assert canada.text.startswith("Canada imposed sanctions on Thursday") and "<p>" not in canada.text
    assert canada.text.endswith("bar them from entering the country.")
    assert japan.text.split("\n") == [
        "Japan and South Korea held their first defence talks in five years on Wednesday in Tokyo, "
        "officials from both countries said.",
        "The two sides agreed to meet again in the autumn.",
    ]
    assert isinstance(spanish, Skipped) and spanish.language == "es" and spanish.where == f"{ATOM}:item 3"


def test_a_feed_that_is_not_xml_is_an_error():
    (err,) = read(FIXTURES / "not_xml.rss")
    assert isinstance(err, ReadError) and err.where == str(FIXTURES / "not_xml.rss")
    assert "not an RSS or Atom feed" in err.message


def test_xml_that_is_not_a_feed_and_a_feed_without_items_are_errors(tmp_path):
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>', encoding="utf-8"
    )
    (tmp_path / "empty.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        encoding="utf-8",
    )
    sitemap, empty = read(tmp_path / "sitemap.xml", tmp_path / "empty.rss")
    assert isinstance(sitemap, ReadError) and "not an RSS or Atom feed" in sitemap.message
    assert isinstance(empty, ReadError) and "no items" in empty.message


def test_a_feed_entity_bomb_is_refused_at_once():
    (err,) = read(FIXTURES / "bomb.rss")
    assert isinstance(err, ReadError) and err.where == str(FIXTURES / "bomb.rss")
    assert err.message.startswith("refused:") and "entit" in err.message


def test_feedparser_itself_does_not_expand_the_bomb():
    # the second line of defence: expat's amplification limits, then feedparser's loose parser
    import feedparser

    parsed = feedparser.parse(io.BytesIO((FIXTURES / "bomb.rss").read_bytes()))
    assert all(len(entry.get("summary", "")) < 1000 for entry in parsed.entries)


# ---- WARC


@pytest.mark.parametrize("path", [WARC, WARC_GZ], ids=["warc", "warc.gz"])
def test_a_warc_gives_its_html_responses(path):
    stats = ReadStats()
    items = read(path, stats=stats)
    ghana, mali, german = items
    assert isinstance(ghana, Article) and isinstance(mali, Article)
    assert ghana.id == record_id(3) and mali.id == record_id(4)
    assert ghana.url == "https://coastlineherald.example/africa/ghana-togo-patrols"
    assert ghana.date == "2024-06-03"  # the page's own date
    assert mali.date == "2024-06-04"  # none in the page: the WARC-Date
    assert ghana.source == "Coastline Herald" and mali.source == "saheldaily.example"
    assert ghana.title == "Ghana and Togo agree joint patrols on shared border"
    assert ghana.text.startswith("Ghana and Togo agreed on Monday")  # gzip Content-Encoding undone
    assert "Advertisement" not in ghana.text and "about time" not in ghana.text
    assert "\u201cWe are relieved,\u201d" in mali.text  # windows-1252 from the HTTP header
    assert isinstance(german, Skipped) and german.language == "de"
    assert german.where.startswith(f"{path}:offset ") and int(german.where.rsplit(" ", 1)[1]) > 0
    assert stats.ignored == {"warc:warcinfo": 1, "warc:request": 1, "warc:image/png": 1, "warc:http-301": 1}


def test_reading_again_gives_the_same_ids():
    paths = [FIXTURES]
    first = [getattr(item, "id", None) or item.where for item in read(*paths)]  # type: ignore[union-attr]
    second = [getattr(item, "id", None) or item.where for item in read(*paths)]  # type: ignore[union-attr]
    assert first == second


@pytest.mark.parametrize("path", [WARC, WARC_GZ], ids=["warc", "warc.gz"])
def test_a_truncated_warc_keeps_the_records_before_the_cut_and_names_the_offset(tmp_path, path):
    data = path.read_bytes()
    cut = tmp_path / path.name
    cut.write_bytes(data[: int(len(data) * 0.6)])  # inside the Mali page's record
    stats = ReadStats()
    items = read(cut, stats=stats)
    assert [a.id for a in articles(items)] == [record_id(3)]
    (err,) = errors(items)
    assert err.where.startswith(f"{cut}:offset ")
    assert "truncated" in err.message
    assert stats.errors == 1


def test_a_warc_cut_inside_its_first_record_and_a_file_that_is_no_warc_are_errors(tmp_path):
    (tmp_path / "head.warc.gz").write_bytes(WARC_GZ.read_bytes()[:40])
    (tmp_path / "fake.warc").write_bytes(b"this is not a WARC file\n" * 10)
    (tmp_path / "empty.warc").write_bytes(b"")
    items = read(tmp_path / "head.warc.gz", tmp_path / "fake.warc", tmp_path / "empty.warc")
    assert [Path(e.where.split(":offset")[0]).name for e in items] == [
        "head.warc.gz",
        "fake.warc",
        "empty.warc",
    ]
    assert all(isinstance(e, ReadError) and not e.skipped for e in items)


# ---- size limit, duplicates, language policy


def test_a_50_mb_page_is_skipped_with_a_clear_message(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: instant to make, never read
    (err,) = read(path)
    assert isinstance(err, ReadError) and err.where == str(path)
    assert "52.4 MB, over the 50 MB limit; skipped" in err.message


def test_a_50_mb_jsonl_line_is_skipped_and_the_next_line_is_read(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.write(b'{"id": "huge", "text": "')
        block = b"x" * (1 << 20)
        for _ in range(MAX_BYTES // len(block) + 1):
            f.write(block)
        f.write(b'"}\n' + json.dumps({"id": "after", "text": PRAISE}).encode() + b"\n")
    err, after = read(path)
    assert isinstance(err, ReadError) and err.where == f"{path}:1" and "over the 50 MB limit" in err.message
    assert isinstance(after, Article) and after.id == "after"


def test_a_repeated_id_with_another_text_gives_both_and_warns_on_the_second(tmp_path, caplog):
    path = tmp_path / "dupes.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"id": "a1", "text": PRAISE},
                {"id": "a1", "text": PRAISE.replace("Peru", "Bolivia")},
                {"id": "b2", "text": PRAISE},
                {"id": "b2", "text": PRAISE},
            ]
        ),
        encoding="utf-8",
    )
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="newsgraph.read"):
        first, second, b_first, b_second = read(path, stats=stats)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id == "a1" and first.text != second.text
    assert first.warnings == []
    (warning,) = second.warnings
    assert "duplicate id 'a1'" in warning and f"{path}:1" in warning
    assert [r.getMessage() for r in caplog.records] == [f"{path}:2: {warning}"]
    assert isinstance(b_second, Article) and b_second.warnings == []  # the same text again: no warning
    assert stats.duplicates == 2 and stats.articles == 4


def test_the_same_warc_twice_gives_duplicates_without_warnings():
    stats = ReadStats()
    items = read(WARC, WARC_GZ, stats=stats)
    assert stats.duplicates == 2
    assert all(not a.warnings for a in articles(items))


def test_prepared_text_is_taken_as_given_unless_all_languages_are_checked(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "de", "text": GERMAN})
        + "\n"
        + json.dumps({"id": "en", "text": PRAISE})
        + "\n"
        + json.dumps({"id": "tagged", "text": PRAISE, "language": "fr"}),
        encoding="utf-8",
    )
    assert [a.id for a in articles(read(path))] == ["de", "en", "tagged"]
    checked = read(path, skip_foreign="all")
    assert [type(item).__name__ for item in checked] == ["Skipped", "Article", "Skipped"]
    assert [item.where for item in checked if isinstance(item, Skipped)] == [f"{path}:1", f"{path}:3"]
    assert [a.id for a in articles(read(FIXTURES / "bericht.html", skip_foreign="none"))] == ["bericht"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (PRAISE, "en"),
        ("UN Security Council meets on Gaza", "en"),
        (GERMAN, "de"),
        ("Les ministres ont signé jeudi un accord sur l'approvisionnement en électricité.", "fr"),
        ("Министерство иностранных дел России заявило в среду, что Москва готова к переговорам.", "ru"),
        ("外交部发言人周三表示，中方愿与各方加强沟通，推动局势缓和。", "zh"),
        ("Photo: Reuters", None),  # too little to tell: not skipped
        ("12345 678", None),
        ("", None),
    ],
)
def test_language_identification(text, language):
    assert identify(text)[0] == language


# ---- the command line on the new formats


def test_the_cli_extracts_a_directory_of_pages_feeds_and_warcs(capsys):
    from newsgraph.cli import main

    status = main(["extract", str(FIXTURES)])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1  # the bad fixtures
    assert len(records) == 10
    assert {r["doc"]["id"] for r in records} >= {"news_page", record_id(3), "lakeside-2024-03-14-0042"}
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.startswith(("newsgraph: error: ", "newsgraph: note: ")) for line in lines), err
    assert any(line.startswith("newsgraph: note: ") and "not English" in line for line in lines), err
    assert any("bomb.rss: refused:" in line for line in lines)
