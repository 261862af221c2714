"""Bad input gets a clear answer, and nothing is ever lost.

The table (`CASES`) runs each kind of bad input through the CLI: exit 1, one line `Error: …` on
stderr that says what is wrong, no traceback, and every file in the folder, the store first, byte
for byte as it was (no temporary or lock file left either). Then: inputs that must be read right,
and the store's safety: a full disk, a kill during the write, concurrent parses, hand edits.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ContextManager

import pytest
from typer.testing import CliRunner

import timeline
from timeline import store
from timeline.cli import app
from timeline.lang import load_language
from timeline.model import Event
from timeline.reading import read_document
from timeline.segment import split_sentences

runner = CliRunner()

REPORT = b" date 2022-01-08 Am Mittwoch kam Tokajew nach Almaty."
OLD_REPORT = b" date 2022-01-08 Am Montag protestierten Hunderte in Almaty."
GOOD = object()           # the store a successful parse of OLD_REPORT wrote


@dataclass(frozen=True)
class Case:
    """A bad input: the command line, the files it meets, and what the error line must say."""

    name: str
    args: tuple[str, ...]
    says: str
    files: dict[str, bytes] = field(default_factory=dict)
    folders: tuple[str, ...] = ()
    store: object = GOOD                         # events.yaml before the run: GOOD, bytes, or None
    stdin: bytes | None = None
    #: changes the world for the run (monkeypatch, folder); may return a context held around it
    setup: Callable[[pytest.MonkeyPatch, Path], ContextManager | None] | None = None


def _deny_reading(name: str):
    """`name` cannot be read (a chmod 000 does not stop root, who runs CI)."""
    def setup(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        real = Path.open

        def fake_open(self, *args, **kwargs):
            if self.name == name:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self, *args, **kwargs)
        monkeypatch.setattr(Path, "open", fake_open)
    return setup


def _deny_writing_in(folder_name: str):
    def setup(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        (folder / folder_name).chmod(0o555)
        real = os.open

        def fake_open(path, flags, *args, **kwargs):
            if Path(path).parent.name == folder_name and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, flags, *args, **kwargs)
        monkeypatch.setattr(os, "open", fake_open)
    return setup


def _read_only_store(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    (folder / "events.yaml").chmod(0o444)
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path).name == "events.yaml"
                        and mode & os.W_OK else real(path, mode, **kw))


def _disk_full(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Every write of the store's new version fails as on a full disk."""
    real = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def close(self):
            self.handle.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real(fd, *a, **k)))


