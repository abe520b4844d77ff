"""Which reader a file needs: by its suffix, failing that by its first bytes."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Literal

from newsgraph.read.base import SNIFF_BYTES

Format = Literal["text", "json", "jsonl", "html", "feed", "warc"]

SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
# formats recognised from content alone, without a telling suffix (in a directory, a file with
# another suffix is read only if its first bytes show one of these)
SNIFFABLE: set[Format] = {"html", "feed", "warc"}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title)[\s>/]", re.IGNORECASE)


def by_suffix(path: Path) -> Format | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def sniff(head: bytes) -> Format | None:
    """The format the first bytes of a file show, or None (then it may still be text)."""
    if head[:2] == b"\x1f\x8b":
        return "warc" if _gunzip_head(head).startswith(b"WARC/") else None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"<"):
        feed, html = _FEED_ROOT.search(start), _HTML_START.search(start)
        if feed and (not html or feed.start() < html.start()):
            return "feed"
        if html:
            return "html"
        return "feed" if start.startswith(b"<?xml") else None
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    return None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def read_head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(SNIFF_BYTES)
