"""Which attribution patterns a sentence may match at all: speed only.

Trying every cue and marker of attribution.yaml on every sentence costs four times what trying
only those a sentence may match costs. What a pattern cannot match without is read off the
pattern itself (`lang/triggers.py`: its literal words and the words of the word lists it names, a
pattern fragment standing for its own pattern), so a gate never changes what is found.

Two kinds of required words: a word list or literal words between word boundaries
("\\b(?:{subjunctive_i})\\b", "\\bnach\\s+") must stand in the sentence as words of their own
("sei" is not in "seit"); all others only inside a word ("angaben" in "Polizeiangaben"). A
sentence's words are looked up once each (news repeat their words), and what a set of required
words opens once per set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..caching import Memo
from ..lang.gaps import gap_parts
from ..lang.triggers import Trigger, TriggerFinder, required_words

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_WORD = re.compile(r"\w+")
#: marks the words of a requirement that must stand as words of their own
_WHOLE = "\x01"
#: group openers between a boundary and what it bounds
_OPENERS = re.compile(r"(?:\((?:\?:|\?-?i:|\?P<\w+>)?)*$")
#: literal words, or an alternation of them, between boundaries: "\bnach\s+", ",\s*so\s+",
#: "\b(?:weiter|demnach)\b";
#: a "|" is local only inside a group, which is why an alternation needs one open and closed
_BOUNDED_LITERALS = re.compile(
    r"(?<!\\)(?P<before>\\b|\(\?<!\\S\)|\\s\+?|[,;:](?:\\s\*)?)(?P<open>(?:\((?:\?:|\?-?i:|\?P<\w+>)?)*)"
    r"(?P<words>[^\W\d_]+(?:\|[^\W\d_]+)*)(?P<close>\)*)(?=\\b|\\s(?![*?]|\{0))")
#: what the sets of required words a sentence holds are remembered for
_SETS_REMEMBERED = 1 << 12


@dataclass(frozen=True, eq=False)
class WholeWords:
    """Words of which a sentence must hold one as a word of its own."""

    words: frozenset[str]


Requirement = Trigger | WholeWords


class Gates:
    """The gates of a language's attribution patterns: `add` each pattern (or list of patterns of
    which any may match), then `opened` tells which a sentence may match."""

    def __init__(self, words: dict[str, list[Any]], fragments: dict[str, str]):
        self.fragments = fragments
        gap = str(fragments["gap"])
        #: a word list → the words of which a text must hold one (of each entry its longest word)
        self.tables = {name: frozenset(max(str(entry).lower().split(), key=len) for entry in entries)
                       for name, entries in words.items()}
        if gap.startswith(r"\s") and "|" not in gap:       # a word before a gap ends a word
            for name, entries in words.items():
                # of each entry the longest word before a gap ("teilte" of "teilte … mit")
                whole = {max(gap_parts(str(entry).lower())[0].split(), key=len) for entry in entries}
                if all(_WORD.fullmatch(word) for word in whole):
                    self.tables[f"{name}__whole"] = frozenset(_WHOLE + word for word in whole)
        self.literals: dict[str, frozenset[str]] = {}       # placeholder → bounded literal words
        self.triggers: dict[frozenset[str], Trigger] = {}   # one Trigger per word set
        self.whole: dict[frozenset[str], WholeWords] = {}
        self.gates: list[tuple[frozenset[Requirement], ...] | None] = []

    def add(self, patterns: str | list[str]) -> int:
        """A pattern, or patterns of which any may match; its number in `opened`'s answer."""
        listed = patterns if isinstance(patterns, list) else [patterns]
        gates: list[frozenset[Requirement]] = []
        for pattern in listed:
            needs: set[Requirement] = set()
            for words in required_words(self._raw(pattern), {**self.tables, **self.literals}):
                if all(word.startswith(_WHOLE) for word in words):
                    whole = frozenset(word[1:] for word in words)
                    needs.add(self.whole.setdefault(whole, WholeWords(whole)))
                elif all(_WORD.fullmatch(word.lstrip(_WHOLE)) for word in words):   # inside one word
                    plain = frozenset(word.lstrip(_WHOLE) for word in words)
                    needs.add(self.triggers.setdefault(plain, Trigger.of(plain)))
            if not needs:
                self.gates.append(None)
                return len(self.gates) - 1
            gates.append(frozenset(needs))
        self.gates.append(tuple(gates))
        return len(self.gates) - 1

    def _raw(self, pattern: str) -> str:
        """The pattern with its fragments written out, word lists and literal words between word
        boundaries as placeholders of whole words."""
        def fragment(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in self.fragments:
                return f"(?:{self._raw(self.fragments[name])})"
            before = _OPENERS.sub("", match.string[:match.start()])
            after = match.string[match.end():]
            closes = len(after) - len(after.lstrip(")"))
            bounded = before.endswith(r"\b") and not before.endswith(r"\\b") and after[closes:].startswith(r"\b")
            if bounded and f"{name}__whole" in self.tables and _closes_no_lookahead(match.string[:match.start()], closes):
                return f"{{{name}__whole}}"
            return match.group(0)

        def literal(match: re.Match[str]) -> str:
            words = match["words"].lower().split("|")
            if (len(words) > 1 and not (match["open"] and match["close"])) or \
                    not _closes_no_lookahead(match.string[:match.start("words")], len(match["close"])):
                return match.group(0)
            name = f"literal_{len(self.literals)}"
            self.literals[name] = frozenset(_WHOLE + word for word in words)
            return f"{match['before']}{match['open']}{{{name}}}{match['close']}"
        return _BOUNDED_LITERALS.sub(literal, _PLACEHOLDER.sub(fragment, pattern))

    def finish(self) -> "Opened":
        return Opened(self.gates, self.triggers.values(), self.whole.values())


def _closes_no_lookahead(before: str, closes: int) -> bool:
    """Whether the last `closes` groups open after `before` include no lookahead: what follows a
    lookahead in a pattern does not follow its contents in the text."""
    groups = _open_groups(before)
    return "(?=" not in (groups[max(0, len(groups) - closes):] if closes else [])


def _open_groups(pattern: str) -> list[str]:
    """The openers ("(", "(?:", "(?=" …) of the groups still open at the end of `pattern`."""
    stack: list[str] = []
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":                                 # a class: to its unescaped "]"
            position += 1
            position += pattern[position] == "^"
            position += pattern[position] == "]"
            while pattern[position] != "]":
                position += 2 if pattern[position] == "\\" else 1
            position += 1
            continue
        if char == "(":
            stack.append(re.match(r"\((?:\?<?[=!]|\?P<\w+>|\?[a-zA-Z-]*:)?", pattern[position:])[0])
        elif char == ")" and stack:
            stack.pop()
        position += 1
    return stack


