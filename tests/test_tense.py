"""The tense of a sentence, which decides the direction of bare weekdays and months and whether a
sentence may take the publication date."""

from __future__ import annotations

import pytest

from timeline.temporal.tag import detect_tense


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
])
def test_detect_tense(sentence, tense):
    assert detect_tense(sentence) == tense
