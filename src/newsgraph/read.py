"""Readers for the CLI: .txt files (one article), .jsonl files (one article per line),
directories of them, and stdin. Each yields `Article`s or `ReadError`s, never raises,
so one bad record never stops a batch."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsgraph.article import Article, ArticleError

SUFFIXES = {".txt", ".jsonl", ".json"}
MAX_BYTES = 50_000_000


@dataclass
class ReadError:
    where: str  # "path" or "path:line"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def read_paths(paths: list[str]) -> Iterator[Article | ReadError]:
    for name in paths:
        if name == "-":
            yield from read_jsonl_lines(sys.stdin.buffer, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError(name, "directory has no .txt or .jsonl files")
            for file in files:
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(name, "no such file or directory")


def read_file(path: Path) -> Iterator[Article | ReadError]:
    try:
        if path.stat().st_size > MAX_BYTES:
            yield ReadError(str(path), f"file larger than {MAX_BYTES // 1_000_000} MB, skipped")
            return
        if path.suffix.lower() in {".jsonl", ".json"}:
            with path.open("rb") as f:
                yield from read_jsonl_lines(f, str(path))
            return
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(str(path), f"cannot read: {e.strerror or e}")
        return
    text = decode(data)
    if isinstance(text, ReadError):
        yield ReadError(str(path), text.message)
    elif not text.strip():
        yield ReadError(str(path), "empty article text")
    else:
        yield Article(text=text, id=path.stem)


def decode(data: bytes) -> str | ReadError:
    if b"\x00" in data[:4096]:
        return ReadError("", "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return ReadError("", f"not UTF-8 text (byte {e.start})")


def read_jsonl_lines(stream: IO[bytes], where: str) -> Iterator[Article | ReadError]:
    for n, raw in enumerate(stream, 1):
        loc = f"{where}:{n}"
        line = decode(raw)
        if isinstance(line, ReadError):
            yield ReadError(loc, line.message)
            continue
        if not line.strip():
            continue
        try:
            article = Article.from_dict(json.loads(line))
        except json.JSONDecodeError as e:
            yield ReadError(loc, f"not valid JSON ({e.msg})")
            continue
        except ArticleError as e:
            yield ReadError(loc, str(e))
            continue
        if not article.text.strip():
            yield ReadError(loc, "empty article text")
            continue
        if article.id is None:
            article.id = f"{Path(where).stem}-{n}"
        yield article
