"""The tense of a sentence, read from cue words (`lang/<code>/tense.yaml`): it decides the direction
of bare weekdays and months and whether a sentence may take the publication date."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from ..caching import Interned, Memo
from ..compat import StrEnum
from ..lang import Language
from ..lang.checked import DataFile, check_keys, check_words
from ..lang.patterns import alternation


class TenseCue(StrEnum):
    """What a word may tell about the tense of its sentence; a verb form only when it is lower-case.
    (Strings: a set of them is as quick as a set of words, and callers may keep them in one set
    with their own marks.)"""

    PAST_WORD = "past word"                                 # "war", "gestern"
    STRONG_PAST = "strong past form"                        # "nahm", "verschwiegen"
    PARTICIPLE = "participle"                               # "festgenommen"
    INSEPARABLE_PARTICIPLE = "inseparable participle"       # "erteilt" (past after a form of "haben")
    PAST_FORM = "past form"                 # "protestierten" (or an adjective: "mit harten Bandagen")
    PERFECT_AUXILIARY = "perfect auxiliary"                 # "hat", "ist"
    HABEN_AUXILIARY = "haben auxiliary"                     # "hat"
    FUTURE_WORD = "future word"                             # "wird", "künftig"
    FUTURE_AUXILIARY = "future auxiliary"                   # "wird", "werde"


Cues = frozenset[TenseCue]
NO_CUES: Cues = frozenset()

#: the keys of tense.yaml: lists of words, and patterns (regular expressions a whole word matches)
_WORD_LISTS = ("past_words", "strong_past_forms", "verb_prefixes", "perfect_auxiliaries", "haben_auxiliaries",
               "state_participles", "future_words", "future_auxiliaries", "not_past", "adjective_leaders",
               "adjective_endings")
_PATTERNS = ("participle_pattern", "inseparable_participle_pattern", "past_pattern", "word_letters")


@dataclass(frozen=True)
class TenseWords:
    """A language's tense cues (tense.yaml), checked and compiled; `language.compiled(TenseWords.of)`."""

    past: frozenset[str]
    perfect: frozenset[str]
    haben: frozenset[str]
    #: participles that tell a state after "sein" and the past only after "haben" ("ist gesperrt")
    state_participles: frozenset[str]
    future: frozenset[str]
    future_auxiliaries: frozenset[str]
    not_past: frozenset[str]
    adjective_leaders: frozenset[str]
    adjective_endings: tuple[str, ...]
    participle: re.Pattern[str]
    inseparable_participle: re.Pattern[str]
    past_form: re.Pattern[str]
    strong_past: re.Pattern[str]
    #: a word: a run of the language's letters, whatever their case
    word: re.Pattern[str]
    #: word → its cues: the same words recur in every report, so each is looked at once
    cues_of: Memo[str, Cues] = field(init=False, repr=False, compare=False)
    _interned: Interned[Cues] = field(init=False, repr=False, compare=False, default_factory=Interned)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cues_of", Memo(self._cues))

    @classmethod
    def of(cls, language: Language) -> TenseWords:
        file = language.file("tense")
        data = check_keys(language.tense, file, required=(*_WORD_LISTS, *_PATTERNS))
        words = {key: check_words(data[key], file, [key]) for key in _WORD_LISTS}
        patterns = {key: _pattern(data, key, file) for key in _PATTERNS}
        strong = (f"(?:{_alternation(words['verb_prefixes'])})*(?:{_alternation(words['strong_past_forms'])})(?:en)?")
        return cls(past=frozenset(words["past_words"]), perfect=frozenset(words["perfect_auxiliaries"]),
                   haben=frozenset(words["haben_auxiliaries"]),
                   state_participles=frozenset(words["state_participles"]), future=frozenset(words["future_words"]),
                   future_auxiliaries=frozenset(words["future_auxiliaries"]),
                   not_past=frozenset(words["not_past"]), adjective_leaders=frozenset(words["adjective_leaders"]),
                   adjective_endings=tuple(words["adjective_endings"]),
                   participle=re.compile(patterns["participle_pattern"]),
                   inseparable_participle=re.compile(patterns["inseparable_participle_pattern"]),
                   past_form=re.compile(patterns["past_pattern"]), strong_past=re.compile(strong),
                   word=re.compile(f"[{patterns['word_letters']}]+"))

    def _cues(self, word: str) -> Cues:
        lower = word.lower()
        found: list[TenseCue] = []
        if lower in self.past:
            found.append(TenseCue.PAST_WORD)
        if lower in self.perfect:
            found.append(TenseCue.PERFECT_AUXILIARY)
        if lower in self.haben:
            found.append(TenseCue.HABEN_AUXILIARY)
        if lower in self.future_auxiliaries:
            found.append(TenseCue.FUTURE_AUXILIARY)
        if lower in self.future:              # never a past participle: "ist für März angesetzt"
            found.append(TenseCue.FUTURE_WORD)
        elif word in self.state_participles:
            found.append(TenseCue.INSEPARABLE_PARTICIPLE)
        elif word.islower():                  # verb forms are lower-case
            if self.strong_past.fullmatch(word):
                found.append(TenseCue.STRONG_PAST)
            if self.participle.fullmatch(word):
                found.append(TenseCue.PARTICIPLE)
            if self.inseparable_participle.fullmatch(word):
                found.append(TenseCue.INSEPARABLE_PARTICIPLE)
            if self.past_form.fullmatch(word) and word not in self.not_past:
                found.append(TenseCue.PAST_FORM)
        return self._interned(frozenset(found)) if found else NO_CUES

    def cues(self, text: str) -> Cues:
        """The cues of the words of `text` together: a caller that keeps them per token of a
        sentence joins them and lets `tense_of_cues` judge, without finding the words again."""
        return NO_CUES.union(*map(self.cues_of.__getitem__, self.word.findall(text)))

    def adjective_position(self, leader: str) -> bool:
        """Whether a word in -te/-ten before a noun is an adjective: after a determiner, a preposition or
        another adjective ("den ersten Tagen", "mit harten Bandagen"), not after a noun ("Am Montag
        protestierten Hunderte")."""
        lower = leader.lower()
        return (not leader or lower in self.adjective_leaders
                or (leader.islower() and lower.endswith(self.adjective_endings)))


