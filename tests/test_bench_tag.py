"""The speed benchmark must keep running; its numbers are read from its output, not asserted here."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_tag.py"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_tag", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (CORPORA / "krauts").is_dir(), reason="KRAUTS corpus not present")
def test_bench_tag_runs_on_a_few_documents(capsys):
    assert _load_bench().main(["--limit", "1", "--repeat", "1", "--corpora-dir", str(CORPORA)]) == 0
    output = capsys.readouterr().out
    assert "documents: 3" in output
    assert "docs/s" in output and "MB/s" in output
    assert "timeline tag --jsonl" in output


def test_bench_tag_skips_without_corpora(tmp_path, capsys):
    assert _load_bench().main(["--corpora-dir", str(tmp_path)]) == 0
    assert "nothing to measure" in capsys.readouterr().out
