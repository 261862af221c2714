"""Knight Lab TimelineJS JSON: the fields TimelineJS reads, filled as the date's precision allows."""

from __future__ import annotations

import json

import pytest

from timeline.export import export, left_out

FIELDS = ("year", "month", "day", "hour", "minute")
SLIDE_KEYS = {"start_date", "end_date", "display_date", "text", "group", "unique_id"}


@pytest.fixture(scope="module")
def data(request):
    return json.loads(export(request.getfixturevalue("all_fields"), "timelinejs"))


def check_date(date: dict) -> None:
    """A TimelineJS date: a year, then only finer fields without gaps, all integers as strings."""
    assert "year" in date
    filled = [name for name in FIELDS if name in date]
    assert filled == list(FIELDS[:len(filled)]), date
    assert set(date) == set(filled)
    assert all(isinstance(v, str) and v.lstrip("-").isdigit() for v in date.values())


def as_tuple(date: dict) -> tuple[int, ...]:
    return tuple(int(date[name]) for name in FIELDS if name in date)


def test_field_rules(data, all_fields):
    assert set(data) == {"title", "events"}
    assert set(data["title"]["text"]) == {"headline", "text"}
    for slide in data["events"]:
        assert set(slide) <= SLIDE_KEYS and {"start_date", "text", "unique_id", "display_date"} <= set(slide)
        check_date(slide["start_date"])
        if "end_date" in slide:
            check_date(slide["end_date"])
            assert set(slide["end_date"]) == set(slide["start_date"])
            assert as_tuple(slide["end_date"]) > as_tuple(slide["start_date"])
        assert set(slide["text"]) == {"headline", "text"}
        assert all(isinstance(v, str) and v for v in slide["text"].values())
    ids = [slide["unique_id"] for slide in data["events"]]
    assert ids == [e.id for e in all_fields.dated] and len(set(ids)) == len(ids)


def test_undated_are_left_out(data, all_fields):
    assert len(data["events"]) == len(all_fields.dated)
    assert left_out(all_fields, "timelinejs")[0] == len(all_fields.undated) == 2


@pytest.mark.parametrize("event_id, start, end, display", [
    ("ev-year", {"year": "2021"}, None, "2021"),
    ("ev-month", {"year": "2022", "month": "1"}, None, "≈ January 2022"),
    ("ev-approx", {"year": "2021", "month": "12", "day": "29"}, {"year": "2022", "month": "1", "day": "4"},
     "≈ Saturday, 1 January 2022"),
    ("ev-week", {"year": "2022", "month": "1", "day": "3"}, {"year": "2022", "month": "1", "day": "9"},
     "week 1 of 2022"),
    ("ev-day", {"year": "2022", "month": "1", "day": "5"}, None, "Wednesday, 5 January 2022"),
    ("ev-evening", {"year": "2022", "month": "1", "day": "7", "hour": "18"},
     {"year": "2022", "month": "1", "day": "7", "hour": "23"}, "Friday, 7 January 2022, evening"),
    ("ev-time", {"year": "2022", "month": "1", "day": "7", "hour": "14", "minute": "30"}, None,
     "Friday, 7 January 2022, 14:30"),
])
def test_precision_is_which_fields_are_filled(data, event_id, start, end, display):
    slide = next(s for s in data["events"] if s["unique_id"] == event_id)
    assert slide["start_date"] == start
    assert slide.get("end_date") == end
    assert slide["display_date"] == display


def test_text_is_escaped_html_and_group_is_the_type(data):
    night = next(s for s in data["events"] if s["unique_id"] == "ev-night")
    assert night["group"] == "fatalities report"
    assert night["text"]["text"].startswith("<blockquote>In der Nacht zum Samstag")
    assert "<b>Figures:</b> 26 deaths" in night["text"]["text"]
    assert "<b>Certainty:</b> reported by a source — nach Staatsfernsehen" in night["text"]["text"]
    assert data["title"]["text"]["headline"] == "2 reports"
