"""Places from the language's gazetteer, German exonyms and other names alike."""

from __future__ import annotations

from collections.abc import Sequence

from ..lang import Language
from ..model import Mention
from .language_data import places_data, references_data
from .name_matcher import NameInflection, NameMatcher, build_matcher


def name_inflection(language: Language) -> NameInflection:
    """How the language's names inflect (references.yaml), for the name matchers."""
    references = language.compiled(references_data)
    return NameInflection(references.adjective_endings, references.genitive_endings)


def _build_place_matcher(language: Language) -> NameMatcher:
    return build_matcher(((entry, "place") for entry in places_data(language)), language.compiled(name_inflection))


def place_matcher(language: Language) -> NameMatcher:
    """The matcher of the language's places, built once per `Language`."""
    return language.compiled(_build_place_matcher)


def find_places(sentences: Sequence[str], language: Language) -> list[list[Mention]]:
    """The places each sentence names, each once, looked for in all sentences at once."""
    return [_each_once(found) for found in place_matcher(language).find_each(sentences)]


def _each_once(found: list[tuple[int, int, Mention]]) -> list[Mention]:
    first: dict[str, Mention] = {}
    for _start, _end, mention in found:
        first.setdefault(mention.name, mention)
    return list(first.values())
