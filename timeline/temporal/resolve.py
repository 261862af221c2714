"""Underspecified expression fields → a TIMEX3 value and the interval a timeline sorts by.

The reference is the publication date in news and the last mentioned date in narrative text;
the context is the day last mentioned before the expression ("am Abend" means that day's
evening). Nothing is made more precise than what the text and the reference give.

The fields a rule's match filled make a kind of value (`lang.rule_values.value_kind`: a weekday,
a month, a duration …); `RESOLVERS` holds the function of each kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from ..lang.rule_values import MOD_CODES, value_kind
from ..model import DateValue
from .calendar import (
    CALENDAR_VALUES,
    CalendarValue,
    Fields,
    Reference,
    Situation,
    Unresolvable,
    day_of_part,
    full_year,
)
from .values import (
    PARTS_OF_DAY,
    UNIT_DAYS,
    UNIT_DELTA,
    UNIT_GRANULARITY,
    at_granularity,
    duration_value,
    granularity_of,
    interval_of,
)

#: offsets from the day last mentioned ("später", "zuvor") and the anchor they amount to
_CONTEXT_ANCHORS = {"later": "after", "earlier": "before"}


@dataclass(frozen=True)
class Resolution:
    type: str
    value: str
    mod: str | None
    date: DateValue | None


def expression_type(spec: Fields, declared: str | None) -> str:
    if declared:
        return declared
    if "set" in spec:
        return "SET"
    if "unit" in spec and "rel" not in spec:
        return "DURATION"
    if "daypart" in spec or "hour" in spec:
        return "TIME"
    return "DATE"


def looks_back(fields: Fields) -> bool:
    """Whether the fields count back from a date ("im Vorjahr", "zwei Jahre zuvor", "am Vortag")."""
    if fields.get("anchor") in ("earlier", "before"):
        return True
    return any(isinstance(fields.get(key), (int, float)) and fields[key] < 0
               for key in ("offset", "context_day", "relative_day"))


def resolve(fields: Fields, expression: str, type_: str, reference: Reference | None,
            context: Reference | None, tense: str, mode: str = "news") -> Resolution:
    """Resolve the fields a rule's match filled against the reference time.

    In news (`mode`) dates count from the reference and `tense` says on which side of it they lie.
    In a narrative, once it has named a date, they count from the date last mentioned, the nearest
    one meant; there an offset from it ("zwei Tage später") names a date, in news a duration.
    """
    narrative = mode == "narrative" and context is not None
    situation = Situation(context if narrative else reference, context, tense, narrative)
    if "ref_when_present" in fields and (narrative or tense == "present"):   # "heute" in a general statement
        return Resolution(type_, str(fields["ref_when_present"]), fields.get("mod"), None)
    return RESOLVERS[value_kind(fields)](fields, expression, type_, situation)


Resolver = Callable[[Fields, str, str, Situation], Resolution]


def _written(field: str) -> Resolver:
    """A value the rule writes out in `field`."""
    def resolver(fields: Fields, expression: str, type_: str, situation: Situation) -> Resolution:
        return Resolution(type_, str(fields[field]), fields.get("mod"), None)
    return resolver


def _set(fields: Fields, expression: str, type_: str, situation: Situation) -> Resolution:
    """A recurring time; a part of the day alone in a sentence told in the past ("Abends kam die
    Feuerwehr") happened once, on the day in context."""
    value = str(fields["set"])
    part = value.removeprefix("PT")
    found = day_of_part(situation) if part in PARTS_OF_DAY else None
    if found is None:
        return Resolution(type_, value, fields.get("mod"), None)
    time_value = f"{found[0].isoformat()}T{part}"
    mod = fields.get("mod")
    return Resolution("TIME", time_value, mod, _date_value(time_value, mod, expression, found[1]))


def _duration_of(fields: Fields, expression: str, type_: str, situation: Situation) -> Resolution:
    """A duration; counted from the date last mentioned ("zwei Tage später") it dates that day; years
    or months later count from a date known to the year or month ("Im Sommer 1990 … Drei Jahre später")."""
    mod = fields.get("mod")
    anchor = fields.get("anchor")
    if anchor not in _CONTEXT_ANCHORS:
        return _duration(fields, expression, situation.reference, mod)
    base = situation.context_or_reference(UNIT_GRANULARITY.get(str(fields["unit"]), "day"))
    resolution = _duration({**fields, "anchor": _CONTEXT_ANCHORS[anchor]}, expression, base, mod)
    if resolution.date is None:
        return resolution
    date = replace(resolution.date, basis="context" if base is situation.context else resolution.date.basis)
    if situation.narrative:
        return Resolution("DATE", date.value, mod, date)
    return Resolution("DURATION", resolution.value, mod, date)


def _calendar(find: CalendarValue) -> Resolver:
    """The resolver of a kind of calendar value; unknown parts ("XXXX-01") when the reference is too vague."""
    def resolver(fields: Fields, expression: str, type_: str, situation: Situation) -> Resolution:
        mod = fields.get("mod")
        spec = fields
        if "year_short" in fields:
            spec = {**fields, "year": full_year(int(fields["year_short"]), situation.reference)}
        try:
            value, basis = find(spec, situation)
        except Unresolvable:
            return Resolution(type_, _unknown_value(fields), mod, None)
        return Resolution(type_, value, mod, _date_value(value, mod, expression, basis))
    return resolver


def _date_value(value: str, mod: str | None, expression: str, basis: str) -> DateValue | None:
    try:
        interval = interval_of(value, mod)
    except ValueError:
        return None
    if interval is None:
        return None
    return DateValue(value=value, start=interval[0].isoformat(), end=interval[1].isoformat(),
                     granularity=granularity_of(value) or "day",
                     approximate=mod in MOD_CODES or basis == "publication",   # every mod hedges
                     expression=expression, basis=basis, mod=mod)


def _amount(spec: Fields) -> float | str:
    amount = spec.get("amount", 1)
    return "X" if amount in ("X", None) else float(amount)


def _duration(spec: Fields, expression: str, reference: Reference | None, mod: str | None) -> Resolution:
    """A duration; anchored by "vor"/"seit"/"in" it also dates a point or a range."""
    unit = str(spec["unit"])
    amount = _amount(spec)
    value = duration_value(amount, unit)
    anchor = spec.get("anchor")
    if not anchor or amount == "X" or reference is None:
        return Resolution("DURATION", value, mod, None)
    shift = (UNIT_DELTA[unit] * int(amount) if float(amount).is_integer()
             else relativedelta(days=round(float(amount) * UNIT_DAYS[unit])))
    granularity = UNIT_GRANULARITY[unit]
    if not reference.knows(granularity):
        granularity = reference.precision
    ref_start, ref_end = _period(reference.value())
    basis = "text" if reference.precision == "day" else "publication"
    approximate = mod is not None or basis == "publication"
    if anchor == "since":
        start_value = at_granularity((ref_start - shift).date(), granularity)
        date = DateValue(value=f"{start_value}/{reference.value()}", start=_period(start_value)[0].isoformat(),
                         end=ref_end.isoformat(), granularity=granularity, approximate=approximate,
                         expression=expression, basis=basis, mod=mod)
        return Resolution("DURATION", value, mod, date)
    if basis == "publication":                       # the reference is a period: so is the point
        low, high = (ref_start - shift, ref_end - shift) if anchor == "before" else (ref_start + shift, ref_end + shift)
        point_value = at_granularity((low + (high - low) / 2).date(), granularity)
    else:
        point = ref_start - shift if anchor == "before" else ref_start + shift
        point_value = at_granularity(point.date(), granularity)
        low, high = _period(point_value)
    if mod is not None and granularity == "day":     # a hedged distance is a range around the point
        slack = dt.timedelta(days=max(1, int(UNIT_DAYS[unit] // 2)))
        further, nearer = {"MORE_THAN", "EQUAL_OR_MORE"}, {"LESS_THAN", "EQUAL_OR_LESS"}
        earlier, later = (further, nearer) if anchor == "before" else (nearer, further)
        if mod == "APPROX" or mod in earlier:
            low -= slack
        if mod == "APPROX" or mod in later:
            high += slack
    date = DateValue(value=point_value, start=low.isoformat(), end=high.isoformat(), granularity=granularity,
                     approximate=approximate, expression=expression, basis=basis, mod=mod)
    return Resolution("DURATION", value, mod, date)


def _period(value: str) -> tuple[dt.datetime, dt.datetime]:
    """The interval of a value made here from a date, which always names a period."""
    interval = interval_of(value)
    assert interval is not None, value
    return interval


def _unknown_value(spec: Fields) -> str:
    if "weekday" in spec:
        return f"XXXX-WXX-{spec['weekday']}"
    if "month" in spec:
        return f"XXXX-{int(spec['month']):02d}" + (f"-{int(spec['day']):02d}" if "day" in spec else "")
    if "season" in spec:
        return f"XXXX-{spec['season']}"
    suffix = f"T{spec['daypart']}" if "daypart" in spec else ""
    return "XXXX-XX-XX" + suffix


#: the resolver of each kind of value (`lang.rule_values.VALUE_KINDS`)
RESOLVERS: dict[str, Resolver] = {
    "literal": _written("value"), "reference": _written("ref"), "set": _set, "duration": _duration_of,
    **{kind: _calendar(find) for kind, find in CALENDAR_VALUES.items()},
}


