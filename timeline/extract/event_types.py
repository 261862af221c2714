"""Event types: a small taxonomy aligned with ACLED and CAMEO, assigned by per-language cue words.

A language's cues (`lang/<code>/event_types.yaml`; its header describes the format) compile once
into one regular expression that recognises the stems of all cue words, as a trie (the engine
tries each letter once per position instead of each cue in turn), followed by any short ending. What a recognised form means is looked up by its text in a table of all inflected forms: every
form ends at the end of its word, so forms that share a spelling (the noun "Treffen", the verb
"treffen") share one entry, and a noun counts only when the word is capitalised.
One pass over a sentence collects the cue terms of each clause and joins separable verbs with
their particle at the clause end; a cue holds when all its slots occur in one clause and none of
its exclusions does, and the sentence gets the first type in the taxonomy with a cue that holds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterator

from ruamel.yaml import YAML

from ..lang import _alternation, load_language

_NOUN_ENDINGS = ("", "e", "en", "es", "in", "innen", "m", "n", "ns", "r", "s")
_ADJ_ENDINGS = ("", "e", "en", "em", "er", "es")
#: person and tense endings: finite forms, which a particle at the clause end may complete
_FINITE_ENDINGS = ("", "e", "en", "est", "et", "ete", "eten", "etest", "etet", "n", "st", "t", "te", "ten", "test", "tet")
#: participles, also with an adjective ending ("getöteten", "protestierende")
_PARTICIPLE_ENDINGS = tuple(p + a for p in ("t", "et", "en", "end") for a in _ADJ_ENDINGS)
#: a separable particle counts only at the end of its clause: "setzte ihn am Mittwoch ab."
_CLAUSE_END = r"(?=\s?(?:[.,;:!?…\"'“”„»«)\]–—-]|$)|\s(?:und|oder|sondern|denn|sowie|bzw)\b)"
_BOUNDARY = r"[;:]|,(?!\d)"
#: what may stand between a sentence start or a colon and the first word: "Er sagte: „Wir …"
_OPENERS = frozenset(" \"'„“”»«‚‘’([-–")
#: verb prefixes that are never separated and take no "ge" in the participle ("verhaftet", "erschossen")
_INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "über", "unter", "durch", "wider", "hinter")


def fold(text: str) -> str:
    """Lower case and "ss" for "ß", so "Schießerei", "Schiesserei" and old "Schuß" match alike."""
    return text.lower().replace("ß", "ss")


@functools.lru_cache(maxsize=None)
def taxonomy() -> tuple[dict[str, Any], ...]:
    """The event types in order of precedence, as in `timeline/data/event_types.yaml`."""
    text = (resources.files("timeline") / "data" / "event_types.yaml").read_text(encoding="utf-8")
    return tuple(dict(t) for t in YAML(typ="safe").load(text)["types"])


def event_type_ids() -> tuple[str, ...]:
    return tuple(t["id"] for t in taxonomy())


def classify_event(sentence: str, lang: str = "de") -> str | None:
    """The type id of the happening `sentence` reports, or None when it has no cue of any type."""
    matcher = _matcher(lang)
    if matcher is None:
        return None
    rank = min((matcher.rank(clause) for clause in matcher.clauses(sentence) if clause), default=len(matcher.type_ids))
    return matcher.type_ids[rank] if rank < len(matcher.type_ids) else None


@dataclass(frozen=True)
class _Hit:
    """What a recognised word form means for the clause it stands in."""

    #: terms that count in a word in lower case ("treffen", not the noun "Treffen"; "sprach", not "Sprache")
    terms: frozenset[str] = frozenset()
    #: noun terms: they count only in a capitalised word ("Treffen", not "treffen", "betreffen")
    nouns: frozenset[str] = frozenset()
    #: infinitives this form is a finite form of: a particle at the clause end may complete it
    verbs: frozenset[str] = frozenset()

    def merged(self, other: "_Hit") -> "_Hit":
        return _Hit(self.terms | other.terms, self.nouns | other.nouns, self.verbs | other.verbs)


_NOTHING = _Hit()


@dataclass(frozen=True)
class _Cue:
    rank: int                                # position of its type in the taxonomy
    slots: tuple[frozenset[str], ...]        # each slot: terms of which one must occur
    unless: frozenset[str] = frozenset()     # terms that must not occur


@dataclass
class _Matcher:
    regex: re.Pattern[str]
    at_start: dict[str, _Hit]                # forms that start at a word start
    inner: dict[str, _Hit]                   # forms that end a compound
    cues: dict[str, list[_Cue]]              # term -> the cues with a slot it fills
    separable: dict[tuple[str, str], str]   # (particle, infinitive), both folded -> term
    type_ids: tuple[str, ...]

    def hits(self, sentence: str) -> Iterator[tuple[str, str, frozenset[str], frozenset[str]]]:
        """The boundaries, particles and cue word forms of `sentence`, in order, each with the
        terms it stands for and the verbs it may be a finite form of.

        The regex recognises a known stem with any short ending; a form whose ending is not one
        of its stem's is looked for again from the next letter on, where a compound's last part
        may start."""
        cased = " ".join(sentence.replace("ß", "ss").replace("ẞ", "SS").split())
        text = cased.lower()
        if len(text) != len(cased):         # a letter whose lower case is longer: case unknown
            cased = text.upper()
        pos = 0
        while match := self.regex.search(text, pos):
            kind, form = match.lastgroup or "", match.group()
            if kind not in ("whole", "inner"):
                yield kind, form, frozenset(), frozenset()
                pos = match.end()
                continue
            hit = (self.at_start if kind == "whole" else self.inner).get(form)
            if hit is None:
                pos = match.start() + 1
                continue
            start = match.start()
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            if _opens_sentence(text, start) or cased[start:start + 2].isupper():
                yield kind, form, hit.terms | hit.nouns, hit.verbs
            elif cased[start].isupper():
                yield kind, form, hit.nouns, frozenset()
            else:
                yield kind, form, hit.terms, hit.verbs
            pos = match.end()

    def clauses(self, sentence: str) -> Iterator[set[str]]:
        """The cue terms of each clause of `sentence`."""
        terms: set[str] = set()
        #: the last finite verb's terms and infinitives: its terms wait for a possible particle
        pending: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        for kind, form, hit_terms, verbs in self.hits(sentence):
            if kind == "particle":
                terms.update(filter(None, (self.separable.get((form, verb)) for verb in pending[1])))
                pending = (frozenset(), frozenset())
                continue
            if verbs or kind == "boundary":
                terms |= pending[0]
                pending = (frozenset(), frozenset())
            if kind == "boundary":
                yield terms
                terms = set()
            elif verbs:
                pending = (hit_terms, verbs)
            else:
                terms |= hit_terms
        yield terms | pending[0]

    def rank(self, terms: set[str]) -> int:
        """The best (lowest) rank of the cues that hold in a clause with these terms."""
        best = len(self.type_ids)
        for term in terms:
            for cue in self.cues.get(term, ()):
                if (cue.rank < best and all(not slot.isdisjoint(terms) for slot in cue.slots)
                        and cue.unless.isdisjoint(terms)):
                    best = cue.rank
        return best


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of a sentence or of a quote or list after a colon,
    where a capital letter says nothing about nouns."""
    while start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    return start == 0 or text[start - 1] in ".:!?"


