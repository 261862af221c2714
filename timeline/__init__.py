"""timeline: turn news reports into a dated, filterable, chronological timeline of events.

    >>> from timeline import parse_report, Timeline
    >>> parsed = parse_report("report.txt", published="2024-03-06")
    >>> Timeline(parsed.events).filter(actors=["Brandt"])
"""

from .errors import InputError, StoreError, TimelineError
from .merge import merge_timeline
from .model import DateValue, Document, Event, Mention, Timeline, Timex
from .pipeline import ParsedDocument, parse_document, parse_report, parse_text
from .shipped import shipped_report, shipped_timeline
from .temporal import tag_text

__all__ = [
    "DateValue", "Document", "Event", "InputError", "Mention", "ParsedDocument", "StoreError", "Timeline",
    "TimelineError", "Timex", "merge_timeline", "parse_document", "parse_report", "parse_text", "shipped_report",
    "shipped_timeline", "tag_text",
]
