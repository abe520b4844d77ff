"""Article-level sense check: in sport, fandom and festival reports, a sentence that speaks the
domain's language yields no political events ("France beat Brazil in the final"); the rest of
such an article is read as any other ("the President asked the council to help the team")."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from newsgraph.lexicon import rows, split

MIN_HITS = 8  # domain words in the article
MIN_DISTINCT = 4  # different domain words
MIN_SHARE = 0.012  # of all word tokens


@cache
def domain_terms() -> dict[str, frozenset[str]]:
    return {row["domain"]: frozenset(split(row["terms"])) for row in rows("domains.tsv")}


def off_topic(doc: Doc) -> str | None:
    """The domain an article is about when it is dense in that domain's words, else None."""
    words = [t.lower_ for t in doc if t.is_alpha]
    if not words:
        return None
    grams = words_and_bigrams(doc)
    for domain, terms in domain_terms().items():
        hits = [w for w in grams if w in terms]
        if len(hits) >= MIN_HITS and len(set(hits)) >= MIN_DISTINCT and len(hits) / len(words) >= MIN_SHARE:
            return domain
    return None


def speaks(sentence: Span, domain: str) -> bool:
    """Whether a sentence uses a word (or two-word term) of the domain."""
    terms = domain_terms()[domain]
    return any(w in terms for w in words_and_bigrams(sentence))


def words_and_bigrams(tokens: Doc | Span) -> list[str]:
    """Lower-cased words, then each pair of neighbours ("world cup")."""
    words = [t.lower_ for t in tokens if t.is_alpha]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
