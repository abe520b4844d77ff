"""Quantities: the counts of people, money, weapons and a few other things an article reports.

`find_quantities(doc)` reads every number in a parsed Doc (digits, number words, "a dozen",
"€2bn"), takes the words around it that qualify it ("around", "at least", "or more") and the
currency written with it, and keeps it only when something says what it counts:

- a currency (units_currencies.tsv): money, unit = the ISO code;
- the noun it counts, "3,000 North Korean soldiers", or "N of the soldiers" (units.tsv);
  a plural nationality ("100,000 Greeks") counts people;
- where there is no noun, the parse: the object of a verb such as "kill" ("killing 107"),
  "a panel of twelve", "a six-member team", "200 more" (the class of the quantity before),
  and the size of a subject or object ("forces that could number around 12,000", "drove
  asylum claims over 150,000", "the number of seats increased from 9 to 10").

Anything else is skipped: dates, times, percentages and ordinals (spaCy's entities), ages,
durations, distances, pages, scores, ranks, ratios, and vague plurals ("thousands",
"hundreds of thousands"). A number counts only what the tables list; the rest is left out on
purpose, since a wrong count is worse than none.

Choices: a range ("40-50", "40 to 50", "between 40 and 50", "two or three") is one quantity
whose value is its lower number, marked approximate, with the whole range as its text; "from
X to Y" (a change) gives two. A lone person or vote written "one" ("one poster wrote") is an
individual, not a count, unless a bound or approximation qualifies it ("at least one"); a
weapon is counted ("fired one shell"). Amounts converted in brackets ("€20,000 (£17,500)")
count once. The text covers the qualifier, the currency and the number ("over $64.1
billion", "over 422,000 euros", "107 or more"), never the counted noun.

`find_quantities` returns every mention; `distinct` drops repeated mentions (the gold lists
"around 2 million voters" once when an article says it twice). `quantity_head` (or
`quantities_with_heads`, in one pass) gives the token a quantity hangs on, to link it to events.

Pure functions over the Doc: the tables (units*.tsv, numbers*.tsv, and the demonyms of
countries.tsv) are read once from the package data files."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsgraph.lexicon import rows, split
from newsgraph.record import Quantity

__all__ = ["distinct", "find_quantities", "quantities_with_heads", "quantity_head"]

# ---- tables (units.tsv, units_currencies.tsv, numbers.tsv, numbers_cues.tsv)


@dataclass(frozen=True)
class Unit:
    kind: str  # noun | adj | verb | collective | hyphen | partitive | referent | measure | inherit
    cls: str  # people | weapons | other; subject | object for measure; "" when the context decides
    unit: str  # the unit to write; "" = the noun as written
    min: float


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    effect: str  # approximate | over | under | skip
    pos: str  # the part of speech the last word must have, or ""


@dataclass(frozen=True)
class Tables:
    units: dict[tuple[str, str], Unit]  # (term, kind) -> unit
    symbols: dict[str, str]  # "us$" -> USD
    words: dict[str, str]  # "euro" -> EUR
    codes: dict[str, str]  # "eur" -> EUR
    numbers: dict[str, tuple[Decimal, str]]  # "thousand" -> (1000, "scale")
    before: tuple[Cue, ...]  # longest first
    after: tuple[Cue, ...]
    demonyms: frozenset[str]  # "Greeks", "Afghans", "Chinese" (countries.tsv)


@cache
def tables() -> Tables:
    units = {}
    for row in rows("units.tsv"):
        minimum = float(row.get("min") or 0)
        units[(row["term"], row["kind"])] = Unit(
            row["kind"], row.get("class", ""), row.get("unit", ""), minimum
        )
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    codes: dict[str, str] = {}
    for row in rows("units_currencies.tsv"):
        {"symbol": symbols, "word": words, "code": codes}[row["kind"]][row["form"]] = row["iso"]
    numbers = {row["word"]: (Decimal(row["value"]), row["kind"]) for row in rows("numbers.tsv")}
    cues: dict[str, list[Cue]] = {"before": [], "after": []}
    for row in rows("numbers_cues.tsv"):
        cues[row["position"]].append(Cue(tuple(row["cue"].split()), row["effect"], row.get("pos", "")))
    before = tuple(sorted(cues["before"], key=lambda c: -len(c.words)))
    after = tuple(sorted(cues["after"], key=lambda c: -len(c.words)))
    demonyms = frozenset(d for row in rows("countries.tsv") for d in split(row["demonyms"]))
    return Tables(units, symbols, words, codes, numbers, before, after, demonyms)


def unit(term: str, kind: str) -> Unit | None:
    return tables().units.get((term, kind))


# ---- numerals: "3,000", "three thousand", "a dozen", "1.5 trillion", "€2bn"

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
DIGITS = re.compile(rf"^(?P<pre>\D{{0,4}}?)(?P<num>{NUMBER})(?P<suf>[^\W\d_]*)$")
# a range in one token: "5-$7" (as in "$5-$7 million"), "40–50"
DIGIT_RANGE = re.compile(
    rf"^(?P<pre>\D{{0,4}}?)(?P<num>{NUMBER})[-–]\D{{0,4}}?(?P<high>{NUMBER})(?P<suf>[^\W\d_]*)$"
)
DASHES = {"-", "–", "—", "to"}
MAX_DIGITS = 40


@dataclass(frozen=True)
class Numeral:
    start: int  # token indices [start, end)
    end: int
    value: float
    currency: str | None  # ISO code of a symbol glued to the digits ("€2bn")
    words: bool  # written as words only ("one", "a dozen")
    scale: Decimal = Decimal(1)  # the scale word it ends with: 1e9 for "2 billion"
    ranged: bool = False  # a range written as one token ("5-$7"): the value is its lower end


def digits(text: str) -> tuple[str, Decimal, str, bool] | None:
    """ "US$20,000" -> ("US$", 20000, "", False); "2bn" -> ("", 2, "bn", False); "5-$7" ->
    ("", 5, "", True): prefix, value, suffix and whether it is a range; None if no digits."""
    text = text.rstrip(".") if not text.endswith("..") else text
    match = DIGITS.match(text) or DIGIT_RANGE.match(text)
    if match is None or len(match["num"]) > MAX_DIGITS:
        return None
    try:
        value = Decimal(match["num"].replace(",", ""))
        high = match.groupdict().get("high")
        if high is not None and (len(high) > MAX_DIGITS or Decimal(high.replace(",", "")) <= value):
            return None  # a score: "2-1"
    except ArithmeticError:
        return None
    return match["pre"], value, match["suf"], high is not None


def number_word(token: Token) -> tuple[Decimal, str] | None:
    return tables().numbers.get(token.lower_)


def is_numeral_start(token: Token) -> bool:
    if digits(token.text) is not None:
        return True
    word = number_word(token)
    return word is not None and word[1] in ("unit", "article", "vague", "fraction")


def vague(token: Token) -> bool:
    word = number_word(token)
    return word is not None and word[1] == "vague"


def read_numeral(doc: Doc, i: int, stop: int) -> Numeral | None:
    """The numeral starting at token i (and ending before `stop`), or None if there is none
    or it is vague ("thousands", "several hundred")."""
    t = tables()
    total = current = Decimal(0)
    currency: str | None = None
    last = ""  # the kind of the last word read
    only_words = True
    tail = Decimal(1)
    ranged = False
    j = i
    if t.numbers.get(doc[i].lower_, (0, ""))[1] == "fraction":
        # "half a million": a fraction, an article, then a scale word
        article = t.numbers.get(doc[i + 1].lower_) if i + 1 < stop else None
        scale = t.numbers.get(doc[i + 2].lower_) if i + 2 < stop else None
        if article is None or scale is None or article[1] != "article" or scale[1] != "scale":
            return None
        value = t.numbers[doc[i].lower_][0] * scale[0]
        return Numeral(i, i + 3, float(value), None, True, scale[0])
    while j < stop:
        tok = doc[j]
        parsed = digits(tok.text)
        if parsed is not None:
            if last:
                break  # "posts 542 543": digits only start a numeral
            prefix, value, suffix, ranged = parsed
            if prefix:
                currency = t.symbols.get(prefix.lower())
                if currency is None:
                    return None
            if suffix:
                scale = t.numbers.get(suffix.lower())
                if scale is None or scale[1] not in ("suffix", "scale"):
                    return None  # "1990s", "5km", "3rd"
                value *= scale[0]
                tail = scale[0]
            current, last, only_words = value, "digit", False
            j += 1
            continue
        word = t.numbers.get(tok.lower_)
        if word is None and last == "digit" and tok.lower_.endswith("."):
            word = t.numbers.get(tok.lower_[:-1])  # "£3m." at the end of a sentence
            word = word if word is not None and word[1] == "suffix" else None
        if word is None:
            if tok.text == "-" and last == "unit" and j + 1 < stop and glued(doc, j) and tens(current):
                nxt = t.numbers.get(doc[j + 1].lower_)
                if nxt is not None and nxt[1] == "unit" and nxt[0] < 10:
                    j += 1  # "twenty-five"
                    continue
            if tok.lower_ == "and" and last == "hundred" and j + 1 < stop:
                nxt = t.numbers.get(doc[j + 1].lower_)
                if nxt is not None and nxt[1] == "unit":
                    j += 1  # "one hundred and fifty"
                    continue
            break
        value, kind = word
        if kind == "vague":
            return None
        if kind == "article":
            nxt = t.numbers.get(doc[j + 1].lower_) if j + 1 < stop else None
            if last or nxt is None or nxt[1] not in ("hundred", "scale", "dozen"):
                break
            current, last = Decimal(1), "article"
        elif kind == "unit":
            if last == "digit" or (last == "unit" and not (tens(current) and value < 10)):
                break
            if last == "article":
                break
            current += value
            last = "unit"
            tail = Decimal(1)
        elif kind in ("hundred", "dozen"):
            if not last:
                return None  # "hundred" with no number before it
            current = (current or Decimal(1)) * value
            last = kind
            tail = value
        elif kind == "scale":
            if not last:
                return None  # "several thousand"
            if last == "scale" and total and not current:
                break
            total += (current or Decimal(1)) * value
            current = Decimal(0)
            last = "scale"
            tail = value
        elif kind == "suffix":
            if last != "digit" or not glued(doc, j - 1):
                break
            current *= value
            last = "scale"
            tail = value
        elif kind == "fraction":
            break
        j += 1
    if j == i or last == "article":
        return None
    amount = float(total + current)
    if not math.isfinite(amount):
        return None
    return Numeral(i, j, amount, currency, only_words, tail, ranged)


def rescale(num: Numeral, scale: Decimal) -> Numeral:
    value = float(Decimal(repr(num.value)) * scale)
    return Numeral(num.start, num.end, value, num.currency, num.words, scale, num.ranged)


def tens(value: Decimal) -> bool:
    return 20 <= value < 100 and value % 10 == 0


def glued(doc: Doc, i: int) -> bool:
    """No space between token i and the next one."""
    return i + 1 < len(doc) and not doc[i].whitespace_


# ---- the words around a numeral


def words_at(doc: Doc, start: int, n: int, lo: int, hi: int) -> list[Token] | None:
    if start < lo or start + n > hi:
        return None
    return list(doc[start : start + n])


def cue_matches(cue: Cue, tokens: list[Token]) -> bool:
    for word, tok in zip(cue.words, tokens, strict=True):
        if word == "N":
            if digits(tok.text) is None and (number_word(tok) or (0, ""))[1] != "unit":
                return False
        elif tok.lower_ != word:
            return False
    return not cue.pos or tokens[-1].pos_ == cue.pos


def cue_before(doc: Doc, i: int, lo: int) -> tuple[Cue, int] | None:
    """The cue ending right before token i, and its first token."""
    for cue in tables().before:
        tokens = words_at(doc, i - len(cue.words), len(cue.words), lo, i)
        if tokens is not None and cue_matches(cue, tokens):
            return cue, i - len(cue.words)
    return None


def cue_after(doc: Doc, i: int, hi: int) -> tuple[Cue, int] | None:
    """The cue starting at token i (a hyphen before it is skipped: "40-odd"), and its end."""
    if i < hi and doc[i].text == "-":
        i += 1
    for cue in tables().after:
        tokens = words_at(doc, i, len(cue.words), i, hi)
        if tokens is not None and cue_matches(cue, tokens):
            return cue, i + len(cue.words)
    return None


def currency_before(doc: Doc, i: int, lo: int) -> tuple[str, int] | None:
    """A currency symbol or code written before token i: "$", "US$ ", "NZ $ ", "EUR "."""
    t = tables()
    for n in (2, 1):
        if i - n < lo:
            continue
        form = "".join(tok.lower_ for tok in doc[i - n : i])
        if form in t.symbols and (n == 1 or form.endswith("$")):
            return t.symbols[form], i - n
    if i - 1 >= lo and doc[i - 1].text.isupper() and doc[i - 1].lower_ in t.codes:
        return t.codes[doc[i - 1].lower_], i - 1
    return None


def currency_after(doc: Doc, i: int, hi: int) -> tuple[str, int] | None:
    """A currency word or code written after the number ending before token i, and its end:
    "euros", "US dollars", "pounds sterling", "USD"."""
    t = tables()
    for n in (3, 2, 1):
        if i + n > hi:
            continue
        tokens = list(doc[i : i + n])
        last = tokens[-1]
        if last.pos_ in ("ADJ", "VERB", "ADP", "DET"):
            continue
        head = [tok.lower_ for tok in tokens[:-1]]
        for form in {last.lower_, last.lemma_.lower()}:
            key = " ".join([*head, form])
            if key in t.words and not measure_pound(doc, last):
                if n == 1 and i + 1 < hi and doc[i + 1].lower_ == "sterling":
                    return t.words[key], i + 2
                return t.words[key], i + n
    if i < hi and doc[i].text.isupper() and doc[i].lower_ in t.codes:
        return t.codes[doc[i].lower_], i + 1
    return None


def measure_pound(doc: Doc, tok: Token) -> bool:
    """ "500 pounds of explosives" is a weight."""
    if tok.lemma_.lower() != "pound":
        return False
    return tok.ent_type_ == "QUANTITY" or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of")


# ---- what a numeral counts


@dataclass(frozen=True)
class Counted:
    cls: str
    unit: str
    head: int | None  # the token the quantity counts or hangs on


SKIP = Counted("", "", None)  # a number with a unit that is none of ours: "30 hours", "131-page"
# numbers inside these entities are no counts: dates, "Falcon 9", "Group of Seven", "Movimento 5 Stelle"
ENTITY_SKIP = {"DATE", "TIME", "PERCENT", "ORDINAL", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC"}
CHAIN_POS = {"ADJ", "NOUN", "PROPN"}
CHAIN_DEPS = {"amod", "compound", "nmod"}
NOUN_POS = {"NOUN", "PROPN"}
MAX_CHAIN = 6
MAX_CLIMB = 5


def clean(text: str) -> str:
    return text.lower().strip("-'’.")


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def forms(tok: Token) -> list[str]:
    text = clean(tok.text)
    return list(dict.fromkeys([clean(tok.lemma_), text, singular(text)]))


def lookup_noun(doc: Doc, tok: Token, kinds: tuple[str, ...] = ("noun",)) -> Unit | None:
    """The unit row of a noun, trying its compound first ("asylum seekers", "death toll")."""
    before = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i < tok.i]
    if tok.i > 0 and doc[tok.i - 1].pos_ == "NOUN" and doc[tok.i - 1] not in before:
        before.append(doc[tok.i - 1])
    for mod in before:
        for m in forms(mod):
            for f in forms(tok):
                for kind in kinds:
                    row = unit(f"{m} {f}", kind)
                    if row is not None:
                        return row
    for f in forms(tok):
        for kind in kinds:
            row = unit(f, kind)
            if row is not None:
                return row
    return None


def noun_class(doc: Doc, tok: Token) -> Counted | None:
    """What a counted noun (or a noun-like adjective, "dead") stands for; SKIP for a noun
    that is no unit of ours, None when `tok` is no noun at all."""
    row = lookup_noun(doc, tok, ("noun", "adj", "partitive"))
    if row is not None and row.kind == "partitive":
        of = of_object(tok)
        if of is not None:  # "rounds of ammunition", not "rounds of talks"
            inner = noun_class(doc, of)
            return SKIP if inner is None or inner is SKIP else Counted(inner.cls, clean(tok.text), tok.i)
        return Counted(row.cls, row.unit or clean(tok.text), tok.i)
    if row is not None:
        return Counted(row.cls, row.unit or written(doc, tok), tok.i)
    if demonym(doc, tok):
        return Counted("people", tok.text, tok.i)  # "100,000 Greeks", "300 Chinese"
    if tok.pos_ in NOUN_POS:
        return SKIP
    return None


def demonym(doc: Doc, tok: Token) -> bool:
    """A nationality used as a plural noun: "Greeks", "Afghans", "300 Chinese" (not "2000 Thai
    and 74 Malaysian stores")."""
    if tok.text not in tables().demonyms and not (tok.ent_type_ == "NORP" and tok.pos_ == "PROPN"):
        return False
    if tok.text.endswith("s"):
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.text in tables().demonyms and (nxt is None or nxt.pos_ not in CHAIN_POS | {"CCONJ"})


def written(doc: Doc, tok: Token) -> str:
    """The noun as written, with a compound that belongs to it ("asylum seekers")."""
    prev = doc[tok.i - 1] if tok.i > 0 else None
    text = tok.text.strip("-'’.") if tok.text.isupper() or tok.pos_ == "PROPN" else clean(tok.text)
    if prev is not None and prev.pos_ == "NOUN" and unit(f"{clean(prev.text)} {clean(tok.lemma_)}", "noun"):
        return f"{clean(prev.text)} {text}"
    return text


def of_object(tok: Token) -> Token | None:
    """The noun of an "of" phrase hanging on tok: "rounds of artillery", "number of seats"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in NOUN_POS | {"ADJ"}:
                    return obj
    return None


def root_of(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it (the last one if several)."""
    for tok in reversed(doc[start:end]):
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def counted_noun(doc: Doc, num: Numeral, after: int, hi: int) -> Counted | None:
    """The noun right after the number: "3,000 North Korean soldiers", "15 dead"."""
    chain: list[Token] = []
    for tok in doc[after:hi]:
        if len(chain) >= MAX_CHAIN:
            break
        if tok.pos_ in CHAIN_POS or (tok.dep_ in CHAIN_DEPS and tok.pos_ == "VERB"):
            chain.append(tok)
            continue
        if tok.pos_ == "ADV" and tok.dep_ == "advmod" and tok.head.dep_ in CHAIN_DEPS:
            continue  # "640 newly arrived refugees"
        if tok.text == "-" and chain and glued(doc, tok.i - 1):
            continue
        break
    if not chain:
        return None
    if inherits(chain[0]) and not any(tok.pos_ in NOUN_POS for tok in chain[1:]):
        return None  # "200 more", "nineteen others": the context decides
    members = {tok.i for tok in chain}
    head = doc[num.end - 1].head
    if head.i in members:
        for _ in range(MAX_CHAIN):
            if head.dep_ in CHAIN_DEPS and head.head.i in members and head.head.i > head.i:
                head = head.head
            else:
                break
        found = noun_class(doc, head)
        if found is not None:
            return rate(doc, found)
    nouns = [tok for tok in chain if tok.pos_ in NOUN_POS]
    return rate(doc, noun_class(doc, nouns[-1] if nouns else chain[-1]))


def inherits(tok: Token) -> bool:
    return (unit(clean(tok.lemma_), "inherit") or unit(clean(tok.text), "inherit")) is not None


def rate(doc: Doc, found: Counted | None) -> Counted | None:
    """ "18.9 deaths per 100,000 people" is a rate, not a count."""
    if found is None or found.head is None or found.head + 1 >= len(doc):
        return found
    return SKIP if doc[found.head + 1].lower_ == "per" else found


def hyphen_unit(doc: Doc, num: Numeral, hi: int) -> Counted | None:
    """ "a six-member team", "a 5,000-strong force"; SKIP for "131-page", "18-fold"."""
    i = num.end
    if i + 1 >= hi or doc[i].text != "-":
        return None
    word = doc[i + 1]
    if is_numeral_start(word):
        return None  # a range or a score
    row = unit(clean(word.lemma_), "hyphen") or unit(clean(word.text), "hyphen")
    if row is None:
        return SKIP
    target = word.head if word.head.i > word.i else word
    if target.pos_ == "PROPN":
        return SKIP  # "the 55-member AU": member states, not people
    return Counted(row.cls, row.unit, target.i)


def previous_class(before: list[Found], sent_start: int, doc: Doc) -> Counted | None:
    """The class of the quantity just before, in this sentence or the one before it."""
    if not before:
        return None
    last = before[-1]
    prev_sent_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    if last.token < prev_sent_start or last.quantity.unit_class == "money":
        return None
    return Counted(last.quantity.unit_class, last.quantity.unit, last.head)


def context_class(doc: Doc, num: Numeral, before: list[Found]) -> Counted | None:
    """What a number with no noun after it counts, from the parse around it."""
    root = root_of(doc, num.start, num.end)
    if root.dep_ == "appos":
        return None  # "John Smith, 19,"
    # a singular group noun sized by "of N": "a panel of twelve"
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        group = root.head.head
        row = lookup_noun(doc, group, ("collective",))
        if row is not None and group.tag_ in ("NN", "NNP"):
            return Counted(row.cls, clean(group.text), group.i)
    # "200 more", "4,000 others", "the other three": what the quantity before counted
    inherited: Counted | None = None
    for tok in [*root.children, *doc[num.end : num.end + 1]]:
        if tok.lower_ == "more" and tok.i < num.start:
            continue  # "more than 7,000" is a bound
        row = unit(clean(tok.lemma_), "inherit") or unit(clean(tok.text), "inherit")
        if row is not None:
            found = previous_class(before, doc[num.start].sent.start, doc)
            if found is not None:
                inherited = Counted(found.cls, found.unit, root.head.i)
            elif row.cls:
                inherited = Counted(row.cls, row.unit, root.head.i)
            if tok.i == root.head.i and tok.dep_ != "ROOT":
                root = tok  # "injured nineteen others": the verb governs "others"
            break
    return people_verb(root) or inherited or measured(doc, root, before)


def people_verb(root: Token) -> Counted | None:
    """The object of "kill", "wound", "rescue"...; the subject of "die", "were killed", "were
    dead"; "107 killed"."""
    verb = root.head
    row = unit(verb.lemma_.lower(), "verb") if verb.pos_ in ("VERB", "AUX") else None
    if row is not None and verb.i != root.i:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != root.i]
        if root.dep_ in ("dobj", "nsubjpass", "conj") or (root.dep_ == "nsubj" and not objects):
            return Counted(row.cls, row.unit, verb.i)
    if root.dep_ in ("nsubj", "nsubjpass") and verb.i != root.i:
        for child in verb.children:  # "190 were dead", "sixty are still missing"
            if child.dep_ in ("acomp", "oprd", "attr"):
                adj = unit(clean(child.lemma_), "adj") or unit(clean(child.text), "adj")
                if adj is not None:
                    return Counted(adj.cls, adj.unit or clean(child.text), verb.i)
    for child in root.children:  # "107 killed"
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            row = unit(child.lemma_.lower(), "verb")
            if row is not None:
                return Counted(row.cls, row.unit, child.i)
    return None


