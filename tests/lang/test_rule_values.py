"""The value spec of temporal rules against the resolver: every kind has its function, every code
its arithmetic, and the mode travels apart from the tense."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.lang import available_languages, load_language
from timeline.lang.rule_values import (
    CALENDAR_UNITS,
    DAYPART_CODES,
    DURATION_UNITS,
    SEASON_CODES,
    UNKNOWN,
    VALUE_FIELDS,
    VALUE_KINDS,
    value_kind,
)
from timeline.temporal import values
from timeline.temporal.calendar import Reference, Situation
from timeline.temporal.resolve import RESOLVERS, resolve


def test_every_kind_has_a_resolver() -> None:
    assert set(RESOLVERS) == {kind.name for kind in VALUE_KINDS} | {UNKNOWN}


@pytest.mark.parametrize("lang", available_languages())
def test_the_rules_use_only_kinds_the_resolver_knows(lang: str) -> None:
    used = {rule.value_kind for rule in load_language(lang).rules if not rule.reject}
    assert used <= set(RESOLVERS)


def test_the_german_rules_use_every_kind() -> None:
    """Each kind of value has a rule whose examples show it at work."""
    used = {rule.value_kind for rule in load_language("de").rules if rule.examples and not rule.reject}
    assert used == {kind.name for kind in VALUE_KINDS}


def test_kinds_name_only_declared_fields() -> None:
    for kind in VALUE_KINDS:
        assert set(kind.keys) | set(kind.companions) <= set(VALUE_FIELDS), kind.name


def test_codes_have_their_arithmetic() -> None:
    assert DURATION_UNITS == set(values.UNIT_DELTA) == set(values.UNIT_GRANULARITY) == set(values.UNIT_DAYS)
    assert CALENDAR_UNITS == set(values.CALENDAR_SHIFT) == set(values.CALENDAR_PRECISION)
    assert DAYPART_CODES == set(values.PARTS_OF_DAY)
    assert SEASON_CODES == set(values.SEASONS)


@pytest.mark.parametrize(("fields", "kind"), [
    ({"month": 3, "year": 2020}, "month"),
    ({"day": 3, "month": 3, "daypart": "EV"}, "day"),
    ({"year": 2020, "mod": "END"}, "year"),
    ({"year_short": 39}, "year"),
    ({"daypart": "EV", "mod": "START"}, "time_of_day"),
    ({"unit": "D", "amount": 3}, "duration"),
    ({"mod": "APPROX"}, UNKNOWN),            # a match that filled no field of a kind
])
def test_value_kind(fields: dict[str, object], kind: str) -> None:
    assert value_kind(fields) == kind


SATURDAY = Reference(dt.date(2022, 1, 8), "day")
LAST_DATE = Reference(dt.date(2021, 6, 2), "day")        # a Wednesday


def test_narrative_counts_from_the_last_date_whatever_the_tense() -> None:
    news = resolve({"weekday": 1}, "Montag", "DATE", SATURDAY, LAST_DATE, "past", "news")
    story = resolve({"weekday": 1}, "Montag", "DATE", SATURDAY, LAST_DATE, "past", "narrative")
    assert news.value == "2022-01-03"                        # the Monday before the publication
    assert story.value == "2021-05-31"                       # the Monday nearest the last date


def test_narrative_without_a_date_yet_is_told_like_news() -> None:
    resolution = resolve({"weekday": 1}, "Montag", "DATE", SATURDAY, None, "past", "narrative")
    assert resolution.value == "2022-01-03"


def test_offset_from_the_last_date_is_a_date_in_a_narrative() -> None:
    fields = {"unit": "D", "amount": 2, "anchor": "later"}
    news = resolve(fields, "zwei Tage später", "DURATION", SATURDAY, LAST_DATE, "past", "news")
    story = resolve(fields, "zwei Tage später", "DURATION", SATURDAY, LAST_DATE, "past", "narrative")
    assert (news.type, news.value) == ("DURATION", "P2D")
    assert (story.type, story.value) == ("DATE", "2021-06-04")


@pytest.mark.parametrize(("tense", "narrative", "leaning"), [
    ("past", False, "past"), ("future", False, "future"), ("present", False, None), ("past", True, None),
])
def test_leaning(tense: str, narrative: bool, leaning: str | None) -> None:
    assert Situation(SATURDAY, None, tense, narrative).leaning == leaning


def test_the_docs_describe_every_field_and_kind() -> None:
    """docs/language-data.md shows the fields and kinds as declared (rows written as the spec gives them)."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "language-data.md").read_text(encoding="utf-8")
    for name, field in VALUE_FIELDS.items():
        assert f"| `{name}` | {field.about} | {field.describe()} |" in text, name
    for kind in VALUE_KINDS:
        made_by = " or ".join(f"`{key}`" for key in kind.keys)
        companions = ", ".join(f"`{key}`" for key in kind.companions)
        assert f"| `{kind.name}` | {kind.about} | {made_by} | {companions} | {', '.join(kind.types)} |" in text, kind.name
