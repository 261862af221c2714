"""The matches of a language's rules in a text, found faster than one `finditer` per rule, and the same.

Running 80 rule regexes over every character of a report is most of the tagging time: Python's
regex engine spends ~10 ns on each character for each rule, ~2 ms for a 2.5 KB report. But every
rule pattern begins with the look-behind `(?<![\\w.])`, so a match can only start where no word
character or period comes before; and from its parsed pattern each rule can tell how its matches
may begin (`prefixes`: "am 1", "mont", "19", "8." …). A `Matcher` walks once through the possible
starts of its text and tries there, with `regex.match`, only the rules whose prefixes the text
continues with there, each skipping what its last match covered: exactly what `finditer` would
find. Each try costs ~0.3 µs, mostly failing, so the prefixes are five characters long where that
keeps them few (two would try every rule that may begin with an article at every "der").

Prefixes are lower-cased, a non-ASCII character is "?" (as `str.encode` puts it, so a question
mark is one too) and any ASCII space " ". A rule's prefixes may be too many, never too few: an
ASCII letter that a non-ASCII character matches ignoring case also allows "?" (the Kelvin sign
matches "k"), a non-ASCII one allows "?" and the ASCII letters it matches ignoring case ("ſ"
matches "s"), look-arounds are passed over. Where five characters would give too many prefixes,
fewer tell them. A rule whose prefixes cannot be told (a back-reference, a pattern that may match
nothing or begin with a space) or are too many even for two characters runs with `finditer`, and
so do all rules until the process has tagged `PAYS_OFF` characters: working out the prefixes takes
longer than tagging a few dozen reports without them.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from typing import AbstractSet, Any, Sequence

try:                                    # Python ≥ 3.11
    from re import _constants as sre_constants, _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:                     # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from ..caching import Memo
from ..lang import FLAGS, Rule

#: what _compile_rule puts before every rule's own pattern
RULE_PREFIX = r"(?<![\w.])"
#: characters tagged in this process before the rules' prefixes are worked out: that takes ~60 ms,
#: what tagging without them costs more over about as many characters
PAYS_OFF = 70_000
#: the characters of a start (at most) that pick the rules tried there
KEY_LENGTH = 5
#: prefixes beyond which a rule is told by fewer characters
_MOST_PREFIXES = 2000
#: pairs beyond which a rule runs over the whole text: they would pick most starts
_MOST_PAIRS = 500
#: keys whose rules are remembered at most (a key is a start's first characters)
_MOST_KEYS = 1 << 16
_NON_ASCII = "?"                 # as `str.encode` puts it
_SPACE = " "
_ASCII = [chr(i) for i in range(128)]
#: a text as prefixes see it, once `str.encode` has put "?" for its non-ASCII characters
_AS_KEYS = str.maketrans({c: _SPACE if c.isspace() else c.lower() for c in _ASCII if c.isspace() or c.isupper()})
#: the non-ASCII characters that match an ASCII one ignoring case: dotted and dotless i, long s and
#: the Kelvin sign (a test checks every character)
_LOOKALIKES = "\u0130\u0131\u017f\u212a"
_ANY = frozenset(c.translate(_AS_KEYS) for c in _ASCII) | {_NON_ASCII}
#: where a match may start: no rule's match starts with a space (`_prefixes_of` sees to it)
_STARTS = re.compile(rf"{RULE_PREFIX}\S")
_CATEGORIES = {getattr(sre_constants, f"CATEGORY_{name}"): re.compile(pattern) for name, pattern in
               (("DIGIT", r"\d"), ("NOT_DIGIT", r"\D"), ("WORD", r"\w"), ("NOT_WORD", r"\W"),
                ("SPACE", r"\s"), ("NOT_SPACE", r"\S"))}
_tagged = 0


class RuleIndex:
    """Which of some rules may match where a text continues with a key (its next `KEY_LENGTH`
    characters as prefixes see them). Made once for a list of rules; their prefixes are worked out
    on first use, and the rules of each key when a text first has it."""

    def __init__(self, rules: Sequence[Rule]):
        self.rules = tuple(rules)
        self.matchers = tuple(rule.regex.match for rule in self.rules)
        #: key → its rules in their order (`rules_at`), for the keys seen so far
        self.at: Memo[str, tuple[int, ...]] = Memo(self.rules_at, _MOST_KEYS)
        self._by_prefix: dict[str, set[int]] = {}      # prefix → the rules with it
        self._unindexed: tuple[int, ...] | None = None

    @property
    def unindexed(self) -> tuple[int, ...]:
        """The rules that run with `finditer`: their prefixes cannot be told or are too many."""
        if self._unindexed is None:
            self._prepare()
        assert self._unindexed is not None
        return self._unindexed

    def rules_at(self, key: str) -> tuple[int, ...]:
        """The rules a match of which may begin where a text continues with `key` (`at` remembers
        them)."""
        rules: set[int] = set()
        for length in range(1, KEY_LENGTH + 1):
            rules.update(self._by_prefix.get(key[:length], ()))
        return tuple(sorted(rules))

    def _prepare(self) -> None:
        unindexed = []
        for i, rule in enumerate(self.rules):
            found = prefixes(rule.regex)
            if found is None:
                unindexed.append(i)
            for prefix in found or ():
                self._by_prefix.setdefault(prefix, set()).add(i)
        self._unindexed = tuple(unindexed)


class Matcher:
    """The rules' matches in one text."""

    def __init__(self, text: str):
        global _tagged
        self.text = text
        self.indexed = _tagged >= PAYS_OFF
        _tagged += len(text)

    def find_each(self, index: RuleIndex, active: Sequence[bool]) -> list[tuple[int, re.Match[str]]]:
        """What `rule.regex.finditer(text)` yields for each of the index's rules that is `active`
        (say, one that can match), with the rule's position in the index, rule after rule."""
        text, rules = self.text, index.rules
        found: list[tuple[int, re.Match[str]]] = []
        for i in index.unindexed if self.indexed else range(len(rules)):
            if active[i]:
                found += ((i, match) for match in rules[i].regex.finditer(text))
        if not self.indexed:
            return found
        keys = text.encode("ascii", "replace").decode("ascii").translate(_AS_KEYS)
        matchers, ends = index.matchers, [0] * len(rules)
        positions = [start.start() for start in _STARTS.finditer(text)]
        rules_at = list(map(index.at.__getitem__, [keys[position:position + KEY_LENGTH] for position in positions]))
        for position, here in itertools.compress(zip(positions, rules_at), rules_at):     # most starts have none
            for i in here:
                if active[i] and position >= ends[i] and (match := matchers[i](text, position)):
                    found.append((i, match))
                    ends[i] = max(match.end(), position + 1)
        found.sort(key=_RULE)                   # stable: each rule's matches stay in their order
        return found


