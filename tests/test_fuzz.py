"""Property tests: German-ish text with dates, random publication dates, random bytes and YAML.

The tagger and the whole parse never crash, offsets stay inside the text, every date interval
starts before it ends, and the same input gives the same output; the readers and the store loader
answer with a Document/Timeline or their own error, never a crash; the store keeps what it stores.

CI runs few examples with a fixed seed. `python benchmarks/fuzz.py --examples 20000` runs the same
properties longer, on fresh random examples (it sets TIMELINE_FUZZ_EXAMPLES and TIMELINE_FUZZ_RANDOM).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Document, InputError, StoreError
from timeline.htmltext import article
from timeline.reading import read_document
from timeline.store import check, load_timeline, save_parsed

pytestmark = pytest.mark.slow          # property runs over the whole parse and store; benchmarks/fuzz.py runs them longer

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize=os.environ.get("TIMELINE_FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies -----------------------------------------------------------------------------------

WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember", "Jan.", "Feb."]
TIME_WORDS = ["am", "vor", "seit", "im", "bis", "nach", "zum", "in der Nacht zum", "Anfang", "Mitte", "Ende",
              "gestern", "heute", "morgen", "vorgestern", "Abend", "Morgen", "Nachmittag", "Uhr", "Jahr", "Jahren",
              "Tagen", "Woche", "Wochen", "Monaten", "vergangenen", "nächsten", "kommenden", "letzten", "gut einer",
              "knapp", "rund", "Sommer", "Winter", "Weihnachten", "Ostern", "Jahrhundert", "Jahrzehnt", "damals",
              "kurz darauf", "zuvor", "Quartal", "Halbjahr", "Wochenende", "Mittag", "Freitagabend"]
WORDS = ["Präsident", "Tokajew", "Almaty", "Demonstranten", "Polizei", "Regierung", "kam", "sagte", "berichtete",
         "die", "der", "das", "und", "mit", "Sicherheitskräfte", "Kasachstan", "Bundeskanzler", "Scholz", "Straße",
         "Größe", "Bürger", "über", "gegen", "nach Angaben", "zufolge", "soll", "rief", "Hunderte", "Menschen",
         "z. B.", "u. a.", "Dr.", "Nr.", "St.", "Mio.", "ca.", "€", "Prozent", "%", "mehr als", "mindestens"]
PUNCTUATION = [". ", ", ", "! ", "? ", ": ", "; ", " - ", " – ", "„", "“", "\"", "'", "(", ")", "[", "]", "...",
               "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\t", "  ", "\u00a0", "\u2028", "\x85", "\ufeff"]
NUMBERS = st.one_of(st.integers(0, 40).map(str), st.integers(0, 40).map(lambda n: f"{n}."),
                    st.integers(1000, 2100).map(str), st.integers(0, 99999).map(str),
                    st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
                    st.sampled_from(["1.1.", "24.12.", "20er Jahre", "90er-Jahren", "12:30", "8.15", "2022/23"]))
TOKENS = st.one_of(st.sampled_from(WEEKDAYS + MONTHS + TIME_WORDS), st.sampled_from(WORDS), NUMBERS,
                   st.sampled_from(PUNCTUATION), st.text(max_size=3))
GERMANISH = st.lists(st.tuples(TOKENS, st.sampled_from([" ", " ", " ", "", "\n"])), max_size=40).map(
    lambda parts: "".join(token + gap for token, gap in parts))
HEADERS = st.sampled_from(["", " date 2022-01 ", " date 2022-01-08 ", "date 2021\n", "---\npublished: 2022-01-08\n---\n",
                           "---\r\ntitle: T\r\n---\r\n", "---\rpublished: 2020-02-29\r---\r"])
TEXTS = st.builds(lambda header, body: header + body, HEADERS, GERMANISH)
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1800, 1, 1), dt.date(2200, 12, 31)))
MODES = st.sampled_from(["news", "narrative"])


# --- the tagger -----------------------------------------------------------------------------------

@FUZZ
@given(TEXTS, PUBLISHED, MODES)
def test_tagger_offsets_and_determinism(text, published, mode):
    timexes = timeline.tag_text(text, published, mode=mode)
    for timex in timexes:
        assert 0 <= timex.start <= timex.end <= len(text)
        assert text[timex.start:timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
    assert timeline.tag_text(text, published, mode=mode) == timexes


# --- the whole parse ------------------------------------------------------------------------------

def _check_events(text: str, parsed) -> None:
    for event in parsed.events:
        start = event.sentence_start
        assert 0 <= start <= len(text)
        assert text[start:start + len(event.sentence)] == event.sentence
        if event.date is not None:
            assert event.date.start <= event.date.end, event.date
            dt.datetime.fromisoformat(event.date.start)
            dt.datetime.fromisoformat(event.date.end)
    assert len({e.id for e in parsed.events}) == len(parsed.events)


@FUZZ
@given(TEXTS, PUBLISHED, MODES)
def test_parse_never_crashes_and_is_deterministic(text, published, mode):
    try:
        parsed = timeline.parse_text(text, published, mode=mode, doc_id="fuzz")
    except InputError:
        assert not text.strip() or text.lstrip().startswith(("date", "---"))   # nothing but a header
        return
    _check_events(text, parsed)
    again = timeline.parse_text(text, published, mode=mode, doc_id="fuzz")
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in parsed.events]


@settings(FUZZ, max_examples=max(EXAMPLES // 4, 10))
@given(GERMANISH.filter(lambda t: t.strip()), PUBLISHED)
@example("Montag\x85Montag ", None)          # NEL, once folded into a space on the way back
def test_store_keeps_what_it_stores(body, published):
    """Whatever characters a sentence holds (U+2028, NEL, tabs, quotes), the YAML store gives them back."""
    parsed = timeline.parse_text("Er kam. " + body, published, doc_id="fuzz")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        save_parsed(path, [parsed.metadata()], parsed.events)
        save_parsed(path, [parsed.metadata()], parsed.events)           # a re-parse changes nothing
        loaded = load_timeline(path)
    assert sorted(e.to_dict()["id"] for e in loaded.events) == sorted(e.id for e in parsed.events)
    stored = {e.id: e.to_dict() for e in loaded.events}
    for event in parsed.events:
        assert stored[event.id] == event.to_dict()


# --- reading files --------------------------------------------------------------------------------

_HTML = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<article>", "</article>", "<nav>", "</nav>", "<script>", "</script>", "<br>",
                     "<h1>", "</h1>", "<div>", "</div>", "<li>", "<title>", "</title>", "<svg><title>x</title>",
                     "<time datetime='2022-01-08T10:00'>", "<meta property='article:published_time' content='2022-",
                     "<meta charset='latin-1'>", "<!--", "-->", "<", ">", "&amp;", "&#0;", "&#xD800;", "&bogus;",
                     "<script type='application/ld+json'>{\"datePublished\": \"2021-02-03\"}</script>"]),
    GERMANISH), max_size=25).map("".join)
_FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    TEXTS.map(lambda t: t.encode("utf-8")),
    TEXTS.map(lambda t: t.encode("cp1252", errors="replace")),
    TEXTS.map(lambda t: t.encode("utf-16")),
    _HTML.map(lambda t: ("<!DOCTYPE html>" + t).encode("utf-8")),
)


@FUZZ
@given(_FILE_BYTES, st.sampled_from(["bericht.txt", "seite.html"]))
def test_reading_a_file_gives_a_document_or_input_error(data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            document = read_document(path)
        except InputError as exc:
            assert str(exc)
            return
    assert isinstance(document, Document)
    assert "\r" not in document.text
    assert document.text[document.body_start:].strip()


@FUZZ
@given(_HTML)
def test_html_extraction_never_crashes(html):
    text, meta = article(html)
    assert isinstance(text, str)
    assert set(meta) <= {"title", "published", "url", "source"}
    if "published" in meta:
        dt.date.fromisoformat(meta["published"])


# --- the store loader -----------------------------------------------------------------------------

_YAML_PIECES = st.sampled_from([
    "events:", "documents:", "version: 1", "version: 2", "\n", "  - ", "    ", "id: a", "id: b", "sentence: s",
    "document: d", "date:", "value: ", "start: ", "end: ", "granularity: day", "'2022-01-05'", "2022-01-05",
    "'2022-01-05T00:00:00'", "2022-13", "locked: true", "locked: ja", "source: manual", "actors:", "- name: X",
    "figures: [1]", "reports: [{}]", "attribution: x", "sentence_start: 1e999", "[", "]", "{", "}", ": ", ",",
    "&a ", "*a", "<<: *a", "!!binary ", "!!python/object:os.system ", "---", "...", "\t", "#", "%YAML 1.1",
    "\x00", "\ufeff", "\r\n", "null", "~", "- ", "? ", "|", ">-", "id: [a]", "document: [d]", "document: fuzz",
    "sentence: {a: 1}", "expression: [x]", "note: n"])
_STORES = st.one_of(
    st.lists(_YAML_PIECES, max_size=40).map("".join).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
)


@FUZZ
@given(_STORES)
def test_store_loader_gives_a_timeline_or_store_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_bytes(data)
        try:
            loaded = load_timeline(path)
        except StoreError as exc:
            assert "events.yaml" in str(exc)
            assert check(path), "validate must find what loading found"
            return
        assert check(path) == []
    for event in loaded.events:
        if event.date is not None:
            assert isinstance(event.date.start, str) and isinstance(event.date.end, str)


# --- the longer run -------------------------------------------------------------------------------

def test_fuzz_benchmark_runs(capsys, benchmark_script):
    assert benchmark_script("fuzz").main(["--examples", "2", "--derandomize"]) == 0
    output = capsys.readouterr().out
    assert "test_tagger_offsets_and_determinism: " in output
    assert "2 examples per property" in output and "0 failed" in output


@FUZZ
@given(_STORES)
def test_parsing_into_any_store_writes_it_or_refuses_it_unchanged(data):
    """Whatever is at the output path, `parse` either merges into it (and it still loads) or leaves it be."""
    parsed = timeline.parse_text("Am Mittwoch kam er. Er ging.", "2022-01-08", doc_id="fuzz")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_bytes(data)
        try:
            save_parsed(path, [parsed.metadata()], parsed.events)
        except StoreError:
            assert path.read_bytes() == data
            return
        finally:
            assert sorted(p.name for p in Path(folder).iterdir()) == ["events.yaml"]
        loaded = load_timeline(path)
    assert {e.sentence for e in parsed.events} <= {e.sentence for e in loaded.events}
