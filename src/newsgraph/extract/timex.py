"""Time expressions: the dates an article mentions, resolved against the article's date.

`find_times(doc, doc_date)` reads spaCy's DATE and TIME entities, plus a few patterns of our own
for what the small model misses ("since 2022", "March 14", weekday names). Raw text is never
searched for dates in general, so "may", "$64" and "3,000" never become dates. Each candidate
is normalised (lower case; hedges such as "about", "over" and positions such as "early", "mid"
set aside) and read by a short list of rules, first match wins; absolute dates ("March 14,
2019", "14 March 2019", "Oct. 31") are parsed by dateparser (English only, so it never loads a
language-detection model), relative ones by our rules. `time_for(doc, times, i)` picks the
expression that belongs to the event whose trigger is token `i`.

Conventions (a news reading, approximate where the text is):
- A weekday alone is the most recent one on or before the article date ("on Tuesday"); in a
  future clause ("will meet on Tuesday", "is scheduled for", "could reach ... by Tuesday") the
  next one on or after it. "next Tuesday" is
  the first after the article date, "last Tuesday" the last before it.
- A month and day without a year ("September 29") is the most recent one (past tense), the next
  one (future tense), else the one nearest the article date; likewise a month alone.
- "last week" / "this week": the calendar week (Monday to Sunday), granularity "week", `date`
  its Monday and `end_date` its Sunday. "last month", "this year": that calendar month or year.
- "the past few days", "the last four years": a range from that long before the article date
  to the article date ("few" and "several" count as 3). "since X": a range from X to the
  article date. "the 20th century": 1901 to 2000; "the 1990s": 1990 to 1999.
- "three years ago", "over a decade ago": the article date less that much, at the precision of
  the unit (a year for years and decades; `approximate` is set by hedges such as "over").
- Not times, left out: durations ("for 30 hours", "two years"), ages ("19-year-old", "aged
  19"), rates ("annual", "every year") and ordinal periods ("her fourth year").
- Kept with `date` None: expressions anchored to another event rather than the article date
  ("the next day", "three days later"), clock times ("10:45 a.m.": granularity "time"),
  expressions that need the article date when it is missing or unreadable, and dates outside
  the years 1000..2200 or that do not exist ("February 30").

Granularity is one of "time", "day", "week", "month", "year", "range". Dates are ISO:
"yyyy-mm-dd", "yyyy-mm" or "yyyy" by precision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any, Literal

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from newsgraph.lexicon import rows
from newsgraph.nlp import text_of

__all__ = ["TimeExpr", "find_times", "resolve", "time_for"]

Granularity = Literal["time", "day", "week", "month", "year", "range"]
Tense = Literal["past", "future", "none"]
Precision = Literal["day", "month", "year"]

MIN_YEAR, MAX_YEAR = 1000, 2200
VERBISH = {"VERB", "AUX"}
NOUN_PHRASE = {"DET", "ADJ", "NOUN", "PROPN", "PRON", "PART", "NUM"}
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
FUTURE_MODALS = {"may", "might", "could", "should", "must", "can"}
PERFECT = {"has", "have", "had", "'ve"}
FUTURE_VERBS = {"schedule", "plan", "expect", "due", "set", "intend", "slate"}
PREPOSITIONS = {"on", "in", "at", "of", "during", "by", "until", "till", "from", "between", "for", "the"}
HEDGES_2 = {"more than", "less than", "at least", "up to", "well over", "shortly before", "shortly after"}
POSITIONS_OF = re.compile(
    r"^(?:the )?(?:(?:end|beginning|start|middle|first half|second half)"
    r"|(?:first|second|third|last|final) (?:week|weekend|days|part|half)) of (?:the )?"
)
DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
CLOCK = re.compile(r"\d{1,2}(?::\d{2})?(?:am|pm)?|am|pm|gmt|utc|est|edt|cst|pst|bst|cet|local|time|o'clock")
RELS = {"last", "this", "next", "past", "coming", "current", "previous"}
ANAPHORIC = {"next", "following", "previous", "preceding", "same", "that"}
ABSURD_NUMBER = re.compile(r"\d{5,}")
CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}|\d{1,2}(?:am|pm)|am|pm|o'clock")


@dataclass(frozen=True)
class TimeExpr:
    """A time expression in the text, with its resolved date (None when it cannot be known)."""

    text: str
    start: int  # character offsets into the article text, [start, end)
    end: int
    date: str | None  # ISO yyyy-mm-dd, yyyy-mm or yyyy; for a range its start
    end_date: str | None  # for ranges (and weeks): the last day, month or year
    granularity: Granularity
    approximate: bool = False

    def to_json(self) -> dict[str, Any]:
        """The newsgraph/1 `time` object of an event."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "granularity": self.granularity,
            "date": self.date,
            "end_date": self.end_date,
        }


