"""Ranges and bounds: which of a sentence's dated expressions date an event of their own.

"von 22 Uhr bis 5 Uhr" names one interval, not two happenings: TempEval keeps the two expressions
as tagged, but an event gets one date, the interval. So does "am Montag gegen 15 Uhr": one moment,
at the finer date. "bis Sonntag" and "seit Montag" say where a state begins or ends, not when
something happened: they date no event; "ab Januar" ahead of the day of writing is when a plan
takes effect, and dates it. The cue words are language data (`spans.yaml`), read by `SpanWords.of`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from ..lang import Language
from ..lang.checked import DataFile, check_keys, check_list, check_words
from ..lang.patterns import alternation
from ..model import GRANULARITIES, DateValue, Timex
from .tag import TaggedTimex
from .values import interval_of

#: types whose expressions are points or periods of the calendar, which a cue can bound
_CALENDAR_TYPES = frozenset({"DATE", "TIME"})
#: how far an end that reads earlier than its start is moved on, by the granularity of the range
_ROLL_OVER = {"time": relativedelta(days=1), "part-of-day": relativedelta(days=1)}
_DAYS_OF_A_WEEK = 7
#: what a clock time can make finer
_DAY_GRANULARITIES = frozenset({"day", "part-of-day"})


def _words(words: Sequence[str]) -> str:
    """An alternation of the forms, beginning a word; nothing when there are none."""
    return rf"(?<!\w)(?:{alternation(words)})" if words else ""


@dataclass(frozen=True)
class SpanWords:
    """A language's range and bound cues (spans.yaml), compiled; `language.compiled(SpanWords.of)`."""

    #: per kind of range: its opener, ending where the first expression begins, and its joiner,
    #: filling the whole gap between the two expressions
    ranges: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    #: a cue ending where an expression begins that makes it the start ("seit Montag") or the end
    #: ("bis Sonntag") of a state, or the start of a plan ("ab Januar")
    start_bound: re.Pattern[str]
    planned_start: re.Pattern[str]
    end_bound: re.Pattern[str]
    #: what may stand between a day and the clock time that makes it one moment
    day_and_time: re.Pattern[str]
    #: a cue ending where a date begins that makes it the night before that day
    night_before: re.Pattern[str]
    #: what may stand between a weekday and the week it lies in
    weekday_in_week: re.Pattern[str]
    #: what stands between a day and the same day named again ("am Sonntag, dem 12. Mai")
    apposition: re.Pattern[str]

    @classmethod
    def of(cls, language: Language) -> SpanWords:
        file = language.file("spans")
        data = check_keys(language.data["spans"], file,
                          required=("ranges", "articles", "bounds", "day_and_time", "night_before", "weekday_in_week"))
        article = rf"(?:\s*{_words(check_words(data['articles'], file, ['articles']))})?"
        ranges = []
        for number, entry in enumerate(check_list(data["ranges"], file, ["ranges"])):
            where: list[str | int] = ["ranges", number]
            kind = check_keys(entry, file, where, required=("opener", "joiner"))
            opener = _words(check_words(kind["opener"], file, [*where, "opener"], phrases=True))
            joiner = alternation(check_words(kind["joiner"], file, [*where, "joiner"], phrases=True))
            ranges.append((re.compile(rf"{opener}{article}\s*\Z" if opener else "", re.I),
                           re.compile(rf"\s*,?\s*(?:{joiner}){article}\s*", re.I)))
        bounds = check_keys(data["bounds"], file, ["bounds"], required=("start", "planned_start", "end"))
        start, planned, end = (_words(check_words(bounds[key], file, ["bounds", key], phrases=True))
                               for key in ("start", "planned_start", "end"))
        night = _words(check_words(data["night_before"], file, ["night_before"], phrases=True))
        in_week = _words(check_words(data["weekday_in_week"], file, ["weekday_in_week"], phrases=True))
        return cls(tuple(ranges), re.compile(rf"(?:{start}){article}\s+\Z", re.I),
                   re.compile(rf"(?:{planned})\s+\Z", re.I), re.compile(rf"(?:{end}){article}\s+\Z", re.I),
                   _day_and_time_gap(data["day_and_time"], file), re.compile(rf"(?:{night})\s+\Z", re.I),
                   re.compile(rf"\s*(?:(?:{in_week})\s+)?" if in_week else r"\s*", re.I),
                   re.compile(rf"\s*,{article}\s*", re.I))


