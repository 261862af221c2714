"""Event types: a small taxonomy aligned with ACLED and CAMEO, assigned by per-language cue words.

A language's cues (`lang/<code>/event_types.yaml`; its header describes the format) compile once
per `Language`, with the inflection of its `morphology` section, into tables of all inflected
forms: what a form means is looked up by its text. Every form ends at the end of its word, so
forms that share a spelling (the noun "Treffen", the verb "treffen") share one entry, and a noun
counts only when the word is capitalised. A word is a form or, as a compound, ends in one
("Massenfestnahmen"); phrases ("ums Leben") are matched by a regex where their first word stands.
What the words of a token mean is looked up once and remembered.
One pass over a sentence collects the cue terms of each clause and joins separable verbs with
their particle at the clause end; a cue holds when all its slots occur in one clause and none of
its exclusions does, and the sentence gets the first type in the taxonomy with a cue that holds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate, compress
from typing import Any, NamedTuple

from ruamel.yaml import YAML

from ..caching import Memo
from ..lang import Language
from ..lang.checked import DataFile, check_keys, check_list
from ..lang.gaps import gap_parts
from ..lang.patterns import alternation
from .language_data import event_types_data

#: a separable particle counts only at the end of its clause ("setzte ihn am Mittwoch ab."): before
#: punctuation or a clause joiner ({joiners})
_CLAUSE_END = r"(?=\s?(?:[.,;:!?…\"'“”„»«)\]–—-]|$)|\s(?:{joiners})\b)"
#: clauses end at ";", ":" and "," except in a number
_BOUNDARY = re.compile(r"[;:]|,(?!\d)")
#: what a token holds: clause boundaries and words
_PIECES = re.compile(rf"(?P<boundary>{_BOUNDARY.pattern})|\w+")
#: how many tokens a matcher remembers what they hold
_KNOWN_TOKENS = 1 << 16
#: what may stand between a sentence start or a colon and the first word: "Er sagte: „Wir …"
_OPENERS = frozenset(" \"'„“”»«‚‘’([-–")
#: an inseparable prefix leaves at least this many letters of a verb ("gehen" and "beten" have none)
_SHORTEST_PREFIXED_STEM = 4


@functools.cache
def taxonomy() -> tuple[dict[str, Any], ...]:
    """The event types in order of precedence, as in `timeline/data/event_types.yaml`."""
    path = resources.files("timeline") / "data" / "event_types.yaml"
    file = DataFile(path, "data/event_types.yaml")
    data = check_keys(YAML(typ="safe").load(path.read_text(encoding="utf-8")), file, required=("types",))
    types = check_list(data["types"], file, ["types"])
    for index, entry in enumerate(types):
        check_keys(entry, file, ["types", index], required=("id", "label", "short", "description", "acled", "cameo"))
    return tuple(dict(t) for t in types)


def event_type_ids() -> tuple[str, ...]:
    return tuple(t["id"] for t in taxonomy())


def classify_event(sentence: str, language: Language) -> str | None:
    """The type id of the happening `sentence` reports, or None when it has no cue of any type."""
    matcher = language.compiled(_matcher)
    if matcher is None:
        return None
    rank = min(map(matcher.rank, filter(None, matcher.clauses(sentence))), default=len(matcher.type_ids))
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

    def merged(self, other: _Hit) -> _Hit:
        return _Hit(self.terms | other.terms, self.nouns | other.nouns, self.verbs | other.verbs)


_NOTHING = _Hit()


@dataclass(frozen=True)
class _Cue:
    rank: int                                # position of its type in the taxonomy
    slots: tuple[frozenset[str], ...]        # each slot: terms of which one must occur
    unless: frozenset[str] = frozenset()     # terms that must not occur


class _Word(NamedTuple):
    """What a word may be in a text."""

    particle: bool                           # a separable verb's particle, if its clause ends after it
    phrase: bool                             # the first word of a phrase, if the phrase follows
    form: tuple[int, _Hit] | None            # else the form it is or ends in (see `_compound_tail`)


_NO_VERB: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


@dataclass(eq=False)
class _Matcher:
    at_start: dict[str, _Hit]                # forms of a whole word or phrase
    inner: dict[str, _Hit]                   # forms that end a compound
    tail: re.Pattern[str]                    # the forms that end a compound, at the end of a text
    particles: frozenset[str]
    phrase_starts: frozenset[str]            # the first words of the phrases ("ums" of "ums leben")
    phrase: re.Pattern[str]                  # a phrase with any short ending
    cues: dict[str, list[_Cue]]              # term -> the cues with a slot it fills, best first
    separable: dict[tuple[str, str], str]   # (particle, infinitive), both respelled -> term
    type_ids: tuple[str, ...]
    clause_end: re.Pattern[str]              # where a separable particle ends its clause (`_CLAUSE_END`)
    spellings: tuple[tuple[str, str], ...]   # letters compared as others ("ß" as "ss")
    #: token -> what it holds (`_token`), remembered as news repeat their vocabulary
    known: Memo[str, tuple[tuple[int, str, _Word | None], ...]] = field(init=False)

    def __post_init__(self) -> None:
        self.known = Memo(self._token, _KNOWN_TOKENS)

    def clauses(self, sentence: str) -> Iterator[set[str]]:
        """The cue terms of each clause of `sentence`.

        Most words are no cue, and what a word may be depends only on its letters: the words of
        interest and the clause boundaries of each token (what stands between two spaces) are
        found once per token, and only those tokens are visited. A word is a particle when its
        clause ends after it, else the start of a phrase when the phrase follows, else a form or,
        from its second letter on, a compound ending in one."""
        for letter, spelling in self.spellings:
            sentence = sentence.replace(letter, spelling)
        cased = " ".join(sentence.split())
        text = cased.lower()
        if len(text) != len(cased):         # a letter whose lower case is longer: case unknown
            cased = text.upper()
        tokens = text.split(" ")
        ends = list(accumulate(map(len, tokens)))
        found = list(map(self.known.__getitem__, tokens))
        terms: set[str] = set()
        #: the last finite verb's terms and infinitives: its terms wait for a possible particle
        pending = _NO_VERB
        resume = 0                          # the end of the last phrase, whose words are read
        for index, events in compress(enumerate(found), found):
            start = ends[index - 1] + index if index else 0
            for at, word, reading in events:
                offset = start + at
                if offset < resume:
                    continue
                if reading is None:         # a clause boundary
                    yield terms | pending[0]
                    terms, pending = set(), _NO_VERB
                    continue
                if reading.particle and self.clause_end.match(text, offset + len(word)):
                    terms.update(filter(None, (self.separable.get((word, verb)) for verb in pending[1])))
                    pending = _NO_VERB
                    continue
                form = reading.form
                if reading.phrase and (phrase := self.phrase.match(text, offset)):
                    hit = self.at_start.get(phrase.group())
                    if hit is not None:
                        resume, form = phrase.end(), (0, hit)
                    else:                   # the word itself was not tried: the phrase came first
                        form = self._compound_tail(word)
                if form is None:
                    continue
                at, hit = form
                if hit.nouns or cased[offset + at].isupper():
                    hit_terms, verbs = _reading(text, cased, offset + at, hit)
                else:                       # the most frequent case: where it stands is no matter
                    hit_terms, verbs = hit.terms, hit.verbs
                if verbs:
                    terms |= pending[0]
                    pending = (hit_terms, verbs)
                else:
                    terms |= hit_terms
        yield terms | pending[0]

    def _token(self, token: str) -> tuple[tuple[int, str, _Word | None], ...]:
        """The clause boundaries (with None) and the words of interest of a token, in order, each
        with its offset. A boundary at the token's end is one: a space or nothing follows."""
        if token.isalnum():                 # one word, the most frequent case
            word = self._word(token)
            return ((0, token, word),) if word else ()
        events: list[tuple[int, str, _Word | None]] = []
        for match in _PIECES.finditer(token):
            if match.lastgroup == "boundary":
                events.append((match.start(), match.group(), None))
            elif word := self._word(match.group()):
                events.append((match.start(), match.group(), word))
        return tuple(events)

    def _word(self, word: str) -> _Word | None:
        """What a word may be, None for nothing of interest."""
        hit = self.at_start.get(word)
        form = (0, hit) if hit is not None else self._compound_tail(word)
        particle, phrase = word in self.particles, word in self.phrase_starts
        return _Word(particle, phrase, form) if particle or phrase or form else None

    def _compound_tail(self, word: str) -> tuple[int, _Hit] | None:
        """The longest form that ends a word after its first letter, with the offset of the
        word's letters (its start, or where an underscore ends): their case counts."""
        match = self.tail.search(word, 1)
        if match is None:
            return None
        start = match.start()
        while start > 0 and word[start - 1].isalnum():
            start -= 1
        return start, self.inner[match.group()]

    def rank(self, terms: set[str]) -> int:
        """The best (lowest) rank of the cues that hold in a clause with these terms."""
        best = len(self.type_ids)
        for term in terms:
            for cue in self.cues.get(term, ()):         # best first
                if cue.rank >= best:
                    break
                # a cue of one slot holds with the term, which fills it
                if ((len(cue.slots) == 1 or all(not slot.isdisjoint(terms) for slot in cue.slots))
                        and cue.unless.isdisjoint(terms)):
                    best = cue.rank
                    break
        return best


