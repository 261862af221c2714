"""Clauses of a sentence and the tense that governs each expression: quotes, reported speech,
relative and subordinate clauses, and what that makes of weekdays, months, seasons and nights."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from timeline.lang import load_language
from timeline.lang.checked import LanguageDataError
from timeline.segment import split_sentences
from timeline.temporal import Reference, tag_sentences
from timeline.temporal.clauses import ClauseWords, clause_at, split_clauses
from timeline.temporal.tag import tag_text
from timeline.temporal.tense import told_tense

GERMAN = load_language("de")


@pytest.mark.parametrize("sentence, words, kind, tense", [
    ("„Wir bleiben“, sagte die Ministerin am Sonntagabend.", "am Sonntagabend", "main", "past"),
    ("„Wir bleiben“, sagte die Ministerin am Sonntagabend.", "Wir bleiben", "quote", "present"),
    ("Der Fahrer, der am Freitagabend geflüchtet sein soll, stellt sich heute.", "am Freitagabend",
     "relative", "past"),
    ("Der Fahrer, der am Freitagabend geflüchtet sein soll, stellt sich heute.", "heute", "main", "present"),
    ("Die Ministerin sagte, der Bau solle im Herbst beginnen.", "im Herbst", "quote", "future"),
    ("Er kündigte an, dass er am Montag zurücktreten werde.", "am Montag", "subordinate", "future"),
    ("Als die Feuerwehr am Morgen eintraf, brannte das Dach.", "am Morgen", "subordinate", "past"),
    ("Am Freitag, in der Nacht zum Samstag, brannte eine Scheune.", "in der Nacht", "main", "past"),
    ("Die Gespräche, die am Montag begonnen hatten, sollen am Freitag enden.", "am Montag", "relative", "past"),
    ("Die Gespräche, die am Montag begonnen hatten, sollen am Freitag enden.", "am Freitag", "main", "future"),
    ("Die Partei, in der er seit 1990 ist, will im Oktober wählen.", "im Oktober", "main", "future"),
    ("Ein Bericht, von dem am Dienstag die Rede war, liegt vor.", "am Dienstag", "relative", "past"),
    # a planned state is not a perfect, a modal of likelihood not a past form
    ("Die Anhörung ist für Januar angesetzt.", "für Januar", "main", "future"),
    ("Ein Urteil könnte Ende März fallen.", "Ende März", "main", "future"),
    ("Der Täter könnte im Oktober geflüchtet sein.", "im Oktober", "main", "past"),
])
def test_each_clause_has_its_kind_and_tense(sentence, words, kind, tense):
    clause = clause_at(split_clauses(sentence, GERMAN), sentence.index(words))
    assert (clause.kind.value, clause.tense) == (kind, tense)


def test_a_clause_without_a_tense_cue_takes_the_main_clauses_tense():
    sentence = "Am Freitag, einen Tag nach der Wahl, traten beide zurück."
    assert told_tense("einen Tag nach der Wahl", GERMAN) is None
    assert clause_at(split_clauses(sentence, GERMAN), sentence.index("einen Tag")).tense == "past"


# (text, publication day, expression, value): each expression as a careful reader dates it
MONDAY, WEDNESDAY = dt.date(2024, 3, 11), dt.date(2024, 3, 13)
FRIDAY, SATURDAY = dt.date(2024, 3, 8), dt.date(2024, 3, 9)


@pytest.mark.parametrize("text, published, expression, value", [
    # the frame of a quote is past, the quote present: Sunday is the day before, not the next one
    ("„Wir bleiben“, sagte die Ministerin am Sonntagabend.", MONDAY, "Sonntagabend", "2024-03-10TEV"),
    ("„Am Donnerstag reden wir weiter“, sagte der Sprecher am Montag.", dt.date(2024, 3, 12), "Donnerstag",
     "2024-03-14"),
    # a noun's "vom" + weekday is the date of something already there
    ("Die Polizei zitiert aus einem Erlass vom Donnerstag.", MONDAY, "Donnerstag", "2024-03-07"),
    ("Die Sperre gilt vom Donnerstag an.", MONDAY, "Donnerstag", "2024-03-14"),
    # reported speech with its own future
    ("Er kündigte an, dass er am Montag zurücktreten werde.", dt.date(2024, 3, 13), "Montag", "2024-03-18"),
    ("Die Ministerin sagte, der Bau solle im Herbst beginnen.", dt.date(2024, 5, 11), "Herbst", "2024-FA"),
    # a month or a season without a year: the clause's tense and words of intent decide
    ("Bis zum Parteitag im Oktober will die Partei ein Programm vorlegen.", dt.date(2024, 6, 11), "Oktober",
     "2024-10"),
    ("Die Partei plant im März eine Urabstimmung.", dt.date(2024, 6, 11), "März", "2025-03"),
    ("Im Herbst soll der Bau beginnen.", dt.date(2024, 5, 11), "Herbst", "2024-FA"),
    ("Im Oktober begann der Bau.", dt.date(2024, 3, 11), "Oktober", "2023-10"),
    ("Der Bau, der im Oktober begann, soll im Mai enden.", dt.date(2024, 3, 11), "Oktober", "2023-10"),
    ("Der Bau, der im Oktober begann, soll im Mai enden.", dt.date(2024, 3, 11), "Mai", "2024-05"),
    # modals of likelihood and expectation look ahead; a perfect with them stays past
    ("Ein Urteil könnte Ende März fallen.", dt.date(2023, 2, 10), "Ende März", "2023-03"),
    ("Die Entscheidung dürfte im Januar fallen.", dt.date(2023, 11, 10), "Januar", "2024-01"),
    ("Die Anhörung ist im Januar vorgesehen.", dt.date(2023, 11, 10), "Januar", "2024-01"),
    ("Analysten erwarten im Januar eine Zinssenkung.", dt.date(2023, 11, 10), "Januar", "2024-01"),
    ("Die Bank will die Zinsen ab Januar senken.", dt.date(2023, 11, 10), "Januar", "2024-01"),
    ("Der Täter könnte im Oktober geflüchtet sein.", dt.date(2023, 11, 10), "Oktober", "2023-10"),
    ("Im Januar konnte die Firma ihre Schulden bezahlen.", dt.date(2023, 11, 10), "Januar", "2023-01"),
    # a weekday with its verb right after it in the present: what is on the programme, the coming day
    ("Am Samstag empfängt die Mannschaft den Tabellenführer.", WEDNESDAY, "Samstag", "2024-03-16"),
    ("Am Montag beginnt der Prozess.", WEDNESDAY, "Montag", "2024-03-18"),
    ("Am Mittwoch beginnt der Prozess.", WEDNESDAY, "Mittwoch", "2024-03-13"),
    ("„Wir bleiben“, sagte sie am Sonntag.", WEDNESDAY, "Sonntag", "2024-03-10"),
    ("Seit Montag streiken die Piloten.", WEDNESDAY, "Montag", "2024-03-11"),
    ("Am Montag ist ein Lastwagen umgekippt.", WEDNESDAY, "Montag", "2024-03-11"),
    # a participle of state after "sein" is the present ("ist geöffnet"), after "haben" or with "worden" the past
    ("Die Halle ist am Sonntag geöffnet.", FRIDAY, "Sonntag", "2024-03-10"),
    ("Die Brücke ist seit Montag gesperrt.", WEDNESDAY, "Montag", "2024-03-11"),
    ("Die Polizei hat die Brücke am Sonntag gesperrt.", WEDNESDAY, "Sonntag", "2024-03-10"),
    ("Die Brücke ist am Sonntag gesperrt worden.", WEDNESDAY, "Sonntag", "2024-03-10"),
    # nights and parts of the day
    ("In der Nacht brannten mehrere Autos.", SATURDAY, "Nacht", "2024-03-08TNI"),
    ("Heute tagte der Krisenstab. Helfer bargen in der Nacht zwei Leichen.", FRIDAY, "Nacht", "2024-03-07TNI"),
    ("Am Freitag begann der Streik. In der Nacht brannten Autos.", FRIDAY, "Nacht", "2024-03-07TNI"),
    ("In der Nacht soll es regnen.", SATURDAY, "Nacht", "2024-03-09TNI"),
    ("Am Donnerstag kam es zu Protesten. In der Nacht brannten Autos.", SATURDAY, "Nacht", "2024-03-07TNI"),
    ("Gestern Morgen brannten mehrere Autos.", SATURDAY, "Gestern Morgen", "2024-03-08TMO"),
    ("Am Freitag brannte eine Halle. Die Feuerwehr kam erst abends.", SATURDAY, "abends", "2024-03-08TEV"),
    ("Am Sonntag zählte er 412 Autos.", SATURDAY, "Sonntag", "2024-03-03"),
    # the start of a span ("seit") is not a day the story moves to
    ("Die Brücke ist seit Donnerstag gesperrt. Am Abend kamen Helfer.", SATURDAY, "Abend", "2024-03-09TEV"),
    ("Die Brücke wurde am Donnerstag gesperrt. Am Abend kamen Helfer.", SATURDAY, "Abend", "2024-03-07TEV"),
    ("Die Bäckerei öffnet morgens.", SATURDAY, "morgens", "PTMO"),                # a habit
    ("Die Täter kamen nachts.", SATURDAY, "nachts", "PTNI"),                      # no day named: no guess
    # a range's end hour before its start hour is on the next day
    ("Die Brücke bleibt am Freitag von 22 Uhr bis 5 Uhr gesperrt.", SATURDAY, "5 Uhr", "2024-03-09T05:00"),
    ("Die Brücke bleibt am Freitag von 8 bis 12 Uhr gesperrt.", SATURDAY, "12 Uhr", "2024-03-08T12:00"),
])
def test_expressions_resolve_in_their_clause(text, published, expression, value):
    found = {timex.text: timex.value for timex in tag_text(text, published)}
    assert found[expression] == value


@pytest.mark.parametrize("text, published, expression, value", [
    # years or months later count from a date known to the year or month, not from the publication
    ("Der Kreistag beschloss im Dezember, die Zuschüsse zu streichen. Zwei Monate später kam der Brief.",
     dt.date(2011, 6, 26), "Zwei Monate später", "2011-02"),
    ("Im Jahr 1990 zählte er 400 Autos. Drei Jahre später wurde die Straße ausgebaut.", dt.date(2011, 6, 26),
     "Drei Jahre später", "1993"),
    ("Am Montag kam der Brief. Zwei Tage später kam die Antwort.", dt.date(2011, 6, 26), "Zwei Tage später",
     "2011-06-22"),
])
def test_an_offset_counts_from_the_date_last_named_at_its_unit(text, published, expression, value):
    sentences = split_sentences(text, 0, GERMAN)
    tagged = tag_sentences(text, sentences, Reference(published, "day"), GERMAN)
    found = {t.timex.text: t.date.value for t in tagged if t.date is not None}
    assert found[expression] == value


def test_tagged_expressions_say_which_clause_they_stand_in():
    text = ("Der Fahrer, der am Freitagabend geflüchtet sein soll, stellte sich am Sonntag. "
            "„Am Montag reden wir“, sagte sein Anwalt.")
    sentences = split_sentences(text, 0, GERMAN)
    tagged = tag_sentences(text, sentences, Reference(dt.date(2024, 3, 12), "day"), GERMAN)
    assert [(t.timex.text, t.clause) for t in tagged] == [
        ("Freitagabend", "relative"), ("Sonntag", "main"), ("Montag", "quote")]


# narratives: the story time moves with the dates the text reaches, not with look-backs or bounds
@pytest.mark.parametrize("text, expression, value", [
    # a bound ahead does not move the story: "im Mai" is still in 1810
    ("Im April 1810 begann die Belagerung. Der Hafen blieb bis März 1812 gesperrt. Im Mai fiel die Festung.",
     "Mai", "1810-05"),
    # nor does a look back
    ("Im Juni 1810 siegte das Heer, wie schon im Vorjahr. Im Juli zog es weiter.", "Juli", "1810-07"),
    # a section under a heading without a date goes back to the date of the chapter's heading
    ("1810\n\nNorden\n\nIm Januar 1810 kam Schnee. Im November zog das Heer ab.\n\nSüden\n\n"
     "Im März fiel die Stadt.", "März", "1810-03"),
])
def test_the_story_time_of_a_narrative(text, expression, value):
    found = {timex.text: timex.value for timex in tag_text(text, None, mode="narrative")}
    assert found[expression] == value


def test_a_missing_key_in_clauses_yaml_is_an_error_with_the_file():
    data = {key: value for key, value in GERMAN.data["clauses"].items() if key != "speech_verbs"}
    language = dataclasses.replace(GERMAN, data={**GERMAN.data, "clauses": data}, _compiled={})
    with pytest.raises(LanguageDataError, match=r"^de/clauses\.yaml:1: missing key 'speech_verbs'"):
        language.compiled(ClauseWords.of)
