"""The first-reading benchmark must keep running; its numbers are read from its output, not asserted here."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow          # runs a script of benchmarks/

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def test_bench_first_reading_runs_on_a_few_texts(capsys, benchmark_script):
    bench = benchmark_script("bench_first_reading")
    assert bench.main(["--rounds", "1", "--limit", "2", "--json", "--corpora-dir", str(CORPORA)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(row["documents"] <= 2 for row in rows)
    assert all(row[f"{reading}_docs_per_s"] > 0 for row in rows for reading in ("alone", "in_turn", "again"))
