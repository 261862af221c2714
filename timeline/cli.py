"""The `timeline` command: parses arguments, calls the library, prints. Errors become exit codes here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from . import corpus, store
from .errors import InputError, TimelineError
from .export import EXPORTERS, export, left_out
from .extract.event_types import event_type_ids
from .gc_tuning import collector_paused
from .labels import GROUPINGS
from .lang import available_languages
from .merge import merge_timeline
from .model import CERTAINTIES, ROLES, Timeline
from .names import matches_name
from .reading import DEFAULT_MAX_BYTES, check_encoding, document_from_text, parse_date, read_bytes, read_text
from .render import render, render_actors, render_stats
from .shipped import shipped_timeline
from .stats import timeline_stats
from .temporal import MODES, tag_text

app = typer.Typer(
    help="Turn news reports into a dated, filterable, chronological timeline of events.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
DEFAULT_STORE = Path("events.yaml")

EventsOption = typer.Option(None, "--events", "-e", help="Events store to read (default: ./events.yaml if "
                            "present, else the shipped report's events).", show_default=False)
ActorOption = typer.Option(None, "--actor", "-a", help="Only events naming this actor (full name, any name "
                           "part or spelling; repeat for several).")
PlaceOption = typer.Option(None, "--place", "-p", help="Only events at this place (repeat for several).")
SinceOption = typer.Option(None, "--since", help="Only events whose date overlaps this day or later (YYYY-MM-DD).")
UntilOption = typer.Option(None, "--until", help="Only events whose date overlaps this day or earlier (YYYY-MM-DD).")
TextOption = typer.Option(None, "--text", "-t", help="Only events whose sentence contains this text.")
RoleOption = typer.Option(None, "--role", help="Only actors in this role count for --actor: actor (the one "
                          "acting), affected, involved (repeat for several).")
TypeOption = typer.Option(None, "--type", help=f"Only events of this type: {', '.join(event_type_ids())} "
                          "(docs/event-types.md; repeat for several).")
CertaintyOption = typer.Option(None, "--certainty", help="Only events reported with this certainty: stated, "
                               "reported, unverified, rumour (repeat for several).")
WidthOption = typer.Option(None, "--width", help="Output width in columns (default: the terminal's).")
NoColorOption = typer.Option(False, "--no-color", help="Plain text without colors (also: NO_COLOR=1).")
NoMergeOption = typer.Option(False, "--no-merge", help="Each report's telling of an event on its own (by default "
                             "the tellings of one event by several reports are one event with several sources).")


def _errors_to_exit(command: Callable) -> Callable:
    """Print user errors as one line on stderr and exit 1, without a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TimelineError as exc:
            _print_error(str(exc))
            raise typer.Exit(1) from None
    return wrapper


def _print_error(message: str) -> None:
    """`Error: …` on stderr; the message is not Rich markup (a file may be named `[/x].txt`)."""
    Console(stderr=True, highlight=False).print(Text.assemble(("Error:", "bold red"), " ", message), soft_wrap=True)


def _stdout(width: int | None, no_color: bool) -> Console:
    """Data goes to stdout; --no-color and NO_COLOR give plain text without any styling codes."""
    plain = no_color or bool(os.environ.get("NO_COLOR"))
    return Console(width=width, color_system=None if plain else "auto", highlight=False, emoji=False)


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    day, precision = parse_date(value)
    if precision != "day":
        raise InputError(f"{option} needs a full date YYYY-MM-DD, not {value!r}")
    return day


def _load(events: Path | None, merge: bool = False) -> Timeline:
    """The timeline of the store given, else of ./events.yaml if present, else the shipped report's;
    with `merge`, the tellings of one event by several reports are one event."""
    with collector_paused():                  # a large store: see gc_tuning
        if events is not None:
            timeline = store.load_timeline(events)
        elif DEFAULT_STORE.exists():
            timeline = store.load_timeline(DEFAULT_STORE)
        else:
            timeline = shipped_timeline()
        if merge and len(timeline.documents) > 1:
            timeline = merge_timeline(timeline)
    return timeline


@dataclasses.dataclass(frozen=True)
class _Filters:
    """The options that select events, shared by show, filter, export and stats."""

    events: Path | None
    actor: list[str] | None
    place: list[str] | None
    since: str | None
    until: str | None
    text: str | None
    role: list[str] | None
    type_: list[str] | None
    certainty: list[str] | None

    def timeline(self, merge: bool = True) -> Timeline:
        """The stored timeline, merged when it holds several documents (unless `merge` is off), then
        filtered."""
        for value in self.role or []:
            _check_choice(value, ROLES, "--role")
        for value in self.certainty or []:
            _check_choice(value, CERTAINTIES, "--certainty")
        for value in self.type_ or []:
            _check_choice(value, event_type_ids(), "--type")
        timeline = _load(self.events, merge)
        return timeline.filter(actors=self.actor or [], places=self.place or [], since=_day(self.since, "--since"),
                               until=_day(self.until, "--until"), text=self.text, roles=self.role or [],
                               types=self.type_ or [], certainties=self.certainty or [])


_FILTER_OPTIONS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation)
    for name, option, annotation in (
        ("events", EventsOption, Path | None), ("actor", ActorOption, list[str] | None),
        ("place", PlaceOption, list[str] | None), ("since", SinceOption, str | None),
        ("until", UntilOption, str | None), ("text", TextOption, str | None),
        ("role", RoleOption, list[str] | None), ("type_", TypeOption, list[str] | None),
        ("certainty", CertaintyOption, list[str] | None))]


def _with_filters(command: Callable) -> Callable:
    """Give a command the filter options; it receives them as one `filters: _Filters` argument."""
    own = [p for name, p in inspect.signature(command).parameters.items() if name != "filters"]

    @functools.wraps(command)
    def wrapper(**kwargs):
        filters = _Filters(**{p.name: kwargs.pop(p.name) for p in _FILTER_OPTIONS})
        return command(filters=filters, **kwargs)
    wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + _FILTER_OPTIONS)
    return wrapper


_GLOB_HELP = f"Which files of a folder are reports (default: {', '.join(corpus.DEFAULT_GLOBS)}; repeat for several)."


@app.command()
@_errors_to_exit
def parse(
    reports: list[Path] = typer.Argument(..., help="Reports: files (UTF-8 text; a ` date YYYY-MM-DD` header or "
                                         "YAML front matter gives the publication date), folders (searched "
                                         "recursively), JSON Lines corpora (*.jsonl, one {text, published, id, "
                                         "title, source, url, lang} a line) or - for stdin.", show_default=False),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; overrides "
                                            "the report's header."),
    output: Path = typer.Option(DEFAULT_STORE, "--output", "-o", help="Events store to write: YAML, or JSON "
                                "Lines when it ends in .jsonl (for corpora)."),
    lang: str = typer.Option("de", "--lang", help="Language of the reports."),
    mode: str = typer.Option("news", "--mode", help="news: dates relative to publication; narrative: relative "
                             "to the last date mentioned."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse reports larger than this."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of the reports (default: UTF-8, "
                                           "else Windows-1252 when it reads as such), e.g. cp850, mac_roman."),
    glob: list[str] | None = typer.Option(None, "--glob", help=_GLOB_HELP),
    stdin_format: str = typer.Option("text", "--stdin-format", help="What - reads: one report (text) or a JSON "
                                     "Lines corpus (jsonl)."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Parse in this many processes (0: one per CPU)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary on stderr "
                               "(warnings about imprecise dates and skipped inputs still are)."),
) -> None:
    """Parse reports into dated events and store them (re-parsing replaces a report's events; the same text under
    another name is skipped)."""
    _check_choice(mode, MODES, "--mode")
    _check_choice(lang, available_languages(), "--lang")
    _check_choice(stdin_format, corpus.STDIN_FORMATS, "--stdin-format")
    if published is not None:
        parse_date(published)
    if jobs < 0:
        raise InputError(f"--jobs must be 0 (one per CPU) or more, not {jobs}")
    if encoding is not None:
        check_encoding(encoding)
    store.check_writable(output)              # before the work, not after parsing a whole corpus
    inputs = [str(r) for r in reports]
    options = corpus.ReadOptions(published=published, lang=lang, max_bytes=max_bytes, encoding=encoding,
                                 globs=tuple(glob or corpus.DEFAULT_GLOBS), stdin_format=stdin_format)
    err = Console(stderr=True, highlight=False)
    notes = _Notes(err)
    corpus.check_inputs(inputs)
    total = corpus.count_inputs(inputs, options.globs) if err.is_terminal and not quiet else None
    with Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, transient=True,
                  disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("parse", total=total)

        def parsed(item) -> None:
            progress.advance(task)
            for warning in item.warnings:
                notes.print("Warning", warning)

        summary = corpus.parse_into_store(
            inputs, output, options, mode, jobs or os.cpu_count() or 1, on_parsed=parsed,
            on_skip=lambda item: notes.print("Skipped", f"{item.origin}: {item.reason}"))
    notes.close()
    if not quiet:
        kept_note = f", kept {summary.kept} locked or manual" if summary.kept else ""
        skipped_note = f", {summary.skipped} input(s) skipped" if summary.skipped else ""
        err.print(Text(f"{summary.documents} report(s): {summary.events} events ({summary.dated} dated)"
                       f"{kept_note}{skipped_note} → {output}"), soft_wrap=True)


class _Notes:
    """Warnings on stderr, the first `limit` of them, then how many more there were: a corpus of
    100 000 reports without publication dates must not bury the terminal. Thread-safe: inputs
    are skipped in the thread that reads them."""

    def __init__(self, console: Console, limit: int = 20):
        self.console, self.limit, self.count = console, limit, 0
        self._lock = threading.Lock()

    def print(self, label: str, message: str) -> None:
        """`label` (Warning, Skipped) in yellow, then the message as plain text: file names and
        sentences may contain what Rich would read as markup ("[/x].txt")."""
        with self._lock:
            self.count += 1
            if self.count <= self.limit:
                self.console.print(Text.assemble((f"{label}:", "yellow"), " ", message), soft_wrap=True)

    def close(self) -> None:
        if self.count > self.limit:
            self.console.print(f"[yellow]… and {self.count - self.limit} more warning(s)[/]", soft_wrap=True)


def _note_inferred_days(timeline: Timeline) -> None:
    """A note on stderr for each report whose publication day was inferred from its text."""
    notes = _Notes(Console(stderr=True, highlight=False))
    for document in timeline.documents:
        if document.get("published_basis") == "inferred":
            notes.print("Note", f"{document['id']}: publication day {document.get('published')} inferred from the "
                        f"text ({document.get('published_reason')}; confidence {document.get('published_confidence')})")
    notes.close()


def _check_choice(value: str, choices, option: str) -> None:
    if value not in choices:
        raise InputError(f"unknown {option} {value!r} (choose from: {', '.join(choices)})")


@app.command()
@_errors_to_exit
@_with_filters
def show(
    filters: _Filters,
    compact: bool = typer.Option(False, "--compact", help="One line per event."),
    group_by: str = typer.Option("day", "--group-by", help="Sections by day, week or month."),
    sources: bool = typer.Option(False, "--sources", help="List under each event the reports that tell it: "
                                 "outlet, publication day, document and sentence."),
    no_merge: bool = NoMergeOption,
    width: int | None = WidthOption,
    no_color: bool = NoColorOption,
) -> None:
    """Show the timeline: events by day, with actors and places; undated events last."""
    _check_choice(group_by, GROUPINGS, "--group-by")
    timeline = filters.timeline(merge=not no_merge)
    _note_inferred_days(timeline)
    render(timeline, _stdout(width, no_color), compact=compact, group_by=group_by, sources=sources)


@app.command("filter")
@_errors_to_exit
@_with_filters
def filter_(
    filters: _Filters,
    as_json: bool = typer.Option(False, "--json", help="Print the matching events as JSON."),
    no_merge: bool = NoMergeOption,
    width: int | None = WidthOption,
    no_color: bool = NoColorOption,
) -> None:
    """Show only the events that match all given filters (a repeated filter matches any of its values)."""
    timeline = filters.timeline(merge=not no_merge)
    if as_json:
        sys.stdout.write(export(timeline, "json"))
        return
    render(timeline, _stdout(width, no_color))


@app.command("export")
@_errors_to_exit
@_with_filters
def export_(
    filters: _Filters,
    fmt: str = typer.Option("json", "--format", "-f", help=f"Output format: {', '.join(EXPORTERS)}."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    no_merge: bool = NoMergeOption,
) -> None:
    """Export the (filtered) timeline for other tools."""
    _check_choice(fmt, EXPORTERS, "--format")
    timeline = filters.timeline(merge=not no_merge)
    content = export(timeline, fmt)
    if output is None:
        sys.stdout.write(content)
    else:
        store.atomic_write(output, content)
    omitted, why = left_out(timeline, fmt)
    if omitted:
        Console(stderr=True, highlight=False).print(f"{fmt}: left out {omitted} event(s) {why}", soft_wrap=True)


@app.command()
@_errors_to_exit
@_with_filters
def stats(
    filters: _Filters,
    width: int | None = WidthOption,
    no_color: bool = NoColorOption,
) -> None:
    """Count the (filtered) events: how well dated, per day, per actor, per type, per certainty."""
    timeline = filters.timeline()
    _note_inferred_days(timeline)
    render_stats(timeline_stats(timeline), _stdout(width, no_color))


@app.command()
@_errors_to_exit
def actors(
    events: Path | None = EventsOption,
    actor: list[str] | None = ActorOption,
    kind: list[str] | None = typer.Option(None, "--kind", help="Only actors of this kind: person, "
                                             "organisation, group (repeat for several)."),
    as_json: bool = typer.Option(False, "--json", help="Print the actors as JSON."),
    width: int | None = WidthOption,
    no_color: bool = NoColorOption,
) -> None:
    """List the actors: canonical name, kind, other names, and in how many events each appears and acts."""
    timeline = _load(events)
    found = [a for a in timeline.actors() if (not kind or a.kind in kind)
             and (not actor or any(matches_name(q, a) for q in actor))]
    if as_json:
        sys.stdout.write(json.dumps([dataclasses.asdict(a) for a in found], ensure_ascii=False, indent=2) + "\n")
        return
    render_actors(found, _stdout(width, no_color))


@app.command()
@_errors_to_exit
def tag(
    source: Path | None = typer.Argument(None, help="Text file to tag, or - for stdin.", show_default=False),
    published: str | None = typer.Option(None, "--published", help="Reference date YYYY-MM-DD (default: "
                                            "the text's header, if any)."),
    lang: str = typer.Option("de", "--lang", help="Language of the text."),
    mode: str = typer.Option("news", "--mode", help="news or narrative."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Read JSON lines {id, text, published} on stdin; write "
                               "one line {id, timexes} per input line."),
    fmt: str = typer.Option("json", "--format", "-f", help="json (a list of expressions) or timeml (the text "
                            "with inline TIMEX3 tags)."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of the text (default: UTF-8, else "
                                           "Windows-1252 when it reads as such), e.g. cp850, mac_roman, utf-16."),
) -> None:
    """Print the temporal expressions of a text with offsets, types and TIMEX3 values."""
    _check_choice(mode, MODES, "--mode")
    _check_choice(lang, available_languages(), "--lang")
    _check_choice(fmt, ("json", "timeml"), "--format")
    if encoding is not None:
        check_encoding(encoding)
    if jsonl:
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = str(record["text"])
            except (ValueError, KeyError, TypeError):
                raise InputError(f"stdin line {number}: expected a JSON object with `text`") from None
            day = record.get("published") or published
            timexes = _tag(text, day, lang, mode)
            sys.stdout.write(json.dumps({"id": record.get("id"), "timexes": [t.to_dict() for t in timexes]},
                                        ensure_ascii=False) + "\n")
        return
    if source is None or str(source) == "-":
        text = read_text(sys.stdin.buffer.read(), "stdin", encoding)
    else:
        text = read_text(read_bytes(source, None), str(source), encoding)
    timexes = _tag(text, published, lang, mode)
    if fmt == "timeml":
        sys.stdout.write(to_timeml(text, timexes))
    else:
        sys.stdout.write(json.dumps([t.to_dict() for t in timexes], ensure_ascii=False, indent=2) + "\n")


def _tag(text: str, published: str | None, lang: str, mode: str):
    """Expressions of `text` with offsets into it as given; the header date counts when none is passed."""
    document = document_from_text(text, published=published, lang=lang, doc_id="input") if text.strip() else None
    if document is None:
        raise InputError("input is empty")
    return tag_text(text, document.published, lang, mode, document.precision or "day")


def to_timeml(text: str, timexes) -> str:
    parts, pos = [], 0
    for number, timex in enumerate(timexes, 1):
        parts.append(escape(text[pos:timex.start]))
        mod = f" mod={quoteattr(timex.mod)}" if timex.mod else ""
        parts.append(f'<TIMEX3 tid="t{number}" type="{timex.type}" value={quoteattr(timex.value)}{mod}>'
                     f"{escape(timex.text)}</TIMEX3>")
        pos = timex.end
    parts.append(escape(text[pos:]))
    return "<TimeML>\n" + "".join(parts) + "\n</TimeML>\n"


@app.command()
@_errors_to_exit
def validate(path: Path = typer.Argument(DEFAULT_STORE, help="Events store to check.")) -> None:
    """Check an events store: valid YAML, required fields, valid dates; lists every problem found."""
    problems = store.check(path)
    for problem in problems:
        _print_error(problem)
    if problems:
        raise typer.Exit(1)
    timeline = store.load_timeline(path)
    Console(stderr=True, highlight=False).print(
        f"{path}: OK, {len(timeline.events)} events of {len(timeline.documents)} document(s)", soft_wrap=True)

