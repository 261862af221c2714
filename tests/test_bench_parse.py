"""The corpus benchmark must keep running; its numbers are read from its output, not asserted here."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow          # runs a script of benchmarks/

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.skipif(not (CORPORA / "krauts").is_dir(), reason="KRAUTS corpus not present")
def test_bench_parse_runs_on_a_few_documents(capsys, benchmark_script):
    bench = benchmark_script("bench_parse")
    assert bench.main(["--sizes", "5", "--jobs", "1", "2", "--json", "--corpora-dir", str(CORPORA)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["documents"], r["jobs"]) for r in rows] == [(5, 1), (5, 2)]
    assert rows[0]["events"] == rows[1]["events"] > 0
    assert all(r["docs_per_s"] > 0 and r["rss_mb"] > 0 for r in rows)


def test_bench_parse_builds_distinct_documents(tmp_path, benchmark_script):
    bench = benchmark_script("bench_parse")
    sources = [("Am Montag kam er.", bench.dt.date(2024, 3, 6)), ("Am Dienstag ging er.", bench.dt.date(2024, 3, 7))]
    bench.write_corpus(tmp_path / "c.jsonl", 5, sources)
    records = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({(r["text"], r["published"]) for r in records}) == 5


def test_bench_parse_skips_without_corpora(tmp_path, capsys, benchmark_script):
    assert benchmark_script("bench_parse").main(["--corpora-dir", str(tmp_path)]) == 0
    assert "nothing to measure" in capsys.readouterr().out
