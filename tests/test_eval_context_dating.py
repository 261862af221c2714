"""Tests for the context-dating scorer in benchmarks/ (runs on the shipped gold; scoring logic on a
hand-made case). They check the scorer, not the system's score."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from timeline.model import DateValue, Event

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import eval_context_dating as ecd  # noqa: E402
from eval_context_dating import GoldEntry, GoldError, Result, align, publication_value, score_document  # noqa: E402

pytestmark = pytest.mark.slow          # tests of the context-dating evaluation in benchmarks/

DATA = REPO_ROOT / "benchmarks" / "context_dating"


def gold_data() -> dict:
    return YAML(typ="safe", pure=True).load((DATA / "gold.yaml").read_text(encoding="utf-8"))


# --- the shipped gold and texts --------------------------------------------------------------------

def test_gold_covers_every_text_and_its_prefixes_start_sentences_in_order():
    data = gold_data()
    files = {d["file"] for d in data["documents"]}
    assert files == {p.name for p in DATA.glob("*.txt")}
    assert len(files) == 6
    for doc in data["documents"]:
        text = (DATA / doc["file"]).read_text(encoding="utf-8")
        front = re.match(r"---\n(.*?)\n---\n", text, re.S)
        assert front and f"published: {doc['published']}" in front.group(1)
        assert "invented: true" in front.group(1)
        body = re.sub(r"\s+", " ", text[front.end():])
        position = 0
        for entry in doc["sentences"]:
            found = body.find(entry["sentence"], position)
            assert found >= 0, (doc["file"], entry["sentence"])
            assert found == 0 or body[found - 2] in ".“", (doc["file"], entry["sentence"])   # a sentence start
            position = found + 1
        assert 10 <= len(doc["sentences"]) <= 20


def test_main_on_the_shipped_data_counts_every_judged_sentence(capsys):
    judged = sum(e["dating"] != "own" for d in gold_data()["documents"] for e in d["sentences"])
    annotated = sum(len(d["sentences"]) for d in gold_data()["documents"])

    data = ecd.main(["--json"])

    printed = json.loads(capsys.readouterr().out)
    assert printed["overall"] == data["overall"]
    assert data["documents"] == 6
    assert data["annotated"] == annotated
    assert data["own"] + judged == annotated
    assert data["overall"]["sentences"] == judged
    assert sum(c["sentences"] for c in data["categories"].values()) == judged
    assert sum(n for row in data["confusion"].values() for n in row.values()) == judged
    for category, row in data["categories"].items():
        assert sum(data["confusion"][category].values()) == row["sentences"]
        assert 0 <= row["right"] <= row["sentences"]
    assert data["overall"]["right"] == sum(c["right"] for c in data["categories"].values())
    assert printed["misses"] == judged - data["overall"]["right"]


def test_main_text_report_and_verbose(capsys):
    data = ecd.main(["--verbose"])
    out = capsys.readouterr().out
    assert "confusion (rows: gold, columns: system)" in out
    assert f"misses ({judged_misses(data)}):" in out
    assert re.search(r"^overall\s+%d\s+%d" % (data["overall"]["sentences"], data["overall"]["right"]), out, re.M)


def judged_misses(data: dict) -> int:
    return data["overall"]["sentences"] - data["overall"]["right"]


# --- scoring logic on a hand-made case -------------------------------------------------------------

def date(value: str, basis: str, expression: str | None = None) -> DateValue:
    return DateValue(value=value, start=f"{value[:10]}T00:00:00", end=f"{value[:10]}T23:59:59",
                     granularity="day", expression=expression, basis=basis)


def event(sentence: str, start: int, when: DateValue | None = None, n: int = 0) -> Event:
    return Event(id=f"ev-{start}-{n}", document="doc", sentence=sentence, sentence_start=start, date=when)


PUBLISHED = "2024-01-10"

EVENTS = [
    event("Am Montag streikten die Fahrer.", 0, date("2024-01-08", "text", "Am Montag")),
    event("Sie forderten mehr Lohn.", 40, date("2024-01-08", "continuation")),                   # right
    event("Er sagte, der Streik gehe weiter.", 70, date("2024-01-09", "continuation")),          # wrong value
    event("Er sagte auch, man sei bereit.", 110, None),                                        # undated
    event("Die Lage ist angespannt.", 150, date(PUBLISHED, "publication")),                    # right
    event("„Die Gespräche  laufen“, hieß es.", 180, date("2024-01-08", "context", "am Abend")),
    # right: the event dated by the sentence's own (context) expression is set aside
    event("„Die Gespräche  laufen“, hieß es.", 180, date(PUBLISHED, "publication"), n=1),
    event("Streiks sind selten.", 220, date("2024-01", "text", "Januar")),                     # own-other
    event("Die Fahrer gelten als gut organisiert.", 250, None),                                # right
    event("Die Ermittlungen dauern an.", 290, date("2024-01-09", "publication")),             # wrong day
    event("Ein Satz ohne Eintrag im Gold.", 320, None),                                        # unannotated
]

ENTRIES = [
    GoldEntry("Am Montag streikten", "own"),
    GoldEntry("Sie forderten mehr Lohn", "continuation", "2024-01-08"),
    GoldEntry("Er sagte", "continuation", "2024-01-08"),              # same prefix twice: taken in order
    GoldEntry("Er sagte", "undated"),
    GoldEntry("Die Lage ist", "publication"),
    GoldEntry("„Die Gespräche laufen", "publication"),           # whitespace collapsed, quote ignored
    GoldEntry("Streiks sind selten", "undated"),
    GoldEntry("Die Fahrer gelten", "undated"),
    GoldEntry("Die Ermittlungen", "publication"),
    GoldEntry("Dieser Satz fehlt im System", "undated"),            # unmatched
]


def test_alignment_in_document_order():
    sentences = ecd.sentence_groups(EVENTS)
    assert [s.start for s in sentences] == [0, 40, 70, 110, 150, 180, 220, 250, 290, 320]
    assert len(sentences[5].events) == 2
    assert align(ENTRIES, sentences) == [0, 1, 2, 3, 4, 5, 6, 7, 8, None]
    # out of order in the gold: still found, each system sentence used once
    assert align([GoldEntry("Er sagte", "undated"), GoldEntry("Am Montag", "own"), GoldEntry("Er sagte", "undated")],
                 sentences) == [2, 0, 3]


def test_scoring_a_hand_made_case():
    judgements, unannotated = score_document("doc", ENTRIES, EVENTS, PUBLISHED)

    got = [(j.prefix, j.gold, j.system, j.right) for j in judgements]
    assert got == [
        ("Sie forderten mehr Lohn", "continuation", "continuation", True),
        ("Er sagte", "continuation", "continuation", False),
        ("Er sagte", "undated", "undated", True),
        ("Die Lage ist", "publication", "publication", True),
        ("„Die Gespräche laufen", "publication", "publication", True),
        ("Streiks sind selten", "undated", "own-other", False),
        ("Die Fahrer gelten", "undated", "undated", True),
        ("Die Ermittlungen", "publication", "publication", False),
        ("Dieser Satz fehlt im System", "undated", "unmatched", False),
    ]
    assert unannotated == [{"document": "doc", "sentence": "Ein Satz ohne Eintrag im Gold."}]

    result = Result(documents=1, annotated=len(ENTRIES), own=1, judgements=judgements, unannotated=unannotated)
    data = result.to_dict()
    assert data["categories"] == {
        "continuation": {"sentences": 2, "right": 1, "share": 0.5},
        "publication": {"sentences": 3, "right": 2, "share": 0.6667},
        "undated": {"sentences": 4, "right": 2, "share": 0.5},
    }
    assert data["overall"] == {"sentences": 9, "right": 5, "share": 0.5556}
    others = {"report-day": 0, "story": 0, "ticker": 0}
    assert data["confusion"]["continuation"] == {"continuation": 2, "publication": 0, "undated": 0, "own-other": 0,
                                                 "unmatched": 0, **others}
    assert data["confusion"]["undated"] == {"continuation": 0, "publication": 0, "undated": 2, "own-other": 1,
                                            "unmatched": 1, **others}
    assert len(data["misses"]) == 4
    report = ecd.format_report(data, result, verbose=True)
    assert "gold continuation 2024-01-08 | system continuation (continuation 2024-01-09)" in report
    assert "unmatched" in report and "Ein Satz ohne Eintrag im Gold." in report


def test_mixed_events_judged_strictly():
    # a sentence with one continuation and one undated event is not dated right as continuation
    events = [event("Er sprach.", 0, date("2024-01-08", "continuation")), event("Er sprach.", 0, None, n=1)]
    (j,), _ = score_document("doc", [GoldEntry("Er sprach", "continuation", "2024-01-08")], events, PUBLISHED)
    assert (j.system, j.right) == ("continuation", False)


def test_publication_value_follows_the_known_precision():
    day = dt.date(2022, 1, 8)
    assert publication_value(day, "day") == "2022-01-08"
    assert publication_value(day, "month") == "2022-01"
    assert publication_value(day, "year") == "2022"
    assert publication_value(None, None) is None
    events = [event("Die Lage ist ruhig.", 0, date("2022-01", "publication"))]
    (j,), _ = score_document("doc", [GoldEntry("Die Lage", "publication")], events, "2022-01")
    assert j.right


@pytest.mark.parametrize("entry, message", [
    ('{sentence: "Er sagte", dating: maybe}', "dating must be one of"),
    ('{sentence: "Er sagte", dating: continuation}', "continuation needs a TIMEX3"),
    ('{sentence: "Er sagte", dating: continuation, value: "14.03.2023"}', "continuation needs a TIMEX3"),
    ('{sentence: "Er sagte", dating: undated, value: "2023-03-14"}', "only continuation"),
    ('{dating: undated}', "needs `sentence`"),
])
def test_malformed_gold_is_rejected(tmp_path, entry, message):
    gold = tmp_path / "gold.yaml"
    gold.write_text(f"documents:\n  - file: a.txt\n    sentences:\n      - {entry}\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        ecd.load_gold(gold)


def test_main_end_to_end_on_a_tiny_gold(tmp_path, capsys):
    (tmp_path / "mini.txt").write_text(
        "---\npublished: 2024-01-10\ntitle: Test\n---\n"
        "Die Fahrer streikten am Montag in Berlin. Sie forderten mehr Lohn. Die Lage ist angespannt.\n",
        encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(
        "documents:\n  - file: mini.txt\n    published: 2024-01-10\n    sentences:\n"
        '      - {sentence: "Die Fahrer streikten", dating: own}\n'
        '      - {sentence: "Sie forderten", dating: continuation, value: "2024-01-08"}\n'
        '      - {sentence: "Die Lage ist", dating: publication}\n', encoding="utf-8")
    data = ecd.main(["--gold", str(tmp_path / "gold.yaml"), "--json", "--verbose"])
    assert json.loads(capsys.readouterr().out)["overall"] == data["overall"]
    assert data["documents"] == 1 and data["own"] == 1
    assert data["overall"]["sentences"] == 2
    assert data["warnings"] == []
    assert sum(data["confusion"]["continuation"].values()) == 1
    assert sum(data["confusion"]["publication"].values()) == 1
    assert data["unannotated"] == []


def test_main_reports_a_missing_gold_file(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        ecd.main(["--gold", str(tmp_path / "none.yaml")])
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.startswith("Error: cannot read")
