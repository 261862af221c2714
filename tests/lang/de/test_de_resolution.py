"""The German resolver's conventions (tense, holidays, decades …) and the shipped report's expressions."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from timeline.lang import load_language
from timeline.segment import split_sentences
from timeline.temporal import Reference, tag_sentences
from timeline.temporal.tag import TaggedTimex


def _tag(text: str, published: dt.date | None, precision: str = "day", lang: str = "de",
         mode: str = "news") -> list[TaggedTimex]:
    reference = Reference(published, precision) if published else None
    language = load_language(lang)
    return tag_sentences(text, split_sentences(text, 0, language), reference, language, mode)


def _find(tagged: list[TaggedTimex], expression: str) -> TaggedTimex:
    found = [t for t in tagged if t.timex.text == expression]
    assert found, f"{expression!r} not found in {[t.timex.text for t in tagged]}"
    return found[0]


# (sentence, expression, reference date, expected value)
RESOLUTIONS = [
    # weekdays by tense: past → the latest on or before (an agency report on a Saturday that
    # says "am Samstag" in the past means that day), future → the next, unclear → the nearest
    ("Am Montag hatte er gewählt.", "Montag", dt.date(2022, 1, 8), "2022-01-03"),
    ("Am Samstagvormittag zogen die Demonstranten los.", "Samstagvormittag", dt.date(2022, 1, 8), "2022-01-08TMO"),
    ("Am Samstag kam es zu Protesten.", "Samstag", dt.date(2022, 1, 8), "2022-01-08"),
    ("Am Montag wird gewählt.", "Montag", dt.date(2022, 1, 8), "2022-01-10"),
    ("Am Montag ist Markt.", "Montag", dt.date(2022, 1, 8), "2022-01-10"),
    # the present with its verb right after the weekday tells what is on the programme: the coming one
    ("Am Donnerstag ist Markt.", "Donnerstag", dt.date(2022, 1, 8), "2022-01-13"),
    ("Markt am Donnerstag", "Donnerstag", dt.date(2022, 1, 8), "2022-01-06"),     # no verb: the nearest
    ("In der Nacht zum Samstag kam es zu Schießereien.", "Nacht zum Samstag", dt.date(2022, 1, 8), "2022-01-07TNI"),
    # months without a year by tense
    ("Im März hatte es geregnet.", "März", dt.date(2022, 1, 8), "2021-03"),
    ("Im März wird gewählt.", "März", dt.date(2022, 1, 8), "2022-03"),
    ("Im Dezember war es kalt.", "Dezember", dt.date(2022, 1, 8), "2021-12"),
    ("Die Konferenz im Dezember ist wichtig.", "Dezember", dt.date(2007, 6, 6), "2007-12"),
    ("Im vergangenen Jahr wurden 25 Genehmigungen erteilt.", "vergangenen Jahr", dt.date(2022, 1, 8), "2021"),
    # holidays
    ("Zu Ostern kommt er.", "Ostern", dt.date(2022, 1, 8), "2022-04-17"),
    ("An Pfingsten 2019 war er da.", "Pfingsten 2019", dt.date(2022, 1, 8), "2019-06-09"),
    ("Nach Weihnachten war er krank.", "Weihnachten", dt.date(2022, 1, 8), "2021-12-24"),
    # decades and centuries
    ("In den 80er Jahren war das anders.", "den 80er Jahren", dt.date(2015, 9, 4), "198"),
    ("In den zwanziger Jahren war das anders.", "den zwanziger Jahren", dt.date(1995, 4, 7), "192"),
    ("Im 19. Jahrhundert war das anders.", "19. Jahrhundert", dt.date(2015, 9, 4), "18"),
    ("Im vorigen Jahrhundert war das anders.", "vorigen Jahrhundert", dt.date(2015, 9, 4), "19"),
    # parts of the year
    ("Im ersten Quartal stieg der Umsatz.", "ersten Quartal", dt.date(2014, 11, 10), "2014-Q1"),
    ("In der zweiten Jahreshälfte soll es besser werden.", "der zweiten Jahreshälfte", dt.date(2014, 11, 10),
     "2014-H2"),
    # clock times, durations and sets
    ("Die Sitzung beginnt um 20.30 Uhr.", "20.30 Uhr", dt.date(2010, 2, 25), "2010-02-25T20:30"),
    ("Er war drei Tage lang unterwegs.", "drei Tage lang", dt.date(2010, 2, 25), "P3D"),
    ("Sie lebt seit zwei Jahren hier.", "zwei Jahren", dt.date(2010, 2, 25), "P2Y"),
    ("Sie lebt seit 2019 hier.", "2019", dt.date(2022, 2, 25), "2019"),
    ("Der Markt ist jeden Montag geöffnet.", "jeden Montag", dt.date(2010, 2, 25), "XXXX-WXX-1"),
    ("Die Feier findet jährlich statt.", "jährlich", dt.date(2010, 2, 25), "P1Y"),
]


@pytest.mark.parametrize(("sentence", "expression", "published", "expected"), RESOLUTIONS)
def test_resolution(sentence: str, expression: str, published: dt.date, expected: str) -> None:
    assert _find(_tag(sentence, published), expression).timex.value == expected


def test_vague_distance_is_an_approximate_date() -> None:
    tagged = _find(_tag("Auslöser war vor gut einer Woche Unmut.", dt.date(2022, 1, 8)), "gut einer Woche")
    assert (tagged.timex.type, tagged.timex.value, tagged.timex.mod) == ("DURATION", "P1W", "APPROX")
    assert tagged.date is not None and tagged.date.approximate
    assert tagged.date.start[:10] <= "2022-01-01" <= tagged.date.end[:10]


def test_ranges_are_two_expressions() -> None:
    tagged = _tag("Die Messe dauert vom 5. bis 8. Januar. Gebaut wurde zwischen 1990 und 1995.",
                  dt.date(2022, 1, 3))
    assert [t.timex.value for t in tagged] == ["2022-01-05", "2022-01-08", "1990", "1995"]


@pytest.mark.parametrize(("sentence", "expression"), [
    ("Am Mittwoch hatte er gesprochen.", "Mittwoch"),
    ("Er sprach gestern.", "gestern"),
])
def test_publication_month_only_invents_no_day(sentence: str, expression: str) -> None:
    tagged = _find(_tag(sentence, dt.date(2022, 1, 1), precision="month"), expression)
    assert tagged.timex.value == "2022-01"
    assert tagged.date is not None and tagged.date.approximate and tagged.date.basis == "publication"


@pytest.fixture(scope="module")
def shipped_report() -> list[TaggedTimex]:
    text = (resources.files("timeline") / "data" / "reports" / "kasachstan-2022-01.txt").read_text(encoding="utf-8")
    return _tag(text, dt.date(2022, 1, 8))


@pytest.mark.parametrize(("expression", "value"), [
    ("Mittwoch", "2022-01-05"),
    ("Freitag", "2022-01-07"),
    ("Freitagabend", "2022-01-07TEV"),
    ("Nacht zum Samstag", "2022-01-07TNI"),
    ("vergangenen Jahr", "2021"),
    ("2019", "2019"),
    ("heute", "PRESENT_REF"),
])
def test_shipped_report(shipped_report: list[TaggedTimex], expression: str, value: str) -> None:
    assert _find(shipped_report, expression).timex.value == value


def test_shipped_report_vague_week_and_evening(shipped_report: list[TaggedTimex]) -> None:
    week = _find(shipped_report, "gut einer Woche")
    assert (week.timex.value, week.timex.mod) == ("P1W", "APPROX")
    assert week.date is not None and week.date.start[:10] <= "2022-01-01" <= week.date.end[:10]
    evening = _find(shipped_report, "Abend")
    before = [t for t in shipped_report if t.timex.start < evening.timex.start and t.date is not None
              and t.date.granularity in ("day", "part-of-day", "time") and not t.date.approximate]
    assert evening.timex.value == before[-1].date.value[:10] + "TEV"
