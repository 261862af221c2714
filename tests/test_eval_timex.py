"""Tests for the corpus evaluation harness in benchmarks/ (scorer, readers, smoke runs)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import eval_timex  # noqa: E402
from eval_timex import Counts, match, normalize_value, score  # noqa: E402
from timex_corpora import (  # noqa: E402
    Document,
    Timex,
    align_to,
    parse_inline,
    read_krauts,
    read_timeml,
    text_section,
)

pytestmark = pytest.mark.slow          # tests of the corpus evaluation in benchmarks/

CORPORA_DIR = REPO_ROOT.parent / "shared" / "corpora"
needs_corpora = pytest.mark.skipif(not CORPORA_DIR.is_dir(), reason=f"{CORPORA_DIR} not available")


def tx(start: int, end: int, value: str = "2020", type_: str | None = "DATE") -> Timex:
    """A timex whose text is irrelevant to the scorer."""
    return Timex(start, end, "x" * (end - start), type_, value)


def scores(counts: Counts, metric: str) -> tuple[float, float, float]:
    result = counts.prf(metric)
    assert result is not None
    return tuple(round(x, 4) for x in result)


# --- scoring -----------------------------------------------------------------------------------


def test_exact_match_scores_one_everywhere() -> None:
    gold = [tx(0, 4), tx(10, 20, "P2D", "DURATION")]
    counts = score(gold, list(gold))
    for metric in eval_timex.METRICS:
        assert scores(counts, metric) == (1.0, 1.0, 1.0)


def test_overlap_is_relaxed_not_strict() -> None:
    counts = score([tx(0, 10)], [tx(4, 10)])
    assert (counts.strict, counts.relaxed, counts.value, counts.type) == (0, 1, 1, 1)
    assert scores(counts, "strict") == (0.0, 0.0, 0.0)
    assert scores(counts, "relaxed") == (1.0, 1.0, 1.0)


def test_touching_spans_do_not_overlap() -> None:
    alignment = match([tx(0, 5)], [tx(5, 9)])
    assert alignment.pairs == []
    assert len(alignment.missed) == len(alignment.spurious) == 1


def test_gold_overlapped_by_two_system_spans_matches_once() -> None:
    gold = [tx(0, 20)]
    system = [tx(0, 5), tx(8, 20)]  # the second has the larger overlap
    alignment = match(gold, system)
    assert alignment.pairs == [(gold[0], system[1])]
    assert alignment.spurious == [system[0]]
    counts = score(gold, system)
    assert (counts.gold, counts.system, counts.relaxed, counts.strict) == (1, 2, 1, 0)
    assert scores(counts, "relaxed") == (0.5, 1.0, 0.6667)


def test_identical_span_is_preferred_over_larger_overlap() -> None:
    gold = [tx(0, 4), tx(0, 10)]
    system = [tx(0, 4)]
    alignment = match(gold, system)
    assert alignment.pairs == [(gold[0], system[0])]
    assert score(gold, system).strict == 1


def test_value_and_type_mismatch() -> None:
    gold = [tx(0, 4, "2020-05"), tx(10, 14, "P1D", "DURATION")]
    system = [tx(0, 4, "2020-06"), tx(10, 14, "P1D", "DATE")]
    counts = score(gold, system)
    assert (counts.strict, counts.relaxed, counts.value, counts.type) == (2, 2, 1, 1)
    assert scores(counts, "value") == (0.5, 0.5, 0.5)
    assert scores(counts, "type") == (0.5, 0.5, 0.5)


def test_value_precision_and_recall_use_system_and_gold_counts() -> None:
    gold = [tx(0, 4), tx(10, 14), tx(20, 24)]
    system = [tx(0, 4), tx(30, 34)]
    counts = score(gold, system)
    assert scores(counts, "value") == (0.5, 0.3333, 0.4)


def test_untyped_gold_has_no_type_score() -> None:
    counts = score([tx(0, 4, type_=None)], [tx(0, 4)])
    assert counts.prf("type") is None
    assert scores(counts, "value") == (1.0, 1.0, 1.0)


def test_empty_inputs() -> None:
    counts = score([], [])
    assert scores(counts, "strict") == (0.0, 0.0, 0.0)


def test_counts_are_micro_averaged() -> None:
    total = Counts()
    total += score([tx(0, 4)], [tx(0, 4)])
    total += score([tx(0, 4), tx(5, 9), tx(10, 14)], [])
    assert (total.docs, total.gold, total.system, total.strict) == (2, 4, 1, 1)
    assert scores(total, "strict") == (1.0, 0.25, 0.4)


@pytest.mark.parametrize(
    ("gold", "system"),
    [("2010-02-25T20.30", "2010-02-25T20:30"), ("2014-H2 ", "2014-H2"), ("2014_07", "2014-07"),
     ("XXXX-WXX-01", "XXXX-WXX-1"), ("PRESNT_REF", "PRESENT_REF")],
)
def test_trivial_value_differences_are_normalised(gold: str, system: str) -> None:
    assert normalize_value(gold) == normalize_value(system)


def test_distinct_values_stay_distinct() -> None:
    assert normalize_value("2014-07") != normalize_value("2014-07-01")
    assert normalize_value("P1D") != normalize_value("PT24H")


# --- readers -----------------------------------------------------------------------------------

TIMEML = """<?xml version="1.0" ?><TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2015-03-02" functionInDocument="CREATION_TIME">2.3.2015</TIMEX3></DCT>
<TEXT>
A &amp; B: <TIMEX3 tid="t1" type="DATE" value="2015-03-01">gestern</TIMEX3> &quot;sagte&quot; er
<TIMEX3 tid="t2" type="DATE" value="2015" temporalFunction="true"/>am
<TIMEX3 tid="t3" type="TIME" value="2015-03-02T20.30" mod="APPROX">20.30 Uhr</TIMEX3> &lt;M&#228;rz&gt; W&A.
</TEXT></TimeML>"""


def test_parse_inline_offsets_entities_and_empty_tags() -> None:
    text, timexes = parse_inline(text_section(TIMEML))
    assert text == '\nA & B: gestern "sagte" er\nam\n20.30 Uhr <März> W&A.\n'
    assert [t.text for t in timexes] == ["gestern", "20.30 Uhr"]
    for timex in timexes:
        assert text[timex.start : timex.end] == timex.text
    assert (timexes[0].type, timexes[0].value, timexes[0].mod) == ("DATE", "2015-03-01", None)
    assert (timexes[1].type, timexes[1].value, timexes[1].mod) == ("TIME", "2015-03-02T20.30", "APPROX")


def test_read_timeml_file(tmp_path: Path) -> None:
    path = tmp_path / "doc1.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path, "Sub")
    assert (doc.doc_id, doc.subcorpus, str(doc.published)) == ("doc1", "Sub", "2015-03-02")
    assert len(doc.timexes) == 2


def test_timex2_lenient_attributes_nesting_and_whitespace() -> None:
    markup = (
        'Am <TIMEX2 val="1940-05" val="1941" mod="START">Anfang <TIMEX2 val="1940">1940</TIMEX2></TIMEX2>'
        ' und <TIMEX2 val="1943" mod="END">Ende des Jahres </TIMEX2>.'
    )
    text, timexes = parse_inline(markup, tag="TIMEX2", value_attr="val")
    assert text == "Am Anfang 1940 und Ende des Jahres ."
    assert [(t.text, t.value, t.mod, t.type) for t in timexes] == [
        ("Anfang 1940", "1940-05", "START", None),
        ("Ende des Jahres", "1943", "END", None),
    ]


@pytest.mark.parametrize(
    ("gold_text", "other_text"),
    [
        ("Am 3. Mai  kam er.", "Am 3.  Mai kam er."),  # whitespace only
        ("Er kam am 3. Mai.", "Sie kam am 3. Mai!"),  # other characters: difflib alignment
    ],
)
def test_align_to_maps_offsets_when_texts_differ(gold_text: str, other_text: str) -> None:
    start = other_text.index("3.")
    end = other_text.index("Mai") + 3
    timex = Timex(start, end, other_text[start:end], "DATE", "XXXX-05-03")
    other = Document("d", "s", other_text, None, [timex])
    (aligned,) = align_to(Document("d", "s", gold_text, None), other)
    assert aligned.text == gold_text[aligned.start : aligned.end] == "3. Mai"
    assert (aligned.type, aligned.value) == ("DATE", "XXXX-05-03")


# --- corpora -----------------------------------------------------------------------------------


@needs_corpora
def test_gold_against_gold_is_perfect() -> None:
    for corpus in eval_timex.CORPORA:
        docs = eval_timex.read_gold(corpus, CORPORA_DIR)
        run = eval_timex.run_system(corpus, "gold", docs, lambda doc: doc.timexes)
        counts = run.counts()
        assert counts.gold > 0
        for metric in eval_timex.METRICS:
            assert counts.prf(metric) in (None, (1.0, 1.0, 1.0))


@needs_corpora
def test_krauts_offsets_point_at_annotated_text() -> None:
    docs = read_krauts(CORPORA_DIR, "gold", limit=3)
    assert docs and all(d.published is not None for d in docs)
    for doc in docs:
        for timex in doc.timexes:
            assert timex.text and doc.text[timex.start : timex.end] == timex.text


@needs_corpora
def test_smoke_heideltime_on_two_krauts_docs() -> None:
    runs = eval_timex.evaluate("krauts", CORPORA_DIR, limit=2, systems=[eval_timex.HEIDELTIME])
    (run,) = runs
    assert run.system == eval_timex.HEIDELTIME and run.notes == []
    assert [r.counts.docs for r in run.results] == [1] * 6  # 2 docs x 3 sub-corpora
    total = run.counts()
    assert 0 < total.strict <= total.relaxed <= min(total.gold, total.system)
    assert "TOTAL" in eval_timex.format_table(runs)
    assert json.loads(json.dumps(eval_timex.as_json(runs)))["krauts"]["rows"][-1]["subcorpus"] == "TOTAL"
    assert "HeidelTime on KRAUTS" in eval_timex.format_errors(runs)


@needs_corpora
def test_heideltime_reference_scores_on_krauts() -> None:
    (run,) = eval_timex.evaluate("krauts", CORPORA_DIR, systems=[eval_timex.HEIDELTIME])
    counts = run.counts()
    expected = {"strict": 0.725, "relaxed": 0.810, "value": 0.647, "type": 0.763}
    for metric, f1 in expected.items():
        assert counts.prf(metric)[2] == pytest.approx(f1, abs=0.006)


@needs_corpora
def test_cli_without_timeline_prints_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    errors = tmp_path / "errors.txt"
    argv = ["--corpus", "krauts", "--limit", "1", "--systems", "heideltime", "--errors", str(errors)]
    assert eval_timex.main(argv) == 0
    assert "HeidelTime" in capsys.readouterr().out
    assert "# HeidelTime on KRAUTS" in errors.read_text(encoding="utf-8")


def test_cli_missing_corpora_dir_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_timex.main(["--corpora-dir", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().out


@needs_corpora
def test_smoke_timeline_tagger() -> None:
    try:
        eval_timex.load_tag_text()
    except ImportError as error:
        pytest.skip(f"timeline.temporal.tag_text not importable yet: {error}")
    runs = eval_timex.evaluate("all", CORPORA_DIR, limit=1, systems=[eval_timex.TIMELINE])
    assert {run.corpus for run in runs} == {"krauts", "wikiwarsde"}
    for run in runs:
        assert run.notes == [], run.notes  # every .text equals text[start:end]
        assert run.counts().docs > 0


def test_the_two_folds_split_each_sub_corpus_in_halves_the_same_way_every_time():
    docs = [Document(f"d{n}", sub, "", None) for sub, size in (("A", 7), ("B", 4)) for n in range(size)]
    first, second = (eval_timex.in_fold(docs, fold) for fold in eval_timex.FOLDS)
    assert sorted(map(id, first + second)) == sorted(map(id, docs))            # a partition
    for sub in ("A", "B"):
        sizes = [sum(doc.subcorpus == sub for doc in fold) for fold in (first, second)]
        assert abs(sizes[0] - sizes[1]) <= 1
    assert [d.doc_id for d in eval_timex.in_fold(list(reversed(docs)), 1)] == [d.doc_id for d in reversed(first)]
