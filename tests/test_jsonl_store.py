"""The JSON Lines store: one record a line, written as documents stream through, read by every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import timeline
from timeline import store
from timeline.cli import app
from timeline.errors import StoreError
from timeline.store import jsonl_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def parsed():
    return [timeline.parse_report(path) for path in sorted(EXAMPLES.glob("*.txt"))]


def save(path: Path, items) -> tuple[int, int]:
    return store.save_parsed(path, [p.metadata() for p in items], [e for p in items for e in p.events])


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_round_trip_keeps_documents_and_events(tmp_path, parsed):
    path = tmp_path / "s.jsonl"
    written, kept = save(path, parsed)
    assert (written, kept) == (sum(len(p.events) for p in parsed), 0)
    records = lines(path)
    assert records[0] == {"kind": "store", "format": "timeline-jsonl", "version": 1}
    assert [r["kind"] for r in records[1:3]] == ["document", "event"]       # a document before its events
    loaded = store.load_timeline(path)
    assert [d["id"] for d in loaded.documents] == [p.document.id for p in parsed]
    fresh = sorted((e.to_dict() for p in parsed for e in p.events), key=lambda e: e["id"])
    assert sorted((e.to_dict() for e in loaded.events), key=lambda e: e["id"]) == fresh


def test_parsing_a_document_again_replaces_its_records_and_keeps_the_others(tmp_path, parsed):
    path = tmp_path / "s.jsonl"
    save(path, parsed)
    first = parsed[0]
    records = lines(path)
    locked_id = next(r["id"] for r in records if r["kind"] == "event" and r["document"] == first.document.id)
    for record in records:                      # a user locks one event and adds one of their own
        if record.get("id") == locked_id:
            record.update(locked=True, sentence="Von Hand berichtigt.")
    records.append({"kind": "event", "id": "mine", "document": first.document.id, "sentence": "Eigenes.",
                    "source": "manual", "date": None})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    written, kept = save(path, [first])
    assert (written, kept) == (len(first.events) - 1, 2)
    loaded = store.load_timeline(path)
    assert len(loaded.documents) == 3
    assert len(loaded.events) == sum(len(p.events) for p in parsed) + 1
    assert next(e for e in loaded.events if e.id == locked_id).sentence == "Von Hand berichtigt."
    assert any(e.id == "mine" for e in loaded.events)


def test_a_failed_run_leaves_the_store_as_it_was(tmp_path, parsed):
    path = tmp_path / "s.jsonl"
    save(path, parsed[:1])
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with jsonl_store.StoreWriter(path) as writer:
            writer.add(parsed[1].metadata(), parsed[1].events)
            raise RuntimeError("interrupted")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl"]          # no temporary file left


@pytest.mark.parametrize("content, message", [
    ('{"kind":"store","format":"timeline-jsonl","version":1}\n{"kind":"event", "id": "a"\n', r"s\.jsonl:2: not valid JSON"),
    ('{"kind":"event","id":"a","document":"d"}\n', r"s\.jsonl:1: event is missing `sentence`"),
    ('\n{"kind":"event","id":"a","document":"d","sentence":"S.","date":{"value":"2022-13","start":"x",'
     '"end":"y","granularity":"day"}}\n', r"s\.jsonl:2: event a: date value"),
    ('{"kind":"document"}\n', r"s\.jsonl:1: each document must be a mapping with an `id`"),
    ('[1, 2]\n', r"s\.jsonl:1: each line must be a JSON object"),
    ('{"kind":"store","format":"timeline-jsonl","version":99}\n', r"s\.jsonl:1: not a timeline-jsonl store"),
])
def test_bad_lines_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "s.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        store.load_timeline(path)


def test_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no events store"):
        store.load_timeline(tmp_path / "fehlt.jsonl")


@pytest.mark.parametrize("command", [["show", "--width", "100"], ["filter", "--actor", "Polizei", "--json"],
                                     ["export", "--format", "json"], ["stats"]])
def test_every_command_reads_a_jsonl_store(tmp_path, parsed, command):
    jsonl, yaml = tmp_path / "s.jsonl", tmp_path / "s.yaml"
    save(jsonl, parsed)
    save(yaml, parsed)
    from_jsonl = runner.invoke(app, [*command, "--events", str(jsonl)], env={"NO_COLOR": "1"})
    from_yaml = runner.invoke(app, [*command, "--events", str(yaml)], env={"NO_COLOR": "1"})
    assert from_jsonl.exit_code == 0, from_jsonl.output
    assert from_jsonl.stdout == from_yaml.stdout
    validated = runner.invoke(app, ["validate", str(jsonl)])
    assert validated.exit_code == 0 and "3 document(s)" in validated.stderr


def test_show_lists_the_sources_of_merged_events(tmp_path, parsed):
    path = tmp_path / "s.jsonl"
    save(path, parsed)
    shown = runner.invoke(app, ["show", "--events", str(path), "--sources", "--width", "200", "--text", "Blockade"],
                          env={"NO_COLOR": "1"}).stdout
    clearing = [line for line in shown.splitlines() if "räumte die Polizei die Blockade" in line]
    assert len(clearing) == 3                       # the event once, then its three tellings under it
    assert all(outlet in shown for outlet in ("Meridaner Morgenpost", "Valdorischer Rundfunk", "Küstenbote"))
    apart = runner.invoke(app, ["show", "--events", str(path), "--no-merge", "--width", "200", "--text", "Blockade"],
                          env={"NO_COLOR": "1"}).stdout
    assert "Zuvor hatte die Polizei am Mittwoch die Blockade" in apart
    assert "Zuvor hatte die Polizei am Mittwoch die Blockade" not in runner.invoke(
        app, ["show", "--events", str(path), "--width", "200", "--text", "Blockade"], env={"NO_COLOR": "1"}).stdout


def test_a_killed_runs_temporary_file_is_removed_by_the_next(tmp_path, parsed):
    path = tmp_path / "s.jsonl"
    (tmp_path / ".s.jsonl.0123456789ab.tmp").write_text('{"kind":"store"', encoding="utf-8")
    save(path, parsed[:1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.jsonl"]


def test_a_store_behind_a_link_stays_a_link(tmp_path, parsed):
    real, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    save(real, parsed[:1])
    link.symlink_to(real)
    save(link, parsed[1:2])
    assert link.is_symlink() and len(store.load_timeline(real).documents) == 2
