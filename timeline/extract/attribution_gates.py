"""Which attribution patterns a sentence may match at all: speed only.

Trying every cue and marker of attribution.yaml on every sentence costs four times what trying
only those a sentence may match costs. What a pattern cannot match without is read off the
pattern itself (`lang/triggers.py`: its literal words and the words of the word lists it names, a
pattern fragment standing for its own pattern), so a gate never changes what is found.

Two kinds of required words: a word list or literal words between word boundaries
("\\b(?:{subjunctive_i})\\b", "\\bnach\\s+") must stand in the sentence as words of their own
("sei" is not in "seit"); others only inside a word ("angaben" in "Polizeiangaben"). All
sentences of a document are searched at once (`Opened`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..caching import Memo
from ..lang.gaps import gap_parts
from ..lang.patterns import alternation
from ..lang.triggers import Trigger, required_words

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_WORD = re.compile(r"\w+")
#: marks the words of a requirement that must stand as words of their own
_WHOLE = "\x01"
_GROUP_OPENER = re.compile(r"\((?:\?<?[=!]|\?P<\w+>|\?[a-zA-Z-]*:)?")
#: group openers between a boundary and what it bounds
_OPENERS = re.compile(r"(?:\((?:\?:|\?-?i:|\?P<\w+>)?)*$")
#: what in a pattern puts a word boundary before what follows: "\b", "(?<!\S)", "\s+", a comma
#: (with optional space) or a look-behind for a non-word character ("(?<=[,"»])")
_BOUNDARY_BEFORE = r"(?:\\b|\(\?<!\\S\)|\\s\+?|(?:[,;:]|\(\?<=\[[^\]\\\w]*\]\))(?:\\s\*)?)"
#: what in a pattern puts a word boundary after what precedes: "\b" or at least one space
_BOUNDARY_AFTER = r"(?:\\b|\\s(?![*?]|\{0))"
_BOUNDED_BEFORE = re.compile(rf"(?<!\\){_BOUNDARY_BEFORE}$")
_BOUNDED_AFTER = re.compile(_BOUNDARY_AFTER)
#: literal words, or an alternation of them, between boundaries: "\bnach\s+", ",\s*so\s+",
#: "\b(?:weiter|demnach)\b";
#: a "|" is local only inside a group, which is why an alternation needs one open and closed
_BOUNDED_LITERALS = re.compile(
    rf"(?<!\\)(?P<before>{_BOUNDARY_BEFORE})(?P<open>(?:\((?:\?:|\?-?i:|\?P<\w+>)?)*)"
    rf"(?P<words>[^\W\d_]+(?:\|[^\W\d_]+)*)(?P<close>\)*)(?={_BOUNDARY_AFTER})")
#: what stands before each sentence when the sentences of a document are searched at once
_EDGE = "\x00"
#: what the sets of required words a sentence holds are remembered for
_SETS_REMEMBERED = 1 << 12


@dataclass(frozen=True, eq=False)
class WholeWords:
    """Words of which a sentence must hold one as a word of its own."""

    words: frozenset[str]


Requirement = Trigger | WholeWords


@dataclass(frozen=True)
class Gate:
    """What a sentence must hold for one pattern to match: whole words, and triggers (a word of
    each inside a word of the sentence)."""

    whole: frozenset[WholeWords]
    inside: frozenset[Trigger]


class Gates:
    """The gates of a language's attribution patterns: `add` each pattern (or list of patterns of
    which any may match), then `finish` gives what tells which of them a sentence may match."""

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
        self.gates: list[tuple[Gate, ...] | None] = []

    def add(self, patterns: str | list[str]) -> int:
        """A pattern, or patterns of which any may match; its number in `opened`'s answer."""
        listed = patterns if isinstance(patterns, list) else [patterns]
        gates: list[Gate] = []
        for pattern in listed:
            whole: set[WholeWords] = set()
            inside: set[Trigger] = set()
            for words in required_words(self._raw(pattern), {**self.tables, **self.literals}):
                if all(word.startswith(_WHOLE) for word in words):
                    bare = frozenset(word[1:] for word in words)
                    whole.add(self.whole.setdefault(bare, WholeWords(bare)))
                else:
                    plain = frozenset(word.lstrip(_WHOLE) for word in words)
                    inside.add(self.triggers.setdefault(plain, Trigger.of(plain)))
            if not (whole or inside):
                self.gates.append(None)
                return len(self.gates) - 1
            gates.append(Gate(frozenset(whole), frozenset(inside)))
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
            bounded = _BOUNDED_BEFORE.search(before) and _BOUNDED_AFTER.match(after, closes)
            if bounded and f"{name}__whole" in self.tables and \
                    _closes_no_lookahead(match.string[:match.start()], closes):
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

    def finish(self) -> Opened:
        return Opened(self.gates)


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
            opener = _GROUP_OPENER.match(pattern, position)
            stack.append(opener.group() if opener else char)
        elif char == ")" and stack:
            stack.pop()
        position += 1
    return stack


