"""The events store as YAML: a human-readable file that users may edit by hand.

Comments and key order survive a re-parse because the file is loaded and saved round-trip; what a
re-parse changes and what it keeps is said in `ownership`. `save_parsed` holds the store's lock
from reading the store to replacing it (`files`), so two runs parsing into one store both get their
work in.
"""

from __future__ import annotations

import io
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from ..errors import StoreError
from ..model import Event, Timeline
from .files import atomic_write, locked, remove_stale_temporaries
from .ownership import DOCUMENT_FIELDS, parser_fields, user_owned
from .records import check_event, document_problem, event_of, item_line, line_of, plain, raise_first

STORE_VERSION = 1
HEADER = (
    "timeline events store: one entry per dated happening, in chronological order.\n"
    "Edit freely. Mark an event `locked: true` to keep your edits when its report is parsed\n"
    "again; add events of your own with `source: manual`. See `timeline validate`."
)


class _Representer(RoundTripRepresenter):
    """Strings with NEL (U+0085) in double quotes, where it is escaped: ruamel writes it raw into a
    single-quoted string, and reading that back folds it into a space (a sentence would change)."""


_Representer.add_representer(
    str, lambda representer, data: representer.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if "\x85" in data else representer.represent_str(data))


def yaml() -> YAML:
    """The YAML reader and writer of stores: round-trip, so that comments and key order survive."""
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def load_yaml(path: Path) -> Any:
    """The store's YAML, not yet validated (an empty file is an empty store)."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not an events store (give a file, e.g. {path / 'events.yaml'})")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"no events store at {path} (create one with `timeline parse REPORT -o {path}`)") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise StoreError(f"{path}:{line}: not UTF-8 (byte {raw[exc.start]:#04x}); save the file as UTF-8") from None
    try:
        with warnings.catch_warnings():           # e.g. a reused anchor: aliases are refused anyway
            warnings.simplefilter("ignore")
            data = yaml().load(text)
    except YAMLError as exc:
        mark, context = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        within = getattr(exc, "context", None)
        if context is not None and within and (not mark or context.line != mark.line):
            problem += f"; {within.removeprefix('while parsing ')} started at line {context.line + 1}"
        raise StoreError(f"{where}: not valid YAML ({problem})") from None
    except RecursionError:
        raise StoreError(f"{path}: nested too deeply to be an events store") from None
    except Exception as exc:       # the YAML library's own failures on odd input, e.g. an int of 5000 digits
        raise StoreError(f"{path}: not valid YAML ({exc})") from None
    return CommentedMap() if data is None else data


def load_raw(path: Path) -> CommentedMap:
    """The store as parsed YAML, validated; StoreError names file, line and problem."""
    data = load_yaml(path)
    validate(data, path)
    return data


def validate(data: Any, path: Path) -> None:
    """Raise StoreError naming file, line and problem (the first of them) for anything the model cannot use."""
    raise_first(problems(data, path), path)


def check(path: Path) -> list[str]:
    """Every problem of the store at `path`, each as `file:line: what is wrong`; a file that cannot be
    read or is not YAML is one problem."""
    try:
        return problems(load_yaml(path), path)
    except StoreError as exc:
        return [str(exc)]


def load_timeline(path: Path) -> Timeline:
    data = load_raw(path)
    return Timeline([event_of(raw) for raw in data.get("events") or []],
                    [plain(d) for d in data.get("documents") or []])


def problems(data: Any, path: Path) -> list[str]:
    """All problems of a loaded store that the model cannot use, each naming file, line and problem."""
    found: list[str] = []

    def fail(line: int | None, message: str) -> None:
        found.append(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    if not isinstance(data, dict):
        fail(1, "not a timeline events store: the store must be a mapping with `documents` and `events`")
        return found
    if not {"documents", "events"} & set(data) and set(data) - {"version"}:
        fail(1, "not a timeline events store (it has neither `documents` nor `events`)")
        return found
    if _shared(data):
        fail(None, "YAML anchors and aliases (& and *) cannot be used in an events store")
        return found
    if "version" in data and data["version"] != STORE_VERSION:
        fail(line_of(data, "version"), f"store version {data['version']!r} is not {STORE_VERSION}, the one this "
             "timeline reads")
    for key in ("documents", "events"):
        if key in data and data[key] is not None and not isinstance(data[key], list):
            fail(line_of(data, key), f"`{key}` must be a list")
    documents: list = data["documents"] if isinstance(data.get("documents"), list) else []
    for index, document in enumerate(documents):
        if problem := document_problem(document):
            fail(item_line(documents, index), problem)
    events: list = data["events"] if isinstance(data.get("events"), list) else []
    first_line: dict[str, int | None] = {}
    for index, event in enumerate(events):
        line = item_line(events, index)
        if not isinstance(event, dict):
            fail(line, "each event must be a mapping")
            continue
        check_event(event, line, fail)
        if event.get("id") not in (None, ""):
            if str(event["id"]) in first_line:
                fail(line_of(event, "id"), f"event {event['id']}: the same id as the event at line "
                     f"{first_line[str(event['id'])]}")
            first_line.setdefault(str(event["id"]), line)
    return found


def _shared(data: Any) -> bool:
    """Whether a list or mapping occurs twice: YAML aliases, which could nest a store in itself."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                return True
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return False


