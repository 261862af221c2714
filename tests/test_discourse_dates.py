"""Dates of sentences without an expression of their own beyond continuation and publication: the
day's news (report-day), the report's main happening (story), a ticker entry's stamp (ticker),
and a main clause whose only dated expressions stand in relative or subordinate clauses."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from timeline import parse_text
from timeline.doc import Doc, Stage
from timeline.pipeline import STAGES, parse_document
from timeline.reading import document_from_text
from timeline.temporal import Reference

PUBLISHED = "2024-03-07"          # a Thursday
NEWS = ("2024-03-06/2024-03-07", "report-day")


def dating(text: str, published: str | None = PUBLISHED, mode: str = "news") -> list[tuple[str, str] | None]:
    """(value, basis) of each event's date, in text order."""
    events = sorted(parse_text(text, published, mode=mode).events, key=lambda e: e.sentence_start)
    return [(e.date.value, e.date.basis) if e.date else None for e in events]


@pytest.mark.parametrize("text, expected", [
    # the day's news in the perfect, or told with a verb of reporting in the past
    ("Die Stadtverwaltung hat die Kundgebung verboten.", [NEWS]),
    ("Der Verdächtige ist am Mittwoch festgenommen worden.", [("2024-03-06", "text")]),
    ("Ein Verdächtiger ist festgenommen worden.", [NEWS]),
    ("Der Fahrer sei unverletzt geblieben, teilte die Feuerwehr mit.", [NEWS]),
    # the account of the day's news goes on
    ("Die Stadtverwaltung hat die Kundgebung verboten. Die Veranstalter zogen vor Gericht.",
     [NEWS, ("2024-03-06/2024-03-07", "continuation")]),
    # background: a pluperfect, a state, what came earlier, a supposition, a habit, the present
    ("Der Verein hatte die Halle gemietet.", [None]),
    ("Die Brücke ist seit Jahren marode.", [("2024-03-07", "publication")]),
    ("Bereits hat die Kommission Mängel festgestellt.", [None]),
    ("Die Firma hat damals Gewinne gemacht.", [None]),
    ("Der Händler soll Waren gefälscht haben.", [None]),
    ("Jeden Freitag haben Schüler demonstriert.", [None]),
    ("Die Schüler demonstrierten für das Klima.", [None]),
])
def test_report_day(text, expected):
    assert dating(text) == expected


def test_report_day_needs_news_and_a_publication_day():
    text = "Die Stadtverwaltung hat die Kundgebung verboten."
    assert dating(text, "2024-03") == [None]
    assert dating(text, None) == [None]
    assert dating(text, mode="narrative") == [None]


def test_report_day_interval_spans_both_days():
    (event,) = parse_text("Die Stadtverwaltung hat die Kundgebung verboten.", PUBLISHED).events
    assert (event.date.start, event.date.end, event.date.granularity, event.date.approximate) == \
        ("2024-03-06T00:00:00", "2024-03-07T23:59:59", "day", True)


@pytest.mark.parametrize("text, expected", [
    # a lead tells the happening before the report names its day
    ("Im Erzgebirge ist eine Fußgängerbrücke eingestürzt.\n\n"
     "Am Dienstagmorgen war die Fußgängerbrücke über die Zschopau eingestürzt. Niemand wurde verletzt.",
     [("2024-03-05TMO", "story"), ("2024-03-05TMO", "text"), ("2024-03-05TMO", "continuation")]),
    # another happening of the lead is not the one dated later
    ("Im Erzgebirge hat die Polizei einen Autofahrer gestoppt.\n\n"
     "Am Dienstagmorgen war die Fußgängerbrücke über die Zschopau eingestürzt.",
     [NEWS, ("2024-03-05TMO", "text")]),
    # far from the lead, a shared word makes no story
    ("Eine Halle hat gebrannt.\n\nDer Rat tagte.\n\nDie Schule schloss.\n\nAm Montag hat die Halle gebrannt.",
     [NEWS, None, None, ("2024-03-04", "text")]),
])
def test_story(text, expected):
    assert dating(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a quote in the present goes on with the saying before it
    ("„Wir bleiben“, sagte die Ministerin am Sonntagabend. „Wir geben nicht auf.“",
     [("2024-03-03TEV", "text"), ("2024-03-03TEV", "continuation")]),
    # … but it does not take the date of another happening
    ("Vor zwanzig Jahren gründete sie die Firma in Leipzig. „Ich bereue nichts.“",
     [("2004", "text"), ("2024-03-07", "publication")]),
    # "sagte weiter", "hieß es": the statement goes on, also after a paragraph break
    ("Die Ministerin sprach am Montag in Berlin. Sie sagte weiter, man werde kämpfen.",
     [("2024-03-04", "text"), ("2024-03-04", "continuation")]),
    ("Die Ministerin sprach am Montag in Berlin.\n\nIn der Erklärung hieß es, man werde prüfen.",
     [("2024-03-04", "text"), ("2024-03-04", "continuation")]),
])
def test_continuation(text, expected):
    assert dating(text) == expected


