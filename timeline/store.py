"""The events store: a human-readable YAML file that users may edit by hand.

Who owns what when a report is parsed again: the parser owns the fields it writes (`PARSER_FIELDS`:
id, document, date, sentence, actors, places, …) of the events it made; the user owns whole events
marked `locked: true` or `source: manual`, every other field of any event (a `note:`, tags, …),
comments, and the events of other documents. So a re-parse updates the parser's fields of each event
in place (found by id, else by document, sentence and dating expression, as ids shift when text
before them changes), keeps the user's fields and comments there, keeps locked and manual events as
they are, drops parser-made events the text no longer gives, and keeps, as it was, an event with
fields of the user whose sentence is gone. Comments and key order survive because the file is
loaded and saved round-trip.

Writes go to a temporary file in the same folder that then replaces the store, so a crash, a kill
or a full disk never leaves half a file; `save_parsed` holds a lock (`.NAME.lock` beside the store)
from reading the store to replacing it, so two runs parsing into one store both get their work in.

A store path ending in `.jsonl` is a JSON Lines store for corpora (`jsonl_store`); `load_timeline`
and `save_parsed` read and write either kind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import io
import os
import secrets
import time
import warnings
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

try:
    import fcntl
except ImportError:              # Windows: no advisory file locks; writes stay atomic, runs are not serialised
    fcntl = None  # type: ignore[assignment]

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

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
#: the event fields the parser writes; any other field of an event is the user's
PARSER_FIELDS = frozenset(f.name for f in dataclasses.fields(Event)) - {"extra"}
#: the document fields the parser writes (besides any it adds); any other is the user's
DOCUMENT_FIELDS = frozenset({"id", "title", "published", "published_precision", "lang", "source", "url", "path",
                             "hash"})
#: how long `save_parsed` waits for another run to finish writing the store
LOCK_TIMEOUT = 30.0


class _Representer(RoundTripRepresenter):
    """Strings with NEL (U+0085) in double quotes, where it is escaped: ruamel writes it raw into a
    single-quoted string, and reading that back folds it into a space (a sentence would change)."""


_Representer.add_representer(
    str, lambda representer, data: representer.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if "\x85" in data else representer.represent_str(data))


def _yaml() -> YAML:
    yaml = YAML()
    yaml.Representer = _Representer
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
    data = _load_yaml(path)
    validate(data, path)
    return data


def _load_yaml(path: Path) -> Any:
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
            data = _yaml().load(text)
    except YAMLError as exc:
        mark, context = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        if context is not None and getattr(exc, "context", None) and (not mark or context.line != mark.line):
            problem += f"; {exc.context.removeprefix('while parsing ')} started at line {context.line + 1}"
        raise StoreError(f"{where}: not valid YAML ({problem})") from None
    except RecursionError:
        raise StoreError(f"{path}: nested too deeply to be an events store") from None
    except Exception as exc:       # the YAML library's own failures on odd input, e.g. an int of 5000 digits
        raise StoreError(f"{path}: not valid YAML ({exc})") from None
    return CommentedMap() if data is None else data


def check(path: str | Path) -> list[str]:
    """Every problem of the store at `path`, each as `file:line: what is wrong` (for `timeline validate`).

    A file that cannot be read or is not YAML is one problem; a JSON Lines store reports its first.
    """
    try:
        if str(path).endswith(".jsonl"):
            load_timeline(path)
            return []
        return problems(_load_yaml(Path(path)), Path(path))
    except StoreError as exc:
        return [str(exc)]


def validate(data: Any, path: Path) -> None:
    """Raise StoreError naming file, line and problem (the first of them) for anything the model cannot use."""
    _raise_first(problems(data, path), path)


def checked_event(record: dict[str, Any], path: Path) -> Event:
    """The event of one record read from JSON, checked as `validate` checks the events of a store
    (StoreError for its problems). JSON shares no objects and holds plain data only, so what a
    YAML store needs on top is left out, and the event is built once."""
    found: list[str] = []

    def fail(line: int | None, message: str) -> None:
        found.append(f"{path}: {message}")

    event = _check_event(record, None, fail, plain=True)
    _raise_first(found, path)
    assert event is not None
    return event


def _raise_first(found: list[str], path: Path) -> None:
    if found:
        more = f" (and {len(found) - 1} more: see `timeline validate {path}`)" if len(found) > 1 else ""
        raise StoreError(found[0] + more)


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
        fail(_line(data, "version"), f"store version {data['version']!r} is not {STORE_VERSION}, the one this "
             "timeline reads")
    for key in ("documents", "events"):
        if key in data and data[key] is not None and not isinstance(data[key], list):
            fail(_line(data, key), f"`{key}` must be a list")
    documents = data.get("documents") if isinstance(data.get("documents"), list) else []
    for index, document in enumerate(documents):
        if not isinstance(document, dict) or not document.get("id") or isinstance(document["id"], (dict, list)):
            fail(_item_line(documents, index), "each document must be a mapping with an `id`")
    events = data.get("events") if isinstance(data.get("events"), list) else []
    first_line: dict[str, int | None] = {}
    for index, event in enumerate(events):
        line = _item_line(events, index)
        if not isinstance(event, dict):
            fail(line, "each event must be a mapping")
            continue
        _check_event(event, line, fail)
        if event.get("id") not in (None, ""):
            if str(event["id"]) in first_line:
                fail(_line(event, "id"), f"event {event['id']}: the same id as the event at line "
                     f"{first_line[str(event['id'])]}")
            first_line.setdefault(str(event["id"]), line)
    return found


def _check_event(event: dict, line: int | None, fail: Callable[[int | None, str], None],
                 plain: bool = False) -> Event | None:
    """Report the problems of an event of the store; the model's Event when it has none. `plain`:
    the event holds plain data (read from JSON, not YAML)."""
    missing = [key for key in _EVENT_REQUIRED if key not in event or event[key] in (None, "")]
    for key in missing:
        fail(line, f"event is missing `{key}`")
    name = f"event {event.get('id')}"
    nested = [key for key in _EVENT_REQUIRED if isinstance(event.get(key), (dict, list))]
    for key in nested:
        fail(_line(event, key), f"{name}: `{key}` must be text, not a list or mapping")
    bad = bool(missing or nested)
    for key in ("actors", "places"):
        mentions = event.get(key)
        if mentions is not None and not isinstance(mentions, list):
            fail(_line(event, key), f"{name}: `{key}` must be a list")
            bad = True
            continue
        for mention in mentions or []:
            if not isinstance(mention, dict) or not mention.get("name"):
                fail(_line(event, key), f"{name}: each of `{key}` needs a `name`")
                bad = True
    if "locked" in event and not isinstance(event["locked"], bool):
        fail(_line(event, "locked"), f"{name}: `locked` must be true or false")
    if event.get("date") is not None:
        bad |= not _check_date(event["date"], name, _line(event, "date"), fail)
    if bad:
        return None
    try:
        return _event(event, plain)
    except KeyError as exc:
        fail(line, f"{name}: a field is missing its `{exc.args[0]}`")
    except (TypeError, ValueError, AttributeError, OverflowError) as exc:
        fail(line, f"{name}: {exc}")
    return None


def _check_date(date: Any, name: str, line: int | None, fail: Callable[[int | None, str], None]) -> bool:
    """Report the problems of an event's date; True when it has none."""
    if not isinstance(date, dict):
        fail(line, f"{name}: `date` must be a mapping or null")
        return False
    missing = [key for key in _DATE_REQUIRED if key not in date]
    for key in missing:
        fail(line, f"{name}: date is missing `{key}`")
    if missing:
        return False
    ok = True

    def bad(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        fail(_line(date, key) or line, f"{name}: {message}")

    plain = _plain(date)
    if not is_valid_date_value(str(plain["value"]).split("/")[0]):
        bad("value", f"date value {plain['value']!r} is not a TIMEX3 date")
    bounds = []
    for key in ("start", "end"):
        try:
            bounds.append(dt.datetime.fromisoformat(str(plain[key])))
        except ValueError:
            bad(key, f"date {key} {plain[key]!r} is not an ISO 8601 date-time")
    if len(bounds) == 2 and str(plain["start"]) > str(plain["end"]):
        bad("start", "date starts after it ends")
    if plain["granularity"] not in GRANULARITIES:
        bad("granularity", f"granularity {plain['granularity']!r} is not one of {', '.join(GRANULARITIES)}")
    if not isinstance(plain.get("approximate", False), bool):
        bad("approximate", "`approximate` must be true or false")
    if plain.get("basis", "text") not in BASES:
        bad("basis", f"basis {plain['basis']!r} is not one of {', '.join(BASES)}")
    return ok


def _item_line(sequence: Any, index: int) -> int | None:
    try:
        return sequence.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


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


def _event(raw: Any, plain: bool = False) -> Event:
    """An event of the store as the model's Event; mentions typed by hand may give just a `name`.
    `plain`: `raw` holds plain data already (read from JSON), which a shallow copy keeps apart."""
    event = dict(raw) if plain else _plain(raw)
    event.setdefault("sentence_start", 0)
    for key in ("actors", "places"):
        event[key] = [{"kind": "unknown" if key == "actors" else "place", "text": m["name"], **m}
                      for m in event.get(key) or []]
    return Event.from_dict(event)


def load_timeline(path: str | Path) -> Timeline:
    if str(path).endswith(".jsonl"):
        from . import jsonl_store
        return jsonl_store.load_timeline(path)
    data = load_raw(Path(path))
    return Timeline([_event(raw) for raw in data.get("events") or []],
                    [_plain(d) for d in data.get("documents") or []])


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
    """Put the events of these documents into the store, holding its lock from reading to writing;
    returns (events written, events of these documents kept because the user owns them)."""
    if str(path).endswith(".jsonl"):
        from . import jsonl_store
        return jsonl_store.save_parsed(path, documents, events)
    path = Path(path)
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
        _remove_stale_temporaries(path)
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
        if user_owned(event) or (i not in match and set(event) - PARSER_FIELDS):
            merged.append(event)                      # the user's, or annotated by the user and gone from the text
            kept += 1
        elif i in match:
            merged.append(_updated(event, fresh.pop(match[i]), PARSER_FIELDS))
    claimed = {match[i] for i, event in enumerate(ours) if i in match and user_owned(event)}
    merged += [_to_yaml(e) for event_id, e in fresh.items() if event_id not in claimed]
    return merged, len(events) - len(claimed), kept


def _text_key(event: dict[str, Any]) -> tuple:
    """What finds an event again when its id changed: its document, sentence and dating expression."""
    return (str(event.get("document")), str(event.get("sentence")), str((event.get("date") or {}).get("expression")))


def _updated(node: CommentedMap, data: dict[str, Any], owned: frozenset[str] | set[str]) -> CommentedMap:
    """`node` with the owned fields set from `data`; other fields and comments stay as they were."""
    for key in [k for k in node if k in owned and k not in data]:
        del node[key]
    for key, value in data.items():
        node[key] = _to_yaml(value)
    return node


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
    """Write via a temporary file in the same folder and rename it over the target.

    The target is where a symbolic link points (the link stays a link); a read-only file is refused.
    """
    path = Path(path)
    target = _target(path)
    if target.exists() and not os.access(target, os.W_OK):
        raise StoreError(f"cannot write {path}: the file is read-only")
    tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:                                         # not mkstemp: a new store gets the umask's mode, not 0600
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}") from None
        raise


