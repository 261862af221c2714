"""Plain data passed between the pipeline stages. No I/O lives here."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .names import fold, matches_name, name_key

GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day", "part-of-day",
                 "time")
#: where a date comes from: "text" (the sentence's own expression), "context" (an expression that
#: needs the day mentioned before, e.g. "am Abend"); a sentence without an expression of its own
#: takes "continuation" (it continues the event before it: "sagte weiter"), "report-day" (agency
#: news of the day told in the perfect: the publication day or the day before), "story" (it retells
#: the report's main happening, whose day is named elsewhere), "ticker" (the stamp of its live-ticker
#: entry) or "publication" (how things stand at publication; also an expression resolved against a
#: publication date known only roughly)
BASES = ("text", "context", "continuation", "report-day", "story", "ticker", "publication")
#: bases of older stores, read as their new names
RENAMED_BASES = {"inherited": "continuation"}
#: where a report's publication date comes from: "given" by the caller (`--published`, a corpus
#: record), the report's "header" or front matter, a "sidecar" file (or the page's metadata), or
#: "inferred" from the text when the header gives only the month or year (`reference_day`)
PUBLISHED_BASES = ("given", "header", "sidecar", "inferred")
#: how sure the report is of an event: said as fact, reported by someone ("soll", Konjunktiv I,
#: "zufolge"), flagged as unverifiable by the text itself, or a rumour
CERTAINTIES = ("stated", "reported", "unverified", "rumour")
#: the acting actor versus others the event involves ("Der Kanzler entließ ihn": the chancellor
#: acts, the dismissed minister is affected); "involved" when the text does not make the role clear
ROLES = ("actor", "affected", "involved")
PART_OF_DAY_ORDER = {"MO": 0, "MI": 1, "AF": 2, "EV": 3, "NI": 4}


def _shared(value: Any) -> str:
    """A text read from a store, as one object for all its occurrences: a store repeats names,
    kinds, dates and sentences (one per event of a sentence) many times over."""
    return sys.intern(str(value))


@dataclass(frozen=True)
class Document:
    """A report as read: its text and what is known of its publication."""

    text: str
    id: str
    published: dt.date | None = None
    #: how much of the publication date is known: "day", "month", "year" or None
    precision: str | None = None
    #: where the publication date comes from (one of PUBLISHED_BASES); None without one
    published_basis: str | None = None
    #: for an inferred publication day: why (the cues of the text) and how sure (0 to 1)
    published_reason: str | None = None
    published_confidence: float | None = None
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

    value: str                 # TIMEX3-style value: 2023-03-14, 2023-03-14TEV, 2021, 2023-03 …
    start: str                 # ISO 8601 datetime, first instant of the interval
    end: str                   # ISO 8601 datetime, last instant of the interval (inclusive)
    granularity: str
    approximate: bool = False
    expression: str | None = None
    basis: str = "text"          # one of BASES
    mod: str | None = None

    @property
    def part_of_day(self) -> str | None:
        if "T" in self.value and self.value[-2:] in PART_OF_DAY_ORDER:
            return self.value[-2:]
        return None

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, in declaration order (spelled out rather than `asdict` or
        `fields`: this runs for every event written to a store)."""
        data = {"value": self.value, "start": self.start, "end": self.end, "granularity": self.granularity,
                "approximate": self.approximate, "expression": self.expression, "basis": self.basis,
                "mod": self.mod}
        return {key: value for key, value in data.items() if value is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateValue:
        """From stored data; hand-written YAML may give `value: 2022` as a number."""
        text_fields = ("value", "start", "end", "granularity", "expression", "basis", "mod")
        values: dict[str, Any] = {k: _shared(v) if k in text_fields and v is not None else v for k, v in data.items()}
        if values.get("basis") in RENAMED_BASES:
            values["basis"] = RENAMED_BASES[values["basis"]]
        return cls(**values)


@dataclass(frozen=True)
class Mention:
    """A named thing as it appears in an event's sentence."""

    name: str        # canonical name
    kind: str        # person | organisation | group | place
    text: str        # the form used in the text
    role: str | None = None          # for actors: one of ROLES
    aliases: tuple[str, ...] = ()    # other names of the same actor seen in the document

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind, "text": self.text}
        if self.role is not None:
            data["role"] = self.role
        if self.aliases:
            data["aliases"] = list(self.aliases)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        role = data.get("role")
        return cls(name=_shared(data["name"]), kind=_shared(data.get("kind", "unknown")),
                   text=_shared(data.get("text", data["name"])), role=_shared(role) if isinstance(role, str) else role,
                   aliases=tuple(_shared(a) for a in data.get("aliases") or ()))


@dataclass(frozen=True)
class Figure:
    """A number the event reports, with what it counts: "mehr als 4000 Festnahmen" is
    Figure("arrests", 4000, "more_than", text="mehr als 4000 Festnahmen")."""

    category: str                # deaths | injured | arrests | persons | soldiers | money | ... (lang data)
    value: float
    qualifier: str = "exact"     # exact | approx | at_least | more_than | at_most | less_than | up_to
    unit: str | None = None      # for money: EUR, USD …; None for counts
    text: str = ""               # the words in the sentence

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        data: dict[str, Any] = {"category": self.category, "value": value, "qualifier": self.qualifier}
        if self.unit:
            data["unit"] = self.unit
        data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        return cls(category=str(data["category"]), value=float(data["value"]),
                   qualifier=str(data.get("qualifier", "exact")), unit=data.get("unit"), text=str(data.get("text", "")))


