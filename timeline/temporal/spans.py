"""Ranges and bounds: which of a sentence's dated expressions date an event of their own.

"von 22 Uhr bis 5 Uhr" names one interval, not two happenings: TempEval keeps the two expressions
as tagged, but an event gets one date, the interval. "bis Sonntag", "seit Montag", "ab 15 Uhr" say
where a state begins or ends, not when something happened: they date no event. The cue words are
language data (`spans.yaml`), read by `SpanWords.of`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from ..lang import Language
from ..lang.checked import check_keys, check_list, check_words
from ..lang.patterns import alternation
from ..model import GRANULARITIES, DateValue, Timex
from .tag import TaggedTimex
from .values import interval_of

#: types whose expressions are points or periods of the calendar, which a cue can bound
_CALENDAR_TYPES = frozenset({"DATE", "TIME"})
#: how far an end that reads earlier than its start is moved on, by the granularity of the range
_ROLL_OVER = {"time": relativedelta(days=1), "part-of-day": relativedelta(days=1)}
_DAYS_OF_A_WEEK = 7


def _words(words: Sequence[str]) -> str:
    """An alternation of the forms, beginning a word; nothing when there are none."""
    return rf"(?<!\w)(?:{alternation(dict.fromkeys(words))})" if words else ""


@dataclass(frozen=True)
class SpanWords:
    """A language's range and bound cues (spans.yaml), compiled; `language.compiled(SpanWords.of)`."""

    #: per kind of range: its opener, ending where the first expression begins, and its joiner,
    #: filling the whole gap between the two expressions
    ranges: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    #: a cue ending where an expression begins that makes it the start ("ab 15 Uhr") or the end
    #: ("bis Sonntag") of a state
    start_bound: re.Pattern[str]
    end_bound: re.Pattern[str]

    @classmethod
    def of(cls, language: Language) -> SpanWords:
        file = language.file("spans")
        data = check_keys(language.data["spans"], file, required=("ranges", "articles", "bounds"))
        article = rf"(?:\s*{_words(check_words(data['articles'], file, ['articles']))})?"
        ranges = []
        for number, entry in enumerate(check_list(data["ranges"], file, ["ranges"])):
            where: list[str | int] = ["ranges", number]
            kind = check_keys(entry, file, where, required=("opener", "joiner"))
            opener = _words(check_words(kind["opener"], file, [*where, "opener"], phrases=True))
            joiner = alternation(dict.fromkeys(check_words(kind["joiner"], file, [*where, "joiner"], phrases=True)))
            ranges.append((re.compile(rf"{opener}{article}\s*\Z" if opener else "", re.I),
                           re.compile(rf"\s*,?\s*(?:{joiner}){article}\s*", re.I)))
        bounds = check_keys(data["bounds"], file, ["bounds"], required=("start", "end"))
        start, end = (_words(check_words(bounds[key], file, ["bounds", key], phrases=True)) for key in ("start", "end"))
        return cls(tuple(ranges), re.compile(rf"(?:{start}){article}\s+\Z", re.I),
                   re.compile(rf"(?:{end}){article}\s+\Z", re.I))


#: how much of the text before an expression a cue may take
_CUE_REACH = 40


def dating_items(text: str, items: Sequence[TaggedTimex], words: SpanWords) -> list[TaggedTimex]:
    """Of one sentence's dated expressions (in text order, offsets into `text`), those that date an
    event: two that make a range as one item dated by the interval, none that is a bound; a bound
    right after a dating expression narrows it ("heute ab 15 Uhr": today from 15 h)."""
    kept: list[TaggedTimex] = []
    index = 0
    while index < len(items):
        item = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        joined = following is not None and _range(text, item, following, words)
        if joined:
            kept.append(joined)
            index += 2
            continue
        index += 1
        if _bound(text, item, words) is not None:
            continue
        narrowed = following is not None and _narrowed(text, item, following, words)
        if narrowed:
            index += 1
        kept.append(narrowed or item)
    return kept