def check_writable(path: str | Path) -> None:
    """Raise StoreError now when `path` cannot be written as a store, before a long parse."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not an events store (give a file, e.g. {path / 'events.yaml'})")
    target = _target(path)
    if target.exists() and not os.access(target, os.W_OK):
        raise StoreError(f"cannot write {path}: the file is read-only")


def _target(path: Path) -> Path:
    """The file a write to `path` replaces; StoreError when it cannot be a file."""
    target = path.resolve()
    if not target.parent.is_dir():
        raise StoreError(f"cannot write {path}: folder {target.parent} does not exist")
    if target.is_dir():
        raise StoreError(f"cannot write {path}: it is a directory, not a file")
    return target


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of writes that were killed before their rename (called under the lock)."""
    target = path.resolve()
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        stale.unlink(missing_ok=True)


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the store's lock, an exclusive `flock` on `.NAME.lock` beside it, or fail after `timeout`
    seconds (default `LOCK_TIMEOUT`).

    The kernel releases the lock when its holder dies, so a killed run never blocks the next. The
    lock file is removed on release; a run that then finds it replaced by a newer one locks that.
    """
    if fcntl is None:
        yield
        return
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    target = _target(path)
    lock_path = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()} ({lock_path})") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(f"another timeline parse is writing {path} (waited {timeout:g} s for "
                                         f"{lock_path}); try again when it has finished") from None
                    time.sleep(0.02)
            try:
                current = os.path.samestat(os.fstat(fd), os.stat(lock_path))
            except FileNotFoundError:
                current = False
        except BaseException:
            os.close(fd)
            raise
        if current:
            break
        os.close(fd)
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        os.close(fd)
