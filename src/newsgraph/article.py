"""The article record every reader yields and every extractor takes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# C0 controls other than tab/newline/CR, and DEL: replaced one-for-one so offsets stay valid.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FIELDS = ("id", "title", "date", "source", "url", "author", "language")


class ArticleError(ValueError):
    """An input record that cannot be made into an article (the message says why)."""


@dataclass
class Article:
    text: str
    id: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None  # ISO 639-1 code when known (readers detect it for web pages)
    # what a reader noticed about this article (e.g. an id seen before with another text)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, record: Any) -> Article:
        if not isinstance(record, dict):
            raise ArticleError(f"expected a JSON object, got {type(record).__name__}")
        text = record.get("text")
        if not isinstance(text, str):
            raise ArticleError("no 'text' string in the record")
        meta: dict[str, Any] = {k: None if record.get(k) is None else str(record[k]) for k in FIELDS}
        return cls(text=text, **meta)


def clean_text(text: str) -> str:
    """The text with control characters blanked, same length, so offsets hold."""
    return _CONTROL.sub(" ", text)
