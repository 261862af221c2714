"""rules.yaml and rules/*.yaml: temporal rules, each a pattern, the fields of its value and examples
that run as tests."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .checked import DataFile, check_keys, check_list
from .language import FLAGS, MODES, Example, Rule
from .lexicon import Lexicon
from .rule_values import TYPES, ValueChecker
from .triggers import Trigger, required_words

_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*)(?:#(?P<index>\d+))?\}")
RULE_REQUIRED, RULE_OPTIONAL = ("name", "pattern"), ("value", "type", "priority", "reject", "examples")
EXAMPLE_REQUIRED, EXAMPLE_OPTIONAL = ("text", "value"), ("ref", "span", "mode")


class RuleReader:
    """Reads the rule files of one language in order; rules with equal triggers share them."""

    def __init__(self, lexicon: Lexicon, lexicon_file: DataFile):
        self.lexicon = lexicon
        self._values = ValueChecker(lexicon.tables, lexicon_file)
        self._triggers: dict[frozenset[str], Trigger] = {}
        self._names: dict[str, str] = {}          # rule name → the file that has it

    def read(self, data: Any, file: DataFile) -> list[Rule]:
        """The rules of one file's contents."""
        data = check_keys(data, file, required=("rules",))
        specs = check_list(data["rules"], file, ["rules"])
        return [self._rule(spec, file, ["rules", i]) for i, spec in enumerate(specs)]

    def _rule(self, spec: Any, file: DataFile, where: list[str | int]) -> Rule:
        spec = check_keys(spec, file, where, required=RULE_REQUIRED, optional=RULE_OPTIONAL)
        name = spec["name"]
        if not isinstance(name, str) or not name:
            raise file.fail([*where, "name"], "a rule's name is a non-empty text")
        if name in self._names:
            raise file.fail([*where, "name"], f"rule {name!r} is already in {self._names[name]}")
        self._names[name] = file.label
        regex = self._regex(spec["pattern"], file, [*where, "pattern"])
        rule_type = spec.get("type")
        if rule_type is not None and rule_type not in TYPES:
            raise file.fail([*where, "type"], f"unknown type {rule_type!r} (expected one of: {', '.join(TYPES)})")
        priority = spec.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise file.fail([*where, "priority"], f"a priority is a whole number, not {priority!r}")
        reject = spec.get("reject", False)
        if not isinstance(reject, bool):
            raise file.fail([*where, "reject"], f"reject is true or false, not {reject!r}")
        value: dict[str, Any] = {}
        kind = None
        if reject:
            if "value" in spec:
                raise file.fail([*where, "value"], "a rejecting rule finds nothing and has no value")
        elif "value" not in spec:
            raise file.fail(where, "missing key 'value'")
        else:
            kind = self._values.kind_of(spec["value"], rule_type, file, [*where, "value"], regex.groupindex)
            value = dict(spec["value"])
        examples = tuple(_example(e, file, [*where, "examples", i])
                         for i, e in enumerate(check_list(spec.get("examples", []), file, [*where, "examples"])))
        triggers = tuple(self._triggers.setdefault(words, Trigger.of(words))
                         for words in required_words(spec["pattern"], self.lexicon.trigger_words))
        return Rule(name=name, regex=regex, value=value, type=rule_type, reject=reject, priority=priority,
                    examples=examples, triggers=triggers, value_kind=kind)

    def _regex(self, pattern: Any, file: DataFile, where: list[str | int]) -> re.Pattern[str]:
        if not isinstance(pattern, str):
            raise file.fail(where, "a pattern is a regular expression in a text")
        alternations = self.lexicon.alternations

        def replace(match: re.Match[str]) -> str:
            name, index = match["name"], match["index"]
            if name not in alternations:
                raise file.fail(where, f"unknown table {{{name}}} in the pattern")
            group = f"{name}__{index}" if index else name
            return f"(?P<{group}>{alternations[name]})"
        try:
            return re.compile(rf"(?<![\w.]){_PLACEHOLDER.sub(replace, pattern)}(?!\w)", FLAGS)
        except re.error as exc:
            raise file.fail(where, f"bad pattern: {exc}") from None


def _example(spec: Any, file: DataFile, where: list[str | int]) -> Example:
    spec = check_keys(spec, file, where, required=EXAMPLE_REQUIRED, optional=EXAMPLE_OPTIONAL)
    for key, kinds in (("text", (str,)), ("span", (str,)), ("ref", (str, dt.date)),
                       ("value", (str, int, dt.date, type(None)))):
        if key in spec and not isinstance(spec[key], kinds):
            raise file.fail([*where, key], f"unexpected {key} {spec[key]!r}")
    mode = spec.get("mode", "news")
    if mode not in MODES:
        raise file.fail([*where, "mode"], f"unknown mode {mode!r} (expected one of: {', '.join(MODES)})")
    return Example(text=spec["text"], reference=str(spec["ref"]) if spec.get("ref") else None,
                   value=None if spec["value"] is None else str(spec["value"]), span=spec.get("span"), mode=mode)
