"""Reading a language folder: each temporal resource file through its checking reader, the other
resource files on first use."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from ..errors import InputError
from .checked import DataFile, check_keys, check_list
from .language import Language
from .lexicon import read_lexicon
from .rules import RuleReader

_PACKAGE = __package__ or "timeline.lang"
#: the keys of tense.yaml, as `temporal/tag.py` reads them
TENSE_REQUIRED = ("past_words", "perfect_auxiliaries", "future_words", "not_past", "participle_pattern",
                  "past_pattern")
TENSE_OPTIONAL = ("strong_past_forms", "verb_prefixes", "haben_auxiliaries", "inseparable_participle_pattern",
                  "adjective_leaders")


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
    reader = RuleReader(lexicon, lexicon_file)
    rules = [rule for name in rule_files if (folder / name).is_file() for rule in reader.read(load(name), file(name))]
    segment = check_keys(load("segment.yaml"), file("segment.yaml"), optional=("abbreviations",))
    abbreviations = check_list(segment.get("abbreviations", []), file("segment.yaml"), ["abbreviations"])
    tense = load("tense.yaml")
    if tense:
        check_keys(tense, file("tense.yaml"), required=TENSE_REQUIRED, optional=TENSE_OPTIONAL)
    return Language(
        code=code, lexicon=lexicon.tables, token_normalizers=lexicon.normalizers, rules=rules,
        abbreviations=frozenset(str(a).lower() for a in abbreviations), tense=tense,
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