def save_parsed(path: Path, documents: list[dict[str, Any]], events: list[Event]) -> tuple[int, int]:
    """Put the events of these documents into the store, holding its lock from reading to writing;
    returns (events written, events of these documents kept because the user owns them)."""
    with locked(path):
        data = load_raw(path) if path.exists() else CommentedMap()
        if not data.ca.comment:
            data.yaml_set_start_comment(HEADER)
        data["version"] = STORE_VERSION
        data["documents"] = _merged_documents(data.get("documents") or [], documents)
        merged, written, kept = _merged_events(data.get("events") or [], {d["id"] for d in documents}, events)
        merged.sort(key=_sort_key)
        data["events"] = CommentedSeq(merged)
        text = _dump(data)
        remove_stale_temporaries(path)
        atomic_write(path, text)
    return written, kept


def _merged_documents(stored: list, documents: list[dict[str, Any]]) -> CommentedSeq:
    """The stored documents with these updated in place (their user fields kept) or added."""
    new = {d["id"]: d for d in documents}
    merged = CommentedSeq()
    for old in stored:
        if old.get("id") in new:
            document = new.pop(old["id"])
            merged.append(_updated(old, document, DOCUMENT_FIELDS | set(document)))
        else:
            merged.append(old)
    merged.extend(_to_yaml(d) for d in new.values())
    return merged


def _merged_events(stored: list, doc_ids: set[str], events: list[Event]) -> tuple[list, int, int]:
    """Stored events with the parse of `doc_ids` applied (see the module docstring); also how many
    events the parser wrote and how many of those documents' events the user owns and were kept."""
    fresh = {e.id: e.to_dict() for e in events}
    owned = parser_fields()
    ours = [e for e in stored if e.get("document") in doc_ids]
    match: dict[int, str] = {i: e["id"] for i, e in enumerate(ours) if e.get("id") in fresh}
    by_text: dict[tuple, list[str]] = defaultdict(list)
    taken = set(match.values())
    for event_id, event in fresh.items():
        if event_id not in taken:
            by_text[_text_key(event)].append(event_id)
    for i, event in enumerate(ours):
        if i not in match and event.get("source") != "manual" and by_text.get(_text_key(event)):
            match[i] = by_text[_text_key(event)].pop(0)
    merged = [e for e in stored if e.get("document") not in doc_ids]
    kept = 0
    for i, event in enumerate(ours):
        if user_owned(event) or (i not in match and set(event) - owned):
            merged.append(event)                      # the user's, or annotated by the user and gone from the text
            kept += 1
        elif i in match:
            merged.append(_updated(event, fresh.pop(match[i]), owned))
    claimed = {match[i] for i, event in enumerate(ours) if i in match and user_owned(event)}
    merged += [_to_yaml(e) for event_id, e in fresh.items() if event_id not in claimed]
    return merged, len(events) - len(claimed), kept


def _text_key(event: dict[str, Any]) -> tuple:
    """What finds an event again when its id changed: its document, sentence and dating expression."""
    return (str(event.get("document")), str(event.get("sentence")), str((event.get("date") or {}).get("expression")))


def _updated(node: CommentedMap, data: dict[str, Any], owned: frozenset[str]) -> CommentedMap:
    """`node` with the owned fields set from `data`; other fields and comments stay as they were."""
    for key in [k for k in node if k in owned and k not in data]:
        del node[key]
    for key, value in data.items():
        node[key] = _to_yaml(value)
    return node


def _sort_key(event: dict[str, Any]) -> tuple:
    date = event.get("date") or {}
    return (0 if date else 1, str(plain(date.get("start", ""))), str(event.get("document", "")),
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
    yaml().dump(data, buffer)
    return buffer.getvalue()
