"""The fast name matchers find exactly what the plain regular expressions they replace would find
(the rule index: test_tagger_speed_equivalence.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.actors import actor_lexicon
from timeline.extract.names import _AFTER, _key, _pieces, build_matcher
from timeline.extract.places import place_matcher

ROOT = Path(__file__).resolve().parents[1]
def names_regex(forms: list[str]) -> re.Pattern[str]:
    """One alternation over the forms in the order given: what a name matcher must find."""
    alternation = "|".join("".join(_pieces(form)) for form in forms)
    return re.compile(rf"(?<![\w-])(?P<form>{alternation}){_AFTER}")


TEXTS = [path.read_text(encoding="utf-8") for path in
         [ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt", *sorted((ROOT / "examples").glob("*.txt"))]]


@pytest.mark.parametrize("matcher", [place_matcher("de"), actor_lexicon("de").institutions], ids=["places", "institutions"])
def test_name_matcher_finds_what_one_alternation_finds(matcher):
    reference = names_regex(list(matcher.forms))
    words = sorted({w for t in TEXTS for w in t.split()})
    for text in [*TEXTS, *words, "Deutschen Presse-Agentur", "der Vereinigten Staaten", "Essen essen", "X"]:
        found = [(s, e, m.text) for s, e, m in matcher.find(text)]
        expected = [(m.start(), m.end(), m.group(0)) for m in reference.finditer(text)
                    if matcher.canonical.get(_key(m.group("form")))]
        assert found == expected
        middle = slice(len(text) // 3, 2 * len(text) // 3)
        assert [(s, e) for s, e, _ in matcher.find(text, middle.start, middle.stop)] == \
               [m.span() for m in reference.finditer(text, middle.start, middle.stop)
                if matcher.canonical.get(_key(m.group("form")))]


TRICKY_FORMS = ["Deutsche", "Deutsche Welle", "Deutschen", "Deutsche Presse-Agentur", "Deutschlandfunk", "dpa",
                "staatliche Medien", "staatliche Nachrichtenagentur", "al-Qaida", "al-Qaida im Irak", "Hamas",
                "Hamas-Führung", "'s-Gravenhage", "UN", "UNO", "Vereinte Nationen", "EU", "n-tv", "ntv"]
TRICKY_TEXTS = ["Die Deutsche Welle und die Deutschen", "der Deutschen Presse-Agentur (dpa) zufolge",
                "laut staatlichen Medien und der staatlichen Nachrichtenagentur", "al-Qaida im Irak, al-Qaidas",
                "Hamas-Führung, Hamas-Kämpfer, Hamas.", "in 's-Gravenhage", "UNO-Sprecher, UN, UNO, EU-weit",
                "n-tv und ntv und xntv", "Deutsche\nWelle", "Deutschlandfunks Deutsche", "dpa dpa-AFX", "",
                "DeutscheWelle", "Vereinten Nationen", "staatliche  Medien", "der dpa", "ntv-"]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_name_matcher_agrees_with_the_alternation_on_tricky_forms(text):
    matcher = build_matcher([{"name": form} for form in TRICKY_FORMS], lambda entry: "organisation")
    reference = names_regex(list(matcher.forms))
    assert [(s, e, m.text) for s, e, m in matcher.find(text)] == \
           [(m.start(), m.end(), m.group(0)) for m in reference.finditer(text)]


@pytest.mark.parametrize("matcher", [place_matcher("de"), actor_lexicon("de").institutions], ids=["places", "institutions"])
def test_finding_in_each_text_at_once_finds_what_finding_in_one_at_a_time_does(matcher):
    texts = [sentence for text in TEXTS for sentence in text.split(". ")] + TRICKY_TEXTS
    assert matcher.find_each(texts) == [matcher.find(text) for text in texts]
    assert matcher.find_each([]) == []


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TRICKY_FORMS, "Deutsch", "en", "e", "s", "es", " ", "  ", "-", ".", "\n", "x",
                                 "Welle", "Medien", "Irak", "im", "(", ")"]), max_size=12))
def test_name_matcher_agrees_with_the_alternation_on_any_mix(pieces):
    text = "".join(pieces)
    matcher = build_matcher([{"name": form} for form in TRICKY_FORMS], lambda entry: "organisation")
    reference = names_regex(list(matcher.forms))
    assert [(s, e, m.text) for s, e, m in matcher.find(text)] == \
           [(m.start(), m.end(), m.group(0)) for m in reference.finditer(text)]