def _crash_before_rename(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The new version is written; the rename that would put it in place fails."""
    def broken(src, dst, *args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(os, "replace", broken)


def _another_parse_writing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> ContextManager:
    monkeypatch.setattr(store.files, "LOCK_TIMEOUT", 0.2)
    return store.locked(folder / "events.yaml")


NOT_YAML = b"events:\n  - id: a\n    sentence: [offen\n"
CONFIG = b"version: '3'\nservices:\n  web:\n    image: nginx\n"
SCHEMA_INVALID = b"events:\n  - id: a\n    document: d\n"
DUPLICATE_IDS = (b"events:\n  - {id: a, document: d, sentence: Er kam.}\n"
                 b"  - {id: a, document: d, sentence: Sie ging.}\n")
ANCHORS = b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nevents: [*b, *b]\n"
ARTICLE = "Am Mittwoch kam Tokajew nach Almaty. Größere Proteste: „Straße frei“, 5 € je Liter."
PARSE = ("parse", "-o", "events.yaml")

CASES = [
    # --- reports that cannot be read as text
    Case("missing report", (*PARSE, "fehlt.txt"), "no such file or folder: fehlt.txt"),
    Case("folder without reports", (*PARSE, "leer"), "no reports found", folders=("leer",)),
    Case("report without permission", (*PARSE, "geheim.txt"), "cannot read geheim.txt: permission denied",
         files={"geheim.txt": REPORT}, setup=_deny_reading("geheim.txt")),
    Case("empty report", (*PARSE, "r.txt"), "r.txt is empty", files={"r.txt": b""}),
    Case("whitespace-only report", (*PARSE, "r.txt"), "r.txt is empty (only whitespace)",
         files={"r.txt": b" \n\t\r\n  "}),
    Case("binary report (NUL bytes)", (*PARSE, "r.txt"), "r.txt looks like a binary file",
         files={"r.txt": b"Text\x00\x01\x02 mit Nullbytes."}),
    Case("PDF", (*PARSE, "r.pdf"), "r.pdf looks like a PDF file", files={"r.pdf": b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"}),
    Case("PNG image named .txt", (*PARSE, "bild.txt"), "looks like a PNG image",
         files={"bild.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}),
    Case("Word .docx", (*PARSE, "r.docx"), "looks like a ZIP archive", files={"r.docx": b"PK\x03\x04\x14\x00"}),
    Case("bytes that are no text encoding", (*PARSE, "r.txt"), "--encoding",
         files={"r.txt": b"Am Mittwoch \x81\x8d\x8f\x90\x9d kam er."}),
    Case("DOS code page 850", (*PARSE, "r.txt"), "--encoding",
         files={"r.txt": "Die Männer in Zürich sagten, die Lage sei ernst.".encode("cp850")}),
    Case("UTF-16 without byte-order mark", (*PARSE, "r.txt"), "--encoding utf-16-le",
         files={"r.txt": "Am Mittwoch kam er.".encode("utf-16-le")}),
    Case("report over --max-bytes", (*PARSE, "r.txt", "--max-bytes", "10"), "raise it with --max-bytes",
         files={"r.txt": REPORT}),
    Case("endless device", (*PARSE, "/dev/zero", "--max-bytes", "1000"), "more than the limit of 1000 bytes"),
    Case("header but no text", (*PARSE, "r.txt"), "r.txt has no text", files={"r.txt": b" date 2022-01-08 "}),
    Case("HTML page without article text", (*PARSE, "r.html"), "r.html is an HTML page without article text",
         files={"r.html": b"<!DOCTYPE html><html><body><nav>Start</nav><script>x()</script></body></html>"}),
    Case("one good, one bad report", (*PARSE, "gut.txt", "leer.txt"), "leer.txt is empty",
         files={"gut.txt": REPORT, "leer.txt": b""}),
    Case("missing report named like markup", (*PARSE, "[/x].txt"), "no such file or folder: [/x].txt"),
    # --- options
    Case("--published 2022-13-01", (*PARSE, "r.txt", "--published", "2022-13-01"), "2022-13-01",
         files={"r.txt": REPORT}),
    Case("--published gestern", (*PARSE, "r.txt", "--published", "gestern"), "not a date: 'gestern'",
         files={"r.txt": REPORT}),
    Case("--published 2022-02-30", (*PARSE, "r.txt", "--published", "2022-02-30"), "2022-02-30",
         files={"r.txt": REPORT}),
    Case("unknown --lang", (*PARSE, "r.txt", "--lang", "xx"), "unknown --lang 'xx'", files={"r.txt": REPORT}),
    Case("unknown --mode", (*PARSE, "r.txt", "--mode", "poetry"), "unknown --mode 'poetry'",
         files={"r.txt": REPORT}),
    Case("unknown --encoding", (*PARSE, "r.txt", "--encoding", "klingon"), "unknown --encoding 'klingon'",
         files={"r.txt": REPORT}),
    Case("wrong --encoding", (*PARSE, "r.txt", "--encoding", "utf-8"), "not valid utf-8 (byte 13); check --encoding",
         files={"r.txt": "Die Lage in Zürich.".encode("cp1252")}),
    # --- where the store goes
    Case("output folder missing", ("parse", "r.txt", "-o", "nirgends/events.yaml"), "folder", files={"r.txt": REPORT}),
    Case("output folder not writable", ("parse", "r.txt", "-o", "gesperrt/events.yaml"), "permission denied",
         files={"r.txt": REPORT}, folders=("gesperrt",), setup=_deny_writing_in("gesperrt")),
    Case("output path is a folder", ("parse", "r.txt", "-o", "ordner"), "ordner is a directory",
         files={"r.txt": REPORT}, folders=("ordner",)),
    Case("read-only store", (*PARSE, "r.txt"), "the file is read-only", files={"r.txt": REPORT},
         setup=_read_only_store),
    Case("store is not YAML", (*PARSE, "r.txt"), "a flow sequence started at line 3", files={"r.txt": REPORT},
         store=NOT_YAML),
    Case("store is a YAML list", (*PARSE, "r.txt"), "not a timeline events store", files={"r.txt": REPORT},
         store=b"- a\n- b\n"),
    Case("store is someone's config file", (*PARSE, "r.txt"), "not a timeline events store",
         files={"r.txt": REPORT}, store=CONFIG),
    Case("store misses a required field", (*PARSE, "r.txt"), "events.yaml:2: event is missing `sentence`",
         files={"r.txt": REPORT}, store=SCHEMA_INVALID),
    Case("store has one id twice", (*PARSE, "r.txt"), "the same id as the event at line 2",
         files={"r.txt": REPORT}, store=DUPLICATE_IDS),
    Case("store is not UTF-8", (*PARSE, "r.txt"), "events.yaml:2: not UTF-8", files={"r.txt": REPORT},
         store=b"events: []\n# caf\xe9\n"),
    Case("store of a newer version", (*PARSE, "r.txt"), "store version 2", files={"r.txt": REPORT},
         store=b"version: 2\nevents: []\n"),
    Case("store with YAML aliases", (*PARSE, "r.txt"), "anchors and aliases", files={"r.txt": REPORT},
         store=ANCHORS),
    Case("store locked by another parse", (*PARSE, "r.txt"), "another timeline parse is writing events.yaml",
         files={"r.txt": REPORT}, setup=_another_parse_writing),
    Case("disk full while writing", (*PARSE, "r.txt"), "no space left on device", files={"r.txt": REPORT},
         setup=_disk_full),
    Case("crash between write and rename", (*PARSE, "r.txt"), "input/output error", files={"r.txt": REPORT},
         setup=_crash_before_rename),
    # --- reading commands against bad stores and flags
    Case("show: store not YAML", ("show", "--events", "events.yaml"), "events.yaml:4: not valid YAML",
         store=NOT_YAML),
    Case("show: store is a folder", ("show", "--events", "ordner"), "ordner is a directory", folders=("ordner",)),
    Case("show: --since gestern", ("show", "--events", "events.yaml", "--since", "gestern"), "gestern"),
    Case("filter: config file as store", ("filter", "--events", "events.yaml", "--json"),
         "not a timeline events store", store=CONFIG),
    Case("filter: --until 2022-02-30", ("filter", "--events", "events.yaml", "--until", "2022-02-30"), "2022-02-30"),
    Case("export: YAML list as store", ("export", "--events", "events.yaml"), "not a timeline events store",
         store=b"- a\n"),
    Case("export: missing store", ("export", "--events", "fehlt.yaml"), "no events store at fehlt.yaml"),
    Case("export: unknown --format", ("export", "--events", "events.yaml", "--format", "xml"), "unknown --format 'xml'"),
    Case("export: output is a folder", ("export", "--events", "events.yaml", "-o", "ordner"),
         "cannot write ordner: it is a directory", folders=("ordner",)),
    Case("export: output folder missing", ("export", "--events", "events.yaml", "-o", "nirgends/x.json"),
         "does not exist"),
    Case("validate: schema-invalid store", ("validate", "events.yaml"), "event is missing `sentence`",
         store=SCHEMA_INVALID),
    Case("validate: not a store", ("validate", "events.yaml"), "not a timeline events store", store=CONFIG),
    Case("validate: missing store", ("validate", "fehlt.yaml"), "no events store at fehlt.yaml"),
    Case("tag: a folder", ("tag", "ordner"), "ordner is a directory", folders=("ordner",)),
    Case("tag: PDF", ("tag", "r.pdf"), "looks like a PDF file", files={"r.pdf": b"%PDF-1.4\n"}),
    Case("tag: no permission", ("tag", "geheim.txt"), "permission denied", files={"geheim.txt": REPORT},
         setup=_deny_reading("geheim.txt")),
    Case("tag: binary stdin", ("tag", "-"), "stdin looks like a binary file", stdin=b"\x00\x01\x02\x03"),
    Case("tag: empty stdin", ("tag", "-"), "stdin is empty", stdin=b""),
    Case("tag: unknown --format", ("tag", "-", "--format", "xml"), "unknown --format 'xml'", stdin=REPORT),
    Case("tag: unknown --lang", ("tag", "-", "--lang", "xx"), "unknown --lang 'xx'", stdin=REPORT),
    Case("tag: unknown --mode", ("tag", "-", "--mode", "poetry"), "unknown --mode 'poetry'", stdin=REPORT),
    Case("tag: --published gestern", ("tag", "-", "--published", "gestern"), "gestern", stdin=REPORT),
    Case("tag: unknown --encoding", ("tag", "-", "--encoding", "klingon"), "--encoding 'klingon'", stdin=REPORT),
    Case("tag --jsonl: a line not JSON", ("tag", "--jsonl"), "stdin line 1: expected a JSON object",
         stdin=b'kein json\n{"text": "Am Mittwoch."}\n'),
]


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("good")
    (folder / "alt.txt").write_bytes(OLD_REPORT)
    parsed = timeline.parse_report(folder / "alt.txt")
    store.save_parsed(folder / "events.yaml", [parsed.metadata()], parsed.events)
    return (folder / "events.yaml").read_bytes()


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder below `folder`."""
    return {str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))}


