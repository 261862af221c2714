"""The matches of a language's rules in a text, found faster than one `finditer` per rule, and the same.

Running 80 rule regexes over every character of a report is most of the tagging time: Python's
regex engine spends ~10 ns on each character for each rule, ~2 ms for a 2.5 KB report. But every
rule pattern begins with the look-behind `(?<![\\w.])`, so a match can only start where no word
character or period comes before; and from its parsed pattern each rule can tell which two
characters its matches may begin with (`first_pairs`: "am", "mo", "19", "8." …). A `Matcher`
lists the possible starts of its text once, by their first two characters, and tries each rule
with `regex.match` only where its pairs begin, in order, skipping what a match covered: exactly
what `finditer` would find.

Pairs are lower-cased and any non-ASCII character counts as "*". A rule's pairs may be too many,
never too few: an ASCII letter of the pattern also allows "*" (the Kelvin sign matches "k"
ignoring case), a non-ASCII one allows "*" and the ASCII letters it matches ignoring case ("ſ"
matches "s"), look-arounds are passed over. A rule whose pairs cannot be told (a back-reference,
a pattern that may match nothing or begin with a space) or are too many to help runs with `finditer`, and so do all
rules until the process has tagged `PAYS_OFF` characters: working out the pairs takes longer
than tagging one short report.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from typing import Iterator

try:                                    # Python ≥ 3.11
    from re import _constants as sre_constants, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:                     # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from ..lang import FLAGS, Rule

#: what _compile_rule puts before every rule's own pattern
RULE_PREFIX = r"(?<![\w.])"
#: characters tagged in this process before the rules' first pairs are worked out (~20 ms)
PAYS_OFF = 25_000
#: pairs beyond which a rule is run over the whole text anyway
_MOST_PAIRS = 500
#: a rule with more candidate starts than the text's length / this runs over the whole text
_CANDIDATE_RATIO = 8
_STAR = "*"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII = [chr(i) for i in range(128)]
_ANY = frozenset(c.lower() for c in _ASCII) | {_STAR}
#: where a match may start: no rule's match starts with a space (`_first_pairs` sees to it)
_STARTS = re.compile(rf"{RULE_PREFIX}\S")
_CATEGORIES = {getattr(sre_constants, f"CATEGORY_{name}"): re.compile(pattern) for name, pattern in
               (("DIGIT", r"\d"), ("NOT_DIGIT", r"\D"), ("WORD", r"\w"), ("NOT_WORD", r"\W"),
                ("SPACE", r"\s"), ("NOT_SPACE", r"\S"))}
_tagged = 0


class Matcher:
    """The rules' matches in one text."""

    def __init__(self, text: str):
        global _tagged
        self.text = text
        self.indexed = _tagged >= PAYS_OFF
        _tagged += len(text)
        self._starts: dict[str, list[int]] | None = None
        self._positions: dict[frozenset[str], list[int] | None] = {}     # by first pairs: rules share them

    def find_all(self, rule: Rule) -> Iterator[re.Match[str]]:
        """What `rule.regex.finditer(text)` yields."""
        positions = self._candidates(rule) if self.indexed else None
        if positions is None:
            yield from rule.regex.finditer(self.text)
            return
        text, match_at = self.text, rule.regex.match
        end = 0
        for position in positions:
            if position >= end and (match := match_at(text, position)):
                yield match
                end = max(match.end(), position + 1)

    def _candidates(self, rule: Rule) -> list[int] | None:
        pairs, singles = first_pairs(rule.regex)
        if pairs is None or len(pairs) > _MOST_PAIRS:
            return None
        if pairs not in self._positions:
            self._positions[pairs] = self._positions_of(pairs, singles)
        return self._positions[pairs]

    def _positions_of(self, pairs: frozenset[str], singles: frozenset[str]) -> list[int] | None:
        """Where a match with these first pairs may start (None: too many places to try one by one)."""
        starts = self._index()
        hits = pairs.intersection(starts) if len(pairs) > len(starts) else starts.keys() & pairs
        if singles:                                      # matches one character long
            hits |= {key for key in starts if key[:1] in singles}
        positions = sorted(itertools.chain.from_iterable(starts[key] for key in hits))
        return None if len(positions) * _CANDIDATE_RATIO > len(self.text) else positions

    def _index(self) -> dict[str, list[int]]:
        """Where a match may start, by the first two characters there."""
        if self._starts is None:
            keys = _NON_ASCII.sub(_STAR, self.text).lower()      # the text as its pairs see it
            self._starts = defaultdict(list)
            for position in [start.start() for start in _STARTS.finditer(self.text)]:
                self._starts[keys[position:position + 2]].append(position)
        return self._starts


