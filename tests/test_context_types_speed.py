"""Context dating's word lookups give what the plain checks give: cue phrases looked for only where
their first words stand, the tense judged from the cues of a sentence's words together."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.context_cues import ContextWords, Mark, tense_beyond_auxiliaries
from timeline.lang import load_language
from timeline.temporal.tense import TenseWords, detect_tense, tense_of_cues

LANGUAGE = load_language("de")
CUES = LANGUAGE.compiled(ContextWords.of)
TRICKY = ["Zudem", "ZUDEM", "noch immer", "Noch  immer", "in der Regel", "ist", "IST", "İst", "ıst", "iſt",
          "sind", "gilt als", "seit jeher", "Überdies", "darüber hinaus", "HÄUFIG", "zur Zeit", "außerdem",
          "AUSSERDEM", "Haus", "ist-", "-ist", "ist_", "„Zudem“", "ſtets", "Stets", "nach wie vor", "bis heute",
          "Covid19 wurde", "café", "hat2 gemacht", "verletzten Polizisten", "Am Montag protestierten Hunderte",
          "ist angespannt", "Die Lage ist weiterhin angespannt.", "sind festgefahren", "wird gewählt", "hatte",
          "sei", "gebeten", "geboten", "mit", "harten", "Bandagen", "erteilt", "hat", "."]
TEXTS = st.lists(st.sampled_from(TRICKY) | st.text(max_size=3), max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_what_the_words_are_is_what_the_plain_checks_find(text):
    seen = CUES.seen(text)
    for phrases in (CUES.continuation, CUES.blocking, CUES.timeless, CUES.state_auxiliaries):
        expected = phrases.regex.search(text)
        match = phrases.find(text, seen)
        assert (match and match.span()) == (expected and expected.span())
    assert (tense_of_cues(LANGUAGE.compiled(TenseWords.of).cues(text)) or detect_tense(text, LANGUAGE)) == \
        detect_tense(text, LANGUAGE)
    assert (tense_of_cues(seen) or detect_tense(text, LANGUAGE)) == detect_tense(text, LANGUAGE)
    if CUES.state_auxiliaries.words is not None and Mark.FOREIGN not in seen:
        without = CUES.state_auxiliaries.regex.sub("", text)
        assert (tense_of_cues(tense_beyond_auxiliaries(seen)) or detect_tense(without, LANGUAGE)) == \
            detect_tense(without, LANGUAGE)
    data = LANGUAGE.data["context"]
    words = re.findall(r"\w+", text)
    lower = {word.lower() for word in words}
    for key, mark in (("state_words", Mark.STATE), ("pluperfect_auxiliaries", Mark.PLUPERFECT),
                      ("subjunctive_words", Mark.SUBJUNCTIVE)):
        assert (mark in seen) == (not lower.isdisjoint(w.lower() for w in data[key]))
    participle = LANGUAGE.compiled(TenseWords.of).participle
    assert (Mark.PARTICIPLE in seen) == any(map(participle.fullmatch, filter(str.islower, words)))
