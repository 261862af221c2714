"""Dates from context: a sentence without a temporal expression of its own takes the date of the
event it continues, or the publication date when it states how things are now; otherwise it
stays undated. The rules and their word lists are in `lang/<code>/context.yaml`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

from ..lang import _alternation, load_language
from ..model import DateValue, Mention, Sentence
from ..temporal import Reference
from ..temporal.tag import detect_tense
from ..temporal.values import granularity_of, interval_of

_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"\w*")


@dataclass(frozen=True)
class _Phrases:
    """Whole words and phrases, found case-insensitively."""

    regex: re.Pattern[str]
    #: their first words in lower case, or None when a sentence without them may still hold one
    first_words: frozenset[str] | None

    @classmethod
    def of(cls, phrases: Iterable[Any]) -> "_Phrases":
        """As a trie (each letter tried once, longer phrases first)."""
        phrases = [" ".join(str(p).split()) for p in phrases]
        alternation = _alternation(dict.fromkeys(phrases))
        regex = re.compile(rf"(?<!\w)(?i:{alternation})(?!\w)") if alternation else re.compile(r"(?!)")
        first_words = [_WORD_START.match(p).group().lower() for p in phrases]
        known = all(first_words) and all(map(_latin1_case_is_lower_case, set("".join(first_words))))
        return cls(regex, frozenset(first_words) if known else None)

    def may_occur(self, text: str, words: set[str]) -> bool:
        """Whether `text`, whose lower-case words are `words`, may hold one of the phrases. Not
        when it lacks their first words and is written in Latin-1, where case-insensitive matching
        compares what `str.lower` gives: looking words up is much cheaper than a regex scan."""
        return (self.first_words is None or not self.first_words.isdisjoint(words)
                or not (text.isascii() or max(text) <= "\xff"))

    def search(self, text: str, words: set[str]) -> re.Match[str] | None:
        return self.regex.search(text) if self.may_occur(text, words) else None


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


@functools.lru_cache(maxsize=None)
def _cues(lang: str) -> _Cues:
    language = load_language(lang)
    data = language.data["context"] or {}
    return _Cues(
        continuation=_Phrases.of(data.get("continuation_cues") or []),
        blocking=_Phrases.of(data.get("blocking_cues") or []),
        timeless=_Phrases.of(data.get("timeless_cues") or []),
        state_auxiliaries=_Phrases.of(data.get("present_state_auxiliaries") or []),
        state=frozenset(str(w).lower() for w in data.get("state_words") or []),
        pluperfect=frozenset(str(w).lower() for w in data.get("pluperfect_auxiliaries") or []),
        subjunctive=frozenset(str(w).lower() for w in data.get("subjunctive_words") or []),
        participle=re.compile(language.tense["participle_pattern"]),     # the tense detector's, one definition
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
        tokens = _WORD.findall(sentence.text)
        words = set(map(str.lower, tokens))
        state = _is_state(words, tokens, cues)
        if own_dates[index] is None:
            date = _inherited(index, previous, sentences, tokens, words, state, dates, actors, cues, lang) or (
                now if now is not None and _tells_now(sentence.text, words, cues, lang) else None)
        result.append(date)
        dates.append(own_dates[index] or (date if date and date.basis == "inherited" else None))
        if not state:
            previous = index                          # a state ("Sie gilt von 22 bis 5 Uhr") is no event to continue
    return result


def _inherited(index: int, previous: int | None, sentences: Sequence[Sentence], tokens: list[str], words: set[str],
               state: bool, dates: list[DateValue | None], actors: Sequence[Sequence[Mention]], cues: _Cues,
               lang: str) -> DateValue | None:
    """The date of the event before when the sentence (its words as `tokens` and in lower case as
    `words`; `state`: it describes a state) continues it."""
    if previous is None or dates[previous] is None or sentences[previous].paragraph != sentences[index].paragraph:
        return None
    text = sentences[index].text
    if state or cues.blocking.search(text, words) or _pluperfect(words, tokens, cues):
        return None
    # the account goes on in the past tense; "ist/war/sei" + participle is mostly a state
    # ("sind frustriert", "sei geboten") and does not count (the tense, costlier, is judged last)
    if not (_opens_with_cue(text, words, cues) or _refers_back(actors[index], actors[previous])
            or (cues.state.isdisjoint(words) and detect_tense(text, lang) == "past")):
        return None
    return replace(dates[previous], basis="inherited")


def _opens_with_cue(text: str, words: set[str], cues: _Cues) -> bool:
    match = cues.continuation.search(text, words)
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


def _is_state(words: set[str], tokens: list[str], cues: _Cues) -> bool:
    return not cues.state.isdisjoint(words) and not _has_participle(tokens, cues)


def _pluperfect(words: set[str], tokens: list[str], cues: _Cues) -> bool:
    return not cues.pluperfect.isdisjoint(words) and _has_participle(tokens, cues)


def _has_participle(tokens: list[str], cues: _Cues) -> bool:
    return any(map(cues.participle.fullmatch, filter(str.islower, tokens)))


def _tells_now(text: str, words: set[str], cues: _Cues, lang: str) -> bool:
    """Whether a sentence (its lower-case `words`) is a present-tense, indicative statement: in news
    it tells how things stand when the report is written, unless it says what always or usually
    holds."""
    if not cues.subjunctive.isdisjoint(words):
        return False
    # "ist/sind" + participle is mostly the state now ("ist angespannt", "sind festgefahren"), which
    # the tense detector reads as a perfect: judge the sentence without those auxiliaries
    auxiliaries = cues.state_auxiliaries
    if detect_tense(auxiliaries.regex.sub("", text) if auxiliaries.may_occur(text, words) else text, lang) != "present":
        return False
    return not cues.timeless.search(text, words)


def _publication_date(reference: Reference) -> DateValue:
    value = reference.value()
    start, end = interval_of(value)
    return DateValue(value=value, start=start.isoformat(), end=end.isoformat(),
                     granularity=granularity_of(value) or "day", approximate=reference.precision != "day",
                     expression=None, basis="publication")