def first_pairs(regex: re.Pattern[str]) -> tuple[frozenset[str] | None, frozenset[str]]:
    """The first two characters of each match of a rule (None when they cannot be told), and the
    single characters of matches that may be one character long."""
    key = id(regex)
    if key not in _PAIRS:
        pairs = _first_pairs(regex)
        singles = frozenset(p for p in pairs if len(p) < 2) if pairs else frozenset()
        _PAIRS[key] = (regex, pairs, singles)          # the regex kept alive: its id stays its own
    return _PAIRS[key][1:]


_PAIRS: dict[int, tuple[re.Pattern[str], frozenset[str] | None, frozenset[str]]] = {}


class _Unknown(Exception):
    """The first characters of a pattern cannot be told."""


def _first_pairs(regex: re.Pattern[str]) -> frozenset[str] | None:
    pattern = regex.pattern
    if not pattern.startswith(RULE_PREFIX) or regex.flags & ~re.UNICODE != FLAGS:
        return None
    try:
        pairs = _sequence(sre_parse.parse(pattern[len(RULE_PREFIX):], FLAGS))
    except (_Unknown, re.error, RecursionError):
        return None
    if "" in pairs or any(pair[:1].isspace() for pair in pairs):
        return None
    return frozenset(pairs)


def _then(first: set[str], second: set[str]) -> set[str]:
    """The pairs of one thing followed by another: a start shorter than two characters is one
    that may end there, so what follows continues it."""
    return {p for p in first if len(p) == 2} | {(p + q)[:2] for p in first if len(p) < 2 for q in second}


def _sequence(items) -> set[str]:
    pairs = {""}
    for op, av in items:
        pairs = _then(pairs, _item(op, av))
        if all(len(p) == 2 for p in pairs):
            break
    return pairs


def _item(op, av) -> set[str]:
    c = sre_constants
    if op is c.LITERAL:
        return _forms(chr(av))
    if op in (c.NOT_LITERAL, c.ANY):
        return set(_ANY)
    if op is c.IN:
        return _charset(av)
    if op is c.BRANCH:
        return set().union(*(_sequence(branch) for branch in av[1]))
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        least, most, item = av
        once, pairs, repeated = _sequence(item), set(), {""}
        for times in range(max(least, min(most, 2)) + 1):      # two repetitions give all pairs
            if times >= least:
                pairs |= repeated
            repeated = _then(repeated, once)
        return pairs
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):         # zero width: passed over
        return {""}
    raise _Unknown(op)


def _charset(items) -> set[str]:
    c = sre_constants
    chars: set[str] = set()
    for op, av in items:
        if op is c.NEGATE:
            return set(_ANY)
        if op is c.LITERAL:
            chars |= _forms(chr(av))
        elif op is c.RANGE:
            members = range(av[0], av[1] + 1) if av[1] - av[0] < 1024 else range(av[0], min(av[1], 127) + 1)
            chars |= {form for i in members for form in _forms(chr(i))} | ({_STAR} if av[1] > 127 else set())
        elif op is c.CATEGORY and av in _CATEGORIES:
            chars |= {a.lower() for a in _ASCII if _CATEGORIES[av].match(a)} | {_STAR}
        else:
            raise _Unknown(op)
    return chars


@functools.lru_cache(maxsize=None)
def _forms(char: str) -> frozenset[str]:
    """How a character of a pattern may look in a text's pairs, ignoring case."""
    if char.isascii():
        return frozenset({char.lower(), _STAR} if char.isalpha() else {char})
    literal = re.compile(re.escape(char), FLAGS)
    return frozenset({_STAR} | {a.lower() for a in _ASCII if literal.fullmatch(a)})