_RULE = operator.itemgetter(0)


@functools.lru_cache(maxsize=None)
def prefixes(regex: re.Pattern[str]) -> frozenset[str] | None:
    """How the matches of a rule begin: their first `KEY_LENGTH` characters, or fewer where those
    would be too many (shorter ones are whole matches); None when they cannot be told."""
    found = _prefixes_of(regex, 2)
    if found is None or len(found) > _MOST_PAIRS:
        return None
    shorter = None
    for length in range(3, KEY_LENGTH + 1):
        if shorter and len(found) ** 2 > _MOST_PREFIXES * len(shorter):
            break                       # growing by the same factor once more, they would be too many
        longer = _prefixes_of(regex, length)
        if longer is None or len(longer) > _MOST_PREFIXES:
            break
        shorter, found = found, longer
    return found


class _Unknown(Exception):
    """The first characters of a pattern cannot be told (or are too many to tell)."""


def _prefixes_of(regex: re.Pattern[str], length: int) -> frozenset[str] | None:
    pattern = regex.pattern
    if not pattern.startswith(RULE_PREFIX) or regex.flags & ~re.UNICODE != FLAGS:
        return None
    try:
        found = _sequence(_parse(pattern[len(RULE_PREFIX):]), length)
    except (_Unknown, re.error, RecursionError):
        return None
    if "" in found or any(prefix[:1] == _SPACE for prefix in found):
        return None
    return frozenset(found)


