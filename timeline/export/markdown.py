"""Markdown export: a readable chronology for a newsroom document or a wiki (CommonMark).

A heading per day (or per vaguer period), a bullet per event: the time of day and how the date is
known (as code), type, actors (the acting ones bold, → the affected ones), places, figures, the
fields later stages add (`timeline.schema`), certainty and source; the sentence quoted below.
Undated events come last."""

from __future__ import annotations

import re

from ..labels import (
    DATE_MARKS,
    actors_by_role,
    date_marks,
    figure_label,
    said,
    sections,
    timeline_title,
    type_label,
    within_day_label,
)
from ..model import Event, Timeline
from ..schema import added_values

_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")     # a line break would end a bullet or a quote
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LIST_MARKER = re.compile(r"^(\d+)(?=[.)])|^(?=[-+=])")


def md(text: str) -> str:
    """Text that Markdown shows as written: its punctuation escaped, a leading list marker too."""
    escaped = _SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text.strip()))
    return _LIST_MARKER.sub(lambda m: (m.group(1) or "") + "\\", escaped, count=1)


def _bullet(event: Event) -> list[str]:
    parts = []
    when = within_day_label(event.date)
    if when:
        parts.append(f"`{when}`")
    if event.type:
        parts.append(f"*{md(type_label(event.type))}*")
    acting, involved, affected = actors_by_role(event)
    who = ", ".join([f"**{md(m.name)}**" for m in acting] + [md(m.name) for m in involved])
    if affected:
        who += (" → " if who else "→ ") + ", ".join(md(m.name) for m in affected)
    if who:
        parts.append(who)
    if event.places:
        parts.append("in " + ", ".join(md(p.name) for p in event.places))
    if event.figures:
        parts.append(", ".join(f"**{md(figure_label(f))}**" for f in event.figures))
    parts += [f"{md(field.label)}: {md(value)}" for field, value in added_values(event)]
    if event.certainty != "stated" or event.attribution:
        parts.append(f"*{md(said(event))}*")
    lines = [f"- {' · '.join(parts)}" if parts else "-", f"  > {md(event.sentence)}"]
    if event.reports:
        told = "; ".join(md(", ".join(x for x in (r.source or r.document, r.published) if x))
                         for r in event.reports)
        lines.append(f"  - told by: {told}")
    return lines


def to_markdown(timeline: Timeline) -> str:
    title = timeline_title(timeline.documents)
    published = sorted({str(d["published"]) for d in timeline.documents if d.get("published")})
    lines = [f"# {md(title)}", ""]
    summary = f"{len(timeline.events)} events, {len(timeline.dated)} dated"
    if published:
        summary += ", reports published " + ", ".join(published)
    lines += [summary + ".", ""]
    marks = {m for e in timeline.events for m in date_marks(e.date)}
    if marks:
        lines += ["Marks: " + " · ".join(f"{md(m)} {meaning}" for m, meaning in DATE_MARKS.items() if m in marks),
                  ""]
    for heading, events in sections(timeline):
        lines += [f"## {md(heading)}", ""]
        for event in events:
            lines += _bullet(event)
        lines.append("")
    return "\n".join(lines)
