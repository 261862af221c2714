"""One event, many sources: tellings of the same event by different reports become one event.

Two events are tellings of one event when all of this holds:

* they come from different documents (a report never tells one event twice as two events);
* both are dated at day precision or finer, not approximately, and their intervals overlap
  ("am Mittwoch" and "am Mittwochabend" agree; Wednesday morning and evening do not);
* their actors agree: when both name a main actor (`Event.main_actor`), one's is among the
  other's actors; the persons both name overlap, and a person named by one is not missing from
  the other unless that one names no actor at all (a named person is part of what makes an event);
* their types agree when both are typed;
* their figures count the same things when both count something specific (injured versus
  arrests tells two events apart; a generic count of persons does not);
* their wording is similar: the mean of rapidfuzz's token-set and token-sort ratios over the
  content words of the sentences (date expression and function words left out, words cut to
  their first six letters so that inflections agree) reaches `SIMILARITY`.

Events are taken in date order. One joins the most similar group of tellings it agrees with in
every member (its wording compared with the group's first tellings), or starts a group. The groups
of each day are held in an index of their words, and only groups sharing two content words with
an event are looked at (a word in very many groups of one day is too common to count), so merging
grows with the number of events, sorting them aside.

The merged event takes the sentence and date of its most precisely dated telling, the actors and
places of all, the most certain certainty, and lists every telling in `reports` with its
document's outlet, publication date and figures. Its headline figure per category is the lowest
any report gives (ACLED's rule).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .lang import Language, available_languages, load_language
from .model import CERTAINTIES, Event, Figure, Mention, Report, Timeline
from .names import fold, name_key, name_parts

#: the least wording similarity (0–100) of two tellings of one event
SIMILARITY = 65
#: dates of these granularities can be told apart by day; coarser ones never merge
_FINE = {"day": 1, "part-of-day": 2, "time": 3}
#: which telling's date leads a merged event: the one that says most directly when it happened
_BASIS_ORDER = {"text": 0, "context": 1, "ticker": 2, "continuation": 3, "story": 4, "report-day": 5, "publication": 6}
#: figure categories too generic to tell events apart
_GENERIC_FIGURES = {"persons", "uncategorised"}
_STEM = 6
#: how many tellings of a group a new one is compared with, and how many content words it must share
_COMPARED = 3
_SHARED = 2
#: a word in this many groups of a day is too common to find candidates by ("Polizei" on a day of unrest)
_COMMON = 50
_WORD = re.compile(r"\w+")


def _stopwords(language: Language) -> frozenset[str]:
    """Function words left out of the comparison (`merge.yaml`; none for a language without one)."""
    data = language.data.get("merge") or {}
    return frozenset(fold(str(w)) for w in data.get("stopwords") or [])


def _stopwords_of(lang: str) -> frozenset[str]:
    """The stop words of a document's language; none for a language this installation lacks (a
    store may hold documents parsed elsewhere)."""
    return load_language(lang).compiled(_stopwords) if lang in available_languages() else frozenset()


@dataclass
class _Telling:
    """An event with what comparing it needs, computed once."""

    event: Event
    published: str
    words: str                           # content words, cut to stems, space-separated
    stems: frozenset[str]
    main: frozenset[str]                 # keys of the main actor
    actors: frozenset[str]               # keys of all actors
    persons: frozenset[str]
    figures: frozenset[str]              # specific figure categories

    @property
    def start(self) -> str:
        return self.event.date.start     # type: ignore[union-attr]

    @property
    def end(self) -> str:
        return self.event.date.end       # type: ignore[union-attr]

    def days(self) -> tuple[str, ...]:
        return _days(self.start[:10], self.end[:10])


@functools.lru_cache(maxsize=4096)
def _days(start: str, end: str) -> tuple[str, ...]:
    """The first days (up to three) of an interval: tellings that share one may tell one event."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return tuple((first + dt.timedelta(days=i)).isoformat() for i in range(min((last - first).days, 2) + 1))