def measured(doc: Doc, root: Token, before: list[Found]) -> Counted | None:
    """A size given through a verb: "forces that could number around 12,000", "the death toll
    would have been more than a thousand", "drove asylum claims over 150,000"."""
    tok = root
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in ("pobj", "prep", "acomp", "attr", "dobj", "npadvmod", "advmod", "quantmod"):
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        row = unit(tok.lemma_.lower(), "measure") if tok.pos_ in ("VERB", "AUX") else None
        if row is not None:
            return measured_argument(doc, tok, row.cls, before, root)
    return None


def measured_argument(doc: Doc, verb: Token, which: str, before: list[Found], root: Token) -> Counted | None:
    """What the measure verb gives the size of: its subject or object, or the noun a participle
    modifies ("protesters, estimated at 50,000")."""
    deps = ("nsubj", "nsubjpass") if which == "subject" else ("dobj",)
    args = [c for c in verb.children if c.dep_ in deps and c.i != root.i]
    if not args and which == "subject" and verb.dep_ == "conj":
        args = [c for c in verb.head.children if c.dep_ in deps]
    if not args and verb.dep_ == "acl" and verb.tag_ == "VBN":
        args = [verb.head]
    for given in args:
        arg = verb.head if given.lower_ in ("that", "which", "who") and verb.dep_ == "relcl" else given
        found = noun_class(doc, arg)
        if found is not None and found is not SKIP:
            return found
        group = lookup_noun(doc, arg, ("collective",))
        if group is not None and arg.tag_ in ("NN", "NNP"):
            return Counted(group.cls, clean(arg.text), arg.i)  # "a crowd estimated at 20,000"
        row = lookup_noun(doc, arg, ("referent",))
        if row is not None:
            of = of_object(arg)
            if of is not None:
                inner = noun_class(doc, of)
                return inner if inner is not SKIP else None
            found = previous_class(before, root.sent.start, doc)
            if found is not None:
                return Counted(found.cls, found.unit, arg.i)
    return None


