"""The tense of a sentence, which decides the direction of bare weekdays and months and whether a
sentence may take the publication date."""

from __future__ import annotations

import dataclasses
import re
import sys

import pytest

from timeline.lang import load_language
from timeline.lang.checked import LanguageDataError
from timeline.temporal.tense import TenseWords, detect_tense, told_tense

GERMAN = load_language("de")


@pytest.mark.parametrize("sentence, tense", [
    ("Die Polizei nahm zwölf Menschen fest.", "past"),
    ("Er schwieg zu den Vorwürfen.", "past"),                        # strong verb
    ("Die Verhandlungen wurden unterbrochen.", "past"),
    ("Der Minister verschwieg die Zahlen.", "past"),                 # prefix + strong past
    ("Die Demonstranten riefen Parolen.", "past"),                   # plural
    ("Er bekam keine Antwort.", "past"),
    ("Präsident Tokajew hat den Befehl erteilt.", "past"),           # haben + inseparable participle
    ("Er hatte Fehler eingeräumt.", "past"),
    ("Die Polizei hat zwölf Menschen festgenommen.", "past"),        # separable participle
    ("Am Montag protestierten Hunderte Menschen.", "past"),          # weak past before a noun, after a noun
    ("Er spricht von harten Bandagen.", "present"),                  # an adjective after a preposition
    ("Die verletzten Polizisten sind im Krankenhaus.", "present"),   # … or after a determiner
    ("Die Regierung stoppt Exporte.", "present"),
    ("Die Lage ist weiterhin angespannt.", "past"),                  # read as a perfect; context dating knows better
    ("Die Regierung erteilt keine Genehmigungen mehr.", "present"),  # no form of haben: not a perfect
    ("Wir sind bereit.", "present"),
    ("Am Montag wird gewählt.", "future"),
    ("MORGEN WIRD GEWÄHLT.", "future"),                              # capitals: words, but no verb forms
    ("Mit ernsthaften Verhandlungen ist zu rechnen.", "present"),    # an adjective after another
    ("Er sagt, dass er am Montag zurücktreten werde.", "future"),    # an infinitive before "werde"
    ("Der Minister wird im Mai zurücktreten.", "future"),            # … last, after "wird"
    ("Am Montag protestierten Hunderte, die Polizei wird ermitteln.", "past"),
])
def test_detect_tense(sentence, tense):
    assert detect_tense(sentence, GERMAN) == tense


def test_the_word_letters_are_the_letters_ignoring_case():
    letter, word = re.compile("[a-zäöüß]", re.IGNORECASE), GERMAN.compiled(TenseWords.of).word
    assert all(bool(letter.fullmatch(c)) == bool(word.fullmatch(c)) for c in map(chr, range(sys.maxunicode + 1)))


def test_a_missing_key_in_tense_yaml_is_an_error_with_the_file(monkeypatch):
    data = {key: value for key, value in GERMAN.tense.items() if key != "not_past"}
    with pytest.raises(LanguageDataError, match=r"^de/tense\.yaml:1: missing key 'not_past'"):
        dataclasses.replace(GERMAN, tense=data, _compiled={}).compiled(TenseWords.of)


@pytest.mark.parametrize("text, tense", [
    ("einen Tag nach der Wahl", None),                 # no verb: the clause it depends on decides
    ("der am Freitag geflüchtet war", "past"),
    ("Wir sind bereit", "present"),
])
def test_told_tense_tells_a_text_without_cues_apart(text, tense):
    assert told_tense(text, GERMAN) == tense