@dataclass
class _Group:
    """Tellings of one event. Their dates all overlap, so they share one interval (`start`–`end`),
    which a new telling must overlap too."""

    members: list[_Telling] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    start: str = ""
    end: str = "~"

    def add(self, telling: _Telling) -> None:
        self.members.append(telling)
        self.documents.add(telling.event.document)
        self.start, self.end = max(self.start, telling.start), min(self.end, telling.end)

    def may_take(self, telling: _Telling) -> bool:
        """The quick checks: another document, an overlapping date."""
        return telling.event.document not in self.documents and telling.start <= self.end and self.start <= telling.end

    def agrees(self, telling: _Telling) -> bool:
        return all(agree(telling, m) for m in self.members)

    def similarity(self, telling: _Telling) -> float:
        """The closest wording among the group's first tellings (later ones seldom come closer)."""
        return max(similarity(telling, m) for m in self.members[:_COMPARED])


def _keys(mention: Mention) -> frozenset[str]:
    return _name_keys(mention.name, mention.kind == "person")


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str, person: bool) -> frozenset[str]:
    """A name's key, and for a person the surname's too ("Huber" names "Anton Huber")."""
    keys = {name_key(name)}
    if person and (parts := name_parts(name)):
        keys.add(name_key(parts[-1]))
    return frozenset(k for k in keys if k)


def _telling(event: Event, document: dict[str, Any], stop: frozenset[str]) -> _Telling:
    sentence = event.sentence
    expression = event.date.expression if event.date else None
    if expression and event.date and event.date.basis in ("text", "context"):
        sentence = sentence.replace(expression, " ")
    stems = [w[:_STEM] for w in _WORD.findall(fold(sentence)) if len(w) > 2 and not w.isdigit() and w not in stop]
    main = event.main_actor
    return _Telling(
        event=event, published=str(document.get("published") or ""), words=" ".join(stems),
        stems=frozenset(stems), main=_keys(main) if main else frozenset(),
        actors=frozenset().union(*map(_keys, event.actors)),
        persons=frozenset().union(*(_keys(m) for m in event.actors if m.kind == "person")),
        figures=frozenset(f.category for f in event.figures) - _GENERIC_FIGURES)


def mergeable(event: Event) -> bool:
    """Only events dated to a day or finer, and not approximately, are compared with others."""
    return event.date is not None and event.date.granularity in _FINE and not event.date.approximate


def agree(a: _Telling, b: _Telling) -> bool:
    """Everything but the wording: different documents, overlapping dates, actors, type, figures."""
    ea, eb = a.event, b.event
    if ea.document == eb.document or not (a.start <= b.end and b.start <= a.end):
        return False
    if ea.type and eb.type and ea.type != eb.type:
        return False
    if a.main and b.main and not (a.main & b.actors or b.main & a.actors):
        return False
    if a.persons and b.persons and not a.persons & b.persons:
        return False
    if (a.persons and not b.persons and b.actors) or (b.persons and not a.persons and a.actors):
        return False
    return not (a.figures and b.figures and not a.figures & b.figures)


def similarity(a: _Telling, b: _Telling) -> float:
    return (fuzz.token_set_ratio(a.words, b.words) + fuzz.token_sort_ratio(a.words, b.words)) / 2


def merge_timeline(timeline: Timeline) -> Timeline:
    """The same timeline with the tellings of one event by several reports merged into one event
    that lists them in `reports`."""
    return Timeline(merge_events(timeline.events, timeline.documents), timeline.documents)


