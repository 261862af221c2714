"""Reading a language folder: one checking reader per file kind of the temporal resources
(lexicon.yaml and the rule files); the other resource files are read on first use and checked by
the stage that reads them.

lexicon.yaml holds the normalization tables that rule patterns name in braces ("{month}") and the
tokens better written as regular expressions ("{day}"); rules.yaml and rules/*.yaml hold the
temporal rules, each a pattern, the fields of its value (checked by `rule_values`) and examples
that run as tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from typing import Any, NamedTuple

from ruamel.yaml import YAML

from ..errors import InputError
from .checked import DataFile, check_keys, check_list, check_mapping
from .language import FLAGS, MODES, Example, Language, Rule
from .patterns import PLACEHOLDER, alternation
from .rule_values import TYPES, ValueChecker
from .triggers import Trigger, required_words

_PACKAGE = __package__ or "timeline.lang"


def available_languages() -> list[str]:
    root = resources.files(_PACKAGE)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lexicon.yaml").is_file())


@functools.cache
def load_language(code: str) -> Language:
    """The language `code` of this package, read once per process."""
    if code not in available_languages():
        raise InputError(f"unknown language {code!r} (available: {', '.join(available_languages())})")
    return read_language(resources.files(_PACKAGE) / code, code)


def read_language(folder: Any, code: str) -> Language:
    """The language in `folder` (a path or `importlib.resources` entry), its files checked."""
    yaml = YAML(typ="safe")          # ruamel.yaml.clib's C parser when installed (~5× faster), else pure Python

    def load(name: str) -> Any:
        path = folder / name
        return yaml.load(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def file(name: str) -> DataFile:
        return DataFile(folder / name, f"{code}/{name}")

    lexicon_file = file("lexicon.yaml")
    lexicon = read_lexicon(load("lexicon.yaml"), lexicon_file)
    rule_files = ["rules.yaml"]
    rules_dir = folder / "rules"
    if rules_dir.is_dir():
        rule_files += [f"rules/{p.name}" for p in sorted(rules_dir.iterdir(), key=lambda p: p.name)
                       if p.name.endswith(".yaml")]

    def read_rules() -> list[Rule]:
        reader = RuleReader(lexicon, lexicon_file)
        return [rule for name in rule_files if (folder / name).is_file()
                for rule in reader.read(load(name), file(name))]
    # tense.yaml and segment.yaml are checked by their readers (`temporal.tense`, `segment`)
    return Language(
        code=code, lexicon=lexicon.tables, token_normalizers=lexicon.normalizers, read_rules=read_rules,
        tense=load("tense.yaml"),
        data=_LazyResources(folder, load),
        folder=folder,
    )


class _LazyResources(Mapping[str, Any]):
    """The language folder's other resource files (`actors` → actors.yaml, `figures` → figures.yaml
    …), each read on first use: the tagger does not need them."""

    _OWN = frozenset({"lexicon", "rules", "tense", "segment"})

    def __init__(self, folder: Any, load: Callable[[str], Any]):
        self._names = sorted(p.name[:-5] for p in folder.iterdir()
                             if p.name.endswith(".yaml") and p.name[:-5] not in self._OWN)
        self._load = load
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = self._load(f"{name}.yaml")
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


# lexicon.yaml

#: top-level keys that are not tables
TOKENS, NUMBER_COMPOUND = "tokens", "number_compound"
#: how a token's text becomes its value
NORMALIZERS = ("int", "number")


class Lexicon(NamedTuple):
    tables: dict[str, dict[str, Any]]            # table → lower-cased form → value
    normalizers: dict[str, Callable[[str], Any]]  # token → its text to its value
    alternations: dict[str, str]                 # table or token → the regular expression "{name}" stands for
    trigger_words: dict[str, frozenset[str]]     # table → the longest word of each form


def read_lexicon(data: Any, file: DataFile) -> Lexicon:
    """The lexicon from the contents of lexicon.yaml, each part checked."""
    data = check_mapping(data, file)
    tokens = check_mapping(data.get(TOKENS, {}), file, [TOKENS])
    raw_tables = {name: table for name, table in data.items() if name not in (TOKENS, NUMBER_COMPOUND)}
    for name, table in raw_tables.items():
        if not isinstance(table, dict) or not table:
            raise file.fail([name], "a table maps forms to values: expected a non-empty mapping")
        if name in tokens:
            raise file.fail([name], f"{name!r} is a token and a table")
    tables = {name: {str(k).lower(): v for k, v in table.items()} for name, table in raw_tables.items()}
    if NUMBER_COMPOUND in data:
        compound = _check_compound(data[NUMBER_COMPOUND], file, tables)
        tables["number_word"].update(_compound_numbers(compound))
    for name, spec in tokens.items():
        _check_token(spec, file, [TOKENS, name], tables)
    normalizers = {name: _token_normalizer(spec, tables) for name, spec in tokens.items()}
    alternations = {name: alternation(table) for name, table in tables.items()}
    for name, spec in tokens.items():
        words = spec.get("words")
        alternations[name] = spec["regex"] + ("|" + alternations[words] if words else "")
    trigger_words = {name: frozenset(max(str(form).split(), key=len) for form in table)
                     for name, table in tables.items()}
    return Lexicon(tables, normalizers, alternations, trigger_words)


def _check_token(spec: Any, file: DataFile, where: list[str | int], tables: Mapping[str, Any]) -> None:
    check_keys(spec, file, where, required=("regex",), optional=("normalize", "words"))
    if not isinstance(spec["regex"], str):          # a faulty one fails in the patterns of the rules that use it
        raise file.fail([*where, "regex"], "a token's regex is a regular expression in a text")
    if spec.get("normalize", "int") not in NORMALIZERS:
        raise file.fail([*where, "normalize"], f"unknown normalizer {spec['normalize']!r} "
                                               f"(expected one of: {', '.join(NORMALIZERS)})")
    if "words" in spec and spec["words"] not in tables:
        raise file.fail([*where, "words"], f"no table {spec['words']!r}")


def _check_compound(spec: Any, file: DataFile, tables: Mapping[str, Any]) -> Mapping[str, Any]:
    check_keys(spec, file, [NUMBER_COMPOUND], required=("joiner", "units", "tens"))
    for part in ("units", "tens"):
        if not isinstance(spec[part], dict):
            raise file.fail([NUMBER_COMPOUND, part], "expected a mapping of number words to numbers")
    if "number_word" not in tables:
        raise file.fail([NUMBER_COMPOUND], "compound numbers join the table number_word, which is missing")
    return spec


def _compound_numbers(spec: Mapping[str, Any]) -> dict[str, int]:
    return {f"{unit}{spec['joiner']}{tens}": u + t
            for unit, u in spec["units"].items() for tens, t in spec["tens"].items()}


def _token_normalizer(spec: Mapping[str, Any], tables: dict[str, dict[str, Any]]) -> Callable[[str], Any]:
    if spec.get("normalize", "int") == "int":
        return int
    words = tables.get(spec.get("words", ""), {})

    def number(text: str) -> Any:
        if text in words:
            return words[text]
        value = float(text.replace(",", "."))
        return int(value) if value.is_integer() else value
    return number


# rules.yaml and rules/*.yaml

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
            return re.compile(rf"(?<![\w.]){PLACEHOLDER.sub(replace, pattern)}(?!\w)", FLAGS)
        except re.error as exc:
            raise file.fail(where, f"bad pattern: {exc}") from None


def _example(spec: Any, file: DataFile, where: list[str | int]) -> Example:
    spec = check_keys(spec, file, where, required=EXAMPLE_REQUIRED, optional=EXAMPLE_OPTIONAL)
    for key in ("text", "span"):
        if key in spec and not isinstance(spec[key], str):
            raise file.fail([*where, key], f"the {key} of an example is a text, not {spec[key]!r}")
    mode = spec.get("mode", "news")
    if mode not in MODES:
        raise file.fail([*where, "mode"], f"unknown mode {mode!r} (expected one of: {', '.join(MODES)})")
    return Example(text=spec["text"], reference=str(spec["ref"]) if spec.get("ref") else None,
                   value=None if spec["value"] is None else str(spec["value"]), span=spec.get("span"), mode=mode)
