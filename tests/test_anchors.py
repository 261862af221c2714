"""Live tickers and blogs: stamp lines begin entries (segment), each entry's day (temporal.anchors),
and the tagger resolving an entry's expressions against that day."""

from __future__ import annotations

import datetime as dt

import pytest

import timeline
from timeline.lang import load_language
from timeline.segment import split_sentences
from timeline.temporal import Reference, tag_sentences
from timeline.temporal.anchors import entry_anchors

GERMAN = load_language("de")

TICKER = """Newsblog: Streik im Nahverkehr

Freitag, 3. Mai

15.15 Uhr: Die Ministerin sagte am Nachmittag, die Gespräche gingen weiter. Die Zahl der Ausfälle stieg auf 12.
14.02 Uhr: Die Gewerkschaft hat um 14 Uhr zu einer Kundgebung aufgerufen.

Donnerstag, 2. Mai

21.30 Uhr: Die Verhandlungen wurden am Abend abgebrochen. Gestern hatte es noch Hoffnung gegeben.
Update vom 2. Mai, 8.40 Uhr: Seit dem frühen Morgen stehen die Busse still.
"""


def dates(parsed, substring: str) -> list[str]:
    return [e.date.value for e in parsed.events if substring in e.sentence and e.date]


@pytest.fixture(scope="module")
def ticker():
    return timeline.parse_text(TICKER, published="2024-05-03")


# --- segmentation ------------------------------------------------------------------------------------

def test_each_stamp_line_begins_a_paragraph_and_a_day_line_is_a_heading():
    sentences = split_sentences(TICKER, 0, GERMAN)
    texts = [(s.text, s.heading) for s in sentences]
    assert ("Freitag, 3. Mai", True) in texts and ("Donnerstag, 2. Mai", True) in texts
    # "12." is no ordinal before a stamp line: the entry begins its own sentence
    assert ("Die Zahl der Ausfälle stieg auf 12.", False) in texts
    stamps = [s for s in sentences if s.text.startswith(("14.02", "15.15", "21.30", "Update"))]
    assert len({s.paragraph for s in stamps}) == 4


@pytest.mark.parametrize("line", ["+++ 08:40 +++ Die Polizei meldet Staus.", "8.40 Uhr – Die Polizei meldet Staus.",
                                  "08:40: Die Polizei meldet Staus."])
def test_stamp_forms(line):
    text = f"Erster Eintrag.\n{line}\n09:10 Uhr: Zweiter Eintrag."
    sentences = split_sentences(text, 0, GERMAN)
    assert any(s.text == line for s in sentences)
    assert len(entry_anchors(sentences, Reference(dt.date(2024, 5, 3), "day"), GERMAN)) >= 2


# --- the day of each entry ---------------------------------------------------------------------------

def test_anchors_give_each_entry_its_day():
    sentences = split_sentences(TICKER, 0, GERMAN)
    anchors = entry_anchors(sentences, Reference(dt.date(2024, 5, 3), "day"), GERMAN)
    by_text = {sentences[i].text[:10]: anchor.day for i, anchor in anchors.items()}
    assert by_text == {"15.15 Uhr:": dt.date(2024, 5, 3), "Die Zahl d": dt.date(2024, 5, 3),
                       "14.02 Uhr:": dt.date(2024, 5, 3), "21.30 Uhr:": dt.date(2024, 5, 2),
                       "Gestern ha": dt.date(2024, 5, 2), "Update vom": dt.date(2024, 5, 2)}
    first, second = (anchors[i] for i, s in enumerate(sentences) if s.text.startswith(("15.15", "14.02")))
    assert first is not second                       # two entries of one day: two objects
    assert all(sentences[i].heading is False for i in anchors)


@pytest.mark.parametrize("text", [
    "Die Polizei rückte an.\n15.15 Uhr: Die Ministerin sprach.",             # one stamp: no ticker
    "Am Freitag, 3. Mai, wurde gestreikt. Um 15.15 Uhr sprach die Ministerin.",
])
def test_no_ticker_no_anchors(text):
    sentences = split_sentences(text, 0, GERMAN)
    assert entry_anchors(sentences, Reference(dt.date(2024, 5, 3), "day"), GERMAN) == {}


