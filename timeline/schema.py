"""The event schema, written once: every field of an event and of the records inside it.

The stores check what they read against it (`timeline.store`), the exports show what it declares,
and the JSON Schema of the `json` export (`json_schema`) is generated from it. A later stage that
adds a field to events declares it in `ADDED_FIELDS` below (an `AddedField`: name, JSON type, a
label for people, how to show a value); the field is then checked in both stores and shown in the
terminal view and every export. It travels on an event in `Event.extra`.

No I/O here, so that the view and the exports can use it without loading the stores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import BASES, CERTAINTIES, GRANULARITIES, PUBLISHED_BASES, ROLES, Event

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON_SCHEMA_ID = "https://example.org/timeline/events.schema.json"
PUBLISHED_PRECISIONS = ("day", "month", "year")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "up_to")


@dataclass(frozen=True)
class Field:
    """One field of a record: its name and its value as JSON Schema."""

    name: str
    value: dict[str, Any]
    description: str | None = None
    #: every record written has it (the JSON Schema's `required`)
    always: bool = False
    #: a record of a store, which people may write by hand, must give it (the rest have defaults)
    needed_in_store: bool = False

    def json_schema(self) -> dict[str, Any]:
        return {**self.value, "description": self.description} if self.description else dict(self.value)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _null_or(name: str) -> dict[str, Any]:
    return {"oneOf": [{"type": "null"}, _ref(name)]}


TEXT: dict[str, Any] = {"type": "string"}
_DATE_TIME = {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"}

DOCUMENT = (
    Field("id", TEXT, always=True),
    Field("title", TEXT),
    Field("published", {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
    Field("published_precision", {"enum": list(PUBLISHED_PRECISIONS)}),
    Field("published_basis", {"enum": list(PUBLISHED_BASES)}),
    Field("published_reason", TEXT),
    Field("published_confidence", {"type": "number", "minimum": 0, "maximum": 1}),
    Field("lang", TEXT),
    Field("source", TEXT),
    Field("url", TEXT),
    Field("path", TEXT),
)
#: the core fields of an event, in the order `Event.to_dict` writes them
EVENT = (
    Field("id", TEXT, always=True, needed_in_store=True),
    Field("document", TEXT, always=True, needed_in_store=True),
    Field("date", _null_or("date"), always=True),
    Field("sentence", TEXT, "The source sentence, verbatim.", always=True, needed_in_store=True),
    Field("sentence_start", {"type": "integer", "minimum": 0}),
    Field("actors", _list_of(_ref("mention")), always=True),
    Field("places", _list_of(_ref("mention")), always=True),
    Field("type", {"type": ["string", "null"]},
          "An event type id of timeline/data/event_types.yaml (protest, arrest, statement, ...); null when no "
          "type was assigned."),
    Field("figures", _list_of(_ref("figure")), "Numbers the event reports, with what they count."),
    Field("certainty", {"enum": list(CERTAINTIES)},
          "How sure the report is: stated as fact, reported by someone, flagged as not verifiable by the text, "
          "or a rumour."),
    Field("attribution", _null_or("attribution")),
    Field("reports", _list_of(_ref("report")),
          "When several reports tell this event: each telling, this event's own first. Absent otherwise."),
)
DATE = (
    Field("value", TEXT, "TIMEX3-style value, e.g. 2024-03-06, 2024-03-08TEV, 2019; a range as start/end.",
          always=True, needed_in_store=True),
    Field("start", _DATE_TIME,
          "ISO 8601 local date-time (the report's own time; no time zone), first instant.",
          always=True, needed_in_store=True),
    Field("end", _DATE_TIME, "ISO 8601 local date-time, last instant (inclusive).",
          always=True, needed_in_store=True),
    Field("granularity", {"enum": list(GRANULARITIES)}, always=True, needed_in_store=True),
    Field("approximate", {"type": "boolean"}, always=True),
    Field("expression", TEXT),
    Field("basis", {"enum": list(BASES)},
          "Where the date comes from: the sentence's own expression (text), the day mentioned before (context); "
          "for a sentence without a date of its own, the event it continues (continuation), the report's day or the "
          "day before for the day's news (report-day), the report's main happening it retells (story), its "
          "live-ticker entry's stamp (ticker), or the publication date (publication)."),
    Field("mod", TEXT),
)
MENTION = (
    Field("name", TEXT, always=True, needed_in_store=True),
    Field("kind", TEXT),
    Field("text", TEXT),
    Field("role", {"enum": list(ROLES)},
          "For actors: the one acting, one affected by the event, or involved in a role the text leaves open."),
    Field("aliases", _list_of(TEXT), "Other names of the same actor in the document."),
)
FIGURE = (
    Field("category", TEXT, "What is counted: deaths, injured, arrests, persons, soldiers, money, ...", always=True),
    Field("value", {"type": "number"}, always=True),
    Field("qualifier", {"enum": list(QUALIFIERS)}, always=True),
    Field("unit", TEXT, "For money: EUR, USD, ...; absent for counts."),
    Field("text", TEXT, "The words in the sentence."),
)
ATTRIBUTION = (
    Field("source", {"type": ["string", "null"]}, "Who the claim is attributed to; null for an unnamed source.",
          always=True),
    Field("text", TEXT, "The words that attribute it, as written.", always=True),
)
REPORT = (
    Field("document", TEXT, always=True),
    Field("event", TEXT, "The id of the event as parsed from that document.", always=True),
    Field("sentence", TEXT, always=True),
    Field("source", TEXT, "The outlet, from the document's metadata."),
    Field("published", TEXT),
    Field("figures", _list_of(_ref("figure"))),
)
#: the event fields that list mentions, with what a mention typed by hand with just a `name` is taken to be
MENTION_LISTS = {"actors": "unknown", "places": "place"}

#: the JSON types an added field may have, and how a problem message names each
JSON_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "string": (lambda v: isinstance(v, str), "text"),
    "integer": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "boolean": (lambda v: isinstance(v, bool), "true or false"),
    "array": (lambda v: isinstance(v, list), "a list"),
    "object": (lambda v: isinstance(v, dict), "a mapping"),
}


def shown(value: Any) -> str:
    """A value of an added field as people read it: lists joined by commas, true/false as yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(shown(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class AddedField:
    """An event field a later stage adds to the core ones."""

    name: str
    #: its JSON type: string, integer, number, boolean, array or object
    type: str
    #: its name as people read it, in the view and the exports ("mood: tense")
    label: str
    #: its value as text for the view and the exports (default: `shown`)
    show: Callable[[Any], str] = shown

    def __post_init__(self) -> None:
        if self.type not in JSON_TYPES:
            raise ValueError(f"added field {self.name!r}: type {self.type!r} is not one of {', '.join(JSON_TYPES)}")
        if self.name in {f.name for f in EVENT}:
            raise ValueError(f"added field {self.name!r}: an event has that field already")

    def problem(self, value: Any) -> str | None:
        """What is wrong with a stored value of the field, None when it fits its type."""
        fits, kind = JSON_TYPES[self.type]
        return None if fits(value) else f"`{self.name}` must be {kind}"


#: the fields later stages add to events: declare one here, e.g.
#: AddedField("mood", "string", "mood")
ADDED_FIELDS: tuple[AddedField, ...] = ()


def event_field_names() -> frozenset[str]:
    """The fields the parser writes to an event: the core ones and the added ones."""
    return frozenset(f.name for f in EVENT) | {f.name for f in ADDED_FIELDS}


def added_values(event: Event) -> list[tuple[AddedField, str]]:
    """Each added field the event has, with its value as text, in the order they are declared."""
    if not ADDED_FIELDS:
        return []
    return [(field, field.show(event.extra[field.name])) for field in ADDED_FIELDS
            if event.extra.get(field.name) is not None]


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {"type": "object", "required": [f.name for f in fields if f.always],
            "properties": {f.name: f.json_schema() for f in fields}}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every JSON export validates against, added fields included."""
    added = tuple(Field(f.name, {"type": f.type}, f.label) for f in ADDED_FIELDS)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": JSON_SCHEMA_ID,
        "title": "timeline export",
        "description": "Events of one or more news reports, in chronological order; undated events last.",
        "type": "object",
        "required": ["documents", "events"],
        "properties": {
            "documents": _list_of(_object(DOCUMENT)),
            "events": _list_of(_ref("event")),
        },
        "$defs": {
            "event": _object(EVENT + added),
            "date": _object(DATE),
            "mention": _object(MENTION),
            "figure": _object(FIGURE),
            "attribution": _object(ATTRIBUTION),
            "report": _object(REPORT),
        },
    }
