"""JSON Lines export: one event per line, each valid against the schema's event."""

from __future__ import annotations

import json

import jsonschema

from timeline.export import export
from timeline.export.json import json_schema


def test_one_valid_event_per_line(all_fields):
    text = export(all_fields, "jsonl")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == len(all_fields.events)
    schema = json_schema()
    event_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/event"}
    for line, event in zip(lines, all_fields.events):
        data = json.loads(line)
        jsonschema.validate(data, event_schema, cls=jsonschema.Draft202012Validator)
        assert data == event.to_dict()


def test_lines_follow_the_json_export(all_fields):
    events = json.loads(export(all_fields, "json"))["events"]
    assert [json.loads(line) for line in export(all_fields, "jsonl").splitlines()] == events
