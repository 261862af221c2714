"""The clauses of a sentence (`lang/<code>/clauses.yaml`) and the tense that governs each.

An expression resolves with the tense of the clause it stands in, not of its sentence: in
"„Wir bleiben“, sagte die Ministerin am Sonntagabend" the evening is in the past frame, not in the
present quote; in "Der Fahrer, der am Freitag geflüchtet war, stellt sich heute" Friday is in a
past relative clause. Only sentences with an expression are split, so the cost stays small.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..compat import StrEnum
from ..lang import Language
from ..lang.checked import check_keys, check_words
from ..lang.patterns import alternation
from .tense import TenseWords, tense_of_words


class ClauseKind(StrEnum):
    """The kind of clause an expression stands in (`TaggedTimex.clause`)."""

    MAIN = "main"
    SUBORDINATE = "subordinate"
    RELATIVE = "relative"
    QUOTE = "quote"                  # between quotation marks, or reported speech


@dataclass(eq=False)                 # not frozen: made for every sentence with an expression, and quicker so
class Clause:
    start: int                       # offsets into the sentence's text
    end: int
    kind: ClauseKind
    #: the tense of the main clause; a clause of another kind tells its own from `words` (worked out
    #: when first asked for: most such clauses hold no expression)
    main_tense: str
    words: list[str] = field(repr=False, compare=False)
    language: Language = field(repr=False, compare=False)
    quoted: bool = False             # between quotation marks

    @functools.cached_property
    def tense(self) -> str:
        """The tense that governs its expressions: its own; without a cue the main clause's (a
        quotation between marks speaks in its own time: the present)."""
        if self.kind is ClauseKind.MAIN:
            return self.main_tense
        own = _with_intent(tense_of_words(self.words, self.language.compiled(TenseWords.of)), self.words,
                           self.language.compiled(ClauseWords.of))
        return own or ("present" if self.quoted else self.main_tense)


_WORD_LISTS = ("subordinating_conjunctions", "relative_pronouns", "relative_prepositions", "speech_verbs",
               "quote_pairs", "intent_words", "looking_back", "range_words",
               "forward_bounds")
#: where a clause may end outside quotation marks: a comma, semicolon or colon, a dash between words
#: (matched at the dash, not at the space before it, so the scan tries a match only at these marks)
_PIECE_END = r"[,;:](?=\s)|(?<=\s)[–—-](?=\s)"
#: how many characters before an expression are looked at for the words that stand before it
_LOOK_BEHIND = 40


@dataclass(frozen=True)
class ClauseWords:
    """A language's clause openers and cue words (clauses.yaml); `language.compiled(ClauseWords.of)`."""

    conjunctions: frozenset[str]
    relative_pronouns: frozenset[str]
    relative_prepositions: frozenset[str]
    speech_verbs: frozenset[str]
    intent_words: frozenset[str]
    looking_back: frozenset[str]
    range_words: frozenset[str]
    forward_bounds: frozenset[str]
    #: determiners, prepositions and conjunctions (tense.yaml's `adjective_leaders`): not verbs
    function_words: frozenset[str]
    #: any of `forward_bounds`, to pass over the expressions with none before them at one look
    bound_word: re.Pattern[str]
    #: a quotation (an opening mark up to its closing mark or the end of the sentence), or a piece's end
    boundary: re.Pattern[str]
    word: re.Pattern[str]

    @classmethod
    def of(cls, language: Language) -> ClauseWords:
        file = language.file("clauses")
        data = check_keys(language.data["clauses"], file, required=_WORD_LISTS)
        words = {key: check_words(data[key], file, [key]) for key in _WORD_LISTS}
        for number, pair in enumerate(words["quote_pairs"]):
            if len(pair) != 2:
                raise file.fail(["quote_pairs", number], f"expected an opening and a closing mark, found {pair!r}")
        quotes = "|".join(f"{re.escape(pair[0])}[^{re.escape(pair[1])}]*(?:{re.escape(pair[1])}|$)"
                          for pair in words["quote_pairs"])
        openings = "".join(re.escape(pair[0]) for pair in words["quote_pairs"])   # where the engine may try a match
        lower = {key: frozenset(word.lower() for word in words[key]) for key in _WORD_LISTS}
        return cls(conjunctions=lower["subordinating_conjunctions"],
                   relative_pronouns=lower["relative_pronouns"],
                   relative_prepositions=lower["relative_prepositions"], speech_verbs=lower["speech_verbs"],
                   intent_words=lower["intent_words"],
                   looking_back=lower["looking_back"], range_words=lower["range_words"],
                   forward_bounds=lower["forward_bounds"],
                   function_words=language.compiled(TenseWords.of).adjective_leaders,
                   bound_word=re.compile(alternation(lower["forward_bounds"]) or "(?!)", re.IGNORECASE),
                   boundary=re.compile(f"(?=[{openings},;:–—-])(?:{quotes}|(?P<end>{_PIECE_END}))"),
                   word=language.compiled(TenseWords.of).word)

    def words_before(self, text: str, position: int, count: int) -> list[str]:
        """The last `count` words before `position`, lower-case."""
        return [w.lower() for w in self.word.findall(text, max(0, position - _LOOK_BEHIND), position)[-count:]]

    def points_back(self, text: str, start: int, end: int) -> bool:
        """Whether the expression is the date of something already there: "ein Erlass vom Donnerstag"
        (but not "vom Montag an", "vom Montag bis Freitag")."""
        before = self.words_before(text, start, 1)
        if not before or before[0] not in self.looking_back:
            return False
        after = self.word.search(text, end, end + _LOOK_BEHIND)
        return after is None or after[0].lower() not in self.range_words

    def verb_follows(self, text: str, clause_start: int, start: int, end: int) -> bool:
        """Whether the expression opens its clause and a verb follows it (German puts the verb second:
        "Am Samstag empfängt die Mannschaft …", "Ab Montag gilt …"), so the clause tells what it does."""
        if len(self.word.findall(text, clause_start, start)) > 1:
            return False
        after = self.word.search(text, end, end + _LOOK_BEHIND)
        if after is None or text[end:after.start()].strip():
            return False
        verb = after[0]
        return verb.islower() and verb not in self.function_words and verb.endswith(("t", "n"))

    def joins_range(self, text: str, first_end: int, second_start: int) -> bool:
        """Whether the text between two expressions makes them a range's start and end ("22 bis 5 Uhr")."""
        if second_start - first_end > _LOOK_BEHIND or self.bound_word.search(text, first_end, second_start) is None:
            return False
        found = self.word.findall(text, first_end, second_start)
        return len(found) == 1 and found[0].lower() in self.forward_bounds

    def bounds_ahead(self, text: str, start: int) -> bool:
        """Whether the expression is a bound not yet reached ("bis März", "beginnend mit dem 15. Juli")."""
        if self.bound_word.search(text, max(0, start - _LOOK_BEHIND), start) is None:
            return False
        return not self.forward_bounds.isdisjoint(self.words_before(text, start, 3))