# ---- putting one quantity together


@dataclass(frozen=True)
class Found:
    quantity: Quantity
    token: int  # the first token of the number
    head: int | None


@dataclass
class Qualifiers:
    start: int  # token where the quantity's text starts
    end: int  # token after its end
    approximate: bool = False
    bound: str | None = None
    skip: bool = False


def qualify(doc: Doc, first: int, last_end: int, lo: int, hi: int) -> Qualifiers:
    """The cues before `first` and after `last_end` (token indices)."""
    q = Qualifiers(first, last_end)
    for _ in range(2):
        found = cue_before(doc, q.start, lo)
        if found is None:
            break
        cue, q.start = found
        apply(q, cue)
    found_after = cue_after(doc, q.end, hi)
    if found_after is not None:
        cue, q.end = found_after
        apply(q, cue)
    return q


def apply(q: Qualifiers, cue: Cue) -> None:
    if cue.effect == "skip":
        q.skip = True
    elif cue.effect == "approximate":
        q.approximate = True
    elif q.bound is None:
        q.bound = cue.effect


def skipped(doc: Doc, num: Numeral) -> bool:
    return any(tok.ent_type_ in ENTITY_SKIP for tok in doc[num.start : num.end])


def named(doc: Doc, num: Numeral, lo: int) -> bool:
    """A number that goes with the name before it: "a Falcon 9 rocket", "Apollo 11 astronauts",
    "Flight 370", "Route 66" (but not "told Reuters 50 people")."""
    if num.start <= lo:
        return False
    name = doc[num.start - 1]
    if name.pos_ not in NOUN_POS or not name.text[:1].isupper():
        return False
    modifies = name.dep_ in ("compound", "nmod") and name.head.i >= num.start
    return modifies or root_of(doc, num.start, num.end).head.i == name.i


