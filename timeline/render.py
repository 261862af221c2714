"""The timeline in the terminal (Rich): sections by day, week or month; a gutter that shows how
precisely each event is dated; actors colored, the acting one bold; figures bold; type, certainty
and source as short labels. Lines are laid out here rather than in a Rich table, so that plain
output has no padding at line ends."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from .colors import actor_color
from .labels import (
    CERTAINTY_LABEL,
    CERTAINTY_SHORT,
    DATE_MARKS,
    GROUPINGS,
    actors_by_role,
    attribution_label,
    date_marks,
    figure_label,
    sections,
    type_label,
    type_short,
    when_label,
)
from .model import ActorSummary, Event, Timeline
from .schema import added_values
from .stats import Stats

#: the legend lists at most this many actors, most frequent first
LEGEND_ACTORS = 12
#: the sentence column keeps at least this many cells; a longer date label gets a line of its own
#: (in the compact view it is cut short)
MIN_BODY_WIDTH = 40
MIN_COMPACT_BODY_WIDTH = 20
#: the widest the date column grows; a longer label (a range over midnight with its hours) gets a
#: line of its own instead of widening the column for every row
MAX_GUTTER = 28
NO_BREAK = "\u00a0"
_HOLD = "\ue000"      # a private-use character: one cell wide, and not a space


def _colored(console: Console) -> bool:
    return console.color_system is not None and not console.no_color


def _print(console: Console, line: Text) -> None:
    """One finished line, as is: no wrapping, no trailing spaces."""
    line.rstrip()
    console.print(line, soft_wrap=True, highlight=False)


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells; a no-break space (as in "20 000") holds its words
    together, which Rich alone would break at."""
    held = text.copy()
    held.plain = held.plain.replace(NO_BREAK, _HOLD)
    lines = list(held.wrap(console, max(width, 1), overflow="fold"))
    for line in lines:
        line.plain = line.plain.replace(_HOLD, NO_BREAK)
    return lines


def _hanging(console: Console, first: Text, text: Text, indent: int) -> None:
    """`text` wrapped to the console width after `first` (as wide as `indent`), continued under it."""
    for number, line in enumerate(_wrap(console, text, console.width - indent)):
        _print(console, Text.assemble(first if number == 0 else " " * indent, line))


def _heading(console: Console, label: str) -> None:
    rule = "─" * max(console.width - len(label) - 1, 3)
    _print(console, Text.assemble((label, "bold"), " ", (rule, "dim")))


# --- one event ------------------------------------------------------------------------------------

def _sentence(event: Event) -> Text:
    """The sentence with its actors colored (the acting one bold, affected ones dim), places
    underlined and figures bold."""
    text = Text(" ".join(event.sentence.split()))
    acting, involved, affected = actors_by_role(event)
    for style, mentions in (("", involved), ("dim ", affected), ("bold ", acting)):
        for mention in mentions:
            text.highlight_words([mention.text], style=f"{style}{actor_color(mention.name)}")
    for place in event.places:
        text.highlight_words([place.text], style="underline")
    for figure in event.figures:
        if figure.text:
            text.highlight_words([figure.text], style="bold")
    return text


def _certainty(event: Event) -> Text:
    short = CERTAINTY_SHORT.get(event.certainty, event.certainty)
    return Text(f"[{short}] ", style="italic yellow") if short else Text()


def _attribution(event: Event) -> Text:
    label = attribution_label(event.attribution)
    return Text(f" — {label}", style="dim italic") if label else Text()


def _names(mentions: Iterable, style: str) -> list[Text | str]:
    parts: list[Text | str] = []
    for number, mention in enumerate(mentions):
        if number:
            parts.append(", ")
        parts.append(Text(mention.name, style=f"{style}{actor_color(mention.name)}"))
    return parts


