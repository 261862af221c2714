"""Find temporal expressions with the language's rules and resolve them in reading order."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..lang import Language, Rule, load_language
from ..model import DateValue, Sentence, Timex
from ..segment import split_sentences
from .calendar import SCHEDULED
from .clauses import Clause, ClauseKind, ClauseWords, clause_at, split_clauses
from .resolve import Reference, expression_type, looks_back, resolve
from .rule_index import RuleIndex

_TEMPLATE = re.compile(r"\{(\w+)(?:#(\d+))?\}")


@dataclass(frozen=True)
class Match:
    """An expression a rule found, with the fields its value is made of."""

    start: int
    end: int
    rule: Rule
    fields: dict[str, Any]


def _next_part(parts: Iterator[Any], _placeholder: re.Match[str]) -> str:
    return str(next(parts))


@dataclass(frozen=True)
class TaggedTimex:
    """A resolved expression: its TimeML view and the date it gives an event (if any)."""

    timex: Timex
    date: DateValue | None
    sentence: int            # index into the sentences; -1 when outside all of them
    #: the kind of clause it stands in (`clauses.ClauseKind`): "main", "subordinate", "relative" or
    #: "quote" (between quotation marks or reported speech); an event in the same clause takes its date
    clause: str = ClauseKind.MAIN.value


class _Candidate(NamedTuple):
    """A rule's match before the longest ones are chosen."""

    start: int
    end: int
    rule: Rule
    found: re.Match[str]


def find_expressions(text: str, language: Language) -> list[Match]:
    """Non-overlapping matches of all rules, the longest winning; rejecting rules hide what they cover."""
    candidates: list[_Candidate] = []
    held = language.triggers.held_by(text.lower())
    active = [held.issuperset(rule.triggers) for rule in language.rules]     # the others cannot match
    for i, found in language.compiled(RuleIndex.of).find_each(text, active):
        rule = language.rules[i]
        start, end = found.span("t") if "t" in rule.regex.groupindex and found.group("t") else found.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            candidates.append(_Candidate(start, end, rule, found))
    candidates.sort(key=lambda m: (-(m.end - m.start), -m.rule.priority, m.start))
    chosen: list[_Candidate] = []
    taken_starts: list[int] = []                     # taken spans never overlap: sorted by start
    taken_ends: list[int] = []
    for candidate in candidates:
        i = bisect.bisect_left(taken_starts, candidate.end)
        if i > 0 and taken_ends[i - 1] > candidate.start:   # the nearest span starting before this end overlaps
            continue
        taken_starts.insert(i, candidate.start)
        taken_ends.insert(i, candidate.end)
        if not candidate.rule.reject:
            chosen.append(candidate)
    chosen.sort(key=lambda m: m.start)
    # the fields of the chosen matches only: many candidates lose to a longer match
    return [Match(c.start, c.end, c.rule, _fields(c.rule, c.found, language)) for c in chosen]


def _fields(rule: Rule, found: re.Match[str], language: Language) -> dict[str, Any]:
    groups = {name: language.normalize(name, text) for name, text in found.groupdict().items()
              if text is not None and name != "t"}
    fields: dict[str, Any] = {}
    for key, template in rule.value.items():
        if not isinstance(template, str) or "{" not in template:
            fields[key] = template
            continue
        parsed = _parsed_template(template)
        if parsed.whole:
            if groups.get(parsed.names[0]) is not None:
                fields[key] = groups[parsed.names[0]]
            continue
        parts = [groups.get(name) for name in parsed.names]
        if parsed.text_around:                   # text around the groups: every group is needed
            if None not in parts:
                fields[key] = _TEMPLATE.sub(functools.partial(_next_part, iter(parts)), template)
        elif any(part is not None for part in parts):  # alternatives such as "{daypart}{daypart_adverb}"
            fields[key] = next(part for part in parts if part is not None)
    return fields


class _Template(NamedTuple):
    names: tuple[str, ...]   # the groups it names, in order
    whole: bool              # one group and nothing else
    text_around: bool


@functools.cache
def _parsed_template(template: str) -> _Template:
    """A rule's value template read once, not at every match (templates are language data, few)."""
    names = tuple(m[1] + (f"__{m[2]}" if m[2] else "") for m in _TEMPLATE.finditer(template))
    return _Template(names, _TEMPLATE.fullmatch(template) is not None, bool(_TEMPLATE.sub("", template)))