@functools.lru_cache(maxsize=None)
def _parse(pattern: str) -> Any:
    return sre_parse.parse(pattern, FLAGS)


#: prefixes of a part of a pattern beyond which the pattern's are too many to tell
_MOST_PARTIAL = 10 * _MOST_PREFIXES


def _then(first: AbstractSet[str], second: AbstractSet[str], length: int) -> AbstractSet[str]:
    """The prefixes of one thing followed by another: a prefix shorter than `length` is one that
    may end there, so what follows continues it."""
    if len(first) == 1 and "" in first:        # nothing before
        return second
    short = [p for p in first if len(p) < length]
    if len(short) * len(second) > _MOST_PARTIAL:
        raise _Unknown("too many")
    return {p for p in first if len(p) == length} | {(p + q)[:length] for p in short for q in second}


def _sequence(items: Any, length: int) -> AbstractSet[str]:
    found: AbstractSet[str] = {""}
    shortest = 0
    for op, av in items:
        found = _then(found, _item(op, av, length - shortest), length)
        shortest = min(map(len, found))
        if shortest == length:
            break
    return found


def _item(op: Any, av: Any, length: int) -> AbstractSet[str]:
    """The prefixes of one part of a pattern, at most `length` characters long: no longer than
    still needed."""
    c = sre_constants
    if op is c.LITERAL:
        return _forms(chr(av))
    if op in (c.NOT_LITERAL, c.ANY):
        return _ANY
    if op is c.IN:
        return _charset(av)
    if op is c.BRANCH:
        return set().union(*(_sequence(branch, length) for branch in av[1]))
    if op is c.SUBPATTERN:
        return _sequence(av[-1], length)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(av, length)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        least, most, item = av
        once, repeated = _sequence(item, length), {""}
        found: set[str] = set()
        for times in range(max(least, min(most, length)) + 1):      # `length` repetitions give all
            if times >= least:
                found |= repeated
            repeated = _then(repeated, once, length)
        return found
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):         # zero width: passed over
        return {""}
    raise _Unknown(op)


def _charset(items: Any) -> set[str]:
    c = sre_constants
    chars: set[str] = set()
    for op, av in items:
        if op is c.NEGATE:
            return set(_ANY)
        if op is c.LITERAL:
            chars |= _forms(chr(av))
        elif op is c.RANGE:
            members = range(av[0], av[1] + 1) if av[1] - av[0] < 1024 else range(av[0], min(av[1], 127) + 1)
            chars |= {form for i in members for form in _forms(chr(i))} | ({_NON_ASCII} if av[1] > 127 else set())
        elif op is c.CATEGORY and av in _CATEGORIES:
            chars |= {a.translate(_AS_KEYS) for a in _ASCII if _CATEGORIES[av].match(a)} | {_NON_ASCII}
        else:
            raise _Unknown(op)
    return chars


@functools.lru_cache(maxsize=None)
def _forms(char: str) -> frozenset[str]:
    """How a character of a pattern may look in a text's keys, ignoring case."""
    literal = re.compile(re.escape(char), FLAGS)
    if char.isascii():
        lookalike = any(map(literal.fullmatch, _LOOKALIKES))
        return frozenset({char.translate(_AS_KEYS)} | ({_NON_ASCII} if lookalike else set()))
    return frozenset({_NON_ASCII} | {a.translate(_AS_KEYS) for a in _ASCII if literal.fullmatch(a)}
                     | ({_SPACE} if char.isspace() else set()))
