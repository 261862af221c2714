"""Dates from context: a sentence without a temporal expression of its own takes the date of the
event it continues, or the publication date when it states how things are now; otherwise it
stays undated. The rules and their word lists are in `lang/<code>/context.yaml`."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..caching import Interned, Memo
from ..compat import StrEnum
from ..lang import Language
from ..lang.checked import check_keys, check_words
from ..lang.patterns import alternation
from ..model import DateValue, Mention, Sentence
from ..temporal import Reference
from ..temporal.tense import Cues, TenseCue, TenseWords, detect_tense, tense_of_cues
from ..temporal.values import granularity_of, interval_of

_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"\w*")
#: how many tokens (what stands between spaces) `ContextWords` remembers
_KNOWN_TOKENS = 1 << 16


class Mark(StrEnum):
    """What a word is to the rules (strings, distinct from `TenseCue`'s: a word's marks and tense
    cues are kept in one set, which is as quick as a set of words)."""

    STATE = "state word"                            # "gilt", "bleibt"
    PLUPERFECT = "pluperfect auxiliary"             # "hatte"
    SUBJUNCTIVE = "subjunctive"                     # a Konjunktiv I of reported speech: "sei"
    PARTICIPLE = "past participle"                  # tense.yaml's pattern
    FOREIGN = "beyond Latin-1"                      # it has a letter beyond Latin-1
    CONTINUATION = "continuation cue start"         # the first word of a continuation cue ("zudem", "darüber …")
    BLOCKING = "blocking cue start"                 # … of a blocking cue ("noch …")
    TIMELESS = "timeless cue start"                 # … of a timeless cue ("gilt …")
    STATE_AUXILIARY = "state auxiliary start"       # … of a present state auxiliary ("ist")
    CONTINUATION_PHRASE = "continuation phrase start"   # … of a continuation phrase ("sagte weiter")
    REPORT_AUXILIARY = "report auxiliary"           # "hat": with a participle, the day's news
    PASSIVE_PERFECT = "passive perfect"             # "worden"
    REPORTING = "reporting verb"                    # "sagte", "erklärt"
    REPORTING_PAST = "reporting verb in the past"   # "teilte"
    MODAL = "modal verb"                            # "soll": with a perfect, a supposition


#: each tense cue again, as a mark of a word that is no present state auxiliary (see `_tells_now`)
_BEYOND_AUXILIARIES = {cue: f"{cue.value} beyond auxiliaries" for cue in TenseCue}
_CUE_BEYOND = {mark: cue for cue, mark in _BEYOND_AUXILIARIES.items()}
_BEYOND = frozenset(_CUE_BEYOND)
#: what the words of a token, or of a sentence (its tokens together), are to the rules: their
#: marks, their tense cues, and the tense cues of those that are no present state auxiliary
Seen = frozenset[str]
_NOTHING_SEEN: Seen = frozenset()


def tense_beyond_auxiliaries(seen: Seen) -> Cues:
    """The tense cues of the words seen that are no present state auxiliary."""
    return frozenset(_CUE_BEYOND[mark] for mark in seen & _BEYOND)


def _latin1(text: str) -> bool:
    return text.isascii() or max(text) <= "\xff"


@dataclass(frozen=True)
class _Phrases:
    """Whole words and phrases, found case-insensitively."""

    regex: re.Pattern[str]
    #: their first words in lower case, or None when a sentence without them may still hold one
    first_words: frozenset[str] | None
    #: the mark of a word that is one of `first_words`
    mark: Mark
    #: the phrases in lower case when each is a single word (as `first_words`), else None
    words: frozenset[str] | None

    @classmethod
    def of(cls, phrases: Iterable[str], mark: Mark) -> _Phrases:
        """As a trie (each letter tried once, longer phrases first)."""
        phrases = [" ".join(p.split()) for p in phrases]
        pattern = alternation(dict.fromkeys(phrases))
        regex = re.compile(rf"(?<!\w)(?i:{pattern})(?!\w)") if pattern else re.compile(r"(?!)")
        first_words = [_first_word(p) for p in phrases]
        known = all(first_words) and all(map(_latin1_case_is_lower_case, set("".join(first_words))))
        single = known and all(len(word) == len(p) for word, p in zip(first_words, phrases))
        return cls(regex, frozenset(first_words) if known else None, mark, frozenset(first_words) if single else None)

    def may_occur(self, seen: Seen) -> bool:
        """Whether a text whose words are `seen` may hold one of the phrases. Not when it lacks
        their first words and its words are written in Latin-1, where case-insensitive matching
        compares what `str.lower` gives (a phrase opens with a whole word): looking words up is
        much cheaper than a regex scan."""
        return self.first_words is None or self.mark in seen or Mark.FOREIGN in seen

    def find(self, text: str, seen: Seen) -> re.Match[str] | None:
        """The first phrase in `text`, whose words are `seen`."""
        return self.regex.search(text) if self.may_occur(seen) else None


def _first_word(phrase: str) -> str:
    first = _WORD_START.match(phrase)
    return first.group().lower() if first else ""


@functools.cache
def _latin1_case_is_lower_case(char: str) -> bool:
    """Whether a Latin-1 character matches `char` case-insensitively exactly when their lower
    cases are equal (not so for "i" and "s" in Unicode at large: "İ", "ı", "ſ"). A pure memo."""
    return len(char.lower()) == 1 and all(
        (re.fullmatch(re.escape(char), other, re.IGNORECASE) is not None) == (other.lower() == char.lower())
        for other in map(chr, range(256)))


#: the keys of context.yaml: phrase lists, then word lists
_PHRASE_LISTS = {"continuation_cues": Mark.CONTINUATION, "blocking_cues": Mark.BLOCKING,
                 "timeless_cues": Mark.TIMELESS, "present_state_auxiliaries": Mark.STATE_AUXILIARY,
                 "continuation_phrases": Mark.CONTINUATION_PHRASE}
_WORD_LISTS = {"state_words": Mark.STATE, "pluperfect_auxiliaries": Mark.PLUPERFECT,
               "subjunctive_words": Mark.SUBJUNCTIVE, "report_auxiliaries": Mark.REPORT_AUXILIARY,
               "passive_perfect_words": Mark.PASSIVE_PERFECT, "reporting_verbs": Mark.REPORTING,
               "modal_words": Mark.MODAL}


@dataclass(frozen=True)
class ContextWords:
    """A language's context-dating cues (context.yaml), checked and compiled:
    `language.compiled(ContextWords.of)`."""

    continuation: _Phrases
    continuation_phrases: _Phrases
    blocking: _Phrases
    timeless: _Phrases
    state_auxiliaries: _Phrases
    #: lower-case word → its marks as a listed word or the first word of a cue
    listed: dict[str, frozenset[Mark]]
    tense_words: TenseWords
    #: token (what stands between spaces) → what its words are
    tokens: Memo[str, Seen] = field(init=False, repr=False, compare=False)
    #: token → the happening word it is: ("v", a verb form), ("n", a noun's stem) or None
    happening: Memo[str, tuple[str, str] | None] = field(init=False, repr=False, compare=False)
    _interned: Interned[Seen] = field(init=False, repr=False, compare=False, default_factory=Interned)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tokens", Memo(self._token, _KNOWN_TOKENS))
        object.__setattr__(self, "happening", Memo(self._happening_word, _KNOWN_TOKENS))

    @classmethod
    def of(cls, language: Language) -> ContextWords:
        file = language.file("context")
        data = check_keys(language.data["context"], file, required=[*_PHRASE_LISTS, *_WORD_LISTS])
        lists = {key: check_words(data[key], file, [key], phrases=True) for key in [*_PHRASE_LISTS, *_WORD_LISTS]}
        phrases = {key: _Phrases.of(lists[key], mark) for key, mark in _PHRASE_LISTS.items()}
        listed: dict[str, set[Mark]] = {}
        for key, mark in _WORD_LISTS.items():
            for word in lists[key]:
                listed.setdefault(word.lower(), set()).add(mark)
        for cues in phrases.values():
            for word in cues.first_words or ():
                listed.setdefault(word, set()).add(cues.mark)
        return cls(continuation=phrases["continuation_cues"], continuation_phrases=phrases["continuation_phrases"],
                   blocking=phrases["blocking_cues"],
                   timeless=phrases["timeless_cues"], state_auxiliaries=phrases["present_state_auxiliaries"],
                   listed={word: frozenset(marks) for word, marks in listed.items()},
                   tense_words=language.compiled(TenseWords.of))

    def _token(self, token: str) -> Seen:
        words = _WORD.findall(token)
        seen = self._word(words[0]) if len(words) == 1 else _NOTHING_SEEN.union(*map(self._word, words))
        return self._interned(seen)

    def _word(self, word: str) -> Seen:
        seen: set[str] = set(self.listed.get(word.lower(), ()))
        if word.islower() and self.tense_words.participle.fullmatch(word):
            seen.add(Mark.PARTICIPLE)
        if not _latin1(word):
            seen.add(Mark.FOREIGN)
        tense = self.tense_words.cues(word)
        if tense:
            seen |= tense
            if Mark.REPORTING in seen and not _PAST_FORMS.isdisjoint(tense):
                seen.add(Mark.REPORTING_PAST)
            if not (self.state_auxiliaries.words is not None and Mark.STATE_AUXILIARY in seen):
                seen.update(_BEYOND_AUXILIARIES[cue] for cue in tense)
        return frozenset(seen) if seen else _NOTHING_SEEN

    def _happening_word(self, token: str) -> tuple[str, str] | None:
        """A participle or strong past form that is no listed word ("eingestürzt"), or the stem of
        a noun ("Brücken" → "brück"), which may tell the happening of a sentence."""
        word = next(iter(_WORD.findall(token)), "")
        if word.islower():
            happening = not _HAPPENING_CUES.isdisjoint(self.tense_words.cues_of[word]) and not self.listed.get(word)
            return ("v", word) if happening else None
        return ("n", _stem(word.lower())) if len(word) >= _NOUN_LETTERS and word[:1].isupper() else None

    def seen(self, text: str) -> Seen:
        """What the words of a sentence are, looked up token by token: splitting at spaces is much
        cheaper than finding the words."""
        return _NOTHING_SEEN.union(*map(self.tokens.__getitem__, text.split()))


@dataclass(frozen=True)
class Surroundings:
    """What the context rules know of a document besides its sentences."""

    #: per sentence: the date its main clause's own expression gives, or None
    own_dates: Sequence[DateValue | None]
    #: per sentence: its actors with their roles
    actors: Sequence[Sequence[Mention]]
    reference: Reference | None
    mode: str = "news"
    #: per sentence: whether it has a recurring expression ("jeden Montag"): it tells a habit
    recurring: Sequence[bool] = ()
    #: sentence index → the stamp of its live-ticker entry (empty for a text that is no ticker)
    anchors: Mapping[int, Reference] = field(default_factory=dict)


def context_dates(sentences: Sequence[Sentence], around: Surroundings, language: Language) -> list[DateValue | None]:
    """For each sentence: the date it takes from its context, or None (also for sentences that have
    a date of their own, `around.own_dates[i]`, and for headings). The rules, in order, are
    described in `lang/<code>/context.yaml`."""
    cues = language.compiled(ContextWords.of)
    own_dates = around.own_dates
    result: list[DateValue | None] = []
    previous: int | None = None                       # the event before: headings and states skipped
    dates: list[DateValue | None] = []                # own or continued date of each sentence
    reference, news = around.reference, around.mode == "news"
    now = _period(reference, "publication") if reference is not None else None
    report_day = _ReportDay(reference) if news and reference is not None and reference.precision == "day" else None
    story = _StoryLead(sentences, own_dates, around.actors, cues) if news else None
    lead = story.lead if story is not None else frozenset()
    anchors, recurring, actors = around.anchors, around.recurring, around.actors
    for index, sentence in enumerate(sentences):
        date = None
        if sentence.heading:
            result.append(None)
            dates.append(own_dates[index])
            continue
        seen = cues.seen(sentence.text)
        # a state word without a participle: "Er galt als …", not "Es sei zu Explosionen gekommen",
        # nor a saying („Wir bleiben“, sagte sie)
        state = Mark.STATE in seen and Mark.PARTICIPLE not in seen and Mark.REPORTING not in seen
        if own_dates[index] is None:
            # a habit ("jeden Montag") is neither the day's news nor how things stand now
            timely = not (recurring and recurring[index])
            date = (
                (_period(anchors[index], "ticker") if index in anchors else None)
                or _continued(index, previous, sentences, seen, state, dates, actors, cues, language)
                or (story.date_of(index, seen, state) if story is not None and index in lead else None)
                or (report_day.date if report_day and timely and _tells_news(seen, state, cues, sentence.text)
                    else None)
                or (now if now and timely and _tells_now(sentence.text, seen, cues, language) else None))
        result.append(date)
        dates.append(own_dates[index] or (date if date and date.basis in _CONTINUED_BASES else None))
        if not state:
            previous = index                          # a state ("Sie gilt von 22 bis 5 Uhr") is no event to continue
    return result


def _continued(index: int, previous: int | None, sentences: Sequence[Sentence], seen: Seen, state: bool,
               dates: list[DateValue | None], actors: Sequence[Sequence[Mention]], cues: ContextWords,
               language: Language) -> DateValue | None:
    """The date of the event before when the sentence (its words `seen`; `state`: it describes a
    state) continues it."""
    if previous is None:
        return None
    before = dates[previous]
    if before is None:
        return None
    text = sentences[index].text
    # "hieß es in der Erklärung", "sagte weiter": the statement made just before goes on
    phrase = (cues.continuation_phrases.find(text, seen) is not None
              and _is_saying(sentences[previous].text, cues))
    # a new paragraph ends the event, unless the sentence says it goes on with the one just before
    if not (sentences[previous].paragraph == sentences[index].paragraph or (phrase and previous == index - 1)):
        return None
    if _is_quote(text) and _present(text, seen, language):
        # a quote in the present goes on with a saying (whatever it says), not with another happening
        return replace(before, basis="continuation") if _is_saying(sentences[previous].text, cues) else None
    if ((state and not phrase) or cues.blocking.find(text, seen)
            or (Mark.PLUPERFECT in seen and Mark.PARTICIPLE in seen)):
        return None
    # the account goes on in the past tense; "ist/war/sei" + participle is mostly a state
    # ("sind frustriert", "sei geboten") and does not count (the tense, costlier, is judged last)
    if not (phrase or _opens_with_cue(text, seen, cues) or _refers_back(actors[index], actors[previous])
            or (Mark.STATE not in seen and (tense_of_cues(seen) or detect_tense(text, language)) == "past")):
        return None
    return replace(before, basis="continuation")


def _is_quote(text: str) -> bool:
    return text[:1] in _OPENING_QUOTES


def _is_saying(text: str, cues: ContextWords) -> bool:
    """A quote, or a sentence with a verb of saying."""
    return _is_quote(text) or Mark.REPORTING in cues.seen(text)


def _present(text: str, seen: Seen, language: Language) -> bool:
    return (tense_of_cues(seen) or detect_tense(text, language)) == "present"


def _tells_news(seen: Seen, state: bool, cues: ContextWords, text: str) -> bool:
    """Whether a sentence tells the day's news: a perfect of "haben" or a passive perfect, or a
    verb of reporting in the past; not a pluperfect, a state, a supposition, background."""
    reported = Mark.REPORTING_PAST in seen
    participle = TenseCue.PARTICIPLE in seen or TenseCue.INSEPARABLE_PARTICIPLE in seen
    perfect = ((Mark.REPORT_AUXILIARY in seen and participle)
               or (Mark.PASSIVE_PERFECT in seen and Mark.STATE_AUXILIARY in seen))
    if not (reported or perfect) or Mark.PLUPERFECT in seen:
        return False
    if not reported and (state or Mark.SUBJUNCTIVE in seen or Mark.MODAL in seen):
        return False
    return not (cues.blocking.find(text, seen) or cues.timeless.find(text, seen))


def _opens_with_cue(text: str, seen: Seen, cues: ContextWords) -> bool:
    match = cues.continuation.find(text, seen)
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


def _tells_now(text: str, seen: Seen, cues: ContextWords, language: Language) -> bool:
    """Whether a sentence (its words `seen`) is a present-tense, indicative statement: in news it
    tells how things stand when the report is written, unless it says what always or usually holds."""
    if Mark.SUBJUNCTIVE in seen:
        return False
    # "ist/sind" + participle is mostly the state now ("ist angespannt", "sind festgefahren"), which
    # the tense detector reads as a perfect: judge the sentence without those auxiliaries, which
    # are whole words when each is one word and the words are Latin-1 (see `_Phrases.may_occur`)
    auxiliaries = cues.state_auxiliaries
    tense = (tense_of_cues(tense_beyond_auxiliaries(seen))
             if auxiliaries.words is not None and Mark.FOREIGN not in seen else None)
    if tense is None:                                 # it depends on the order of the words
        tense = detect_tense(auxiliaries.regex.sub("", text), language)
    return tense == "present" and not cues.timeless.find(text, seen)


def _period(reference: Reference, basis: str) -> DateValue:
    """The period a reference names (the publication day, a ticker entry's stamp) as a date."""
    value = reference.value()
    interval = interval_of(value)
    assert interval is not None, value                # a reference names a period
    start, end = interval
    return DateValue(value=value, start=start.isoformat(), end=end.isoformat(),
                     granularity=granularity_of(value) or "day", approximate=reference.precision != "day",
                     expression=None, basis=basis)


class _ReportDay:
    """The publication day and the day before, when the day's news happened (as a date made when
    first needed)."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference

    @functools.cached_property
    def date(self) -> DateValue:
        day = self.reference.day
        before = day - dt.timedelta(days=1)
        first, last = interval_of(before.isoformat()), interval_of(day.isoformat())
        assert first is not None and last is not None
        return DateValue(value=f"{before.isoformat()}/{day.isoformat()}", start=first[0].isoformat(),
                         end=last[1].isoformat(), granularity="day", approximate=True, expression=None,
                         basis="report-day")


class _StoryLead:
    """The report's first paragraphs: the sentences whose own expression dates a happening, and
    the words that tell each happening, to find the sentences of the lead that retell one."""

    def __init__(self, sentences: Sequence[Sentence], own_dates: Sequence[DateValue | None],
                 actors: Sequence[Sequence[Mention]], cues: ContextWords) -> None:
        self.sentences, self.actors, self.cues = sentences, actors, cues
        near = _opening(sentences, _STORY_PARAGRAPHS, _STORY_SENTENCES)
        #: the sentences that may retell the main happening
        self.lead = frozenset(_opening(sentences, _LEAD_PARAGRAPHS, _LEAD_SENTENCES))
        #: the sentences near them whose own expression dates a happening, with that date
        self.dated = [(i, date) for i in near
                      if (date := own_dates[i]) is not None and date.basis in ("text", "context")]
        #: the happening words of the sentences looked at, found when first needed
        self.words: dict[int, frozenset[tuple[str, str]]] = {}

    def date_of(self, index: int, seen: Seen, state: bool) -> DateValue | None:
        """The date of the happening the sentence (its words `seen`) retells, if it is in the lead."""
        if (not self.dated or state
                or _PAST_TELLING.isdisjoint(seen) or (Mark.PLUPERFECT in seen and Mark.PARTICIPLE in seen)
                or self.cues.blocking.find(self.sentences[index].text, seen)):
            return None
        words = self._words(index)
        # the nearest dated sentence after it (a lead before its day is named), else before it
        for other, date in sorted(self.dated, key=lambda item: (item[0] < index, abs(item[0] - index))):
            shared = words & self._words(other)
            if len(shared) >= 2 or any(kind == "v" for kind, _word in shared):
                return replace(date, basis="story")
        return None

    def _words(self, index: int) -> frozenset[tuple[str, str]]:
        """The happening words of a sentence (`ContextWords.happening`) but its first word and the
        nouns of its actors' names."""
        if index not in self.words:
            found = set(filter(None, map(self.cues.happening.__getitem__, self.sentences[index].text.split()[1:])))
            for mention in self.actors[index]:
                found.difference_update(("n", _stem(word.lower())) for word in _WORD.findall(mention.text))
            self.words[index] = frozenset(found)
        return self.words[index]


def _opening(sentences: Sequence[Sentence], paragraphs: int, most: int) -> list[int]:
    """The first `most` body sentences (no headings) of the first `paragraphs` body paragraphs."""
    found: list[int] = []
    seen_paragraphs: list[int] = []
    for index, sentence in enumerate(sentences):
        if sentence.heading:
            continue
        if sentence.paragraph not in seen_paragraphs:
            if len(seen_paragraphs) == paragraphs:
                break
            seen_paragraphs.append(sentence.paragraph)
        found.append(index)
        if len(found) == most:
            break
    return found


_PAST_FORMS = frozenset({TenseCue.PAST_FORM, TenseCue.STRONG_PAST, TenseCue.PAST_WORD})
#: the bases of dates that a sentence after may continue: a happening's, not how things stand now
_CONTINUED_BASES = frozenset({"continuation", "story", "ticker", "report-day"})
#: the lead, where a sentence may retell the main happening (the body's first paragraphs and
#: sentences), and the opening where the sentence that names its day may stand
_LEAD_PARAGRAPHS, _LEAD_SENTENCES = 2, 3
_STORY_PARAGRAPHS, _STORY_SENTENCES = 3, 6
#: the shortest noun that counts as telling a happening
_NOUN_LETTERS = 4
_HAPPENING_CUES = frozenset({TenseCue.PARTICIPLE, TenseCue.INSEPARABLE_PARTICIPLE, TenseCue.STRONG_PAST})
#: cues of a sentence that tells something past (a perfect, a past form)
_PAST_TELLING = frozenset({TenseCue.PARTICIPLE, TenseCue.INSEPARABLE_PARTICIPLE, TenseCue.STRONG_PAST,
                           TenseCue.PAST_FORM, TenseCue.PAST_WORD})
_OPENING_QUOTES = frozenset("„“‚»\"'«")
_NOUN_ENDINGS = ("en", "es", "e", "n", "s")


def _stem(noun: str) -> str:
    """A noun without its case or plural ending ("brücken" → "brück"), enough to match its forms."""
    for ending in _NOUN_ENDINGS:
        if noun.endswith(ending) and len(noun) - len(ending) >= _NOUN_LETTERS:
            return noun[:-len(ending)]
    return noun