def conversion(doc: Doc, start: int, lo: int, before: list[Found]) -> bool:
    """An amount in brackets after another amount is the same money: "€20,000 (£17,500; US$22,900)"."""
    i = start - 1
    while i >= lo and doc[i].text not in ("(", ")", "["):
        i -= 1
    if i <= lo or doc[i].text == ")":
        return False
    end = doc[i - 1].idx + len(doc[i - 1].text)
    return any(f.quantity.unit_class == "money" and f.quantity.end == end for f in before[-3:])


def money_head(doc: Doc, start: int, end: int) -> int:
    root = root_of(doc, start, end)
    return root.head.i


def sentence_quantities(doc: Doc, sent: Span, found: list[Found]) -> None:
    """Add the quantities of one sentence to `found` (those of the sentences before it), in order."""
    lo, hi = sent.start, sent.end
    i = lo
    while i < hi:
        tok = doc[i]
        if not is_numeral_start(tok):
            i += 1
            continue
        num = read_numeral(doc, i, hi)
        if num is None:
            i += 1
            while i < hi and (vague(doc[i]) or (doc[i].lower_ == "of" and vague(doc[i - 1]))):
                i += 1  # the rest of "hundreds of thousands"
            continue
        nums = [num]
        # a range or a change: "40-50", "between 40 and 50", "two or three", "from 9 to 10"
        sep = doc[num.end] if num.end < hi else None
        if sep is not None and num.end + 1 < hi:
            between = i > lo and doc[i - 1].lower_ == "between" and sep.lower_ == "and"
            if sep.lower_ in DASHES or sep.lower_ == "or" or between:
                k = num.end + 1
                if doc[k].lower_ in tables().symbols and k + 1 < hi:
                    k += 1  # "$5 and $7 billion", "$5-$7"
                second = read_numeral(doc, k, hi) if is_numeral_start(doc[k]) else None
                if second is not None and second.currency in (None, num.currency):
                    if num.scale == 1 and second.scale > 1 and num.value < 1000:
                        num = rescale(num, second.scale)  # "1.2 to 2 billion"
                    if second.value <= num.value and sep.lower_ != "or":
                        i = second.end  # a score: "2-1", "1 – 0"
                        continue
                    nums = [num, second]
        i = nums[-1].end
        i = max(i, make(doc, nums, lo, hi, found))


