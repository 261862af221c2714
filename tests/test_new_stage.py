"""A new stage that adds one field reaches the store, the view and every export, with nothing edited
but the stage (here: a toy stage) and the event schema (here: one `AddedField`)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

import timeline
from timeline import schema, store
from timeline.doc import Doc, Stage
from timeline.export import EXPORTERS, export
from timeline.pipeline import STAGES
from timeline.render import render

WORDS = schema.AddedField("words", "integer", "words")


def count_words(doc: Doc) -> None:
    for event in doc.events:
        event.extra["words"] = len(event.sentence.split())


WORD_STAGE = Stage("words", reads=("events",), adds=(), run=count_words, event_fields=("words",))


@pytest.fixture
def counted(monkeypatch, shipped_path) -> timeline.ParsedDocument:
    """The shipped report parsed with the toy stage last and its field declared in the schema."""
    monkeypatch.setattr(schema, "ADDED_FIELDS", (WORDS,))
    document = timeline.parse_report(shipped_path).document
    return timeline.parse_document(document, stages=[*STAGES, WORD_STAGE])


def _dated_with_a_day(parsed: timeline.ParsedDocument):
    """An event every export shows (TimelineJS and calendars leave out what has no day)."""
    return next(e for e in parsed.events if e.date and e.date.granularity == "day" and not e.date.approximate)


@pytest.mark.parametrize("name", ["events.yaml", "events.jsonl"])
def test_the_stage_field_is_stored_checked_and_read_back(tmp_path, counted, name):
    path = tmp_path / name
    store.save_parsed(path, [counted.metadata()], counted.events)
    assert store.check(path) == []
    loaded = {e.id: e.extra.get("words") for e in store.load_timeline(path).events}
    assert loaded == {e.id: len(e.sentence.split()) for e in counted.events}


def test_the_stage_field_is_in_the_view(counted):
    event = _dated_with_a_day(counted)
    buffer = io.StringIO()
    render(timeline.Timeline([event], [counted.metadata()]),
           Console(file=buffer, width=200, color_system=None, highlight=False, emoji=False))
    assert f"words: {event.extra['words']}" in buffer.getvalue()


#: how each export shows the field's value n
SHOWN = {"json": '"words": {n}', "jsonl": '"words": {n}', "csv": ",{n}\r\n", "ics": "\\nwords: {n}",
         "timelinejs": "<b>words:</b> {n}", "html": '<span class="field">words: {n}</span>',
         "markdown": "· words: {n}"}


def test_every_export_is_covered():
    assert set(SHOWN) == set(EXPORTERS)


@pytest.mark.parametrize("fmt", sorted(SHOWN))
def test_the_stage_field_is_in_every_export(counted, fmt):
    event = _dated_with_a_day(counted)
    out = export(timeline.Timeline([event], [counted.metadata()]), fmt)
    assert SHOWN[fmt].format(n=event.extra["words"]) in out
    if fmt == "csv":
        assert out.splitlines()[0].endswith(",words")


def test_without_the_stage_no_event_has_the_field(shipped_parsed):
    assert all("words" not in e.to_dict() for e in shipped_parsed.events)


def test_the_stages_of_the_pipeline_declare_their_event_fields_in_the_schema():
    declared = {f.name for f in schema.ADDED_FIELDS}
    assert {name for stage in STAGES for name in stage.event_fields} <= declared