def assert_user_error(result, says: str) -> None:
    """Exit 1, one line `Error: …` on stderr saying `says`, no traceback, nothing on stdout."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines
    assert says in lines[0], lines[0]
    assert result.stdout == ""


def test_the_table_has_at_least_30_kinds_of_bad_input():
    assert len({case.name for case in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_clearly_and_loses_nothing(case, tmp_path, monkeypatch, good_store):
    monkeypatch.chdir(tmp_path)
    for name in case.folders:
        (tmp_path / name).mkdir()
    for name, content in case.files.items():
        (tmp_path / name).write_bytes(content)
    if case.store is not None:
        (tmp_path / "events.yaml").write_bytes(good_store if case.store is GOOD else case.store)
    before = snapshot(tmp_path)
    held = case.setup(monkeypatch, tmp_path) if case.setup else None
    with held or contextlib.nullcontext():
        result = runner.invoke(app, list(case.args), input=case.stdin)
    monkeypatch.undo()
    for name in case.folders:
        (tmp_path / name).chmod(0o755)
    assert_user_error(result, case.says)
    assert snapshot(tmp_path) == before


def test_validate_lists_every_problem(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("events:\n"
                    "  - {id: a, document: d}\n"
                    "  - {id: b, document: d, sentence: Er kam., date: gestern}\n"
                    "  - {id: c, document: d, sentence: Sie ging., locked: ja}\n"
                    "  - {id: a, document: d, sentence: Noch einer.}\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert all(line.startswith("Error: ") for line in lines)
    assert "`date` must be a mapping" in lines[1] and "`locked` must be true or false" in lines[2]


# --- inputs that must be read right ---------------------------------------------------------------

GERMAN = (" date 2022-01-08 Die Demonstranten in Zürich forderten „Freiheit“.\n\n"
          "Am Mittwoch kamen Größere Gruppen auf die Straße; Benzin kostete 2 € je Liter.\n"
          "Tokajew sprach am Freitagabend von Terroristen.")


def _dates(document) -> list[tuple[str, str | None]]:
    parsed = timeline.parse_document(document)
    return [(e.sentence, e.date.value if e.date else None) for e in parsed.events]


@pytest.mark.parametrize("name, data, encoding", [
    ("UTF-8 with BOM", b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), None),
    ("Windows-1252", GERMAN.encode("cp1252"), None),
    ("Latin-1", GERMAN.replace("€", "EUR").replace("„", '"').replace("“", '"').encode("latin-1"), None),
    ("ISO-8859-15", GERMAN.replace("„", '"').replace("“", '"').encode("iso-8859-15"), None),
    ("UTF-16 LE with BOM", GERMAN.encode("utf-16"), None),
    ("UTF-16 BE with BOM", b"\xfe\xff" + GERMAN.encode("utf-16-be"), None),
    ("CRLF line ends", GERMAN.replace("\n", "\r\n").encode("utf-8"), None),
    ("CR line ends", GERMAN.replace("\n", "\r").encode("utf-8"), None),
    ("decomposed umlauts (NFD)", unicodedata.normalize("NFD", GERMAN).encode("utf-8"), None),
    ("cp850 with --encoding", GERMAN.replace("„", '"').replace("“", '"').replace("€", "EUR").encode("cp850"),
     "cp850"),
])
def test_reports_are_read_right(tmp_path, name, data, encoding):
    expected = GERMAN
    if encoding == "cp850" or name == "Latin-1":
        expected = expected.replace("€", "EUR")
    if name in ("Latin-1", "ISO-8859-15") or encoding:
        expected = expected.replace("„", '"').replace("“", '"')
    path = tmp_path / "bericht.txt"
    path.write_bytes(data)
    document = read_document(path, encoding=encoding)
    assert document.text == expected
    assert _dates(document) == _dates(timeline.parse_text(expected, doc_id="bericht").document)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_tag_offsets_point_into_the_exact_input(tmp_path, newline):
    text = GERMAN.replace("\n", newline)
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["tag", str(path)])
    assert result.exit_code == 0, result.output
    timexes = json.loads(result.stdout)
    assert [t["value"] for t in timexes] == [t["value"] for t in json.loads(
        runner.invoke(app, ["tag", "-"], input=GERMAN.encode("utf-8")).stdout)]
    for timex in timexes:
        assert text[timex["start"]:timex["end"]] == timex["text"]
    assert {t["text"]: t["value"] for t in timexes}["Mittwoch"] == "2022-01-05"


PAGE = """<!DOCTYPE html>
<html lang="de"><head>
<meta charset="{charset}">
<title>Unruhen | Beispielzeitung</title>
<meta property="og:title" content="Unruhen in Kasachstan">
<meta property="article:published_time" content="2022-01-08T09:30:00+01:00">
<link rel="canonical" href="https://example.org/kasachstan">
<style>p {{ color: red }}</style>
</head><body>
<nav><ul><li>Politik<li>Sport</ul></nav>
<header><p>Beispielzeitung – Nachrichten seit 1900</p></header>
<article>
<h1>Unruhen in Kasachstan</h1>
<p>Am Mittwoch stellten sich Sicherheitskräfte in Almaty den Demonstranten entgegen.</p>
<figure><img src="a.jpg"><figcaption>Foto vom 2. Januar 2021</figcaption></figure>
<p>Präsident Tokajew sprach am Freitag von &bdquo;Terroristen&ldquo;,<br>die Lage sei ernst.</p>
<script>var datum = "am 3. März 2020";</script>
<aside>Lesen Sie auch: Am Sonntag wählt Berlin.</aside>
</article>
<footer>© 2022, Impressum</footer>
</body></html>
"""


@pytest.mark.parametrize("charset, codec", [
    ("utf-8", "utf-8"), ("windows-1252", "cp1252"), ("iso-8859-1", "cp1252"), ("iso-8859-2", "iso-8859-2"),
    ("windows-1252", "utf-8"),                # saved by a browser as UTF-8, still declaring what it was
    ("utf-8", "cp1252"),                      # declaring UTF-8, wrongly
])
def test_html_page_gives_its_article(tmp_path, charset, codec):
    path = tmp_path / "seite.html"
    path.write_bytes(PAGE.format(charset=charset).encode(codec, errors="xmlcharrefreplace"))
    parsed = timeline.parse_report(path)
    document = parsed.document
    assert (document.published.isoformat(), document.precision) == ("2022-01-08", "day")
    assert document.title == "Unruhen in Kasachstan"
    assert document.url == "https://example.org/kasachstan"
    assert document.text.split("\n\n") == [
        "Unruhen in Kasachstan",
        "Am Mittwoch stellten sich Sicherheitskräfte in Almaty den Demonstranten entgegen.",
        "Präsident Tokajew sprach am Freitag von „Terroristen“, die Lage sei ernst."]
    assert [(e.date.value if e.date else None) for e in parsed.events] == ["2022-01-05", "2022-01-07"]


def test_html_page_with_a_broken_date_takes_the_next(tmp_path):
    path = tmp_path / "seite.html"
    path.write_bytes(b"<html><head><meta property='article:published_time' content='2022-13-45'></head><body>"
                     b"<article><time datetime='2022-01-08T10:00'>8. Januar</time><p>Am Mittwoch kam er.</p>"
                     b"</article></body></html>")
    assert read_document(path).published.isoformat() == "2022-01-08"


def test_html_page_without_article_element_uses_its_body(tmp_path):
    path = tmp_path / "seite.htm"
    path.write_bytes(b"<html><body><div>Am Mittwoch kam er.</div><div>Am Freitag ging sie.</div></body></html>")
    assert read_document(path, published="2022-01-08").text == "Am Mittwoch kam er.\n\nAm Freitag ging sie."


class _CountedText(str):
    """A text that counts the characters copied out of it by slicing: the splitter's work, without a clock."""
    copied = 0

    def __getitem__(self, key):
        part = super().__getitem__(key)
        self.copied += len(part)
        return part


