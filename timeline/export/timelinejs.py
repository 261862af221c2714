"""Knight Lab TimelineJS 3 JSON: load it with `new TL.Timeline(element, data)`.

How precisely an event is dated is said by which date fields are filled: a year alone, year and
month, down to the day, the hour (a part of a day) or the minute (a time). An `end_date` is given
when the date is an interval at that precision (an approximate day spans the days it may be, a
week its days); `display_date` says the date in words. Undated events are left out."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Any

from ..labels import (
    DATE_MARKS,
    PART_OF_DAY_LABEL,
    actors_label,
    date_marks,
    day_of,
    figure_label,
    headline,
    long_day,
    period_label,
    said,
    time_of_day,
    timeline_title,
    type_label,
)
from ..model import DateValue, Event, Timeline
from ..schema import added_values

LEFT_OUT_BECAUSE = "without a date"
#: the finest date field TimelineJS gets for each granularity
_FIELDS = ("year", "month", "day", "hour", "minute")
_FINEST = {"century": "year", "decade": "year", "year": "year", "half": "month", "quarter": "month",
           "season": "month", "month": "month", "week": "day", "day": "day", "part-of-day": "hour",
           "time": "minute"}


def _date_fields(instant: str, finest: str) -> dict[str, str]:
    moment = dt.datetime.fromisoformat(instant)
    fields = _FIELDS[:_FIELDS.index(finest) + 1]
    return {name: str(getattr(moment, name)) for name in fields}


def display_date(date: DateValue) -> str:
    """The date in words, with its year: "≈ Saturday, 1 January 2022", "Friday, 7 January 2022, evening"."""
    day = day_of(date)
    if day is None:
        label = period_label(date)
    else:
        label = long_day(day)
        within = PART_OF_DAY_LABEL[date.part_of_day] if date.part_of_day else time_of_day(date)
        if within:
            label += ", " + within
    return ("≈ " if date.approximate else "") + label


def _text(event: Event) -> str:
    """The slide's body: the sentence, then what is known about the event (HTML, escaped)."""
    rows = []
    if event.type:
        rows.append(("Type", type_label(event.type)))
    if event.actors:
        rows.append(("Actors", actors_label(event)))
    if event.places:
        rows.append(("Places", ", ".join(p.name for p in event.places)))
    if event.figures:
        rows.append(("Figures", ", ".join(figure_label(f) for f in event.figures)))
    if event.certainty != "stated" or event.attribution:
        rows.append(("Certainty", said(event)))
    rows += [(field.label, value) for field, value in added_values(event)]
    marks = date_marks(event.date)
    if marks:
        rows.append(("Date", "; ".join(DATE_MARKS[m] for m in marks)))
    details = "<br>".join(f"<b>{escape(name)}:</b> {escape(value)}" for name, value in rows)
    return f"<blockquote>{escape(' '.join(event.sentence.split()))}</blockquote><p>{details}</p>"


def slide(event: Event) -> dict[str, Any]:
    date = event.date
    assert date is not None, "undated events have no slide"
    finest = _FINEST.get(date.granularity, "day")
    start, end = _date_fields(date.start, finest), _date_fields(date.end, finest)
    data: dict[str, Any] = {"start_date": start}
    if end != start:
        data["end_date"] = end
    data["display_date"] = display_date(date)
    data["text"] = {"headline": escape(headline(event, 80)), "text": _text(event)}
    if event.type:
        data["group"] = type_label(event.type)
    data["unique_id"] = event.id
    return data


def left_out(timeline: Timeline) -> int:
    return len(timeline.undated)


def to_timelinejs(timeline: Timeline) -> str:
    published = sorted(str(d["published"]) for d in timeline.documents if d.get("published"))
    summary = f"{len(timeline.dated)} dated events"
    if published:
        summary += f" from reports published {published[0]}" + (f" to {published[-1]}" if len(published) > 1 else "")
    data = {
        "title": {"text": {"headline": escape(timeline_title(timeline.documents)), "text": f"<p>{summary}</p>"}},
        "events": [slide(event) for event in timeline.dated],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
