"""Exporters: the timeline in formats other tools read."""

from __future__ import annotations

from typing import Callable

from ..errors import InputError
from ..model import Timeline
from .json import to_json

EXPORTERS: dict[str, Callable[[Timeline], str]] = {"json": to_json}


def export(timeline: Timeline, fmt: str) -> str:
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r} (available: {', '.join(EXPORTERS)})") from None
    return exporter(timeline)