def _details(event: Event) -> Text | None:
    """actors (acting bold, then → the affected ones), places, figures and the added fields."""
    fields: list[list[Text | str]] = []
    acting, involved, affected = actors_by_role(event)
    if event.actors:
        who: list[Text | str] = [Text("actors: ", style="dim")]
        who += _names(acting, "bold ")
        if acting and involved:
            who.append(", ")
        who += _names(involved, "")
        if affected:
            who.append(" → " if acting or involved else "→ ")
            who += _names(affected, "dim ")
        fields.append(who)
    if event.places:
        fields.append([Text("places: ", style="dim"), Text(", ".join(p.name for p in event.places),
                                                            style="underline")])
    if event.figures:
        fields.append([Text("figures: ", style="dim"),
                       Text(", ".join(figure_label(f) for f in event.figures), style="bold")])
    fields += [[Text(f"{field.label}: ", style="dim"), Text(value)] for field, value in added_values(event)]
    if not fields:
        return None
    parts: list[Text | str] = []
    for number, field in enumerate(fields):
        if number:
            parts.append(Text(" · ", style="dim"))
        parts += field
    return Text.assemble(*parts)


def _sources(event: Event, documents: dict[str, dict]) -> list[Text]:
    """Each report that tells the event: source, publication day, document, and its sentence."""
    if not event.reports:
        doc = documents.get(event.document, {})
        where = " · ".join(str(x) for x in (doc.get("source"), doc.get("published"), event.document) if x)
        return [Text(f"⤷ {where}", style="dim")]
    lines = []
    for report in event.reports:
        where = " · ".join(x for x in (report.source, report.published, report.document) if x)
        lines.append(Text.assemble(("⤷ ", "dim"), (where, "dim"), ": ", " ".join(report.sentence.split())))
    return lines


@dataclass(frozen=True)
class _Layout:
    """Column widths shared by all rows: a leading space, the date gutter, the type column."""

    gutter: int
    types: int
    compact: bool

    @property
    def indent(self) -> int:
        return 1 + self.gutter + 1 + (self.types + 1 if self.types else 0)

    @classmethod
    def of(cls, events: list[Event], width: int, compact: bool) -> _Layout:
        longest = max(len(when_label(e.date)) for e in events)
        types = max((len(type_short(e.type)) for e in events), default=0)
        body = MIN_COMPACT_BODY_WIDTH if compact else MIN_BODY_WIDTH
        room = max(width - body - (types + 1 if types else 0) - 2, 7)
        return cls(gutter=min(longest, room, MAX_GUTTER), types=types, compact=compact)


def _gutter(event: Event, layout: _Layout) -> tuple[Text, bool]:
    """The date column (and type column); False when the date label is too long for the column and
    gets a line of its own."""
    label = when_label(event.date)
    if layout.compact and len(label) > layout.gutter:
        label = label[:layout.gutter - 1] + "…"
    fits = len(label) <= layout.gutter
    gutter = Text(" ")
    if fits:
        gutter.append(label, style="dim" if event.date is None else "bold")
        for mark in DATE_MARKS:
            gutter.highlight_words([mark], style="dim" if mark.startswith("(") else "yellow")
        gutter.pad_right(layout.gutter - len(label))
    else:
        gutter.pad_right(layout.gutter)
    gutter.append(" ")
    if layout.types:
        gutter.append(type_short(event.type).ljust(layout.types), style="bold")
        gutter.append(" ")
    return gutter, fits