def merge_events(events: Iterable[Event], documents: Iterable[dict[str, Any]]) -> list[Event]:
    """The events with each group of tellings of one event merged into one event (see the module)."""
    meta = {str(d.get("id")): d for d in documents}
    stopwords = {lang: _stopwords_of(lang) for lang in {str(d.get("lang") or "de") for d in meta.values()} | {"de"}}
    result: list[Event] = []
    tellings = []
    for event in events:
        if mergeable(event):
            document = meta.get(event.document, {})
            tellings.append(_telling(event, document, stopwords[str(document.get("lang") or "de")]))
        else:
            result.append(event)
    tellings.sort(key=lambda t: (t.start, t.published, t.event.document, t.event.sentence_start))
    groups: list[_Group] = []
    index: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))   # day → stem → groups
    for telling in tellings:
        postings = [index[day].get(stem, ()) for day in telling.days() for stem in telling.stems]
        shared = Counter(g for groups_of in postings if len(groups_of) < _COMMON for g in groups_of)
        least = min(_SHARED, sum(1 for groups_of in postings if len(groups_of) < _COMMON))
        best, best_score = None, 0.0
        for number in sorted(g for g, count in shared.items() if count >= least):
            group = groups[number]
            if not group.may_take(telling):
                continue
            score = group.similarity(telling)
            if score >= SIMILARITY and score > best_score and group.agrees(telling):
                best, best_score = number, score
        if best is None:
            best = len(groups)
            groups.append(_Group())
        groups[best].add(telling)
        for day in telling.days():
            for stem in telling.stems:
                groups_of = index[day][stem]
                if len(groups_of) < _COMMON and best not in groups_of:
                    groups_of.append(best)
    result += [_merged(g.members, meta) if len(g.members) > 1 else g.members[0].event for g in groups]
    return result


def _merged(members: list[_Telling], meta: dict[str, dict[str, Any]]) -> Event:
    def precision(t: _Telling) -> tuple:
        date = t.event.date
        return (-_FINE[date.granularity], _BASIS_ORDER.get(date.basis, 9), t.published,   # type: ignore[union-attr]
                t.event.document, t.event.sentence_start)

    ordered = sorted(members, key=precision)
    lead = ordered[0].event
    tellings = [ordered[0]] + sorted(ordered[1:], key=lambda t: (t.published, t.event.document,
                                                                 t.event.sentence_start))
    events = [t.event for t in tellings]
    reports = [Report(document=e.document, event=e.id, sentence=e.sentence,
                      source=meta.get(e.document, {}).get("source"), published=t.published or None,
                      figures=tuple(e.figures)) for t, e in zip(tellings, events)]
    return Event(
        id=lead.id, document=lead.document, sentence=lead.sentence, sentence_start=lead.sentence_start,
        date=lead.date, actors=_union(e.actors for e in events), places=_union(e.places for e in events),
        type=next((e.type for e in events if e.type), None), figures=headline_figures(e.figures for e in events),
        certainty=min((e.certainty for e in events), key=_certainty_rank), attribution=lead.attribution,
        reports=reports, extra=_added_fields(events))


def _added_fields(events: list[Event]) -> dict[str, Any]:
    """Every field a stage or a hand added to any telling (`Event.extra`): the lead telling's
    value, else the first other telling's that has one."""
    extra: dict[str, Any] = {}
    for event in events:
        for name, value in event.extra.items():
            if extra.get(name) is None:
                extra[name] = value
    return extra


def _certainty_rank(certainty: str) -> int:
    return CERTAINTIES.index(certainty) if certainty in CERTAINTIES else len(CERTAINTIES)


def _union(lists: Iterable[list[Mention]]) -> list[Mention]:
    """Each actor or place once (the first telling's form), in order of first mention."""
    seen: set[str] = set()
    result = []
    for mentions in lists:
        for mention in mentions:
            keys = _keys(mention)
            if not keys & seen:
                result.append(mention)
            seen |= keys
    return result


def headline_figures(lists: Iterable[list[Figure]]) -> list[Figure]:
    """Per category (and unit), the lowest figure any report gives: ACLED counts the lowest
    reported number when sources disagree."""
    lowest: dict[tuple[str, str | None], Figure] = {}
    for figures in lists:
        for figure in figures:
            key = (figure.category, figure.unit)
            if key not in lowest or figure.value < lowest[key].value:
                lowest[key] = figure
    return list(lowest.values())
