"""The cue words of context dating (`lang/<code>/context.yaml`), compiled, and what they tell of
a sentence: whether it tells the day's news, how things stand now, a quote, a saying. The dating
walk over a document's sentences is `context_dates`."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..caching import Interned, Memo
from ..compat import StrEnum
from ..lang import Language
from ..lang.checked import check_keys, check_words
from ..lang.patterns import alternation
from ..temporal.tense import Cues, TenseCue, TenseWords, detect_tense, tense_of_cues

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
    RECALL = "recall cue start"                     # … of a recall cue ("damals")
    PHASE = "phase cue start"                       # … of a phase cue ("Minute", "nach der Pause")
    CLAUSE_OPENER = "clause opener"                 # "woher", "was": a sentence may open with a clause
    PASSIVE_PRESENT = "present passive auxiliary"   # "wird": with a closing participle, the present
    TRADING = "word of trading"                     # "Aktien", "Autowerte"
    ADDRESS = "word of address"                     # "Sie", "Ihnen", as written
    HYPOTHETICAL = "hypothetical"                   # a Konjunktiv II: "könnte", "müsste"


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
        pattern = alternation(phrases)
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
                 "continuation_phrases": Mark.CONTINUATION_PHRASE, "recall_cues": Mark.RECALL,
                 "phase_cues": Mark.PHASE}
_WORD_LISTS = {"state_words": Mark.STATE, "pluperfect_auxiliaries": Mark.PLUPERFECT,
               "subjunctive_words": Mark.SUBJUNCTIVE, "report_auxiliaries": Mark.REPORT_AUXILIARY,
               "passive_perfect_words": Mark.PASSIVE_PERFECT, "reporting_verbs": Mark.REPORTING,
               "modal_words": Mark.MODAL, "hypothetical_words": Mark.HYPOTHETICAL,
               "clause_openers": Mark.CLAUSE_OPENER, "present_passive_auxiliaries": Mark.PASSIVE_PRESENT}


#: lists of whole words read as they are
_CASED_LISTS = ("address_words", "closing_continuation_words", "trading_words")


@dataclass(frozen=True)
class ContextWords:
    """A language's context-dating cues (context.yaml), checked and compiled:
    `language.compiled(ContextWords.of)`."""

    continuation: _Phrases
    continuation_phrases: _Phrases
    blocking: _Phrases
    timeless: _Phrases
    state_auxiliaries: _Phrases
    recall: _Phrases
    phase: _Phrases
    #: words that address the reader or the person interviewed ("Sie", "Ihre"), as written
    address: frozenset[str]
    #: lower-case words of trading in securities, also as a compound's end ("Autowerte")
    trading: tuple[str, ...]
    #: lower-case words that, closing a saying, say it goes on ("sagte der Sprecher weiter")
    closing: frozenset[str]
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
        data = check_keys(language.data["context"], file, required=[*_PHRASE_LISTS, *_WORD_LISTS, *_CASED_LISTS])
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
                   recall=phrases["recall_cues"], phase=phrases["phase_cues"],
                   address=frozenset(check_words(data["address_words"], file, ["address_words"])),
                   trading=tuple(word.lower() for word in check_words(data["trading_words"], file, ["trading_words"])),
                   closing=frozenset(word.lower() for word in check_words(
                       data["closing_continuation_words"], file, ["closing_continuation_words"])),
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
        if word in self.address:
            seen.add(Mark.ADDRESS)
        if word[:1].isupper() and word.lower().endswith(self.trading):
            seen.add(Mark.TRADING)
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
        return ("n", stem(word.lower())) if len(word) >= _NOUN_LETTERS and word[:1].isupper() else None

    def seen(self, text: str) -> Seen:
        """What the words of a sentence are, looked up token by token: splitting at spaces is much
        cheaper than finding the words."""
        return _NOTHING_SEEN.union(*map(self.tokens.__getitem__, text.split()))


def is_quote(text: str) -> bool:
    return text[:1] in _OPENING_QUOTES


def is_saying(text: str, seen: Seen) -> bool:
    """A quote, or a sentence (its words `seen`) with a verb of saying."""
    return is_quote(text) or Mark.REPORTING in seen


def is_present(text: str, seen: Seen, language: Language) -> bool:
    return (tense_of_cues(seen) or detect_tense(text, language)) == "present"


def tells_news(seen: Seen, state: bool, cues: ContextWords, text: str) -> bool:
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


def opens_with_cue(text: str, seen: Seen, cues: ContextWords) -> bool:
    match = cues.continuation.find(text, seen)
    return match is not None and match.start() <= _third_word(text)


def _third_word(text: str) -> int:
    """Offset of a sentence's third word: a cue must open the sentence or follow its first element
    and the verb ("Zudem habe …", "Es sei zudem …")."""
    third = next(itertools.islice(_WORD.finditer(text), 2, None), None)
    return third.start() if third is not None else len(text)


def tells_now(text: str, seen: Seen, cues: ContextWords, language: Language) -> bool:
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
    present = tense == "present" or _main_clause_present(text, seen, cues)
    return present and not cues.timeless.find(text, seen)


def _main_clause_present(text: str, seen: Seen, cues: ContextWords) -> bool:
    """Whether the main clause is in the present where the words at large read otherwise: after a
    fronted clause ("Woher der Angriff kam, ist noch unklar": the verb after its comma is "ist"), or
    a present passive ending in its participle ("Ein Mann wird vermisst")."""
    if Mark.CLAUSE_OPENER not in seen and Mark.PASSIVE_PRESENT not in seen:
        return False
    words = text.split()
    if Mark.CLAUSE_OPENER in cues.tokens[words[0]] and "," in text:
        after = text.split(",", 1)[1].split()
        return bool(after) and _auxiliary_word(after[0], cues)
    return (Mark.PASSIVE_PRESENT in seen and not _PARTICIPLES.isdisjoint(cues.tokens[words[-1]])
            and _PAST_FORMS.isdisjoint(seen))


def _auxiliary_word(token: str, cues: ContextWords) -> bool:
    """Whether a token is one of the present state auxiliaries ("ist", "sind")."""
    return Mark.STATE_AUXILIARY in cues.tokens[token] and cues.state_auxiliaries.regex.fullmatch(token) is not None



_PAST_FORMS = frozenset({TenseCue.PAST_FORM, TenseCue.STRONG_PAST, TenseCue.PAST_WORD})
#: the shortest noun that counts as telling a happening
_NOUN_LETTERS = 4
_HAPPENING_CUES = frozenset({TenseCue.PARTICIPLE, TenseCue.INSEPARABLE_PARTICIPLE, TenseCue.STRONG_PAST})
_OPENING_QUOTES = frozenset("„“‚»\"'«")
#: a pluperfect, reported speech or a supposition is no lead's happening
_LEAD_BLOCKERS = frozenset({Mark.PLUPERFECT, Mark.SUBJUNCTIVE, Mark.MODAL})
_PARTICIPLES = frozenset({TenseCue.PARTICIPLE, TenseCue.INSEPARABLE_PARTICIPLE})
#: a pluperfect, reported speech or what might be tells no trading of the day
_TRADING_BLOCKERS = frozenset({Mark.PLUPERFECT, Mark.SUBJUNCTIVE, Mark.HYPOTHETICAL, Mark.MODAL})
#: how far from a sentence's end its closing word is looked for
_CLOSING_REACH = 24
_CLOSING_QUOTES = "“”‘’«»\"'"
_NOUN_ENDINGS = ("en", "es", "e", "n", "s")


def stem(noun: str) -> str:
    """A noun without its case or plural ending ("brücken" → "brück"), enough to match its forms."""
    for ending in _NOUN_ENDINGS:
        if noun.endswith(ending) and len(noun) - len(ending) >= _NOUN_LETTERS:
            return noun[:-len(ending)]
    return noun


def is_question(text: str) -> bool:
    """A question (an interviewer's, a rhetorical one): it asks, it tells no happening."""
    return "?" in text and text.rstrip().rstrip(_CLOSING_QUOTES).endswith("?")


def addresses_someone(text: str, seen: Seen, cues: ContextWords) -> bool:
    """Whether the sentence (its words `seen`) addresses the reader or the person interviewed ("Hier
    können Sie …", "Wie sieht es in Ihren Weinbergen aus?"): a word of address written with its
    capital after the first word, where it can mean nobody else."""
    return Mark.ADDRESS in seen and not cues.address.isdisjoint(_WORD.findall(text)[1:])


def tells_lead_perfect(seen: Seen, state: bool, cues: ContextWords, text: str) -> bool:
    """Whether a sentence tells a happening in the perfect with "haben" or "sein" ("hat … verurteilt",
    "ist … zurückgetreten"), as an agency lead does; not a pluperfect, a supposition, a saying."""
    participle = TenseCue.PARTICIPLE in seen or TenseCue.INSEPARABLE_PARTICIPLE in seen
    if not (participle and (Mark.REPORT_AUXILIARY in seen or Mark.STATE_AUXILIARY in seen)):
        return False
    if not _LEAD_BLOCKERS.isdisjoint(seen) or (state and Mark.PARTICIPLE not in seen):
        return False
    return not (cues.blocking.find(text, seen) or cues.timeless.find(text, seen))


def goes_on_saying(text: str, seen: Seen, cues: ContextWords) -> bool:
    """Whether the sentence (its words `seen`) says the statement before goes on: one of
    `continuation_phrases` ("hieß es", "sagte weiter"), or a saying closed by a word such as
    "weiter" ("…, sagte der Sprecher weiter.")."""
    if cues.continuation_phrases.find(text, seen) is not None:
        return True
    if Mark.REPORTING not in seen:
        return False
    last = _WORD.findall(text[-_CLOSING_REACH:])
    return bool(last) and last[-1].lower() in cues.closing


def is_reported_speech(seen: Seen) -> bool:
    """A sentence in the Konjunktiv I of reported speech without a verb of saying of its own ("Das
    werde bis November dauern."): it goes on with the statement before."""
    return Mark.SUBJUNCTIVE in seen and Mark.REPORTING not in seen


def is_hypothetical(text: str, seen: Seen, cues: ContextWords) -> bool:
    """Whether the sentence's first clause (up to its first comma) is in the Konjunktiv II ("Bund und
    Land könnten die Kosten übernehmen"): it tells what might be, not a happening. One in a later
    clause ("Befürchtet wurde, dass es … geben könnte") leaves the main clause's happening."""
    return Mark.HYPOTHETICAL in seen and Mark.HYPOTHETICAL in cues.seen(text.split(",", 1)[0])


def tells_trading(text: str, seen: Seen, cues: ContextWords) -> bool:
    """Whether the sentence (its words `seen`) tells the trading of a market report in the past
    ("Aktien des Zulieferers verloren 6,3 Prozent", "Besonders schwach zeigten sich Autowerte"): a
    past form, no pluperfect or reported speech, and a word of trading."""
    return (Mark.TRADING in seen and not _PAST_FORMS.isdisjoint(seen) and _TRADING_BLOCKERS.isdisjoint(seen)
            and not cues.blocking.find(text, seen))