def _event(console: Console, event: Event, layout: _Layout, documents: dict[str, dict] | None) -> None:
    """One event: in the compact layout one line, else the sentence wrapped, then its details and
    (with `documents`) the reports that tell it."""
    gutter, fits = _gutter(event, layout)
    if not fits:
        _print(console, Text(" " + when_label(event.date), style="bold"))
    if layout.compact:
        room = max(console.width - layout.indent, 2)
        suffix = _attribution(event)
        suffix.truncate(room // 2, overflow="ellipsis")                  # the sentence keeps at least half
        body = Text.assemble(_certainty(event), _sentence(event))
        body.truncate(room - suffix.cell_len, overflow="ellipsis")
        _print(console, Text.assemble(gutter, body, suffix))
        return
    _hanging(console, gutter, Text.assemble(_certainty(event), _sentence(event), _attribution(event)),
             layout.indent)
    details = _details(event)
    for line in ([details] if details else []) + (_sources(event, documents) if documents is not None else []):
        _hanging(console, Text(" " * layout.indent), line, layout.indent)


# --- the whole timeline ---------------------------------------------------------------------------

def _legend(console: Console, events: list[Event]) -> None:
    """What the marks and labels in this view mean: only those that occur in it, a line per kind."""
    marks = {m for e in events for m in date_marks(e.date)}
    certainties = {e.certainty for e in events}
    types = list(dict.fromkeys(e.type for e in events if e.type))
    kinds = [
        ("dates", [f"{m} {meaning}" for m, meaning in DATE_MARKS.items() if m in marks]),
        ("certainty", [f"[{short}] {CERTAINTY_LABEL[c]}" for c, short in CERTAINTY_SHORT.items()
                       if short and c in certainties]),
        ("types", [f"{type_short(t)} {type_label(t).split(' / ')[0]}" for t in types]),   # "riot", not "riot / …"
    ]
    for kind, items in kinds:
        if items:
            _hanging(console, Text(f" {kind}: ", style="dim"), Text(" · ".join(items), style="dim"),
                     len(kind) + 3)
    if _colored(console):
        counts: dict[str, int] = {}
        for event in events:
            for name in dict.fromkeys(m.name for m in event.actors):
                counts[name] = counts.get(name, 0) + 1
        top = sorted(counts, key=lambda n: -counts[n])[:LEGEND_ACTORS]
        swatches: list[Text | str] = []
        for name in top:
            swatches += [Text("■ ", style=actor_color(name)), name, "   "]
        if swatches:
            _hanging(console, Text(" actors: ", style="dim"), Text.assemble(*swatches), 9)


def render(timeline: Timeline, console: Console, *, title: str | None = None, compact: bool = False,
           group_by: str = "day", sources: bool = False) -> None:
    """Print the timeline: sections by `group_by` (day, week or month) in time order, each event with
    its date label, then the undated events in document order. `compact` gives one line per event;
    `sources` lists under each event the reports that tell it."""
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {GROUPINGS}, not {group_by!r}")
    if title:
        _print(console, Text(title, style="bold underline"))
    if not timeline.events:
        console.print("No events.", style="dim")
        return
    layout = _Layout.of(timeline.events, console.width, compact)
    documents = {str(d.get("id")): d for d in timeline.documents} if sources else None
    _legend(console, timeline.events)
    for label, events in sections(timeline, group_by):
        _heading(console, label)
        for event in events:
            _event(console, event, layout, documents)


# --- stats ----------------------------------------------------------------------------------------

_EIGHTHS = " ▏▎▍▌▋▊▉"


def _bar(count: int, most: int, width: int) -> str:
    """A horizontal bar in eighths of a character, so that small differences stay visible."""
    eighths = round(count / most * width * 8) if most else 0
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def _chart(console: Console, title: str, rows: list[tuple[str, int]], style: str = "cyan") -> None:
    if not rows:
        return
    _heading(console, title)
    label_width = min(max(len(label) for label, _ in rows), max(console.width // 3, 8))
    count_width = len(str(max(count for _, count in rows)))
    bar_width = max(console.width - label_width - count_width - 4, 5)
    most = max(count for _, count in rows)
    for label, count in rows:
        shown = label if len(label) <= label_width else label[:label_width - 1] + "…"
        _print(console, Text.assemble(" ", shown.ljust(label_width), " ", str(count).rjust(count_width), " ",
                                      (_bar(count, most, bar_width), style)))


def render_stats(stats: Stats, console: Console) -> None:
    """The counts of `timeline stats` as small bar charts."""
    if not stats.events:
        console.print("No events.", style="dim")
        return
    _chart(console, f"Dates ({stats.events} events)", stats.precision, "green")
    _chart(console, "Events per day", stats.per_day, "cyan")
    _chart(console, "Events per actor", stats.per_actor, "magenta")
    if stats.more_actors:
        _print(console, Text(f" … and {stats.more_actors} more", style="dim"))
    _chart(console, "Events per type", stats.per_type, "bright_blue")
    _chart(console, "Certainty", stats.per_certainty, "yellow")


def render_actors(actors: Iterable[ActorSummary], console: Console) -> None:
    """The actors as a table: name in its timeline color, kind, counts, other names."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (("actor", "left"), ("kind", "left"), ("events", "right"),
                                                      ("acts", "right"), ("affected", "right"), ("also named", "left"))
    for column, justify in columns:
        table.add_column(column, justify=justify, overflow="fold")
    for actor in actors:
        table.add_row(Text(actor.name, style=actor_color(actor.name)), actor.kind, str(actor.events),
                      str(actor.acting), str(actor.affected), ", ".join(actor.aliases))
    console.print(table)