def test_long_runs_of_abbreviations_split_in_linear_time():
    """A 1 MB line of "3. Januar, …": each ordinal is an abbreviation, so no sentence ends; the
    splitter once looked back to the last sentence end at each one (quadratic: minutes). Twice the
    text may cost about twice the copied characters, not four times."""
    text = "Am 3. Januar, am 4. Februar und am 5. März, " * 24000
    german = load_language("de")
    sentences = split_sentences(text, 0, german)
    assert len(sentences) == 1 and not sentences[0].heading
    work = []
    for repeat in (12000, 24000):
        counted = _CountedText("Am 3. Januar, am 4. Februar und am 5. März, " * repeat)
        split_sentences(counted, 0, german)
        work.append(counted.copied)
    assert 0 < work[0] and work[1] < 2.5 * work[0]                # linear: 2, quadratic: 4


def test_a_report_on_one_line_without_a_final_stop_is_not_a_heading():
    parsed = timeline.parse_text("Am Montag kam er. Am Dienstag ging sie. Die Lage blieb unruhig",
                                 published="2022-01-08")
    assert [e.date.value if e.date else None for e in parsed.events] == ["2022-01-03", "2022-01-04", None]


# --- the store is safe ----------------------------------------------------------------------------

def _events(n: int, document: str, width: int = 8000) -> list[Event]:
    sentence = ("Am Mittwoch kam er nach Almaty. " * (width // 32 + 1))[:width]
    return [Event(id=f"ev-{document}-{i:05d}", document=document, sentence=sentence, sentence_start=i * width)
            for i in range(n)]


KILLED_WRITER = textwrap.dedent("""
    import os, sys, time
    from timeline import store
    from timeline.model import Event
    os.fsync = lambda fd: time.sleep(60)          # written, not yet renamed: the kill comes here
    events = [Event(id=f"ev-neu-{i:05d}", document="neu", sentence="Er kam. " * 1000, sentence_start=i * 8000)
              for i in range(100)]
    store.save_parsed(sys.argv[1], [{"id": "neu"}], events)
""")


@pytest.mark.slow
def test_kill_9_during_a_big_write_leaves_the_old_store(tmp_path):
    path = tmp_path / "events.yaml"
    store.save_parsed(path, [{"id": "alt"}], _events(20, "alt"))
    before = path.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)])
    try:
        while not [p for p in tmp_path.glob(".events.yaml.*.tmp") if p.stat().st_size > 100_000]:
            assert writer.poll() is None, "the writer ended before it was killed"
            time.sleep(0.01)
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait()
    assert path.read_bytes() == before
    assert len(store.load_timeline(path).events) == 20
    # the killed run's lock died with it (taken at once, without waiting), and the next run removes its temporary file
    with store.locked(path, timeout=0):
        pass
    store.save_parsed(path, [{"id": "neu"}], _events(1, "neu", 100))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]
    assert {d["id"] for d in store.load_timeline(path).documents} == {"alt", "neu"}


