"""iCalendar export (RFC 5545, via the icalendar library) for calendar programs.

Only events a calendar can place get a VEVENT: a day (an all-day event; a range of days spans them),
a part of a day or a time (with the interval the model gives it: morning 05–12, midday 11–14,
afternoon 12–18, evening 18–24, night 22–06, a time one minute). Times are floating local times of
the report, as the text gives them. Approximate and vaguer dates and undated events are left out;
`left_out` counts them."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as VEvent

from ..labels import (
    CERTAINTY_SHORT,
    DATE_MARKS,
    actors_label,
    date_marks,
    figure_label,
    headline,
    said,
    timeline_title,
    type_label,
    when_label,
)
from ..model import Event, Timeline
from ..schema import added_values

PRODID = "-//timeline//news report timeline//EN"
LEFT_OUT_BECAUSE = "without a day or time a calendar can show (approximate, vaguer or undated)"


def slot(event: Event) -> tuple[dt.date, dt.date] | tuple[dt.datetime, dt.datetime] | None:
    """[start, end) of the event in a calendar: dates for whole days, date-times otherwise; None
    when its date is not precise enough to place."""
    date = event.date
    if date is None or date.approximate or date.granularity not in ("day", "part-of-day", "time"):
        return None
    start = dt.datetime.fromisoformat(date.start)
    end = dt.datetime.fromisoformat(date.end) + dt.timedelta(seconds=1)
    if date.granularity == "day":
        return start.date(), end.date()
    return start, end


def left_out(timeline: Timeline) -> int:
    return sum(1 for event in timeline.events if slot(event) is None)


def _description(event: Event, documents: dict[str, dict]) -> str:
    lines = [" ".join(event.sentence.split()), ""]
    expression = f" — „{event.date.expression}“" if event.date and event.date.expression else ""
    meanings = "; ".join(DATE_MARKS[m] for m in date_marks(event.date))
    lines.append(f"Date: {when_label(event.date)}{expression}" + (f" ({meanings})" if meanings else ""))
    if event.type:
        lines.append(f"Type: {type_label(event.type)}")
    if event.actors:
        lines.append(f"Actors: {actors_label(event)}")
    if event.places:
        lines.append(f"Places: {', '.join(p.name for p in event.places)}")
    if event.figures:
        lines.append(f"Figures: {', '.join(figure_label(f) for f in event.figures)}")
    if event.certainty != "stated" or event.attribution:
        lines.append(f"Certainty: {said(event)}")
    lines += [f"{field.label}: {value}" for field, value in added_values(event)]
    doc = documents.get(event.document, {})
    lines.append("Report: " + ", ".join(str(x) for x in (doc.get("title") or event.document, doc.get("source"),
                                                          doc.get("published")) if x))
    return "\n".join(lines)


def _stamp(event: Event, documents: dict[str, dict]) -> dt.datetime:
    """DTSTAMP, required by RFC 5545: the report's publication day, so that exports are reproducible."""
    published = documents.get(event.document, {}).get("published")
    assert event.date is not None, "only events a calendar can place are stamped"
    day = dt.date.fromisoformat(str(published)) if published else dt.date.fromisoformat(event.date.start[:10])
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)


def to_ics(timeline: Timeline) -> str:
    documents = {str(d.get("id")): d for d in timeline.documents}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", timeline_title(timeline.documents))
    for event in timeline.events:
        placed = slot(event)
        if placed is None:
            continue
        short = CERTAINTY_SHORT.get(event.certainty, "")
        vevent = VEvent()
        vevent.add("uid", f"{event.id}@timeline")
        vevent.add("dtstamp", _stamp(event, documents))
        vevent.add("dtstart", placed[0])
        vevent.add("dtend", placed[1])
        vevent.add("summary", (f"[{short}] " if short else "") + headline(event, 80))
        vevent.add("description", _description(event, documents))
        if event.places:
            vevent.add("location", ", ".join(p.name for p in event.places))
        if event.type:
            vevent.add("categories", [type_label(event.type)])
        url = documents.get(event.document, {}).get("url")
        if url:
            vevent.add("url", url)
        calendar.add_component(vevent)
    return calendar.to_ical().decode("utf-8")