def make(doc: Doc, nums: list[Numeral], lo: int, hi: int, before: list[Found]) -> int:
    """Add the quantity (or, for a change "from 9 to 10", the two) these numerals give, if any;
    return the token after the last one read."""
    if any(skipped(doc, n) for n in nums):
        return nums[-1].end
    first, last = nums[0], nums[-1]
    change = len(nums) == 2 and first.start > lo and doc[first.start - 1].lower_ == "from"
    start = first.start
    if len(nums) == 2 and not change and start > lo and doc[start - 1].lower_ == "between":
        start -= 1
    # currency: glued, before or after
    currency = first.currency
    cur_start = start
    if currency is None:
        found_before = currency_before(doc, start, lo)
        if found_before is not None:
            currency, cur_start = found_before
    end = last.end
    found_after = currency_after(doc, end, hi)
    if found_after is not None:
        if currency is None:
            currency = found_after[0]
        end = found_after[1]
    q = qualify(doc, cur_start if not change else start - 1, end, lo, hi)
    if q.skip or (q.start == first.start and named(doc, first, lo)):
        return max(q.end, last.end)  # "one in three": the second number goes with the first
    if currency is not None and conversion(doc, q.start, lo, before):
        return q.end
    if change:
        q.start = start
    if currency is not None:
        counted: Counted | None = Counted("money", currency, money_head(doc, first.start, end))
    else:
        counted = hyphen_unit(doc, last, hi) if q.end == end else None
        if counted is None:
            counted = counted_noun(doc, last, q.end, hi)
        if counted is None and q.end < hi and doc[q.end].lower_ == "of":
            of = of_object(doc[last.end - 1]) or of_object(root_of(doc, first.start, last.end))
            counted = noun_class(doc, of) if of is not None else None
            if of is None and q.end + 1 < hi and doc[q.end + 1].pos_ == "PRON":
                counted = previous_class(before, doc[first.start].sent.start, doc)  # "200 of them"
        if counted is None:
            previous = doc[start - 1] if start > lo else None
            if previous is None or previous.pos_ not in NOUN_POS or q.start < start:
                counted = context_class(doc, last, before)
    if counted is None or counted is SKIP or not counted.cls:
        return last.end
    approximate = q.approximate or (len(nums) == 2 and not change) or first.ranged
    values = [(n, n.value) for n in nums] if change else [(first, first.value)]
    for n, value in values:
        if not keep(counted, n, value, q):
            continue
        first_tok = q.start if not change else n.start
        last_tok = q.end - 1 if not change or n is last else n.end - 1
        text = doc[first_tok : last_tok + 1].text  # (doc.text would copy the whole article)
        if doc[last_tok].text.endswith(".") and doc[last_tok].lower_[:-1] in tables().numbers:
            text = text[:-1]  # the full stop of "£3m."
        span_start = doc[first_tok].idx
        span_end = span_start + len(text)
        quantity = Quantity(
            value=value,
            unit=counted.unit,
            unit_class=counted.cls,
            text=text,
            start=span_start,
            end=span_end,
            approximate=approximate,
            bound=q.bound,
        )
        before.append(Found(quantity, n.start, counted.head))
    return max(q.end, last.end)


