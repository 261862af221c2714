"""The terminal view and `timeline stats`: golden files of the shipped report, and the hand-built
timeline that uses every field (tests/fixtures/all-fields.yaml).

Regenerate the golden files with `UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`, then read
the diff.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from timeline import DateValue, Timeline, shipped_timeline
from timeline.cli import app
from timeline.colors import PALETTE, actor_color, actor_css_color
from timeline.labels import attribution_label, group_of, when_label
from timeline.model import Attribution
from timeline.render import render, render_stats
from timeline.stats import timeline_stats

ANSI = "\x1b["
runner = CliRunner()


def rendered(timeline: Timeline, width: int = 100, color: bool = False, **options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="truecolor" if color else None,
                      force_terminal=color, highlight=False, emoji=False)
    render(timeline, console, **options)
    return buffer.getvalue()


def cli(*args, env=None) -> str:
    result = runner.invoke(app, [str(a) for a in args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def squashed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture()
def in_tmp(tmp_path, plain_env):
    """Run in an empty folder, so that the shipped report is shown."""
    plain_env.chdir(tmp_path)
    return tmp_path


# --- golden files of the shipped report -----------------------------------------------------------

@pytest.mark.parametrize("name, args", [
    ("show.txt", []),
    ("show-compact.txt", ["--compact"]),
    ("show-week.txt", ["--group-by", "week", "--compact"]),
])
def test_show_matches_golden(in_tmp, golden, name, args):
    golden(name, cli("show", "--width", "100", "--no-color", *args))


def test_stats_matches_golden(in_tmp, golden):
    golden("stats.txt", cli("stats", "--width", "80", "--no-color"))


def test_library_view_is_what_the_command_prints(in_tmp):
    assert rendered(shipped_timeline()) == cli("show", "--width", "100", "--no-color")


def test_every_shipped_event_is_shown_once(in_tmp):
    output = squashed(cli("show", "--width", "400", "--no-color"))
    for event in shipped_timeline().events:
        assert output.count(squashed(event.sentence)) == 1, event.sentence


def _headings(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^(\S.*?) ─+$", text, re.M)]


def test_shipped_day_sections_in_order(in_tmp):
    headings = _headings(cli("show", "--width", "100", "--no-color"))
    assert headings[:2] == ["2019", "2021"]
    assert "Wednesday, 5 January 2022" in headings
    assert headings.index("Wednesday, 5 January 2022") < headings.index("Friday, 7 January 2022")
    assert re.fullmatch(r"Undated \(\d+\)", headings[-1])


# --- every field, from the hand-built timeline ----------------------------------------------------

@pytest.mark.parametrize("width", [60, 120])
@pytest.mark.parametrize("compact", [False, True])
def test_fits_the_width_without_trailing_spaces(all_fields, width, compact):
    text = rendered(all_fields, width=width, compact=compact, sources=True)
    for line in text.splitlines():
        assert len(line) <= width, line
        assert line == line.rstrip(), repr(line)


@pytest.mark.parametrize("width", [60, 120])
def test_full_view_shows_every_sentence(all_fields, width):
    text = squashed(rendered(all_fields, width=width))
    for event in all_fields.events:
        assert squashed(event.sentence) in text, event.sentence


def test_narrow_view_puts_long_date_labels_on_their_own_line(all_fields):
    lines = rendered(all_fields, width=60).splitlines()
    evening = lines.index(" Fri 7 Jan evening (ctx)")
    assert lines[evening + 1].lstrip().startswith("SAY  Präsident Tokajew")
    assert any(line.startswith(" Wed 5 Jan     DEC  [rep.] Tokajew") for line in lines)   # short ones stay


def test_day_headings_with_weekday_in_time_order(all_fields):
    assert _headings(rendered(all_fields)) == [
        "2021", "January 2022", "Saturday, 1 January 2022", "week 1 of 2022", "5 January 2022 – 7 January 2022",
        "Wednesday, 5 January 2022", "Friday, 7 January 2022", "Undated (2)"]


def test_parts_of_day_in_order_within_a_day(all_fields):
    friday = rendered(all_fields).split("Friday, 7 January 2022")[1].split("Undated")[0]
    assert friday.index("14:30") < friday.index("evening") < friday.index("night")


@pytest.mark.parametrize("group_by, headings", [
    ("week", ["2021", "Week 52, 27 December 2021 – 2 January 2022", "January 2022", "Week 1, 3–9 January 2022",
              "Undated (2)"]),
    ("month", ["2021", "January 2022", "Undated (2)"]),
])
def test_group_by(all_fields, group_by, headings):
    text = rendered(all_fields, group_by=group_by)
    assert _headings(text) == headings
    assert squashed(text).count("Vom 5. bis 7. Januar") == 1


def test_gutter_marks_precision_and_basis(all_fields):
    text = rendered(all_fields, width=120)
    gutters = {line[1:25].rstrip() for line in text.splitlines() if line.startswith(" ") and line[1] != " "}
    assert {"2021", "≈ January 2022 (pub)", "≈ Sat 1 Jan", "week 1 of 2022", "Wed 5–Fri 7 Jan", "Wed 5 Jan",
            "↳ Wed 5 Jan", "Fri 7 Jan 14:30", "Fri 7 Jan evening (ctx)", "Fri 7 Jan night", "undated"} <= gutters


def test_types_certainty_figures_attribution_roles(all_fields):
    text = squashed(rendered(all_fields, width=120))
    assert "DEC [rep.] Tokajew setzte Nasarbajew" in text
    assert "— nach dpa" in text
    assert "[unverif.] Zudem habe es" in text and "— einem Agenturbericht zufolge" in text
    assert "DIPL [rumour] Um 14.30 Uhr" in text
    assert "actors: Kassym-Schomart Tokajew → Nursultan Nasarbajew" in text
    assert "actors: Alexander Lukaschenko, Kassym-Schomart Tokajew" in text
    assert "actors: → Demonstranten · figures: 26 deaths" in text
    assert "figures: ≤20 000 persons" in text                      # a no-break space, squashed here
    assert "figures: ≈2 200 000 EUR" in text


def test_legend_explains_what_is_used(all_fields, shipped_parsed):
    legend = squashed(rendered(all_fields, width=120).split("2021 ─")[0])
    for item in ("≈ approximate", "↳ continues the event before", "(ctx) day from", "(pub) from the publication date",
                 "[rep.] reported", "[unverif.] not independently verified", "[rumour] a rumour",
                 "SAY statement", "DEAD fatalities report"):
        assert item in legend
    one_event = Timeline([all_fields.events[-1]])
    assert rendered(one_event).startswith("Undated (1)")        # nothing to explain, no legend


@pytest.mark.parametrize("width", [60, 100])
def test_compact_is_one_line_per_event(all_fields, width):
    lines = rendered(all_fields, width=width, compact=True).splitlines()
    rows = [line for line in lines if line.startswith(" ") and not re.match(r" \w+: ", line)
            and not line.startswith("        ")]
    assert len(rows) == len(all_fields.events)
    night = next(line for line in rows if line.startswith(" Fri 7 Jan night"))
    assert "— nach Staats" in night                                  # the source survives the cut


def test_sources_lists_each_report(all_fields):
    text = squashed(rendered(all_fields, width=120, sources=True))
    assert ("⤷ dpa · 2022-01-08 · agentur: Um 14.30 Uhr telefonierte Lukaschenko mit Tokajew, hieß es aus Minsk. "
            "⤷ Tagesspiegel · 2022-01-09 · zeitung: Lukaschenko und Tokajew sprachen") in text
    assert "⤷ Tagesspiegel · 2022-01-09 · zeitung" in text           # a single-report event: its document
    assert "⤷" not in rendered(all_fields, width=120)


def _style_of(ansi: str, words: str) -> list[str]:
    """The SGR parameters the colored output gives `words`."""
    match = re.search(r"\x1b\[([0-9;]*)m" + re.escape(words) + r"\x1b\[0m", ansi)
    assert match, words
    return match.group(1).split(";")


def test_colors_acting_bold_affected_dim(all_fields):
    ansi = rendered(all_fields, width=200, color=True)
    acting, affected = _style_of(ansi, "Tokajew"), _style_of(ansi, "Nasarbajew")
    assert "1" in acting and "2" not in acting                     # bold
    assert "2" in affected and "1" not in affected                 # dim
    assert "1" in _style_of(ansi, "mehr als 4000 Festnahmen")      # figures bold
    assert " actors: " in ansi and "■" in ansi                      # the color legend


def test_colors_are_stable_per_actor(all_fields):
    ansi = rendered(all_fields, width=200, color=True)
    assert "Tokajew" in ansi
    for name in ("Kassym-Schomart Tokajew", "Olaf Scholz", "Bundesregierung"):
        assert actor_color(name) == actor_color(str(name))


def test_an_actor_has_the_same_color_in_the_terminal_and_the_page():
    for name in ("Kassym-Schomart Tokajew", "Olaf Scholz", "Bundesregierung"):
        assert (actor_color(name), actor_css_color(name)) in PALETTE


def test_plain_output_has_no_legend_of_colors(all_fields):
    text = rendered(all_fields)
    assert ANSI not in text
    assert "■" not in text


def test_unknown_grouping_is_an_error(all_fields):
    with pytest.raises(ValueError):
        rendered(all_fields, group_by="year")


def test_empty_timeline():
    assert rendered(Timeline([])).strip() == "No events."


# --- the command: plain when piped, NO_COLOR, --no-color ------------------------------------------

@pytest.mark.parametrize("args", [[], ["--width", "80"], ["--actor", "Tokajew"], ["--compact"],
                                  ["--group-by", "month"]])
def test_piped_output_has_no_escape_codes(in_tmp, args):
    assert ANSI not in cli("show", *args)


@pytest.mark.parametrize("command", ["show", "filter", "stats"])
def test_no_color_env(in_tmp, command):
    result = runner.invoke(app, [command, "--width", "100"], env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ANSI not in result.output


@pytest.mark.parametrize("command", ["show", "stats"])
def test_no_color_option_is_plain_even_when_colors_are_forced(in_tmp, command):
    """`--no-color` promises plain text; FORCE_COLOR (set in many CI systems) must not add escapes."""
    result = runner.invoke(app, [command, "--width", "100", "--no-color"], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ANSI not in result.stdout


def test_forced_colors_without_no_color_do_color(in_tmp):
    result = runner.invoke(app, ["show", "--width", "100"], env={"FORCE_COLOR": "1"})
    assert ANSI in result.stdout


def test_show_group_by_must_be_known(in_tmp):
    result = runner.invoke(app, ["show", "--group-by", "year"])
    assert result.exit_code == 1
    assert "--group-by" in result.stderr and "year" in result.stderr


def test_show_filters_apply(in_tmp):
    text = cli("show", "--actor", "Scholz", "--since", "2022-01-07", "--until", "2022-01-07", "--width", "120",
               "--compact")
    assert "Bundeskanzler Olaf Scholz" in text
    assert "Undated" not in text and "Tokajew setzte" not in text


# --- stats ----------------------------------------------------------------------------------------

def test_stats_counts(all_fields):
    stats = timeline_stats(all_fields)
    precision = dict((label.strip(), n) for label, n in stats.precision)
    assert precision == {"dated": 10, "to the day": 5, "approximate": 2, "vaguer than a day": 4, "continuation": 1,
                         "from context": 1, "from publication": 1, "undated": 2}
    assert stats.per_day[0] == ("Sat 1 Jan 2022", 1)
    assert dict(stats.per_day) == {"Sat 1 Jan 2022": 1, "Sun 2 Jan 2022": 0, "Mon 3 Jan 2022": 0,
                                   "Tue 4 Jan 2022": 0, "Wed 5 Jan 2022": 2, "Thu 6 Jan 2022": 0,
                                   "Fri 7 Jan 2022": 3}
    assert stats.per_actor[0] == ("Kassym-Schomart Tokajew", 3)
    assert ("DEC decision / dismissal / appointment", 2) in stats.per_type
    assert ("untyped", 1) in stats.per_type
    assert dict(stats.per_certainty) == {"stated as fact": 8, "reported by a source": 2,
                                         "not independently verified": 1, "a rumour": 1}


@pytest.mark.parametrize("width", [60, 120])
def test_stats_bars_fit_the_width(all_fields, width):
    buffer = io.StringIO()
    render_stats(timeline_stats(all_fields), Console(file=buffer, width=width, color_system=None))
    lines = buffer.getvalue().splitlines()
    assert all(len(line) <= width and line == line.rstrip() for line in lines)
    tokajew = next(line for line in lines if line.startswith(" Kassym-Schomart"))
    lukaschenko = next(line for line in lines if line.startswith(" Alexander"))
    assert tokajew.count("█") > lukaschenko.count("█") > 0


def test_stats_respects_filters(in_tmp):
    text = cli("stats", "--actor", "Scholz", "--width", "80")
    assert "Olaf Scholz" in text
    assert "Nursultan Nasarbajew" not in text


# --- labels ---------------------------------------------------------------------------------------

def _date(value, granularity, start="2022-01-05T00:00:00", end="2022-01-05T23:59:59", **kw):
    return DateValue(value=value, start=start, end=end, granularity=granularity, **kw)


@pytest.mark.parametrize("date, when, group", [
    (_date("2022-01-05", "day"), "Wed 5 Jan", "Wednesday, 5 January 2022"),
    (_date("2022-01-07TEV", "part-of-day"), "Fri 7 Jan evening", "Friday, 7 January 2022"),
    (_date("2022-01-07TNI", "part-of-day", basis="context"), "Fri 7 Jan night (ctx)", "Friday, 7 January 2022"),
    (_date("2022-01-07", "day", basis="continuation"), "↳ Fri 7 Jan", "Friday, 7 January 2022"),
    (_date("2022-01-06/2022-01-07", "day", start="2022-01-06T00:00:00", end="2022-01-07T23:59:59",
           approximate=True, basis="report-day"), "≈ Thu 6–Fri 7 Jan (news)", "6 January 2022 – 7 January 2022"),
    (_date("2022-01-05TMO", "part-of-day", basis="story"), "Wed 5 Jan morning (story)", "Wednesday, 5 January 2022"),
    (_date("2022-01-05", "day", basis="ticker"), "Wed 5 Jan (ticker)", "Wednesday, 5 January 2022"),
    (_date("2022-01-01", "day", approximate=True), "≈ Sat 1 Jan", "Saturday, 1 January 2022"),
    (_date("2022-01", "month"), "January 2022", "January 2022"),
    (_date("2022-01", "month", approximate=True, basis="publication"), "≈ January 2022 (pub)", "January 2022"),
    (_date("2021", "year"), "2021", "2021"),
    (_date("2022-W01", "week"), "week 1 of 2022", "week 1 of 2022"),
    (_date("2022-SU", "season"), "summer 2022", "summer 2022"),
    (_date("2022-Q3", "quarter"), "Q3 2022", "Q3 2022"),
    (_date("2022-H1", "half"), "first half of 2022", "first half of 2022"),
    (_date("199", "decade"), "1990s", "1990s"),
    (_date("2022-01-07T14:30", "time"), "Fri 7 Jan 14:30", "Friday, 7 January 2022"),
    # clock times within one day ("von 8 bis 18 Uhr") are listed under that day with their hours
    (_date("2022-01-07T08:00/2022-01-07T18:00", "time", basis="context"), "Fri 7 Jan 08:00–18:00 (ctx)",
     "Friday, 7 January 2022"),
    # over midnight they stay a range
    (_date("2022-01-07T22:00/2022-01-08T05:00", "time"), "Fri 7 Jan 22:00 – Sat 8 Jan 05:00",
     "7 January 2022 – 8 January 2022"),
    (_date("2021-12-30/2022-01-08", "day"), "Thu 30 Dec – Sat 8 Jan", "30 December 2021 – 8 January 2022"),
    (_date("2021-12/2022-01", "month"), "December 2021 – January 2022", "December 2021 – January 2022"),
    (None, "undated", None),
])
def test_labels(date, when, group):
    assert when_label(date) == when
    if date is not None:
        assert group_of(date)[2] == group


@pytest.mark.parametrize("source, text, label", [
    ("dpa", "berichtete die dpa", "nach dpa"),
    (None, "einem Agenturbericht zufolge", "einem Agenturbericht zufolge"),
    (None, "gelte", ""),                                  # a verb in reported speech names no source
    (None, "soll … sein", ""),
])
def test_attribution_label(source, text, label):
    assert attribution_label(Attribution(source, text)) == label
