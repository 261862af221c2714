"""The merge benchmark must keep running; its numbers are read from its output, not asserted here."""

import json

import pytest

pytestmark = pytest.mark.slow          # runs a script of benchmarks/


def test_bench_merge_runs_on_a_few_events(capsys, benchmark_script):
    assert benchmark_script("bench_merge").main(["--sizes", "200", "400", "--repeat", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["events"] for r in rows] == [200, 400]
    assert all(0 < r["merged"] < r["events"] and r["comparisons"] > 0 and r["seconds"] > 0 for r in rows)
