"""JSON export: {"documents": [...], "events": [...]}, events in chronological order, undated last."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..model import Timeline


def to_json(timeline: Timeline) -> str:
    return json.dumps(timeline.to_dict(), ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema that every JSON export validates against."""
    return json.loads((resources.files(__package__) / "events.schema.json").read_text(encoding="utf-8"))
