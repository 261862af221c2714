"""The tagger's shortcuts find exactly what the plain way would: the rule index, the trigger finder,
the spelled-out character classes and the tense flags."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from timeline.lang import FLAGS, load_language
from timeline.temporal import scan
from timeline.temporal.tag import _WORD, detect_tense

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [path.read_text(encoding="utf-8") for path in
         [ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt", *sorted((ROOT / "examples").glob("*.txt"))]]
#: characters that look alike ignoring case, spaces of all kinds, a question mark (what non-ASCII
#: characters are in the keys) and text ending right after a possible start
ODD = ["ſeit Montag", "\u212aW 12", "İm Jänner", "am\u00a08.\u2009Januar", "am  8.\tJanuar\n2022", "Mai?", "8",
       "(Mittwoch)", "1.", "AM MONTAG", "vor 3 Tagen", "20er", "ab 1990"]


def rules_text() -> list[str]:
    return [e.text for rule in load_language("de").rules for e in rule.examples]


def test_all_rules_at_once_find_what_each_finds(monkeypatch):
    monkeypatch.setattr(scan, "PAYS_OFF", 0)
    rules = load_language("de").rules
    index = scan.RuleIndex(rules)
    for text in [*TEXTS, *rules_text(), *ODD, *(t.upper() for t in TEXTS)]:
        expected = [(i, m.span(), m.groupdict()) for i, rule in enumerate(rules) for m in rule.regex.finditer(text)]
        found = scan.Matcher(text).find_each(index, [True] * len(rules))
        assert [(i, m.span(), m.groupdict()) for i, m in found] == expected


def test_inactive_rules_find_nothing(monkeypatch):
    monkeypatch.setattr(scan, "PAYS_OFF", 0)
    rules = load_language("de").rules
    active = [i % 2 == 0 for i in range(len(rules))]
    found = scan.Matcher(TEXTS[0]).find_each(scan.RuleIndex(rules), active)
    assert found and all(active[i] for i, _ in found)


def test_prefixes_are_five_characters_where_few():
    weekday = next(r for r in load_language("de").rules if r.name == "weekday")
    found = scan.prefixes(weekday.regex)
    assert {"monta", "diens"} <= found and not any(p.startswith("xy") for p in found)


@pytest.mark.parametrize("text", ["Montag", "montag", "MONTAG"])
def test_a_key_picks_its_rules_whatever_the_case(text):
    index = scan.RuleIndex(load_language("de").rules)
    index.unindexed
    key = text.lower()[:scan.KEY_LENGTH]
    assert "weekday" in {index.rules[i].name for i in index.rules_at(key)}


def test_only_the_lookalikes_match_ascii_ignoring_case():
    ascii_char = re.compile("[\x00-\x7f]", FLAGS)
    assert [c for c in map(chr, range(128, sys.maxunicode + 1)) if ascii_char.fullmatch(c)] == list(scan._LOOKALIKES)


def test_the_word_class_is_the_letters_ignoring_case():
    letter, spelled = re.compile("[a-zäöüß]", re.IGNORECASE), re.compile(_WORD.pattern.rstrip("+"))
    assert all(bool(letter.fullmatch(c)) == bool(spelled.fullmatch(c)) for c in map(chr, range(sys.maxunicode + 1)))


def test_triggers_held_are_those_whose_words_the_text_contains():
    language = load_language("de")
    triggers = {trigger for rule in language.rules for trigger in rule.triggers}
    for text in [*TEXTS, *rules_text(), *ODD, "montagabend", "jahrestag", "tagelang jahrzehntelang", ""]:
        lowered = text.lower()
        assert language.triggers.held_by(lowered) == {t for t in triggers if any(w in lowered for w in t.words)}


@pytest.mark.parametrize("sentence, tense", [
    ("Die Polizei nahm am Montag drei Männer fest.", "past"),
    ("Am Montag protestierten Hunderte.", "past"),
    ("Mit ernsthaften Verhandlungen ist zu rechnen.", "present"),
    ("Die Regierung wird am Montag entscheiden.", "future"),
    ("MORGEN WIRD GEWÄHLT.", "future"),
])
def test_detect_tense_reads_case_as_before(sentence, tense):
    assert detect_tense(sentence) == tense
