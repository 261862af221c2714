"""CSV export: ACLED-like columns, read back with the csv module."""

from __future__ import annotations

import csv
import io

from timeline.export import export
from timeline.export.csv import COLUMNS


def rows(timeline) -> list[dict[str, str]]:
    text = export(timeline, "csv")
    assert text.startswith(",".join(COLUMNS) + "\r\n")                  # RFC 4180: a header, CRLF line ends
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_columns():
    assert COLUMNS == ("event_id", "event_date", "time_precision", "start", "end", "date_basis", "event_type",
                       "actor1", "actor2", "location", "figures", "source", "certainty", "notes", "document")


def test_reads_back_one_row_per_event(all_fields):
    read = rows(all_fields)
    assert list(read[0]) == list(COLUMNS)
    assert [r["event_id"] for r in read] == [e.id for e in all_fields.events]
    assert [r["notes"] for r in read] == [" ".join(e.sentence.split()) for e in all_fields.events]


def test_values(all_fields):
    by_id = {r["event_id"]: r for r in rows(all_fields)}
    day = by_id["ev-day"]
    assert (day["event_date"], day["time_precision"], day["start"], day["end"]) == \
        ("2022-01-05", "1", "2022-01-05T00:00:00", "2022-01-05T23:59:59")
    assert (day["event_type"], day["actor1"], day["actor2"]) == ("decision", "Kassym-Schomart Tokajew",
                                                                 "Nursultan Nasarbajew")
    assert (day["source"], day["certainty"], day["document"]) == ("dpa", "reported", "agentur")
    assert by_id["ev-inherited"]["source"] == "einem Agenturbericht zufolge"      # unnamed: the cue
    assert by_id["ev-inherited"]["figures"] == ">4000 arrests"
    assert (by_id["ev-inherited"]["date_basis"], by_id["ev-evening"]["date_basis"]) == ("continuation", "context")
    assert by_id["ev-year"]["figures"] == "≈2200000 EUR"
    assert by_id["ev-evening"]["location"] == "Almaty"
    assert by_id["ev-time"]["document"] == "agentur; zeitung"
    assert (by_id["ev-time"]["actor1"], by_id["ev-time"]["actor2"]) == ("Alexander Lukaschenko",
                                                                          "Kassym-Schomart Tokajew")
    assert by_id["ev-evening"]["event_date"] == "2022-01-07TEV"


def test_acled_time_precision(all_fields):
    precision = {r["event_id"]: r["time_precision"] for r in rows(all_fields)}
    assert precision == {"ev-year": "3", "ev-approx": "2", "ev-month": "3", "ev-week": "2", "ev-range": "2",
                         "ev-day": "1", "ev-inherited": "1", "ev-time": "1", "ev-evening": "1", "ev-night": "1",
                         "ev-undated-escape": "", "ev-undated": ""}


def test_quotes_and_commas_survive(all_fields):
    row = next(r for r in rows(all_fields) if r["event_id"] == "ev-undated-escape")
    assert row["notes"] == 'Demonstranten riefen <script>alert("x")</script> & *Sternchen* _unter_ [Link](x) #1 | ' \
                           '„Zitat“, Kasachstan.'