#: the patterns a set of requirements opens, and those it opens if the sentence also holds, for
#: one of their alternatives, a word of each of its tuples of words
_Opens = tuple[frozenset[int], tuple[tuple[int, tuple[tuple[tuple[str, ...], ...], ...]], ...]]


class Opened:
    """Which patterns (by number) each sentence of a document may match.

    Whole words are looked for in the document; so are the triggers of a gate without whole words.
    The triggers of a gate with whole words are looked for, with `in`, only in a sentence that
    holds those words: most sentences do not."""

    def __init__(self, gates: list[tuple[Gate, ...] | None]):
        self.gates = gates
        self.whole_of_word: dict[str, frozenset[Requirement]] = {}
        self.inside: dict[str, frozenset[Requirement]] = {}       # triggers of gates without whole words
        for gate in (gate for alternatives in gates for gate in alternatives or ()):
            for requirement in gate.whole:
                for word in requirement.words:
                    self.whole_of_word[word] = self.whole_of_word.get(word, frozenset()) | frozenset([requirement])
            for trigger in gate.inside if not gate.whole else ():
                for word in trigger.words:
                    self.inside[word] = self.inside.get(word, frozenset()) | frozenset([trigger])
        #: the patterns tried in every sentence, and the patterns that need each requirement
        self.always = frozenset(number for number, alternatives in enumerate(gates) if alternatives is None)
        self.patterns_needing: dict[Requirement, set[int]] = {}
        for number, alternatives in enumerate(gates):
            for gate in alternatives or ():
                needs: list[Requirement] = [*gate.whole, *gate.inside]
                for need in needs:
                    self.patterns_needing.setdefault(need, set()).add(number)
        #: the whole words, each found with the non-word character before it: a pattern that begins
        #: with a character class lets the engine skip to such characters
        self.find_whole = re.compile(rf"\W({alternation(self.whole_of_word)})(?!\w)").finditer \
            if self.whole_of_word else None
        #: the requirements a sentence meets → the patterns it opens, and those it opens if it
        #: also holds triggers (each with the alternatives of triggers)
        self.opened_by: Memo[frozenset[Requirement], _Opens] = \
            Memo(self._opened_by, _SETS_REMEMBERED)

    def __call__(self, sentences: Sequence[str]) -> list[frozenset[int]]:
        """The patterns each sentence may match, all looked for in one pass over the document: the
        lower-cased sentences, each after `_EDGE`, which is no word character."""
        lowered = [sentence.lower() for sentence in sentences]
        edges = list(itertools.accumulate((len(s) + 1 for s in lowered), initial=0))
        text = "".join(_EDGE + s for s in lowered)
        met: list[set[Requirement]] = [set() for _ in sentences]
        for match in self.find_whole(text) if self.find_whole else ():
            met[bisect.bisect(edges, match.start()) - 1] |= self.whole_of_word[match[1]]
        for word, requirements in self.inside.items():
            at = text.find(word)
            while at >= 0:
                index = bisect.bisect(edges, at) - 1
                met[index] |= requirements
                at = text.find(word, edges[index + 1] + 1)     # the next sentence holding it
        opened = []
        for sentence, meets in zip(lowered, met):
            sure, pending = self.opened_by[frozenset(meets)]
            if pending:
                holds = sentence.__contains__
                sure = sure | {number for number, alternatives in pending
                               if any(all(any(map(holds, words)) for words in inside) for inside in alternatives)}
            opened.append(sure)
        return opened

    def _opened_by(self, met: frozenset[Requirement]
                   ) -> _Opens:
        sure = set(self.always)
        pending = []
        for number in sorted(set().union(*map(self.patterns_needing.__getitem__, met))):
            alternatives = []
            for gate in self.gates[number] or ():
                if not gate.whole:
                    if gate.inside <= met:
                        sure.add(number)
                elif gate.whole <= met:
                    if not gate.inside:
                        sure.add(number)
                    alternatives.append(tuple(trigger.words for trigger in gate.inside))
            if number not in sure and alternatives:
                pending.append((number, tuple(alternatives)))
        return frozenset(sure), tuple(pending)
