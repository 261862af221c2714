"""The value a temporal rule gives: its fields, what each may hold, and the kinds of value they make.

A rule's `value:` names fields ("month", "weekday", "unit" …), each a literal or a template that
takes a captured group ("{month}"). The fields a match fills decide the kind of value
(`value_kind`), and the resolver has one function per kind (`temporal/resolve.py`). Everything a
rule may say about its value is declared here, once: the loader checks each rule against it, and
docs/language-data.md describes it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from .checked import DataFile

_TEMPLATE = re.compile(r"\{(\w+)(?:#(\d+))?\}")

MOD_CODES = frozenset({"APPROX", "START", "MID", "END", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
                       "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})
DAYPART_CODES = frozenset({"MO", "MI", "AF", "EV", "NI"})
SEASON_CODES = frozenset({"SP", "SU", "FA", "WI"})
DURATION_UNITS = frozenset({"S", "MIN", "H", "D", "W", "M", "Q", "Y", "DE", "CE", "ML"})
CALENDAR_UNITS = frozenset({"day", "week", "month", "quarter", "half", "year", "decade", "century"})
ANCHORS = frozenset({"before", "after", "since", "later", "earlier"})
REFERENCES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
TYPES = ("DATE", "TIME", "DURATION", "SET")


class ValueField(NamedTuple):
    """A field of a rule's value: what it means and what a literal or a table value may be."""

    about: str
    types: tuple[type, ...]
    codes: Collection[str] = ()                  # the strings allowed, when it is a code; empty: any
    shapes: tuple[frozenset[str], ...] = ()      # the key sets a mapping may have

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool) and bool not in self.types:
            return False
        if not isinstance(value, self.types):
            return False
        if isinstance(value, str) and self.codes:
            return value in self.codes
        if isinstance(value, dict) and self.shapes:
            return frozenset(value) in self.shapes
        return True

    def describe(self) -> str:
        """What the field may be, in words: "a whole number", "one of MO, MI …"."""
        if self.shapes:
            return " or ".join("{" + ", ".join(sorted(shape)) + "}" for shape in self.shapes)
        kinds = [_TYPE_NAMES[t] for t in self.types if t is not str or not self.codes]
        if self.codes:
            kinds.append("one of " + ", ".join(sorted(self.codes)))
        return " or ".join(kinds)


_TYPE_NAMES = {int: "a whole number", float: "a number", bool: "true or false", str: "a text"}


_INT = (int,)
VALUE_FIELDS: dict[str, ValueField] = {
    "value": ValueField("a finished TIMEX3 value", (str,)),
    "ref": ValueField("a reference to the present, past or future", (str,), REFERENCES),
    "ref_when_present": ValueField("the reference it is in a present-tense sentence or a narrative", (str,),
                                   REFERENCES),
    "set": ValueField("the TIMEX3 value of a recurring time", (str,)),
    "unit": ValueField("the unit of a duration", (str,), DURATION_UNITS),
    "amount": ValueField("how many units; X: unknown", (int, float, str), {"X"}),
    "anchor": ValueField("what the duration counts from: the reference or the date last mentioned",
                         (str,), ANCHORS),
    "year": ValueField("the year", (int, str)),
    "year_short": ValueField("a two-digit year, taken nearest the reference", _INT),
    "year_offset": ValueField("years from the reference year (-1: last year)", _INT),
    "month": ValueField("the month, 1-12", _INT),
    "day": ValueField("the day of the month", _INT),
    "weekday": ValueField("the day of the week, 1 (Monday) to 7", _INT),
    "day_of_week": ValueField("the day of the week named beside a date (1 to 7): it picks the year", _INT),
    "weekend": ValueField("the weekend of the week the weekday rules find", (bool,)),
    "direction": ValueField("-1: the last such day, 1: the next, 0: the one of this week", _INT),
    "night_before": ValueField("the night into the weekday, which begins the day before", (bool,)),
    "daypart": ValueField("a part of the day", (str,), DAYPART_CODES),
    "hour": ValueField("the hour of a clock time", _INT),
    "minute": ValueField("the minute of a clock time", _INT),
    "relative_day": ValueField("days from the reference (-1: yesterday)", _INT),
    "context_day": ValueField("days from the day last mentioned", _INT),
    "rel": ValueField("a calendar unit counted from the reference", (str,), CALENDAR_UNITS),
    "offset": ValueField("how many calendar units or years from the reference", _INT),
    "season": ValueField("the season", (str,), SEASON_CODES),
    "quarter": ValueField("the quarter of the year, 1-4", _INT),
    "half": ValueField("the half of the year, 1-2", _INT),
    "decade": ValueField("a decade: 90 (of the latest century that fits) or 1990", _INT),
    "century_prefix": ValueField("the century's digits written before a two-digit decade", (int, str)),
    "century": ValueField("the ordinal century (20: the 1900s)", _INT),
    "holiday": ValueField("a holiday: its date or its distance from Easter Sunday", (dict,),
                          shapes=(frozenset({"month", "day"}), frozenset({"easter"}))),
    "mod": ValueField("a TIMEX3 modifier", (str,), MOD_CODES),
}


