"""The events store for corpora: JSON Lines, one record per line, written as documents stream through.

    {"kind":"store","format":"timeline-jsonl","version":1}
    {"kind":"document","id":"report-1","published":"2024-03-06",…,"hash":"…"}
    {"kind":"event","id":"ev-…","document":"report-1","date":{…},"sentence":"…",…}
    …

A document's record comes before its events. A new version of the store is written to a
temporary file beside it while documents are parsed; at the end the records of documents not
parsed again are copied over from the old store, unchanged, and the temporary file replaces the
store in one rename. A run that fails or is interrupted leaves the old store as it was (and no
temporary file; one left by a killed run is removed by the next). As for the YAML store, the run
holds the store's lock (`.NAME.lock` beside it) from reading the old store to the rename, and
parsing a document again replaces its records but keeps the events a user marked `locked: true` or
added with `source: manual`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from json.encoder import encode_basestring
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..model import Event, Timeline
from .files import Replacement, locked, remove_stale_temporaries, undone_on_error, writable_target
from .ownership import user_owned
from .records import checked_event, document_problem

FORMAT = "timeline-jsonl"
VERSION = 1
_HEADER = {"kind": "store", "format": FORMAT, "version": VERSION}
#: the start of an event record as written here: its kind, id and document, read without parsing the line
_EVENT_PREFIX = re.compile(r'\{"kind":"event","id":"(?:[^"\\]|\\.)*","document":("(?:[^"\\]|\\.)*")')
_KIND_PREFIX = re.compile(r'\{"kind":"(\w+)"')


def is_jsonl(path: str | Path) -> bool:
    return str(path).endswith(".jsonl")


#: one encoder for all records: `json.dumps` with options builds a new one for each call; records are
#: trees made here (no container holds itself), so the check for cycles would only cost time
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
#: the C encoder that `_ENCODER.encode` makes anew for each record, made once (None without the
#: C accelerator): the same text, a fifth faster for a record of an event
_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)       # not in every Python
_ENCODE_PARTS = None if _MAKE_ENCODER is None else _MAKE_ENCODER(
    None, _ENCODER.default, encode_basestring, _ENCODER.indent, _ENCODER.key_separator, _ENCODER.item_separator,
    _ENCODER.sort_keys, _ENCODER.skipkeys, _ENCODER.allow_nan)


def _dumps(record: dict[str, Any]) -> str:
    if _ENCODE_PARTS is None:
        return _ENCODER.encode(record) + "\n"
    return "".join(_ENCODE_PARTS(record, 0)) + "\n"


def _records(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of each non-blank line; StoreError when the file cannot be read."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, line
    except FileNotFoundError:
        raise StoreError(f"no events store at {path} (create one with `timeline parse REPORT -o {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from None


def _parse(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as exc:             # JSONDecodeError, or an integer too long to convert
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise StoreError(f"{path}:{number}: not valid JSON ({reason})") from None
    if not isinstance(record, dict) or record.get("kind") not in ("store", "document", "event"):
        raise StoreError(f"{path}:{number}: each line must be a JSON object with `kind` store, document or event")
    if record["kind"] == "store" and (record.get("format") != FORMAT or record.get("version") != VERSION):
        raise StoreError(f"{path}:{number}: not a {FORMAT} store of version {VERSION}")
    return record


def _kind_and_document(path: Path, number: int, line: str) -> tuple[str, str | None]:
    """A record's kind and, for events and documents, the document id; fast for lines written here."""
    if match := _EVENT_PREFIX.match(line):
        return "event", json.loads(match[1])
    if (match := _KIND_PREFIX.match(line)) and match[1] == "store":
        return "store", None
    record = _parse(path, number, line)
    if record["kind"] == "document":
        return "document", str(record.get("id"))
    if record["kind"] == "event":
        return "event", str(record.get("document"))
    return record["kind"], None


