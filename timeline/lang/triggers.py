"""Triggers: the words a text must contain for a temporal rule to match at all.

Only for speed: a rule whose triggers are missing from a text is not tried on it. The words are
read off each rule's pattern when the language is loaded (`required_words`); a rule without
triggers is always tried, so a trigger can never change what is found, only skip work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..caching import Memo
from .patterns import PLACEHOLDER, alternation

#: tokens whose triggers `TriggerFinder` remembers
_TOKENS_REMEMBERED = 1 << 14


@dataclass(frozen=True, eq=False)
class Trigger:
    """Words of which a text must contain one (anywhere, lower-cased) for a rule to match; shortest
    first and none containing another: a text with the longer word has the shorter one too."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, words: frozenset[str]) -> Trigger:
        minimal: list[str] = []
        for word in sorted(words, key=lambda w: (len(w), w)):
            if not any(shorter in word for shorter in minimal):
                minimal.append(word)
        return cls(tuple(minimal))


class TriggerFinder:
    """Which of some triggers a lower-cased text holds, found token by token.

    Checking each trigger word with `in` costs ~1 µs per word and report, for ~250 words. But a
    word has no space, so it lies within one of the text's space-separated tokens; and reports
    repeat their tokens ("der", "Montag", "Jahren"), so the triggers of each token are remembered."""

    def __init__(self, triggers: Iterable[Trigger]):
        by_word: dict[str, set[Trigger]] = {}
        for trigger in triggers:
            for word in trigger.words:
                by_word.setdefault(word, set()).add(trigger)
        # at each place the longest word beginning there: the others there begin it
        self._longest = re.compile(f"(?=({alternation(by_word)}))" if by_word else "(?!)").findall
        self._held = {word: frozenset(trigger for end in range(1, len(word) + 1)
                                      for trigger in by_word.get(word[:end], ())) for word in by_word}
        self._in_token: Memo[str, frozenset[Trigger]] = Memo(self._find, _TOKENS_REMEMBERED)

    def held_by(self, lowered: str) -> frozenset[Trigger]:
        return frozenset().union(*map(self._in_token.__getitem__, set(lowered.split())))

    def _find(self, token: str) -> frozenset[Trigger]:
        words = self._longest(token)
        return frozenset().union(*map(self._held.__getitem__, words)) if words else _NONE_HELD


_NONE_HELD: frozenset[Trigger] = frozenset()


_OPTIONAL_QUANTIFIER = re.compile(r"\?|\*|\{0[,}]")
_SHORTEST_TRIGGER = 3
#: characters that are syntax wherever they stand outside a class (a comma only in "{1,3}");
#: any other mark (no letter, digit or space) stands for itself: "/" in "2012/13"
_SYNTAX = frozenset(".^$*+?{}[]\\|(),")


class _Requirements:
    """The words a rule's raw pattern cannot match without: its required literal words and tables,
    and its literal marks ("/"), rare in text, each a word of its own.

    A pattern is read as sequences and alternations of items; an item followed by "?", "*" or
    "{0," and the inside of negative lookarounds are optional. A sequence requires what each of
    its required items requires; an alternation requires one of its branches' first requirement.
    """

    def __init__(self, pattern: str, tables: dict[str, frozenset[str]]):
        self.pattern = pattern
        self.tables = tables
        self.pos = 0

    def required(self) -> tuple[frozenset[str], ...]:
        return tuple(dict.fromkeys(self._alternation()))

    def _alternation(self) -> list[frozenset[str]]:
        branches = [self._sequence()]
        while self.pos < len(self.pattern) and self.pattern[self.pos] == "|":
            self.pos += 1
            branches.append(self._sequence())
        if len(branches) == 1:
            return branches[0]
        if all(branches):
            return [frozenset().union(*(branch[0] for branch in branches))]
        return []

    def _sequence(self) -> list[frozenset[str]]:
        required: list[frozenset[str]] = []
        word = ""
        pattern = self.pattern
        while self.pos < len(pattern) and pattern[self.pos] not in "|)":
            char = pattern[self.pos]
            item: list[frozenset[str]] = []
            if char.isalpha():                    # a letter of a literal word, in any language
                word += char.lower()
                self.pos += 1
                if self._optional():
                    word = word[:-1]
                    required += self._word(word)
                    word = ""
                continue
            required += self._word(word)
            word = ""
            if char == "\\":
                self.pos += 2
            elif char == "[":
                self.pos = pattern.index("]", self.pos + 2) + 1
            elif char == "(":
                item = self._group()
            elif char == "{" and (placeholder := PLACEHOLDER.match(pattern, self.pos)):
                self.pos = placeholder.end()
                words = self.tables.get(placeholder["name"])
                item = [words] if words else []
            else:
                if not (char.isalnum() or char.isspace() or char in _SYNTAX):
                    item = [frozenset([char])]
                self.pos += 1
            if not self._optional():
                required += item
        return required + self._word(word)

    def _group(self) -> list[frozenset[str]]:
        opening = re.match(r"\((?:\?P<\w+>|\?<?[=!]|\?[a-zA-Z-]*:)?", self.pattern[self.pos:])
        assert opening is not None                      # any "(" opens a group
        prefix = opening[0]
        self.pos += len(prefix)
        inside = self._alternation()
        self.pos += 1                                   # the closing parenthesis
        return [] if prefix.endswith("!") else inside

    def _optional(self) -> bool:
        quantifier = _OPTIONAL_QUANTIFIER.match(self.pattern, self.pos)
        if quantifier:
            self.pos = self.pattern.find("}", self.pos) + 1 if quantifier[0].startswith("{") else self.pos + 1
            if self.pattern[self.pos:self.pos + 1] in ("?", "+"):   # lazy or possessive
                self.pos += 1
            return True
        return False

    @staticmethod
    def _word(word: str) -> list[frozenset[str]]:
        return [frozenset([word])] if len(word) >= _SHORTEST_TRIGGER else []


def required_words(pattern: str, tables: dict[str, frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The words `pattern` cannot match without: each a set of which the text must hold one."""
    return _Requirements(pattern, tables).required()
