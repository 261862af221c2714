"""The events store: where parsed events are kept, checked against the event schema.

Two formats over one layer of file safety (`files`: atomic replace, lock, stale temporaries):
YAML (`yaml_store`) for timelines people read and edit by hand, and JSON Lines (`jsonl_store`)
for corpora, written as documents stream through. A path ending in `.jsonl` is a JSON Lines store,
any other a YAML store; the functions here read and write either, so callers need not care.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Event, Timeline
from . import jsonl_store, yaml_store
from .files import atomic_write, check_writable, locked
from .jsonl_store import StoreWriter, is_jsonl

__all__ = ["StoreWriter", "atomic_write", "check", "check_writable", "is_jsonl", "load_timeline",
           "locked", "save_parsed"]


def load_timeline(path: str | Path) -> Timeline:
    """All documents and events of the store, validated (StoreError names file, line and problem)."""
    if is_jsonl(path):
        return jsonl_store.load_timeline(path)
    return yaml_store.load_timeline(Path(path))


def save_parsed(path: str | Path, documents: list[dict[str, Any]], events: list[Event]) -> tuple[int, int]:
    """Put the events of these documents into the store, holding its lock from reading to writing;
    returns (events written, events of these documents kept because the user owns them)."""
    if is_jsonl(path):
        return jsonl_store.save_parsed(path, documents, events)
    return yaml_store.save_parsed(Path(path), documents, events)


def check(path: str | Path) -> list[str]:
    """Every problem of the store at `path`, each as `file:line: what is wrong` (for `timeline validate`).

    A file that cannot be read or is not YAML is one problem; a JSON Lines store reports its first.
    """
    if is_jsonl(path):
        try:
            jsonl_store.load_timeline(path)
        except StoreError as exc:
            return [str(exc)]
        return []
    return yaml_store.check(Path(path))