def load_timeline(path: str | Path) -> Timeline:
    """All documents and events of the store, validated like the YAML store (errors name the line)."""
    path = Path(path)
    documents: list[dict[str, Any]] = []
    events: list[Event] = []
    for number, line in _records(path):
        record = _parse(path, number, line)
        kind = record.pop("kind")
        if kind == "store":
            continue
        if kind == "document":
            if problem := document_problem(record):
                raise StoreError(f"{path}:{number}: {problem}")
            documents.append(record)
            continue
        try:
            events.append(checked_event(record, path))
        except StoreError as exc:
            raise StoreError(str(exc).replace(f"{path}: ", f"{path}:{number}: ", 1)) from None
        except (TypeError, ValueError, KeyError) as exc:
            raise StoreError(f"{path}:{number}: event {record.get('id')}: {exc}") from None
    return Timeline(events, documents)


class StoreWriter:
    """A new version of the store, written as parsed documents come in; `commit` puts it in place.

    Use it as a context manager: leaving the block normally commits, an exception discards.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.written: set[str] = set()                    # ids of the documents parsed in this run
        self.kept = 0                                     # user-owned events kept of those documents
        #: content hash → id of each document already stored
        self.hashes: dict[str, str] = {}
        self._locked: dict[str, set[str]] = {}            # document id → its locked and manual events
        replaced = writable_target(self.path)
        self._lock = ExitStack()
        self._lock.enter_context(locked(self.path))
        with undone_on_error(self.path, self._lock.close):
            if self.path.exists():
                self._scan()
            remove_stale_temporaries(self.path)
            self._new = Replacement(self.path, replaced)
        with undone_on_error(self.path, self.discard):
            self._new.handle.write(_dumps(_HEADER))

    def _scan(self) -> None:
        """Read the old store's document hashes and user-owned events. Only lines that may hold
        them are parsed: documents, and events that mention `locked` or `manual`."""
        for number, line in _records(self.path):
            match = _KIND_PREFIX.match(line)
            if match and match[1] == "event" and '"locked"' not in line and '"manual"' not in line:
                continue
            record = _parse(self.path, number, line)
            if record["kind"] == "document" and record.get("hash"):
                self.hashes[str(record["hash"])] = str(record.get("id"))
            elif record["kind"] == "event" and user_owned(record):
                self._locked.setdefault(str(record.get("document")), set()).add(str(record.get("id")))

    def add(self, document: dict[str, Any], events: Iterable[Event]) -> int:
        """Write a parsed document and its events; returns how many events were written."""
        doc_id = str(document["id"])
        locked = self._locked.get(doc_id, set())
        lines = [_dumps({"kind": "document", **document})]
        lines += [_dumps({"kind": "event", **e.to_dict()}) for e in events if e.id not in locked]
        self.written.add(doc_id)
        try:
            self._new.handle.writelines(lines)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path}: {exc.strerror}") from None
        return len(lines) - 1

    def commit(self) -> None:
        """Copy the records of the documents not parsed again, and the locked and manual events of
        those that were, from the old store; then replace it and release the lock."""
        out = self._new.handle
        with undone_on_error(self.path, self.discard):
            if self._new.target.exists():
                for number, line in _records(self.path):
                    kind, doc_id = _kind_and_document(self.path, number, line)
                    if kind == "store":
                        continue
                    if doc_id not in self.written:
                        out.write(line if line.endswith("\n") else line + "\n")
                    elif kind == "event" and _is_locked(line, self._locked.get(doc_id, set())):
                        out.write(line if line.endswith("\n") else line + "\n")
                        self.kept += 1
            self._new.commit()
        self._lock.close()

    def discard(self) -> None:
        """Drop what was written; the store stays as it was."""
        self._new.discard()
        self._lock.close()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def _is_locked(line: str, locked: set[str]) -> bool:
    return bool(locked) and json.loads(line).get("id") in locked


def save_parsed(path: str | Path, documents: list[dict[str, Any]], events: list[Event]) -> tuple[int, int]:
    """Put the events of these documents into the store; returns (written, kept by the user)."""
    by_document: dict[str, list[Event]] = {d["id"]: [] for d in documents}
    for event in events:
        if event.document not in by_document:
            raise ValueError(f"event {event.id} is of document {event.document}, which is not among the documents")
        by_document[event.document].append(event)
    with StoreWriter(path) as writer:
        written = sum(writer.add(document, by_document[document["id"]]) for document in documents)
    return written, writer.kept