def _alternation(words: list[str]) -> str:
    return alternation(words) or "(?!)"


def _pattern(data: Mapping[str, Any], key: str, file: DataFile) -> str:
    pattern = data[key]
    if not isinstance(pattern, str):
        raise file.fail([key], f"expected a regular expression, found {type(pattern).__name__}")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise file.fail([key], f"bad regular expression: {exc}") from None
    return pattern


#: cues that tell the past alone, and pairs of cues that tell it together (sets: looking a member
#: of an enum up costs more than a set operation)
_PAST_ALONE = frozenset({TenseCue.PAST_WORD, TenseCue.STRONG_PAST})
_PERFECT = frozenset({TenseCue.PARTICIPLE, TenseCue.PERFECT_AUXILIARY})
_HABEN_PERFECT = frozenset({TenseCue.INSEPARABLE_PARTICIPLE, TenseCue.HABEN_AUXILIARY})
_PAST_FORM = frozenset({TenseCue.PAST_FORM})
_FUTURE = frozenset({TenseCue.FUTURE_WORD})
_FUTURE_AUXILIARY = frozenset({TenseCue.FUTURE_AUXILIARY})


def tense_of_cues(found: AbstractSet[str]) -> str | None:
    """The tense of a sentence whose words have the cues `found` together (other members of the
    set are passed over), as `detect_tense` gives it; None when it depends on the order of the
    words (a word in -te/-ten may be an adjective)."""
    if not _PAST_ALONE.isdisjoint(found) or found >= _PERFECT or found >= _HABEN_PERFECT:
        return "past"
    if not _PAST_FORM.isdisjoint(found):
        return None
    return "present" if _FUTURE.isdisjoint(found) else "future"


def detect_tense(sentence: str, language: Language) -> str:
    """"past", "future" or "present" (which also stands for: unclear)."""
    return told_tense(sentence, language) or "present"


def told_tense(sentence: str, language: Language) -> str | None:
    """The tense as `detect_tense` gives it, or None when no word of `sentence` tells one (a clause
    without verbs, which takes the tense of the clause it depends on)."""
    tense_words = language.compiled(TenseWords.of)
    return tense_of_words(tense_words.word.findall(sentence), tense_words)


def tense_of_words(words: Sequence[str], tense_words: TenseWords) -> str | None:
    """`told_tense` of a text already cut into its words (`TenseWords.word`)."""
    cues = list(map(tense_words.cues_of.__getitem__, words))
    found = NO_CUES.union(*cues)
    if not found:
        return None
    tense = tense_of_cues(found)
    if tense is not None:
        return tense
    for i, word_cues in enumerate(cues):
        if not _PAST_FORM.isdisjoint(word_cues):
            following, leader = (words[i + 1] if i + 1 < len(words) else ""), (words[i - 1] if i else "")
            if following[:1].isupper() and tense_words.adjective_position(leader):
                continue                          # "mit ernsthaften Verhandlungen"
            if _infinitive(i, cues):
                continue                          # "zurücktreten werde", "wird … zurücktreten"
            return "past"
    return "present" if _FUTURE.isdisjoint(found) else "future"


def _infinitive(i: int, cues: Sequence[Cues]) -> bool:
    """Whether the word in -te/-ten at `i` is an infinitive with a future auxiliary: right before
    one ("dass er zurücktreten werde") or last after one ("er wird am Montag zurücktreten")."""
    if i + 1 < len(cues):
        return not _FUTURE_AUXILIARY.isdisjoint(cues[i + 1])
    return any(not _FUTURE_AUXILIARY.isdisjoint(earlier) for earlier in cues[:i])
