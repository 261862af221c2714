"""Calendar values: the kinds of value that name a day, a week, a month, a year … (`CALENDAR_VALUES`),
each worked out from the reference time, the date last mentioned and the tense.

Each gives the value and its basis: "text" when the text and the reference fix it, "context" when
it comes from the date last mentioned, "publication" when the reference was too vague for it and
the value is the reference's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from ..lang.rule_values import UNKNOWN
from .values import CALENDAR_PRECISION, CALENDAR_SHIFT, calendar_unit_value, week_value

#: the fields of a match: value field → what it filled in
Fields = Mapping[str, Any]

_PRECISION_RANK = {"century": 0, "decade": 1, "year": 2, "month": 3, "day": 4}
#: with an unclear tense, how much farther away a past month or season counts than a coming one
_PAST_DISTANCE_WEIGHT = 2
#: a past account is set in the year last named when that is at least this many years before the reference
_STORY_YEARS_BACK = 2
#: two-digit years without a reference are taken nearest to this year
_TWO_DIGIT_PIVOT = 2000
#: the TIMEX3 part of the day that runs into the next day
NIGHT = "NI"
#: the tense of a weekday told in the present with its verb right after it ("Am Samstag empfängt die
#: Mannschaft den Tabellenführer"): a happening on the programme, the coming such day (today included)
SCHEDULED = "scheduled"


@dataclass(frozen=True)
class Reference:
    """A known point in time and how precisely it is known ("day", "month" or "year")."""

    day: dt.date
    precision: str

    def knows(self, precision: str) -> bool:
        return _PRECISION_RANK[self.precision] >= _PRECISION_RANK[precision]

    def value(self) -> str:
        return {"day": self.day.isoformat(), "month": self.day.strftime("%Y-%m"),
                "year": str(self.day.year)}[self.precision]


class Situation(NamedTuple):
    """What an expression is resolved against (a tuple: one is made per expression)."""

    reference: Reference | None    # what dates count from: the publication; in a narrative the last date
    context: Reference | None      # the date mentioned last
    tense: str                     # of the clause: "past", "future", "present" (also: unclear) or SCHEDULED
    narrative: bool                # a story with a date so far: the nearest date to the last one is meant

    @property
    def leaning(self) -> str | None:
        """"past" or "future" when the tense says on which side of the reference an open date lies;
        None for the nearer side (a narrative is told in the past whatever it dates)."""
        return None if self.narrative or self.tense not in ("past", "future") else self.tense

    def context_or_reference(self, precision: str) -> Reference | None:
        """The date last mentioned when it is known at `precision`, else the reference."""
        return self.context if self.context is not None and self.context.knows(precision) else self.reference


class Unresolvable(Exception):
    """The reference is too vague or absent for this expression."""


#: a kind of calendar value: the value and its basis ("text", "context" or "publication")
CalendarValue = Callable[[Fields, Situation], tuple[str, str]]


def _require(reference: Reference | None, precision: str) -> Reference:
    if reference is None or not reference.knows(precision):
        raise Unresolvable
    return reference


def _on_day(day: dt.date | None, basis: str, spec: Fields, situation: Situation) -> tuple[str, str]:
    """The value of a day, with its clock time or part of the day; None: the reference knows no day."""
    if day is None:
        return _require(situation.reference, "year").value(), "publication"
    if "hour" in spec:
        return f"{day.isoformat()}T{int(spec['hour']):02d}:{int(spec.get('minute') or 0):02d}", basis
    if "daypart" in spec:
        return f"{day.isoformat()}T{spec['daypart']}", basis
    return day.isoformat(), basis


def _year(spec: Fields, situation: Situation) -> tuple[str, str]:
    return f"{int(spec['year']):04d}", "text"


def _decade(spec: Fields, situation: Situation) -> tuple[str, str]:
    """"1990er" names its century; "90er" takes the latest one that is not in the future."""
    decade = int(spec["decade"])
    if decade >= 100:
        return str(decade // 10), "text"
    if "century_prefix" in spec:
        return str(int(spec["century_prefix"]) * 10 + decade // 10), "text"
    reference = situation.reference
    now = reference.day.year if reference else dt.date.today().year
    century = now // 100
    if century * 100 + decade > now:
        century -= 1
    return str(century * 10 + decade // 10), "text"


def _century(spec: Fields, situation: Situation) -> tuple[str, str]:
    return str(int(spec["century"]) - 1), "text"


def _relative_day_value(spec: Fields, situation: Situation) -> tuple[str, str]:
    day, basis = _relative_day(int(spec["relative_day"]), situation.reference)
    return _on_day(day, basis, spec, situation)


def _context_day(spec: Fields, situation: Situation) -> tuple[str, str]:
    source = situation.context_or_reference("day")
    day, basis = _relative_day(int(spec["context_day"]), source)
    return _on_day(day, "context" if source is situation.context else basis, spec, situation)


def _weekend(spec: Fields, situation: Situation) -> tuple[str, str]:
    saturday, basis = _weekday({**spec, "weekday": 6}, situation)
    if saturday is None:
        return _require(situation.reference, "year").value(), "publication"
    return f"{week_value(saturday)}-WE", basis


def _weekday_value(spec: Fields, situation: Situation) -> tuple[str, str]:
    day, basis = _weekday(spec, situation)
    return _on_day(day, basis, spec, situation)


def _holiday_value(spec: Fields, situation: Situation) -> tuple[str, str]:
    return _on_day(_holiday(spec, situation), "text", spec, situation)


def _day_value(spec: Fields, situation: Situation) -> tuple[str, str]:
    day, basis = _day_of_month(spec, situation)
    return _on_day(day, basis, spec, situation)


def _month(spec: Fields, situation: Situation) -> tuple[str, str]:
    month = int(spec["month"])
    year = (spec.get("year") or _offset_year(spec, situation.reference) or _story_year(situation)
            or _nearest_year(lambda y: dt.date(y, month, 1),
                             lambda y: dt.date(y, month, 1) + relativedelta(months=1, days=-1), situation))
    return f"{int(year):04d}-{month:02d}", "text"


def _season(spec: Fields, situation: Situation) -> tuple[str, str]:
    season = str(spec["season"])
    if "year" in spec:
        year = int(spec["year"])
    elif "offset" in spec:
        year = _require(situation.reference, "year").day.year + int(spec["offset"])
    else:
        months = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}[season]
        year = _nearest_year(lambda y: dt.date(y, months[0], 1), lambda y: dt.date(y, months[1], 28), situation)
    return f"{year}-{season}", "text"


def _part_of_year(field: str, letter: str) -> CalendarValue:
    """A quarter ("Q") or half ("H") of the year named or of the reference year."""
    def find(spec: Fields, situation: Situation) -> tuple[str, str]:
        year = spec.get("year") or _require(situation.reference, "year").day.year + int(spec.get("offset", 0))
        return f"{year}-{letter}{spec[field]}", "text"
    return find


def _calendar_unit(spec: Fields, situation: Situation) -> tuple[str, str]:
    unit = str(spec["rel"])
    context = situation.context
    if "offset" not in spec and context is not None and context.knows(CALENDAR_PRECISION[unit]):
        return _relative_unit(unit, 0, context)[0], "context"   # "Ende des Jahres": the year last named
    return _relative_unit(unit, int(spec.get("offset", 0)), situation.reference)


def _time_of_day(spec: Fields, situation: Situation) -> tuple[str, str]:
    """A part of the day last mentioned; a night told in the past on the publication day (none named
    before it, or that day itself) is the night to it ("In der Nacht brannten Autos" in the morning
    paper), after another day that day's night."""
    source = _require(situation.context_or_reference("day"), "day")
    day = source.day
    reference = situation.reference
    if spec.get("daypart") == NIGHT and situation.leaning == "past" and reference is not None \
            and reference.knows("day") and day == reference.day:
        day -= dt.timedelta(days=1)
    return _on_day(day, "context", spec, situation)