@pytest.mark.parametrize("text, expected", [
    # reported speech after a saying goes on with it; so does a saying closed by "weiter"
    ("Der Landrat sprach am Montag in Zell. Die Räumung werde bis Ostern dauern.",
     [("2024-03-04", "text"), ("2024-03-04", "continuation")]),
    ("Der Landrat sprach am Montag in Zell.\n\nMan brauche mehr Geld, sagte der Landrat weiter.",
     [("2024-03-04", "text"), ("2024-03-04", "continuation")]),
    # … but not after a happening that is no saying
    ("Die Halle brannte am Montag ab. Die Räumung werde bis Ostern dauern.", [("2024-03-04", "text"), None]),
    # what might be (Konjunktiv II) does not go on with the account
    ("Die Halle brannte am Montag ab. Das Land könnte den Neubau bezahlen.", [("2024-03-04", "text"), None]),
    # … unless only a later clause is ("dass … könnte")
    ("Die Halle brannte am Montag ab. Befürchtet wurde, dass das Dach einstürzen könnte.",
     [("2024-03-04", "text"), ("2024-03-04", "continuation")]),
])
def test_statement_goes_on(text, expected):
    assert dating(text) == expected


def _with(stage: Stage, text: str, published: str = PUBLISHED) -> list:
    """Events parsed with `stage` run just before context dating."""
    at = next(i for i, s in enumerate(STAGES) if s.name == "context_dates")
    document = document_from_text(text, published=published)
    events = parse_document(document, stages=[*STAGES[:at], stage, *STAGES[at:]]).events
    return sorted(events, key=lambda e: e.sentence_start)


def _ticker(doc: Doc) -> None:
    """A live ticker whose second entry (its two sentences) is stamped Tuesday."""
    doc.anchors = {1: Reference(dt.date(2024, 3, 5), "day"), 2: Reference(dt.date(2024, 3, 5), "day")}


def test_a_ticker_entry_dates_its_sentences():
    events = _with(Stage("ticker", reads=("sentences",), adds=(), run=_ticker),
                   "Die Lage ist ruhig. Die Feuerwehr hat das Feuer gelöscht. "
                   "Ein Sprecher sagte, es gebe keine Verletzten.")
    assert [(e.date.value, e.date.basis) if e.date else None for e in events] == [
        ("2024-03-07", "publication"), ("2024-03-05", "ticker"), ("2024-03-05", "ticker")]


def _relative_clauses(doc: Doc) -> None:
    doc.dating = {index: [dataclasses.replace(item, clause="relative") for item in items]
                  for index, items in doc.dating.items()}


def test_a_main_clause_does_not_take_a_relative_clause_date():
    events = _with(Stage("clauses", reads=("dating",), adds=("dating",), run=_relative_clauses),
                   "Der Fahrer, der am Freitagabend geflüchtet ist, hat sich gestellt.")
    # the main clause's happening first, dated as a sentence without an expression; then the
    # relative clause's own
    assert [(e.date.value, e.date.basis) for e in events] == [NEWS, ("2024-03-01TEV", "text")]
    assert len({e.id for e in events}) == 2