def _day_and_time_gap(data: object, file: DataFile) -> re.Pattern[str]:
    """The gap between a day and its clock time: punctuation and links only, or a few words that
    are no `breaks` with a link right before the time."""
    where = ["day_and_time"]
    entry = check_keys(data, file, where, required=("links", "breaks", "words_between"))
    links = _words(check_words(entry["links"], file, [*where, "links"], phrases=True))
    breaks = _words(check_words(entry["breaks"], file, [*where, "breaks"], phrases=True))
    most = entry["words_between"]
    if not isinstance(most, int) or isinstance(most, bool) or most < 0:
        raise file.fail([*where, "words_between"], f"expected a whole number, found {most!r}")
    link = rf"(?:{links})(?!\w)[\s,]*"
    word = rf"(?!{breaks}(?!\w))[^\W\d]+\s+" if breaks else r"[^\W\d]+\s+"
    return re.compile(rf"[\s,]*(?:{link}){{0,2}}|\s*,?\s*(?:{word}){{1,{most}}}(?:{link}){{1,2}}", re.I)


#: how much of the text before an expression a cue may take
_CUE_REACH = 40


def dating_items(text: str, items: Sequence[TaggedTimex], words: SpanWords,
                 today: dt.datetime | None = None) -> list[TaggedTimex]:
    """Of one sentence's dated expressions (in text order, offsets into `text`), those that date an
    event: two that make a range as one item dated by the interval; a day and its clock time, or a
    weekday and its week, as one item at the finer date; none that is a bound, but a planned start
    at or after `today` (the start of the day of writing) dates its happening; a bound right after
    a dating expression narrows it ("gestern bis 18 Uhr": yesterday until 18 h)."""
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
        item = _night_before(text, item, words)
        while index < len(items):
            one = _one_date(text, item, items[index], words)
            if one is None:
                break
            item = one
            index += 1
        if _bound(text, item, words, today) is not None:
            continue
        following = items[index] if index < len(items) else None
        narrowed = following is not None and _narrowed(text, item, following, words)
        if narrowed:
            index += 1
        kept.append(narrowed or item)
    return kept


def _bound(text: str, item: TaggedTimex, words: SpanWords, today: dt.datetime | None,
           reach: int = _CUE_REACH) -> str | None:
    """"start" or "end" when a cue makes the expression a bound, else None; a planned start ("ab
    Januar") only when it lies before `today` or `today` is unknown."""
    if item.timex.type not in _CALENDAR_TYPES:
        return None
    before = text[max(0, item.timex.start - reach):item.timex.start]
    if words.start_bound.search(before):
        return "start"
    if words.planned_start.search(before):
        ahead = today is not None and item.date is not None and dt.datetime.fromisoformat(item.date.start) >= today
        return None if ahead else "start"
    return "end" if words.end_bound.search(before) else None