class _Piece(NamedTuple):
    start: int
    end: int
    quoted: bool                     # between quotation marks
    words: list[str]


def split_clauses(sentence: str, language: Language) -> list[Clause]:
    """The clauses of a sentence in order, covering it, each with the tense that governs it."""
    words = language.compiled(ClauseWords.of)
    tense_words = language.compiled(TenseWords.of)
    spans: list[tuple[int, int, bool]] = []
    position = 0
    for found in words.boundary.finditer(sentence):
        if found["end"] is not None:
            spans.append((position, found.end(), False))
            position = found.end()
            continue
        if found.start() > position:
            spans.append((position, found.start(), False))
        spans.append((found.start(), found.end(), True))
        position = found.end()
    if not spans:                                         # most sentences: one clause
        sentence_words = words.word.findall(sentence)
        tense = _with_intent(tense_of_words(sentence_words, tense_words), sentence_words, words) or "present"
        return [Clause(0, len(sentence), ClauseKind.MAIN, tense, sentence_words, language)]
    if position < len(sentence):
        spans.append((position, len(sentence), False))
    pieces = [_Piece(s, e, quoted, words.word.findall(sentence, s, e)) for s, e, quoted in spans]
    kinds = _kinds(pieces, words)
    main_words = [w for piece, kind in zip(pieces, kinds) if kind is ClauseKind.MAIN for w in piece.words]
    main_tense = _with_intent(tense_of_words(main_words, tense_words), main_words, words) or "present"
    return [Clause(piece.start, piece.end, kind, main_tense, piece.words, language, piece.quoted)
            for piece, kind in zip(pieces, kinds)]


def _with_intent(tense: str | None, piece_words: list[str], words: ClauseWords) -> str | None:
    """A clause in the present (or without a tense cue) with a word of intent ("will", "plant") looks ahead."""
    if tense not in (None, "present") or words.intent_words.isdisjoint(piece_words):
        return tense
    return "future"


def _kinds(pieces: list[_Piece], words: ClauseWords) -> list[ClauseKind]:
    """The kind of each piece: from the words it opens with, and reported speech after a speech verb."""
    kinds: list[ClauseKind] = []
    reporting = False                  # the piece before was a main clause with a speech verb
    for number, piece in enumerate(pieces):
        if piece.quoted:
            kinds.append(ClauseKind.QUOTE)
            reporting = False
            continue
        piece_words = piece.words
        verb_last = bool(piece_words) and piece_words[-1].islower()     # a dependent clause ends with its verb
        # its opening words, in lower case, are looked at only when it may be a dependent clause
        opening = [w.lower() for w in piece_words[:2]] if verb_last else []
        if verb_last and opening[0] in words.conjunctions:
            kind = ClauseKind.SUBORDINATE
        elif verb_last and number > 0 and (opening[0] in words.relative_pronouns or (
                len(opening) > 1 and opening[0] in words.relative_prepositions
                and opening[1] in words.relative_pronouns)) and not (
                reporting and len(piece_words) > 1 and piece_words[1][:1].isupper()):   # "sagte, der Bau solle"
            kind = ClauseKind.RELATIVE
        elif reporting:
            kind = ClauseKind.QUOTE
        else:
            kind = ClauseKind.MAIN
        reporting = kind is ClauseKind.MAIN and not words.speech_verbs.isdisjoint(piece_words)
        kinds.append(kind)
    return kinds


def clause_at(clauses: list[Clause], offset: int) -> Clause:
    """The clause that holds the character at `offset` of the sentence."""
    return clauses[max(0, bisect.bisect_right(clauses, offset, key=_START) - 1)]


_START = operator.attrgetter("start")
