"""RSS and Atom feeds, through feedparser: one article per item.

An item's text is its linked page when that page is a file saved beside the feed (a relative
or file: link), else its full content (`content:encoded`, Atom `content`), else its summary,
HTML stripped. Its id is the item's guid (Atom id), else its link, else `STEM-N`; errors name
the item as `path:item N` (N from 1, in feed order)."""

from __future__ import annotations

import datetime
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from newsgraph.article import Article
from newsgraph.read.base import Located, ReadError, entity_bomb, error, read_whole, short
from newsgraph.read.detect import by_suffix
from newsgraph.read.html import fragment_text, page_article


def read_feed(path: Path) -> Iterator[Located]:
    where = str(path)
    data = read_whole(path, where)
    if isinstance(data, ReadError):
        yield where, data
        return
    refused = entity_bomb(data)
    if refused:
        yield error(where, refused)
        return
    try:
        import feedparser

        # a stream, never bytes or a string: feedparser opens those as a file name or URL
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as e:  # feedparser on hostile input: this file fails, the batch goes on
        yield error(where, f"feed parser failed ({type(e).__name__}: {short(e)})")
        return
    if not parsed.get("version"):
        why = parsed.get("bozo_exception")
        detail = f" ({short(why)})" if why else " (no rss, feed or RDF root element)"
        yield error(where, f"not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield error(where, "feed has no items")
        return
    source = _text(parsed.feed.get("title")) or None
    for n, entry in enumerate(parsed.entries, 1):
        loc = f"{where}:item {n}"
        try:
            item = _item(entry, path, loc, f"{path.stem}-{n}", source)
        except Exception as e:  # one odd item must not stop the feed
            item = ReadError(loc, f"unreadable item ({type(e).__name__}: {short(e)})")
        yield loc, item


def _item(entry: Any, feed: Path, loc: str, default_id: str, source: str | None) -> Article | ReadError:
    link = entry.get("link") or None
    item_id = entry.get("id") or link or default_id
    title = _text(entry.get("title")) or None
    date = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
    author = (entry.get("author_detail") or {}).get("name") or entry.get("author") or None
    page = _local_page(link, feed)
    if page is not None:
        data = read_whole(page, f"{loc} ({page.name})")
        if isinstance(data, ReadError):
            return data
        found = page_article(data, where=f"{loc} ({page.name})", id=item_id, date=date)
        if isinstance(found, Article):
            found.title = title or found.title
            found.date = date or found.date
            found.author = author or found.author
            found.source = source or found.source
            return found
        # the saved page has no body: fall back on the feed's own text below
    text = ""
    for content in entry.get("content") or []:
        candidate = _content_text(content)
        if len(candidate) > len(text):
            text = candidate
    if not text:
        text = _content_text(entry.get("summary_detail") or {"value": entry.get("summary") or ""})
    if not text:
        return ReadError(loc, "item has no text (no content, no summary, no saved page)")
    url = link if link and urlparse(link).scheme in ("http", "https") else None
    return Article(
        text=text, id=item_id, title=title, date=date, source=source, url=url, author=author or None
    )


def _content_text(content: Any) -> str:
    value = content.get("value") or ""
    if content.get("type", "text/html") in ("text/plain", "text"):
        return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
    return fragment_text(value)


def _text(value: Any) -> str:
    return fragment_text(value) if isinstance(value, str) else ""


def _date(parsed: time.struct_time | None) -> str | None:
    """The item's date as YYYY-MM-DD, or None when the feed's date is not a real one
    (feedparser turns "0000-00-00" into year -1, month 11)."""
    if not parsed:
        return None
    try:
        return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


def _local_page(link: str | None, feed: Path) -> Path | None:
    """The saved page an item links to, when it is a file beside the feed (or below it)."""
    if not link:
        return None
    parts = urlparse(link)
    if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
        return None
    folder = feed.parent.resolve()
    try:
        page = (folder / unquote(parts.path)).resolve()
        page.relative_to(folder)
    except (OSError, ValueError):
        return None
    if page.is_file() and by_suffix(page) == "html":
        return page
    return None
