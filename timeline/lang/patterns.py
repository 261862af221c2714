"""Regular expressions built from word lists: one alternation as a trie, so that each letter is
tried once and the longest form wins."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: a table named in a rule pattern: "{month}", "{month#2}" for a second one
PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*)(?:#(?P<index>\d+))?\}")


def alternation(forms: Iterable[Any]) -> str:
    """A regular expression for forms (a list, or the keys of a table), as a trie: it tries each
    letter once, longest first; a form given twice counts once."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in " ".join(str(form).split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return trie_pattern(trie)


#: how a letter of a form is written in a pattern (re.escape, worked out once for ASCII); a space
#: stands for any white space
_WRITTEN = {**{chr(i): re.escape(chr(i)) for i in range(128)}, " ": r"\s+"}


def trie_pattern(node: dict[str, Any]) -> str:
    """The alternation below one trie node; "" marks a form that may end there."""
    chain = []
    while len(node) == 1 and "" not in node:     # a run of single letters is just those letters
        ((char, node),) = node.items()
        chain.append(_WRITTEN.get(char) or re.escape(char))
    branches = [(_WRITTEN.get(char) or re.escape(char)) + trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    return "".join(chain) + _alternatives(node, branches)


def _alternatives(node: dict[str, Any], branches: list[str]) -> str:
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 and len(branches[0]) > 1 else body + "?"