@dataclass(frozen=True)
class Attribution:
    """Who says so: the source a claim is attributed to and the words that attribute it."""

    source: str | None           # canonical name ("Deutsche Presse-Agentur"), None for an unnamed source
    text: str                    # the cue as written: "Nach Informationen der Deutschen Presse-Agentur"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        return cls(source=data.get("source"), text=str(data.get("text", "")))


@dataclass(frozen=True)
class Report:
    """One report's telling of an event that several reports tell (provenance of a merged event)."""

    document: str                # document id
    event: str                   # id of the event as parsed from that document
    sentence: str
    source: str | None = None    # the outlet, from the document's metadata
    published: str | None = None
    figures: tuple[Figure, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"document": self.document, "event": self.event, "sentence": self.sentence}
        if self.source:
            data["source"] = self.source
        if self.published:
            data["published"] = self.published
        if self.figures:
            data["figures"] = [f.to_dict() for f in self.figures]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(document=str(data["document"]), event=str(data["event"]), sentence=str(data["sentence"]),
                   source=data.get("source"), published=data.get("published"),
                   figures=tuple(Figure.from_dict(dict(f)) for f in data.get("figures") or ()))


@dataclass
class Event:
    id: str
    document: str
    sentence: str
    sentence_start: int
    date: DateValue | None = None
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    type: str | None = None                      # an event type id of the taxonomy (event_types.yaml)
    figures: list[Figure] = field(default_factory=list)
    certainty: str = "stated"                    # one of CERTAINTIES
    attribution: Attribution | None = None
    #: when several reports tell this event: each telling, this event's own first; empty otherwise
    reports: list[Report] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)   # fields added by hand or by later stages

    @property
    def main_actor(self) -> Mention | None:
        """The acting actor, else the first actor named."""
        return next((m for m in self.actors if m.role == "actor"), self.actors[0] if self.actors else None)

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
            "type": self.type,
            "figures": [f.to_dict() for f in self.figures],
            "certainty": self.certainty,
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }
        if self.reports:
            data["reports"] = [r.to_dict() for r in self.reports]
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        known = {"id", "document", "date", "sentence", "sentence_start", "actors", "places", "type", "figures",
                 "certainty", "attribution", "reports"}
        return cls(
            id=str(data["id"]),
            document=_shared(data["document"]),
            sentence=_shared(data["sentence"]),
            sentence_start=int(data.get("sentence_start", 0)),
            date=DateValue.from_dict(dict(data["date"])) if data.get("date") else None,
            actors=[Mention.from_dict(dict(m)) for m in data.get("actors") or []],
            places=[Mention.from_dict(dict(m)) for m in data.get("places") or []],
            type=_shared(data["type"]) if data.get("type") else None,
            figures=[Figure.from_dict(dict(f)) for f in data.get("figures") or []],
            certainty=_shared(data.get("certainty") or "stated"),
            attribution=Attribution.from_dict(dict(data["attribution"])) if data.get("attribution") else None,
            reports=[Report.from_dict(dict(r)) for r in data.get("reports") or []],
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass(frozen=True)
class ActorSummary:
    """One actor across a timeline: its names and how often it appears, and acts."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    events: int
    acting: int
    affected: int


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

    def _where(self, keep) -> Timeline:
        return Timeline([e for e in self.events if keep(e)], self.documents)

    def filter(self, *, actors: Iterable[str] = (), places: Iterable[str] = (),
               since: dt.date | None = None, until: dt.date | None = None,
               text: str | None = None, roles: Iterable[str] = (), types: Iterable[str] = (),
               certainties: Iterable[str] = ()) -> Timeline:
        """Events matching every given criterion; several values of one kind match any of them.

        `roles` restricts the `actors` match to actors in those roles; without actors it keeps
        events that have an actor in one of the roles.
        """
        result = self
        actors, places, roles = list(actors), list(places), set(roles)
        types, certainties = set(types), set(certainties)
        if actors or roles:
            def named(e: Event) -> bool:
                candidates = [m for m in e.actors if not roles or m.role in roles]
                return any(matches_name(q, m) for q in actors for m in candidates) if actors else bool(candidates)
            result = result._where(named)
        if types:
            result = result._where(lambda e: e.type in types)
        if certainties:
            result = result._where(lambda e: e.certainty in certainties)
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

    def actors(self) -> list[ActorSummary]:
        """Every actor, most frequent first; one actor under spellings whose keys agree (the
        canonical name is the one seen most often)."""
        groups: dict[str, dict[str, Any]] = {}
        for event in self.events:
            for mention in event.actors:
                group = groups.setdefault(name_key(mention.name), {"names": {}, "kind": mention.kind, "aliases": {},
                                                                   "events": set(), "actor": set(), "affected": set()})
                group["names"][mention.name] = group["names"].get(mention.name, 0) + 1
                group["aliases"].update(dict.fromkeys(mention.aliases))
                group["events"].add(event.id)
                if mention.role in ("actor", "affected"):
                    group[mention.role].add(event.id)
        summaries = []
        for group in groups.values():
            name = max(group["names"], key=lambda n: (group["names"][n], n))
            aliases = tuple(a for a in dict.fromkeys([*group["names"], *group["aliases"]]) if a != name)
            summaries.append(ActorSummary(name, group["kind"], aliases, len(group["events"]), len(group["actor"]),
                                          len(group["affected"])))
        return sorted(summaries, key=lambda a: (-a.events, fold(a.name)))

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "events": [e.to_dict() for e in self.events]}
