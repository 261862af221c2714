"""JSON export: schema, order, formats."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import timeline
from timeline import InputError, Timeline
from timeline.export import EXPORTERS, export
from timeline.export.json import json_schema, to_json
from timeline.store import load_timeline

# RFC 3339 `date-time`, which the schema's "format": "date-time" refers to: the offset is required.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def validator(strict_formats: bool = False) -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    if not strict_formats:
        return jsonschema.Draft202012Validator(schema)
    checker = jsonschema.FormatChecker()
    checker.checks("date-time")(lambda value: not isinstance(value, str) or bool(_RFC3339.fullmatch(value)))
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


@pytest.fixture(scope="module")
def exported():
    return json.loads(export(timeline.shipped_timeline(), "json"))


def test_schema_is_draft_2020_12():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_shipped_schema_file_is_the_generated_schema():
    """events.schema.json, shipped for other tools, is what `json_schema()` generates from the event schema."""
    shipped = json.loads((resources.files("timeline.export") / "events.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), "regenerate timeline/export/events.schema.json from timeline.schema.json_schema()"


def test_golden_export_validates():
    golden = json.loads((Path(__file__).parent / "golden" / "export.json").read_text(encoding="utf-8"))
    assert golden["events"] and list(validator().iter_errors(golden)) == []


def test_shipped_export_validates(exported):
    errors = sorted(validator().iter_errors(exported), key=str)
    assert errors == []


def test_shipped_export_date_times_are_rfc3339(exported):
    """The schema declares `"format": "date-time"` (RFC 3339), so start/end must satisfy it."""
    errors = [e.message for e in validator(strict_formats=True).iter_errors(exported)]
    assert errors == []


def test_export_is_not_vacuous(exported):
    assert exported["documents"] == [timeline.shipped_timeline().documents[0]]
    assert exported["documents"][0]["published"] == "2022-01-08"
    assert len(exported["events"]) == len(timeline.shipped_timeline().events)
    assert sum(1 for e in exported["events"] if e["date"]) == len(timeline.shipped_timeline().dated) >= 12


def test_schema_rejects_broken_exports(exported):
    """The schema has teeth: the same export with one field broken fails."""
    v = validator()
    broken = json.loads(json.dumps(exported))
    del broken["events"][0]["sentence"]
    assert not v.is_valid(broken)
    broken = json.loads(json.dumps(exported))
    broken["events"][0]["date"]["granularity"] = "fortnight"
    assert not v.is_valid(broken)
    broken = json.loads(json.dumps(exported))
    broken["documents"][0]["published"] = "8.1.2022"
    assert not v.is_valid(broken)


def test_chronological_order(exported):
    events = exported["events"]
    dated = [e for e in events if e["date"]]
    undated = [e for e in events if not e["date"]]
    assert events == dated + undated                        # undated last
    starts = [e["date"]["start"] for e in dated]
    assert starts == sorted(starts)
    assert [e["date"]["value"] for e in dated[:3]] == ["2019", "2021", "2022-01-01"]
    assert [e["sentence_start"] for e in undated] == sorted(e["sentence_start"] for e in undated)


def test_same_start_ordered_by_part_of_day(exported):
    friday = [e["date"]["value"] for e in exported["events"]
              if e["date"] and e["date"]["value"].startswith("2022-01-07") and "/" not in e["date"]["value"]]
    assert friday == sorted(friday, key=lambda v: ("", "TEV", "TNI").index(v[10:]))


def test_sentences_verbatim(exported, shipped_text):
    for event in exported["events"]:
        start = event["sentence_start"]
        assert shipped_text[start:start + len(event["sentence"])] == event["sentence"]


def test_export_is_valid_json_text_with_unicode():
    text = to_json(timeline.shipped_timeline())
    assert text.endswith("\n")
    assert "Sicherheitskräfte" in text                      # not \u00e4-escaped


@pytest.mark.parametrize("fmt", ["xml", "JSON", "", "xlsx"])
def test_unknown_format_raises_input_error(fmt):
    with pytest.raises(InputError) as info:
        export(timeline.shipped_timeline(), fmt)
    assert "json" in str(info.value)


def test_exporters_registry():
    assert list(EXPORTERS) == ["json", "jsonl", "csv", "ics", "timelinejs", "html", "markdown"]


def test_filtered_export_validates():
    filtered = timeline.shipped_timeline().filter(actors=["Tokajew"], since=dt.date(2022, 1, 1))
    data = json.loads(export(filtered, "json"))
    assert validator().is_valid(data)
    assert [e["id"] for e in data["events"]] == [e.id for e in filtered.events]
    assert "2022-01-05" in [e["date"]["value"] for e in data["events"]]
    assert all(any(a["name"] == "Kassym-Schomart Tokajew" for a in e["actors"]) for e in data["events"])


def test_month_precision_export_validates():
    parsed = timeline.parse_text(timeline.shipped_report().read_text(encoding="utf-8"))
    data = json.loads(export(Timeline(list(parsed.events), [parsed.metadata()]), "json"))
    assert list(validator().iter_errors(data)) == []
    assert data["documents"][0]["published_precision"] == "month"


def test_two_documents_export_validates():
    first = timeline.parse_text("Am 3. Januar 2022 traf sich der Rat.", doc_id="rat")
    second = timeline.parse_text("Am 2. Januar 2022 kam er. Es regnete.", doc_id="regen")
    data = json.loads(export(Timeline(first.events + second.events, [first.metadata(), second.metadata()]),
                             "json"))
    assert list(validator().iter_errors(data)) == []
    dated = [(e["document"], e["date"]["value"]) for e in data["events"] if e["date"]]
    assert dated.index(("regen", "2022-01-02")) < dated.index(("rat", "2022-01-03"))


STORE_EVENT = ("events:\n  - id: a\n    document: d\n    sentence: Er kam.\n    date:\n"
               "      value: '2022-01-05'\n      start: '2022-01-05T00:00:00'\n      end: '2022-01-05T23:59:59'\n")


def test_a_store_written_with_the_old_name_of_continuation_loads_as_continuation(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(STORE_EVENT + "      granularity: day\n      basis: inherited\n", encoding="utf-8")
    (event,) = load_timeline(path).events
    assert event.date.basis == "continuation"
    assert json.loads(export(load_timeline(path), "json"))["events"][0]["date"]["basis"] == "continuation"


@pytest.mark.parametrize("extra", [
    "      granularity: fortnight\n",
    "      granularity: day\n      approximate: vielleicht\n",
    "      granularity: day\n      basis: Bauchgefühl\n",
])
def test_what_the_store_accepts_exports_valid_json(tmp_path, extra):
    """A hand-edited store either is rejected on load or exports JSON that fits the schema."""
    path = tmp_path / "events.yaml"
    path.write_text(STORE_EVENT + extra, encoding="utf-8")
    try:
        loaded = load_timeline(path)
    except timeline.StoreError:
        return
    data = json.loads(export(loaded, "json"))
    assert [e.message for e in validator().iter_errors(data)] == []


# --- every field ----------------------------------------------------------------------------------

def test_every_field_exports_valid_json(all_fields):
    data = json.loads(export(all_fields, "json"))
    assert [e.message for e in validator().iter_errors(data)] == []
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id["ev-inherited"]["date"]["basis"] == "continuation"
    assert by_id["ev-day"]["actors"][0] == {"name": "Kassym-Schomart Tokajew", "kind": "person", "text": "Tokajew",
                                            "role": "actor", "aliases": ["Tokayev", "Präsident Tokajew"]}
    assert by_id["ev-inherited"]["attribution"] == {"source": None, "text": "einem Agenturbericht zufolge"}
    assert by_id["ev-year"]["figures"] == [{"category": "money", "value": 2200000, "qualifier": "approx",
                                            "unit": "EUR", "text": "rund 2,2 Millionen Euro"}]
    assert [r["document"] for r in by_id["ev-time"]["reports"]] == ["agentur", "zeitung"]


@pytest.mark.parametrize("event_id, path, value", [
    ("ev-night", ("certainty",), "sicher"),
    ("ev-night", ("type",), 7),
    ("ev-night", ("figures", 0, "qualifier"), "roughly"),
    ("ev-night", ("attribution",), {"source": "dpa"}),
    ("ev-time", ("reports", 0, "sentence"), None),
    ("ev-night", ("actors", 0, "role"), "victim"),
    ("ev-inherited", ("date", "basis"), "guess"),
])
def test_schema_rejects_broken_new_fields(all_fields, event_id, path, value):
    data = json.loads(export(all_fields, "json"))
    target = next(e for e in data["events"] if e["id"] == event_id)
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator().is_valid(data)
