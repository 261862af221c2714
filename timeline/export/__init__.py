"""Exporters: the timeline in formats other tools read. Each is a function Timeline → str."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import InputError
from ..model import Timeline
from . import ics, timelinejs
from .csv import to_csv
from .html import to_html
from .json import to_json
from .jsonl import to_jsonl
from .markdown import to_markdown

EXPORTERS: dict[str, Callable[[Timeline], str]] = {
    "json": to_json,
    "jsonl": to_jsonl,
    "csv": to_csv,
    "ics": ics.to_ics,
    "timelinejs": timelinejs.to_timelinejs,
    "html": to_html,
    "markdown": to_markdown,
}
#: formats that cannot hold every event: how many of a timeline's events they leave out, and why
OMISSIONS: dict[str, tuple[Callable[[Timeline], int], str]] = {
    "ics": (ics.left_out, ics.LEFT_OUT_BECAUSE),
    "timelinejs": (timelinejs.left_out, timelinejs.LEFT_OUT_BECAUSE),
}


def export(timeline: Timeline, fmt: str) -> str:
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r} (available: {', '.join(EXPORTERS)})") from None
    return exporter(timeline)


def left_out(timeline: Timeline, fmt: str) -> tuple[int, str]:
    """(how many events the format leaves out, why): (0, "") for formats that keep them all."""
    if fmt not in OMISSIONS:
        return 0, ""
    count, why = OMISSIONS[fmt]
    return count(timeline), why
