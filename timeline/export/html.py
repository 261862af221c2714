"""HTML export: one self-contained page (inline CSS and JavaScript, nothing loaded from the network)
with the timeline vertically by day and filters by actor, type and text that work in the page.

The page is complete without JavaScript; the script only filters (and keeps the filters in the URL
fragment, so that a filtered view can be linked: page.html#actor=Brandt&text=Hafen)."""

from __future__ import annotations

import json
from html import escape
from importlib import resources

from ..colors import actor_css_color
from ..labels import (
    CERTAINTY_LABEL,
    CERTAINTY_SHORT,
    DATE_MARKS,
    actors_by_role,
    attribution_label,
    date_marks,
    figure_label,
    sections,
    timeline_title,
    type_label,
    type_short,
    within_day_parts,
)
from ..model import Event, Timeline
from ..schema import added_values


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def _marked(event: Event) -> str:
    """The sentence, escaped, with actors (by role), places and figures marked up. Where two
    mentions overlap, the one that starts first (or is longer) wins."""
    sentence = " ".join(event.sentence.split())
    acting, involved, affected = actors_by_role(event)
    wanted: list[tuple[str, str]] = [(f.text, '<b class="figure">') for f in event.figures if f.text]
    for role, mentions in (("acting", acting), ("involved", involved), ("affected", affected)):
        wanted += [(m.text, f'<span class="actor {role}" style="--c:{actor_css_color(m.name)}">') for m in mentions]
    wanted += [(p.text, '<span class="place">') for p in event.places]
    spans = []
    for text, tag in wanted:
        start = sentence.find(text) if text else -1
        while start >= 0:
            spans.append((start, start + len(text), tag))
            start = sentence.find(text, start + len(text))
    parts, pos = [], 0
    for start, end, tag in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            continue
        closing = "</b>" if tag.startswith("<b") else "</span>"
        parts += [escape(sentence[pos:start]), tag, escape(sentence[start:end]), closing]
        pos = end
    parts.append(escape(sentence[pos:]))
    return "".join(parts)


def _names(mentions, role: str) -> list[str]:
    return [f'<span class="actor {role}" style="--c:{actor_css_color(m.name)}">{escape(m.name)}</span>'
            for m in mentions]


def _meta(event: Event) -> str:
    fields = []
    acting, involved, affected = actors_by_role(event)
    if event.actors:
        who = ", ".join(_names(acting, "acting") + _names(involved, "involved"))
        if affected:
            who += (" → " if who else "→ ") + ", ".join(_names(affected, "affected"))
        fields.append(who)
    if event.places:
        fields.append("in " + ", ".join(f'<span class="place">{escape(p.name)}</span>' for p in event.places))
    if event.figures:
        fields.append(", ".join(f'<b class="figure">{escape(figure_label(f))}</b>' for f in event.figures))
    fields += [f'<span class="field">{escape(field.label)}: {escape(value)}</span>'
               for field, value in added_values(event)]
    attribution = attribution_label(event.attribution)
    if attribution:
        fields.append(f'<span class="source">— {escape(attribution)}</span>')
    return " · ".join(fields)


def _event(event: Event, lang: str) -> str:
    actors = sorted({m.name for m in event.actors})
    when = " ".join(f'<abbr title="{escape(DATE_MARKS[p])}">{escape(p)}</abbr>' if p in DATE_MARKS else escape(p)
                    for p in within_day_parts(event.date))
    badges = []
    if event.type:
        badges.append(f'<span class="badge type" title="{escape(type_label(event.type))}">'
                      f'{escape(type_short(event.type))}</span>')
    if CERTAINTY_SHORT.get(event.certainty):
        badges.append(f'<span class="badge certainty" title="{escape(CERTAINTY_LABEL[event.certainty])}">'
                      f'{escape(event.certainty)}</span>')
    meta = _meta(event)
    reports = ""
    if event.reports:
        told = "".join(f"<li><cite>{escape(', '.join(x for x in (r.source or r.document, r.published) if x))}"
                       f"</cite>: {escape(' '.join(r.sentence.split()))}</li>" for r in event.reports)
        reports = f"<details><summary>told by {len(event.reports)} reports</summary><ul>{told}</ul></details>"
    return (f'<li class="event" id="{escape(event.id)}" data-type="{escape(event.type or "")}" '
            f'data-actors="{escape(json.dumps(actors, ensure_ascii=False))}">'
            f'<div class="when">{when}</div>'
            f'<div class="what">{"".join(badges)}<p class="sentence" lang="{escape(lang)}">{_marked(event)}</p>'
            + (f'<p class="meta">{meta}</p>' if meta else "") + reports + "</div></li>")


def _options(values: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in values)


def to_html(timeline: Timeline) -> str:
    title = timeline_title(timeline.documents)
    langs = {str(d.get("id")): str(d.get("lang") or "de") for d in timeline.documents}
    counts: dict[str, int] = {}
    for event in timeline.events:
        for name in {m.name for m in event.actors}:
            counts[name] = counts.get(name, 0) + 1
    actor_options = [(n, f"{n} ({counts[n]})") for n in sorted(counts, key=lambda n: (-counts[n], n))]
    types = sorted({e.type for e in timeline.events if e.type}, key=type_label)
    type_options = [(t, type_label(t)) for t in types]
    published = sorted({str(d["published"]) for d in timeline.documents if d.get("published")})
    summary = f"{len(timeline.events)} events, {len(timeline.dated)} dated"
    if published:
        summary += " · published " + ", ".join(published)
    links = [f'<a href="{escape(str(d["url"]))}">{escape(str(d.get("title") or d["id"]))}</a>'
             for d in timeline.documents if d.get("url")]
    body = []
    for heading, events in sections(timeline):
        items = "".join(_event(e, langs.get(e.document, "de")) for e in events)
        body.append(f'<section class="group"><h2>{escape(heading)}</h2><ol class="events">{items}</ol></section>')
    marks = {m for e in timeline.events for m in date_marks(e.date)}
    legend = " · ".join(f"{escape(m)} {escape(meaning)}" for m, meaning in DATE_MARKS.items() if m in marks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeline">
<title>{escape(title)}</title>
<style>
{_asset("page.css")}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<p class="summary">{escape(summary)}{(" · " + ", ".join(links)) if links else ""}</p>
<form class="filters" role="search" onsubmit="return false">
<label>Actor <select id="filter-actor"><option value="">all</option>{_options(actor_options)}</select></label>
<label>Type <select id="filter-type"><option value="">all</option>{_options(type_options)}</select></label>
<label>Search <input id="filter-text" type="search" placeholder="words in the text"></label>
<output id="shown" aria-live="polite">{len(timeline.events)} of {len(timeline.events)} events</output>
</form>
{f'<p class="legend">{legend}</p>' if legend else ""}
</header>
<main>
{chr(10).join(body) if body else '<p class="empty">No events.</p>'}
<p class="empty" id="no-match" hidden>No event matches the filters.</p>
</main>
<script>
{_asset("page.js")}</script>
</body>
</html>
"""
