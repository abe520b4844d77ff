"""Readers: input files to `Article`s, one module per format, all yielding the same record.

| format | module | one article per | id |
|---|---|---|---|
| plain text (`.txt`) | `text` | file | file name without suffix |
| JSON Lines (`.jsonl`, `.ndjson`, stdin), JSON (`.json`) | `jsonl` | line / object | `id`, else `STEM-N` |
| saved web page (`.html`, `.htm`) | `html` (trafilatura) | file | file name without suffix |
| RSS / Atom feed (`.rss`, `.atom`, `.xml`) | `feed` (feedparser) | item | guid, else link |
| WARC, WARC.gz (`.warc`, `.warc.gz`) | `warc` (warcio) | HTML response | WARC-Record-ID |

A file's format comes from its suffix, failing that from its first bytes; a directory means
every file under it (recursively, hidden ones left out) with a known suffix or whose first
bytes show a page, a feed or a WARC. `-` is JSON Lines on stdin.

`read_paths` never raises: each input that gives no article gives a `ReadError` naming the
file and the record (`path:LINE`, `path:item N`, `path:offset N`), and the batch goes on.
Pages, feed items and WARC records whose language is not English are not guessed at: they
give a `Skipped` (a `ReadError` with `skipped = True`) and are counted in `ReadStats`.
An id read twice with different texts gives both articles, the second with a warning (in
`Article.warnings`, and logged on the `newsgraph.read` logger)."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from newsgraph.article import Article
from newsgraph.read.base import MAX_BYTES, Ignored, Located, ReadError, ReadStats, Skipped
from newsgraph.read.detect import SNIFFABLE, Format, by_suffix, read_head, sniff
from newsgraph.read.feed import read_feed
from newsgraph.read.html import read_html
from newsgraph.read.jsonl import read_json, read_jsonl, read_jsonl_lines
from newsgraph.read.language import identify
from newsgraph.read.text import read_text
from newsgraph.read.warc import read_warc

__all__ = ["MAX_BYTES", "ReadError", "ReadStats", "Skipped", "read_file", "read_paths"]

log = logging.getLogger(__name__)

# "web": skip non-English pages, feed items and WARC records (found on the web, mixed
# languages), take .txt and JSON as given (the extractor marks them if they are not English);
# "all": skip non-English articles of every format; "none": skip nothing
SkipPolicy = Literal["web", "all", "none"]
WEB_FORMATS: set[Format] = {"html", "feed", "warc"}
ENGLISH = "en"

READERS: dict[Format, Callable[[Path], Iterator[Located]]] = {
    "text": read_text,
    "json": read_json,
    "jsonl": read_jsonl,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}
KNOWN = ".txt, .jsonl, .json, .html, .rss, .atom, .xml, .warc or .warc.gz"


def read_paths(
    paths: Iterable[str], *, skip_foreign: SkipPolicy = "web", stats: ReadStats | None = None
) -> Iterator[Article | ReadError]:
    """Articles and errors from files, directories and `-` (stdin), in argument order
    (a directory in sorted path order). Pass a `ReadStats` to have them counted."""
    run = _Run(skip_foreign, stats if stats is not None else ReadStats())
    for name in paths:
        if name == "-":
            yield from run.items(read_jsonl_lines(sys.stdin.buffer, "<stdin>"), "jsonl")
            continue
        path = Path(name)
        if path.is_dir():
            yield from run.directory(path, name)
        elif path.is_symlink() and not path.exists():
            yield run.fail(name, f"broken symbolic link (to {os.readlink(path)})")
        elif path.exists():
            yield from run.file(path, explicit=True)
        else:
            yield run.fail(name, "no such file or directory")


def read_file(path: Path | str) -> Iterator[Article | ReadError]:
    """One file (any format above)."""
    return read_paths([str(path)])


@dataclass
class _Run:
    skip_foreign: SkipPolicy
    stats: ReadStats
    seen: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def fail(self, where: str, message: str) -> ReadError:
        self.stats.errors += 1
        return ReadError(where, message)

    def directory(self, root: Path, name: str) -> Iterator[Article | ReadError]:
        entries: list[tuple[Path, str | None]] = []  # (path, error)

        def unreadable(e: OSError) -> None:
            entries.append((Path(e.filename or name), f"cannot read directory: {e.strerror or e}"))

        for folder, dirs, files in os.walk(root, onerror=unreadable):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            entries.extend((Path(folder, f), None) for f in files if not f.startswith("."))
        entries.sort(key=lambda entry: entry[0])
        found = False
        for path, problem in entries:
            if problem:
                found = True
                yield self.fail(str(path), problem)
                continue
            for item in self.file(path, explicit=False):
                found = True
                yield item
        if not found:
            yield self.fail(name, f"directory has no article files ({KNOWN})")

    def file(self, path: Path, *, explicit: bool) -> Iterator[Article | ReadError]:
        where = str(path)
        try:
            mode = path.stat().st_mode
        except OSError as e:
            if path.is_symlink():
                yield self.fail(where, f"broken symbolic link (to {os.readlink(path)})")
            else:
                yield self.fail(where, f"cannot read: {e.strerror or e}")
            return
        fmt = by_suffix(path)
        if not stat.S_ISREG(mode):
            if explicit or fmt:
                yield self.fail(where, f"not a regular file ({_kind(mode)}); not read")
            return
        if fmt is None:
            try:
                head = read_head(path)
            except OSError as e:
                yield self.fail(where, f"cannot read: {e.strerror or e}")
                return
            fmt = sniff(head)
            if fmt is None and head[:2] == b"\x1f\x8b":
                if explicit:
                    yield self.fail(where, "gzip-compressed, but not a WARC file; not read")
                return
            if not explicit and fmt not in SNIFFABLE:
                self.stats.ignored[f"file:{path.suffix.lower() or 'no-suffix'}"] += 1
                return
            fmt = fmt or "text"
        yield from self.items(READERS[fmt](path), fmt)

    def items(self, located: Iterator[Located], fmt: Format) -> Iterator[Article | ReadError]:
        judge = self.skip_foreign == "all" or (self.skip_foreign == "web" and fmt in WEB_FORMATS)
        for where, item in located:
            if isinstance(item, Ignored):
                self.stats.ignored[item.message] += 1
            elif isinstance(item, ReadError):
                self.stats.errors += 1
                yield item
            elif judge and (skipped := self.foreign(item, where)):
                yield skipped
            else:
                self.check_duplicate(item, where)
                self.stats.articles += 1
                yield item

    def foreign(self, article: Article, where: str) -> Skipped | None:
        """A `Skipped` when the article is not in English (as given, or as detected)."""
        language = article.language
        if language is None:
            language, _ = identify(article.text)
            article.language = language
        if language is None or language.lower() == ENGLISH:
            return None
        self.stats.skipped[f"language:{language}"] += 1
        return Skipped(where, f"skipped: not English (language {language})", language=language)

    def check_duplicate(self, article: Article, where: str) -> None:
        if article.id is None:
            return
        digest = hashlib.blake2b(article.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        first = self.seen.setdefault(article.id, (where, digest))
        if first == (where, digest):
            return
        self.stats.duplicates += 1
        if first[1] != digest:
            message = (
                f"duplicate id {article.id!r} with a different text (first read at {first[0]}); both kept"
            )
            article.warnings.append(message)
            log.warning("%s: %s", where, message)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"