def day_of_part(situation: Situation) -> tuple[dt.date, str] | None:
    """The day a part of the day told in the past without a day word belongs to ("kam abends"): the
    day last mentioned; None when no day was named (then "nachts" is as likely a habit as a night).
    """
    context = situation.context
    if situation.tense != "past" or context is None or not context.knows("day"):
        return None
    return context.day, "context"


def _unresolvable(spec: Fields, situation: Situation) -> tuple[str, str]:
    raise Unresolvable


#: the function of each kind of calendar value (`lang.rule_values.VALUE_KINDS`; UNKNOWN: no kind's field)
CALENDAR_VALUES: dict[str, CalendarValue] = {
    "weekday": _weekday_value, "holiday": _holiday_value, "day": _day_value, "month": _month, "season": _season,
    "quarter": _part_of_year("quarter", "Q"), "half": _part_of_year("half", "H"), "year": _year,
    "decade": _decade, "century": _century, "relative_day": _relative_day_value, "context_day": _context_day,
    "weekend": _weekend, "calendar_unit": _calendar_unit, "time_of_day": _time_of_day, UNKNOWN: _unresolvable,
}


def full_year(short: int, reference: Reference | None) -> int:
    """"39" is the year ending so nearest the reference (1939 in a story of 1938); without one, 1950-2049."""
    around = reference.day.year if reference else _TWO_DIGIT_PIVOT
    return min((century + short for century in range(around // 100 * 100 - 100, around + 101, 100)),
               key=lambda year: abs(year - around))


def _offset_year(spec: Fields, reference: Reference | None) -> int | None:
    """The year of "Juli dieses Jahres", "August vorigen Jahres": the reference year shifted."""
    if "year_offset" not in spec:
        return None
    return _require(reference, "year").day.year + int(spec["year_offset"])


def _story_year(situation: Situation) -> int | None:
    """In a past-tense account of years long gone ("1991 ... im April"), a month falls in the year last named."""
    reference, context = situation.reference, situation.context
    if situation.leaning != "past" or reference is None or context is None \
            or context.day.year > reference.day.year - _STORY_YEARS_BACK:
        return None
    return context.day.year


def _relative_day(offset: int, reference: Reference | None) -> tuple[dt.date | None, str]:
    reference = _require(reference, "year")
    if not reference.knows("day"):
        return None, "publication"
    return reference.day + dt.timedelta(days=offset), "text"


def _weekday(spec: Fields, situation: Situation) -> tuple[dt.date | None, str]:
    reference = _require(situation.reference, "year")
    if not reference.knows("day"):
        return None, "publication"
    target = int(spec["weekday"])
    today = reference.day
    back = (today.isoweekday() - target) % 7        # days back to the latest such day (0: today)
    ahead = (target - today.isoweekday()) % 7
    if spec.get("night_before"):                     # the night into that day begins the day before
        target = (target - 2) % 7 + 1
        back, ahead = (today.isoweekday() - target) % 7, (target - today.isoweekday()) % 7
    direction = spec.get("direction")
    if direction is not None:
        direction = int(direction)
        if direction < 0:
            return today - dt.timedelta(days=back or 7), "text"
        if direction > 0:
            return today + dt.timedelta(days=ahead or 7), "text"
        return dt.date.fromisocalendar(*today.isocalendar()[:2], target), "text"
    if situation.leaning == "past":
        return today - dt.timedelta(days=back), "text"
    if situation.tense == SCHEDULED and not situation.narrative:
        return today + dt.timedelta(days=ahead), "text"
    if situation.leaning == "future":
        return today + dt.timedelta(days=ahead or 7), "text"
    return (today - dt.timedelta(days=back) if back <= ahead else today + dt.timedelta(days=ahead)), "text"


def _nearest_year(first_day: Callable[[int], dt.date], last_day: Callable[[int], dt.date],
                  situation: Situation) -> int:
    """The year for a month, season or holiday without one, in the direction of the tense."""
    reference = _require(situation.reference, "year")
    if not reference.knows("month"):
        return reference.day.year
    today = reference.day
    years = (today.year - 1, today.year, today.year + 1)
    if situation.leaning == "past":
        candidates = [y for y in years if first_day(y) <= today]
        return max(candidates)
    if situation.leaning == "future":
        return min(y for y in years if last_day(y) >= today)
    weight = 1 if situation.narrative else _PAST_DISTANCE_WEIGHT

    def distance(year: int) -> int:
        """Days away; in news a period already over counts more: news speak more of what is coming."""
        if first_day(year) <= today <= last_day(year):
            return 0
        if first_day(year) > today:
            return (first_day(year) - today).days
        return weight * (today - last_day(year)).days
    return min(years, key=distance)


def _holiday(spec: Fields, situation: Situation) -> dt.date:
    holiday = spec["holiday"]
    if not isinstance(holiday, dict):
        raise Unresolvable

    def on(year: int) -> dt.date:
        if "easter" in holiday:
            return easter(year) + dt.timedelta(days=int(holiday["easter"]))
        return dt.date(year, int(holiday["month"]), int(holiday["day"]))
    year = spec.get("year") or _nearest_year(on, on, situation)
    return on(int(year))


def _day_of_month(spec: Fields, situation: Situation) -> tuple[dt.date, str]:
    day = int(spec["day"])
    if "month" in spec:
        month = int(spec["month"])
        year = spec.get("year") or _offset_year(spec, situation.reference)
        if year is None:
            year = _story_year(situation) or _nearest_year(lambda y: dt.date(y, month, min(day, 28)),
                                                           lambda y: dt.date(y, month, min(day, 28)), situation)
            if "day_of_week" in spec:
                year = _year_of_weekday(year, month, day, int(spec["day_of_week"]), situation.reference)
        try:
            return dt.date(int(year), month, day), "text"
        except ValueError:
            raise Unresolvable from None
    source = _require(situation.context_or_reference("month"), "month")
    anchor = source.day.replace(day=1)
    try:
        return anchor.replace(day=day), "context"
    except ValueError:
        raise Unresolvable from None


def nearest_date(day: int, month: int, year: int | None, near: dt.date) -> dt.date | None:
    """The day of the month in `year`, or without one in the year that brings it nearest `near`
    (a stamp "3. Mai" in a ticker, a date a report names); None when no such day exists."""
    dates = []
    for candidate in [year] if year else [near.year - 1, near.year, near.year + 1]:
        try:
            dates.append(dt.date(candidate, month, day))
        except ValueError:
            continue
    return min(dates, key=lambda date: abs((date - near).days)) if dates else None


def _year_of_weekday(year: int, month: int, day: int, weekday: int, reference: Reference | None) -> int:
    """The year, of those around `year` and around the reference's, in which the day falls on the
    weekday named beside it ("Donnerstag, 31. Mai"); `year` itself when none agrees."""
    around = [year] if reference is None else [year, reference.day.year]
    for candidate in (y + shift for y in around for shift in (0, -1, 1)):
        try:
            if dt.date(candidate, month, day).isoweekday() == weekday:
                return candidate
        except ValueError:
            continue
    return year


def _relative_unit(unit: str, offset: int, reference: Reference | None) -> tuple[str, str]:
    reference = _require(reference, "year")
    if not reference.knows(CALENDAR_PRECISION[unit]):
        return reference.value(), "publication"
    return calendar_unit_value(reference.day + CALENDAR_SHIFT[unit] * offset, unit), "text"