def test_entries_without_a_known_day_have_no_anchor():
    text = "15.15 Uhr: Die Ministerin sprach.\n14.02 Uhr: Die Gewerkschaft rief auf."
    sentences = split_sentences(text, 0, GERMAN)
    assert entry_anchors(sentences, Reference(dt.date(2024, 5, 3), "month"), GERMAN) == {}
    assert entry_anchors(sentences, None, GERMAN) == {}


def test_a_heading_without_a_year_takes_the_year_nearest_the_publication():
    text = "Dienstag, 31. Dezember\n\n23.50 Uhr: Die Raketen stehen bereit.\n23.10 Uhr: Es regnet."
    sentences = split_sentences(text, 0, GERMAN)
    anchors = entry_anchors(sentences, Reference(dt.date(2025, 1, 1), "day"), GERMAN)
    assert {anchor.day for anchor in anchors.values()} == {dt.date(2024, 12, 31)}


# --- dates of the entries ----------------------------------------------------------------------------

@pytest.mark.parametrize("substring, values", [
    ("15.15 Uhr: Die Ministerin", ["2024-05-03T15:15", "2024-05-03TAF"]),
    ("14.02 Uhr: Die Gewerkschaft", ["2024-05-03T14:02", "2024-05-03T14:00"]),
    ("21.30 Uhr: Die Verhandlungen", ["2024-05-02T21:30", "2024-05-02TEV"]),
    ("Gestern hatte es", ["2024-05-01"]),                 # the day before the entry's day
    ("Update vom 2. Mai", ["2024-05-02T08:40"]),    # the day and its time: one moment
])
def test_an_entry_is_dated_against_its_own_day(ticker, substring, values):
    assert dates(ticker, substring) == values


def test_day_headings_make_no_events(ticker):
    assert not [e for e in ticker.events if e.sentence in ("Freitag, 3. Mai", "Donnerstag, 2. Mai")]


def test_tag_sentences_without_anchors_is_unchanged():
    text = "Am Sonntag kam er. Um 14 Uhr ging er."
    sentences = split_sentences(text, 0, GERMAN)
    reference = Reference(dt.date(2024, 5, 3), "day")
    plain = tag_sentences(text, sentences, reference, GERMAN)
    assert tag_sentences(text, sentences, reference, GERMAN, anchors={}) == plain
    anchored = tag_sentences(text, sentences, reference, GERMAN, anchors={1: Reference(dt.date(2024, 5, 1), "day")})
    assert [t.timex.value for t in anchored] == ["2024-04-28", "2024-05-01T14:00"]


def test_stamps_without_uhr_take_the_entry_day():
    text = ("Montag, 6. Mai\n\n+++ 17.05 +++ Die Polizei meldet Staus.\n08:40: Am Abend soll es regnen.\n\n"
            "Sonntag, 5. Mai\n\n22:15 – Der Strom fiel aus.")
    parsed = timeline.parse_text(text, published="2024-05-06")
    assert dates(parsed, "Polizei meldet") == ["2024-05-06T17:05"]
    assert dates(parsed, "Strom fiel") == ["2024-05-05T22:15"]


def test_update_stamps_and_day_headings_in_other_forms():
    text = ("Dienstag, 30. April 2024:\n\n18.00 Uhr: Die Schlichtung beginnt.\n"
            "Update, 1. Mai, 9.10 Uhr: Am Morgen fahren wieder Busse.\n"
            "Aktualisiert am Mittwoch, 1. Mai 2024, um 11.30 Uhr: Die Lage entspannt sich.")
    parsed = timeline.parse_text(text, published="2024-05-01")
    assert dates(parsed, "Schlichtung") == ["2024-04-30T18:00"]
    assert dates(parsed, "fahren wieder") == ["2024-05-01T09:10", "2024-05-01TMO"]
    assert "2024-05-01T11:30" in dates(parsed, "entspannt")
    assert not [e for e in parsed.events if e.sentence.startswith("Dienstag")]
