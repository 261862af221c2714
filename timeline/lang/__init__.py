"""Language resources: one folder per language, loaded on first use and cached.

A language folder holds only data: `lexicon.yaml` (normalization tables), `rules.yaml` and
`rules/*.yaml` (temporal rules, each with examples), `tense.yaml`, `segment.yaml`,
and resource files for the extractors (`actors.yaml`, `places.yaml`, …), each available as
`Language.data[name]`. The code here turns them into compiled patterns.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Callable, Iterator, Mapping, TypeVar

from ruamel.yaml import YAML

from ..errors import InputError
from .checked import DataFile
from .triggers import Trigger, TriggerFinder, required_words
from .patterns import alternation

T = TypeVar("T")

_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*)(?:#(?P<index>\d+))?\}")
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
    #: the text must contain a word of each, or the rule cannot match (rules share equal triggers)
    triggers: tuple[Trigger, ...] = ()


@dataclass
class Language:
    code: str
    lexicon: dict[str, dict[str, Any]]
    token_normalizers: dict[str, Callable[[str], Any]]
    rules: list[Rule]
    abbreviations: frozenset[str]
    tense: dict[str, Any]
    data: Mapping[str, Any] = field(default_factory=dict)   # other resources, e.g. actors, places
    #: what stages compile from this language's data, by the function that builds it (`compiled`)
    _compiled: dict[Callable[["Language"], Any], Any] = field(default_factory=dict, repr=False, compare=False)

    def compiled(self, build: Callable[["Language"], T]) -> T:
        """What `build` makes of this language's data, built once per Language object: the one
        place where stages keep what they compile per language (no module-level caches)."""
        try:
            return self._compiled[build]
        except KeyError:
            made = self._compiled[build] = build(self)
            return made

    def file(self, name: str) -> DataFile:
        """The resource file `name` (`"actors"` → actors.yaml), for checks that point at its lines."""
        return DataFile(resources.files(__package__) / self.code / f"{name}.yaml", f"{self.code}/{name}.yaml")

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

    @functools.cached_property
    def triggers(self) -> TriggerFinder:
        """The rules' triggers: a rule cannot match a text that does not hold all of its own."""
        return TriggerFinder(trigger for rule in self.rules for trigger in rule.triggers)


def available_languages() -> list[str]:
    root = resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lexicon.yaml").is_file())


@functools.lru_cache(maxsize=None)
def load_language(code: str) -> Language:
    if code not in available_languages():
        raise InputError(f"unknown language {code!r} (available: {', '.join(available_languages())})")
    folder = resources.files(__package__) / code
    yaml = YAML(typ="safe")          # ruamel.yaml.clib's C parser when installed (~5× faster), else pure Python

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
    alternations = {name: alternation(table) for name, table in lexicon.items()}
    for name, spec in tokens.items():
        words = spec.get("words")
        alternations[name] = spec["regex"] + ("|" + alternations[words] if words else "")

    rule_docs = [load("rules.yaml")]
    rules_dir = folder / "rules"
    if rules_dir.is_dir():
        rule_docs += [yaml.load(p.read_text(encoding="utf-8"))
                      for p in sorted(rules_dir.iterdir(), key=lambda p: p.name) if p.name.endswith(".yaml")]
    trigger_words = {name: frozenset(max(str(form).split(), key=len) for form in table)
                     for name, table in lexicon.items() if name not in tokens}
    shared: dict[frozenset[str], Trigger] = {}
    rules = [_compile_rule(spec, alternations, trigger_words, shared)
             for doc in rule_docs for spec in (doc or {}).get("rules", [])]
    return Language(
        code=code, lexicon=lexicon, token_normalizers=normalizers, rules=rules,
        abbreviations=frozenset(a.lower() for a in load("segment.yaml").get("abbreviations", [])),
        tense=load("tense.yaml"),
        data=_LazyResources(folder, load),
    )


class _LazyResources(Mapping[str, Any]):
    """The language folder's other resource files (`actors` → actors.yaml, `figures` → figures.yaml
    …), each read on first use: the tagger does not need them."""

    _OWN = {"lexicon", "rules", "tense", "segment"}

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


def _compound_numbers(spec: dict[str, Any]) -> dict[str, int]:
    return {f"{unit}{spec['joiner']}{tens}": u + t
            for unit, u in spec["units"].items() for tens, t in spec["tens"].items()}


def _token_normalizer(spec: dict[str, Any], lexicon: dict[str, dict[str, Any]]) -> Callable[[str], Any]:
    kind = spec.get("normalize", "int")
    words = lexicon.get(spec.get("words", ""), {})
    if kind == "int":
        return int
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


def _compile_rule(spec: dict[str, Any], alternations: dict[str, str],
                  trigger_words: dict[str, frozenset[str]], shared: dict[frozenset[str], Trigger]) -> Rule:
    """A rule from its spec; `shared` holds the triggers made so far, one object per word set."""
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
                examples=examples, triggers=tuple(shared.setdefault(words, Trigger.of(words))
                                                  for words in required_words(pattern, trigger_words)))
