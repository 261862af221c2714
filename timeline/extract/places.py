"""Places from the language's gazetteer, German exonyms and other names alike."""

from __future__ import annotations

import functools
from typing import Sequence

from ..lang import load_language
from ..model import Mention
from .names import NameMatcher, build_matcher


@functools.lru_cache(maxsize=None)
def place_matcher(lang: str) -> NameMatcher:
    data = load_language(lang).data["places"] or {}
    return build_matcher(data.get("places", []) or [], lambda e: "place")


def find_places(sentences: Sequence[str], lang: str = "de") -> list[list[Mention]]:
    """The places each sentence names, each once, looked for in all sentences at once."""
    return [_each_once(found) for found in place_matcher(lang).find_each(sentences)]


def _each_once(found: list[tuple[int, int, Mention]]) -> list[Mention]:
    first: dict[str, Mention] = {}
    for _start, _end, mention in found:
        first.setdefault(mention.name, mention)
    return list(first.values())
