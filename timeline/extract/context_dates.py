"""Dates from context: a sentence without a temporal expression of its own takes the date of the
event it continues, or the publication date when it states how things are now; otherwise it
stays undated. The rules and their word lists are in `lang/<code>/context.yaml`."""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from ..caching import Memo
from ..lang import load_language
from ..lang.patterns import alternation
from ..model import DateValue, Mention, Sentence
from ..temporal import Reference
from ..temporal.tag import TENSE_FLAG_BITS, detect_tense, tense_flags, tense_of_flags
from ..temporal.values import granularity_of, interval_of

_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"\w*")
#: how many tokens (what stands between spaces) `_TokenFlags` remembers
_KNOWN_TOKENS = 1 << 16

#: what a word (a run of word characters) is to the rules, as bit flags: its tense flags
#: (`tense_flags`), those flags again unless it is a present state auxiliary (see `_tells_now`),
#: then whether it is a state word, a pluperfect auxiliary, a subjunctive, a participle or has a
#: letter beyond Latin-1; then each cue list's flag for its first words. A token's flags are
#: those of its words together, and so are a sentence's.
_TENSE = (1 << TENSE_FLAG_BITS) - 1
_UNLESS_AUXILIARY = TENSE_FLAG_BITS
_STATE, _PLUPERFECT, _SUBJUNCTIVE, _PARTICIPLE, _FOREIGN = (1 << bit for bit in range(2 * TENSE_FLAG_BITS,
                                                                                        2 * TENSE_FLAG_BITS + 5))
_CONTINUATION, _BLOCKING, _TIMELESS, _STATE_AUXILIARY = (_FOREIGN << bit for bit in range(1, 5))


def _latin1(text: str) -> bool:
    return text.isascii() or max(text) <= "\xff"


@dataclass(frozen=True)
class _Phrases:
    """Whole words and phrases, found case-insensitively."""

    regex: re.Pattern[str]
    #: their first words in lower case, or None when a sentence without them may still hold one
    first_words: frozenset[str] | None
    #: the flag of a token that is one of `first_words`
    flag: int
    #: the phrases in lower case when each is a single word (as `first_words`), else None
    words: frozenset[str] | None

    @classmethod
    def of(cls, phrases: Iterable[Any], flag: int) -> "_Phrases":
        """As a trie (each letter tried once, longer phrases first)."""
        phrases = [" ".join(str(p).split()) for p in phrases]
        pattern = alternation(dict.fromkeys(phrases))
        regex = re.compile(rf"(?<!\w)(?i:{pattern})(?!\w)") if pattern else re.compile(r"(?!)")
        first_words = [_WORD_START.match(p).group().lower() for p in phrases]
        known = all(first_words) and all(map(_latin1_case_is_lower_case, set("".join(first_words))))
        single = known and all(len(word) == len(p) for word, p in zip(first_words, phrases))
        return cls(regex, frozenset(first_words) if known else None, flag, frozenset(first_words) if single else None)

    def may_occur(self, found: int) -> bool:
        """Whether a text whose tokens have the flags `found` together may hold one of the phrases.
        Not when it lacks their first words and its words are written in Latin-1, where
        case-insensitive matching compares what `str.lower` gives (a phrase opens with a whole
        word): looking words up is much cheaper than a regex scan."""
        return self.first_words is None or bool(found & (self.flag | _FOREIGN))

    def find(self, text: str, found: int) -> re.Match[str] | None:
        """The first phrase in `text`, whose tokens have the flags `found`."""
        return self.regex.search(text) if self.may_occur(found) else None


@functools.lru_cache(maxsize=None)
def _latin1_case_is_lower_case(char: str) -> bool:
    """Whether a Latin-1 character matches `char` case-insensitively exactly when their lower
    cases are equal (not so for "i" and "s" in Unicode at large: "İ", "ı", "ſ")."""
    return len(char.lower()) == 1 and all(
        (re.fullmatch(re.escape(char), other, re.IGNORECASE) is not None) == (other.lower() == char.lower())
        for other in map(chr, range(256)))


