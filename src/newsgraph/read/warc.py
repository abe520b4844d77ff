"""WARC and WARC.gz files, as Common Crawl News publishes them, through warcio.

Each successful (2xx) HTML `response` record (or HTML `resource` record) is read as a page by
the HTML reader: its id is the WARC-Record-ID (else the target URI), its url the
WARC-Target-URI, its date the page's own or else the WARC-Date. Requests, metadata,
revisits, non-HTML and non-2xx responses are passed over (counted in `ReadStats.ignored`).
Errors name the record by its byte offset in the file, `path:offset N`. A truncated or
corrupt file gives an error at the record where reading stopped; the records before it are
kept."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.article import Article
from newsgraph.read.base import MAX_BYTES, SNIFF_BYTES, Ignored, Located, ReadError, error, short, too_big
from newsgraph.read.detect import sniff
from newsgraph.read.html import page_article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path) -> Iterator[Located]:
    from warcio.archiveiterator import ArchiveIterator

    where = str(path)
    try:
        f = path.open("rb")
    except OSError as e:
        yield error(where, f"cannot read: {e.strerror or e}")
        return
    with f:
        size = path.stat().st_size
        if sniff(f.read(SNIFF_BYTES)) != "warc":
            why = "no WARC/1.x record at its start: empty, truncated or another format"
            yield error(where, f"not a WARC file ({why})")
            return
        f.seek(0)
        records = ArchiveIterator(f)
        offset = 0
        count = 0
        while True:
            loc = f"{where}:offset {offset}"
            complaints = io.StringIO()
            try:
                # warcio writes its warnings (a wrong Content-Length) on stderr: catch them (the
                # redirection is process-wide while one record is parsed)
                with contextlib.redirect_stderr(complaints):
                    record = next(records)
            except StopIteration:
                break
            except Exception as e:  # warcio's errors have no common base; any stops this file
                yield error(loc, f"corrupt or truncated WARC, reading stopped ({_why(e)})")
                return
            count += 1
            offset = records.offset  # the start of this record
            loc = f"{where}:offset {offset}"
            try:
                with contextlib.redirect_stderr(complaints):
                    item = _record(record, loc)
                    records.read_to_end()
                end = records.offset
            except Exception as e:
                yield error(loc, f"corrupt or truncated WARC record, reading stopped ({_why(e)})")
                return
            if complaints.getvalue().strip():
                item = ReadError(loc, f"malformed WARC record ({short(complaints.getvalue())})")
            yield loc, item
            offset = end
        if count == 0:
            yield error(where, "no WARC records (not a WARC file, or empty)")
        elif offset < size:
            # warcio ends quietly on a gzip member cut short: what is left was not read
            yield error(
                f"{where}:offset {offset}",
                f"truncated WARC: the last {size - offset} bytes hold no complete record",
            )


def _record(record: Any, loc: str) -> Article | ReadError:
    headers = record.rec_headers
    kind = record.rec_type
    if not kind:  # what warcio makes of a version line with no headers after it
        return ReadError(loc, "malformed WARC record (no WARC-Type header)")
    if kind not in ("response", "resource"):
        return Ignored(loc, f"warc:{kind}")
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return Ignored(loc, f"warc:http-{status or 'no-status'}")
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.content_type or ""
    mime, _, params = content_type.partition(";")
    if mime.strip().lower() not in HTML_TYPES:
        return Ignored(loc, f"warc:{mime.strip().lower() or 'no-content-type'}")
    stream = record.content_stream()
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return too_big(loc, len(data), "record")
    if getattr(record.raw_stream, "limit", 0) > 0:
        return ReadError(loc, "truncated WARC record: fewer bytes than its Content-Length")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ") or None
    url = headers.get_header("WARC-Target-URI") or None
    warc_date = headers.get_header("WARC-Date") or ""
    return page_article(
        data,
        where=loc,
        id=record_id or url or loc,
        charset=_charset(params),
        url=url,
        date=warc_date[:10] or None,
    )


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _why(e: Exception) -> str:
    return f"{type(e).__name__}: {short(e)}" if str(e) else type(e).__name__
