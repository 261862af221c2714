"""The records of a store, checked against the event schema (`timeline.schema`) and turned into the
model's events. Both formats use these checks: the YAML store on data a person may have edited (with
line numbers from the YAML), the JSON Lines store on each record it reads.

Each check reports problems through `fail(line, message)`, so that `timeline validate` can list
all of them and a load can stop at the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import StoreError
from ..model import BASES, GRANULARITIES, PUBLISHED_BASES, RENAMED_BASES, Event
from ..schema import MENTION_LISTS
from ..temporal.values import is_valid_date_value

Fail = Callable[[int | None, str], None]

_EVENT_NEEDED = tuple(f.name for f in schema.EVENT if f.needed_in_store)
_DATE_NEEDED = tuple(f.name for f in schema.DATE if f.needed_in_store)


def line_of(node: Any, key: Any = None) -> int | None:
    """The line of a YAML node (or of its `key`); None for plain data."""
    try:
        if key is not None:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except (AttributeError, KeyError, TypeError):
        return None


def item_line(sequence: Any, index: int) -> int | None:
    try:
        return sequence.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def plain(node: Any) -> Any:
    """Round-trip YAML as plain data; dates a user wrote unquoted become ISO strings."""
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def raise_first(found: list[str], path: Path) -> None:
    if found:
        more = f" (and {len(found) - 1} more: see `timeline validate {path}`)" if len(found) > 1 else ""
        raise StoreError(found[0] + more)


def document_problem(document: Any) -> str | None:
    if not isinstance(document, dict) or not document.get("id") or isinstance(document["id"], (dict, list)):
        return "each document must be a mapping with an `id`"
    basis = document.get("published_basis")
    if basis is not None and basis not in PUBLISHED_BASES:
        bases = ", ".join(PUBLISHED_BASES)
        return f"document {document['id']}: `published_basis` must be one of {bases}, not {basis!r}"
    confidence = document.get("published_confidence")
    if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, (int, float))
                                   or not 0 <= confidence <= 1):
        return f"document {document['id']}: `published_confidence` must be a number from 0 to 1, not {confidence!r}"
    return None


def check_event(event: dict, line: int | None, fail: Fail, is_plain: bool = False) -> Event | None:
    """Report the problems of an event of the store; the model's Event when it has none.
    `is_plain`: the event holds plain data (read from JSON, not YAML)."""
    missing = [key for key in _EVENT_NEEDED if key not in event or event[key] in (None, "")]
    for key in missing:
        fail(line, f"event is missing `{key}`")
    name = f"event {event.get('id')}"
    nested = [key for key in _EVENT_NEEDED if isinstance(event.get(key), (dict, list))]
    for key in nested:
        fail(line_of(event, key), f"{name}: `{key}` must be text, not a list or mapping")
    bad = bool(missing or nested)
    for key in MENTION_LISTS:
        mentions = event.get(key)
        if mentions is not None and not isinstance(mentions, list):
            fail(line_of(event, key), f"{name}: `{key}` must be a list")
            bad = True
            continue
        for mention in mentions or []:
            if not isinstance(mention, dict) or not mention.get("name"):
                fail(line_of(event, key), f"{name}: each of `{key}` needs a `name`")
                bad = True
    if "locked" in event and not isinstance(event["locked"], bool):
        fail(line_of(event, "locked"), f"{name}: `locked` must be true or false")
    for field in schema.ADDED_FIELDS:
        if field.name in event and (problem := field.problem(plain(event[field.name]))):
            fail(line_of(event, field.name), f"{name}: {problem}")
            bad = True
    if event.get("date") is not None:
        bad |= not _check_date(event["date"], name, line_of(event, "date"), fail)
    if bad:
        return None
    try:
        return event_of(event, is_plain)
    except KeyError as exc:
        fail(line, f"{name}: a field is missing its `{exc.args[0]}`")
    except (TypeError, ValueError, AttributeError, OverflowError) as exc:
        fail(line, f"{name}: {exc}")
    return None


def _check_date(date: Any, name: str, line: int | None, fail: Fail) -> bool:
    """Report the problems of an event's date; True when it has none."""
    if not isinstance(date, dict):
        fail(line, f"{name}: `date` must be a mapping or null")
        return False
    missing = [key for key in _DATE_NEEDED if key not in date]
    for key in missing:
        fail(line, f"{name}: date is missing `{key}`")
    if missing:
        return False
    ok = True

    def bad(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        fail(line_of(date, key) or line, f"{name}: {message}")

    values = plain(date)
    if not is_valid_date_value(str(values["value"]).split("/")[0]):
        bad("value", f"date value {values['value']!r} is not a TIMEX3 date")
    bounds = []
    for key in ("start", "end"):
        try:
            bounds.append(dt.datetime.fromisoformat(str(values[key])))
        except ValueError:
            bad(key, f"date {key} {values[key]!r} is not an ISO 8601 date-time")
    if len(bounds) == 2 and str(values["start"]) > str(values["end"]):
        bad("start", "date starts after it ends")
    if values["granularity"] not in GRANULARITIES:
        bad("granularity", f"granularity {values['granularity']!r} is not one of {', '.join(GRANULARITIES)}")
    if not isinstance(values.get("approximate", False), bool):
        bad("approximate", "`approximate` must be true or false")
    basis = values.get("basis", "text")
    if basis not in BASES and basis not in RENAMED_BASES:      # an older store's name reads as its new one
        bad("basis", f"basis {basis!r} is not one of {', '.join(BASES)}")
    return ok


def event_of(raw: Any, is_plain: bool = False) -> Event:
    """An event of the store as the model's Event; mentions typed by hand may give just a `name`.
    `is_plain`: `raw` holds plain data already (read from JSON), which a shallow copy keeps apart."""
    event = dict(raw) if is_plain else plain(raw)
    event.setdefault("sentence_start", 0)
    for key, kind in MENTION_LISTS.items():
        event[key] = [{"kind": kind, "text": m["name"], **m} for m in event.get(key) or []]
    return Event.from_dict(event)


def checked_event(record: dict[str, Any], path: Path) -> Event:
    """The event of one record read from JSON, checked as the events of a YAML store are
    (StoreError for its problems). JSON shares no objects and holds plain data only, so what a
    YAML store needs on top is left out, and the event is built once."""
    found: list[str] = []

    def fail(line: int | None, message: str) -> None:
        found.append(f"{path}: {message}")

    event = check_event(record, None, fail, is_plain=True)
    raise_first(found, path)
    assert event is not None
    return event
