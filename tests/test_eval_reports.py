"""Tests for the report-dating scorer in benchmarks/ (its matching and judging on hand-made cases, and
a run over the shipped development reports). They check the scorer, not the system's score."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from timeline.model import DateValue, Event

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import eval_reports as er  # noqa: E402
from eval_context_dating import SentenceEvents  # noqa: E402

REPORT = er.GoldReport("agency-test.txt", "agency", "2024-03-07", None, ())


def date(value: str, basis: str = "text") -> DateValue:
    return DateValue(value=value, start=f"{value[:10]}T00:00:00", end=f"{value[-10:]}T23:59:59",
                     granularity="day", expression=None, basis=basis)


def sentence(*dates: DateValue | None) -> SentenceEvents:
    events = tuple(Event(id=f"ev{n}", document="d", sentence="S.", sentence_start=0, date=when)
                   for n, when in enumerate(dates))
    return SentenceEvents("S.", 0, events)


def gold(*dates: str, basis: str = "text") -> er.GoldSentence:
    return er.GoldSentence("S", tuple(frozenset(d.split("|")) for d in dates), basis)


@pytest.mark.parametrize(("gold_sentence", "system", "right"), [
    (gold("2024-03-06"), sentence(date("2024-03-06")), True),
    (gold("2024-03-06"), sentence(date("2024-03-07")), False),
    (gold("2024-03-06"), sentence(date("2024-03-06"), date("2024-03-10")), False),   # an extra date is wrong
    (gold("2024-03-06", "2024-03-01TEV"), sentence(date("2024-03-06")), False),      # a missing clause date too
    (gold("2024-03-06", "2024-03-01TEV"), sentence(date("2024-03-01TEV"), date("2024-03-06")), True),
    (gold("2024-02-28|2024-W09"), sentence(date("2024-W09")), True),                  # either alternative
    (gold("2024-03-06|2024-03-07", basis="report-day"), sentence(date("2024-03-06/2024-03-07")), True),
    (gold("2024-03-06|2024-03-07", basis="report-day"), sentence(date("2024-03-05/2024-03-07")), False),
    (gold(basis="undated"), sentence(None), True),
    (gold(basis="undated"), sentence(date("2024-03-07", "publication")), False),
    (gold(basis="undated"), None, True),                                                # no event at all
    (gold("2024-03-06"), None, False),
])
def test_a_sentence_is_right_when_its_dates_and_the_gold_agree_both_ways(gold_sentence, system, right):
    assert er.judge(REPORT, 1, gold_sentence, system).right is right


def test_basis_agreement_is_counted_only_for_right_dates():
    assert er.judge(REPORT, 1, gold("2024-03-06", basis="continuation"),
                    sentence(date("2024-03-06", "continuation"))).basis_agrees
    assert not er.judge(REPORT, 1, gold("2024-03-06", basis="continuation"),
                        sentence(date("2024-03-06", "context"))).basis_agrees
    assert not er.judge(REPORT, 1, gold("2024-03-06", basis="text"), sentence(date("2024-03-05"))).basis_agrees


def test_folds_alternate_within_each_kind():
    reports = [er.GoldReport(f"{kind}-{n}.txt", kind, "2024-01-01", None, ())
               for kind in ("agency", "court") for n in range(5)]
    folds = er.folds_of(reports)
    for kind in ("agency", "court"):
        assert sorted(f for name, f in folds.items() if name.startswith(kind)) == [1, 1, 1, 2, 2]


def write_report(folder: Path, gold_text: str) -> None:
    (folder / "agency-test.txt").write_text(
        "---\npublished: 2024-03-07\ntitle: Test\n---\n"
        "Am Mittwoch streikten die Fahrer in Kassel. Sie gilt als erfahrene Tarifpolitikerin.\n",
        encoding="utf-8")
    (folder / "agency-test.gold.yaml").write_text(gold_text, encoding="utf-8")


@pytest.mark.parametrize("bad", [
    "sentences: []",                                                                     # no file
    "file: agency-test.txt\nsentences:\n  - {sentence: Am, dates: [], basis: text}",    # text needs a date
    "file: agency-test.txt\nsentences:\n  - {sentence: Am, dates: [2024-13], basis: nonsense}",
    "file: agency-test.txt\nsentences:\n  - {sentence: Am, dates: ['Mittwoch'], basis: text}",
    "file: [unclosed",
])
def test_a_bad_gold_file_is_refused_with_its_name(tmp_path, bad):
    write_report(tmp_path, bad)
    with pytest.raises(er.GoldError, match="agency-test.gold.yaml"):
        er.evaluate(tmp_path)


def test_main_scores_a_small_set_and_reports_unmatched_sentences(tmp_path, capsys):
    write_report(tmp_path, "file: agency-test.txt\nkind: agency\npublished: 2024-03-07\nsentences:\n"
                           "  - {sentence: Am Mittwoch streikten, dates: ['2024-03-06'], basis: text}\n"
                           "  - {sentence: Sie gilt als, dates: [], basis: undated}\n"
                           "  - {sentence: Dieser Satz fehlt, dates: [], basis: undated}\n")
    data = er.main(["--reports", str(tmp_path), "--json", "--verbose"])
    assert json.loads(capsys.readouterr().out)["overall"] == data["overall"]
    assert data["overall"]["all"] == {"cases": 3, "right": 3, "share": 1.0}
    assert data["overall"]["explicit"]["cases"] == 1
    assert data["unmatched"] == [{"report": "agency-test", "prefix": "Dieser Satz fehlt"}]
    er.main(["--reports", str(tmp_path), "--check"])
    assert "not found: agency-test: Dieser Satz fehlt" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "least"), [(er.DEFAULT_REPORTS, 30), (er.HELD_OUT_REPORTS, 16)])
def test_the_shipped_reports_are_complete_and_every_gold_sentence_is_found(folder, least):
    reports = er.load_reports(folder)
    assert len(reports) >= least
    assert all((folder / r.file).is_file() for r in reports)
    assert er.evaluate(folder, check_only=True).unmatched == []