@dataclass(frozen=True)
class Reading:
    """What a normalised expression means: its dates and granularity."""

    date: str | None
    end_date: str | None
    granularity: Granularity


NOT_A_TIME = Reading(None, None, "time")  # sentinel: a duration, age or rate


# ---- words


@cache
def words() -> dict[str, dict[str, str]]:
    """time_words.tsv as {kind: {word: value}}."""
    table: dict[str, dict[str, str]] = {}
    for row in rows("time_words.tsv"):
        table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


def kind(word: str, name: str) -> str | None:
    return words().get(name, {}).get(word)


def count(word: str) -> int | None:
    """A count word or numeral ("two", "12", "few") as a number."""
    if word.isdigit():
        return int(word)
    value = kind(word, "number")
    return int(value) if value else None


def unit(word: str) -> str | None:
    return kind(word, "unit")


# ---- dates


def parse_doc_date(doc_date: str | None) -> date | None:
    """The article date as a date, or None when it is missing or unreadable."""
    if not isinstance(doc_date, str):
        return None
    try:
        day = date.fromisoformat(doc_date.strip()[:10])
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def make_date(year: int, month: int = 1, day: int = 1) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def iso(day: date | None, precision: Precision = "day") -> str | None:
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def year_iso(year: int) -> str | None:
    return f"{year:04d}" if MIN_YEAR <= year <= MAX_YEAR else None


