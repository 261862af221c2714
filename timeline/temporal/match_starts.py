"""How the matches of a rule's regular expression may begin, read from the text of its pattern.

A start is told by its first `KEY_LENGTH` characters as keys see them (`keys_of`): lower-cased,
any non-ASCII character "?" (as `str.encode` puts it, so a question mark is one too) and any ASCII
space " ". A pattern's starts may be too many, never too few: an ASCII letter that a non-ASCII
character matches ignoring case also allows "?" (the Kelvin sign matches "k"), a non-ASCII one
allows "?" and the ASCII letters it matches ignoring case ("ſ" matches "s"), look-arounds and
case-sensitive parts are read as if they were not there. The reader knows the syntax the rules
use; for anything else (a back-reference, a conditional) the starts cannot be told.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet
from typing import Any

from ..lang import FLAGS

#: the characters of a start (at most) that tell it
KEY_LENGTH = 5
NON_ASCII = "?"                  # as `str.encode` puts it
SPACE = " "
_ASCII = [chr(i) for i in range(128)]
#: a text as keys see it, once `str.encode` has put "?" for its non-ASCII characters
_AS_KEYS = str.maketrans({c: SPACE if c.isspace() else c.lower() for c in _ASCII if c.isspace() or c.isupper()})
#: the non-ASCII characters that match an ASCII one ignoring case: dotted and dotless i, long s and
#: the Kelvin sign (a test checks every character)
LOOKALIKES = "\u0130\u0131\u017f\u212a"
_ANY = frozenset(c.translate(_AS_KEYS) for c in _ASCII) | {NON_ASCII}
#: prefixes of a part of a pattern beyond which the pattern's are too many to tell
_MOST_PARTIAL = 20_000


def keys_of(text: str) -> str:
    """`text` as starts see it, one key character for each character."""
    return text.encode("ascii", "replace").decode("ascii").translate(_AS_KEYS)


class Unknown(Exception):
    """The starts of a pattern cannot be told (or are too many to tell)."""


class Starts:
    """A pattern (compiled with `FLAGS`) as far as its starts go; raises `Unknown` when they cannot
    be told. Patterns read with the same `shared` dict share their equal groups, whose starts are
    then worked out once."""

    def __init__(self, pattern: str, shared: dict[str, Any] | None = None):
        reader = _Reader(pattern, {} if shared is None else shared)
        self._node = reader.alternation()
        if reader.at < len(pattern):
            raise Unknown(f"unbalanced parenthesis at {reader.at}")

    def of_length(self, length: int) -> frozenset[str]:
        """The first `length` key characters of the matches, or fewer where a match may end
        sooner; raises `Unknown` when they are too many to tell."""
        return frozenset(self._node.starts(length))


def _then(first: AbstractSet[str], second: AbstractSet[str], length: int) -> AbstractSet[str]:
    """The starts of one thing followed by another: a start shorter than `length` is one that
    may end there, so what follows continues it."""
    if len(first) == 1 and "" in first:        # nothing before
        return second
    short = [p for p in first if len(p) < length]
    if len(short) * len(second) > _MOST_PARTIAL:
        raise Unknown("too many")
    return {p for p in first if len(p) == length} | {(p + q)[:length] for p in short for q in second}


class _Node:
    """A part of a pattern; its starts of each length are worked out once (a part of a table's
    alternation recurs in many rules, which share it: `Starts`)."""

    def __init__(self) -> None:
        self._known: dict[int, AbstractSet[str]] = {}

    def starts(self, length: int) -> AbstractSet[str]:
        found = self._known.get(length)
        if found is None:
            found = self._known[length] = self._starts(length)
        return found

    def _starts(self, length: int) -> AbstractSet[str]:
        raise NotImplementedError


class _Char(_Node):
    """One character of the text, as any of some key characters."""

    def __init__(self, keys: frozenset[str]):
        super().__init__()
        self.keys = keys

    def starts(self, length: int) -> AbstractSet[str]:
        return self.keys


class _Sequence(_Node):
    def __init__(self, items: tuple[_Node, ...]):
        super().__init__()
        self.items = items

    def _starts(self, length: int) -> AbstractSet[str]:
        found: AbstractSet[str] = {""}
        shortest = 0
        for item in self.items:
            found = _then(found, item.starts(length - shortest), length)
            shortest = min(map(len, found))
            if shortest == length:
                break
        return found


class _Alternation(_Node):
    def __init__(self, branches: tuple[_Node, ...]):
        super().__init__()
        self.branches = branches

    def _starts(self, length: int) -> AbstractSet[str]:
        return set().union(*(branch.starts(length) for branch in self.branches))


class _Repeat(_Node):
    def __init__(self, least: int, most: int, item: _Node):
        super().__init__()
        self.least, self.most, self.item = least, most, item

    def _starts(self, length: int) -> AbstractSet[str]:
        once = self.item.starts(length)
        repeated: AbstractSet[str] = {""}
        found: AbstractSet[str] = set()
        for times in range(max(self.least, min(self.most, length)) + 1):      # `length` repetitions give all
            if times >= self.least:
                found = found | repeated
            repeated = _then(repeated, once, length)
        return found


_NOTHING = _Sequence(())                     # zero width: a look-around, an anchor
_MANY = 1 << 30                              # "as often as you like"
_LITERALS = re.compile(r"[^\\\[\](){}|?*+.^$]+")
_QUANTIFIER = re.compile(r"([?*+])|\{(\d*)(?:(,)(\d*))?\}")
_GROUP = re.compile(r"\((?:\?(?P<kind>P<\w+>|>|<?[=!]|[aiLmsux]*-?[imsx]*:))?")
_CLASS_ESCAPES = {letter: re.compile(f"\\{letter}") for letter in "dDwWsS"}
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class _Reader:
    """A pattern read into `_Node`s, one part after the other."""

    def __init__(self, pattern: str, shared: dict[str, _Node]):
        self.pattern = pattern
        self.at = 0
        self.shared = shared                         # the text of a group → what it was read into

    def alternation(self) -> _Node:
        branches = [self.sequence()]
        while self.pattern.startswith("|", self.at):
            self.at += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else _Alternation(tuple(branches))

    def sequence(self) -> _Node:
        items: list[_Node] = []
        while self.at < len(self.pattern) and self.pattern[self.at] not in "|)":
            literals = _LITERALS.match(self.pattern, self.at)
            if literals:                             # a run of plain characters, the last one perhaps repeated
                run = literals[0] if literals.end() == len(self.pattern) or \
                    self.pattern[literals.end()] not in "?*+{" else literals[0][:-1]
                items += (_Char(_forms(char)) for char in run)
                self.at += len(run)
                if not run:
                    items.append(self.quantified(self.atom()))
            else:
                items.append(self.quantified(self.atom()))
        return _Sequence(tuple(items))

    def atom(self) -> _Node:
        char = self.pattern[self.at]
        if char == "(":
            return self.group()
        if char == "[":
            return self.character_class()
        self.at += 1
        if char == "\\":
            return self.escape()
        if char == ".":
            return _Char(_ANY)
        if char in "^$":
            return _NOTHING
        if char in "*+?":
            raise Unknown(f"nothing to repeat at {self.at - 1}")
        return _Char(_forms(char))

    def quantified(self, item: _Node) -> _Node:
        quantifier = _QUANTIFIER.match(self.pattern, self.at)
        if quantifier is None or quantifier[0] == "{}":
            return item
        self.at = quantifier.end()
        if self.pattern[self.at:self.at + 1] in ("?", "+"):      # lazy or possessive: the same starts
            self.at += 1
        symbol, least, comma, most = quantifier.groups()
        if symbol:
            bounds = {"?": (0, 1), "*": (0, _MANY), "+": (1, _MANY)}[symbol]
        else:
            low = int(least) if least else 0
            bounds = (low, (int(most) if most else _MANY) if comma else low)
        return _Repeat(*bounds, item)

    def group(self) -> _Node:
        opening = _GROUP.match(self.pattern, self.at)
        assert opening is not None                       # any "(" opens a group
        if self.pattern.startswith("(?", self.at) and opening["kind"] is None:
            raise Unknown(f"group at {self.at}")         # a back-reference, a conditional, flags for all
        self.at = opening.end()
        inside = self.alternation()
        if not self.pattern.startswith(")", self.at):
            raise Unknown(f"unbalanced parenthesis at {self.at}")
        inside = self.shared.setdefault(self.pattern[opening.end():self.at], inside)
        self.at += 1
        return _NOTHING if (opening["kind"] or "").endswith(("=", "!")) else inside

    def escape(self) -> _Node:
        char = self.pattern[self.at:self.at + 1]
        self.at += 1
        if char in _ZERO_WIDTH_ESCAPES:
            return _NOTHING
        return _Char(self.escaped_keys(char))

    def escaped_keys(self, char: str) -> frozenset[str]:
        """The keys of the character an escape (`\\` and `char`, already read) stands for."""
        if char in _CLASS_ESCAPES:
            return _class_keys(_CLASS_ESCAPES[char])
        if char in _CONTROL_ESCAPES:
            return _forms(_CONTROL_ESCAPES[char])
        if char in ("x", "u", "U"):
            digits = {"x": 2, "u": 4, "U": 8}[char]
            code = self.pattern[self.at:self.at + digits]
            self.at += digits
            return _forms(chr(int(code, 16)))
        if not char or char.isalnum():
            raise Unknown(f"escape \\{char}")           # back-references, \N{…}, unknown letters
        return _forms(char)

    def character_class(self) -> _Node:
        self.at += 1
        negated = self.pattern.startswith("^", self.at)
        self.at += negated
        keys: set[str] = set()
        first = True
        while first or not self.pattern.startswith("]", self.at):
            if self.at >= len(self.pattern):
                raise Unknown("unterminated character class")
            first = False
            low, low_keys = self.class_member()
            if low is not None and self.pattern.startswith("-", self.at) and \
                    not self.pattern.startswith("-]", self.at):
                self.at += 1
                high, _ = self.class_member()
                if high is None:
                    raise Unknown("bad range")
                keys |= _range_keys(low, high)
            else:
                keys |= low_keys
        self.at += 1
        return _Char(_ANY if negated else frozenset(keys))

    def class_member(self) -> tuple[str | None, frozenset[str]]:
        """One member of a character class: the character (None for a class such as `\\d`) and its keys."""
        char = self.pattern[self.at]
        self.at += 1
        if char != "\\":
            return char, _forms(char)
        escaped = self.pattern[self.at:self.at + 1]
        self.at += 1
        if escaped in _CLASS_ESCAPES:
            return None, _class_keys(_CLASS_ESCAPES[escaped])
        if escaped == "b":
            return "\b", _forms("\b")
        before = self.at
        keys = self.escaped_keys(escaped)
        if escaped in _CONTROL_ESCAPES:
            return _CONTROL_ESCAPES[escaped], keys
        if escaped in ("x", "u", "U"):
            return chr(int(self.pattern[before:self.at], 16)), keys
        return escaped, keys


@functools.cache
def _forms(char: str) -> frozenset[str]:
    """How a character of a pattern may look in a text's keys, ignoring case (a pure memo: the
    same characters recur in every pattern)."""
    literal = re.compile(re.escape(char), FLAGS)
    if char.isascii():
        lookalike = any(map(literal.fullmatch, LOOKALIKES))
        return frozenset({char.translate(_AS_KEYS)} | ({NON_ASCII} if lookalike else set()))
    return frozenset({NON_ASCII} | {a.translate(_AS_KEYS) for a in _ASCII if literal.fullmatch(a)}
                     | ({SPACE} if char.isspace() else set()))


def _class_keys(category: re.Pattern[str]) -> frozenset[str]:
    """The keys of a class such as `\\d`: the ASCII characters it matches and any non-ASCII one."""
    return frozenset({a.translate(_AS_KEYS) for a in _ASCII if category.match(a)} | {NON_ASCII})


def _range_keys(low: str, high: str) -> frozenset[str]:
    first, last = ord(low), ord(high)
    members = range(first, last + 1) if last - first < 1024 else range(first, min(last, 127) + 1)
    return frozenset({form for i in members for form in _forms(chr(i))} | ({NON_ASCII} if last > 127 else set()))
