"""The one speed-up of attribution.py: a pattern is tried only in a sentence that holds the words
it cannot match without, read off the patterns (attribution_gates.py). It must never skip a
pattern that matches."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.attribution import attribution_grammar
from timeline.lang import load_language

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = attribution_grammar(load_language("de"))
SENTENCES = [line for path in [ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt",
                               *sorted((ROOT / "examples").glob("*.txt"))]
             for line in path.read_text(encoding="utf-8").replace(". ", ".\n").splitlines()]
WORDS = ["Er", "sagte", ",", "es", "sei", "so", "ein", "Sprecher", "nach", "Angaben", "der", "Polizei",
         "zufolge", "laut", "soll", "haben", "Gerüchte", "unbestätigten", "Berichten", "nicht", "überprüfen",
         "teilte", "mit", "heißt", "offenbar", "hätten", "wie", "meldete", "dpa", "demnach", ".", "seit",
         "wieder", "Haus", "„", "“", "sagt", "sagte", "angaben", "Polizeiangaben", ":", ";"]


def _never_skipped(sentence: str) -> None:
    [opened] = GRAMMAR.opened([sentence])
    for pattern in GRAMMAR.guarded:
        if pattern.regex.search(sentence):
            assert pattern.opens(opened), (pattern.regex.pattern[:80], sentence)


def test_no_pattern_that_matches_a_report_sentence_is_skipped() -> None:
    for sentence in SENTENCES:
        _never_skipped(sentence)


def test_a_document_opens_for_each_sentence_what_the_sentence_opens_alone() -> None:
    assert GRAMMAR.opened(SENTENCES) == [GRAMMAR.opened([sentence])[0] for sentence in SENTENCES]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=20))
def test_no_pattern_that_matches_is_skipped(words: list[str]) -> None:
    _never_skipped(" ".join(words))
