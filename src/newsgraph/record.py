"""The newsgraph/1 record: plain dataclasses and their JSON form (spec section 1)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "newsgraph/1"


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Doc:
    id: str | None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"  # None: not English, so not extracted


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person | organization | state | group
    country: str | None
    sector: str | None
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Quantity:
    value: float
    unit: str
    unit_class: str  # people | money | weapons | other
    text: str
    start: int
    end: int
    approximate: bool = False
    bound: str | None = None  # over | under | None


@dataclass
class Event:
    id: str
    type: str
    actors: list[str]
    recipients: list[str]
    trigger: Span
    sentence: dict[str, int]
    evidence: str
    confidence: float
    mode: str | None = None
    status: str = "asserted"
    according_to: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    time: dict[str, Any] | None = None
    place: dict[str, Any] | None = None


@dataclass
class Claim:
    id: str
    speaker: str | None
    source: Span | None
    cue: Span
    content: Span
    kind: str  # direct | indirect | mixed
    stance: str  # assert | deny | accuse | speculate
    events: list[str] = field(default_factory=list)


@dataclass
class Record:
    doc: Doc
    text: str
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA}
        out.update(asdict(self))
        out["actors"] = [{**a, "mentions": [list(m) for m in a["mentions"]]} for a in out["actors"]]
        return out