@pytest.mark.parametrize("text, expected", [
    # the report's first sentence tells the main happening in the perfect; the next names its day
    ("Das Amtsgericht hat einen Hausmeister wegen Untreue verurteilt. Die Richterin sah es am Dienstag "
     "als erwiesen an, dass er Geld abgezweigt hatte.",
     [("2024-03-05", "story"), ("2024-03-05", "text")]),
    ("Der Bürgermeister von Halden ist zurückgetreten. Er bat den Rat am Mittwochabend um seine Entlassung.",
     [("2024-03-06", "story"), ("2024-03-06TEV", "text")]),
    # … not when the day is named in another paragraph, lies long before, or the lead is a pluperfect
    ("Das Amtsgericht hat einen Hausmeister verurteilt.\n\nAm Dienstag begann ein weiterer Prozess.",
     [NEWS, ("2024-03-05", "text")]),
    ("Das Amtsgericht hat einen Hausmeister verurteilt. Im Januar hatte er gestanden.",
     [NEWS, ("2024-01", "text")]),
    ("Das Amtsgericht hatte einen Hausmeister verurteilt. Am Dienstag ging er in Berufung.",
     [None, ("2024-03-05", "text")]),
])
def test_lead_takes_the_day_named_after_it(text, expected):
    assert dating(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a market report tells the trading of its day without naming it again
    ("Der Aktienmarkt hat am Mittwoch nachgegeben.\n\nBesonders schwach zeigten sich Bankwerte. "
     "Die Aktien der Nordbank verloren vier Prozent.",
     [("2024-03-06", "text"), ("2024-03-06", "story"), ("2024-03-06", "continuation")]),
    # … not what happened before it, nor trading on a day long before the publication
    ("Der Aktienmarkt hat am Mittwoch nachgegeben.\n\nIm Vorjahr hatten die Bankwerte zugelegt.",
     [("2024-03-06", "text"), ("2023", "text")]),
    ("Der Aktienmarkt gab im Januar nach.\n\nBesonders schwach zeigten sich Bankwerte.",
     [("2024-01", "text"), None]),
])
def test_trading_of_the_report_day(text, expected):
    assert dating(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "damals" refers back to the last past time named
    ("Im Herbst 2019 brannte die Scheune ab. Damals half das ganze Dorf beim Löschen.",
     [("2019-FA", "text"), ("2019-FA", "context")]),
    ("Im Herbst 2019 brannte die Scheune ab. Die Versicherung zahlte nicht. Der Bauer war damals ohne Hilfe.",
     [("2019-FA", "text"), ("2019-FA", "continuation"), ("2019-FA", "context")]),
    # … and stays undated when no past time was named
    ("Der Bauer war damals ohne Hilfe.", [None]),
    # a phase of a match belongs to the match, also in a paragraph of its own
    ("Der SV Lindau hat am Sonntag mit 3:0 gewonnen.\n\nIn der 12. Minute traf Berger per Elfmeter.\n\n"
     "Nach der Pause erhöhte Kraus.",
     [("2024-03-03", "text"), ("2024-03-03", "context"), ("2024-03-03", "context")]),
])
def test_recalled_times_and_phases(text, expected):
    assert dating(text) == expected


@pytest.mark.parametrize("text", [
    # questions, words to the reader or the person interviewed
    "Wie hat die Stadt das Fest erlebt?",
    "Ist die Brücke sicher?",
    "Alle Ergebnisse können Sie hier im Überblick nachlesen.",
    "Herr Lenz, wie geht es Ihrem Betrieb?",
    # habits, characterisations, what has held for years
    "Die Seen frieren hier regelmäßig zu.",
    "Die Fähre gehört zu den ältesten im Land.",
    "Die Ärztin ist eine ruhige Frau, die viel zuhört.",
])
def test_background_stays_undated(text):
    assert dating(text) == [None]


@pytest.mark.parametrize("text", [
    "Die Straße bleibt gesperrt.",
    # the main clause after a fronted clause, a present passive
    "Warum der Damm brach, ist noch unklar.",
    "Zwei Wanderer werden noch vermisst.",
])
def test_the_state_of_the_situation_takes_the_publication_day(text):
    assert dating(text) == [("2024-03-07", "publication")]


@pytest.mark.parametrize("text", [
    "Wie die Polizei mitteilte, wurde niemand verletzt.",
    "Der Damm wurde verstärkt.",
])
def test_a_past_main_clause_tells_no_state_now(text):
    assert dating(text) != [("2024-03-07", "publication")]
