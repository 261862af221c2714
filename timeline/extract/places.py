"""Places from the language's gazetteer, German exonyms and other names alike."""

from __future__ import annotations

import functools

from ..lang import load_language
from ..model import Mention
from .names import NameMatcher, build_matcher


@functools.lru_cache(maxsize=None)
def place_matcher(lang: str) -> NameMatcher:
    data = load_language(lang).data["places"] or {}
    return build_matcher(data.get("places", []) or [], lambda e: "place")


def find_places(sentence: str, lang: str = "de") -> list[Mention]:
    seen: set[str] = set()
    places = []
    for _start, _end, mention in place_matcher(lang).find(sentence):
        if mention.name not in seen:
            seen.add(mention.name)
            places.append(mention)
    return places
