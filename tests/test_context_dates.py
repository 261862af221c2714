"""Dates from context: inherited from the event a sentence continues, the publication date for
statements of the current state, and undated otherwise."""

from __future__ import annotations

import dataclasses

import pytest
from ruamel.yaml import YAML

from timeline import parse_text
from timeline.extract.context_cues import ContextWords
from timeline.lang import Language, load_language
from timeline.lang.checked import DataFile, LanguageDataError

PUBLISHED = "2023-03-15"          # a Wednesday


def dating(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str] | None]:
    """(value, basis) of each event's date, in text order."""
    events = sorted(parse_text(text, published).events, key=lambda e: e.sentence_start)
    return [(e.date.value, e.date.basis) if e.date else None for e in events]


@pytest.mark.parametrize("text, expected", [
    # a pronoun that refers back to the acting person continues that person's event
    ("Minister Karl Huber trat am Montag zurück. Er nannte gesundheitliche Gründe.",
     [("2023-03-13", "text"), ("2023-03-13", "continuation")]),
    # a continuation word opening the sentence (or following its first word)
    ("Die Polizei nahm am Dienstag zwölf Menschen fest. Zudem wurden drei Autos beschlagnahmt.",
     [("2023-03-14", "text"), ("2023-03-14", "continuation")]),
    ("Die Polizei nahm am Dienstag zwölf Menschen fest. Es wurden zudem drei Autos beschlagnahmt.",
     [("2023-03-14", "text"), ("2023-03-14", "continuation")]),
    # a state between them is no event to continue: the account goes on from the event before it
    ("Der Gouverneur verhängte am Mittwochabend eine Ausgangssperre. Sie gilt von 22 Uhr bis 5 Uhr. "
     "Er warnte vor Plünderungen.",
     [("2023-03-15TEV", "text"), ("2023-03-15T22:00/2023-03-16T05:00", "context"),
      ("2023-03-15TEV", "continuation")]),
    # a new paragraph ends the event
    ("Minister Karl Huber trat am Montag zurück.\n\nEr nannte gesundheitliche Gründe.",
     [("2023-03-13", "text"), None]),
    # a state that outlasts the event, or a pluperfect, does not inherit
    ("Minister Karl Huber trat am Montag zurück. Er galt weiterhin als einflussreich.",
     [("2023-03-13", "text"), None]),
    ("Minister Karl Huber trat am Montag zurück. Er hatte zuvor Fehler eingeräumt.",
     [("2023-03-13", "text"), None]),
    ("Minister Karl Huber trat am Montag zurück. Er hatte Fehler eingeräumt.",
     [("2023-03-13", "text"), None]),
    # a pronoun meaning the acting person of the sentence before continues its event; a state that
    # lasts does not
    ("Kanzler Otto Brandt entließ am Montag den Minister Karl Huber. Er begründete den Schritt mit Fehlern.",
     [("2023-03-13", "text"), ("2023-03-13", "continuation")]),
    ("Kanzler Otto Brandt entließ am Montag den Minister Karl Huber. Er schwieg lange dazu.",
     [("2023-03-13", "text"), None]),
    # the account goes on in the past tense: the same event
    ("Die Polizei nahm am Dienstag zwölf Menschen fest. Die Demonstranten zogen durch die Altstadt.",
     [("2023-03-14", "text"), ("2023-03-14", "continuation")]),
    # … but a state in the past is no happening
    ("Die Polizei nahm am Dienstag zwölf Menschen fest. Die Demonstranten waren wütend.",
     [("2023-03-14", "text"), None]),
    # no link to the sentence before, in the past: undated, not the publication day
    ("Die Polizei nahm am Dienstag zwölf Menschen fest.\n\nDie Regierung schwieg.",
     [("2023-03-14", "text"), None]),
    # the sentence before has no date: nothing to inherit
    ("Die Polizei nahm zwölf Menschen fest. Zudem wurden drei Autos beschlagnahmt.", [None, None]),
    # present-tense statements tell how things stand at publication: the publication day
    ("Die Lage in der Hauptstadt ist weiterhin angespannt.", [(PUBLISHED, "publication")]),
    ("Die Tarifverhandlungen sind festgefahren.", [(PUBLISHED, "publication")]),
    ("Ausländer dürfen zur Zeit nicht einreisen.", [(PUBLISHED, "publication")]),
    ("Die Ermittlungen dauern an.", [(PUBLISHED, "publication")]),
    ("Die Regierung stoppt Exporte in das Land.", [(PUBLISHED, "publication")]),
    # … but not reported speech, the past, or what always or usually holds
    ("Die Lage sei weiterhin angespannt, sagte ein Sprecher.", [None]),
    ("Die Lage war angespannt.", [None]),
    ("Die Regierung schwieg zu den Vorwürfen.", [None]),
    ("Die Regierung hat die Exporte gestoppt.", [("2023-03-14/2023-03-15", "report-day")]),
    ("Sie gilt als erfahrene Tarifpolitikerin.", [None]),
    ("Warnstreiks sind in Tarifrunden üblich.", [None]),
    # a publication date known to the month gives the month, marked approximate
    ("Die Lage in der Hauptstadt ist weiterhin angespannt.", [("2023-03", "publication")]),
])
def test_context_dating(text, expected):
    published = "2023-03" if expected == [("2023-03", "publication")] else PUBLISHED
    assert dating(text, published) == expected


def test_without_publication_date_state_stays_undated():
    assert dating("Die Lage in der Hauptstadt ist weiterhin angespannt.", None) == [None]


def test_continued_date_keeps_precision_and_marks_its_basis():
    events = parse_text("Die Demonstranten zogen am Montagabend vor das Parlament. Dabei kam es zu "
                        "Rangeleien mit der Polizei.", PUBLISHED).events
    first, second = sorted(events, key=lambda e: e.sentence_start)
    assert second.date.basis == "continuation"
    assert (second.date.value, second.date.start, second.date.end, second.date.granularity) == \
        (first.date.value, first.date.start, first.date.end, first.date.granularity)


def test_month_publication_is_approximate():
    (event,) = parse_text("Die Lage in der Hauptstadt ist weiterhin angespannt.", "2023-03").events
    assert event.date.approximate and event.date.granularity == "month"


def test_shipped_report_context_dates():
    from timeline import parse_report, shipped_report
    events = {e.sentence[:25]: e for e in parse_report(shipped_report()).events}
    appeal = events["Er appellierte an die aut"]
    assert (appeal.date.value, appeal.date.basis) == ("2022-01-07", "continuation")
    assert events["Die Lage in Kasachstan ist w"[:25]].date.basis == "publication"
    assert events["Er galt aber weiterhin als"[:25]].date is None


def test_a_renamed_key_in_context_yaml_is_an_error_with_its_line(tmp_path, monkeypatch):
    # read as missing, the blocking cues would let states inherit dates
    german = load_language("de")
    renamed = german.file("context").path.read_text(encoding="utf-8").replace("blocking_cues:", "blocked_cues:")
    (tmp_path / "context.yaml").write_text(renamed, encoding="utf-8")
    line = next(number for number, text in enumerate(renamed.splitlines(), 1) if text.startswith("blocked_cues:"))
    monkeypatch.setattr(Language, "file", lambda self, name: DataFile(tmp_path / f"{name}.yaml", f"de/{name}.yaml"))
    edited = dataclasses.replace(german, data={"context": YAML(typ="safe").load(renamed)}, _compiled={})
    with pytest.raises(LanguageDataError, match=rf"^de/context\.yaml:{line}: unknown key 'blocked_cues'"):
        edited.compiled(ContextWords.of)
