"""The compiled language: its normalization tables, temporal rules and other resource files."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .checked import DataFile
from .triggers import Trigger, TriggerFinder

T = TypeVar("T")

FLAGS = re.IGNORECASE
#: how a text is told: news date from the publication, a narrative from the date last mentioned
MODES = ("news", "narrative")


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
    #: field → literal or template ("{table}"), checked against `rule_values.VALUE_FIELDS` on loading
    value: Mapping[str, Any]
    type: str | None = None
    reject: bool = False
    priority: int = 0                 # breaks ties between matches of equal length
    examples: tuple[Example, ...] = ()
    #: the text must contain a word of each, or the rule cannot match (rules share equal triggers)
    triggers: tuple[Trigger, ...] = ()
    #: the kind of value its fields make (`rule_values.VALUE_KINDS`); None for a rejecting rule
    value_kind: str | None = None


@dataclass
class Language:
    code: str
    lexicon: dict[str, dict[str, Any]]
    token_normalizers: dict[str, Callable[[str], Any]]
    #: reads and checks the temporal rules: on first use of `rules`, as only the tagger needs them
    read_rules: Callable[[], list[Rule]]
    tense: dict[str, Any]
    data: Mapping[str, Any] = field(default_factory=dict)   # other resources, e.g. actors, places
    folder: Any = None                # the language folder (a path or `importlib.resources` entry)
    #: what stages compile from this language's data, by the function that builds it (`compiled`)
    _compiled: dict[Callable[[Language], Any], Any] = field(default_factory=dict, repr=False, compare=False)

    def compiled(self, build: Callable[[Language], T]) -> T:
        """What `build` makes of this language's data, built once per Language object: the one
        place where stages keep what they compile per language (no module-level caches)."""
        try:
            return self._compiled[build]
        except KeyError:
            made = self._compiled[build] = build(self)
            return made

    def file(self, name: str) -> DataFile:
        """The resource file `name` (`"actors"` → actors.yaml), for checks that point at its lines."""
        return DataFile(self.folder / f"{name}.yaml", f"{self.code}/{name}.yaml")

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
    def rules(self) -> list[Rule]:
        """The temporal rules, compiled (about two thirds of what loading a language costs)."""
        return self.read_rules()

    @functools.cached_property
    def triggers(self) -> TriggerFinder:
        """The rules' triggers: a rule cannot match a text that does not hold all of its own."""
        return TriggerFinder(trigger for rule in self.rules for trigger in rule.triggers)