def test_concurrent_parses_keep_each_others_work(tmp_path):
    path = tmp_path / "events.yaml"
    reports = [timeline.parse_text(f"Am {day} kam Bericht {i}.", "2022-01-08", doc_id=f"bericht-{i}")
               for i, day in enumerate(["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"])]
    start = threading.Barrier(len(reports))
    failures: list[BaseException] = []

    def parse(parsed) -> None:
        start.wait()
        try:
            store.save_parsed(path, [parsed.metadata()], parsed.events)
        except BaseException as exc:              # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=parse, args=(p,)) for p in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    loaded = store.load_timeline(path)
    assert sorted(d["id"] for d in loaded.documents) == sorted(p.document.id for p in reports)
    assert len(loaded.events) == len(reports)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]


def test_symlinked_store_stays_a_link(tmp_path):
    (tmp_path / "daten").mkdir()
    real = tmp_path / "daten" / "events.yaml"
    link = tmp_path / "events.yaml"
    link.symlink_to(real)
    parsed = timeline.parse_text(REPORT.decode(), doc_id="r")
    store.save_parsed(link, [parsed.metadata()], parsed.events)
    store.save_parsed(link, [parsed.metadata()], parsed.events)
    assert link.is_symlink() and real.is_file()
    assert len(store.load_timeline(link).events) == 1


