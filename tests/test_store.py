"""timeline.store: the hand-editable YAML events store."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import timeline
from timeline import StoreError
from timeline.store import load_timeline, save_parsed
from timeline.store.yaml_store import load_raw


def summary(events):
    return [(e.id, e.date, e.sentence, e.sentence_start, e.document) for e in events]


def save(path, parsed):
    return save_parsed(path, [parsed.metadata()], parsed.events)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture()
def store_path(tmp_path, shipped_parsed) -> Path:
    path = tmp_path / "events.yaml"
    save(path, shipped_parsed)
    return path


# --- round trip -----------------------------------------------------------------------------------

def test_round_trip(store_path, shipped_parsed):
    loaded = load_timeline(store_path)
    expected = timeline.Timeline(list(shipped_parsed.events))
    assert summary(loaded.events) == summary(expected.events)
    assert [(e.actors, e.places) for e in loaded.events] == [(e.actors, e.places) for e in expected.events]
    assert loaded.documents == [shipped_parsed.metadata()]


def test_store_is_readable_yaml_with_header(store_path):
    text = store_path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "locked: true" in text                      # the header explains locking
    assert "Sicherheitskräfte in Almaty stellten sich am Mittwoch" in text   # unicode kept, not escaped


def test_save_reports_counts(tmp_path, shipped_parsed):
    written, kept = save(tmp_path / "events.yaml", shipped_parsed)
    assert (written, kept) == (len(shipped_parsed.events), 0)


def test_reparse_replaces_events_of_the_document(store_path, shipped_parsed):
    save(store_path, shipped_parsed)
    save(store_path, shipped_parsed)
    loaded = load_timeline(store_path)
    ids = [e.id for e in loaded.events]
    assert len(ids) == len(set(ids)) == len(shipped_parsed.events)
    assert len(loaded.documents) == 1


def test_reparse_with_changed_text_drops_old_events(tmp_path):
    path = tmp_path / "events.yaml"
    first = timeline.parse_text("Am Montag kam er. Es regnete.", published="2022-01-08", doc_id="d1")
    second = timeline.parse_text("Am Dienstag ging sie.", published="2022-01-08", doc_id="d1")
    save(path, first)
    save(path, second)
    loaded = load_timeline(path)
    assert [e.sentence for e in loaded.events] == ["Am Dienstag ging sie."]
    assert [e.date.value for e in loaded.events] == ["2022-01-04"]


def test_other_documents_are_kept(store_path, shipped_parsed):
    other = timeline.parse_text("Am 3. Januar 2022 traf sich der Rat.", doc_id="rat")
    save(store_path, other)
    save(store_path, shipped_parsed)                      # re-parse the first report
    loaded = load_timeline(store_path)
    assert {d["id"] for d in loaded.documents} == {"kasachstan-2022-01", "rat"}
    rat = [e for e in loaded.events if e.document == "rat"]
    assert [(e.sentence, e.date.value) for e in rat] == [("Am 3. Januar 2022 traf sich der Rat.", "2022-01-03")]
    assert len(loaded.events) == len(shipped_parsed.events) + 1


# --- hand edits -----------------------------------------------------------------------------------

def _event_block(text: str, event_id: str) -> tuple[int, int]:
    start = text.index(f"  - id: {event_id}\n")
    following = text.find("\n  - id: ", start + 1)
    return start, len(text) if following < 0 else following + 1


def _mittwoch(parsed):
    (event,) = [e for e in parsed.events if "stellten sich am Mittwoch" in e.sentence]
    return event


def test_locked_event_keeps_hand_edits(store_path, shipped_parsed):
    event = _mittwoch(shipped_parsed)
    text = store_path.read_text(encoding="utf-8")
    start, end = _event_block(text, event.id)
    block = text[start:end]
    edited = (block
              .replace("value: '2022-01-05'", "value: '2022-01-04'")
              .replace("start: '2022-01-05T00:00:00'", "start: '2022-01-04T00:00:00'")
              .replace("end: '2022-01-05T23:59:59'", "end: '2022-01-04T23:59:59'")
              .replace(f"document: {event.document}\n",
                       f"document: {event.document}\n    locked: true\n    note: laut AP schon am Dienstag\n"))
    assert edited.count("2022-01-04") == 3 and "locked: true" in edited
    store_path.write_text(text[:start] + edited + text[end:], encoding="utf-8")

    written, kept = save(store_path, shipped_parsed)
    assert kept == 1
    assert written == len(shipped_parsed.events) - 1

    loaded = load_timeline(store_path)
    same = [e for e in loaded.events if e.id == event.id]
    assert len(same) == 1
    date = same[0].date
    assert (date.value, date.start, date.end) == ("2022-01-04", "2022-01-04T00:00:00", "2022-01-04T23:59:59")
    assert same[0].extra == {"locked": True, "note": "laut AP schon am Dienstag"}
    assert len(loaded.events) == len(shipped_parsed.events)
    assert "note: laut AP schon am Dienstag" in store_path.read_text(encoding="utf-8")


def test_manual_event_survives_reparse(store_path, shipped_parsed):
    text = store_path.read_text(encoding="utf-8")
    manual = ("  - id: mein-ereignis\n"
              "    document: kasachstan-2022-01\n"
              "    source: manual\n"
              "    sentence: Tokajew ruft den Notstand aus.\n"
              "    date:\n"
              "      value: '2022-01-05'\n"
              "      start: '2022-01-05T00:00:00'\n"
              "      end: '2022-01-05T23:59:59'\n"
              "      granularity: day\n")
    store_path.write_text(text.replace("events:\n", "events:\n" + manual, 1), encoding="utf-8")
    save(store_path, shipped_parsed)
    loaded = load_timeline(store_path)
    (mine,) = [e for e in loaded.events if e.id == "mein-ereignis"]
    assert mine.sentence == "Tokajew ruft den Notstand aus."
    assert mine.extra == {"source": "manual"}


def test_unlocked_hand_edit_is_replaced(store_path, shipped_parsed):
    event = _mittwoch(shipped_parsed)
    text = store_path.read_text(encoding="utf-8")
    store_path.write_text(text.replace("value: '2022-01-05'", "value: '2022-01-04'", 1), encoding="utf-8")
    save(store_path, shipped_parsed)
    (reloaded,) = [e for e in load_timeline(store_path).events if e.id == event.id]
    assert reloaded.date.value == "2022-01-05"


def test_comment_at_top_survives_resave(store_path, shipped_parsed):
    text = store_path.read_text(encoding="utf-8")
    store_path.write_text("# Meine Notizen: Quelle geprüft am 9. Januar\n" + text, encoding="utf-8")
    save(store_path, shipped_parsed)
    after = store_path.read_text(encoding="utf-8")
    assert after.startswith("# Meine Notizen: Quelle geprüft am 9. Januar\n")
    assert after.count("timeline events store") == 1     # the generated header is not added twice


def test_comment_in_a_locked_event_survives(store_path, shipped_parsed):
    event = _mittwoch(shipped_parsed)
    text = store_path.read_text(encoding="utf-8")
    text = text.replace(f"  - id: {event.id}\n    document: {event.document}\n",
                        f"  - id: {event.id}\n    document: {event.document}\n"
                        f"    locked: true  # geprüft\n", 1)
    store_path.write_text(text, encoding="utf-8")
    save(store_path, shipped_parsed)
    assert "locked: true  # geprüft" in store_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("value, start, end, granularity, expected", [
    # dates typed by hand without quotes (YAML reads them as dates and numbers)
    ("2022-01-04", "2022-01-04T00:00:00", "2022-01-04T23:59:59", "day", "2022-01-04"),
    ("2022", "'2022-01-01T00:00:00'", "'2022-12-31T23:59:59'", "year", "2022"),
])
def test_unquoted_hand_edited_dates_load_or_fail_cleanly(tmp_path, value, start, end, granularity, expected):
    path = tmp_path / "events.yaml"
    path.write_text(
        "events:\n"
        "  - id: a\n"
        "    document: d\n"
        "    sentence: Am Dienstag kam er.\n"
        "    locked: true\n"
        "    date:\n"
        f"      value: {value}\n"
        f"      start: {start}\n"
        f"      end: {end}\n"
        f"      granularity: {granularity}\n"
        "  - id: b\n"
        "    document: d\n"
        "    sentence: Er ging.\n"
        "    date:\n"
        "      value: '2022-01-05'\n"
        "      start: '2022-01-05T00:00:00'\n"
        "      end: '2022-01-05T23:59:59'\n"
        "      granularity: day\n", encoding="utf-8")
    try:
        loaded = load_timeline(path)
    except StoreError:
        return
    (event,) = [e for e in loaded.events if e.id == "a"]
    assert event.date.value == expected
    assert isinstance(event.date.start, str) and isinstance(event.date.end, str)


# --- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line", [
    ("version: 1\nevents:\n  - id: a\n    sentence: [nicht geschlossen\n", None),
    ("events:\n\t- id: a\n", 2),
    ("documents: []\nevents: []\nevents: []\n", 3),
    ("events:\n  - id: 'a\n", None),
])
def test_malformed_yaml_names_file_and_line(tmp_path, text, line):
    path = tmp_path / "kaputt.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as info:
        load_raw(path)
    message = str(info.value)
    assert "kaputt.yaml" in message
    match = re.search(r"kaputt\.yaml:(\d+)", message)
    assert match, message
    if line is not None:
        assert int(match.group(1)) == line


EVENT = "  - id: e1\n    document: d\n    sentence: Er kam.\n"
DATE = ("    date:\n      value: '{value}'\n      start: '{start}'\n      end: '{end}'\n"
        "      granularity: {granularity}\n")


def _date(value="2022-01-05", start="2022-01-05T00:00:00", end="2022-01-05T23:59:59", granularity="day"):
    return DATE.format(value=value, start=start, end=end, granularity=granularity)


@pytest.mark.parametrize("text, problem", [
    ("events:\n  - id: e1\n    document: d\n", "sentence"),
    ("events:\n  - id: e1\n    document: d\n    sentence: ''\n", "sentence"),
    ("events:\n  - document: d\n    sentence: Er kam.\n", "id"),
    ("events:\n" + EVENT + _date(value="not-a-date"), "not-a-date"),
    ("events:\n" + EVENT + _date(value="2022-13-01"), "2022-13-01"),
    ("events:\n" + EVENT + _date(start="2022-01-06T00:00:00", end="2022-01-05T23:59:59"), "start"),
    ("events:\n" + EVENT + "    date:\n      value: '2022-01-05'\n", "start"),
    ("events:\n" + EVENT + "    date: gestern\n", "date"),
    ("events:\n" + EVENT + "    actors:\n      - text: Tokajew\n", "name"),
    ("events: {e1: x}\n", "list"),
    ("events: keine\n", "list"),
    ("documents: 3\nevents: []\n", "list"),
    ("- id: e1\n", "mapping"),
    ("events:\n  - nur ein Text\n", "mapping"),
])
def test_schema_invalid_store_names_the_problem(tmp_path, text, problem):
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as info:
        load_timeline(path)
    assert problem in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("text, problem", [
    ("events:\n" + EVENT + "    actors: Tokajew\n", "actors"),
    ("events:\n" + EVENT + "    places: Almaty\n", "places"),
])
def test_store_values_the_model_cannot_use_raise_store_error(tmp_path, text, problem):
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as info:
        load_timeline(path)
    assert problem in str(info.value)


def test_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no events store"):
        load_timeline(tmp_path / "fehlt.yaml")


def test_store_not_utf8(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(b"events: []\n# caf\xe9\n")
    with pytest.raises(StoreError, match="events.yaml"):
        load_timeline(path)


def test_empty_store_is_empty_timeline(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("", encoding="utf-8")
    assert load_timeline(path).events == []


def test_save_into_invalid_store_refuses_and_keeps_it(tmp_path, shipped_parsed):
    path = tmp_path / "events.yaml"
    path.write_text("events: [\n", encoding="utf-8")
    with pytest.raises(StoreError):
        save(path, shipped_parsed)
    assert path.read_text(encoding="utf-8") == "events: [\n"


# --- atomic writes --------------------------------------------------------------------------------

def test_failed_replace_leaves_old_store_and_no_temp_files(store_path, shipped_parsed, monkeypatch):
    before = store_path.read_bytes()
    listing = files_in(store_path.parent)
    other = timeline.parse_text("Am 3. Januar 2022 traf sich der Rat.", doc_id="rat")

    def broken_replace(src, dst, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StoreError) as info:
        save(store_path, other)
    monkeypatch.undo()
    assert "events.yaml" in str(info.value)
    assert store_path.read_bytes() == before
    assert files_in(store_path.parent) == listing


def test_failed_write_of_new_store_leaves_nothing(tmp_path, shipped_parsed, monkeypatch):
    def broken_replace(src, dst, *args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StoreError):
        save(tmp_path / "events.yaml", shipped_parsed)
    monkeypatch.undo()
    assert files_in(tmp_path) == []


def test_save_into_missing_folder_raises_store_error(tmp_path, shipped_parsed):
    with pytest.raises(StoreError, match="does not exist"):
        save(tmp_path / "nirgends" / "events.yaml", shipped_parsed)


def test_save_keeps_file_mode(store_path, shipped_parsed):
    os.chmod(store_path, 0o640)
    save(store_path, shipped_parsed)
    assert store_path.stat().st_mode & 0o777 == 0o640


# --- properties -----------------------------------------------------------------------------------

@pytest.mark.slow
@settings(derandomize=True, database=None, max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(),
    st.lists(st.sampled_from(["events:", "documents:", "\n", "  - ", "id: a", "sentence: s", "document: d",
                              "date:", "    value: ", "'2022'", "2022-13", "start: 1", "end: 0", "[", "{",
                              ": ", "&a ", "*a", "!!binary ", "---", "\t", "#"]), max_size=20).map("".join),
))
def test_load_raw_loads_or_raises_store_error(tmp_path, text):
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_raw(path)
    except StoreError as exc:
        assert "events.yaml" in str(exc)


_SCALARS = st.sampled_from(["'2022-01-05'", "2022-01-05", "2022", "'2022'", "'2022-01-05T00:00:00'",
                            "2022-01-05T00:00:00", "null", "true", "3", "x", "[]", "{}", "[a]", "''"])


@pytest.mark.slow
@settings(derandomize=True, database=None, max_examples=150, deadline=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_SCALARS, start=_SCALARS, end=_SCALARS, granularity=_SCALARS, approximate=_SCALARS,
       actors=_SCALARS, sentence_start=_SCALARS)
def test_hand_edited_store_loads_or_raises_store_error(tmp_path, value, start, end, granularity, approximate,
                                                       actors, sentence_start):
    """Whatever a user types into the fields of an event, loading it never crashes with a traceback."""
    path = tmp_path / "events.yaml"
    path.write_text(
        "events:\n  - id: a\n    document: d\n    sentence: Er kam.\n"
        f"    sentence_start: {sentence_start}\n    actors: {actors}\n"
        f"    date:\n      value: {value}\n      start: {start}\n      end: {end}\n"
        f"      granularity: {granularity}\n      approximate: {approximate}\n"
        "  - id: b\n    document: d\n    sentence: Sie ging.\n"
        "    date: {value: '2022-01-05', start: '2022-01-05T00:00:00', end: '2022-01-05T23:59:59', "
        "granularity: day}\n", encoding="utf-8")
    try:
        loaded = load_timeline(path)
    except StoreError:
        return
    for event in loaded.events:
        if event.date is not None:
            assert isinstance(event.date.value, str)
            assert isinstance(event.date.start, str)
            assert isinstance(event.date.end, str)


def test_date_value_to_dict_writes_every_set_field_in_declaration_order():
    """`DateValue.to_dict` spells its fields out for speed; a field added later must not be lost."""
    import dataclasses

    from timeline.model import DateValue
    names = [f.name for f in dataclasses.fields(DateValue)]
    value = DateValue(**{name: f"x-{name}" for name in names})
    assert list(value.to_dict()) == names
    assert DateValue.from_dict(value.to_dict()) == value
    unset = DateValue("2022", "2022-01-01T00:00:00", "2022-12-31T23:59:59", "year")
    assert "expression" not in unset.to_dict() and "mod" not in unset.to_dict()
