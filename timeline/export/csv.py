"""CSV export with ACLED-like columns, one row per event, for spreadsheets and event datasets.

`event_date` is the date as precisely as the text gives it (TIMEX3 value: 2024-03-05, 2024-03-05TEV,
2024-03, 2023); `time_precision` follows ACLED's codes: 1 a day or finer, 2 about a week (an
approximate day, a week, a range of up to seven days), 3 a month or vaguer; `start`/`end` bound the
interval; `date_basis` says where the date comes from (one of `model.BASES`). `actor1` is the acting
actor(s), `actor2` the others; `source` who the claim is attributed to; `notes` the sentence; then a
column for each added field of the event schema. Several values in one cell are separated by "; "."""

from __future__ import annotations

import csv
import datetime as dt
import io

from .. import schema
from ..labels import actors_by_role, attribution_label, figure_label
from ..model import DateValue, Event, Timeline
from ..schema import added_values

COLUMNS = ("event_id", "event_date", "time_precision", "start", "end", "date_basis", "event_type", "actor1", "actor2",
           "location", "figures", "source", "certainty", "notes", "document")


def columns() -> tuple[str, ...]:
    """The columns: the ACLED-like ones, then the added fields."""
    return COLUMNS + tuple(field.name for field in schema.ADDED_FIELDS)


def time_precision(date: DateValue) -> int:
    """ACLED's time precision code for a date."""
    days = (dt.datetime.fromisoformat(date.end) - dt.datetime.fromisoformat(date.start)).days + 1
    if date.granularity in ("day", "part-of-day", "time") and not date.approximate and days <= 1:
        return 1
    return 2 if days <= 7 else 3


def _row(event: Event) -> dict[str, str | int]:
    acting, involved, affected = actors_by_role(event)
    first = acting or (involved + affected)[:1]
    others = [m for m in event.actors if m not in first]
    named = event.attribution.source if event.attribution else None
    source = named or attribution_label(event.attribution)          # an unnamed source: its description
    documents = list(dict.fromkeys([event.document] + [r.document for r in event.reports]))
    date = event.date
    row: dict[str, str | int] = {
        "event_id": event.id,
        "event_date": date.value if date else "",
        "time_precision": time_precision(date) if date else "",
        "start": date.start if date else "",
        "end": date.end if date else "",
        "date_basis": date.basis if date else "",
        "event_type": event.type or "",
        "actor1": "; ".join(m.name for m in first),
        "actor2": "; ".join(m.name for m in others),
        "location": "; ".join(p.name for p in event.places),
        "figures": "; ".join(figure_label(f, group_digits=False) for f in event.figures),
        "source": source,
        "certainty": event.certainty,
        "notes": " ".join(event.sentence.split()),
        "document": "; ".join(documents),
    }
    for field, value in added_values(event):
        row[field.name] = value
    return row


def to_csv(timeline: Timeline) -> str:
    """RFC 4180 CSV (comma, double quotes, CRLF line ends) with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns())
    writer.writeheader()
    writer.writerows(_row(event) for event in timeline.events)
    return buffer.getvalue()