class ValueKind(NamedTuple):
    """A kind of value: a field that makes it (`keys`) and the fields that may go with it."""

    name: str
    keys: tuple[str, ...]
    companions: tuple[str, ...]
    about: str
    #: the TIMEX3 types a rule of this kind may declare
    types: tuple[str, ...] = ("DATE", "TIME")


_TIME = ("daypart", "hour", "minute")
#: the kinds of value, in the order they are tried: a value is of the first kind whose key it has
VALUE_KINDS: tuple[ValueKind, ...] = (
    ValueKind("literal", ("value",), ("mod",), "a value written out", TYPES),
    ValueKind("reference", ("ref",), ("mod",), "PRESENT_REF, PAST_REF or FUTURE_REF", TYPES),
    ValueKind("set", ("set",), ("mod",), "a recurring time", ("SET",)),
    ValueKind("duration", ("unit",), ("amount", "anchor", "mod"),
              "a duration; with an anchor also the date it reaches", ("DURATION",)),
    ValueKind("weekday", ("weekday",), ("direction", "night_before", *_TIME, "mod"), "a day of the week"),
    ValueKind("holiday", ("holiday",), ("year", "year_short", "mod"), "a holiday"),
    ValueKind("day", ("day",), ("month", "year", "year_short", "year_offset", "day_of_week", *_TIME, "mod"),
              "a day of a month, of the month last mentioned without one"),
    ValueKind("month", ("month",), ("year", "year_short", "year_offset", "mod"), "a month"),
    ValueKind("season", ("season",), ("year", "year_short", "offset", "mod"), "a season"),
    ValueKind("quarter", ("quarter",), ("year", "offset", "mod"), "a quarter of a year"),
    ValueKind("half", ("half",), ("year", "offset", "mod"), "a half of a year"),
    ValueKind("year", ("year", "year_short"), ("mod",), "a year"),
    ValueKind("decade", ("decade",), ("century_prefix", "mod"), "a decade"),
    ValueKind("century", ("century",), ("mod",), "a century"),
    ValueKind("relative_day", ("relative_day",), ("ref_when_present", *_TIME, "mod"),
              "a day counted from the reference"),
    ValueKind("context_day", ("context_day",), (*_TIME, "mod"), "a day counted from the day last mentioned"),
    ValueKind("weekend", ("weekend",), ("direction", "mod"), "a weekend"),
    ValueKind("calendar_unit", ("rel",), ("offset", "mod"), "this, the last or the next day, week, month …"),
    ValueKind("time_of_day", ("daypart", "hour"), ("minute", "mod"), "a time of the day last mentioned"),
)
KINDS_BY_NAME = {kind.name: kind for kind in VALUE_KINDS}
_FIELDS_OF_KIND = {kind.name: frozenset((*kind.keys, *kind.companions)) for kind in VALUE_KINDS}
#: the kind of a value that has no key of any kind (a match that filled none): it cannot be resolved
UNKNOWN = "unknown"
#: each field that makes a kind, in the order the kinds are tried, with that kind
_KINDS_BY_KEY = tuple((key, kind.name) for kind in VALUE_KINDS for key in kind.keys)
_KEYS_IN_ORDER = tuple(key for key, _ in _KINDS_BY_KEY)
_RANK = {key: rank for rank, key in enumerate(_KEYS_IN_ORDER)}
_KIND_AT_RANK = (*(kind for _, kind in _KINDS_BY_KEY), UNKNOWN)      # past the last: no field of a kind


