"""The event-type fast path gives what the plain regex scan gave: event cues read word by word
instead of by a regex tried at every letter (the context cues' fast path: test_context_types_speed.py)."""

from __future__ import annotations

import pytest

from timeline.extract.event_types import classify_event

# (sentence, type) as the regex scan of all cue stems at every letter classified them: particles at
# a clause end, phrases and failed phrases, compounds, case, underscores, letters whose lower case
# is longer, numbers with a comma
AS_SCANNED = [
    ('Die Polizei nahm den Mann fest.', 'arrest'),
    ('Die Polizei nahm den Mann fest und setzte ihn ab.', 'arrest'),
    ('Er nahm an, dass alles gut geht.', None),
    ('Bei schweren Kämpfen starben zwölf Menschen.', 'fatalities'),
    ('Bei schweren Kämpfenxxxxxxx um die Stadt.', None),
    ('Zwei Menschen kamen ums Leben.', 'fatalities'),
    ('Zwei Menschen kamen ums Lebens.', None),
    ('Das Haus geriet in Brand.', None),
    ('Das Gesetz trat in Kraft.', 'decision'),
    ('Sie sind im Gespräch.', None),
    ('DIE POLIZEI NAHM ZWÖLF DEMONSTRANTEN FEST.', 'arrest'),
    ('Er sagte: „Wir greifen an.“', 'armed-clash'),
    ('Ein Schuß fiel.', None),
    ('Die Wahlkämpfe laufen.', None),
    ('Massenfestnahmen in der Stadt', 'arrest'),
    ('Die Feuergefechte dauerten an', 'armed-clash'),
    ('Treffen der Minister', 'diplomacy'),
    ('Sie treffen sich morgen', None),
    ('betreffen', None),
    ('Bundeswehr_Angriff am Morgen', 'armed-clash'),
    ('Angriff_auf die Stadt', None),
    ('İstanbul: Anschlag', 'explosion'),
    ('Anschläge; Festnahmen, 4,5 Tote', 'fatalities'),
    ('Er setzte ihn ab, weil', 'decision'),
    ('Er sagte ab – und ging.', None),
    ('Er sagte ab bzw. zu.', None),
    ('', None),
    ('   ', None),
    ('ab', None),
    ('Ab.', None),
    ('Proteste gegen die Regierung', 'protest'),
    ('In der Nacht wurde geschossen', None),
    ('Es kam zu Explosionen', 'explosion'),
    ('Raketen schlugen ein.', 'explosion'),
    ('Er appellierte an die Führung', 'statement'),
    ('x2Angriffe', 'armed-clash'),
    ('Angriff2', None),
    ('ẞ Test', None),
    ('Die USA verhängten Sanktionen', 'sanction'),
    ('Exportstopp geboten', 'sanction'),
]


@pytest.mark.parametrize(("sentence", "expected"), AS_SCANNED)
def test_classify_event_as_scanned(sentence: str, expected: str | None) -> None:
    assert classify_event(sentence) == expected


def test_classify_event_is_the_same_when_words_recur() -> None:
    sentence = "Die Polizei nahm den Mann fest, Massenfestnahmen folgten."
    assert classify_event(sentence) == classify_event(sentence) == "arrest"