def tag_sentences(text: str, sentences: Sequence[Sentence], reference: Reference | None,
                  language: Language, mode: str = "news",
                  anchors: Mapping[int, Reference] | None = None) -> list[TaggedTimex]:
    """Tag `text` and resolve each expression against the reference (news) or the last date (narrative),
    with the tense of the clause it stands in; a sentence with an anchor (its ticker entry's day:
    `anchors.entry_anchors`) against that, each entry starting from its own day."""
    starts = [s.start for s in sentences]
    clauses: dict[int, list[Clause]] = {}
    words = language.compiled(ClauseWords.of)
    story = _StoryTime(narrative=mode == "narrative")
    header = Clause(0, 0, ClauseKind.MAIN, "present", [], language)    # text outside every sentence
    entry: Reference | None = None
    result: list[TaggedTimex] = []
    for match in find_expressions(text, language):
        index = bisect.bisect_right(starts, match.start) - 1
        if index < 0 or match.start >= sentences[index].end:
            index = -1                                # outside every sentence, e.g. in a header
        if index not in clauses:
            clauses[index] = split_clauses(sentences[index].text, language) if index >= 0 else [header]
        clause = clause_at(clauses[index], match.start - sentences[index].start) if index >= 0 else header
        tense = clause.tense
        if match.rule.value_kind == "weekday":
            if words.points_back(text, match.start, match.end):
                tense = "past"                        # "ein Erlass vom Donnerstag", "seit Montag"
            elif tense == "present" and index >= 0 and words.verb_follows(
                    text, sentences[index].start + clause.start, match.start, match.end):
                tense = SCHEDULED                     # "Am Samstag empfängt die Mannschaft …"
        story.enter(index, sentences)
        anchor = anchors.get(index) if anchors else None
        if anchor is not None and anchor is not entry:
            entry = story.context = anchor
        expression = text[match.start:match.end]
        type_ = expression_type(match.fields, match.rule.type)
        context = story.context
        if result and words.joins_range(text, result[-1].timex.end, match.start):
            context = _range_end_day(result[-1], match.fields) or context
        resolution = resolve(match.fields, expression, type_, anchor or reference, context, tense, mode)
        result.append(TaggedTimex(Timex(match.start, match.end, expression, resolution.type,
                                        resolution.value, resolution.mod), resolution.date, index,
                                  clause.kind.value))
        if not words.bounds_ahead(text, match.start) and not (story.narrative and looks_back(match.fields)):
            story.advance(resolution.date, heading=index >= 0 and sentences[index].heading)
    return result


def _range_end_day(start: TaggedTimex, fields: dict[str, Any]) -> Reference | None:
    """The day of a range's end hour earlier than its start hour: the next one ("von 22 bis 5 Uhr")."""
    if start.date is None or start.date.granularity != "time" or "hour" not in fields or "daypart" in fields:
        return None
    begin = dt.datetime.fromisoformat(start.date.start)
    if int(fields["hour"]) >= begin.hour:
        return None
    return Reference(begin.date() + dt.timedelta(days=1), "day")


@dataclass
class _StoryTime:
    """The date last mentioned, which dates count from in a narrative (and "am Abend" in news).

    In a narrative a date that looks back ("zwei Jahre zuvor") or a bound ahead ("bis März 1862")
    does not move it; a heading that names a date opens a chapter, and a section under a heading
    without one goes back to the chapter's date.
    """

    narrative: bool
    context: Reference | None = None
    chapter: Reference | None = None
    sentence: int = -1                 # the last sentence entered

    def enter(self, index: int, sentences: Sequence[Sentence]) -> None:
        if not self.narrative or index <= self.sentence:
            return
        if self.chapter is not None and any(s.heading for s in sentences[self.sentence + 1:index]):
            self.context = self.chapter
        self.sentence = index

    def advance(self, date: DateValue | None, heading: bool) -> None:
        self.context = _next_context(self.context, date)
        if heading and self.narrative:
            self.chapter = self.context


def _next_context(context: Reference | None, date: DateValue | None) -> Reference | None:
    """The last mentioned date becomes the context when the text names it at day, month or year."""
    if date is not None and date.basis == "context" and date.mod == "START" and date.granularity == "year":
        return Reference(dt.date.fromisoformat(date.start[:10]), "year")    # "zu Beginn des Jahres": its start
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
    language = load_language(lang)
    sentences = split_sentences(text, 0, language)
    return [tagged.timex for tagged in tag_sentences(text, sentences, reference, language, mode)]