def value_kind(fields: Collection[str]) -> str:
    """The kind of value that fields with these names make: that of the first kind whose field they have."""
    best = len(_KEYS_IN_ORDER)
    for key in fields:                       # a match fills few fields: look at those
        best = min(best, _RANK.get(key, best))
    return _KIND_AT_RANK[best]


class ValueChecker:
    """Checks rules' `value:` against `VALUE_FIELDS` and `VALUE_KINDS`, with the lexicon tables
    (table → form → value) whose values templates take; each table is checked once per field."""

    def __init__(self, tables: Mapping[str, Mapping[str, Any]], lexicon: DataFile):
        self.tables = tables
        self.lexicon = lexicon
        self._tables_checked: set[tuple[str, str]] = set()      # (field, table)

    def kind_of(self, value: Any, rule_type: str | None, file: DataFile, where: list[str | int],
                groups: Collection[str]) -> str:
        """The kind of a rule's value, after checking each field's name, literal and template, and
        the fields together against their kind; `groups` are the groups of the rule's pattern."""
        if not isinstance(value, dict):
            raise file.fail(where, f"expected a mapping of value fields, found {type(value).__name__}")
        for name, given in value.items():
            field = VALUE_FIELDS.get(name)
            if field is None:
                raise file.fail([*where, name], f"unknown value field {name!r} (expected one of: "
                                                f"{', '.join(sorted(VALUE_FIELDS))})")
            if not isinstance(given, str) or "{" not in given:     # a literal
                if not field.accepts(given):
                    raise file.fail([*where, name], f"{name} {given!r} is not {field.describe()}")
            else:
                self._check_template(name, field, given, file, [*where, name], groups)
        kind = value_kind(value)
        if kind == UNKNOWN:
            raise file.fail(where, "the value has no field that makes a kind of value (one of: "
                                   f"{', '.join(_KEYS_IN_ORDER)})")
        allowed = _FIELDS_OF_KIND[kind]
        for name in value:
            if name not in allowed:
                raise file.fail([*where, name], f"field {name!r} does not go with a {kind} value "
                                                f"(its fields: {', '.join(sorted(allowed))})")
        types = KINDS_BY_NAME[kind].types
        if rule_type is not None and rule_type not in types:
            raise file.fail(where, f"a {kind} value cannot be of type {rule_type} (expected one of: "
                                   f"{', '.join(types)})")
        return kind

    def _check_template(self, name: str, field: ValueField, given: str, file: DataFile, where: list[str | int],
                        groups: Collection[str]) -> None:
        placeholders = _TEMPLATE.findall(given)      # (table, index) of each "{table#index}"
        if not placeholders:
            if not field.accepts(given):
                raise file.fail(where, f"{name} {given!r} is not {field.describe()}")
            return
        written = 0
        for table, index in placeholders:
            written += len(table) + (len(index) + 1 if index else 0) + 2
            if (f"{table}__{index}" if index else table) not in groups:
                raise file.fail(where, f"{{{table}{'#' + index if index else ''}}} names no group of the pattern")
        if written < len(given):                     # text around the groups: the value is text
            if str not in field.types:
                raise file.fail(where, f"{name} is {field.describe()}, not a text made of groups")
            return
        if not (field.codes or field.shapes):        # a number table serves rules that take only some forms
            return
        for table, _ in placeholders:                # alone, each group gives the value of its table
            if (name, table) in self._tables_checked:
                continue
            for form, table_value in self.tables.get(table, {}).items():
                if table_value is not None and not field.accepts(table_value):
                    line = file.line_of(where)
                    raise self.lexicon.fail([table, form], f"table {table} gives {table_value!r} for {form!r}, "
                                                           f"but the field {name} it fills in {file.label}:{line} "
                                                           f"is {field.describe()}")
            self._tables_checked.add((name, table))
