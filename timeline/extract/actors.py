"""Actors: persons introduced by a title or named again by surname, organisations and groups."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Sequence

from ..lang import load_language
from ..model import Mention
from .names import NameMatcher, build_matcher
from .places import place_matcher

_NAME_TOKEN = r"(?-i:[A-ZÄÖÜ][\w'’]+(?:-[A-ZÄÖÜ][\w'’]+)*)"


# A word, then (looked ahead, so that the name can follow a word that is no title) one to three
# capitalised name tokens. Whether the word is a title is checked on its ending.
_TITLED = re.compile(
    rf"(?<![\w.-])(?P<title>[\w-]+\.?)(?=\s+(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}))")


@dataclass(frozen=True)
class ActorLexicon:
    #: lower-cased titles; a word ending in one is a title, alone or as the tail of a compound
    #: ("Ex-Präsident", "Langzeit-Machthaber", "Regierungschef")
    titles: tuple[str, ...]
    institutions: NameMatcher
    stop_words: frozenset[str]


@functools.lru_cache(maxsize=None)
def actor_lexicon(lang: str) -> ActorLexicon:
    data = load_language(lang).data["actors"] or {}
    titles = tuple(sorted({str(t).lower() for t in data.get("titles", [])}))
    institutions = build_matcher(
        [*({**e, "_kind": "organisation"} for e in data.get("organisations", []) or []),
         *({**e, "_kind": "group"} for e in data.get("groups", []) or [])],
        lambda e: e["_kind"])
    stop_words = frozenset(str(w) for w in data.get("not_names", []) or [])
    return ActorLexicon(titles, institutions, stop_words)


def find_actors(sentences: Sequence[str], lang: str = "de") -> list[list[Mention]]:
    """Actors named in each sentence of a document, each once per sentence, in order of appearance.

    A person introduced with a title anywhere in the document ("Präsident X Y") is found again
    wherever the surname stands alone, before or after that sentence.
    """
    lexicon = actor_lexicon(lang)
    places = place_matcher(lang)
    full_names: dict[str, str] = {}                 # surname → longest full name seen
    per_sentence = []
    for sentence in sentences:
        institutions = lexicon.institutions.find(sentence)
        titled = _titled_persons(sentence, lexicon, places, [(s, e) for s, e, _ in institutions])
        for _start, text in titled:
            surname = text.split()[-1]
            if len(text) > len(full_names.get(surname, "")):
                full_names[surname] = text
        per_sentence.append((institutions, titled))
    surname_regex = re.compile(
        r"(?<![\w-])(?P<surname>" + "|".join(map(re.escape, sorted(full_names, key=len, reverse=True)))
        + r")s?(?![\w-])") if full_names else None
    result = []
    for sentence, (institutions, titled) in zip(sentences, per_sentence):
        found = [(start, Mention(name=full_names.get(text, text), kind="person", text=text))
                 for start, text in titled]
        covered = [(start, start + len(text)) for start, text in titled]
        for match in surname_regex.finditer(sentence) if surname_regex else ():
            if not any(s <= match.start() < e for s, e in covered):
                found.append((match.start(), Mention(name=full_names[match["surname"]], kind="person",
                                                     text=match.group(0))))
        found.extend((start, mention) for start, _end, mention in institutions)
        result.append(_unique(m for _, m in sorted(found, key=lambda item: item[0])))
    return result


def _titled_persons(sentence: str, lexicon: ActorLexicon, places: NameMatcher,
                    institution_spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, name) of each person a title introduces, unless the name is part of an institution."""
    persons = []
    for match in _TITLED.finditer(sentence):
        if not match["title"].lower().endswith(lexicon.titles):
            continue
        tokens = _name_tokens(match["name"], lexicon, places)
        start = match.start("name")
        if tokens and not any(s <= start < e for s, e in institution_spans):
            persons.append((start, " ".join(tokens)))
    return persons


def _name_tokens(name: str, lexicon: ActorLexicon, places: NameMatcher) -> list[str]:
    """The tokens after a title that name the person: up to a stop word, without a trailing place
    or institution ("Präsident Kasachstans"); a place inside a name stays ("Nursultan Nasarbajew")."""
    tokens = []
    for token in name.split():
        if token in lexicon.stop_words:
            break
        tokens.append(token)
    while tokens and (places.find(tokens[-1]) or lexicon.institutions.find(tokens[-1])):
        tokens.pop()
    return tokens


def _unique(mentions) -> list[Mention]:
    seen: set[str] = set()
    result = []
    for mention in mentions:
        if mention.name not in seen:
            seen.add(mention.name)
            result.append(mention)
    return result
