"""Language resources: one folder per language, loaded on first use and cached.

A language folder holds only data: `lexicon.yaml` (normalization tables), `rules.yaml` and
`rules/*.yaml` (temporal rules, each with examples), `tense.yaml`, `segment.yaml`,
`actors.yaml` and `places.yaml`. The code here turns them into compiled patterns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Callable

from ruamel.yaml import YAML

from ..errors import InputError

_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_]+)(?:#(?P<index>\d+))?\}")
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")
FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Example:
    text: str
    reference: str | None
    value: str | None                 # expected TIMEX3 value; None: no expression must be found
    span: str | None = None           # expected text of the expression when not the whole example
    mode: str = "news"


@dataclass(frozen=True)
class Rule:
    """A pattern that finds an expression and the fields that describe its value."""

    name: str
    regex: re.Pattern[str]
    value: dict[str, Any]
    type: str | None = None
    reject: bool = False
    priority: int = 0                 # breaks ties between matches of equal length
    examples: tuple[Example, ...] = ()


@dataclass
class Language:
    code: str
    lexicon: dict[str, dict[str, Any]]
    token_normalizers: dict[str, Callable[[str], Any]]
    rules: list[Rule]
    abbreviations: frozenset[str]
    tense: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)   # other resources, e.g. actors, places

    def normalize(self, group: str, text: str) -> Any:
        """The value of a captured group: looked up in its table or converted by its token rule."""
        table_name = group.split("__")[0]
        key = " ".join(text.lower().split())
        if table_name in self.token_normalizers:
            try:
                return self.token_normalizers[table_name](key)
            except ValueError:
                return None
        table = self.lexicon.get(table_name)
        if table is None:
            return text
        return table.get(key, table.get(key.rstrip(".")))


def available_languages() -> list[str]:
    root = resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lexicon.yaml").is_file())


@functools.lru_cache(maxsize=None)
def load_language(code: str) -> Language:
    if code not in available_languages():
        raise InputError(f"unknown language {code!r} (available: {', '.join(available_languages())})")
    folder = resources.files(__package__) / code
    yaml = YAML(typ="safe", pure=True)

    def load(name: str) -> Any:
        path = folder / name
        return yaml.load(path.read_text(encoding="utf-8")) if path.is_file() else {}

    lexicon_data = load("lexicon.yaml")
    tokens = lexicon_data.pop("tokens", {})
    compound = lexicon_data.pop("number_compound", None)
    lexicon = {name: {str(k).lower(): v for k, v in table.items()} for name, table in lexicon_data.items()}
    if compound:
        lexicon["number_word"].update(_compound_numbers(compound))
    normalizers = {name: _token_normalizer(spec, lexicon) for name, spec in tokens.items()}
    alternations = {name: _alternation(table) for name, table in lexicon.items()}
    for name, spec in tokens.items():
        words = spec.get("words")
        alternations[name] = spec["regex"] + ("|" + alternations[words] if words else "")

    rule_docs = [load("rules.yaml")]
    rules_dir = folder / "rules"
    if rules_dir.is_dir():
        rule_docs += [yaml.load(p.read_text(encoding="utf-8"))
                      for p in sorted(rules_dir.iterdir(), key=lambda p: p.name) if p.name.endswith(".yaml")]
    rules = [_compile_rule(spec, alternations)
             for doc in rule_docs for spec in (doc or {}).get("rules", [])]
    return Language(
        code=code, lexicon=lexicon, token_normalizers=normalizers, rules=rules,
        abbreviations=frozenset(a.lower() for a in load("segment.yaml").get("abbreviations", [])),
        tense=load("tense.yaml"),
        data={"actors": load("actors.yaml"), "places": load("places.yaml")},
    )


def _compound_numbers(spec: dict[str, Any]) -> dict[str, int]:
    return {f"{unit}{spec['joiner']}{tens}": u + t
            for unit, u in spec["units"].items() for tens, t in spec["tens"].items()}


def _alternation(table: dict[str, Any]) -> str:
    forms = sorted(table, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms)


def _token_normalizer(spec: dict[str, Any], lexicon: dict[str, dict[str, Any]]) -> Callable[[str], Any]:
    kind = spec.get("normalize", "int")
    words = lexicon.get(spec.get("words", ""), {})
    if kind == "int":
        return int
    if kind == "year2":
        return lambda text: 2000 + int(text) if int(text) < 50 else 1900 + int(text)
    if kind == "number":
        def number(text: str) -> Any:
            if text in words:
                return words[text]
            value = float(text.replace(",", "."))
            return int(value) if value.is_integer() else value
        return number
    raise ValueError(f"unknown normalizer {kind!r}")


def _expand(pattern: str, alternations: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name, index = match["name"], match["index"]
        if name not in alternations:
            raise ValueError(f"unknown table {{{name}}} in pattern {pattern!r}")
        group = f"{name}__{index}" if index else name
        return f"(?P<{group}>{alternations[name]})"
    return _PLACEHOLDER.sub(replace, pattern)


def _compile_rule(spec: dict[str, Any], alternations: dict[str, str]) -> Rule:
    pattern = spec["pattern"]
    expanded = _expand(pattern, alternations)
    try:
        regex = re.compile(rf"(?<![\w.]){expanded}(?!\w)", FLAGS)
    except re.error as exc:
        raise ValueError(f"rule {spec['name']}: bad pattern: {exc}") from None
    examples = tuple(
        Example(text=str(e["text"]), reference=str(e["ref"]) if e.get("ref") else None,
                value=None if e.get("value") is None else str(e["value"]), span=e.get("span"),
                mode=e.get("mode", "news"))
        for e in spec.get("examples", []))
    return Rule(name=spec["name"], regex=regex, value=dict(spec.get("value") or {}), type=spec.get("type"),
                reject=bool(spec.get("reject")), priority=int(spec.get("priority", 0)),
                examples=examples)
