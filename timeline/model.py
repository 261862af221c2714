"""Plain data passed between the pipeline stages. No I/O lives here."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .names import fold, matches_name

GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "part-of-day", "time")
BASES = ("text", "context", "publication")
PART_OF_DAY_ORDER = {"MO": 0, "MI": 1, "AF": 2, "EV": 3, "NI": 4}


@dataclass(frozen=True)
class Document:
    """A report as read: its text and what is known of its publication."""

    text: str
    id: str
    published: dt.date | None = None
    #: how much of the publication date is known: "day", "month", "year" or None
    precision: str | None = None
    lang: str = "de"
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    #: character offset where the body starts (after a header or front matter)
    body_start: int = 0


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    #: a title line (no closing punctuation, alone in its paragraph)
    heading: bool = False


@dataclass(frozen=True)
class Timex:
    """A temporal expression as TimeML annotates it: a span, a type and a value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value, "mod": self.mod}


@dataclass(frozen=True)
class DateValue:
    """When an event happened, as precisely as the text says and no more."""

    value: str                 # TIMEX3-style value: 2022-01-05, 2022-01-07TEV, 2021, 2022-01 …
    start: str                 # ISO 8601 datetime, first instant of the interval
    end: str                   # ISO 8601 datetime, last instant of the interval (inclusive)
    granularity: str
    approximate: bool = False
    expression: str | None = None
    #: where the date comes from: "text" (its own expression), "context" (an
    #: expression that needs the day mentioned before, e.g. "am Abend"),
    #: "publication" (resolved against a publication date known only roughly)
    basis: str = "text"
    mod: str | None = None

    @property
    def part_of_day(self) -> str | None:
        if "T" in self.value and self.value[-2:] in PART_OF_DAY_ORDER:
            return self.value[-2:]
        return None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DateValue":
        """From stored data; hand-written YAML may give `value: 2022` as a number."""
        text_fields = ("value", "start", "end", "granularity", "expression", "basis", "mod")
        return cls(**{k: str(v) if k in text_fields and v is not None else v for k, v in data.items()})


@dataclass(frozen=True)
class Mention:
    """A named thing as it appears in an event's sentence."""

    name: str        # canonical name
    kind: str        # person | organisation | group | place
    text: str        # the form used in the text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    id: str
    document: str
    sentence: str
    sentence_start: int
    date: DateValue | None = None
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)   # fields added by hand or by later stages

    def sort_key(self) -> tuple:
        if self.date is None:
            return (1, "", 9, self.document, self.sentence_start)
        return (0, self.date.start, PART_OF_DAY_ORDER.get(self.date.part_of_day or "", -1),
                self.document, self.sentence_start)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "document": self.document,
            "date": self.date.to_dict() if self.date else None,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "actors": [m.to_dict() for m in self.actors],
            "places": [m.to_dict() for m in self.places],
        }
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        known = {"id", "document", "date", "sentence", "sentence_start", "actors", "places"}
        return cls(
            id=str(data["id"]),
            document=str(data["document"]),
            sentence=str(data["sentence"]),
            sentence_start=int(data.get("sentence_start", 0)),
            date=DateValue.from_dict(dict(data["date"])) if data.get("date") else None,
            actors=[Mention(**dict(m)) for m in data.get("actors") or []],
            places=[Mention(**dict(m)) for m in data.get("places") or []],
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass
class Timeline:
    """Events of one or more documents, in chronological order, with filters."""

    events: list[Event] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.events = sorted(self.events, key=Event.sort_key)     # a copy: the caller's list stays as it was

    @property
    def dated(self) -> list[Event]:
        return [e for e in self.events if e.date is not None]

    @property
    def undated(self) -> list[Event]:
        return [e for e in self.events if e.date is None]

    def _where(self, keep) -> "Timeline":
        return Timeline([e for e in self.events if keep(e)], self.documents)

    def filter(self, *, actors: Iterable[str] = (), places: Iterable[str] = (),
               since: dt.date | None = None, until: dt.date | None = None,
               text: str | None = None) -> "Timeline":
        """Events matching every given criterion; several names of one kind match any of them."""
        result = self
        actors, places = list(actors), list(places)
        if actors:
            result = result._where(lambda e: any(matches_name(q, m) for q in actors for m in e.actors))
        if places:
            result = result._where(lambda e: any(matches_name(q, m) for q in places for m in e.places))
        if since is not None:
            lower = since.isoformat()
            result = result._where(lambda e: e.date is not None and e.date.end[:10] >= lower)
        if until is not None:
            upper = until.isoformat()
            result = result._where(lambda e: e.date is not None and e.date.start[:10] <= upper)
        if text:
            needle = fold(text)
            result = result._where(lambda e: needle in fold(e.sentence))
        return result

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "events": [e.to_dict() for e in self.events]}
