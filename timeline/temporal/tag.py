"""Find temporal expressions with the language's rules and resolve them in reading order."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..caching import Memo
from ..lang import Language, Rule, load_language
from ..model import DateValue, Sentence, Timex
from ..segment import split_sentences
from .resolve import Reference, expression_type, resolve
from .scan import Matcher, RuleIndex

_TEMPLATE = re.compile(r"\{(\w+)(?:#(\d+))?\}")
#: "[a-zäöüß]+" ignoring case, spelled out: a case-sensitive class lets the regex engine skip to
#: the words (dotted and dotless i, long s, capital sharp s and the Kelvin sign match too)
_WORD = re.compile("[a-zA-ZäöüßÄÖÜ\u0130\u0131\u017f\u1e9e\u212a]+")
MODES = ("news", "narrative")


@dataclass(frozen=True)
class Match:
    """An expression a rule found, with the fields its value is made of."""

    start: int
    end: int
    rule: Rule
    fields: dict[str, Any]


@dataclass(frozen=True)
class TaggedTimex:
    """A resolved expression: its TimeML view and the date it gives an event (if any)."""

    timex: Timex
    date: DateValue | None
    sentence: int            # index into the sentences; -1 when outside all of them


def find_expressions(text: str, language: Language) -> list[Match]:
    """Non-overlapping matches of all rules, the longest winning; rejecting rules hide what they cover."""
    candidates: list[Match] = []
    held = language.triggers.held_by(text.lower())
    active = [held.issuperset(rule.triggers) for rule in language.rules]     # the others cannot match
    for i, found in Matcher(text).find_each(_rule_index(language), active):
        rule = language.rules[i]
        start, end = found.span("t") if "t" in rule.regex.groupindex and found.group("t") else found.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            candidates.append(Match(start, end, rule, _fields(rule, found, language)))
    candidates.sort(key=lambda m: (-(m.end - m.start), -m.rule.priority, m.start))
    chosen: list[Match] = []
    taken_starts: list[int] = []                     # taken spans never overlap: sorted by start
    taken_ends: list[int] = []
    for match in candidates:
        i = bisect.bisect_left(taken_starts, match.end)
        if i > 0 and taken_ends[i - 1] > match.start:   # the nearest span starting before this end overlaps
            continue
        taken_starts.insert(i, match.start)
        taken_ends.insert(i, match.end)
        if not match.rule.reject:
            chosen.append(match)
    chosen.sort(key=lambda m: m.start)
    return chosen


#: the rule index of each language, by its id (kept alive with it, so that the id stays its own)
_INDEXES: dict[int, tuple[Language, RuleIndex]] = {}


def _rule_index(language: Language) -> RuleIndex:
    if id(language) not in _INDEXES:
        _INDEXES[id(language)] = (language, RuleIndex(language.rules))
    return _INDEXES[id(language)][1]


def _fields(rule: Rule, found: re.Match[str], language: Language) -> dict[str, Any]:
    groups = {name: language.normalize(name, text) for name, text in found.groupdict().items()
              if text is not None and name != "t"}
    fields: dict[str, Any] = {}
    for key, template in rule.value.items():
        if not isinstance(template, str) or "{" not in template:
            fields[key] = template
            continue
        whole = _TEMPLATE.fullmatch(template)
        if whole:
            name = whole[1] + (f"__{whole[2]}" if whole[2] else "")
            if groups.get(name) is not None:
                fields[key] = groups[name]
            continue
        parts = [groups.get(m[1] + (f"__{m[2]}" if m[2] else "")) for m in _TEMPLATE.finditer(template)]
        if _TEMPLATE.sub("", template):          # text around the groups: every group is needed
            if None not in parts:
                fields[key] = _TEMPLATE.sub(lambda m: str(parts.pop(0)), template)
        elif any(part is not None for part in parts):  # alternatives such as "{daypart}{daypart_adverb}"
            fields[key] = next(part for part in parts if part is not None)
    return fields


@dataclass(frozen=True)
class _TenseCues:
    past: frozenset[str]
    perfect: frozenset[str]
    haben: frozenset[str]
    future: frozenset[str]
    not_past: frozenset[str]
    participle: re.Pattern[str]
    inseparable_participle: re.Pattern[str]
    past_form: re.Pattern[str]
    strong_past: re.Pattern[str]
    adjective_leaders: frozenset[str]


@functools.lru_cache(maxsize=None)
def _tense_cues(code: str) -> _TenseCues:
    data = load_language(code).tense

    def alternation(words) -> str:
        return "|".join(map(re.escape, sorted(words or [], key=len, reverse=True))) or "(?!)"
    strong = rf"(?:{alternation(data.get('verb_prefixes'))})*(?:{alternation(data.get('strong_past_forms'))})(?:en)?"
    return _TenseCues(
        past=frozenset(data["past_words"]), perfect=frozenset(data["perfect_auxiliaries"]),
        haben=frozenset(data.get("haben_auxiliaries") or []), future=frozenset(data["future_words"]),
        not_past=frozenset(data["not_past"]), participle=re.compile(data["participle_pattern"]),
        inseparable_participle=re.compile(data.get("inseparable_participle_pattern") or "(?!)"),
        past_form=re.compile(data["past_pattern"]), strong_past=re.compile(strong),
        adjective_leaders=frozenset(str(w) for w in data.get("adjective_leaders") or []))


def _adjective_position(leader: str, cues: _TenseCues) -> bool:
    """Whether a word in -te/-ten before a noun is an adjective: after a determiner, a preposition or
    another adjective ("den ersten Tagen", "mit harten Bandagen"), not after a noun ("Am Montag
    protestierten Hunderte")."""
    lower = leader.lower()
    return not leader or lower in cues.adjective_leaders or (leader.islower() and lower.endswith(("e", "en", "er", "es", "em")))


#: what a word may be to `detect_tense`, as bit flags; a verb form only when it is lower-case
_STRONG_PAST, _PARTICIPLE, _INSEPARABLE_PARTICIPLE, _PAST_FORM = 1, 2, 4, 8
_PAST_WORD, _PERFECT_AUXILIARY, _HABEN_AUXILIARY, _FUTURE_WORD = 16, 32, 64, 128
#: how many bits the flags of `tense_flags` take
TENSE_FLAG_BITS = 8


@functools.lru_cache(maxsize=None)
def _word_flags(lang: str) -> Callable[[str], int]:
    """The flags of a word: the same words recur in every report, so each is looked at once."""
    cues = _tense_cues(lang)

    def flags(word: str) -> int:
        lower = word.lower()
        found = ((_PAST_WORD if lower in cues.past else 0) | (_PERFECT_AUXILIARY if lower in cues.perfect else 0)
                 | (_HABEN_AUXILIARY if lower in cues.haben else 0) | (_FUTURE_WORD if lower in cues.future else 0))
        if word.islower():
            found |= ((_STRONG_PAST if cues.strong_past.fullmatch(word) else 0)
                      | (_PARTICIPLE if cues.participle.fullmatch(word) else 0)
                      | (_INSEPARABLE_PARTICIPLE if cues.inseparable_participle.fullmatch(word) else 0)
                      | (_PAST_FORM if cues.past_form.fullmatch(word) and word not in cues.not_past else 0))
        return found
    return Memo(flags).__getitem__


def tense_flags(text: str, lang: str = "de") -> int:
    """The flags of the words of `text` together: a caller that keeps them per token of a sentence
    ORs them and lets `tense_of_flags` judge, without finding the sentence's words again."""
    return functools.reduce(operator.or_, map(_word_flags(lang), _WORD.findall(text)), 0)


def tense_of_flags(found: int) -> str | None:
    """The tense of a sentence whose words have the flags `found` together, as `detect_tense` gives
    it; None when it depends on the order of the words (a word in -te/-ten may be an adjective)."""
    if (found & (_PAST_WORD | _STRONG_PAST) or (found & _PARTICIPLE and found & _PERFECT_AUXILIARY)
            or (found & _INSEPARABLE_PARTICIPLE and found & _HABEN_AUXILIARY)):
        return "past"
    if found & _PAST_FORM:
        return None
    return "future" if found & _FUTURE_WORD else "present"


def detect_tense(sentence: str, lang: str = "de") -> str:
    """"past", "future" or "present" (which also stands for: unclear)."""
    words = _WORD.findall(sentence)
    flags = list(map(_word_flags(lang), words))
    found = functools.reduce(operator.or_, flags, 0)
    tense = tense_of_flags(found)
    if tense is not None:
        return tense
    cues = _tense_cues(lang)
    for i, word_flags in enumerate(flags):
        if word_flags & _PAST_FORM:
            following, leader = (words[i + 1] if i + 1 < len(words) else ""), (words[i - 1] if i else "")
            if not (following[:1].isupper() and _adjective_position(leader, cues)):
                return "past"                     # not "mit ernsthaften Verhandlungen"
    return "future" if found & _FUTURE_WORD else "present"


def tag_sentences(text: str, sentences: Sequence[Sentence], reference: Reference | None,
                  lang: str = "de", mode: str = "news") -> list[TaggedTimex]:
    """Tag `text` and resolve each expression against the reference (news) or the last date (narrative)."""
    language = load_language(lang)
    starts = [s.start for s in sentences]
    tenses: dict[int, str] = {}
    context: Reference | None = None
    result: list[TaggedTimex] = []
    for match in find_expressions(text, language):
        index = bisect.bisect_right(starts, match.start) - 1
        if index < 0 or match.start >= sentences[index].end:
            index = -1                                # outside every sentence, e.g. in a header
        if index not in tenses:
            tenses[index] = detect_tense(sentences[index].text, lang) if index >= 0 else "present"
        expression = text[match.start:match.end]
        type_ = expression_type(match.fields, match.rule.type)
        resolution = resolve(match.fields, expression, type_, reference, context, tenses[index], mode)
        result.append(TaggedTimex(Timex(match.start, match.end, expression, resolution.type,
                                        resolution.value, resolution.mod), resolution.date, index))
        context = _next_context(context, resolution.date)
    return result


def _next_context(context: Reference | None, date: DateValue | None) -> Reference | None:
    """The last mentioned date becomes the context when the text names it at day, month or year."""
    if date is None or date.approximate or date.basis == "context" or "/" in date.value:
        return context
    precision = {"time": "day", "part-of-day": "day", "day": "day", "month": "month", "year": "year"}.get(
        date.granularity)
    if precision is None:
        return context
    return Reference(dt.date.fromisoformat(date.start[:10]), precision)


def tag_text(text: str, published: dt.date | None = None, lang: str = "de", mode: str = "news",
             precision: str = "day") -> list[Timex]:
    """The temporal expressions of a text as TimeML sees them, offsets into `text` as given."""
    reference = Reference(published, precision) if published else None
    sentences = split_sentences(text, 0, lang)
    return [tagged.timex for tagged in tag_sentences(text, sentences, reference, lang, mode)]
