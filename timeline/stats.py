"""Counts over a timeline: how well its events are dated, and per day, actor, type and certainty."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .labels import CERTAINTY_LABEL, day_of, short_day, type_label, type_short
from .model import CERTAINTIES, Timeline

#: the bases of dates without an expression of their own or resolved against another date, as
#: counted (a row only when some date has it); "text", the sentence's own expression, is the rest
BASIS_LABEL = {"context": "from context", "continuation": "continuation", "report-day": "report day",
               "story": "story time", "ticker": "ticker entry", "publication": "from publication"}
#: days without events are listed (with 0) between the first and the last day when they span at most this
GAPLESS_DAYS = 31
#: the actor chart lists at most this many, most frequent first
TOP_ACTORS = 15


@dataclass(frozen=True)
class Stats:
    events: int
    #: (what, count): dated (then how: to the day, approximate, …), undated
    precision: list[tuple[str, int]]
    #: (day as "Fri 7 Jan 2022", count) in time order, for events dated to a day or finer
    per_day: list[tuple[str, int]]
    per_actor: list[tuple[str, int]]
    #: how many actors the top list leaves out
    more_actors: int
    per_type: list[tuple[str, int]]
    per_certainty: list[tuple[str, int]]


def timeline_stats(timeline: Timeline) -> Stats:
    events = timeline.events
    dates = [e.date for e in events if e.date is not None]
    days = Counter(day for day in (day_of(date) for date in dates) if day is not None)
    basis = Counter(date.basis for date in dates)
    precision = [
        ("dated", len(dates)),
        ("  to the day", sum(1 for date in dates if day_of(date) and not date.approximate)),
        ("  approximate", sum(1 for date in dates if date.approximate)),
        ("  vaguer than a day", sum(1 for date in dates if day_of(date) is None)),
        *((f"  {label}", basis[name]) for name, label in BASIS_LABEL.items() if basis[name]),
        ("undated", len(events) - len(dates)),
    ]
    actors = Counter(name for e in events for name in dict.fromkeys(m.name for m in e.actors))
    types = Counter(e.type for e in events)
    per_type = [(f"{type_short(t)} {type_label(t)}" if t else "untyped", n) for t, n in types.most_common()]
    certainty = Counter(e.certainty for e in events)
    per_certainty = [(CERTAINTY_LABEL.get(c, c), certainty[c]) for c in CERTAINTIES if certainty[c]]
    per_certainty += [(c, n) for c, n in certainty.items() if c not in CERTAINTIES]
    return Stats(events=len(events), precision=precision, per_day=_per_day(days),
                 per_actor=actors.most_common(TOP_ACTORS), more_actors=max(len(actors) - TOP_ACTORS, 0),
                 per_type=per_type, per_certainty=per_certainty)


def _per_day(days: Counter) -> list[tuple[str, int]]:
    if not days:
        return []
    first, last = min(days), max(days)
    if (last - first).days < GAPLESS_DAYS:
        listed = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    else:
        listed = sorted(days)
    return [(f"{short_day(day)} {day.year}", days[day]) for day in listed]
