"""The readers of a language folder's temporal files: a correct folder loads, a fault is reported
with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.lang import read_language
from timeline.lang.checked import LanguageDataError
from timeline.segment import Segmentation
from timeline.temporal.tense import TenseWords

LEXICON = """\
tokens:
  day: {regex: '0?[1-9]|[12][0-9]|3[01]', normalize: int}
month:
  januar: 1
  februar: 2
daypart:
  abend: EV
"""
RULES = """\
rules:
- name: day_month
  pattern: '{day}\\\\.\\\\s*{month}'
  value: {month: '{month}', day: '{day}'}
  examples:
  - {text: 'am 3. Januar', ref: 2022-01-10, value: 2022-01-03, span: 3. Januar}
"""
MORE_RULES = """\
rules:
- name: evening
  pattern: 'am\\\\s+(?P<t>{daypart})'
  value: {daypart: '{daypart}'}
"""


def _folder(tmp_path: Path, lexicon: str = LEXICON, rules: str = RULES, more: str = MORE_RULES) -> Path:
    (tmp_path / "lexicon.yaml").write_text(lexicon, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "10-more.yaml").write_text(more, encoding="utf-8")
    return tmp_path


def _line(text: str, part: str) -> int:
    """The 1-based line of `text` on which `part` first appears."""
    return text[:text.index(part)].count("\n") + 1


def _fault(tmp_path: Path, **files: str) -> str:
    with pytest.raises(LanguageDataError) as caught:
        read_language(_folder(tmp_path, **files), "xx").rules        # the rules are read on first use
    return str(caught.value)


def test_a_correct_folder_loads(tmp_path: Path) -> None:
    language = read_language(_folder(tmp_path), "xx")
    assert [rule.name for rule in language.rules] == ["day_month", "evening"]
    assert [rule.value_kind for rule in language.rules] == ["day", "time_of_day"]
    assert language.rules[0].examples[0].reference == "2022-01-10"
    assert language.normalize("month", "Januar") == 1


def test_unknown_rule_key(tmp_path: Path) -> None:
    rules = RULES.replace("  examples:", "  priorty: 1\n  examples:")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, 'priorty')}: unknown key 'priorty'")


def test_missing_rule_key(tmp_path: Path) -> None:
    rules = RULES.replace("  pattern: '{day}\\\\.\\\\s*{month}'\n", "")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, '- name')}: missing key 'pattern'")


def test_missing_value(tmp_path: Path) -> None:
    more = MORE_RULES.replace("  value: {daypart: '{daypart}'}\n", "")
    message = _fault(tmp_path, more=more)
    assert message.startswith(f"xx/rules/10-more.yaml:{_line(more, '- name')}: missing key 'value'")


def test_unknown_value_field(tmp_path: Path) -> None:
    rules = RULES.replace("{month: '{month}', day:", "{monht: '{month}', day:")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, 'monht')}: unknown value field 'monht'")


def test_value_field_of_the_wrong_kind(tmp_path: Path) -> None:
    more = MORE_RULES.replace("{daypart: '{daypart}'}", "{daypart: EVENING}")
    message = _fault(tmp_path, more=more)
    assert message.startswith(f"xx/rules/10-more.yaml:{_line(more, 'EVENING')}: daypart 'EVENING' is not one of")


def test_table_value_a_field_does_not_know(tmp_path: Path) -> None:
    lexicon = LEXICON.replace("abend: EV", "abend: EVENING")
    message = _fault(tmp_path, lexicon=lexicon)
    assert message.startswith(f"xx/lexicon.yaml:{_line(lexicon, 'abend')}: table daypart gives 'EVENING' for "
                              f"'abend', but the field daypart it fills in xx/rules/10-more.yaml:4 is one of")


def test_fields_of_two_kinds(tmp_path: Path) -> None:
    more = MORE_RULES.replace("{daypart: '{daypart}'}", "{daypart: '{daypart}', weekend: true}")
    message = _fault(tmp_path, more=more)
    assert message.startswith(f"xx/rules/10-more.yaml:{_line(more, 'value:')}: field 'daypart' does not go "
                              "with a weekend value")


def test_template_naming_no_group(tmp_path: Path) -> None:
    rules = RULES.replace("day: '{day}'}", "day: '{day#2}'}")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, 'value:')}: {{day#2}} names no group of the pattern")


def test_type_that_contradicts_the_value(tmp_path: Path) -> None:
    rules = RULES.replace("  examples:", "  type: SET\n  examples:")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, 'value:')}: a day value cannot be of type SET")


def test_unknown_example_key(tmp_path: Path) -> None:
    rules = RULES.replace("ref: 2022-01-10", "reference: 2022-01-10")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, 'reference')}: unknown key 'reference'")


def test_unknown_example_mode(tmp_path: Path) -> None:
    rules = RULES.replace("span: 3. Januar}", "mode: story}")
    message = _fault(tmp_path, rules=rules)
    assert message.startswith(f"xx/rules.yaml:{_line(rules, 'mode')}: unknown mode 'story'")


def test_rule_name_used_twice(tmp_path: Path) -> None:
    more = MORE_RULES.replace("name: evening", "name: day_month")
    message = _fault(tmp_path, more=more)
    assert message.startswith(f"xx/rules/10-more.yaml:{_line(more, 'name:')}: rule 'day_month' is already in "
                              "xx/rules.yaml")


def test_unknown_table_in_pattern(tmp_path: Path) -> None:
    more = MORE_RULES.replace("(?P<t>{daypart})", "(?P<t>{dayparts})")
    message = _fault(tmp_path, more=more)
    assert message.startswith(f"xx/rules/10-more.yaml:{_line(more, 'pattern')}: unknown table {{dayparts}}")


def test_bad_pattern(tmp_path: Path) -> None:
    more = MORE_RULES.replace("(?P<t>{daypart})", "(?P<t>{daypart}")
    assert _fault(tmp_path, more=more).startswith(f"xx/rules/10-more.yaml:{_line(more, 'pattern')}: bad pattern")


def test_unknown_token_key(tmp_path: Path) -> None:
    lexicon = LEXICON.replace("normalize: int}", "normalise: int}")
    message = _fault(tmp_path, lexicon=lexicon)
    assert message.startswith(f"xx/lexicon.yaml:{_line(lexicon, 'normalise')}: unknown key 'normalise'")


def test_token_without_regex(tmp_path: Path) -> None:
    lexicon = LEXICON.replace("{regex: '0?[1-9]|[12][0-9]|3[01]', normalize: int}", "{normalize: int}")
    message = _fault(tmp_path, lexicon=lexicon)
    assert message.startswith(f"xx/lexicon.yaml:{_line(lexicon, 'day:')}: missing key 'regex'")


def test_unknown_normalizer(tmp_path: Path) -> None:
    lexicon = LEXICON.replace("normalize: int", "normalize: roman")
    message = _fault(tmp_path, lexicon=lexicon)
    assert message.startswith(f"xx/lexicon.yaml:{_line(lexicon, 'normalize')}: unknown normalizer 'roman'")


def test_table_that_is_not_a_mapping(tmp_path: Path) -> None:
    lexicon = LEXICON.replace("daypart:\n  abend: EV\n", "daypart: [abend]\n")
    message = _fault(tmp_path, lexicon=lexicon)
    assert message.startswith(f"xx/lexicon.yaml:{_line(lexicon, 'daypart')}: a table maps forms to values")


def test_number_compound_without_its_parts(tmp_path: Path) -> None:
    lexicon = LEXICON + "number_word:\n  eins: 1\nnumber_compound:\n  joiner: und\n  units: {ein: 1}\n"
    message = _fault(tmp_path, lexicon=lexicon)
    assert message.startswith(f"xx/lexicon.yaml:{_line(lexicon, 'number_compound')}: missing key 'tens'")


def test_unknown_tense_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    tense = ("past_words: [war]\nperfect_auxiliaries: [hat]\nfuture_words: [wird]\nnot_past: []\n"
             "participle_pattern: 'ge\\w+t'\npast_pattern: '\\w+te'\nfuture_word: [soll]\n")
    (folder / "tense.yaml").write_text(tense, encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"^xx/tense\.yaml:7: unknown key 'future_word'"):
        TenseWords.of(read_language(folder, "xx"))


def test_segment_yaml_faults_name_the_file_and_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "segment.yaml").write_text("abbreviations: bzw\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"^xx/segment\.yaml:1: "):
        Segmentation.of(read_language(folder, "xx"))
