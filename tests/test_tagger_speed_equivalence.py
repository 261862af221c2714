"""The tagger's shortcuts find exactly what the plain way would: the rule index (each rule tried only
where its matches may start) against one `finditer` per rule, and the trigger finder against
looking for each trigger word."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.lang import FLAGS, load_language
from timeline.temporal.match_starts import LOOKALIKES
from timeline.temporal.rule_index import RuleIndex, find_each_plainly, starts

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = load_language("de")
RULES = LANGUAGE.rules
INDEX = LANGUAGE.compiled(RuleIndex.of)
SHIPPED = (ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt").read_text(encoding="utf-8")
#: pieces of text: the rules' examples, words of the shipped report, characters that look alike
#: ignoring case, spaces of all kinds, a question mark (what non-ASCII characters are in the keys)
PIECES = sorted({e.text for rule in RULES for e in rule.examples} | set(SHIPPED.split()[:400])
                | {"ſeit", "\u212aW", "İm", "Jänner", "\u00a0", "\u2009", "\t", "\n", " ", "?", "8", "1.", "(", ")",
                   "AM", "MONTAG", "20er", "ab", "1990", "-", ".", ",", "zweimal", "x-mal", "pro"})
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=12).map(" ".join) | \
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans(), st.lists(st.booleans(), min_size=len(RULES), max_size=len(RULES)))
def test_the_index_finds_what_each_rule_finds(text, upper, active):
    text = text.upper() if upper else text
    expected = [(i, m.span(), m.groupdict()) for i, m in find_each_plainly(RULES, text, active)]
    assert [(i, m.span(), m.groupdict()) for i, m in INDEX.find_each(text, active)] == expected


def test_the_index_finds_what_each_rule_finds_in_the_shipped_report():
    active = [True] * len(RULES)
    assert [(i, m.span()) for i, m in INDEX.find_each(SHIPPED, active)] == \
           [(i, m.span()) for i, m in find_each_plainly(RULES, SHIPPED, active)]


def test_every_rule_knows_how_its_matches_begin():
    # "zweimal im Jahr": a match of per_year may begin with any word ending in "-mal", and is
    # found where what follows the word may begin
    assert [RULES[i].name for i in INDEX.unindexed] == []
    assert [RULES[i].name for i in INDEX.after_word] == ["per_year"]
    weekday = next(r for r in RULES if r.name == "weekday")
    assert {"monta", "mittw", "freit"} <= starts(weekday.regex)
    assert not any(start.startswith("xy") for start in starts(weekday.regex))
    plain = re.compile(r"(?<![\w.])(x?)y?\1", re.IGNORECASE)             # a back-reference: not told
    assert starts(plain) is None


def test_a_rule_with_an_optional_first_word_is_found_with_and_without_it():
    active = [True] * len(RULES)
    for text in ["zweimal im Jahr", "Zwei-mal  am Tag", "mal im Jahr", "einmal\u00a0im Monat", "dreimal\nim Jahr",
                 "im Jahr der Wahl", "x.einmal im Jahr", "Hundertmal,im Jahr", "vielmal  pro  Woche 5",
                 "(zweimal) im Jahr", "einmal im Jahr zweimal im Monat", "zweimal zweimal im Jahr", "ZWEIMAL IM JAHR"]:
        expected = [(i, m.span()) for i, m in find_each_plainly(RULES, text, active)]
        assert [(i, m.span()) for i, m in INDEX.find_each(text, active)] == expected, text


def test_only_the_lookalikes_match_ascii_ignoring_case():
    ascii_char = re.compile("[\x00-\x7f]", FLAGS)
    assert [c for c in map(chr, range(128, sys.maxunicode + 1)) if ascii_char.fullmatch(c)] == list(LOOKALIKES)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_triggers_held_are_those_whose_words_the_text_contains(text):
    triggers = {trigger for rule in RULES for trigger in rule.triggers}
    lowered = text.lower()
    assert LANGUAGE.triggers.held_by(lowered) == {t for t in triggers if any(w in lowered for w in t.words)}
