"""Quotations in an article's text: the spans inside quotation marks (curly or straight, over
paragraph breaks as newswire writes them), and which of them a speech verb introduces."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.nlp import text_of

OPENING = {"“", "«", "„"}
CLOSING = {"”", "»"}
STRAIGHT = '"'
CUE_GAP = 40  # characters between a cue and the second half of a quote it splits
# a cue that ends its paragraph with a comma or colon introduces the quote opening the next
INTRODUCES = re.compile(r"\s*[,:]\s*[\"“«„]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks. Curly and straight quotes; a quote left open
    at a paragraph end continues when the next paragraph opens with a quote (newswire
    style), else it ends there. Never raises on unbalanced marks."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    carried: int | None = None  # start of a quote carried over a paragraph break
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENING or (ch == STRAIGHT and start is None):
            if start is None:
                start = carried if carried is not None else i + 1
                carried = None
        elif ch in CLOSING or ch == STRAIGHT:
            if start is not None:
                spans.append((start, i))
                start = None
        elif ch == "\n" and start is not None:
            j = i
            while j < len(text) and text[j] in "\n \t":
                j += 1
            if j < len(text) and (text[j] in OPENING or text[j] == STRAIGHT):
                carried, start, i = start, None, j  # the next paragraph reopens the same quote
                continue
            if not closes_in_next_paragraph(text, j):
                spans.append((start, i))
                start = None
        elif ch == "\n":
            carried = None
        i += 1
    if start is not None:
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if len(text[s:e].split()) >= 3]


def closes_in_next_paragraph(text: str, j: int) -> bool:
    """The first quote mark of the paragraph at `j` closes a quote (a closing curly mark, or a
    straight one after a word and before a blank or punctuation): a quote left open at the
    paragraph end runs on through it ('"... out there.\n\nWe could ... early." After the')."""
    end = text.find("\n", j)
    for k in range(j, len(text) if end < 0 else end):
        ch = text[k]
        if ch in CLOSING:
            return True
        if ch in OPENING:
            return False
        if ch == STRAIGHT:
            after = text[k + 1] if k + 1 < len(text) else " "
            return not text[k - 1].isspace() and (after.isspace() or after in ",.;:!?)")
    return False


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def colon_before(doc: Doc, quote: tuple[int, int]) -> Token | None:
    """The colon right before a quote's opening mark ('She continued: "..."'), if any."""
    k = quote[0] - 2  # the opening mark is at quote[0] - 1
    text = text_of(doc)
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] != ":":
        return None
    span = doc.char_span(k, k + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def quotes_near(
    verb: Token, quotes: list[tuple[int, int]], said: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """The quotes a cue introduces: those its complement covers, else the ones right before
    and after it in its sentence ('"...," he said.', 'He said: "..."', '"...", said X, "..."'),
    never a quote that another cue in between introduces."""
    sent = verb.sent
    if any(s <= verb.idx < e for s, e in quotes):
        return []  # the cue is inside a quote: someone else's words
    here = [(s, e) for s, e in quotes if s < sent.end_char and e > sent.start_char - 3]
    before = [q for q in here if q[1] <= verb.idx]
    after = [q for q in here if q[0] > verb.idx]
    end = verb.idx + len(verb.text)
    text = text_of(verb.doc)
    after += [q for q in quotes if q[0] > end and INTRODUCES.fullmatch(text[end : q[0]])][:1]
    if said is not None:
        covered = [(s, e) for s, e in here if s < said[1] and e > said[0]]
        if covered and covered[-1] in before and after and after[0][0] - verb.idx < CUE_GAP:
            covered.append(after[0])  # '"...," said Abiy Ahmed, "and ..."': one quote split by its cue
        if covered:
            return covered
    return before[-1:] + after[:1]
