"""JSON Lines (one article object per line: `text` required; `id`, `title`, `date`, `source`,
`url`, `author`, `language` optional) and JSON files (one object, or an array of them).

Errors name the line (`path:LINE`) or the array element (`path:[N]`, from 0). A line or
element without an id gets `STEM-N` (N the line number, or the element index + 1), so the
same file always gives the same ids."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsgraph.article import Article, ArticleError
from newsgraph.read.base import MAX_BYTES, Located, ReadError, decode, error, read_whole, too_big

CHUNK = 1 << 20
TOO_DEEP = "not valid JSON (nested too deeply: arrays or objects inside each other past the parser's limit)"


def read_jsonl(path: Path) -> Iterator[Located]:
    try:
        f = path.open("rb")
    except OSError as e:
        yield error(str(path), f"cannot read: {e.strerror or e}")
        return
    with f:
        yield from _not_empty(read_jsonl_lines(f, str(path)), str(path))


def read_jsonl_lines(stream: IO[bytes], where: str) -> Iterator[Located]:
    """Stream a JSON Lines file or stdin line by line; a line over the size limit is skipped
    without being held in memory."""
    stem = Path(where).stem
    n = 0
    while True:
        raw = stream.readline(MAX_BYTES + 1)
        if not raw:
            return
        n += 1
        loc = f"{where}:{n}"
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            size = len(raw) + _skip_rest_of_line(stream)
            yield loc, too_big(loc, size, "line")
            continue
        yield from _record(raw, loc, f"{stem}-{n}")


def read_json(path: Path) -> Iterator[Located]:
    """A .json file: one article object, an array of them, or (often so named) JSON Lines."""
    return _not_empty(_read_json(path), str(path))


def _not_empty(items: Iterator[Located], where: str) -> Iterator[Located]:
    """The items, or an error naming the file when it gives none (empty, blank lines only,
    an empty array): every input file gives an article or an error."""
    found = False
    for item in items:
        found = True
        yield item
    if not found:
        yield error(where, "no articles in the file (empty, blank lines only, or an empty array)")


def _read_json(path: Path) -> Iterator[Located]:
    where = str(path)
    data = read_whole(path, where)
    if isinstance(data, ReadError):
        yield where, data
        return
    text = decode(data)
    if isinstance(text, ReadError):
        yield error(where, text.message)
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        # not one JSON document: read it as JSON Lines, which names the bad line
        yield from _lines(data, where, path.stem)
        return
    except RecursionError:
        yield error(where, TOO_DEEP)
        return
    if isinstance(doc, list):
        for i, item in enumerate(doc):
            yield from _parsed(item, f"{where}:[{i}]", f"{path.stem}-{i + 1}")
    else:
        yield from _parsed(doc, where, path.stem)


def _lines(data: bytes, where: str, stem: str) -> Iterator[Located]:
    for n, raw in enumerate(data.splitlines(keepends=True), 1):
        yield from _record(raw, f"{where}:{n}", f"{stem}-{n}")


def _record(raw: bytes, loc: str, default_id: str) -> Iterator[Located]:
    line = decode(raw)
    if isinstance(line, ReadError):
        yield error(loc, line.message)
        return
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        yield error(loc, f"not valid JSON ({e.msg})")
        return
    except RecursionError:  # json.loads recurses once per level of nesting
        yield error(loc, TOO_DEEP)
        return
    yield from _parsed(record, loc, default_id)


def _parsed(record: Any, loc: str, default_id: str) -> Iterator[Located]:
    try:
        article = Article.from_dict(record)
    except ArticleError as e:
        yield error(loc, str(e))
        return
    if not article.text.strip():
        yield error(loc, "empty article text")
        return
    if article.id is None:
        article.id = default_id
    yield loc, article


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped
