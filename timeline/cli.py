"""The `timeline` command: parses arguments, calls the library, prints. Errors become exit codes here."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from pathlib import Path
from typing import Callable, List, Optional
from xml.sax.saxutils import escape, quoteattr

import typer
from rich.console import Console

from . import store
from .errors import InputError, TimelineError
from .export import EXPORTERS, export
from .lang import available_languages
from .extract.event_types import event_type_ids
from .model import CERTAINTIES, ROLES, Timeline
from .pipeline import parse_report
from .reading import DEFAULT_MAX_BYTES, document_from_text, parse_date, read_text
from .render import render
from .shipped import shipped_timeline
from .segment import split_sentences
from .temporal import MODES, Reference, tag_sentences

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
TypeOption = typer.Option(None, "--type", help="Only events of this type, e.g. protest, arrest, statement "
                          "(see `timeline types`; repeat for several).")
CertaintyOption = typer.Option(None, "--certainty", help="Only events reported with this certainty: stated, "
                               "reported, unverified, rumour (repeat for several).")
WidthOption = typer.Option(None, "--width", help="Output width in columns (default: the terminal's).")
NoColorOption = typer.Option(False, "--no-color", help="Plain text without colors (also: NO_COLOR=1).")


def _errors_to_exit(command: Callable) -> Callable:
    """Print user errors as one line on stderr and exit 1, without a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TimelineError as exc:
            Console(stderr=True, highlight=False).print(f"[bold red]Error:[/] {exc}", soft_wrap=True)
            raise typer.Exit(1) from None
    return wrapper


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


def _load(events: Path | None) -> Timeline:
    if events is not None:
        return store.load_timeline(events)
    if DEFAULT_STORE.exists():
        return store.load_timeline(DEFAULT_STORE)
    return shipped_timeline()


def _filtered(events: Path | None, actor, place, since, until, text, role=None, type_=None,
              certainty=None) -> Timeline:
    for value in role or []:
        _check_choice(value, ROLES, "--role")
    for value in certainty or []:
        _check_choice(value, CERTAINTIES, "--certainty")
    for value in type_ or []:
        _check_choice(value, event_type_ids(), "--type")
    return _load(events).filter(actors=actor or [], places=place or [], since=_day(since, "--since"),
                                until=_day(until, "--until"), text=text, roles=role or [], types=type_ or [],
                                certainties=certainty or [])


@app.command()
@_errors_to_exit
def parse(
    reports: List[Path] = typer.Argument(..., help="Report files (UTF-8 text; a ` date YYYY-MM-DD` header or "
                                         "YAML front matter gives the publication date).", show_default=False),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; overrides "
                                            "the report's header."),
    output: Path = typer.Option(DEFAULT_STORE, "--output", "-o", help="Events store to write."),
    lang: str = typer.Option("de", "--lang", help="Language of the reports."),
    mode: str = typer.Option("news", "--mode", help="news: dates relative to publication; narrative: relative "
                             "to the last date mentioned."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse reports larger than this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
) -> None:
    """Parse reports into dated events and store them (re-parsing a report replaces its events)."""
    _check_choice(mode, MODES, "--mode")
    _check_choice(lang, available_languages(), "--lang")
    if published is not None:
        parse_date(published)
    err = Console(stderr=True, highlight=False)
    parsed = [parse_report(path, published, lang=lang, mode=mode, max_bytes=max_bytes) for path in reports]
    for item in parsed:
        for warning in item.warnings:
            err.print(f"[yellow]Warning:[/] {warning}", soft_wrap=True)
    events = [e for item in parsed for e in item.events]
    written, kept = store.save_parsed(output, [item.metadata() for item in parsed], events)
    if not quiet:
        dated = sum(1 for e in events if e.date)
        kept_note = f", kept {kept} locked or manual" if kept else ""
        err.print(f"{len(parsed)} report(s): {written} events ({dated} dated){kept_note} → {output}",
                  soft_wrap=True)


def _check_choice(value: str, choices, option: str) -> None:
    if value not in choices:
        raise InputError(f"unknown {option} {value!r} (choose from: {', '.join(choices)})")


@app.command()
@_errors_to_exit
def show(
    events: Optional[Path] = EventsOption,
    actor: Optional[List[str]] = ActorOption,
    place: Optional[List[str]] = PlaceOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    text: Optional[str] = TextOption,
    role: Optional[List[str]] = RoleOption,
    type_: Optional[List[str]] = TypeOption,
    certainty: Optional[List[str]] = CertaintyOption,
    width: Optional[int] = WidthOption,
    no_color: bool = NoColorOption,
) -> None:
    """Show the timeline: events by day, with actors and places; undated events last."""
    timeline = _filtered(events, actor, place, since, until, text, role, type_, certainty)
    render(timeline, _stdout(width, no_color))


@app.command("filter")
@_errors_to_exit
def filter_(
    events: Optional[Path] = EventsOption,
    actor: Optional[List[str]] = ActorOption,
    place: Optional[List[str]] = PlaceOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    text: Optional[str] = TextOption,
    role: Optional[List[str]] = RoleOption,
    type_: Optional[List[str]] = TypeOption,
    certainty: Optional[List[str]] = CertaintyOption,
    as_json: bool = typer.Option(False, "--json", help="Print the matching events as JSON."),
    width: Optional[int] = WidthOption,
    no_color: bool = NoColorOption,
) -> None:
    """Show only the events that match all given filters (a repeated filter matches any of its values)."""
    timeline = _filtered(events, actor, place, since, until, text, role, type_, certainty)
    if as_json:
        sys.stdout.write(export(timeline, "json"))
        return
    render(timeline, _stdout(width, no_color))


@app.command("export")
@_errors_to_exit
def export_(
    fmt: str = typer.Option("json", "--format", "-f", help=f"Output format: {', '.join(EXPORTERS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    events: Optional[Path] = EventsOption,
    actor: Optional[List[str]] = ActorOption,
    place: Optional[List[str]] = PlaceOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    text: Optional[str] = TextOption,
    role: Optional[List[str]] = RoleOption,
    type_: Optional[List[str]] = TypeOption,
    certainty: Optional[List[str]] = CertaintyOption,
) -> None:
    """Export the (filtered) timeline for other tools."""
    _check_choice(fmt, EXPORTERS, "--format")
    content = export(_filtered(events, actor, place, since, until, text, role, type_, certainty), fmt)
    if output is None:
        sys.stdout.write(content)
    else:
        store.atomic_write(output, content)


@app.command()
@_errors_to_exit
def tag(
    source: Optional[Path] = typer.Argument(None, help="Text file to tag, or - for stdin.", show_default=False),
    published: Optional[str] = typer.Option(None, "--published", help="Reference date YYYY-MM-DD (default: "
                                            "the text's header, if any)."),
    lang: str = typer.Option("de", "--lang", help="Language of the text."),
    mode: str = typer.Option("news", "--mode", help="news or narrative."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Read JSON lines {id, text, published} on stdin; write "
                               "one line {id, timexes} per input line."),
    fmt: str = typer.Option("json", "--format", "-f", help="json (a list of expressions) or timeml (the text "
                            "with inline TIMEX3 tags)."),
) -> None:
    """Print the temporal expressions of a text with offsets, types and TIMEX3 values."""
    _check_choice(mode, MODES, "--mode")
    _check_choice(lang, available_languages(), "--lang")
    _check_choice(fmt, ("json", "timeml"), "--format")
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
        text = read_text(sys.stdin.buffer.read(), "stdin")
    else:
        if not source.is_file():
            raise InputError(f"no such file: {source}" if not source.exists() else f"{source} is not a file")
        text = read_text(source.read_bytes(), str(source))
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
    reference = Reference(document.published, document.precision) if document.published else None
    sentences = split_sentences(text, 0, lang)
    return [t.timex for t in tag_sentences(text, sentences, reference, lang, mode)]


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
    """Check an events store: valid YAML, required fields, valid dates."""
    timeline = store.load_timeline(path)
    Console(stderr=True, highlight=False).print(
        f"{path}: OK, {len(timeline.events)} events of {len(timeline.documents)} document(s)", soft_wrap=True)