def add_months(day: date, months: int) -> date | None:
    total = day.year * 12 + day.month - 1 + months
    return make_date(total // 12, total % 12 + 1, 1)


def shift(base: date, n: int, unit_name: str) -> tuple[date | None, Precision]:
    """`base` moved by n units (negative: back), and the precision that unit supports."""
    days = {"second": 0, "minute": 0, "hour": 0, "day": 1, "week": 7, "fortnight": 14, "weekend": 7}
    if unit_name in days:
        try:
            return base + timedelta(days=n * days[unit_name]), "day"
        except OverflowError:
            return None, "day"
    if unit_name == "month":
        return add_months(base, n), "month"
    years = {"year": 1, "decade": 10, "century": 100}[unit_name]
    return make_date(base.year + n * years), "year"


def weekday_date(base: date, weekday: int, rel: str | None, tense: Tense) -> date:
    back = (base.weekday() - weekday) % 7
    ahead = (weekday - base.weekday()) % 7
    if rel in {"next", "coming"}:
        return base + timedelta(days=ahead or 7)
    if rel in {"last", "past"}:
        return base - timedelta(days=back or 7)
    if tense == "future":
        return base + timedelta(days=ahead)
    return base - timedelta(days=back)


def nearest(candidates: list[date], base: date, tense: Tense) -> date | None:
    """The candidate a yearless date means: latest not after `base` (past tense), earliest not
    before it (future), else the nearest one (the earlier on a tie)."""
    if tense == "past":
        before = [c for c in candidates if c <= base]
        return max(before) if before else None
    if tense == "future":
        after = [c for c in candidates if c >= base]
        return min(after) if after else None
    return min(candidates, key=lambda c: (abs((c - base).days), c)) if candidates else None


def yearless(base: date | None, month: int, day: int | None, rel: str | None, tense: Tense) -> date | None:
    """The year of "September 29" (day given) or "August" (day None) from the article date."""
    if base is None:
        return None
    if day is None:
        here = date(base.year, base.month, 1)
        options = [d for y in (-1, 0, 1) if (d := make_date(base.year + y, month, 1))]
        if rel in {"last", "past"}:
            return max((d for d in options if d < here), default=None)
        if rel in {"next", "coming"}:
            return min((d for d in options if d > here), default=None)
        return nearest(options, here, tense)
    options = [d for y in range(-4, 5) if (d := make_date(base.year + y, month, day))]  # leap days
    return nearest(options, base, tense)


# ---- reading a normalised expression


def normalize(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = s.replace("a.m.", "am").replace("p.m.", "pm")
    s = re.sub(r"(\d0)'s\b", r"\1s", s)  # the 1990's
    s = re.sub(r"'s$", "", s.strip())  # last week's
    s = re.sub(r"\bmid-", "mid ", s)
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", s)
    s = re.sub(r"[,.;!?\"()\[\]]|:(?!\d)", " ", s)
    s = re.sub(r"\s*-\s*(?=\d)|(?<=\d)\s*-\s*", "-", s)
    s = re.sub(r"\ba (few|couple)(?: of)?\b", r"\1", s)
    return " ".join(s.split())


def strip_hedges(s: str) -> tuple[str, bool, bool]:
    """`s` without leading prepositions, hedges ("about", "over") and positions ("early", "the end
    of"); whether a hedge was there, and whether a "the" was ("the past year", "the weekend")."""
    hedged = had_the = False
    while True:
        first, _, rest = s.partition(" ")
        two = " ".join(s.split()[:2])
        if two in HEDGES_2:
            s, hedged = s[len(two) :].strip(), True
        elif rest and kind(first, "approx") is not None:
            s, hedged = rest, True
        elif rest and (first in PREPOSITIONS or kind(first, "position") is not None):
            s, had_the = rest, had_the or first == "the"
        elif (m := POSITIONS_OF.match(s)) and m.end() < len(s):
            s, had_the = s[m.end() :], True
        else:
            return s, hedged, had_the


@dataclass(frozen=True)
class Context:
    base: date | None
    tense: Tense
    had_the: bool


Rule = Callable[[str, list[str], Context], Reading | None]


def is_not_a_time(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """Ages, rates, duration adjectives and ordinal periods."""
    if re.search(r"\b(?:year|month|week|day)s?[- ]olds?\b|^aged?\b|^age of\b", s):
        return NOT_A_TIME
    if any(kind(w, "frequency") is not None for w in ws) or (
        ws[-1].endswith("days") and kind(ws[-1][:-1], "weekday") is not None
    ):
        return NOT_A_TIME  # "annual", "every year", "on Mondays"
    if re.fullmatch(r"[\w]+-(?:second|minute|hour|day|night|week|month|year|decade|century)(?:-long)?", s):
        return NOT_A_TIME
    owner = r"(?:(?:her|his|its|their|our|my|a|an|the) )?"
    if re.fullmatch(owner + r"(?:\w+|\d+) (?:year|season|week|day|month|round|term|quarter)s?", s) and (
        kind(ws[-2], "ordinal") or ws[-2].isdigit() and len(ws) > 2
    ):
        return NOT_A_TIME
    return None


def read_ago(s: str, ws: list[str], ctx: Context) -> Reading | None:
    if ws[-1] != "ago" or len(ws) < 2 or not (u := unit(ws[-2])):
        return None
    n = count(ws[-3]) if len(ws) >= 3 else None
    gran: Granularity = "day" if u in {"second", "minute", "hour", "day", "week", "fortnight"} else "year"
    if u == "month":
        gran = "month"
    if ctx.base is None or n is None:
        return Reading(None, None, gran)
    day, precision = shift(ctx.base, -n, u)
    return Reading(iso(day, precision), None, gran)


def read_anaphoric(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """Times anchored to another event: "the next day", "three days later", "that night"."""
    last_unit = unit(ws[-2]) if len(ws) >= 2 else None
    if ws[-1] in {"later", "earlier", "afterwards", "afterward", "before", "after"} and last_unit:
        return Reading(None, None, granularity_of(last_unit))
    pointer = ws[0] in ANAPHORIC - {"next"} or (ws[0] == "next" and ctx.had_the)
    if len(ws) == 2 and pointer and (unit(ws[1]) or kind(ws[1], "part") is not None):
        return Reading(None, None, granularity_of(unit(ws[1]) or "day"))
    if len(ws) == 1 and ctx.had_the and ws[0] in {"day", "night", "week", "month", "year"}:
        return Reading(None, None, granularity_of(unit(ws[0]) or "day"))
    return None


UNIT_GRANULARITY: dict[str, Granularity] = {
    "second": "time", "minute": "time", "hour": "time", "day": "day", "week": "week", "month": "month",
    "year": "year", "decade": "range", "century": "range", "weekend": "range", "fortnight": "range",
}  # fmt: skip


def granularity_of(unit_name: str) -> Granularity:
    return UNIT_GRANULARITY.get(unit_name, "day")


def read_past_range(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "the past few days", "the last four years", "recent weeks", "the last decade"."""
    m = re.fullmatch(r"(past|last|recent) (?:(\w+) )?(\w+)", s)
    if not m or not (u := unit(m[3])) or u == "weekend":
        return None
    n = count(m[2]) if m[2] else None
    if m[2] and n is None:
        return None
    plural = m[3].endswith("s") or m[3] == "centuries"
    if m[1] == "last" and not (ctx.had_the or n or plural):
        return None  # "last week": the calendar week, read_calendar's
    end = iso(ctx.base)
    if ctx.base is None or (n is None and plural):
        return Reading(None, end, "range")
    day, precision = shift(ctx.base, -(n or 1), u)
    return Reading(iso(day, precision), end, "range")


def read_calendar(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "this week", "last month", "next year", "this weekend", "the last decade"."""
    m = re.fullmatch(r"(?:(this|last|next|this past|this coming|coming|past|current) )?(\w+)", s)
    if not m or (u := unit(m[2])) not in {"week", "weekend", "month", "year", "decade", "century"}:
        return None
    if m[1] is None and not (u == "weekend" and ctx.had_the):
        return None
    offset = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
        m[1] or "", 0
    )
    base = ctx.base
    gran = granularity_of(u)
    if base is None:
        return Reading(None, None, gran)
    if u in {"week", "weekend"}:
        if u == "weekend" and offset == 0 and ctx.tense == "past" and base.weekday() < 5:
            offset = -1  # "this weekend" said of the weekend just gone
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=offset)
        first = monday + timedelta(days=5) if u == "weekend" else monday
        return Reading(iso(first), iso(monday + timedelta(days=6)), gran)
    if u == "month":
        return Reading(iso(add_months(base, offset), "month"), None, "month")
    if u == "year":
        return Reading(year_iso(base.year + offset), None, "year")
    size = 10 if u == "decade" else 100
    first_year = (base.year // 10 * 10 if size == 10 else (base.year - 1) // 100 * 100 + 1) + offset * size
    return Reading(year_iso(first_year), year_iso(first_year + size - 1), "range")


def fillers(ws: list[str], keep: set[str]) -> bool:
    """Whether every word is a day part, clock word or one of `keep`."""
    return all(w in keep or kind(w, "part") is not None or CLOCK.fullmatch(w) for w in ws)


def read_day_word(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "yesterday", "early today", "tonight", "last night", "this morning", "tomorrow evening"."""
    found = [w for w in ws if w in DAY_WORDS]
    if len(found) == 1 and fillers(
        [w for w in ws if w not in DAY_WORDS], {"early", "late", "at", "on", "and"}
    ):
        offset = DAY_WORDS[found[0]]
    elif len(ws) == 2 and ws[0] in {"last", "this"} and kind(ws[1], "part") is not None:
        offset = -1 if ws[0] == "last" else 0
    else:
        return None
    if ctx.base is None:
        return Reading(None, None, "day")
    return Reading(iso(ctx.base + timedelta(days=offset)), None, "day")


def read_weekday(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "Tuesday", "on Tuesday", "last Friday", "next Wednesday", "late Sunday night"."""
    found = [w for w in ws if kind(w, "weekday") is not None]
    keep = RELS | {"early", "late", "on", "at", "before", "after", "by", "this past", "this coming"}
    if len(found) != 1 or not fillers([w for w in ws if w != found[0]], keep):
        return None
    if ctx.base is None:
        return Reading(None, None, "day")
    rel = next((w for w in ws[: ws.index(found[0])] if w in RELS), None)
    if rel == "past" or (rel == "this" and "past" in ws):
        rel = "last"
    if "coming" in ws:
        rel = "next"
    return Reading(
        iso(weekday_date(ctx.base, int(kind(found[0], "weekday") or 0), rel, ctx.tense)), None, "day"
    )


def read_century(s: str, ws: list[str], ctx: Context) -> Reading | None:
    m = re.fullmatch(r"([\w-]+) century(?: (bc|bce|ad|ce))?", s)
    if not m:
        return None
    n = int(m[1]) if m[1].isdigit() else int(kind(m[1], "ordinal") or 0)
    if not n or m[2] in {"bc", "bce"}:
        return Reading(None, None, "range")
    return Reading(year_iso((n - 1) * 100 + 1), year_iso(n * 100), "range")


def read_decade(s: str, ws: list[str], ctx: Context) -> Reading | None:
    m = re.fullmatch(r"(?:(\d{3})0|'(\d)0)s", s)
    if not m:
        return None
    if m[1]:
        first = int(m[1]) * 10
    else:
        first = 1900 + int(m[2]) * 10
        if ctx.base and first + 100 <= ctx.base.year:
            first += 100
    return Reading(year_iso(first), year_iso(first + 9), "range")


def read_year_range(s: str, ws: list[str], ctx: Context) -> Reading | None:
    m = re.fullmatch(r"(?:years? )?(\d{4}) ?(?:-|to|through|until|and) ?(\d{2}|\d{4})", s)
    if not m:
        return None
    first = int(m[1])
    last = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
    if last < first:
        return Reading(None, None, "range")
    return Reading(year_iso(first), year_iso(last), "range")


def month_of(word: str) -> int | None:
    value = kind(word, "month")
    return int(value) if value else None


def read_month_range(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "March 15 to 17", "July 27-28", "27-28 July 2019", "May 30 to June 2"."""
    sep = r" ?(?:-|to|through|until|and) ?"
    m = re.fullmatch(rf"([a-z]+) (\d{{1,2}}){sep}(?:([a-z]+) )?(\d{{1,2}})(?: (\d{{4}}))?", s)
    if m and month_of(m[1]) and (m[3] is None or month_of(m[3])):
        month1, day1, month2, day2, year = month_of(m[1]), int(m[2]), month_of(m[3] or m[1]), int(m[4]), m[5]
    else:
        m = re.fullmatch(rf"(\d{{1,2}}){sep}(\d{{1,2}}) ([a-z]+)(?: (\d{{4}}))?", s)
        if not (m and month_of(m[3])):
            return None
        month1, day1, day2, year = month_of(m[3]), int(m[1]), int(m[2]), m[4]
        month2 = month1
    assert month1 is not None and month2 is not None
    if year:
        first, last = make_date(int(year), month1, day1), make_date(int(year), month2, day2)
    else:
        first = yearless(ctx.base, month1, day1, None, ctx.tense)
        last = make_date(first.year + (month2 < month1), month2, day2) if first else None
    if first is None or last is None or last < first:
        return Reading(None, None, "range")
    return Reading(iso(first), iso(last), "range")


def read_holiday(s: str, ws: list[str], ctx: Context) -> Reading | None:
    for name, value in words().get("holiday", {}).items():
        m = re.fullmatch(rf"(?:(last|this|next) )?{re.escape(name)}(?: (\d{{4}}))?", s)
        if m:
            month, day = (int(x) for x in value.split("-"))
            if m[2]:
                return Reading(iso(make_date(int(m[2]), month, day)), None, "day")
            found = yearless(ctx.base, month, day, None, ctx.tense)
            if m[1] and ctx.base and found:
                options = [make_date(ctx.base.year + k, month, day) for k in (-1, 0, 1)]
                if m[1] == "last":
                    found = max((d for d in options if d and d < ctx.base), default=None)
                elif m[1] == "next":
                    found = min((d for d in options if d and d > ctx.base), default=None)
            return Reading(iso(found), None, "day")
    return None


def read_season(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "this summer", "last winter", "summer 2014" (read as their year), "winter of 2006-2007"."""
    m = re.fullmatch(r"(?:(this|last|next|past|this past) )?([a-z]+)(?: (?:of )?(\d{4}(?:-\d{2,4})?))?", s)
    if not m or kind(m[2], "season") is None:
        return None
    if m[3]:
        return read_year_range(m[3], [m[3]], ctx) or Reading(year_iso(int(m[3])), None, "year")
    if m[1] is None or ctx.base is None:
        return Reading(None, None, "year")
    offset = {"this": 0, "next": 1}.get(m[1], -1)
    return Reading(year_iso(ctx.base.year + offset), None, "year")


def read_duration(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """ "two years", "30 hours", "more than ten years", "millions of years", "decades": not times."""
    if not unit(ws[-1]) or ws == ["night"]:
        return None
    quantity = {"of", "and", "many", "millions", "thousands", "hundreds", "dozens", "tens", "half", "a"}
    if all(count(w) is not None or w in quantity or re.fullmatch(r"[\d,.+]+", w) for w in ws[:-1]):
        return NOT_A_TIME
    return None


def year_words(s: str, base: date | None) -> str | None:
    """ "February 23 this year" -> "february 23 2015"; None when the article date is needed and missing."""
    m = re.search(r"\b(?:(?:of|in) )?(this|last|next) year$", s)
    if not m:
        return s
    if base is None:
        return None
    offset = {"this": 0, "last": -1, "next": 1}[m[1]]
    return f"{s[: m.start()].strip()} {base.year + offset}"


@cache
def parser() -> DateDataParser:
    """dateparser for absolute dates, English only (no language detection, nothing downloaded)."""
    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "PARSERS": ["absolute-time"],
        "RELATIVE_BASE": datetime(2000, 1, 1),  # a leap year, so "February 29" parses
        "DATE_ORDER": "MDY",
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_absolute(s: str) -> tuple[date, str] | None:
    """dateparser's reading of an absolute date: the date and its period (day, month, year)."""
    try:
        data = parser().get_date_data(s)
    except (ValueError, OverflowError, TypeError):
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period or "day")


def month_rel(ws: list[str]) -> str | None:
    """ "last March", "this past December" -> "last"; "next June" -> "next"; else None."""
    others = [w for w in ws if not month_of(w)]
    if len(others) == len(ws) - 1 and others and all(w in RELS for w in others):
        if "last" in others or "past" in others:
            return "last"
        if "next" in others or "coming" in others:
            return "next"
    return None


def read_absolute(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """Dates with a month name or a four-digit year: "March 14, 2019", "in mid-August", "Oct. 31",
    "2022", "last March", "January of last year", "Friday, March 29, 2019"."""
    months = [w for w in ws if month_of(w)]
    if not months and not re.search(r"\b\d{4,}\b|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}", s):
        return None
    if ABSURD_NUMBER.search(s):
        return Reading(None, None, "year")
    with_year = year_words(s, ctx.base)
    if with_year is None:
        return Reading(None, None, "month" if len(ws) == 1 else "day")
    drop = RELS | {"preceding", "following", "of", "year", "years"}
    kept = [w for w in with_year.split() if w not in drop and not kind(w, "weekday") and not kind(w, "part")]
    t = " ".join(kept)
    parsed = parse_absolute(t) if t else None
    if parsed is None:
        years = re.findall(r"\b\d{4}\b", t)
        if len(years) == 1 and not months:
            return Reading(year_iso(int(years[0])), None, "year")
        return Reading(None, None, "day")
    day, period = parsed
    gran: Precision = "month" if period == "month" else "year" if period == "year" else "day"
    if re.search(r"\b\d{4}\b", t):
        return Reading(iso(make_date(day.year, day.month, day.day), gran), None, gran)
    tense = ctx.tense
    if {"next", "coming", "following"} & set(ws):
        tense = "future"  # "next Wednesday, July 31"
    elif {"last", "past", "preceding", "previous"} & set(ws):
        tense = "past"
    found = yearless(ctx.base, day.month, day.day if gran == "day" else None, month_rel(ws), tense)
    return Reading(iso(found, gran), None, gran)


def read_clock(s: str, ws: list[str], ctx: Context) -> Reading | None:
    """Clock times and parts of the day with no day named: granularity "time", no date."""
    timed = any(CLOCK_TIME.fullmatch(w) or kind(w, "part") is not None or w == "overnight" for w in ws)
    if timed and fillers(ws, {"early", "late", "around", "the", "in", "at", "overnight", "this", "that"}):
        return Reading(None, None, "time")
    return None


RULES: list[Rule] = [
    is_not_a_time,
    read_ago,
    read_anaphoric,
    read_past_range,
    read_calendar,
    read_day_word,
    read_weekday,
    read_century,
    read_decade,
    read_year_range,
    read_month_range,
    read_holiday,
    read_season,
    read_duration,
    read_absolute,
    read_clock,
]


@lru_cache(maxsize=8192)
def read(text: str, base: date | None, tense: Tense) -> tuple[Reading, bool] | None:
    """The reading of a time expression and whether it is hedged; None when it is not a time."""
    s, hedged, had_the = strip_hedges(normalize(text))
    ws = s.split()
    if not ws:
        return None
    ctx = Context(base, tense, had_the)
    for rule in RULES:
        try:
            reading = rule(s, ws, ctx)
        except (ValueError, OverflowError, KeyError, IndexError):
            return None
        if reading is NOT_A_TIME:
            return None
        if reading is not None:
            return reading, hedged
    return None


def resolve(text: str, doc_date: str | None, tense: Tense = "none") -> TimeExpr | None:
    """A time expression read on its own (offsets 0..len), or None if it is not a time."""
    found = read(text, parse_doc_date(doc_date), tense)
    if found is None:
        return None
    reading, hedged = found
    return TimeExpr(text, 0, len(text), reading.date, reading.end_date, reading.granularity, hedged)


# ---- finding expressions in a parsed Doc

MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
UNITS_RE = r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
NUMBER_RE = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|a couple of)"
PATTERNS = [
    re.compile(rf"\b(?P<t>{MONTH_RE} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}}\b)?)"),
    re.compile(rf"\b(?P<t>\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTH_RE}(?:,? \d{{4}})?)\b"),
    re.compile(rf"\b(?P<t>{MONTH_RE},? \d{{4}})\b"),
    re.compile(rf"\b(?:in|since|by|until|during|before|after|early|late) (?P<t>{MONTH_RE})\b"),
    re.compile(rf"\b(?P<t>mid-{MONTH_RE})\b"),
    re.compile(r"\b(?:in|since|by|until|till|during|before|after|from) (?P<t>1\d{3}|20\d{2})\b(?![.,]?\d|%)"),
    re.compile(r"\b(?P<t>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"),
    re.compile(r"\b(?P<t>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b"),
    re.compile(r"\b(?P<t>(?:[Ll]ast|[Tt]his|[Nn]ext) (?:week|weekend|month|year))\b"),
    re.compile(rf"\b(?P<t>(?:{NUMBER_RE} )?{UNITS_RE} ago)\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<t>the (?:past|last) (?:{NUMBER_RE} )?(?:days|weeks|months|years|decades))\b", re.IGNORECASE
    ),
    re.compile(r"\b(?P<t>the \d{1,2}(?:st|nd|rd|th) century)\b"),
]
TIME_LABELS = {"DATE", "TIME", "CARDINAL"}  # a pattern may take a year the model called CARDINAL
EXTEND_LEFT = {
    "early",
    "mid",
    "late",
    "earlier",
    "later",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
}


def counts_something(span: Span) -> bool:
    """A bare number that counts the noun after it: "in 2000 villages" (but "the 2014 elections")."""
    doc = span.doc
    if len(span) != 1 or not span[0].like_num or span.end >= len(doc):
        return False
    after, before = doc[span.end], doc[span.start - 1] if span.start else None
    if after.pos_ == "NUM":
        return True
    return after.tag_ in {"NNS", "NNPS"} and (before is None or before.pos_ not in {"DET", "PRON"})


def pattern_spans(doc: Doc, taken: set[int]) -> list[Span]:
    """Times the model missed: our patterns, where no entity already covers the tokens (an entity
    of another kind blocks them: "Theresa May", "Black Friday"). A year after a preposition must
    not count something ("in 2000 cases")."""
    blocked = {i for e in doc.ents if e.label_ not in TIME_LABELS for i in range(e.start, e.end)}
    taken = set(taken)
    found: list[Span] = []
    text = text_of(doc)
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            span = doc.char_span(m.start("t"), m.end("t"), alignment_mode="expand")
            if span is None or not len(span):
                continue
            tokens = set(range(span.start, span.end))
            if tokens & (taken | blocked):
                continue
            if counts_something(span):
                continue
            found.append(span)
            taken |= tokens
    return found


def sentence_of(token: Token) -> Span:
    """The sentence of `token`, or the whole Doc when it has no sentence boundaries."""
    doc = token.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return token.sent
    return doc[:]


def extend_left(span: Span) -> Span:
    """Take in a hedge or position the entity left out ("over [a decade ago]", "mid-[August]")."""
    doc, start, first = span.doc, span.start, sentence_of(span.doc[span.start]).start
    while start > first:
        word = doc[start - 1].lower_
        if word == "over" and not (doc[start].like_num or doc[start].lower_ in {"a", "an", "the"}):
            break
        if word not in EXTEND_LEFT and not (word == "-" and start - 1 > first):
            break
        start -= 1
    while start < span.start and doc[start].text == "-":
        start += 1
    return doc[start : span.end]


def clause_verb(token: Token) -> Token | None:
    """The verb a time expression hangs from (through prepositions and nouns)."""
    for _ in range(8):
        if token.pos_ in VERBISH:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def tense_of(span: Span) -> Tense:
    """The tense of the clause a time hangs from: "future" for will/shall, a plan ("is scheduled
    for", "is set to") or a modal of possibility before a bare verb ("could reach by Tuesday", not
    negated or perfect); "past" for a past or perfect verb; else "none"."""
    verb = clause_verb(span.root)
    if verb is None:
        return "none"
    chain = [verb, verb.head] if verb.dep_ == "xcomp" and verb.head.pos_ in VERBISH else [verb]
    for v in chain:
        auxes = {c.lower_ for c in v.children if c.dep_ in {"aux", "auxpass"}}
        negated = any(c.dep_ == "neg" for c in v.children)
        if v.lemma_ in FUTURE_VERBS or auxes & FUTURE_AUX:
            return "future"
        if v.tag_ == "VB" and auxes & FUTURE_MODALS and not negated and not auxes & PERFECT:
            return "future"
    for v in chain:
        auxes_ = [c for c in v.children if c.dep_ in {"aux", "auxpass"}]
        if v.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lower_ in PERFECT for c in auxes_):
            return "past"
    return "none"
    chain = [verb, verb.head] if verb.dep_ == "xcomp" and verb.head.pos_ in VERBISH else [verb]
    for v in chain:
        if v.lemma_ in FUTURE_VERBS or any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in v.children):
            return "future"
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in {"aux", "auxpass"}]
        if v.tag_ == "VBD" or any(
            c.tag_ == "VBD" or c.lower_ in {"has", "have", "had", "'ve"} for c in auxes
        ):
            return "past"
    return "none"


def since_token(span: Span) -> Token | None:
    """The "since" that makes a time the start of a range: "since 2022", "since the invasion in 2022"."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        return doc[span.start - 1]
    first = sentence_of(doc[span.start]).start
    i = span.start - 1
    if i > first and doc[i].lower_ in {"in", "of", "on"}:  # parsed apart from "since"
        i -= 1
        while i > first and span.start - i <= 6 and doc[i].pos_ in NOUN_PHRASE:
            i -= 1
        if doc[i].lower_ == "since" and i <= span.start - 3:
            return doc[i]
    token = span.root
    for _ in range(4):
        head = token.head
        if head.i == token.i or head.pos_ in VERBISH or sentence_of(head).start != first:
            return None
        if head.lower_ == "since" and head.i < span.start:
            return head
        token = head
    return None


def time_expr(span: Span, base: date | None) -> TimeExpr | None:
    found = read(span.text, base, tense_of(span))
    if found is None:
        return None
    reading, hedged = found
    start = span.start_char
    since = since_token(span) if reading.granularity != "time" else None
    text = span.text
    if since is not None:
        start = since.idx
        first = reading.date
        reading = Reading(first, iso(base), "range")
        text = span.doc[since.i : span.end].text  # (doc.text would rebuild the whole article)
    return TimeExpr(text, start, span.end_char, reading.date, reading.end_date, reading.granularity, hedged)


def find_times(doc: Doc, doc_date: str | None) -> list[TimeExpr]:
    """Every time expression in `doc`, in text order, resolved against the article date
    (ISO "2015-08-21"; when None or unreadable only absolute expressions get a date)."""
    base = parse_doc_date(doc_date)
    spans = [extend_left(e) for e in doc.ents if e.label_ in {"DATE", "TIME"} and not counts_something(e)]
    taken = {i for s in spans for i in range(s.start, s.end)}
    spans += pattern_spans(doc, taken)
    times = [t for s in spans if (t := time_expr(s, base)) is not None]
    return sorted(times, key=lambda t: t.start)


# ---- which event a time belongs to


def anchors(trigger: Token) -> set[int]:
    """The trigger and the verb that governs it: a controlling verb ("agreed to withdraw"), or
    for a noun trigger the verb it is an argument of ("launched strikes")."""
    found = {trigger.i}
    if trigger.pos_ in VERBISH:
        if trigger.dep_ == "xcomp" and trigger.head.pos_ in VERBISH:
            found.add(trigger.head.i)
        return found
    token = trigger
    for _ in range(4):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in VERBISH:
            found.add(token.i)
            break
    return found


def hops_to(root: Token, targets: set[int]) -> int | None:
    """How many steps up the head chain from `root` reach a target, crossing no other verb."""
    token = root
    for hops in range(1, 10):
        head = token.head
        if head.i == token.i:
            return None
        if head.i in targets:
            return hops
        if head.pos_ in VERBISH:
            return None
        token = head
    return None


def time_for(doc: Doc, times: list[TimeExpr], trigger_index: int) -> TimeExpr | None:
    """The time expression of the event whose trigger is token `trigger_index`: in the same
    sentence, attached to the trigger's clause in the dependency tree; None rather than a
    guess across clauses. Several attached: the nearest in the tree, then a resolved one."""
    if not 0 <= trigger_index < len(doc):
        return None
    trigger = doc[trigger_index]
    sent = sentence_of(trigger)
    targets = anchors(trigger)
    best: tuple[tuple[int, bool, int], TimeExpr] | None = None
    for t in times:
        if not sent.start_char <= t.start < sent.end_char:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or span.start <= trigger_index < span.end:
            continue
        hops = hops_to(span.root, targets)
        if hops is None:
            continue
        key = (hops, t.date is None, abs(span.root.i - trigger_index))
        if best is None or key < best[0]:
            best = (key, t)
    return best[1] if best else None
