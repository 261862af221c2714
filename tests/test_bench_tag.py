"""The speed benchmark must keep running; its numbers are read from its output, not asserted here."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow          # runs a script of benchmarks/

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.skipif(not (CORPORA / "krauts").is_dir(), reason="KRAUTS corpus not present")
def test_bench_tag_runs_on_a_few_documents(capsys, benchmark_script):
    assert benchmark_script("bench_tag").main(["--limit", "1", "--repeat", "1", "--corpora-dir", str(CORPORA)]) == 0
    output = capsys.readouterr().out
    assert "documents: 3" in output
    assert "docs/s" in output and "MB/s" in output
    assert "timeline tag --jsonl" in output


def test_bench_tag_skips_without_corpora(tmp_path, capsys, benchmark_script):
    assert benchmark_script("bench_tag").main(["--corpora-dir", str(tmp_path)]) == 0
    assert "nothing to measure" in capsys.readouterr().out
