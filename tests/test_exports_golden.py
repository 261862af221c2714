"""Every export format from the shipped report, against golden files, and through the command.

Regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/test_exports_golden.py`, then read the diff.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from timeline import shipped_timeline
from timeline.cli import app
from timeline.export import EXPORTERS, export, left_out

runner = CliRunner()
EXTENSION = {"json": "json", "jsonl": "jsonl", "csv": "csv", "ics": "ics", "timelinejs": "timeline.json",
             "html": "html", "markdown": "md"}


def test_every_format_has_a_golden_file():
    assert set(EXTENSION) == set(EXPORTERS)


@pytest.mark.parametrize("fmt", list(EXTENSION))
def test_shipped_report_matches_golden(fmt, golden):
    golden(f"export.{EXTENSION[fmt]}", export(shipped_timeline(), fmt))


@pytest.mark.parametrize("fmt", list(EXTENSION))
def test_one_command_writes_each_format(fmt, tmp_path, plain_env):
    plain_env.chdir(tmp_path)
    out = tmp_path / f"kz.{EXTENSION[fmt]}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_bytes().decode("utf-8") == export(shipped_timeline(), fmt)
    omitted, why = left_out(shipped_timeline(), fmt)
    if omitted:
        assert result.stderr.strip() == f"{fmt}: left out {omitted} event(s) {why}"
    else:
        assert result.stderr == ""


@pytest.mark.parametrize("fmt", list(EXTENSION))
def test_filters_apply_to_every_format(fmt, plain_env, tmp_path):
    plain_env.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--format", fmt, "--actor", "Scholz"])
    assert result.exit_code == 0, result.output
    assert "rief am Freitag zu einem Ende der Gewalt" in result.stdout           # Scholz's appeal
    assert "stellten sich am Mittwoch" not in result.stdout


def test_every_format_of_an_empty_timeline(plain_env, tmp_path):
    plain_env.chdir(tmp_path)
    for fmt in EXPORTERS:
        result = runner.invoke(app, ["export", "--format", fmt, "--actor", "Niemand"])
        assert result.exit_code == 0, (fmt, result.output)
