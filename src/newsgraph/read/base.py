"""What every reader shares: the error and skip records, limits, byte decoding and the guard
against XML entity bombs.

A reader is a function `(path) -> Iterator[Located]`: for each article or failure, the place
it came from (`path`, `path:LINE`, `path:item N`, `path:offset N`) and the `Article` or
`ReadError`. Readers never raise: one bad record never stops a batch."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from newsgraph.article import Article

# Whole-file formats (.txt, .json, .html, feeds) larger than this are skipped unread; streamed
# formats (JSON Lines, WARC) apply it to each line or record instead.
MAX_BYTES = 50_000_000
SNIFF_BYTES = 4096


@dataclass
class ReadError:
    """An input that gives no article; `where` names the file and, inside it, the record."""

    where: str  # "path", "path:LINE", "path:item N", "path:offset N"
    message: str
    skipped: ClassVar[bool] = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Skipped(ReadError):
    """A readable article that is deliberately not extracted (for now: not English).
    A `ReadError` so that every consumer that handles errors handles skips too; tell them
    apart by `skipped`."""

    language: str | None = None
    skipped: ClassVar[bool] = True

    @property
    def reason(self) -> str:
        return self.message


class Ignored(ReadError):
    """A record that is neither an article nor an error (a WARC request record, an image):
    counted in `ReadStats.ignored` under its message, never yielded by `read_paths`."""


Item = Article | ReadError
Located = tuple[str, Item]


@dataclass
class ReadStats:
    """Counts for one `read_paths` run: articles yielded, errors, skips by reason
    (e.g. `language:de`), records passed over without a word (e.g. WARC request records,
    `warc:request`) and ids seen before."""

    articles: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0


def error(where: str, message: str) -> Located:
    return where, ReadError(where, message)


def too_big(where: str, size: int, what: str = "file") -> ReadError:
    limit = MAX_BYTES // 1_000_000
    return ReadError(where, f"{what} is {size / 1_000_000:.1f} MB, over the {limit} MB limit; skipped")


def decode(data: bytes) -> str | ReadError:
    """UTF-8 text (a byte order mark dropped), or why the bytes are not text."""
    if b"\x00" in data[:SNIFF_BYTES]:
        return ReadError("", "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return ReadError("", f"not UTF-8 text (byte {e.start})")


def read_whole(path: Path, where: str) -> bytes | ReadError:
    """The bytes of a file read whole, unless it is over the size limit or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return too_big(where, size)
        return path.read_bytes()
    except OSError as e:
        return ReadError(where, f"cannot read: {e.strerror or e}")


# An internal DTD subset declaring entities: what a "billion laughs" bomb needs, and nothing a
# news page or feed does. Such documents are refused before any parser sees them (the parsers
# are also set not to resolve entities, as a second line).
# Matched in UTF-8 and ASCII-compatible encodings, and in UTF-16 and UTF-32 too (NUL bytes
# between the characters), which feedparser and lxml also read.
_ENTITY_DECLARATION = re.compile(
    b"\\x00{0,3}".join(re.escape(bytes([c])) for c in b"<!ENTITY"), re.IGNORECASE
)


def entity_bomb(data: bytes) -> str | None:
    """Why the document is refused, or None when it declares no entities."""
    if _ENTITY_DECLARATION.search(data):
        return "refused: the document declares XML entities (a possible entity-expansion bomb)"
    return None


def short(text: object, limit: int = 120) -> str:
    """A one-line excerpt of an exception message for an error line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
