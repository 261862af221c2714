"""The events store: a human-readable YAML file that users may edit by hand.

Re-parsing a report replaces the events the parser made for it and keeps the rest: events of
other documents, and events a user marked `locked: true` (or added with `source: manual`).
Comments and key order survive because the file is loaded and saved round-trip. Writes go to a
temporary file in the same folder that then replaces the store, so a crash never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .errors import StoreError
from .model import BASES, GRANULARITIES, Event, Timeline
from .temporal.values import is_valid_date_value

STORE_VERSION = 1
HEADER = (
    "timeline events store: one entry per dated happening, in chronological order.\n"
    "Edit freely. Mark an event `locked: true` to keep your edits when its report is parsed\n"
    "again; add events of your own with `source: manual`. See `timeline validate`."
)
_EVENT_REQUIRED = ("id", "document", "sentence")
_DATE_REQUIRED = ("value", "start", "end", "granularity")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def user_owned(event: dict[str, Any]) -> bool:
    """Events the parser must never replace."""
    return bool(event.get("locked")) or event.get("source") == "manual"


def _line(node: Any, key: Any = None) -> int | None:
    try:
        if key is not None:
            return node.lc.key(key)[0] + 1
        return node.lc.line + 1
    except (AttributeError, KeyError, TypeError):
        return None


def load_raw(path: Path) -> CommentedMap:
    """The store as parsed YAML, validated; StoreError names file, line and problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoreError(f"no events store at {path} (create one with `timeline parse REPORT -o {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from None
    try:
        data = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise StoreError(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if data is None:
        data = CommentedMap()
    validate(data, path)
    return data


def validate(data: Any, path: Path) -> None:
    """Raise StoreError naming file, line and problem for anything the model cannot use."""
    def fail(line: int | None, message: str) -> None:
        raise StoreError(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    if not isinstance(data, dict):
        fail(1, "the store must be a mapping with `documents` and `events`")
    for key in ("documents", "events"):
        if key in data and data[key] is not None and not isinstance(data[key], list):
            fail(_line(data, key), f"`{key}` must be a list")
    for document in data.get("documents") or []:
        if not isinstance(document, dict) or not document.get("id"):
            fail(_line(data, "documents"), "each document must be a mapping with an `id`")
    for event in data.get("events") or []:
        if not isinstance(event, dict):
            fail(_line(data, "events"), "each event must be a mapping")
        for key in _EVENT_REQUIRED:
            if key not in event or event[key] in (None, ""):
                fail(_line(event), f"event is missing `{key}`")
        name = f"event {event['id']}"
        for key in ("actors", "places"):
            mentions = event.get(key)
            if mentions is not None and not isinstance(mentions, list):
                fail(_line(event, key), f"{name}: `{key}` must be a list")
            for mention in mentions or []:
                if not isinstance(mention, dict) or not mention.get("name"):
                    fail(_line(event, key), f"{name}: each of `{key}` needs a `name`")
        if event.get("date") is not None:
            _validate_date(event["date"], name, _line(event, "date"), fail)


def _validate_date(date: Any, name: str, line: int | None, fail) -> None:
    if not isinstance(date, dict):
        fail(line, f"{name}: `date` must be a mapping or null")
    for key in _DATE_REQUIRED:
        if key not in date:
            fail(line, f"{name}: date is missing `{key}`")
    plain = _plain(date)
    if not is_valid_date_value(str(plain["value"]).split("/")[0]):
        fail(_line(date, "value"), f"{name}: date value {plain['value']!r} is not a TIMEX3 date")
    for key in ("start", "end"):
        try:
            dt.datetime.fromisoformat(str(plain[key]))
        except ValueError:
            fail(_line(date, key), f"{name}: date {key} {plain[key]!r} is not an ISO 8601 date-time")
    if str(plain["start"]) > str(plain["end"]):
        fail(_line(date, "start"), f"{name}: date starts after it ends")
    if plain["granularity"] not in GRANULARITIES:
        fail(_line(date, "granularity"), f"{name}: granularity {plain['granularity']!r} is not one of "
             + ", ".join(GRANULARITIES))
    if not isinstance(plain.get("approximate", False), bool):
        fail(_line(date, "approximate"), f"{name}: `approximate` must be true or false")
    if plain.get("basis", "text") not in BASES:
        fail(_line(date, "basis"), f"{name}: basis {plain['basis']!r} is not one of {', '.join(BASES)}")


def load_timeline(path: str | Path) -> Timeline:
    data = load_raw(Path(path))
    events = []
    for raw in data.get("events") or []:
        event = _plain(raw)
        event.setdefault("sentence_start", 0)
        for key in ("actors", "places"):
            event[key] = [{"kind": "unknown" if key == "actors" else "place", "text": m["name"], **m}
                          for m in event.get(key) or []]
        try:
            events.append(Event.from_dict(event))
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{path}:{_line(raw)}: event {raw.get('id')}: {exc}") from None
    return Timeline(events, [_plain(d) for d in data.get("documents") or []])


def _plain(node: Any) -> Any:
    """Round-trip YAML as plain data; dates a user wrote unquoted become ISO strings."""
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def save_parsed(path: str | Path, documents: list[dict[str, Any]], events: list[Event]) -> tuple[int, int]:
    """Put the events of these documents into the store; returns (written, kept by the user)."""
    path = Path(path)
    data = load_raw(path) if path.exists() else CommentedMap()
    if not data.ca.comment:
        data.yaml_set_start_comment(HEADER)
    doc_ids = {d["id"] for d in documents}
    old_documents = [d for d in data.get("documents") or [] if d.get("id") not in doc_ids]
    data["version"] = STORE_VERSION
    data["documents"] = CommentedSeq(old_documents + [CommentedMap(d) for d in documents])
    kept = [e for e in data.get("events") or [] if e.get("document") not in doc_ids or user_owned(e)]
    kept_ids = {e.get("id") for e in kept}
    fresh = [_to_yaml(e.to_dict()) for e in events if e.id not in kept_ids]
    merged = kept + fresh
    merged.sort(key=_sort_key)
    data["events"] = CommentedSeq(merged)
    atomic_write(path, _dump(data))
    return len(fresh), sum(1 for e in kept if e.get("document") in doc_ids)


def _sort_key(event: dict[str, Any]) -> tuple:
    date = event.get("date") or {}
    return (0 if date else 1, str(_plain(date.get("start", ""))), str(event.get("document", "")),
            int(event.get("sentence_start") or 0))


def _to_yaml(data: Any) -> Any:
    if isinstance(data, dict):
        node = CommentedMap()
        for key, value in data.items():
            node[key] = _to_yaml(value)
        return node
    if isinstance(data, list):
        return CommentedSeq(_to_yaml(v) for v in data)
    return data


def _dump(data: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename it over the target."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise StoreError(f"cannot write {path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write {path}: {exc.strerror}") from None
        raise