def test_new_store_gets_the_usual_file_mode(tmp_path):
    old = os.umask(0o022)
    try:
        parsed = timeline.parse_text(REPORT.decode(), doc_id="r")
        store.save_parsed(tmp_path / "events.yaml", [parsed.metadata()], parsed.events)
    finally:
        os.umask(old)
    assert (tmp_path / "events.yaml").stat().st_mode & 0o777 == 0o644


# --- hand edits survive a re-parse ----------------------------------------------------------------

HAND_REPORT = (" date 2022-01-08 Am Montag protestierten Hunderte in Almaty. Am Mittwoch setzte Präsident Tokajew "
               "die Regierung ab. Am Freitag rief Bundeskanzler Olaf Scholz zu einem Ende der Gewalt auf. "
               "Die Lage blieb unruhig.")


def _edit(path: Path, change: Callable[[dict], None]) -> None:
    """Edit the store as an editor would: round trip, so comments and order stay."""
    yaml = store.yaml_store.yaml()
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _by_sentence(data: dict, words: str) -> dict:
    (event,) = [e for e in data["events"] if words in e["sentence"]]
    return event


def _parse(folder: Path, text: str) -> tuple[int, int]:
    (folder / "bericht.txt").write_text(text, encoding="utf-8")
    parsed = timeline.parse_report(folder / "bericht.txt")
    return store.save_parsed(folder / "events.yaml", [parsed.metadata()], parsed.events)


