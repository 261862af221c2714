"""Many reports in: files, folders, JSON Lines corpora and stdin, read lazily, deduplicated, parsed in order."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import corpus
from timeline.cli import app
from timeline.corpus import ReadOptions, Skipped
from timeline.errors import InputError
from timeline.model import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def documents(inputs, options=ReadOptions(), stdin=None) -> list[Document | Skipped]:
    return list(corpus.read_inputs([str(i) for i in inputs], options, stdin))


def test_folder_is_searched_recursively_for_reports(tmp_path):
    write(tmp_path / "b.txt", "Am Montag kam er.")
    write(tmp_path / "2024" / "03" / "a.md", "Am Dienstag ging er.")
    write(tmp_path / "2024" / "a.md.meta.yaml", "published: 2024-03-06\n")
    write(tmp_path / "notes.csv", "a,b")
    write(tmp_path / ".git" / "c.txt", "Am Mittwoch blieb er.")
    write(tmp_path / "x.meta.yaml", "published: 2024-03-06\n")
    found = documents([tmp_path])
    assert [d.id for d in found] == ["2024/03/a", "b"]          # ids tell same-named files apart
    assert [d.id for d in documents([tmp_path], ReadOptions(globs=("*.csv",)))] == ["notes"]


def test_a_bad_file_in_a_folder_is_skipped_but_a_named_one_is_an_error(tmp_path):
    write(tmp_path / "a.txt", "Am Montag kam er.")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\x00\x00")
    found = documents([tmp_path])
    assert isinstance(found[0], Document)
    assert found[1].origin == str(tmp_path / "b.txt") and "binary" in found[1].reason
    with pytest.raises(InputError):
        documents([tmp_path / "b.txt"])


def test_jsonl_corpus_records_with_metadata_and_bad_lines(tmp_path):
    lines = [{"text": "Am Montag kam er.", "published": "2024-03-06", "id": "r1", "source": "Kurier",
              "title": "Er kam", "url": "https://example.org/1"},
             "kein JSON",
             {"title": "ohne Text"},
             {"text": "Am Montag kam er.", "lang": "xx"},
             {"text": "---\npublished: 2020-01-01\nsource: Alt\n---\nAm Montag kam sie.", "published": "2024-03-07"},
             {"text": "   "}]
    path = write(tmp_path / "c.jsonl", "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n")
    first, *rest = documents([path])
    assert (first.id, first.source, first.title, first.url, str(first.published)) == \
        ("r1", "Kurier", "Er kam", "https://example.org/1", "2024-03-06")
    assert first.path == f"{path}:1"
    assert [(s.origin.rsplit(":", 1)[1], s.reason) for s in rest if isinstance(s, Skipped)] == [
        ("2", "not a JSON object"), ("3", "expected a JSON object with a `text` string"),
        ("4", "unknown language 'xx'"), ("6", "has no text")]
    (fifth,) = [d for d in rest if isinstance(d, Document)]
    assert str(fifth.published) == "2024-03-07" and fifth.source == "Alt"     # the record wins over the text
    assert fifth.id.startswith("doc-")                                         # no id: one from the content
    overridden = [d for d in documents([path], ReadOptions(published="2024-01-01")) if isinstance(d, Document)]
    assert {str(d.published) for d in overridden} == {"2024-01-01"}


def test_stdin_as_one_report_or_as_a_corpus():
    (text,) = documents(["-"], ReadOptions(published="2024-03-06"), io.BytesIO("Am Montag kam er.".encode()))
    assert text.id.startswith("doc-") and str(text.published) == "2024-03-06"
    lines = b'{"text": "Am Montag kam er.", "id": "a"}\n{"text": "Am Dienstag ging er.", "id": "b"}\n'
    assert [d.id for d in documents(["-"], ReadOptions(stdin_format="jsonl"), io.BytesIO(lines))] == ["a", "b"]


def test_inputs_are_checked_before_anything_is_read(tmp_path):
    with pytest.raises(InputError, match="fehlt"):
        corpus.check_inputs([str(tmp_path / "fehlt.txt")])
    with pytest.raises(InputError, match="once"):
        corpus.check_inputs(["-", "-"])


def test_duplicates_by_content_and_taken_ids():
    same = Document("Am Montag kam er.", "a")
    items = [same, Document("Am Montag kam er.", "b"), Document("Am Dienstag ging er.", "a"),
             Document("Am Montag kam er.", "c")]
    result = list(corpus.unique(items))
    assert result[0] == (same, corpus.document_hash(same))
    assert result[1] == Skipped("b", "same text as document a")
    assert result[2][0].id.startswith("a-")                     # another text under a taken id
    assert isinstance(result[3], Skipped)
    stored = {corpus.document_hash(same): "a"}
    assert isinstance(next(corpus.unique([same], stored)), tuple)          # parsed again under its own id
    assert isinstance(next(corpus.unique([Document(same.text, "z")], stored)), Skipped)


def test_hash_counts_text_date_and_language():
    import datetime as dt
    base = Document("Am Montag kam er.", "a", published=dt.date(2024, 3, 6), precision="day")
    variants = [Document(base.text, "b", published=dt.date(2024, 3, 7), precision="day"),
                Document(base.text, "a", published=base.published, precision="day", lang="en"),
                Document(base.text + " ", "a", published=base.published, precision="day")]
    assert len({corpus.document_hash(d) for d in [base, *variants]}) == 4
    assert corpus.document_hash(Document(base.text, "other", published=base.published, precision="day",
                                         title="x")) == corpus.document_hash(base)


@pytest.mark.slow
def test_parsing_in_processes_gives_the_same_events_in_order():
    texts = [Document(f"Am Montag kam Nummer {n}. Am {day} ging sie.", f"d{n}")
             for n, day in zip(range(12), itertools.cycle(["Dienstag", "Mittwoch", "Freitag"]))]
    alone = [(p.document.id, [e.to_dict() for e in p.events]) for p in corpus.parse_all(texts)]
    spread = [(p.document.id, [e.to_dict() for e in p.events]) for p in corpus.parse_all(texts, jobs=2, chunksize=2)]
    assert spread == alone


@pytest.mark.slow
def test_documents_stream_through_a_bounded_window():
    """However long the input, only a few chunks are read ahead of the parsed results handed on."""
    pulled = []

    def endless():
        for n in itertools.count():
            pulled.append(n)
            yield Document(f"Am Montag kam Nummer {n}.", f"d{n}")

    stream = corpus.parse_all(endless(), jobs=2, chunksize=2)
    for _ in range(5):
        next(stream)
    stream.close()
    assert len(pulled) <= 5 + 2 * 2 * corpus._READ_AHEAD_CHUNKS + 2 * 2


# --- the parse command --------------------------------------------------------------------------------

runner = CliRunner()


def parse(*args, input=None):
    return runner.invoke(app, ["parse", *map(str, args)], input=input)


def test_parse_many_kinds_of_input_into_a_jsonl_store(tmp_path):
    corpus_file = write(tmp_path / "c.jsonl", json.dumps({"text": "Am Montag kam er.", "published": "2024-03-06",
                                                          "id": "line", "source": "Kurier"}) + "\n")
    store = tmp_path / "s.jsonl"
    result = parse(EXAMPLES, corpus_file, "-", "-o", store, input="Am Dienstag ging er.")
    assert result.exit_code == 0, result.output
    assert "5 report(s)" in result.stderr
    records = [json.loads(line) for line in store.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in records if r["kind"] == "document"]
    assert ids[:4] == ["2024-03-06-morgenpost", "2024-03-07-rundfunk", "2024-03-08-kuestenbote", "line"]
    assert all(r.get("hash") for r in records if r["kind"] == "document")


def test_parsing_the_same_reports_twice_changes_nothing(tmp_path):
    store = tmp_path / "s.jsonl"
    assert parse(EXAMPLES, "-o", store).exit_code == 0
    before = store.read_bytes()
    copy = write(tmp_path / "kopie.txt", (EXAMPLES / "2024-03-07-rundfunk.txt").read_text(encoding="utf-8"))
    result = parse(EXAMPLES, copy, "-o", store)
    assert result.exit_code == 0
    assert "same text as document 2024-03-07-rundfunk" in result.stderr
    assert store.read_bytes() == before
    yaml_store = tmp_path / "s.yaml"
    assert parse(EXAMPLES, "-o", yaml_store).exit_code == 0
    before = yaml_store.read_bytes()
    assert parse(copy, "-o", yaml_store).exit_code == 0
    assert yaml_store.read_bytes() == before


@pytest.mark.slow
def test_jobs_give_the_same_store(tmp_path):
    assert parse(EXAMPLES, "-o", tmp_path / "one.jsonl").exit_code == 0
    assert parse(EXAMPLES, "--jobs", "2", "-o", tmp_path / "two.jsonl").exit_code == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_parse_without_reports_is_an_error(tmp_path):
    write(tmp_path / "leer" / "notes.csv", "a,b")
    result = parse(tmp_path / "leer", "-o", tmp_path / "s.jsonl")
    assert result.exit_code == 1 and "no reports found" in result.stderr
    assert not (tmp_path / "s.jsonl").exists()
    assert parse(tmp_path / "fehlt", "-o", tmp_path / "s.jsonl").exit_code == 1
    assert parse(EXAMPLES, "--jobs", "-1").exit_code == 1
    assert parse("-", "--stdin-format", "xml", input="x").exit_code == 1


def test_many_warnings_are_summed_up(tmp_path):
    lines = "".join(json.dumps({"text": f"Am Montag kam Nummer {n}.", "id": f"r{n}"}) + "\n" for n in range(25))
    result = parse("-", "--stdin-format", "jsonl", "-o", tmp_path / "s.jsonl", input=lines)
    assert result.exit_code == 0
    assert result.stderr.count("Warning") == 20
    assert "… and 5 more warning(s)" in result.stderr
