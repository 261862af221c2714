"""iCalendar export, read back with the icalendar library."""

from __future__ import annotations

import datetime as dt

import icalendar
from typer.testing import CliRunner

from timeline.cli import app
from timeline.export import export, left_out
from timeline.export.ics import slot


def vevents(timeline) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(export(timeline, "ics"))
    assert calendar["version"] == "2.0" and calendar["prodid"]
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_only_placeable_events_and_the_count_of_the_others(all_fields):
    events = vevents(all_fields)
    assert set(events) == {f"{i}@timeline" for i in ("ev-range", "ev-day", "ev-inherited", "ev-time", "ev-evening",
                                                     "ev-night")}
    assert left_out(all_fields, "ics")[0] == 6                  # approximate, vaguer than a day, undated


def test_days_are_all_day_events(all_fields):
    events = vevents(all_fields)
    day = events["ev-day@timeline"]
    assert day["dtstart"].dt == dt.date(2022, 1, 5) and not isinstance(day["dtstart"].dt, dt.datetime)
    assert day["dtend"].dt == dt.date(2022, 1, 6)
    span = events["ev-range@timeline"]
    assert (span["dtstart"].dt, span["dtend"].dt) == (dt.date(2022, 1, 5), dt.date(2022, 1, 8))


def test_parts_of_day_and_times_have_times(all_fields):
    events = vevents(all_fields)
    assert (events["ev-evening@timeline"]["dtstart"].dt, events["ev-evening@timeline"]["dtend"].dt) == \
        (dt.datetime(2022, 1, 7, 18), dt.datetime(2022, 1, 8, 0))
    assert (events["ev-night@timeline"]["dtstart"].dt, events["ev-night@timeline"]["dtend"].dt) == \
        (dt.datetime(2022, 1, 7, 22), dt.datetime(2022, 1, 8, 6))
    assert events["ev-time@timeline"]["dtstart"].dt == dt.datetime(2022, 1, 7, 14, 30)
    assert events["ev-time@timeline"]["dtstart"].dt.tzinfo is None          # the report's local time


def test_content(all_fields):
    event = vevents(all_fields)["ev-night@timeline"]
    assert str(event["summary"]).startswith("[rep.] In der Nacht zum Samstag")
    description = str(event["description"])
    assert "Actors: → Demonstranten" in description and "Figures: 26 deaths" in description
    assert "Certainty: reported by a source — nach Staatsfernsehen" in description
    assert str(vevents(all_fields)["ev-evening@timeline"]["location"]) == "Almaty"
    assert vevents(all_fields)["ev-day@timeline"]["url"] == "https://example.org/kasachstan"
    assert event["dtstamp"].dt == dt.datetime(2022, 1, 8, tzinfo=dt.timezone.utc)   # reproducible


def test_uids_are_stable(all_fields):
    assert export(all_fields, "ics") == export(all_fields, "ics")
    assert len(vevents(all_fields)) == sum(1 for e in all_fields.events if slot(e))


def test_command_reports_what_it_left_out(tmp_path, plain_env):
    plain_env.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "-f", "ics"])
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert result.stderr.startswith("ics: left out ") and "event(s)" in result.stderr
