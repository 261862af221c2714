"""Context dating's word flags give what the plain checks gave: cue phrases looked for only where
their first words stand, the tense judged from the flags of a sentence's words together."""

from __future__ import annotations

import re

import pytest

from timeline.extract import context_dates
from timeline.temporal.tag import detect_tense, tense_flags, tense_of_flags

TRICKY = ["Zudem", "ZUDEM", "noch immer", "Noch  immer", "in der Regel", "ist", "IST", "İst", "ıst", "iſt",
          "sind", "gilt als", "seit jeher", "Überdies", "darüber hinaus", "HÄUFIG", "zur Zeit", "außerdem",
          "AUSSERDEM", "Haus", "ist-", "-ist", "ist_", "„Zudem“", "ſtets", "Stets", "nach wie vor", "bis heute",
          "Covid19 wurde", "café", "hat2 gemacht", "verletzten Polizisten", "Am Montag protestierten Hunderte",
          "ist angespannt", "Die Lage ist weiterhin angespannt.", "sind festgefahren", "wird gewählt"]
TEXTS = [" ".join(TRICKY[i:i + 3]) for i in range(len(TRICKY))] + [""]


@pytest.mark.parametrize("text", TEXTS)
def test_phrases_found_as_by_their_regex(text: str) -> None:
    cues = context_dates._cues("de")
    found = cues.flags(text)
    for phrases in (cues.continuation, cues.blocking, cues.timeless, cues.state_auxiliaries):
        expected = phrases.regex.search(text)
        match = phrases.find(text, found)
        assert (match and match.span()) == (expected and expected.span())


@pytest.mark.parametrize("text", TEXTS)
def test_tense_from_flags_as_detected(text: str) -> None:
    cues = context_dates._cues("de")
    found = cues.flags(text)
    assert (tense_of_flags(tense_flags(text)) or detect_tense(text)) == detect_tense(text)
    assert (tense_of_flags(found & context_dates._TENSE) or detect_tense(text)) == detect_tense(text)
    if cues.state_auxiliaries.words is not None and not found & context_dates._FOREIGN:
        without = cues.state_auxiliaries.regex.sub("", text)
        assert (tense_of_flags(found >> context_dates._UNLESS_AUXILIARY & context_dates._TENSE)
                or detect_tense(without)) == detect_tense(without)


@pytest.mark.parametrize("text", TEXTS)
def test_word_lists_found_as_among_the_lower_case_words(text: str) -> None:
    cues = context_dates._cues("de")
    found = cues.flags(text)
    words = re.findall(r"\w+", text)
    lower = set(map(str.lower, words))
    assert bool(found & context_dates._STATE) == (not cues.state.isdisjoint(lower))
    assert bool(found & context_dates._PLUPERFECT) == (not cues.pluperfect.isdisjoint(lower))
    assert bool(found & context_dates._SUBJUNCTIVE) == (not cues.subjunctive.isdisjoint(lower))
    assert bool(found & context_dates._PARTICIPLE) == any(map(cues.participle.fullmatch, filter(str.islower, words)))


def test_token_flags_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    cues = context_dates._cues("de")
    monkeypatch.setattr(cues.tokens, "size", 8)
    cues.tokens.clear()
    cues.flags(" ".join(f"Wort{i}" for i in range(50)))
    assert len(cues.tokens) <= 8
    cues.tokens.clear()
