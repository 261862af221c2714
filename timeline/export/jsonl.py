"""JSON Lines export: one event per line, in the order of the JSON export, for line-oriented tools
(jq, pandas.read_json(lines=True), BigQuery). Each line validates against the schema's event."""

from __future__ import annotations

import json

from ..model import Timeline


def to_jsonl(timeline: Timeline) -> str:
    return "".join(json.dumps(event.to_dict(), ensure_ascii=False) + "\n" for event in timeline.events)