class Opened:
    """Which patterns (by number) a sentence may match."""

    def __init__(self, gates: list[tuple[frozenset[Requirement], ...] | None], triggers: Iterable[Trigger],
                 whole: Iterable[WholeWords]):
        self.gates = gates
        self.finder = TriggerFinder(triggers)
        self.whole_of_word: dict[str, frozenset[WholeWords]] = {}
        for requirement in whole:
            for word in requirement.words:
                self.whole_of_word[word] = self.whole_of_word.get(word, frozenset()) | {requirement}
        #: a token of a sentence → the requirements it meets
        self.met_by: Memo[str, frozenset[Requirement]] = Memo(self._met_by)
        #: the requirements a sentence meets → the patterns it opens
        self.opened_by: Memo[frozenset[Requirement], frozenset[int]] = Memo(self._opened_by, _SETS_REMEMBERED)

    def __call__(self, sentence: str) -> frozenset[int]:
        met = frozenset().union(*map(self.met_by.__getitem__, set(sentence.lower().split())))
        return self.opened_by[met]

    def _met_by(self, token: str) -> frozenset[Requirement]:
        """What a token (a lower-cased piece of text between spaces) meets: the triggers inside it
        and the whole words it is made of."""
        whole = [self.whole_of_word[word] for word in _WORD.findall(token) if word in self.whole_of_word]
        return self.finder.held_by(token).union(*whole)

    def _opened_by(self, met: frozenset[Requirement]) -> frozenset[int]:
        return frozenset(number for number, gates in enumerate(self.gates)
                         if gates is None or any(gate <= met for gate in gates))
