"""Dates from context: a sentence without a temporal expression of its own takes the date of the
event it continues, or the publication date when it states how things are now; otherwise it
stays undated. The rules are described in `lang/<code>/context.yaml`; its words and what they
tell of a sentence are in `context_cues`."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..lang import Language
from ..model import DateValue, Mention, Sentence
from ..temporal import Reference
from ..temporal.tense import TenseCue, detect_tense, tense_of_cues
from ..temporal.values import granularity_of, interval_of
from .context_cues import (
    ContextWords,
    Mark,
    Seen,
    addresses_someone,
    goes_on_saying,
    is_hypothetical,
    is_present,
    is_question,
    is_quote,
    is_reported_speech,
    is_saying,
    opens_with_cue,
    stem,
    tells_lead_perfect,
    tells_news,
    tells_now,
    tells_trading,
)

_WORD = re.compile(r"\w+")


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
    seen_before: Seen = frozenset()                   # the words of the sentence `previous`
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
            text = sentence.text
            # a habit ("jeden Montag") is neither the day's news nor how things stand now; a question
            # or a word to the reader tells no happening
            timely = not (recurring and recurring[index])
            telling = not (is_question(text) or addresses_someone(text, seen, cues))
            date = (
                (_period(anchors[index], "ticker") if index in anchors else None)
                or _continued(index, previous, sentences, seen, seen_before, state, dates, actors, cues,
                              language)
                or (_recalled(index, own_dates, reference) if cues.recall.find(text, seen) else None)
                or (_phase_of(index, dates) if cues.phase.find(text, seen) else None)
                or (story.date_of(index, seen, state) if story is not None and index in lead else None)
                or (story.lead_day(index, seen, state, reference)
                    if story is not None and reference is not None and telling else None)
                or (story.main_day(reference) if story is not None and reference is not None and telling
                    and tells_trading(text, seen, cues) else None)
                or (report_day.date if report_day and timely and telling
                    and tells_news(seen, state, cues, text) else None)
                or (now if now and timely and telling and tells_now(text, seen, cues, language) else None))
        result.append(date)
        dates.append(own_dates[index] or (date if date and date.basis in _CONTINUED_BASES else None))
        if not state:
            previous, seen_before = index, seen       # a state ("Sie gilt von 22 bis 5 Uhr") is no event to continue
    return result


def _continued(index: int, previous: int | None, sentences: Sequence[Sentence], seen: Seen, seen_before: Seen,
               state: bool, dates: list[DateValue | None], actors: Sequence[Sequence[Mention]], cues: ContextWords,
               language: Language) -> DateValue | None:
    """The date of the event before when the sentence (its words `seen`; `state`: it describes a
    state) continues it (the sentence `previous`, its words `seen_before`)."""
    if previous is None:
        return None
    before = dates[previous]
    if before is None:
        return None
    text = sentences[index].text
    # "hieß es in der Erklärung", "sagte weiter": the statement made just before goes on
    phrase = goes_on_saying(text, seen, cues) and is_saying(sentences[previous].text, seen_before)
    # a new paragraph ends the event, unless the sentence says it goes on with the one just before
    if not (sentences[previous].paragraph == sentences[index].paragraph or (phrase and previous == index - 1)):
        return None
    if is_quote(text) and is_present(text, seen, language):
        # a quote in the present goes on with a saying (whatever it says), not with another happening
        return replace(before, basis="continuation") if is_saying(sentences[previous].text, seen_before) else None
    if is_reported_speech(seen) and is_saying(sentences[previous].text, seen_before):
        # reported speech after a saying goes on with it, whatever it says ("Das werde dauern.")
        return replace(before, basis="continuation")
    if ((state and not phrase) or cues.blocking.find(text, seen)
            or (Mark.PLUPERFECT in seen and Mark.PARTICIPLE in seen)):
        return None
    # the account goes on in the past tense; "ist/war/sei" + participle is mostly a state
    # ("sind frustriert", "sei geboten") and does not count (the tense, costlier, is judged last)
    if not (phrase or opens_with_cue(text, seen, cues) or _refers_back(actors[index], actors[previous])
            or (Mark.STATE not in seen and not is_hypothetical(text, seen, cues)
                and (tense_of_cues(seen) or detect_tense(text, language)) == "past")):
        return None
    return replace(before, basis="continuation")



def _recalled(index: int, own_dates: Sequence[DateValue | None], reference: Reference | None) -> DateValue | None:
    """For a sentence that refers back to a past time ("damals"): the date of the nearest sentence
    before it whose own expression names a time before the publication."""
    published = reference.day.isoformat() if reference is not None else None
    for before in range(index - 1, max(-1, index - 1 - _RECALL_SENTENCES), -1):
        date = own_dates[before]
        if date is not None and (published is None or date.end[:10] < published):
            return replace(date, basis="context")
    return None


def _phase_of(index: int, dates: Sequence[DateValue | None]) -> DateValue | None:
    """For a sentence that names a phase of the happening told ("in der 23. Minute", "nach der
    Pause"): the date of the nearest happening dated before it."""
    return next((replace(date, basis="context") for date in reversed(dates[:index]) if date is not None), None)


def _refers_back(actors: Sequence[Mention], before: Sequence[Mention]) -> bool:
    """The acting actor is a pronoun or description meaning the main actor of the sentence before."""
    acting = next((m for m in actors if m.role == "actor"), None)
    if acting is None or acting.text in (acting.name, *acting.aliases):
        return False
    main = next((m for m in before if m.role == "actor"), before[0] if before else None)
    return main is not None and main.name == acting.name


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
        #: the first body sentence
        self.first = near[0] if near else None
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

    def lead_day(self, index: int, seen: Seen, state: bool, reference: Reference) -> DateValue | None:
        """The day of the report's main happening for its first sentence when that tells it in the
        perfect (agency style: "Das Landgericht hat … verurteilt.") and a sentence after it in the
        same paragraph names a day in the week before the publication ("am Mittwoch")."""
        if index != self.first or not tells_lead_perfect(seen, state, self.cues, self.sentences[index].text):
            return None
        paragraph = self.sentences[index].paragraph
        for other, date in self.dated:
            if other > index and self.sentences[other].paragraph == paragraph:
                day = _day_of(date)
                if day is not None and dt.timedelta(0) <= reference.day - day <= dt.timedelta(days=_LEAD_DAYS):
                    return _day_date(day, "story")
                return None
        return None

    def main_day(self, reference: Reference) -> DateValue | None:
        """The day of the report's main happening: the day the first dated sentence of its opening
        names, when that lies in the week before the publication."""
        if self.dated:
            day = _day_of(self.dated[0][1])
            if day is not None and dt.timedelta(0) <= reference.day - day <= dt.timedelta(days=_LEAD_DAYS):
                return _day_date(day, "story")
        return None

    def _words(self, index: int) -> frozenset[tuple[str, str]]:
        """The happening words of a sentence (`ContextWords.happening`) but its first word and the
        nouns of its actors' names."""
        if index not in self.words:
            found = set(filter(None, map(self.cues.happening.__getitem__, self.sentences[index].text.split()[1:])))
            for mention in self.actors[index]:
                found.difference_update(("n", stem(word.lower())) for word in _WORD.findall(mention.text))
            self.words[index] = frozenset(found)
        return self.words[index]


def _day_of(date: DateValue) -> dt.date | None:
    """The day a date lies in, when it names one."""
    try:
        return dt.date.fromisoformat(date.value[:10]) if len(date.value) >= 10 and date.value[4] == "-" else None
    except ValueError:
        return None


def _day_date(day: dt.date, basis: str) -> DateValue:
    start, end = interval_of(day.isoformat()) or (None, None)
    assert start is not None and end is not None
    return DateValue(value=day.isoformat(), start=start.isoformat(), end=end.isoformat(), granularity="day",
                     expression=None, basis=basis)


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


#: the bases of dates that a sentence after may continue: a happening's, not how things stand now
_CONTINUED_BASES = frozenset({"continuation", "story", "ticker", "report-day", "context"})
#: how far back a sentence that refers to a past time ("damals") looks for that time
_RECALL_SENTENCES = 6
#: how many days before the publication the day of a lead's happening may lie
_LEAD_DAYS = 7
#: the lead, where a sentence may retell the main happening (the body's first paragraphs and
#: sentences), and the opening where the sentence that names its day may stand
_LEAD_PARAGRAPHS, _LEAD_SENTENCES = 2, 3
_STORY_PARAGRAPHS, _STORY_SENTENCES = 3, 6
#: the shortest noun that counts as telling a happening
#: cues of a sentence that tells something past (a perfect, a past form)
_PAST_TELLING = frozenset({TenseCue.PARTICIPLE, TenseCue.INSEPARABLE_PARTICIPLE, TenseCue.STRONG_PAST,
                           TenseCue.PAST_FORM, TenseCue.PAST_WORD})