@dataclass(frozen=True)
class _Cues:
    continuation: _Phrases
    blocking: _Phrases
    timeless: _Phrases
    state_auxiliaries: _Phrases
    state: frozenset[str]
    pluperfect: frozenset[str]
    subjunctive: frozenset[str]
    participle: re.Pattern[str]
    lang: str
    #: lower-case word -> its flags as a state word, pluperfect auxiliary, subjunctive, first word of a cue
    words: dict[str, int] = field(init=False)
    #: token (what stands between spaces) → the flags of its words
    tokens: Memo[str, int] = field(init=False)

    def __post_init__(self) -> None:
        words: dict[str, int] = {}
        for flag, listed in ((_STATE, self.state), (_PLUPERFECT, self.pluperfect), (_SUBJUNCTIVE, self.subjunctive),
                             *((p.flag, p.first_words or ()) for p in (self.continuation, self.blocking,
                                                                        self.timeless, self.state_auxiliaries))):
            for word in listed:
                words[word] = words.get(word, 0) | flag
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "tokens", Memo(self._token_flags, _KNOWN_TOKENS))

    def _token_flags(self, token: str) -> int:
        return functools.reduce(operator.or_, map(self._word_flags, _WORD.findall(token)), 0)

    def _word_flags(self, word: str) -> int:
        flags = self.words.get(word.lower(), 0)
        tense = tense_flags(word, self.lang)
        auxiliary = self.state_auxiliaries.words is not None and flags & _STATE_AUXILIARY
        return (flags | tense | (0 if auxiliary else tense) << _UNLESS_AUXILIARY
                | (_PARTICIPLE if word.islower() and self.participle.fullmatch(word) else 0)
                | (0 if _latin1(word) else _FOREIGN))

    def flags(self, text: str) -> int:
        """The flags of the words of a sentence together, looked up token by token: splitting at
        spaces is much cheaper than finding the words."""
        return functools.reduce(operator.or_, map(self.tokens.__getitem__, text.split()), 0)


@functools.lru_cache(maxsize=None)
def _cues(lang: str) -> _Cues:
    language = load_language(lang)
    data = language.data["context"] or {}
    return _Cues(
        continuation=_Phrases.of(data.get("continuation_cues") or [], _CONTINUATION),
        blocking=_Phrases.of(data.get("blocking_cues") or [], _BLOCKING),
        timeless=_Phrases.of(data.get("timeless_cues") or [], _TIMELESS),
        state_auxiliaries=_Phrases.of(data.get("present_state_auxiliaries") or [], _STATE_AUXILIARY),
        state=frozenset(str(w).lower() for w in data.get("state_words") or []),
        pluperfect=frozenset(str(w).lower() for w in data.get("pluperfect_auxiliaries") or []),
        subjunctive=frozenset(str(w).lower() for w in data.get("subjunctive_words") or []),
        participle=re.compile(language.tense["participle_pattern"]),     # the tense detector's, one definition
        lang=lang,
    )


def context_dates(sentences: Sequence[Sentence], own_dates: Sequence[DateValue | None],
                  actors: Sequence[Sequence[Mention]], reference: Reference | None,
                  lang: str = "de") -> list[DateValue | None]:
    """For each sentence: the date it takes from its context, or None (also for sentences that have
    a date of their own, `own_dates[i]`, and for headings)."""
    cues = _cues(lang)
    result: list[DateValue | None] = []
    previous: int | None = None                       # the event before: headings and states skipped
    dates: list[DateValue | None] = []                # own or inherited date of each sentence
    now = _publication_date(reference) if reference is not None else None
    for index, sentence in enumerate(sentences):
        date = None
        if sentence.heading:
            result.append(None)
            dates.append(own_dates[index])
            continue
        found = cues.flags(sentence.text)
        # a state word without a participle: "Er galt als …", not "Es sei zu Explosionen gekommen"
        state = bool(found & _STATE) and not found & _PARTICIPLE
        if own_dates[index] is None:
            date = _inherited(index, previous, sentences, found, state, dates, actors, cues, lang) or (
                now if now is not None and _tells_now(sentence.text, found, cues, lang) else None)
        result.append(date)
        dates.append(own_dates[index] or (date if date and date.basis == "inherited" else None))
        if not state:
            previous = index                          # a state ("Sie gilt von 22 bis 5 Uhr") is no event to continue
    return result


