"""Actors: persons introduced by a title or named again by surname, organisations and groups."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..lang import load_language
from ..model import Mention
from .names import NameMatcher, build_matcher
from .places import place_matcher

_NAME_TOKEN = r"(?-i:[A-ZÄÖÜ][\w'’]+(?:-[A-ZÄÖÜ][\w'’]+)*)"


@dataclass(frozen=True)
class ActorLexicon:
    titled_person: re.Pattern[str]
    institutions: NameMatcher
    stop_words: frozenset[str]


@dataclass
class PersonRegistry:
    """Persons met so far in a document, so that a later surname finds its full name."""

    by_surname: dict[str, str] = field(default_factory=dict)

    def add(self, full_name: str) -> None:
        self.by_surname.setdefault(full_name.split()[-1], full_name)


@functools.lru_cache(maxsize=None)
def actor_lexicon(lang: str) -> ActorLexicon:
    data = load_language(lang).data["actors"] or {}
    titles = sorted({str(t) for t in data.get("titles", [])}, key=len, reverse=True)
    title_alternation = "|".join(re.escape(t) for t in titles) or "(?!)"
    # A title alone or as the tail of a compound ("Ex-Präsident", "Langzeit-Machthaber",
    # "Regierungschef"), then one to three capitalised name tokens.
    titled = re.compile(
        rf"(?<![\w-])(?:[\w-]*?)(?:{title_alternation})(?![\w-])\s+(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}})",
        re.IGNORECASE)
    institutions = build_matcher(
        [*({**e, "_kind": "organisation"} for e in data.get("organisations", []) or []),
         *({**e, "_kind": "group"} for e in data.get("groups", []) or [])],
        lambda e: e["_kind"])
    stop_words = frozenset(str(w) for w in data.get("not_names", []) or [])
    return ActorLexicon(titled, institutions, stop_words)


def find_actors(sentence: str, registry: PersonRegistry, lang: str = "de") -> list[Mention]:
    """Actors named in a sentence, each once, in order of appearance."""
    lexicon = actor_lexicon(lang)
    found: list[tuple[int, Mention]] = []
    covered: list[tuple[int, int]] = []
    institutions = lexicon.institutions.find(sentence)
    institution_spans = [(s, e) for s, e, _ in institutions]
    for match in lexicon.titled_person.finditer(sentence):
        tokens = _name_tokens(match.group("name"), lexicon, place_matcher(lang))
        start = match.start("name")
        if not tokens or any(s <= start < e for s, e in institution_spans):
            continue
        text = " ".join(tokens)
        full = registry.by_surname.get(text, text) if len(tokens) == 1 else text
        registry.add(full)
        found.append((start, Mention(name=full, kind="person", text=text)))
        covered.append((start, start + len(text)))
    for surname, full in registry.by_surname.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?:s)?(?![\w-])", sentence):
            if not any(s <= match.start() < e for s, e in covered):
                found.append((match.start(), Mention(name=full, kind="person", text=match.group(0))))
                covered.append(match.span())
    for start, _end, mention in institutions:
        found.append((start, mention))
    return _unique(m for _, m in sorted(found, key=lambda item: item[0]))


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