@pytest.fixture()
def edited(tmp_path) -> Path:
    """A store of HAND_REPORT with every kind of hand edit."""
    _parse(tmp_path, HAND_REPORT)
    path = tmp_path / "events.yaml"

    def change(data: dict) -> None:
        data.insert(0, "projekt", "Kasachstan 2022")                       # a top-level field of the user
        data.yaml_set_start_comment("Meine Notizen: Quellen geprüft am 9. Januar")
        data["documents"][0]["notiz"] = "von dpa"                          # a user field on a document
        locked = _by_sentence(data, "Mittwoch")                            # a corrected date, an added actor
        locked["locked"] = True
        locked["date"].update(value="2022-01-04", start="2022-01-04T00:00:00", end="2022-01-04T23:59:59")
        locked["actors"].append({"name": "Nursultan Nasarbajew"})
        noted = _by_sentence(data, "Montag")                               # a note on an unlocked event
        noted["note"] = "laut AP eher Tausende"
        noted.yaml_add_eol_comment("geprüft", "note")
        _by_sentence(data, "Freitag")["actors"] = []                       # an unlocked edit the parser owns
        data["events"].append({"id": "mein-ereignis", "document": "bericht", "source": "manual",
                               "sentence": "Tokajew ruft den Notstand aus.",
                               "date": {"value": "2022-01-05", "start": "2022-01-05T00:00:00",
                                        "end": "2022-01-05T23:59:59", "granularity": "day"}})
    _edit(path, change)
    return path