def _inherited(index: int, previous: int | None, sentences: Sequence[Sentence], found: int, state: bool,
               dates: list[DateValue | None], actors: Sequence[Sequence[Mention]], cues: _Cues,
               lang: str) -> DateValue | None:
    """The date of the event before when the sentence (its tokens' flags `found`; `state`: it
    describes a state) continues it."""
    if previous is None or dates[previous] is None or sentences[previous].paragraph != sentences[index].paragraph:
        return None
    text = sentences[index].text
    if state or cues.blocking.find(text, found) or (found & _PLUPERFECT and found & _PARTICIPLE):
        return None
    # the account goes on in the past tense; "ist/war/sei" + participle is mostly a state
    # ("sind frustriert", "sei geboten") and does not count (the tense, costlier, is judged last)
    if not (_opens_with_cue(text, found, cues) or _refers_back(actors[index], actors[previous])
            or (not found & _STATE and (tense_of_flags(found & _TENSE) or detect_tense(text, lang)) == "past")):
        return None
    return replace(dates[previous], basis="inherited")


def _opens_with_cue(text: str, found: int, cues: _Cues) -> bool:
    match = cues.continuation.find(text, found)
    return match is not None and match.start() <= _third_word(text)


def _third_word(text: str) -> int:
    """Offset of a sentence's third word: a cue must open the sentence or follow its first element
    and the verb ("Zudem habe …", "Es sei zudem …")."""
    words = list(_WORD.finditer(text))
    return words[2].start() if len(words) > 2 else len(text)


def _refers_back(actors: Sequence[Mention], before: Sequence[Mention]) -> bool:
    """The acting actor is a pronoun or description meaning the main actor of the sentence before."""
    acting = next((m for m in actors if m.role == "actor"), None)
    if acting is None or acting.text in (acting.name, *acting.aliases):
        return False
    main = next((m for m in before if m.role == "actor"), before[0] if before else None)
    return main is not None and main.name == acting.name


def _tells_now(text: str, found: int, cues: _Cues, lang: str) -> bool:
    """Whether a sentence (its words' flags `found`) is a present-tense, indicative
    statement: in news it tells how things stand when the report is written, unless it says what
    always or usually holds."""
    if found & _SUBJUNCTIVE:
        return False
    # "ist/sind" + participle is mostly the state now ("ist angespannt", "sind festgefahren"), which
    # the tense detector reads as a perfect: judge the sentence without those auxiliaries, which
    # are whole words when each is one word and the words are Latin-1 (see `_Phrases.may_occur`)
    auxiliaries = cues.state_auxiliaries
    tense = (tense_of_flags(found >> _UNLESS_AUXILIARY & _TENSE)
             if auxiliaries.words is not None and not found & _FOREIGN else None)
    if tense is None:                                 # it depends on the order of the words
        tense = detect_tense(auxiliaries.regex.sub("", text), lang)
    return tense == "present" and not cues.timeless.find(text, found)


def _publication_date(reference: Reference) -> DateValue:
    value = reference.value()
    start, end = interval_of(value)
    return DateValue(value=value, start=start.isoformat(), end=end.isoformat(),
                     granularity=granularity_of(value) or "day", approximate=reference.precision != "day",
                     expression=None, basis="publication")
