"""The fast matchers find exactly what the plain regular expressions they replace would find: the
temporal rules' index (temporal/scan.py) and the name matcher (extract/name_matcher.py)."""

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
from timeline.temporal import scan
from timeline.temporal.scan import prefixes

ROOT = Path(__file__).resolve().parents[1]


def names_regex(matcher: NameMatcher) -> re.Pattern[str]:
    """One alternation over the matcher's forms, longest first: what the matcher must find."""
    inflection = matcher.inflection
    alternation = "|".join("".join(inflection.pieces(form)) for form in matcher.forms)
    return re.compile(rf"(?<![\w-])(?P<form>{alternation}){inflection.after}")


TEXTS = [path.read_text(encoding="utf-8") for path in
         [ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt", *sorted((ROOT / "examples").glob("*.txt"))]]


def _found_by_the_index(rule, text):
    return [match for _rule, match in scan.Matcher(text).find_each(scan.RuleIndex([rule]), [True])]


def test_every_rule_but_one_knows_how_its_matches_begin():
    # "zweimal im Jahr": a match of per_year may begin with any word ending in "-mal"
    assert [rule.name for rule in load_language("de").rules if prefixes(rule.regex) is None] == ["per_year"]
    weekday = next(r for r in load_language("de").rules if r.name == "weekday")
    assert {"monta", "mittw", "freit"} <= prefixes(weekday.regex) and not any(p.startswith("xy") for p in prefixes(weekday.regex))


@pytest.mark.parametrize("rule", load_language("de").rules, ids=lambda rule: rule.name)
def test_matcher_finds_what_the_rule_finds(rule, monkeypatch):
    monkeypatch.setattr(scan, "PAYS_OFF", 0)
    texts = [*TEXTS, *(e.text for r in load_language("de").rules for e in r.examples)]
    texts += [t.upper() for t in texts[:3]] + ["", "2022", "ſeit Montag", "am 8. Januar 2022.", "(Mittwoch)", "8"]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in _found_by_the_index(rule, text)] == \
               [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]


def test_a_pattern_whose_first_characters_are_unknown_runs_as_it_is(monkeypatch):
    monkeypatch.setattr(scan, "PAYS_OFF", 0)
    rule = load_language("de").rules[0]
    plain = type(rule)(name="any", regex=re.compile(r"(?<![\w.])(x?)y?\1", re.I), value={})
    assert prefixes(plain.regex) is None
    assert [m.span() for m in _found_by_the_index(plain, "xx x")] == [m.span() for m in plain.regex.finditer("xx x")]


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
