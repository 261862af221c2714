"""The timeline as Rich text: grouped by day, precision shown in the date column, actors colored."""

from __future__ import annotations

import datetime as dt
import zlib
from itertools import groupby

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .model import DateValue, Event, Timeline

PART_OF_DAY_LABEL = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}
ACTOR_COLORS = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta",
                "bright_green", "bright_yellow", "bright_blue", "bright_red")
_SEASON = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def actor_color(name: str) -> str:
    """The same actor gets the same color in every run and every view."""
    return ACTOR_COLORS[zlib.crc32(name.encode("utf-8")) % len(ACTOR_COLORS)]


def group_label(date: DateValue) -> str:
    """The heading an event is listed under: its day, or the vaguer period it is known to."""
    if date.granularity in ("day", "part-of-day", "time") and "/" not in date.value:
        day = dt.date.fromisoformat(date.value[:10])
        return day.strftime("%A, %d %B %Y").replace(" 0", " ")
    return period_label(date)


def period_label(date: DateValue) -> str:
    value = date.value
    if "/" in value:
        first, last = value.split("/", 1)
        return f"{first} – {last}"
    if date.granularity == "month":
        return dt.date.fromisoformat(value + "-01").strftime("%B %Y")
    if date.granularity == "week":
        return f"week {int(value[6:])} of {value[:4]}"
    if date.granularity == "season":
        return f"{_SEASON[value[5:]]} {value[:4]}"
    if date.granularity == "quarter":
        return f"{value[5:]} {value[:4]}"
    if date.granularity == "half":
        return f"{'first' if value.endswith('1') else 'second'} half of {value[:4]}"
    if date.granularity == "decade":
        return f"{value}0s"
    if date.granularity == "century":
        return f"{int(value) + 1}th century"
    return value


def when_label(date: DateValue | None) -> str:
    """The date column: the day (or period) as precisely as known, ≈ when approximate."""
    if date is None:
        return "undated"
    mark = "≈ " if date.approximate else ""
    if date.granularity in ("day", "part-of-day", "time") and "/" not in date.value:
        label = dt.date.fromisoformat(date.value[:10]).strftime("%a %d %b").replace(" 0", " ")
        if date.granularity == "part-of-day":
            label += " " + PART_OF_DAY_LABEL[date.value[-2:]]
        elif date.granularity == "time":
            label += " " + date.value[11:16]
    else:
        label = period_label(date)
    if date.basis == "context":
        label += " (ctx)"
    return mark + label


def _sentence_text(event: Event) -> Text:
    text = Text(event.sentence)
    for mention in event.actors:
        text.highlight_words([mention.text], style=f"bold {actor_color(mention.name)}")
    for place in event.places:
        text.highlight_words([place.text], style="underline")
    return text


def _details(event: Event) -> Text | None:
    parts = []
    if event.actors:
        parts.append(Text("actors: ", style="dim"))
        for i, actor in enumerate(event.actors):
            if i:
                parts.append(Text(", ", style="dim"))
            parts.append(Text(actor.name, style=actor_color(actor.name)))
    if event.places:
        if parts:
            parts.append(Text(" · ", style="dim"))
        parts.append(Text("places: ", style="dim"))
        parts.append(Text(", ".join(p.name for p in event.places), style="underline"))
    return Text.assemble(*parts) if parts else None


def _event_table(events: list[Event]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
    table.add_column("when", style="bold", no_wrap=True, width=24)
    table.add_column("what", ratio=1, overflow="fold")
    for event in events:
        body = _sentence_text(event)
        details = _details(event)
        table.add_row(when_label(event.date), Group(body, details) if details else body)
    return table


def render(timeline: Timeline, console: Console, title: str | None = None) -> None:
    """Print the timeline: day sections in order, then the undated events in document order."""
    if title:
        console.print(Text(title, style="bold underline"))
    if not timeline.events:
        console.print("No events.", style="dim")
        return
    for label, events in groupby(timeline.dated, key=lambda e: group_label(e.date)):
        console.print(Rule(Text(label, style="bold"), align="left", style="dim"))
        console.print(_event_table(list(events)))
    undated = timeline.undated
    if undated:
        console.print(Rule(Text(f"Undated ({len(undated)})", style="bold"), align="left", style="dim"))
        console.print(_event_table(undated))
