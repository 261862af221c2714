"""lexicon.yaml: the normalization tables that rule patterns name in braces ("{month}"), and the
tokens better written as regular expressions ("{day}")."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .checked import DataFile, check_keys, check_mapping
from .patterns import alternation

#: top-level keys that are not tables
TOKENS, NUMBER_COMPOUND = "tokens", "number_compound"
#: how a token's text becomes its value
NORMALIZERS = ("int", "number")


@dataclass(frozen=True)
class Lexicon:
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
        if not isinstance(table, Mapping) or not table:
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
    try:
        re.compile(spec["regex"])
    except (re.error, TypeError) as exc:
        raise file.fail([*where, "regex"], f"bad regular expression: {exc}") from None
    if spec.get("normalize", "int") not in NORMALIZERS:
        raise file.fail([*where, "normalize"], f"unknown normalizer {spec['normalize']!r} "
                                               f"(expected one of: {', '.join(NORMALIZERS)})")
    if "words" in spec and spec["words"] not in tables:
        raise file.fail([*where, "words"], f"no table {spec['words']!r}")


def _check_compound(spec: Any, file: DataFile, tables: Mapping[str, Any]) -> Mapping[str, Any]:
    check_keys(spec, file, [NUMBER_COMPOUND], required=("joiner", "units", "tens"))
    for part in ("units", "tens"):
        if not isinstance(spec[part], Mapping):
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