@functools.lru_cache(maxsize=None)
def _matcher(lang: str) -> _Matcher | None:
    data = load_language(lang).data.get("event_types")
    return _Compiler(data).matcher() if data else None


def _has_inseparable_prefix(verb: str) -> bool:
    """Whether `verb` starts with a prefix such as "ver-" ("gehen" and "beten" do not: "ge-" and
    "be-" there are no prefixes, as the rest would be too short for a verb)."""
    return any(verb.startswith(p) and len(verb) - len(p) >= 4 for p in _INSEPARABLE)


class _Compiler:
    """Turns a language's cue data into a `_Matcher`."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.stem_table = {fold(k): tuple(fold(s) for s in v) for k, v in (data.get("verbs") or {}).items()}
        self.groups = {k: tuple(str(t) for t in v) for k, v in (data.get("groups") or {}).items()}
        self.stems_at: dict[bool, set[str]] = {True: set(), False: set()}
        self.forms: dict[bool, dict[str, _Hit]] = {True: {}, False: {}}
        self.particles = {fold(p) for p in data.get("particles") or ()}
        self.separable: dict[tuple[str, str], str] = {}
        self.blocked: set[tuple[bool, str]] = set()     # forms of the words in `not`

    def matcher(self) -> _Matcher:
        type_ids = event_type_ids()
        cues: dict[str, list[_Cue]] = {}
        for type_id, specs in (self.data.get("cues") or {}).items():
            if type_id not in type_ids:
                raise ValueError(f"event_types.yaml: unknown event type {type_id!r}")
            for spec in specs:
                cue = self.cue(type_ids.index(type_id), str(spec))
                for term in set().union(*cue.slots):
                    cues.setdefault(term, []).append(cue)
        for word in self.data.get("not") or ():
            self.add_term(str(word), blocker=True)
        for at_word_start, form in self.blocked:
            self.forms[at_word_start][form] = _NOTHING
        inner = self.forms[False]
        at_start = dict(inner)
        for form, hit in self.forms[True].items():
            at_start[form] = hit.merged(inner[form]) if form in inner else hit
        ending = rf"\w{{0,{max(map(len, _NOUN_ENDINGS + _FINITE_ENDINGS + _PARTICIPLE_ENDINGS))}}}(?!\w)"
        trie = {key: _alternation(dict.fromkeys(words)) for key, words in self.stems_at.items()}
        regex = re.compile(
            rf"(?P<boundary>{_BOUNDARY})|(?<!\w)(?:(?P<particle>{_alternation(dict.fromkeys(self.particles))})"
            rf"{_CLAUSE_END}|(?P<whole>{trie[True]}){ending})|(?P<inner>{trie[False]}){ending}")
        return _Matcher(regex, at_start, inner, cues, self.separable, type_ids)

    def cue(self, rank: int, spec: str) -> _Cue:
        """A cue from "slot + slot - exclusion", each slot "term / term / @group"."""
        positive, _, negative = spec.partition(" - ")
        slots = tuple(frozenset(self.slot(s)) for s in positive.split(" + "))
        return _Cue(rank, slots, frozenset(self.slot(negative)) if negative else frozenset())

    def slot(self, text: str) -> list[str]:
        terms: list[str] = []
        for item in (t.strip() for t in text.split("/")):
            if item.startswith("@"):
                if item[1:] not in self.groups:
                    raise ValueError(f"event_types.yaml: unknown group {item!r}")
                terms += self.groups[item[1:]]
            else:
                terms.append(item)
        for term in terms:
            self.add_term(term)
        return terms

    def add_term(self, term: str, blocker: bool = False) -> None:
        """Add the forms of one term; the forms of a blocker (from `not`) mean nothing."""
        hit = _NOTHING if blocker else _Hit(terms=frozenset([term]))
        word = term.lstrip("^").rstrip("!")
        if not re.fullmatch(r"\w[\w |-]*", word):
            raise ValueError(f"event_types.yaml: bad term {term!r}")
        exact, folded = term.endswith("!"), fold(word)
        if " " in word:
            self.add_forms(True, folded, ("",), hit)
        elif "|" in word:
            particle, verb = folded.split("|")
            self.separable[(particle, verb)] = term
            self.particles.add(particle)
            for stem, finite in self.stems(verb):
                for infix in ("", "ge", "zu"):
                    self.add_forms(True, particle + infix + stem, finite + _PARTICIPLE_ENDINGS, hit)
                self.add_forms(True, stem, finite, _Hit(verbs=frozenset([verb])))
        elif word[0].isupper():
            noun = _NOTHING if blocker else _Hit(nouns=frozenset([term]))
            self.add_forms(term.startswith("^"), folded, ("",) if exact else _NOUN_ENDINGS, noun)
        elif folded.endswith("n") and not exact:
            finite_hit = hit.merged(_Hit(verbs=frozenset([folded])))
            with_ge = not (_has_inseparable_prefix(folded) or folded.endswith("ieren"))
            for stem, finite in self.stems(folded):
                self.add_forms(True, stem, finite, finite_hit)
                self.add_forms(True, stem, _PARTICIPLE_ENDINGS, hit)
                if with_ge:
                    self.add_forms(True, "ge" + stem, _PARTICIPLE_ENDINGS, hit)
        else:
            self.add_forms(True, folded, ("",) if exact else _ADJ_ENDINGS, hit)

    def add_forms(self, at_word_start: bool, literal: str, endings: tuple[str, ...], hit: _Hit) -> None:
        self.stems_at[at_word_start].add(literal)
        forms = self.forms[at_word_start]
        for ending in endings:
            form = literal + ending
            forms[form] = forms[form].merged(hit) if form in forms else hit
            if hit is _NOTHING:
                self.blocked.add((at_word_start, form))

    def stems(self, verb: str) -> list[tuple[str, tuple[str, ...]]]:
        """Stems of an infinitive, each with its finite endings. Strong verbs take their stems from
        the table, also with a prefix ("erschießen" from "schießen"), and a bare stem is a form
        ("nahm"); a weak verb has one stem ("verhaften" -> "verhaft") that is no form alone
        ("Besuch" is no form of "besuchen")."""
        for start in range(len(verb)):
            if verb[start:] in self.stem_table and (start == 0 or verb[:start] in _INSEPARABLE):
                return [(verb[:start] + stem, _FINITE_ENDINGS) for stem in self.stem_table[verb[start:]]]
        stem = verb[:-1] if verb.endswith(("ern", "eln")) or not verb.endswith("en") else verb[:-2]
        return [(stem, _FINITE_ENDINGS[1:])]
