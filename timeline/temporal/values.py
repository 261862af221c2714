"""TIMEX3 values: building them at a granularity, and the time interval each one covers."""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil.relativedelta import relativedelta

# Parts of the day as hours [start, end) on the day named; night runs into the next day.
PARTS_OF_DAY = {"MO": (5, 12), "MI": (11, 14), "AF": (12, 18), "EV": (18, 24), "NI": (22, 30)}
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
#: the share of an interval that START, MID and END name
_MOD_SHARE = {"START": (0.0, 1 / 3), "MID": (1 / 3, 2 / 3), "END": (2 / 3, 1.0)}

_VALUE = re.compile(
    r"^(?:(?P<century>\d{2})|(?P<decade>\d{3})|(?P<year>\d{4})"
    r"(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<season>SP|SU|FA|WI)|W(?P<week>\d{2})(?P<weekend>-WE)?"
    r"|(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?:(?P<pod>MO|MI|AF|EV|NI)|(?P<hour>\d{2})[:.](?P<minute>\d{2})))?)?))?)$"
)


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


#: values whose granularity and interval are remembered: a report names the same few dates again and again
_VALUES_REMEMBERED = 1 << 12


@functools.lru_cache(maxsize=_VALUES_REMEMBERED)
def granularity_of(value: str) -> str | None:
    match = _VALUE.match(value)
    if not match:
        return None
    g = match.groupdict()
    for name, key in (("time", "hour"), ("part-of-day", "pod"), ("day", "day"), ("month", "month"),
                      ("week", "week"), ("season", "season"), ("quarter", "quarter"), ("half", "half"),
                      ("year", "year"), ("decade", "decade"), ("century", "century")):
        if g[key]:
            return name
    return None


@functools.lru_cache(maxsize=_VALUES_REMEMBERED)
def interval_of(value: str, mod: str | None = None) -> tuple[dt.datetime, dt.datetime] | None:
    """First and last instant that a TIMEX3 date or time value covers; None when it names no period."""
    match = _VALUE.match(value)
    if not match:
        return None
    g = {k: v for k, v in match.groupdict().items() if v}
    if "century" in g:
        start, end = dt.datetime(int(g["century"]) * 100 or 1, 1, 1), dt.datetime(int(g["century"]) * 100 + 100, 1, 1)
    elif "decade" in g:
        start, end = dt.datetime(int(g["decade"]) * 10, 1, 1), dt.datetime(int(g["decade"]) * 10 + 10, 1, 1)
    else:
        year = int(g["year"])
        start, end = _interval_in_year(year, g)
    if mod in _MOD_SHARE:
        share = _MOD_SHARE[mod]
        length = end - start
        start, end = start + length * share[0], start + length * share[1]
    return start, end - dt.timedelta(seconds=1)


def _interval_in_year(year: int, g: dict[str, str]) -> tuple[dt.datetime, dt.datetime]:
    if "hour" in g:
        day = dt.date(year, int(g["month"]), int(g["day"]))
        hour = int(g["hour"])
        start = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour, minutes=int(g["minute"]))
        return start, start + dt.timedelta(minutes=1)
    if "pod" in g:
        day = dt.datetime(year, int(g["month"]), int(g["day"]))
        first, last = PARTS_OF_DAY[g["pod"]]
        return day + dt.timedelta(hours=first), day + dt.timedelta(hours=last)
    if "day" in g:
        start = dt.datetime(year, int(g["month"]), int(g["day"]))
        return start, start + dt.timedelta(days=1)
    if "month" in g:
        start = dt.datetime(year, int(g["month"]), 1)
        return start, start + relativedelta(months=1)
    if "week" in g:
        first_day = 6 if "weekend" in g else 1
        start = dt.datetime.combine(dt.date.fromisocalendar(year, int(g["week"]), first_day), dt.time())
        return start, start + dt.timedelta(days=8 - first_day)
    if "season" in g:
        first, last = SEASONS[g["season"]]
        start = dt.datetime(year, first, 1)
        return start, start + relativedelta(months=last - first + 1)
    if "quarter" in g:
        start = dt.datetime(year, 3 * int(g["quarter"]) - 2, 1)
        return start, start + relativedelta(months=3)
    if "half" in g:
        start = dt.datetime(year, 6 * int(g["half"]) - 5, 1)
        return start, start + relativedelta(months=6)
    return dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)


def is_valid_date_value(value: str) -> bool:
    try:
        return interval_of(value) is not None
    except ValueError:
        return False


#: what one unit of a duration adds, how precisely a distance in it dates a point, and its length in days
UNIT_DELTA = {
    "S": relativedelta(seconds=1), "MIN": relativedelta(minutes=1), "H": relativedelta(hours=1),
    "D": relativedelta(days=1), "W": relativedelta(weeks=1), "M": relativedelta(months=1),
    "Q": relativedelta(months=3), "Y": relativedelta(years=1), "DE": relativedelta(years=10),
    "CE": relativedelta(years=100), "ML": relativedelta(years=1000),
}
UNIT_GRANULARITY = {"S": "day", "MIN": "day", "H": "day", "D": "day", "W": "day", "M": "month",
                    "Q": "month", "Y": "year", "DE": "year", "CE": "year", "ML": "year"}
UNIT_DAYS = {"S": 1 / 86400, "MIN": 1 / 1440, "H": 1 / 24, "D": 1, "W": 7, "M": 30.44, "Q": 91.3, "Y": 365.25,
             "DE": 3652.5, "CE": 36525, "ML": 365250}
_TIME_UNITS = {"S", "MIN", "H"}
#: what one calendar unit ("next week", "last quarter") shifts, and the precision a reference needs for it
CALENDAR_SHIFT = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
                  "quarter": relativedelta(months=3), "half": relativedelta(months=6),
                  "year": relativedelta(years=1), "decade": relativedelta(years=10),
                  "century": relativedelta(years=100)}
CALENDAR_PRECISION = {"day": "day", "week": "day", "month": "month", "quarter": "month", "half": "month",
                      "year": "year", "decade": "year", "century": "year"}


def duration_value(amount: float | str, unit: str) -> str:
    """"P3D", "PT2H", "PXY": `amount` units; "X" for an unknown amount."""
    if amount != "X":
        amount = int(amount) if float(amount).is_integer() else amount
    if unit in _TIME_UNITS:
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def at_granularity(day: dt.date, granularity: str) -> str:
    """The value of the day, month ("2024-03") or year that holds `day`."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "month":
        return day.strftime("%Y-%m")
    return str(day.year)


def calendar_unit_value(day: dt.date, unit: str) -> str:
    """The value of the calendar unit ("week", "quarter" …) that holds `day`."""
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return week_value(day)
    if unit == "month":
        return day.strftime("%Y-%m")
    if unit == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{day.year}-H{(day.month - 1) // 6 + 1}"
    if unit == "decade":
        return str(day.year // 10)
    if unit == "century":
        return str(day.year // 100)
    return str(day.year)
