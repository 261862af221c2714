"""A field declared once in the event schema reaches both stores, the terminal view and every export.

The toy field `mood` stands for what a later stage adds to events: declared in
`timeline.schema.ADDED_FIELDS` (here for the length of a test), carried by events in `Event.extra`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import jsonschema
import pytest
from rich.console import Console

from timeline import StoreError, Timeline, schema, store
from timeline.export import EXPORTERS, export
from timeline.export.json import json_schema
from timeline.model import Event
from timeline.render import render

MOOD = schema.AddedField("mood", "string", "mood")


@pytest.fixture
def mood_declared(monkeypatch: pytest.MonkeyPatch) -> schema.AddedField:
    monkeypatch.setattr(schema, "ADDED_FIELDS", (MOOD,))
    return MOOD


def _moody(event: Event, number: int) -> Event:
    return dataclasses.replace(event, extra={**event.extra, "mood": f"gespannt-{number}"})


@pytest.fixture
def moody(all_fields: Timeline) -> Timeline:
    """The every-field timeline with a mood on every event but the last."""
    events = all_fields.events
    return Timeline([_moody(e, n) for n, e in enumerate(events[:-1])] + events[-1:], all_fields.documents)


def _moods(timeline: Timeline) -> dict[str, object]:
    return {e.id: e.extra.get("mood") for e in timeline.events}


# --- the schema -------------------------------------------------------------------------------------

def test_the_schema_lists_every_core_field_of_the_model():
    assert {f.name for f in schema.EVENT} == {f.name for f in dataclasses.fields(Event)} - {"extra"}


def test_an_added_field_needs_a_json_type_and_a_new_name():
    with pytest.raises(ValueError, match="type"):
        schema.AddedField("mood", "text", "mood")
    with pytest.raises(ValueError, match="has that field already"):
        schema.AddedField("certainty", "string", "certainty")


def test_the_json_schema_declares_the_field(mood_declared):
    assert json_schema()["$defs"]["event"]["properties"]["mood"] == {"type": "string", "description": "mood"}


def test_without_added_fields_the_json_schema_has_only_the_core():
    assert set(json_schema()["$defs"]["event"]["properties"]) == {f.name for f in schema.EVENT}


# --- the stores -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, written", [("events.yaml", "\n    mood: gespannt-0\n"),
                                           ("events.jsonl", ',"mood":"gespannt-0"}')])
def test_the_field_round_trips_through_both_stores(tmp_path, mood_declared, moody, name, written):
    path = tmp_path / name
    store.save_parsed(path, moody.documents, moody.events)
    assert written in path.read_text(encoding="utf-8")
    assert store.check(path) == []
    loaded = store.load_timeline(path)
    assert _moods(loaded) == _moods(moody)
    assert [e.to_dict() for e in loaded.events] == [e.to_dict() for e in moody.events]


@pytest.mark.parametrize("name", ["events.yaml", "events.jsonl"])
def test_both_stores_check_the_type_of_the_field(tmp_path, mood_declared, moody, name):
    path = tmp_path / name
    first = moody.events[0]
    wrong = dataclasses.replace(first, extra={"mood": ["gespannt", "müde"]})
    store.save_parsed(path, moody.documents, [wrong])
    (problem,) = store.check(path)
    assert problem.startswith(f"{path}:") and problem.endswith(f"event {first.id}: `mood` must be text")
    with pytest.raises(StoreError, match="`mood` must be text"):
        store.load_timeline(path)


def test_the_parser_owns_the_field_on_a_re_parse(tmp_path, mood_declared, moody):
    """A re-parse that no longer finds an event drops it: its mood is the parser's, not a user's note."""
    path = tmp_path / "events.yaml"
    store.save_parsed(path, moody.documents, moody.events)
    written, kept = store.save_parsed(path, moody.documents, [])
    assert (written, kept) == (0, 0)
    assert store.load_timeline(path).events == []


def test_an_undeclared_field_is_the_users(tmp_path, moody):
    path = tmp_path / "events.yaml"
    store.save_parsed(path, moody.documents, moody.events)
    _, kept = store.save_parsed(path, moody.documents, [])
    assert kept == len(moody.events) - 1


# --- the view and the exports -----------------------------------------------------------------------

def test_the_view_shows_the_field(mood_declared, moody):
    buffer = io.StringIO()
    render(moody, Console(file=buffer, width=200, color_system=None, highlight=False, emoji=False))
    shown = buffer.getvalue()
    assert "mood: gespannt-0" in shown and "mood: gespannt-9" in shown


def test_the_json_exports_carry_the_field_and_fit_the_schema(mood_declared, moody):
    data = json.loads(export(moody, "json"))
    assert {e["id"]: e.get("mood") for e in data["events"]} == _moods(moody)
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(data)) == []
    data["events"][0]["mood"] = 7
    assert not validator.is_valid(data)
    lines = [json.loads(line) for line in export(moody, "jsonl").splitlines()]
    assert {e["id"]: e.get("mood") for e in lines} == _moods(moody)


def test_the_csv_export_has_a_column(mood_declared, moody):
    rows = list(csv.DictReader(io.StringIO(export(moody, "csv"))))
    assert list(rows[0])[-1] == "mood"
    assert {r["event_id"]: r["mood"] or None for r in rows} == _moods(moody)


def test_the_calendar_says_it_in_the_description(mood_declared, moody):
    unfolded = export(moody, "ics").replace("\r\n ", "")
    placed = [e for e in moody.events if f"UID:{e.id}@timeline" in unfolded]
    assert placed
    for event in placed:
        assert f"mood: {event.extra['mood']}" in unfolded


def test_timelinejs_says_it_in_the_text(mood_declared, moody):
    slides = {s["unique_id"]: s for s in json.loads(export(moody, "timelinejs"))["events"]}
    for event in moody.dated:
        assert f"<b>mood:</b> {event.extra['mood']}" in slides[event.id]["text"]["text"]


def test_the_page_says_it_in_the_meta_line(mood_declared, moody):
    page = export(moody, "html")
    for event in moody.events:
        if "mood" in event.extra:
            assert f'<span class="field">mood: {event.extra["mood"]}</span>' in page


def test_markdown_says_it_in_the_bullet(mood_declared, moody):
    bullets = [line for line in export(moody, "markdown").splitlines() if line.startswith("- ")]
    for event in moody.events:
        if "mood" in event.extra:
            assert any(f"mood: {event.extra['mood']}" in line for line in bullets)


@pytest.mark.parametrize("fmt", [f for f in EXPORTERS if f not in ("json", "jsonl")])
def test_an_undeclared_field_is_not_shown(moody, all_fields, fmt):
    """Only the JSON exports, which write every field of an event, carry a field the schema does not know."""
    assert export(moody, fmt) == export(all_fields, fmt)
