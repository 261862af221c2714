"""Ranges and bounds: a range dates one event with its interval, a bound dates none."""

from __future__ import annotations

import dataclasses

import pytest

from timeline import parse_text
from timeline.lang import load_language
from timeline.lang.checked import LanguageDataError
from timeline.temporal.spans import SpanWords

PUBLISHED = "2024-03-06"     # a Wednesday


def dates(text: str) -> list[tuple[str, str] | None]:
    """(value, granularity) of each event's date, None for an undated event."""
    parsed = parse_text(text, PUBLISHED)
    return [(event.date.value, event.date.granularity) if event.date else None for event in parsed.events]


@pytest.mark.parametrize(("text", "expected"), [
    # an end time before the start time runs into the next day
    ("Die Sperre gilt von 22 Uhr bis 5 Uhr.", [("2024-03-06T22:00/2024-03-07T05:00", "time")]),
    ("Gearbeitet wird von 9 bis 17 Uhr.", [("2024-03-06T09:00/2024-03-06T17:00", "time")]),
    ("Das Fest dauert vom 3. bis 5. Mai.", [("2024-05-03/2024-05-05", "day")]),
    ("Das Fest dauert vom 3. Mai bis zum 5. Mai.", [("2024-05-03/2024-05-05", "day")]),
    ("Gestreikt wird zwischen Montag und Mittwoch.", [("2024-03-11/2024-03-13", "day")]),
    ("Zwischen dem 3. und dem 5. Mai wird gestreikt.", [("2024-05-03/2024-05-05", "day")]),
    ("Er regierte 1999–2005 das Land.", [("1999/2005", "year")]),
    ("Er war von 1999 bis 2005 Minister.", [("1999/2005", "year")]),
    # an end that reads earlier than its start is the next such day or month
    ("Die Messe war von Freitag bis Montag geöffnet.", [("2024-03-01/2024-03-04", "day")]),
    ("Die Saison lief von Dezember bis Februar.", [("2023-12/2024-02", "month")]),
])
def test_a_range_is_one_event_dated_by_its_interval(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the happening's own day stays; the bound dates no event of its own
    ("Brandt verlängerte die Ausgangssperre am Freitag bis Sonntag.", [("2024-03-01", "day")]),
    ("Er wurde am Montag festgenommen und ist seit Dienstag frei.", [("2024-03-04", "day")]),
])
def test_a_bound_dates_no_event(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text", [
    "Die Warnung gilt bis Sonntag.",
    "Die Sperre gilt bis Ende Mai.",
    "Seit Montag wird gestreikt.",
    "Ab 15 Uhr ist die Straße gesperrt.",
    "Die Regelung gilt seit dem 1. Januar.",
])
def test_no_event_on_the_day_a_bound_names(text):
    parsed = parse_text(text, PUBLISHED)
    assert all(event.date is None or event.date.basis != "text" for event in parsed.events)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Heute ab 15 Uhr ist die Straße gesperrt.", "2024-03-06T15:00:00", "2024-03-06T23:59:59"),
    ("Gestern bis 18 Uhr war der Hafen zu.", "2024-03-05T00:00:00", "2024-03-05T18:00:59"),
])
def test_a_bound_right_after_a_day_narrows_it(text, start, end):
    (event,) = parse_text(text, PUBLISHED).events
    assert event.date is not None
    assert (event.date.granularity, event.date.start, event.date.end) == ("day", start, end)


def test_an_anchored_duration_keeps_its_date():
    """"seit drei Jahren" is a duration counted back from the report, not a bound of the calendar."""
    assert dates("Seit drei Jahren wird gestritten.") == [("2021/2024-03-06", "year")]


def test_the_expressions_of_a_range_stay_tagged_as_two():
    parsed = parse_text("Die Sperre gilt von 22 Uhr bis 5 Uhr.", PUBLISHED)
    assert len(parsed.events) == 1
    assert parsed.events[0].date is not None and parsed.events[0].date.expression == "22 Uhr bis 5 Uhr"


def test_a_faulty_spans_file_names_its_line():
    spans = {"ranges": [{"opener": ["von"]}], "articles": [], "bounds": {"start": [], "end": []}}
    broken = dataclasses.replace(load_language("de"), data={"spans": spans}, _compiled={})
    with pytest.raises(LanguageDataError, match=r"missing key 'joiner' \(at ranges/0\)"):
        SpanWords.of(broken)