def keep(counted: Counted, num: Numeral, value: float, q: Qualifiers) -> bool:
    if not math.isfinite(value) or value <= 0:
        return False
    row = unit(counted.unit, "noun") or unit(singular(counted.unit), "noun")
    if row is not None and value < row.min:
        return False  # "three times"
    lone = value == 1 and num.words and counted.cls in ("people", "other")
    return not (lone and not q.approximate and q.bound is None)  # "one poster wrote"


# ---- the public functions


def scan(doc: Doc, sents: list[Span]) -> list[Found]:
    found: list[Found] = []
    for sent in sents:
        sentence_quantities(doc, sent, found)
    return found


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in the article, in text order (repeated mentions included)."""
    found = scan(doc, list(doc.sents)) if len(doc) else []
    return sorted((f.quantity for f in found), key=lambda q: (q.start, q.end))


def quantities_with_heads(doc: Doc) -> list[tuple[Quantity, int | None]]:
    """`find_quantities` with each quantity's `quantity_head`, in one pass."""
    found = scan(doc, list(doc.sents)) if len(doc) else []
    return sorted(((f.quantity, f.head) for f in found), key=lambda qh: (qh[0].start, qh[0].end))


def quantity_head(doc: Doc, q: Quantity) -> int | None:
    """The token index of what the quantity counts: the noun ("soldiers" in "around 3,000 North
    Korean soldiers"), the group ("team" in "a six-member team"), the verb it is the object of
    ("killing 107"), the subject it measures ("forces that could number around 12,000"), or for
    money the syntactic head of the amount ("providing" in "providing over $64.1 billion")."""
    if not len(doc) or not (0 <= q.start < doc[-1].idx + len(doc[-1].text_with_ws)):
        return None
    span = doc.char_span(q.start, max(q.end, q.start + 1), alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    sents = [doc[sent.start - 1].sent, sent] if sent.start > 0 else [sent]
    for f in scan(doc, sents):
        if f.quantity.start == q.start and f.quantity.end == q.end:
            return f.head
    return None


def distinct(quantities: list[Quantity]) -> list[Quantity]:
    """The quantities without repeats: a later mention of the same value, unit, class,
    approximation and bound ("around 2 million voters" twice) is dropped."""
    seen: set[tuple[float, str, str, bool, str | None]] = set()
    out = []
    for q in quantities:
        key = (q.value, q.unit, q.unit_class, q.approximate, q.bound)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out
