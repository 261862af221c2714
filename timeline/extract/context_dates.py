"""Dates from context: a sentence without a temporal expression of its own takes the date of the
event it continues, or the publication date when it states how things are now; otherwise it
stays undated. The rules and their word lists are in `lang/<code>/context.yaml`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..lang import _alternation, load_language
from ..model import DateValue, Mention, Sentence
from ..temporal import Reference
from ..temporal.tag import detect_tense
from ..temporal.values import granularity_of, interval_of

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Cues:
    continuation: re.Pattern[str]
    blocking: re.Pattern[str]
    timeless: re.Pattern[str]
    state_auxiliaries: re.Pattern[str]
    state: frozenset[str]
    pluperfect: frozenset[str]
    subjunctive: frozenset[str]
    participle: re.Pattern[str]


def _phrases(words) -> re.Pattern[str]:
    """Whole words and phrases, as a trie (each letter tried once, longer phrases first)."""
    alternation = _alternation(dict.fromkeys(str(w) for w in words))
    return re.compile(rf"(?<!\w)(?i:{alternation})(?!\w)") if alternation else re.compile(r"(?!)")


@functools.lru_cache(maxsize=None)
def _cues(lang: str) -> _Cues:
    language = load_language(lang)
    data = language.data["context"] or {}
    return _Cues(
        continuation=_phrases(data.get("continuation_cues") or []),
        blocking=_phrases(data.get("blocking_cues") or []),
        timeless=_phrases(data.get("timeless_cues") or []),
        state_auxiliaries=_phrases(data.get("present_state_auxiliaries") or []),
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
        words = {w.lower() for w in _WORD.findall(sentence.text)}
        state = _is_state(words, sentence.text, cues)
        if own_dates[index] is None:
            date = _inherited(index, previous, sentences, words, state, dates, actors, cues, lang) or (
                now if now is not None and _tells_now(sentence.text, words, cues, lang) else None)
        result.append(date)
        dates.append(own_dates[index] or (date if date and date.basis == "inherited" else None))
        if not state:
            previous = index                          # a state ("Sie gilt von 22 bis 5 Uhr") is no event to continue
    return result


def _inherited(index: int, previous: int | None, sentences: Sequence[Sentence], words: set[str], state: bool,
               dates: list[DateValue | None], actors: Sequence[Sequence[Mention]], cues: _Cues,
               lang: str) -> DateValue | None:
    """The date of the event before when the sentence (its lower-case `words`; `state`: it
    describes a state) continues it."""
    if previous is None or dates[previous] is None or sentences[previous].paragraph != sentences[index].paragraph:
        return None
    text = sentences[index].text
    if state or cues.blocking.search(text) or _pluperfect(words, text, cues):
        return None
    opens_with_cue = (match := cues.continuation.search(text)) is not None and match.start() <= _third_word(text)
    # the account goes on in the past tense; "ist/war/sei" + participle is mostly a state
    # ("sind frustriert", "sei geboten") and does not count
    narrates_on = detect_tense(text, lang) == "past" and cues.state.isdisjoint(words)
    if not (opens_with_cue or narrates_on or _refers_back(actors[index], actors[previous])):
        return None
    return replace(dates[previous], basis="inherited")


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


def _is_state(words: set[str], text: str, cues: _Cues) -> bool:
    return not cues.state.isdisjoint(words) and not _has_participle(text, cues)


def _pluperfect(words: set[str], text: str, cues: _Cues) -> bool:
    return not cues.pluperfect.isdisjoint(words) and _has_participle(text, cues)


def _has_participle(text: str, cues: _Cues) -> bool:
    return any(cues.participle.fullmatch(w) for w in _WORD.findall(text) if w.islower())


def _tells_now(text: str, words: set[str], cues: _Cues, lang: str) -> bool:
    """Whether a sentence (its lower-case `words`) is a present-tense, indicative statement: in news
    it tells how things stand when the report is written, unless it says what always or usually
    holds."""
    if not cues.subjunctive.isdisjoint(words):
        return False
    # "ist/sind" + participle is mostly the state now ("ist angespannt", "sind festgefahren"), which
    # the tense detector reads as a perfect: judge the sentence without those auxiliaries
    if detect_tense(cues.state_auxiliaries.sub("", text), lang) != "present":
        return False
    return not cues.timeless.search(text)


def _publication_date(reference: Reference) -> DateValue:
    value = reference.value()
    start, end = interval_of(value)
    return DateValue(value=value, start=start.isoformat(), end=end.isoformat(),
                     granularity=granularity_of(value) or "day", approximate=reference.precision != "day",
                     expression=None, basis="publication")
