"""Ranges and bounds: a range dates one event with its interval, a bound dates none."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from timeline import parse_text
from timeline.lang import load_language
from timeline.lang.checked import LanguageDataError
from timeline.temporal.spans import SpanWords
from timeline.temporal.tag import tag_text

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
    "Seit Montag um 15 Uhr wird gestreikt.",
    "Die Regelung gilt seit dem 1. Januar.",
    "Ab 1998 lebte die Familie in Leipzig.",           # a start before the day of writing bounds a state
])
def test_no_event_on_the_day_a_bound_names(text):
    parsed = parse_text(text, PUBLISHED)
    assert all(event.date is None or event.date.basis != "text" for event in parsed.events)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Gestern bis 18 Uhr war der Hafen zu.", "2024-03-05T00:00:00", "2024-03-05T18:00:59"),
])
def test_a_bound_right_after_a_day_narrows_it(text, start, end):
    (event,) = parse_text(text, PUBLISHED).events
    assert event.date is not None
    assert (event.date.granularity, event.date.start, event.date.end) == ("day", start, end)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ab Donnerstag sollen Helfer aus Thüringen die Wehren ablösen.", [("2024-03-07", "day")]),
    ("Die Kasse will die Beiträge ab Januar senken.", [("2025-01", "month")]),
    ("Ab 15 Uhr ist die Straße gesperrt.", [("2024-03-06T15:00", "time")]),
    ("Ab Sonntag um 6 Uhr soll die Halle wieder offen sein.", [("2024-03-10T06:00", "time")]),
])
def test_a_planned_start_dates_its_happening(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Am Dienstagnachmittag gegen 16 Uhr fiel der Strom aus.", "2024-03-05T16:00"),
    ("Am Donnerstag um 19 Uhr beginnt das Konzert.", "2024-03-07T19:00"),
    ("Am Sonntagabend gegen 22.40 Uhr brannte eine Scheune.", "2024-03-03T22:40"),
    ("Am Freitag, dem 1. März, gegen 9.15 Uhr stießen zwei Busse zusammen.", "2024-03-01T09:15"),
    ("Heute früh gegen 6 Uhr fuhr der erste Zug.", "2024-03-06T06:00"),
    ("Heute ab 14 Uhr verhandelt das Gericht.", "2024-03-06T14:00"),
    ("Stand vom 4. März, 10.45 Uhr: Die Straße ist frei.", "2024-03-04T10:45"),
    ("Am Montag ist es kurz nach 8 Uhr zu einem Unfall gekommen.", "2024-03-04T08:00"),
    ("Am gestrigen Dienstag, dem 05.03.2024, ist es gegen 7.50 Uhr zu einem Unfall gekommen.", "2024-03-05T07:50"),
    # after midnight a night lies on the day it runs into
    ("In der Nacht zum Dienstag um 2.30 Uhr bebte die Erde.", "2024-03-05T02:30"),
    ("In der Nacht zum Dienstag gegen 23 Uhr bebte die Erde.", "2024-03-04T23:00"),
])
def test_a_day_and_its_clock_time_are_one_date(text, expected):
    assert dates(text) == [(expected, "time")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Am Montag wurde er festgenommen, um 15 Uhr kam er frei.", [("2024-03-04", "day"), ("2024-03-04T15:00", "time")]),
    ("Am Montag wurde gewählt und um 20 Uhr gezählt.", [("2024-03-04", "day"), ("2024-03-04T20:00", "time")]),
])
def test_a_clock_time_apart_from_its_day_stays_an_event_of_its_own(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In der Nacht zum 2. März brannte eine Halle.", ("2024-03-01TNI", "part-of-day")),
    ("In der Nacht auf den 2. März 2023 brannte eine Halle.", ("2023-03-01TNI", "part-of-day")),
    ("Am gestrigen Dienstag, dem 5. März, stürzte ein Gerüst ein.", ("2024-03-05", "day")),
    ("Am Montag vergangener Woche wurde er verhaftet.", ("2024-02-26", "day")),
    ("Am Freitag letzter Woche wurde er verhaftet.", ("2024-03-01", "day")),
    ("Am Dienstag kommender Woche wird entschieden.", ("2024-03-12", "day")),
    ("Im Wochenverlauf gab der Kurs nach.", ("2024-W10", "week")),
])
def test_one_date_for_a_night_or_a_weekday_of_a_named_week(text, expected):
    assert dates(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Es war ein Dienstag im Mai 2016, als die Brücke fiel.", [("2016-05", "month")]),
    ("Es war an einem Montag im April 1980.", [("1980-04", "month")]),
    ("An einem einzigen Sonntag kamen 400 Gäste.", [None]),
])
def test_an_indefinite_weekday_dates_nothing(text, expected):
    assert dates(text) == expected


def test_the_expressions_of_a_day_and_its_time_stay_tagged_as_two():
    timexes = tag_text("Am Montag um 15 Uhr stürzte das Dach ein.", dt.date(2024, 3, 6))
    assert [(t.text, t.value) for t in timexes] == [("Montag", "2024-03-04"), ("15 Uhr", "2024-03-04T15:00")]


def test_an_anchored_duration_keeps_its_date():
    """"seit drei Jahren" is a duration counted back from the report, not a bound of the calendar."""
    assert dates("Seit drei Jahren wird gestritten.") == [("2021/2024-03-06", "year")]


def test_the_expressions_of_a_range_stay_tagged_as_two():
    parsed = parse_text("Die Sperre gilt von 22 Uhr bis 5 Uhr.", PUBLISHED)
    assert len(parsed.events) == 1
    assert parsed.events[0].date is not None and parsed.events[0].date.expression == "22 Uhr bis 5 Uhr"


def test_a_faulty_spans_file_names_its_line():
    spans = {"ranges": [{"opener": ["von"]}], "articles": [], "bounds": {"start": [], "planned_start": [], "end": []},
             "day_and_time": {"links": [], "breaks": [], "words_between": 0}, "night_before": [],
             "weekday_in_week": []}
    broken = dataclasses.replace(load_language("de"), data={"spans": spans}, _compiled={})
    with pytest.raises(LanguageDataError, match=r"missing key 'joiner' \(at ranges/0\)"):
        SpanWords.of(broken)
