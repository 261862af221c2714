"""JSON export: {"documents": [...], "events": [...]}, events in chronological order, undated last.

Every JSON export validates against `json_schema()`, generated from the event schema
(`timeline.schema`); `events.schema.json` beside this module is that schema for other tools."""

from __future__ import annotations

import json

from ..model import Timeline
from ..schema import json_schema

__all__ = ["json_schema", "to_json"]


def to_json(timeline: Timeline) -> str:
    return json.dumps(timeline.to_dict(), ensure_ascii=False, indent=2) + "\n"