def _bound(text: str, item: TaggedTimex, words: SpanWords, reach: int = _CUE_REACH) -> str | None:
    """"start" or "end" when a cue makes the expression a bound, else None."""
    if item.timex.type not in _CALENDAR_TYPES:
        return None
    before = text[max(0, item.timex.start - reach):item.timex.start]
    if words.start_bound.search(before):
        return "start"
    return "end" if words.end_bound.search(before) else None


def _narrowed(text: str, item: TaggedTimex, bound: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """`item` from or until the finer `bound` that follows it with only its cue between them."""
    if item.date is None or bound.date is None or not text[item.timex.end:bound.timex.start].strip():
        return None
    side = _bound(text, bound, words, reach=bound.timex.start - item.timex.end)
    inside = item.date.start <= bound.date.start and bound.date.end <= item.date.end
    if side is None or not inside or (bound.date.start, bound.date.end) == (item.date.start, item.date.end):
        return None
    date = replace(item.date, start=bound.date.start) if side == "start" else replace(item.date, end=bound.date.end)
    return TaggedTimex(item.timex, date, item.sentence)


def _range(text: str, first: TaggedTimex, last: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """One item for "von X bis Y", "zwischen X und Y", "X–Y", or None when the two are no range."""
    if first.date is None or last.date is None or not {first.timex.type, last.timex.type} <= _CALENDAR_TYPES:
        return None
    gap = text[first.timex.end:last.timex.start]
    before = text[max(0, first.timex.start - _CUE_REACH):first.timex.start]
    if not any(joiner.fullmatch(gap) and opener.search(before) for opener, joiner in words.ranges):
        return None
    granularity = min(first.date.granularity, last.date.granularity, key=_coarseness)
    end = _forward(first.date, last.date, granularity)
    if end is None:
        return None
    value = f"{first.date.value}/{end.value}"
    expression = text[first.timex.start:last.timex.end]
    date = DateValue(value=value, start=first.date.start, end=end.end, granularity=granularity,
                     approximate=first.date.approximate or end.approximate, expression=expression,
                     basis=first.date.basis)
    timex = Timex(first.timex.start, last.timex.end, expression, first.timex.type, value)
    return TaggedTimex(timex, date, first.sentence)


def _coarseness(granularity: str) -> int:
    return GRANULARITIES.index(granularity) if granularity in GRANULARITIES else len(GRANULARITIES)


def _forward(start: DateValue, end: DateValue, granularity: str) -> DateValue | None:
    """The end of a range, moved past its start when it reads earlier: "22 bis 5 Uhr" ends the next
    day, "Freitag bis Montag" the next Monday, "Dezember bis Februar" the next February. None when
    no such move makes it a range."""
    if end.start >= start.start:
        return end
    shift = _ROLL_OVER.get(granularity)
    if shift is None and granularity == "day":
        gap = dt.datetime.fromisoformat(start.start) - dt.datetime.fromisoformat(end.start)
        shift = relativedelta(days=_DAYS_OF_A_WEEK) if gap.days < _DAYS_OF_A_WEEK else relativedelta(years=1)
    elif shift is None:
        shift = relativedelta(years=1)
    moved = _moved(end, shift)
    return moved if moved is not None and moved.start >= start.start else None


def _moved(date: DateValue, shift: relativedelta) -> DateValue | None:
    """`date` moved by whole days or years, its value written at the same precision."""
    value = date.value
    if shift.years:
        if not value[:4].isdigit():
            return None
        value = f"{int(value[:4]) + shift.years:04d}{value[4:]}"
    else:
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
        value = (day + shift).isoformat() + value[10:]
    try:
        interval = interval_of(value, date.mod)
    except ValueError:                      # 29 February in a year without one
        return None
    if interval is None:
        return None
    return replace(date, value=value, start=interval[0].isoformat(), end=interval[1].isoformat())
