"""Fuzzing every reader and `newsgraph.extract` with Hypothesis: hostile input never crashes.

The contract, for any bytes in a file of any format (and for any file without a telling
suffix, read by its first bytes): `read_paths` gives only `Article`s with text and
`ReadError`s that name the file (`path`, `path:LINE`, `path:item N`, `path:offset N`) and say
why; it never raises. Documents that declare XML entities (a "billion laughs" bomb, an
external entity), in any encoding, are refused. `newsgraph.extract` on any text, with any
date, gives a newsgraph/1 record, not an exception and not an "extraction failed" record.

The generators make: random bytes; random Unicode with right-to-left text, bidi controls
and zero-width characters; huge lines; deeply nested HTML and JSON; truncated and corrupted
gzip and WARC files; malformed JSON Lines (broken syntax, wrong types, NaN, huge numbers);
RSS/Atom feeds with entity bombs and absurd dates. `bench/fuzz.py` runs the same cases
10,000 times over and counts crashes instead of stopping at the first."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.article import Article
from newsgraph.read import ReadError, ReadStats, read_paths

CI_EXAMPLES = 40  # per test; bench/fuzz.py runs far more
FUZZ = settings(
    max_examples=CI_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# -- text ingredients ----------------------------------------------------------------------

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]
RTL = ["مرحبا", "قالت الحكومة", "שלום", "אמר", "پاکستان", "ܫܠܡܐ"]
WORDS = [
    "Russia", "attacked", "Ukraine", "said", "the", "President", "Biden", "on", "Monday", "10,000",
    "$5 million", "troops", "denied", "may", "not", "according to", "Reuters", "\n", "\n\n", ".", ",",
    '"', "“", "”", "'s", "-", "(", ")", "2024-02-30", "last week", "in 1066", "Kyiv", "NATO",
]  # fmt: skip
ABSURD_DATES = [
    "0000-00-00", "9999-12-31", "99999-01-01", "-0044-03-15", "2024-02-30", "2024-13-01", "1e308",
    "NaN", "yesterday", "", " ", "2024-01-01T99:99:99Z", "1970-01-01T00:00:00+99:00", "3000000000",
    "Mon, 31 Feb 99999 25:61:61 +9999", "٢٠٢٤-٠١-٠١", "2024\u200b-01-01", "x" * 500,
]  # fmt: skip

any_text = st.text(st.characters(codec="utf-8"), max_size=400)
newsy_text = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(ZERO_WIDTH + BIDI),
        st.sampled_from(RTL),
        st.text(st.characters(codec="utf-8"), max_size=6),
    ),
    max_size=80,
).map(" ".join)
texts = st.one_of(any_text, newsy_text)
dates = st.one_of(st.none(), st.sampled_from(ABSURD_DATES), st.text(max_size=30))
huge_line = st.tuples(
    st.integers(100_000, 1_500_000), st.sampled_from(["a", "Russia attacked ", "\u200b", "é"])
).map(lambda t: (t[1] * (t[0] // len(t[1]))).encode("utf-8"))


def encoded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(strategy, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])).map(
        lambda t: t[0].encode(t[1], errors="replace")
    )


# -- JSON ----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
article_objects = st.fixed_dictionaries(
    {"text": st.one_of(texts, json_values)},
    optional={
        "id": json_values,
        "title": json_values,
        "date": st.one_of(dates, json_values),
        "url": json_values,
        "source": json_values,
        "language": json_values,
    },
)


def _json_line(obj: Any) -> bytes:
    return json.dumps(obj, allow_nan=True).encode("utf-8")


deep_json = st.integers(1, 200_000).map(
    lambda n: b'{"text": "Chile praised Peru.", "id": ' + b"[" * n + b"]" * n + b"}"
)
json_lines = st.one_of(
    article_objects.map(_json_line),
    json_values.map(_json_line),
    st.tuples(article_objects.map(_json_line), st.integers(0, 200)).map(lambda t: t[0][: t[1]]),  # truncated
    st.binary(max_size=200),
    deep_json,
    st.sampled_from(
        [b"NaN", b"Infinity", b'{"text": 1e999999}', b'{"text": "a\\ud800b"}', b"{}" * 50, b"\xef\xbb\xbf{}"]
    ),
    encoded(texts),
)
jsonl_files = st.one_of(
    st.lists(json_lines, max_size=8).map(lambda lines: b"\n".join(lines)),
    st.tuples(st.lists(json_lines, max_size=3), huge_line).map(lambda t: b"\n".join([*t[0], t[1]])),
)
json_files = st.one_of(
    article_objects.map(_json_line),
    st.lists(article_objects, max_size=5).map(_json_line),
    json_values.map(_json_line),
    deep_json,
    jsonl_files,
)

# -- HTML ----------------------------------------------------------------------------------

TAGS = [
    "div",
    "p",
    "span",
    "article",
    "b",
    "table",
    "tr",
    "td",
    "script",
    "style",
    "h1",
    "li",
    "main",
    "a",
    "svg",
]
html_pieces = st.one_of(
    st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS]),
    st.sampled_from(
        ["<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<", ">", "&"]
    ),
    newsy_text,
)
tag_soup = st.lists(html_pieces, max_size=60).map("".join)


def nested(depth: int, tag: str, body: str) -> str:
    return f"<{tag}>" * depth + body + f"</{tag}>" * depth


PARAGRAPH = "Chile praised Peru for its help after the floods, officials said on Monday. " * 3
deep_html = st.tuples(st.integers(1, 100_000), st.sampled_from(["div", "span", "b", "table", "p"])).map(
    lambda t: f"<html><head><title>T</title></head><body>{nested(t[0], t[1], PARAGRAPH)}</body></html>"
)
html_pages = st.one_of(
    st.tuples(tag_soup, st.sampled_from(["utf-8", "latin-1", "utf-16", "x-unknown", "utf-7", "ebcdic"])).map(
        lambda t: (
            f'<html><head><meta charset="{t[1]}"><title>t</title></head><body><article><p>{PARAGRAPH}</p>'
            f"{t[0]}</article></body></html>"
        ).encode("utf-8", errors="replace")
    ),
    encoded(tag_soup),
    encoded(deep_html),
    st.binary(max_size=500),
)

# -- feeds and entity bombs ----------------------------------------------------------------

LAUGHS = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
)
BOMBS = {
    "billion laughs": f"<!DOCTYPE rss [{LAUGHS}]>",
    "quadratic blowup": f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>',
    "external entity": '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "parameter entity": '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>',
}
BOMB_USE = {
    "billion laughs": "&lol9;",
    "quadratic blowup": "&a;" * 1000,
    "external entity": "&xxe;",
    "parameter entity": "",
}


def rss(items: list[tuple[str, str, str]], *, prolog: str = "", channel_title: str = "Feed") -> str:
    body = "".join(
        f"<item><title>{title}</title><pubDate>{date}</pubDate><guid>g{n}</guid>"
        f"<description><![CDATA[{text}]]></description></item>"
        for n, (title, date, text) in enumerate(items)
    )
    channel = f"<channel><title>{channel_title}</title>{body}</channel>"
    return f'<?xml version="1.0"?>{prolog}<rss version="2.0">{channel}</rss>'


def atom(items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<entry><title>{title}</title><id>e{n}</id><updated>{date}</updated>"
        f'<content type="html"><![CDATA[{text}]]></content></entry>'
        for n, (title, date, text) in enumerate(items)
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{body}</feed>'


def _cdata_safe(text: str) -> str:
    return text.replace("]]>", "]] >")


feed_items = st.lists(
    st.tuples(
        newsy_text.map(lambda t: t.replace("<", " ").replace("&", " ")),
        st.sampled_from(ABSURD_DATES),
        st.one_of(newsy_text, tag_soup, st.just(PARAGRAPH)).map(_cdata_safe),
    ),
    max_size=5,
)
feeds = st.one_of(
    st.tuples(feed_items, st.sampled_from(["utf-8", "utf-16", "latin-1"])).map(
        lambda t: rss(t[0]).encode(t[1], errors="replace")
    ),
    feed_items.map(lambda items: atom(items).encode("utf-8")),
    st.tuples(feed_items, st.integers(0, 2000)).map(lambda t: rss(t[0]).encode("utf-8")[: t[1]]),  # truncated
    encoded(tag_soup.map(lambda s: f"<rss>{s}</rss>")),
)
# (bomb kind, encoding) -> a feed that declares entities and uses them
bomb_feeds = st.tuples(
    st.sampled_from(sorted(BOMBS)), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
)


def bomb_feed(kind: str, encoding: str, *, lowercase: bool = False) -> bytes:
    prolog = BOMBS[kind].replace("<!ENTITY", "<!entity") if lowercase else BOMBS[kind]
    doc = rss(
        [("t", "Mon, 01 Jan 2024 00:00:00 GMT", PARAGRAPH)], prolog=prolog, channel_title=BOMB_USE[kind]
    )
    if encoding != "utf-8":
        doc = doc.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding.upper()}"?>')
    return doc.encode(encoding)


# -- WARC ----------------------------------------------------------------------------------


def warc(pages: list[bytes], *, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for n, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=io.BytesIO(page), http_headers=http
        )
        writer.write_record(record)
    return out.getvalue()


warc_pages = st.lists(
    st.one_of(html_pages, st.just(f"<html><body><p>{PARAGRAPH}</p></body></html>".encode())), max_size=3
)
warcs = st.one_of(
    st.tuples(warc_pages, st.booleans()).map(lambda t: warc(t[0], compress=t[1])),
    st.tuples(warc_pages, st.booleans(), st.floats(0, 1)).map(  # truncated anywhere
        lambda t: (lambda data: data[: int(len(data) * t[2])])(warc(t[0], compress=t[1]))
    ),
    st.tuples(warc_pages, st.booleans(), st.integers(0, 10_000), st.binary(min_size=1, max_size=8)).map(
        lambda t: (
            lambda data: data[: t[2] % (len(data) or 1)] + t[3] + data[t[2] % (len(data) or 1) + len(t[3]) :]
        )(warc(t[0], compress=t[1]))  # bytes overwritten
    ),
    st.binary(max_size=300).map(lambda b: b"WARC/1.0\r\n" + b),
    st.binary(max_size=300).map(lambda b: gzip.compress(b"WARC/1.0\r\n" + b)[: max(10, len(b))]),
)
gzip_junk = st.one_of(
    st.binary(max_size=300).map(gzip.compress),
    st.tuples(st.binary(max_size=300), st.integers(2, 60)).map(lambda t: gzip.compress(t[0])[: t[1]]),
    st.binary(max_size=100).map(lambda b: b"\x1f\x8b" + b),
)

# what a file of each suffix is filled with ("" is no suffix: the format is sniffed)
CONTENT: dict[str, st.SearchStrategy[bytes]] = {
    ".txt": st.one_of(st.binary(max_size=2000), encoded(texts), huge_line),
    ".jsonl": jsonl_files,
    ".json": json_files,
    ".html": html_pages,
    ".xml": feeds,
    ".warc": warcs,
    ".warc.gz": st.one_of(warcs, gzip_junk),
    "": st.one_of(st.binary(max_size=500), html_pages, feeds, warcs, gzip_junk, jsonl_files, encoded(texts)),
}

# -- the contract --------------------------------------------------------------------------


def read_bytes(data: bytes, suffix: str, directory: Path) -> list[Article | ReadError]:
    """Read `data` as a file named with `suffix`, and check every item it gives."""
    path = directory / f"input{suffix}"
    path.write_bytes(data)
    stats = ReadStats()
    items = list(read_paths([str(path)], stats=stats))
    # a file gives an article or an error, or holds only records that are no articles (a
    # WARC request, an image), counted as ignored
    assert items or stats.ignored, "a file gives at least one article or error"
    for item in items:
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip(), item
        else:
            assert isinstance(item, ReadError), repr(item)
            assert item.where.startswith(str(path)), item
            assert item.message.strip(), item
    return items


def check_extract(text: str, date: str | None, title: str | None = None) -> dict[str, Any]:
    record = newsgraph.extract(text, id="fuzz", date=date, title=title)
    assert isinstance(record["events"], list) and isinstance(record["actors"], list)
    failed = [w for w in record.get("warnings", []) if str(w).startswith("extraction failed")]
    assert not failed, failed
    return record


def _in_temp(check: Callable[[Path], None]) -> None:
    with tempfile.TemporaryDirectory(prefix="ngfuzz-") as d:
        check(Path(d))


# -- the tests -----------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(sorted(CONTENT)))
def test_random_bytes_in_a_file_of_any_format(data: bytes, suffix: str) -> None:
    _in_temp(lambda d: read_bytes(data, suffix, d))


@FUZZ
@given(st.data())
def test_plain_text_json_lines_and_json(data: st.DataObject) -> None:
    suffix = data.draw(st.sampled_from([".txt", ".jsonl", ".json"]))
    _in_temp(lambda d: read_bytes(data.draw(CONTENT[suffix]), suffix, d))


@FUZZ
@given(html_pages)
def test_html_pages_tag_soup_deep_nesting_and_odd_charsets(page: bytes) -> None:
    _in_temp(lambda d: read_bytes(page, ".html", d))


@FUZZ
@given(feeds)
def test_feeds_with_absurd_dates_and_broken_markup(feed: bytes) -> None:
    def check(d: Path) -> None:
        for item in read_bytes(feed, ".xml", d):
            if isinstance(item, Article) and item.date is not None:
                assert len(item.date) == 10 and item.date[4] == "-", item.date

    _in_temp(check)


@settings(FUZZ, max_examples=20)
@given(bomb_feeds, st.booleans(), st.sampled_from([".xml", ".rss", ".html", ""]))
def test_entity_bombs_are_refused_in_any_encoding(
    bomb: tuple[str, str], lowercase: bool, suffix: str
) -> None:
    def check(d: Path) -> None:
        items = read_bytes(bomb_feed(*bomb, lowercase=lowercase), suffix, d)
        assert len(items) == 1 and isinstance(items[0], ReadError), items
        if suffix or bomb[1] == "utf-8":  # read as a feed or page (unsniffed UTF-16/32 is not text)
            assert "refused" in items[0].message and "entit" in items[0].message, items[0]

    _in_temp(check)


@FUZZ
@given(st.data())
def test_warc_files_truncated_corrupted_or_not_warc(data: st.DataObject) -> None:
    suffix = data.draw(st.sampled_from([".warc", ".warc.gz", ""]))
    _in_temp(lambda d: read_bytes(data.draw(CONTENT[suffix]), suffix, d))


@FUZZ
@given(st.data())
def test_files_without_a_suffix_are_sniffed_safely(data: st.DataObject) -> None:
    _in_temp(lambda d: read_bytes(data.draw(CONTENT[""]), "", d))


@settings(FUZZ, max_examples=60)
@given(texts, dates, st.one_of(st.none(), newsy_text))
def test_extract_gives_a_record_for_any_text_and_date(text: str, date: str | None, title: str | None) -> None:
    record = check_extract(text, date, title)
    assert record["doc"]["id"] == "fuzz"


# -- crashes fuzzing found, one test each --------------------------------------------------


def test_json_nested_too_deeply_is_a_clear_error(tmp_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    (tmp_path / "deep.jsonl").write_bytes(b'{"text": "Chile praised Peru."}\n' + deep + b"\n")
    (tmp_path / "deep.json").write_bytes(b'{"text": "Chile praised Peru.", "id": ' + deep + b"}")
    items = list(read_paths([str(tmp_path / "deep.jsonl"), str(tmp_path / "deep.json")]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError"]
    assert str(items[1]).startswith(f"{tmp_path / 'deep.jsonl'}:2: not valid JSON (nested too deeply")
    assert str(items[2]).startswith(f"{tmp_path / 'deep.json'}: not valid JSON (nested too deeply")


def test_an_entity_bomb_in_utf16_is_refused_like_one_in_utf8(tmp_path: Path) -> None:
    for encoding in ("utf-8", "utf-16", "utf-32"):
        path = tmp_path / f"bomb-{encoding}.xml"
        path.write_bytes(bomb_feed("billion laughs", encoding))
        (item,) = read_paths([str(path)])
        assert isinstance(item, ReadError) and "declares XML entities" in item.message, (encoding, item)


def test_an_empty_json_or_json_lines_file_is_an_error_not_silence(tmp_path: Path) -> None:
    files = {"empty.jsonl": b"", "blank.jsonl": b"\n  \n\n", "empty.json": b"", "array.json": b"[]"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    items = list(read_paths([str(tmp_path / name) for name in files]))
    assert [str(i) for i in items] == [
        f"{tmp_path / name}: no articles in the file (empty, blank lines only, or an empty array)"
        for name in files
    ]


def test_a_feed_date_that_is_no_date_is_dropped_not_kept_mangled(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    dates = ["0000-00-00", "2024-03-04T10:00:00Z", "Mon, 31 Feb 99999 25:61:61 +9999"]
    path.write_text(rss([("t", date, PARAGRAPH) for date in dates]), encoding="utf-8")
    assert [a.date for a in read_paths([str(path)]) if isinstance(a, Article)] == [None, "2024-03-04", None]


def test_a_warc_version_line_without_headers_is_a_malformed_record(tmp_path: Path) -> None:
    path = tmp_path / "bare.warc"
    path.write_bytes(b"WARC/1.0\r\n")
    (item,) = read_paths([str(path)])
    assert str(item) == f"{path}:offset 0: malformed WARC record (no WARC-Type header)"
