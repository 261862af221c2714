"""Every rule's examples, of every language, run as tests: the text tagged against its reference
must hold an expression with the value (and span) the example expects."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.lang import Example, Rule, available_languages, load_language
from timeline.temporal import tag_text


def _rule_examples() -> list[tuple[str, Rule, Example]]:
    return [(code, rule, example)
            for code in available_languages()
            for rule in load_language(code).rules
            for example in rule.examples]


@pytest.mark.parametrize(
    ("lang", "rule", "example"), _rule_examples(),
    ids=lambda value: value.name if isinstance(value, Rule) else None)
def test_rule_example(lang: str, rule: Rule, example: Example) -> None:
    published = dt.date.fromisoformat(example.reference) if example.reference else None
    timexes = tag_text(example.text, published, lang=lang, mode=example.mode)
    if example.value is None:
        assert not timexes, f"{rule.name}: expected nothing in {example.text!r}, got {timexes}"
        return
    found = [(t.text, t.value) for t in timexes]
    matching = [t for t in timexes if t.value == example.value
                and (t.text == example.span if example.span else t.text in example.text)]
    assert matching, f"{rule.name}: {example.text!r} → {found}, expected {example.value} {example.span or ''}"