def _check_hand_edits(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Meine Notizen: Quellen geprüft am 9. Januar\n")
    assert "projekt: Kasachstan 2022" in text and "notiz: von dpa" in text
    assert "note: laut AP eher Tausende  # geprüft" in text
    loaded = store.load_timeline(path)
    by_sentence = {e.sentence: e for e in loaded.events}
    mittwoch = by_sentence["Am Mittwoch setzte Präsident Tokajew die Regierung ab."]
    assert mittwoch.date.value == "2022-01-04"
    assert "Nursultan Nasarbajew" in [a.name for a in mittwoch.actors]
    assert by_sentence["Am Montag protestierten Hunderte in Almaty."].extra == {"note": "laut AP eher Tausende"}
    assert by_sentence["Tokajew ruft den Notstand aus."].extra == {"source": "manual"}
    freitag = by_sentence["Am Freitag rief Bundeskanzler Olaf Scholz zu einem Ende der Gewalt auf."]
    assert [a.name for a in freitag.actors] == ["Olaf Scholz"]             # the parser's field, parsed again
    assert len([e for e in loaded.events if "Mittwoch" in e.sentence]) == 1


def test_hand_edits_survive_a_reparse(edited):
    written, kept = _parse(edited.parent, HAND_REPORT)
    assert kept == 2                                                        # the locked and the manual event
    _check_hand_edits(edited)
    assert len(store.load_timeline(edited).events) == 5


def test_hand_edits_survive_a_reparse_of_changed_text(edited):
    """Text added at the start shifts every offset and so every id: edits are found by their sentence."""
    changed = HAND_REPORT.replace(" date 2022-01-08 ", " date 2022-01-08 Eilmeldung: Die Lage ist ernst. ")
    _parse(edited.parent, changed)
    _check_hand_edits(edited)
    assert "Eilmeldung: Die Lage ist ernst." in {e.sentence for e in store.load_timeline(edited).events}


def test_an_annotated_event_whose_sentence_is_gone_is_kept(edited):
    _parse(edited.parent, HAND_REPORT.replace("Am Montag protestierten Hunderte in Almaty. ", ""))
    (montag,) = [e for e in store.load_timeline(edited).events if "Montag" in e.sentence]
    assert montag.extra == {"note": "laut AP eher Tausende"}


def test_parse_into_a_broken_store_changes_nothing(tmp_path):
    """The CLI refuses before it parses, and the store's bytes stay."""
    (tmp_path / "bericht.txt").write_bytes(REPORT)
    path = tmp_path / "events.yaml"
    path.write_bytes(SCHEMA_INVALID)
    result = runner.invoke(app, ["parse", str(tmp_path / "bericht.txt"), "-o", str(path)])
    assert_user_error(result, "missing `sentence`")
    assert path.read_bytes() == SCHEMA_INVALID