def _reading(text: str, cased: str, start: int, hit: _Hit) -> tuple[frozenset[str], frozenset[str]]:
    """The terms and verbs a form in the word at `start` in `text` stands for: a noun only in a
    capitalised word, anything else only in a word in lower case, except where case says nothing."""
    if not (hit.nouns or cased[start].isupper()):      # where it stands is no matter
        return hit.terms, hit.verbs
    if _opens_sentence(text, start) or cased[start:start + 2].isupper():
        return hit.terms | hit.nouns, hit.verbs
    if cased[start].isupper():
        return hit.nouns, frozenset()
    return hit.terms, hit.verbs


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of a sentence or of a quote or list after a colon,
    where a capital letter says nothing about nouns."""
    while start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    return start == 0 or text[start - 1] in ".:!?"


def _matcher(language: Language) -> _Matcher | None:
    """What `classify_event` compiles from the language's event_types.yaml, once per `Language`."""
    data = event_types_data(language)
    return _Compiler(data).matcher() if data else None


class _Compiler:
    """Turns a language's cue data into a `_Matcher`."""

    def __init__(self, data: Mapping[str, Any]):
        self.data = data
        morphology = data["morphology"]
        self.spellings = tuple((str(k), str(v)) for k, v in morphology["spellings"].items())
        self.noun_endings = tuple(map(str, morphology["noun_endings"]))
        self.adjective_endings = tuple(map(str, morphology["adjective_endings"]))
        #: person and tense endings: finite forms, which a particle at the clause end may complete
        self.finite_endings = tuple(map(str, morphology["finite_endings"]))
        #: participles, also with an adjective ending ("getöteten", "protestierende")
        self.participle_endings = tuple(p + a for p in map(str, morphology["participle_endings"])
                                        for a in self.adjective_endings)
        self.participle_prefix = str(morphology["participle_prefix"])
        self.infinitive_infix = str(morphology["infinitive_infix"])
        self.unprefixed_participles = tuple(map(str, morphology["unprefixed_participles"]))
        self.inseparable = tuple(map(str, morphology["inseparable_prefixes"]))
        #: infinitive ending -> what the stem leaves out, longest ending first
        self.infinitive_endings = sorted(((str(k), str(v)) for k, v in morphology["infinitive_endings"].items()),
                                         key=lambda item: -len(item[0]))
        self.clause_end = re.compile(_CLAUSE_END.format(joiners="|".join(map(str, morphology["clause_joiners"]))))
        self.stem_table = {self.respell(k): tuple(self.respell(s) for s in v)
                           for k, v in (data.get("verbs") or {}).items()}
        self.groups = {k: tuple(str(t) for t in v) for k, v in (data.get("groups") or {}).items()}
        self.phrases: set[str] = set()                  # forms of more than one word
        self.forms: dict[bool, dict[str, _Hit]] = {True: {}, False: {}}
        self.particles = {self.respell(p) for p in data.get("particles") or ()}
        self.separable: dict[tuple[str, str], str] = {}
        self.blocked: set[tuple[bool, str]] = set()     # forms of the words in `not`

    def respell(self, text: str) -> str:
        """Lower case with the language's `spellings` ("ss" for "ß"), so "Schießerei",
        "Schiesserei" and old "Schuß" match alike."""
        text = text.lower()
        for letter, spelling in self.spellings:
            text = text.replace(letter, spelling)
        return text

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
        for term_cues in cues.values():
            term_cues.sort(key=lambda cue: cue.rank)
        for word in self.data.get("not") or ():
            self.add_term(str(word), blocker=True)
        for at_word_start, form in self.blocked:
            self.forms[at_word_start][form] = _NOTHING
        inner = self.forms[False]
        at_start = dict(inner)
        for form, hit in self.forms[True].items():
            at_start[form] = hit.merged(inner[form]) if form in inner else hit
        longest = max(map(len, self.noun_endings + self.finite_endings + self.participle_endings))
        ending = rf"\w{{0,{longest}}}(?!\w)"
        phrases = dict.fromkeys(sorted(self.phrases))
        phrase = re.compile(rf"(?:{alternation(phrases)}){ending}" if phrases else "(?!)")
        tail = re.compile(rf"(?:{alternation(inner)})$")
        return _Matcher(at_start, inner, tail, frozenset(self.particles), frozenset(p.split()[0] for p in phrases),
                        phrase, cues, self.separable, type_ids, self.clause_end, self.spellings)

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
        parts = gap_parts(word)
        if len(parts) > 2 or not all(re.fullmatch(r"\w[\w -]*", part) for part in parts):
            raise ValueError(f"event_types.yaml: bad term {term!r}")
        exact, folded = term.endswith("!"), self.respell(word)
        if len(parts) == 2:                             # "setzen … ab": a separable verb
            verb, particle = map(self.respell, parts)
            self.separable[(particle, verb)] = term
            self.particles.add(particle)
            for stem, finite in self.stems(verb):
                for infix in ("", self.participle_prefix, self.infinitive_infix):
                    self.add_forms(True, particle + infix + stem, finite + self.participle_endings, hit)
                self.add_forms(True, stem, finite, _Hit(verbs=frozenset([verb])))
        elif " " in word:
            self.add_forms(True, folded, ("",), hit)
        elif word[0].isupper():
            noun = _NOTHING if blocker else _Hit(nouns=frozenset([term]))
            self.add_forms(term.startswith("^"), folded, ("",) if exact else self.noun_endings, noun)
        elif folded.endswith(tuple(ending for ending, _ in self.infinitive_endings)) and not exact:
            finite_hit = hit.merged(_Hit(verbs=frozenset([folded])))
            with_prefix = not (self.has_inseparable_prefix(folded) or folded.endswith(self.unprefixed_participles))
            for stem, finite in self.stems(folded):
                self.add_forms(True, stem, finite, finite_hit)
                self.add_forms(True, stem, self.participle_endings, hit)
                if with_prefix:
                    self.add_forms(True, self.participle_prefix + stem, self.participle_endings, hit)
        else:
            self.add_forms(True, folded, ("",) if exact else self.adjective_endings, hit)

    def has_inseparable_prefix(self, verb: str) -> bool:
        """Whether `verb` starts with a prefix such as "ver-" ("gehen" and "beten" do not: "ge-" and
        "be-" there are no prefixes, as the rest would be too short for a verb)."""
        return any(verb.startswith(p) and len(verb) - len(p) >= _SHORTEST_PREFIXED_STEM for p in self.inseparable)

    def add_forms(self, at_word_start: bool, literal: str, endings: tuple[str, ...], hit: _Hit) -> None:
        if " " in literal:
            self.phrases.add(literal)
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
            if verb[start:] in self.stem_table and (start == 0 or verb[:start] in self.inseparable):
                return [(verb[:start] + stem, self.finite_endings) for stem in self.stem_table[verb[start:]]]
        dropped = next((len(left_out) for ending, left_out in self.infinitive_endings if verb.endswith(ending)), 1)
        return [(verb[:-dropped], tuple(ending for ending in self.finite_endings if ending))]
