"""Checking language data against the shape its reader expects, with the file and line of a fault.

Language files are read with the fast safe loader, which keeps no line numbers; only when a check
fails is the file read again with line information, so a correct file costs nothing extra.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML, YAMLError

from ..errors import InputError


class LanguageDataError(InputError):
    """A language resource file does not have the shape its reader expects."""


class DataFile:
    """One resource file of a language folder (anything with `name` and `read_text`, as
    `importlib.resources` gives it), for pointing at the line of a fault."""

    def __init__(self, path: Any, label: str):
        self.path = path
        self.label = label              # e.g. "de/actors.yaml"

    def line_of(self, where: Sequence[str | int]) -> int | None:
        """The 1-based line of the node at `where` (keys and list indexes from the top), or of
        the nearest node above it that exists."""
        try:
            node: Any = YAML(typ="rt").load(self.path.read_text(encoding="utf-8"))   # nodes know their lines
        except (YAMLError, OSError, ValueError):   # the safe loader read it; a second opinion is not needed
            return None
        line = 1
        for step in where:
            try:
                lines = node.lc                        # a scalar has none: the walk ends there
                line = (lines.key(step) if isinstance(node, Mapping) else lines.item(step))[0] + 1
                node = node[step]
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        return line

    def fail(self, where: Sequence[str | int], message: str) -> LanguageDataError:
        line = self.line_of(where)
        location = f"{self.label}:{line}" if line else self.label
        inside = "/".join(str(step) for step in where)
        return LanguageDataError(f"{location}: {message}" + (f" (at {inside})" if inside else ""))


def check_keys(data: Any, file: DataFile, where: Sequence[str | int] = (), *,
               required: Collection[str] = (), optional: Collection[str] = ()) -> Mapping[str, Any]:
    """`data` as a mapping with all `required` keys and no key outside `required` and `optional`."""
    if not isinstance(data, dict):            # what YAML mappings load as
        raise file.fail(where, f"expected a mapping, found {type(data).__name__}")
    for key in data:
        if key not in required and key not in optional:
            expected = ", ".join(sorted({*required, *optional}))
            raise file.fail([*where, key], f"unknown key {key!r} (expected one of: {expected})")
    for key in required:
        if key not in data:
            raise file.fail(where, f"missing key {key!r}")
    return data


def check_list(data: Any, file: DataFile, where: Sequence[str | int] = ()) -> list[Any]:
    if not isinstance(data, list):
        raise file.fail(where, f"expected a list, found {type(data).__name__}")
    return data


def check_mapping(data: Any, file: DataFile, where: Sequence[str | int] = ()) -> Mapping[str, Any]:
    """`data` as a mapping of any keys (a table)."""
    if not isinstance(data, dict):            # what YAML mappings load as
        raise file.fail(where, f"expected a mapping, found {type(data).__name__}")
    return data


def check_words(data: Any, file: DataFile, where: Sequence[str | int], *, phrases: bool = False) -> list[str]:
    """`data` as a list of words (with `phrases`, of words or phrases: blank is refused too)."""
    what = "a word or phrase" if phrases else "a word"
    words = check_list(data, file, where)
    for number, word in enumerate(words):
        if not isinstance(word, str) or not (word.strip() if phrases else word):
            raise file.fail([*where, number], f"expected {what}, found {word!r}")
    return words
