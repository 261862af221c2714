"""The fast name matcher finds exactly what the plain regular expression it replaces would find
(the temporal rules' index: test_tagger_speed_equivalence.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.actor_lexicon import actor_lexicon
from timeline.extract.language_data import NameEntry
from timeline.extract.name_matcher import NameMatcher, build_matcher
from timeline.extract.places import name_inflection, place_matcher
from timeline.lang import load_language

ROOT = Path(__file__).resolve().parents[1]


def names_regex(matcher: NameMatcher) -> re.Pattern[str]:
    """One alternation over the matcher's forms, longest first: what the matcher must find."""
    inflection = matcher.inflection
    alternation = "|".join("".join(inflection.pieces(form)) for form in matcher.forms)
    return re.compile(rf"(?<![\w-])(?P<form>{alternation}){inflection.after}")


TEXTS = [path.read_text(encoding="utf-8") for path in
         [ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt", *sorted((ROOT / "examples").glob("*.txt"))]]


DE = load_language("de")
MATCHERS = [place_matcher(DE), actor_lexicon(DE).institutions]
TRICKY_FORMS = ["Deutsche", "Deutsche Welle", "Deutschen", "Deutsche Presse-Agentur", "Deutschlandfunk", "dpa",
                "staatliche Medien", "staatliche Nachrichtenagentur", "al-Qaida", "al-Qaida im Irak", "Hamas",
                "Hamas-Führung", "'s-Gravenhage", "UN", "UNO", "Vereinte Nationen", "EU", "n-tv", "ntv"]
TRICKY_TEXTS = ["Die Deutsche Welle und die Deutschen", "der Deutschen Presse-Agentur (dpa) zufolge",
                "laut staatlichen Medien und der staatlichen Nachrichtenagentur", "al-Qaida im Irak, al-Qaidas",
                "Hamas-Führung, Hamas-Kämpfer, Hamas.", "in 's-Gravenhage", "UNO-Sprecher, UN, UNO, EU-weit",
                "n-tv und ntv und xntv", "Deutsche\nWelle", "Deutschlandfunks Deutsche", "dpa dpa-AFX", "",
                "DeutscheWelle", "Vereinten Nationen", "staatliche  Medien", "der dpa", "ntv-"]


def _as_the_alternation_finds(matcher: NameMatcher, text: str) -> None:
    reference = names_regex(matcher)
    assert [(s, e, m.text) for s, e, m in matcher.find(text)] == \
           [(m.start(), m.end(), m.group(0)) for m in reference.finditer(text)
            if matcher.canonical.get(matcher.inflection.key(m.group("form")))]


def test_name_matchers_find_what_one_alternation_finds_in_the_reports() -> None:
    for matcher in MATCHERS:
        for text in [*TEXTS, *TRICKY_TEXTS]:
            _as_the_alternation_finds(matcher, text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TRICKY_FORMS, "Deutsch", "en", "e", "s", "es", " ", "  ", "-", ".", "\n", "x",
                                 "Welle", "Medien", "Irak", "im", "(", ")"]), max_size=12))
def test_name_matcher_finds_what_one_alternation_finds_in_any_mix(pieces: list[str]) -> None:
    matcher = build_matcher([(NameEntry(form, (), None, False), "organisation") for form in TRICKY_FORMS],
                            name_inflection(DE))
    _as_the_alternation_finds(matcher, "".join(pieces))


def test_finding_in_each_text_at_once_finds_what_finding_in_one_at_a_time_does() -> None:
    texts = [sentence for text in TEXTS for sentence in text.split(". ")] + TRICKY_TEXTS
    for matcher in MATCHERS:
        assert matcher.find_each(texts) == [matcher.find(text) for text in texts]
        assert matcher.find_each([]) == []
