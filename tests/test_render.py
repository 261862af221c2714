"""The Rich view: a golden file of `timeline show` on the shipped report, and plain output when piped.

Regenerate the golden file with `UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`, then read it.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from timeline import DateValue, Timeline, shipped_timeline
from timeline.cli import app
from timeline.render import actor_color, group_label, render, when_label

GOLDEN = Path(__file__).parent / "golden" / "show.txt"
ANSI = "\x1b["
runner = CliRunner()


def rendered(timeline: Timeline, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, force_terminal=False, highlight=False,
                      soft_wrap=False, emoji=False)
    render(timeline, console)
    return buffer.getvalue()


def cli_show(*args, env=None) -> str:
    result = runner.invoke(app, ["show", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture()
def in_tmp(tmp_path, plain_env):
    plain_env.chdir(tmp_path)
    return tmp_path


# --- golden file ----------------------------------------------------------------------------------

def test_show_matches_golden(in_tmp):
    output = cli_show("--width", "100", "--no-color")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_render_matches_golden():
    """The library view on a plain 100-column console is exactly what the command prints."""
    assert rendered(shipped_timeline()) == GOLDEN.read_text(encoding="utf-8")


def _headings(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^(\S.*?) ─+$", text, re.M)]


def test_golden_day_sections_in_order():
    headings = _headings(GOLDEN.read_text(encoding="utf-8"))
    assert headings[:5] == ["2019", "2021", "Saturday, 1 January 2022", "Wednesday, 5 January 2022",
                            "Friday, 7 January 2022"]
    assert re.fullmatch(r"Undated \(\d+\)", headings[-1])
    assert len(headings) == 6


def test_golden_rows():
    text = GOLDEN.read_text(encoding="utf-8")
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "≈ Sat 1 Jan" in text
    assert "Fri 7 Jan evening (ctx)" in text
    assert "Fri 7 Jan night" in text
    # the undated events come last, in document order
    undated = text[text.index("Undated ("):]
    assert undated.index("Damit reagiert die Bundesregierung") < undated.index("Das löste im Westen Sorgen aus.")
    assert "Mittwoch" not in undated


def test_every_event_is_shown_once(in_tmp):
    output = " ".join(cli_show("--width", "400", "--no-color").split())
    for event in shipped_timeline().events:
        assert output.count(" ".join(event.sentence.split())) == 1, event.sentence


# --- plain output ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [[], ["--width", "80"], ["--actor", "Tokajew"]])
def test_piped_output_has_no_escape_codes(in_tmp, args):
    assert ANSI not in cli_show(*args)


@pytest.mark.parametrize("command", ["show", "filter"])
def test_no_color_env(in_tmp, command):
    result = runner.invoke(app, [command, "--width", "100"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert ANSI not in result.output


def test_no_color_option_is_plain_even_when_colors_are_forced(in_tmp):
    """`--no-color` promises plain text; FORCE_COLOR (set in many CI systems) must not add escapes."""
    result = runner.invoke(app, ["show", "--width", "100", "--no-color"], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ANSI not in result.stdout


def test_forced_colors_without_no_color_do_color(in_tmp):
    """The opposite check: the view does use styles when a terminal is forced."""
    result = runner.invoke(app, ["show", "--width", "100"], env={"FORCE_COLOR": "1"})
    assert ANSI in result.stdout


# --- labels ---------------------------------------------------------------------------------------

def _date(value, granularity, start="2022-01-05T00:00:00", end="2022-01-05T23:59:59", **kw):
    return DateValue(value=value, start=start, end=end, granularity=granularity, **kw)


@pytest.mark.parametrize("date, when, group", [
    (_date("2022-01-05", "day"), "Wed 5 Jan", "Wednesday, 5 January 2022"),
    (_date("2022-01-07TEV", "part-of-day"), "Fri 7 Jan evening", "Friday, 7 January 2022"),
    (_date("2022-01-07TNI", "part-of-day", basis="context"), "Fri 7 Jan night (ctx)", "Friday, 7 January 2022"),
    (_date("2022-01-01", "day", approximate=True), "≈ Sat 1 Jan", "Saturday, 1 January 2022"),
    (_date("2022-01", "month"), "January 2022", "January 2022"),
    (_date("2022-01", "month", approximate=True, basis="publication"), "≈ January 2022", "January 2022"),
    (_date("2021", "year"), "2021", "2021"),
    (_date("2022-W01", "week"), "week 1 of 2022", "week 1 of 2022"),
    (_date("2022-SU", "season"), "summer 2022", "summer 2022"),
    (_date("2022-Q3", "quarter"), "Q3 2022", "Q3 2022"),
    (_date("2022-H1", "half"), "first half of 2022", "first half of 2022"),
    (_date("199", "decade"), "1990s", "1990s"),
    (_date("2022-01-07T14:30", "time"), "Fri 7 Jan 14:30", "Friday, 7 January 2022"),
    (None, "undated", None),
])
def test_labels(date, when, group):
    assert when_label(date) == when
    if date is not None:
        assert group_label(date) == group


@pytest.mark.parametrize("name", ["Kassym-Schomart Tokajew", "Olaf Scholz", "Bundesregierung"])
def test_actor_color_is_stable(name):
    assert actor_color(name) == actor_color(name)
    assert actor_color(name) == actor_color(str(name))


def test_empty_timeline():
    assert rendered(Timeline([])).strip() == "No events."
