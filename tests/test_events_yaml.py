"""The repository's events.yaml is the parsed model of the shipped report and must stay in step with the parser."""

from pathlib import Path

from timeline import parse_report, shipped_report
from timeline.store import load_timeline

STORE = Path(__file__).resolve().parents[1] / "events.yaml"
REGENERATE = "regenerate it: timeline parse timeline/data/reports/kasachstan-2022-01.txt -o events.yaml"


def test_events_yaml_matches_the_parser():
    stored = load_timeline(STORE)
    parsed = parse_report(shipped_report())
    fresh = sorted((e.to_dict() for e in parsed.events), key=lambda e: e["id"])
    kept = sorted((e.to_dict() for e in stored.events), key=lambda e: e["id"])
    assert kept == fresh, f"events.yaml is out of date; {REGENERATE}"


def test_events_yaml_records_the_publication_day():
    (document,) = load_timeline(STORE).documents
    assert document["published"] == "2022-01-08"
    assert document["published_precision"] == "day"
