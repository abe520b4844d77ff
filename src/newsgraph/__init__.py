"""newsgraph: news articles to a sourced record of who did and said what to whom.

The library API that the CLI (and later the store and the server) use:

    >>> import newsgraph
    >>> rec = newsgraph.extract("Russia attacked Ukraine.", id="a1")
    >>> [e["type"] for e in rec["events"]]
    ['ASSAULT']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.article import Article, ArticleError, clean_text
from newsgraph.extract import extract_record
from newsgraph.nlp import load
from newsgraph.record import Doc as DocMeta
from newsgraph.record import Record

__version__ = "0.1.0"
__all__ = ["Article", "ArticleError", "extract", "extract_many", "load"]


def extract(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """One article's text to one newsgraph/1 record (a JSON-ready dict)."""
    article = Article(id=id, text=text, title=title, date=date, source=source, url=url)
    return next(extract_many([article]))


def extract_many(
    articles: Iterable[Article | dict[str, Any]], *, batch_size: int = 64, n_process: int = 1
) -> Iterator[dict[str, Any]]:
    """Stream newsgraph/1 records for many articles, in input order, through `nlp.pipe`.

    Articles are `Article`s or dicts with `text` and optional `id`, `title`, `date`,
    `source`, `url`. An article whose text cannot be read raises `ArticleError`
    before any parsing (callers that read files catch it per record)."""
    nlp = load()

    def texts() -> Iterator[tuple[str, Article]]:
        for item in articles:
            article = item if isinstance(item, Article) else Article.from_dict(item)
            yield clean_text(article.text), article

    for doc, article in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            record = extract_record(doc, article)
        except Exception as e:  # one article's failure must not stop the batch; say so, keep going
            record = Record(
                doc=DocMeta(
                    id=article.id,
                    title=article.title,
                    date=article.date,
                    source=article.source,
                    url=article.url,
                ),
                text=doc.text,
            )
            record.warnings.append(f"extraction failed ({type(e).__name__}: {e}); record left empty")
        yield record.to_dict()
