"""Saved web pages: the article body, title, date, author and site name found by trafilatura
(no boilerplate removal of our own), parsed by lxml with network access and huge trees off,
after a refusal of any document that declares XML entities.

`page_article` is also what the WARC reader and the feed reader (for a linked page saved
beside the feed) use."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from newsgraph.article import Article
from newsgraph.read.base import SNIFF_BYTES, Located, ReadError, entity_bomb, read_whole, short

# trafilatura, htmldate and courlan log through `logging`; with no handler configured Python
# would print their warnings on stderr, among newsgraph's own error lines.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

# An article body shorter than this (after boilerplate is removed) is not an article: a page
# of navigation, a cookie wall, an empty template.
MIN_TEXT_CHARS = 50

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "tr", "table", "section", "article", "header", "footer", "figure", "figcaption",
    "dd", "dt", "hr",
}  # fmt: skip
_DROP = ("script", "style", "noscript", "iframe", "object", "embed", "form", "template")


def parser() -> lxml.html.HTMLParser:
    """A fresh parser (lxml parsers are not shared between threads): no network, no huge
    trees, comments and processing instructions dropped."""
    return lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        no_network=True,
        huge_tree=False,
    )


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signal-based; never in a library
    # dates from metadata, <time>, JSON-LD and the URL only; a free-text search finds false
    # dates (a date mentioned in the story), and a WARC record has a better fallback
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT_CHARS))
    return config


def read_html(path: Path) -> Iterator[Located]:
    where = str(path)
    data = read_whole(path, where)
    if isinstance(data, ReadError):
        yield where, data
        return
    yield where, page_article(data, where=where, id=path.stem)


def page_article(
    data: bytes,
    *,
    where: str,
    id: str,
    charset: str | None = None,
    url: str | None = None,
    date: str | None = None,
) -> Article | ReadError:
    """One page's article. `charset` is the one an HTTP header declared; `url` (the address
    the page was fetched from) overrides the page's own canonical URL; `date` is used when
    the page gives none."""
    refused = entity_bomb(data)
    if refused:
        return ReadError(where, refused)
    if b"\x00" in data[:SNIFF_BYTES]:
        return ReadError(where, "binary file (NUL bytes), not HTML")
    try:
        text = _XML_DECLARATION.sub("", decode_html(data, charset), count=1)
        if not text.strip():
            return ReadError(where, "empty HTML page")
        tree = lxml.html.document_fromstring(text, parser=parser())
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as e:
        return ReadError(where, f"not a readable HTML page ({short(e)})")
    try:
        from trafilatura import bare_extraction

        doc = bare_extraction(tree, url=url, with_metadata=True, include_comments=False, config=_config())
    except Exception as e:  # trafilatura on hostile markup: one page fails, the batch goes on
        return ReadError(where, f"HTML extraction failed ({type(e).__name__}: {short(e)})")
    if doc is None or isinstance(doc, dict) or not doc.text or not doc.text.strip():
        return ReadError(where, "no article text in the HTML page (no body, or nothing but boilerplate)")
    body = drop_headline(doc.text, doc.title)
    return Article(
        text=body,
        id=id,
        title=doc.title or None,
        date=doc.date or date,
        source=doc.sitename or doc.hostname or None,
        url=url or doc.url or None,
        author=doc.author or None,
    )


def drop_headline(text: str, title: str | None) -> str:
    """The body without its first line when that line is the headline (trafilatura keeps the
    <h1> in the text; the title is its own field)."""
    first, sep, rest = text.partition("\n")
    if title and sep and " ".join(first.split()) == " ".join(title.split()) and rest.strip():
        return rest.lstrip("\n")
    return text


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page as text: a byte order mark, else the charset an HTTP header or the page's
    <meta> declares, else UTF-8 if it decodes, else trafilatura's guess, else windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    meta = _META_CHARSET.search(data[:4096])
    for name in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(name)
        if codec:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from trafilatura.utils import detect_encoding

    for guess in detect_encoding(data[:65536]):
        codec = _codec(guess)
        if codec:
            return data.decode(codec, errors="replace")
    return data.decode("cp1252", errors="replace")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = _CHARSET_ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content or summary): tags dropped,
    block elements and <br> as line breaks, scripts and styles removed."""
    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=parser())
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return _tidy(re.sub(r"<[^>]*>", " ", fragment))
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    parts: list[str] = []
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        block = el.tag.lower() in _BLOCKS
        if event == "start":
            if block:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if block:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
