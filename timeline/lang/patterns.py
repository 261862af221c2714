"""Regular expressions built from word lists: one alternation as a trie, so that each letter is
tried once and the longest form wins."""

from __future__ import annotations

import re
from typing import Any


def alternation(table: dict[str, Any]) -> str:
    """A regular expression for the forms of a table, as a trie: it tries each letter once, longest first."""
    trie: dict[str, Any] = {}
    for form in table:
        node = trie
        for char in " ".join(str(form).split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return trie_pattern(trie)


def trie_pattern(node: dict[str, Any]) -> str:
    """The alternation below one trie node; "" marks a form that may end there."""
    branches = [(r"\s+" if char == " " else re.escape(char)) + trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 and len(branches[0]) > 1 else body + "?"
