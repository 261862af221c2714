"""Underspecified expression fields → a TIMEX3 value and the interval a timeline sorts by.

The reference is the publication date in news and the last mentioned date in narrative text;
the context is the day last mentioned before the expression ("am Abend" means that day's
evening). Nothing is made more precise than what the text and the reference give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from ..model import DateValue
from .values import granularity_of, interval_of, week_value

_PRECISION_RANK = {"century": 0, "decade": 1, "year": 2, "month": 3, "day": 4}
_UNIT_DELTA = {
    "S": relativedelta(seconds=1), "MIN": relativedelta(minutes=1), "H": relativedelta(hours=1),
    "D": relativedelta(days=1), "W": relativedelta(weeks=1), "M": relativedelta(months=1),
    "Q": relativedelta(months=3), "Y": relativedelta(years=1), "DE": relativedelta(years=10),
    "CE": relativedelta(years=100), "ML": relativedelta(years=1000),
}
_UNIT_GRANULARITY = {"S": "day", "MIN": "day", "H": "day", "D": "day", "W": "day", "M": "month",
                     "Q": "month", "Y": "year", "DE": "year", "CE": "year", "ML": "year"}
_TIME_UNITS = {"S", "MIN", "H"}
_CALENDAR_SHIFT = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
                   "quarter": relativedelta(months=3), "half": relativedelta(months=6),
                   "year": relativedelta(years=1), "decade": relativedelta(years=10),
                   "century": relativedelta(years=100)}
_CALENDAR_PRECISION = {"day": "day", "week": "day", "month": "month", "quarter": "month", "half": "month",
                       "year": "year", "decade": "year", "century": "year"}
#: with an unclear tense, how much farther away a past month or season counts than a coming one
_PAST_DISTANCE_WEIGHT = 2
#: a past account is set in the year last named when that is at least this many years before the reference
_STORY_YEARS_BACK = 2
#: offsets from the day last mentioned ("später", "zuvor") and the anchor they amount to
_CONTEXT_ANCHORS = {"later": "after", "earlier": "before"}
#: two-digit years without a reference are taken nearest to this year
_TWO_DIGIT_PIVOT = 2000
_APPROXIMATE_MODS = {"APPROX", "START", "MID", "END", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
                     "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}


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


@dataclass(frozen=True)
class Resolution:
    type: str
    value: str
    mod: str | None
    date: DateValue | None


class _Unresolvable(Exception):
    """The reference is too vague or absent for this expression."""


def expression_type(spec: dict[str, Any], declared: str | None) -> str:
    if declared:
        return declared
    if "set" in spec:
        return "SET"
    if "unit" in spec and "rel" not in spec:
        return "DURATION"
    if "daypart" in spec or "hour" in spec:
        return "TIME"
    return "DATE"


def resolve(spec: dict[str, Any], expression: str, type_: str, reference: Reference | None,
            context: Reference | None, tense: str) -> Resolution:
    """Resolve the fields a rule produced against the reference time.

    `tense` is "past", "future", "present" (or unclear) or "narrative"; in a narrative an offset from
    the last date ("zwei Tage später") names a date, in news a duration.
    """
    mod = spec.get("mod")
    if "value" in spec:
        return Resolution(type_, str(spec["value"]), mod, None)
    if "ref" in spec:
        return Resolution(type_, str(spec["ref"]), mod, None)
    if "ref_when_present" in spec and tense in ("present", "narrative"):   # "heute" in a general statement
        return Resolution(type_, str(spec["ref_when_present"]), mod, None)
    if type_ == "SET":
        return Resolution(type_, str(spec["set"]), mod, None)
    if type_ == "DURATION":
        if spec.get("anchor") in _CONTEXT_ANCHORS:
            base = context if context is not None and context.knows("day") else reference
            resolution = _duration({**spec, "anchor": _CONTEXT_ANCHORS[spec["anchor"]]}, expression, base, mod)
            if resolution.date is None:
                return resolution
            date = replace(resolution.date, basis="context" if base is context else resolution.date.basis)
            if tense == "narrative":
                return Resolution("DATE", date.value, mod, date)
            return Resolution("DURATION", resolution.value, mod, date)
        return _duration(spec, expression, reference, mod)
    try:
        value, basis = _calendar_value(spec, reference, context, tense)
    except _Unresolvable:
        return Resolution(type_, _unknown_value(spec), mod, None)
    return Resolution(type_, value, mod, _date_value(value, mod, expression, basis))


def _date_value(value: str, mod: str | None, expression: str, basis: str,
                approximate: bool = False) -> DateValue | None:
    try:
        interval = interval_of(value, mod)
    except ValueError:
        return None
    if interval is None:
        return None
    return DateValue(value=value, start=interval[0].isoformat(), end=interval[1].isoformat(),
                     granularity=granularity_of(value) or "day",
                     approximate=approximate or mod in _APPROXIMATE_MODS or basis == "publication",
                     expression=expression, basis=basis, mod=mod)


def _amount(spec: dict[str, Any]) -> float | str:
    amount = spec.get("amount", 1)
    return "X" if amount in ("X", None) else float(amount)


def _duration_value(amount: float | str, unit: str) -> str:
    if amount != "X":
        amount = int(amount) if float(amount).is_integer() else amount
    if unit in _TIME_UNITS:
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def _duration(spec: dict[str, Any], expression: str, reference: Reference | None, mod: str | None) -> Resolution:
    """A duration; anchored by "vor"/"seit"/"in" it also dates a point or a range."""
    unit = str(spec["unit"])
    amount = _amount(spec)
    value = _duration_value(amount, unit)
    anchor = spec.get("anchor")
    if not anchor or amount == "X" or reference is None:
        return Resolution("DURATION", value, mod, None)
    shift = (_UNIT_DELTA[unit] * int(amount) if float(amount).is_integer()
             else relativedelta(days=round(float(amount) * _days_in(unit))))
    granularity = _UNIT_GRANULARITY[unit]
    if not reference.knows(granularity):
        granularity = reference.precision
    ref_start, ref_end = interval_of(reference.value())
    basis = "text" if reference.precision == "day" else "publication"
    approximate = mod is not None or basis == "publication"
    if anchor == "since":
        start_value = _at_granularity((ref_start - shift).date(), granularity)
        date = DateValue(value=f"{start_value}/{reference.value()}", start=interval_of(start_value)[0].isoformat(),
                         end=ref_end.isoformat(), granularity=granularity, approximate=approximate,
                         expression=expression, basis=basis, mod=mod)
        return Resolution("DURATION", value, mod, date)
    if basis == "publication":                       # the reference is a period: so is the point
        low, high = (ref_start - shift, ref_end - shift) if anchor == "before" else (ref_start + shift, ref_end + shift)
        point_value = _at_granularity((low + (high - low) / 2).date(), granularity)
    else:
        point = ref_start - shift if anchor == "before" else ref_start + shift
        point_value = _at_granularity(point.date(), granularity)
        low, high = interval_of(point_value)
    if mod is not None and granularity == "day":     # a hedged distance is a range around the point
        slack = dt.timedelta(days=max(1, int(_days_in(unit) // 2)))
        further, nearer = {"MORE_THAN", "EQUAL_OR_MORE"}, {"LESS_THAN", "EQUAL_OR_LESS"}
        earlier, later = (further, nearer) if anchor == "before" else (nearer, further)
        if mod == "APPROX" or mod in earlier:
            low -= slack
        if mod == "APPROX" or mod in later:
            high += slack
    date = DateValue(value=point_value, start=low.isoformat(), end=high.isoformat(), granularity=granularity,
                     approximate=approximate, expression=expression, basis=basis, mod=mod)
    return Resolution("DURATION", value, mod, date)


def _days_in(unit: str) -> float:
    return {"S": 1 / 86400, "MIN": 1 / 1440, "H": 1 / 24, "D": 1, "W": 7, "M": 30.44, "Q": 91.3, "Y": 365.25,
            "DE": 3652.5, "CE": 36525, "ML": 365250}[unit]


def _at_granularity(day: dt.date, granularity: str) -> str:
    if granularity == "day":
        return day.isoformat()
    if granularity == "month":
        return day.strftime("%Y-%m")
    return str(day.year)


def _unknown_value(spec: dict[str, Any]) -> str:
    if "weekday" in spec:
        return f"XXXX-WXX-{spec['weekday']}"
    if "month" in spec:
        return f"XXXX-{int(spec['month']):02d}" + (f"-{int(spec['day']):02d}" if "day" in spec else "")
    if "season" in spec:
        return f"XXXX-{spec['season']}"
    suffix = f"T{spec['daypart']}" if "daypart" in spec else ""
    return "XXXX-XX-XX" + suffix


def _require(reference: Reference | None, precision: str) -> Reference:
    if reference is None or not reference.knows(precision):
        raise _Unresolvable
    return reference


def _calendar_value(spec: dict[str, Any], reference: Reference | None, context: Reference | None,
                    tense: str) -> tuple[str, str]:
    """The value at the granularity the expression names, and its basis ("text"/"context"/"publication")."""
    basis = "text"
    if "year_short" in spec:
        spec = {**spec, "year": _full_year(int(spec["year_short"]), reference)}
    if "year" in spec and "month" not in spec and "holiday" not in spec and not _has_sub_year(spec):
        return f"{int(spec['year']):04d}", basis
    if "decade" in spec:
        return _decade(spec, reference), basis
    if "century" in spec:
        return str(int(spec["century"]) - 1), basis

    day: dt.date | None = None
    if "relative_day" in spec:
        day, basis = _relative_day(int(spec["relative_day"]), reference)
    elif "context_day" in spec:
        source = context if context is not None and context.knows("day") else reference
        day, basis = _relative_day(int(spec["context_day"]), source)
        basis = "context" if source is context else basis
    elif "weekend" in spec:
        saturday, basis = _weekday({**spec, "weekday": 6}, reference, tense)
        if saturday is None:
            return _require(reference, "year").value(), "publication"
        return f"{week_value(saturday)}-WE", basis
    elif "weekday" in spec:
        day, basis = _weekday(spec, reference, tense)
    elif "holiday" in spec:
        day = _holiday(spec, reference, tense)
    elif "day" in spec:
        day, basis = _day_of_month(spec, reference, context, tense)
    elif "month" in spec:
        month = int(spec["month"])
        year = (spec.get("year") or _offset_year(spec, reference) or _story_year(reference, context, tense)
                or _nearest_year(lambda y: dt.date(y, month, 1),
                                 lambda y: dt.date(y, month, 1) + relativedelta(months=1, days=-1), reference, tense))
        return f"{int(year):04d}-{month:02d}", basis
    elif "season" in spec:
        return _season(spec, reference, tense), basis
    elif "quarter" in spec or "half" in spec:
        year = spec.get("year") or _require(reference, "year").day.year + int(spec.get("offset", 0))
        key = "Q" + str(spec["quarter"]) if "quarter" in spec else "H" + str(spec["half"])
        return f"{year}-{key}", basis
    elif "rel" in spec:
        unit = str(spec["rel"])
        if "offset" not in spec and context is not None and context.knows(_CALENDAR_PRECISION[unit]):
            return _relative_unit(unit, 0, context)[0], "context"   # "Ende des Jahres": the year last named
        return _relative_unit(unit, int(spec.get("offset", 0)), reference)
    elif "daypart" in spec or "hour" in spec:
        source = context if context is not None and context.knows("day") else reference
        day = _require(source, "day").day
        basis = "context"
    else:
        raise _Unresolvable

    if day is None:                                   # the reference knows less than a day
        return _require(reference, "year").value(), "publication"
    if "hour" in spec:
        return f"{day.isoformat()}T{int(spec['hour']):02d}:{int(spec.get('minute') or 0):02d}", basis
    if "daypart" in spec:
        return f"{day.isoformat()}T{spec['daypart']}", basis
    return day.isoformat(), basis


def _full_year(short: int, reference: Reference | None) -> int:
    """"39" is the year ending so nearest the reference (1939 in a story of 1938); without one, 1950-2049."""
    around = reference.day.year if reference else _TWO_DIGIT_PIVOT
    return min((century + short for century in range(around // 100 * 100 - 100, around + 101, 100)),
               key=lambda year: abs(year - around))


def _offset_year(spec: dict[str, Any], reference: Reference | None) -> int | None:
    """The year of "Juli dieses Jahres", "August vorigen Jahres": the reference year shifted."""
    if "year_offset" not in spec:
        return None
    return _require(reference, "year").day.year + int(spec["year_offset"])


def _story_year(reference: Reference | None, context: Reference | None, tense: str) -> int | None:
    """In a past-tense account of years long gone ("1991 ... im April"), a month falls in the year last named."""
    if tense != "past" or reference is None or context is None \
            or context.day.year > reference.day.year - _STORY_YEARS_BACK:
        return None
    return context.day.year


def _has_sub_year(spec: dict[str, Any]) -> bool:
    return any(k in spec for k in ("season", "quarter", "half", "day", "weekday"))


def _relative_day(offset: int, reference: Reference | None) -> tuple[dt.date | None, str]:
    reference = _require(reference, "year")
    if not reference.knows("day"):
        return None, "publication"
    return reference.day + dt.timedelta(days=offset), "text"


def _weekday(spec: dict[str, Any], reference: Reference | None, tense: str) -> tuple[dt.date | None, str]:
    reference = _require(reference, "year")
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
    if tense == "past":
        return today - dt.timedelta(days=back), "text"
    if tense == "future":
        return today + dt.timedelta(days=ahead or 7), "text"
    return (today - dt.timedelta(days=back) if back <= ahead else today + dt.timedelta(days=ahead)), "text"


def _nearest_year(first_day, last_day, reference: Reference | None, tense: str) -> int:
    """The year for a month, season or holiday without one, in the direction of the tense."""
    reference = _require(reference, "year")
    if not reference.knows("month"):
        return reference.day.year
    today = reference.day
    years = (today.year - 1, today.year, today.year + 1)
    if tense == "past":
        candidates = [y for y in years if first_day(y) <= today]
        return max(candidates)
    if tense == "future":
        return min(y for y in years if last_day(y) >= today)
    weight = 1 if tense == "narrative" else _PAST_DISTANCE_WEIGHT

    def distance(year: int) -> int:
        """Days away; in news a period already over counts more: news speak more of what is coming."""
        if first_day(year) <= today <= last_day(year):
            return 0
        if first_day(year) > today:
            return (first_day(year) - today).days
        return weight * (today - last_day(year)).days
    return min(years, key=distance)


def _holiday(spec: dict[str, Any], reference: Reference | None, tense: str) -> dt.date:
    holiday = spec["holiday"]
    if not isinstance(holiday, dict):
        raise _Unresolvable

    def on(year: int) -> dt.date:
        if "easter" in holiday:
            return easter(year) + dt.timedelta(days=int(holiday["easter"]))
        return dt.date(year, int(holiday["month"]), int(holiday["day"]))
    year = spec.get("year") or _nearest_year(on, on, reference, tense)
    return on(int(year))


def _day_of_month(spec: dict[str, Any], reference: Reference | None, context: Reference | None,
                  tense: str) -> tuple[dt.date, str]:
    day = int(spec["day"])
    if "month" in spec:
        month = int(spec["month"])
        year = spec.get("year") or _offset_year(spec, reference) or _story_year(reference, context, tense)
        if year is None:
            year = _nearest_year(lambda y: dt.date(y, month, min(day, 28)), lambda y: dt.date(y, month, min(day, 28)),
                                 reference, tense)
        try:
            return dt.date(int(year), month, day), "text"
        except ValueError:
            raise _Unresolvable from None
    source = context if context is not None and context.knows("month") else reference
    source = _require(source, "month")
    anchor = source.day.replace(day=1)
    try:
        return anchor.replace(day=day), "context"
    except ValueError:
        raise _Unresolvable from None


def _season(spec: dict[str, Any], reference: Reference | None, tense: str) -> str:
    season = str(spec["season"])
    if "year" in spec:
        year = int(spec["year"])
    elif "offset" in spec:
        year = _require(reference, "year").day.year + int(spec["offset"])
    else:
        months = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}[season]
        year = _nearest_year(lambda y: dt.date(y, months[0], 1),
                             lambda y: dt.date(y, months[1], 28), reference, tense)
    return f"{year}-{season}"


def _decade(spec: dict[str, Any], reference: Reference | None) -> str:
    """"1990er" names its century; "90er" takes the latest one that is not in the future."""
    decade = int(spec["decade"])
    if decade >= 100:
        return str(decade // 10)
    if "century_prefix" in spec:
        return str(int(spec["century_prefix"]) * 10 + decade // 10)
    now = reference.day.year if reference else dt.date.today().year
    century = now // 100
    if century * 100 + decade > now:
        century -= 1
    return str(century * 10 + decade // 10)


def _relative_unit(unit: str, offset: int, reference: Reference | None) -> tuple[str, str]:
    reference = _require(reference, "year")
    needed = _CALENDAR_PRECISION[unit]
    if not reference.knows(needed):
        return reference.value(), "publication"
    day = reference.day + _CALENDAR_SHIFT[unit] * offset
    if unit == "day":
        return day.isoformat(), "text"
    if unit == "week":
        return week_value(day), "text"
    if unit == "month":
        return day.strftime("%Y-%m"), "text"
    if unit == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}", "text"
    if unit == "half":
        return f"{day.year}-H{(day.month - 1) // 6 + 1}", "text"
    if unit == "decade":
        return str(day.year // 10), "text"
    if unit == "century":
        return str(day.year // 100), "text"
    return str(day.year), "text"
