"""A plain-text file is one article; its id is the file name without the suffix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.article import Article
from newsgraph.read.base import Located, ReadError, decode, error, read_whole


def read_text(path: Path) -> Iterator[Located]:
    where = str(path)
    data = read_whole(path, where)
    if isinstance(data, ReadError):
        yield where, data
        return
    text = decode(data)
    if isinstance(text, ReadError):
        yield error(where, text.message)
    elif not text.strip():
        yield error(where, "empty article text")
    else:
        yield where, Article(text=text, id=path.stem)