def _one_date(text: str, item: TaggedTimex, following: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """The two as one item when they name one date, else None."""
    return (_apposition(text, item, following, words) or _day_and_time(text, item, following, words)
            or _weekday_in_week(text, item, following, words))


def _apposition(text: str, first: TaggedTimex, second: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """"am gestrigen Sonntag, dem 12. Mai": a day named again, at the same or a finer date (which
    decides it when the report's own date gives only the month)."""
    if (first.date is None or second.date is None or second.date.granularity not in _DAY_GRANULARITIES
            or not first.date.start <= second.date.start <= second.date.end <= first.date.end
            or not words.apposition.fullmatch(text[first.timex.end:second.timex.start])):
        return None
    return _joined(text, first, second, second.date)


def _day_and_time(text: str, day: TaggedTimex, time: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """One item at the clock time on the day ("am Montag gegen 15 Uhr"); after midnight in a night,
    on the day it runs into ("in der Nacht zum Mittwoch um 3 Uhr"). None when the two are apart."""
    if (day.date is None or time.date is None or day.date.granularity not in _DAY_GRANULARITIES
            or time.date.granularity != "time" or "/" in day.date.value
            or not words.day_and_time.fullmatch(text[day.timex.end:time.timex.start])):
        return None
    clock = time.date.value[10:]
    first, last = dt.datetime.fromisoformat(day.date.start), dt.datetime.fromisoformat(day.date.end)
    on = dt.date.fromisoformat(day.date.value[:10])
    moment = _interval(f"{on.isoformat()}{clock}")
    following_day = _interval(f"{(on + dt.timedelta(days=1)).isoformat()}{clock}")
    if moment is None or following_day is None:
        return None
    if not first <= moment[0] <= last and first <= following_day[0] <= last:
        moment = following_day
    value = moment[0].strftime("%Y-%m-%dT%H:%M")
    return _joined(text, day, time, replace(time.date, value=value, start=moment[0].isoformat(),
                                              end=moment[1].isoformat(), basis=day.date.basis))


def _weekday_in_week(text: str, day: TaggedTimex, week: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """"am Montag vergangener Woche": the weekday in the week named after it."""
    if (day.date is None or week.date is None or day.date.granularity != "day" or week.date.granularity != "week"
            or any(char.isdigit() for char in day.timex.text)
            or not words.weekday_in_week.fullmatch(text[day.timex.end:week.timex.start])):
        return None
    monday = dt.date.fromisoformat(week.date.start[:10])
    monday -= dt.timedelta(days=monday.weekday())
    value = (monday + dt.timedelta(days=dt.date.fromisoformat(day.date.value[:10]).weekday())).isoformat()
    interval = _interval(value)
    if interval is None:
        return None
    return _joined(text, day, week, replace(day.date, value=value, start=interval[0].isoformat(),
                                              end=interval[1].isoformat()))


def _night_before(text: str, item: TaggedTimex, words: SpanWords) -> TaggedTimex:
    """"in der Nacht zum 12. Januar": the night before the day (TimeML tags the day alone)."""
    date = item.date
    if date is None or date.granularity != "day" or len(date.value) != len("YYYY-MM-DD"):
        return item
    if not words.night_before.search(text[max(0, item.timex.start - _CUE_REACH):item.timex.start]):
        return item
    value = f"{(dt.date.fromisoformat(date.value) - dt.timedelta(days=1)).isoformat()}TNI"
    interval = _interval(value)
    if interval is None:
        return item
    night = replace(date, value=value, start=interval[0].isoformat(), end=interval[1].isoformat(),
                    granularity="part-of-day")
    return TaggedTimex(item.timex, night, item.sentence, item.clause)


def _interval(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    try:
        return interval_of(value)
    except ValueError:                      # a day the calendar does not have
        return None


def _joined(text: str, first: TaggedTimex, last: TaggedTimex, date: DateValue) -> TaggedTimex:
    """One item for two expressions, dated by `date`; TimeML keeps the two as tagged."""
    expression = text[first.timex.start:last.timex.end]
    timex = Timex(first.timex.start, last.timex.end, expression, last.timex.type, date.value)
    return TaggedTimex(timex, replace(date, expression=expression), first.sentence, first.clause)


def _narrowed(text: str, item: TaggedTimex, bound: TaggedTimex, words: SpanWords) -> TaggedTimex | None:
    """`item` from or until the finer `bound` that follows it with only its cue between them."""
    if item.date is None or bound.date is None or not text[item.timex.end:bound.timex.start].strip():
        return None
    side = _bound(text, bound, words, None, reach=bound.timex.start - item.timex.end)
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
