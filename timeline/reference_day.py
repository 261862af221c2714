"""The day a report was written, inferred from its text when its header gives only the month or year.

A small scorer over the candidate days of the known period: each cue of the text gives every
candidate a likelihood, and a day is accepted only when the product decides it clearly; otherwise
the publication stays as precise as the header (a day is never invented). The cues:

- a day named relative to the day of writing beside the weekday or date it is ("heute, Samstag",
  "am gestrigen Freitag", "gestern (7. Januar)": `publication.yaml`) fixes the weekday or the day;
- an explicit date told in the past lies on or before the day of writing, one told in the future on
  or after it;
- a weekday told in the past lies in the week before the day of writing, most often the day itself
  or the day before; "in der Nacht zum Samstag" told in the past was mostly written on that Saturday;
  a weekday told in the future lies in the week after. A weekday beside a date ("am Freitag, dem 7.
  Januar") is such a weekday whose day is known, which ties the weekdays to a week.

Weekdays alone decide a weekday, not which week of the month: only dates tie them to one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .lang import Language
from .lang.checked import DataFile, check_keys, check_list, check_mapping
from .lang.patterns import PLACEHOLDER, alternation
from .lang.rule_values import value_kind
from .model import Sentence
from .temporal import Reference, detect_tense
from .temporal.tag import Match, find_expressions

#: how many days before the day of writing a weekday told in the past lies (0: that day itself)
PAST_WEEKDAY = (0.22, 0.30, 0.16, 0.12, 0.09, 0.06, 0.05)
#: the same for the night into a weekday told in the past: mostly the night just gone
PAST_NIGHT = (0.55, 0.25, 0.08, 0.03, 0.03, 0.03, 0.03)
#: how many days after the day of writing a weekday told in the future lies
FUTURE_WEEKDAY = (0.08, 0.30, 0.20, 0.13, 0.11, 0.09, 0.09)
#: the likelihood of a dated weekday more than a week before the day of writing
LONG_AGO = 0.01
#: the likelihood of a day that contradicts a cue (a tense misread, a slip of the writer)
CONTRADICTED = 0.01
#: the same for a cue that names the day of writing itself ("heute, Samstag")
CONTRADICTED_NAMED = 0.001
#: the share of the posterior the best day must have to be taken, and a weekday to be named
DAY_ACCEPTED = 0.8
WEEKDAY_NOTED = 0.7

_KEYS = ("relative_days", "day_named_relative", "dateline", "written_on", "not_the_event")
#: how much text before an expression `not_the_event` looks at
_BEFORE = 40
_DAY = r"(?P<day>\d{1,2})"
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PublicationCues:
    """A language's cues to the day of writing (publication.yaml), checked and compiled:
    `language.compiled(PublicationCues.of)`."""

    #: form → days from the day of writing
    relative_days: dict[str, int]
    #: a relative day beside the day it names: groups `relative`, `weekday`, `day`, `month`
    day_named_relative: tuple[re.Pattern[str], ...]
    #: a dateline at the start of the body, and a note anywhere, that name the day of writing
    dateline: tuple[re.Pattern[str], ...]
    written_on: tuple[re.Pattern[str], ...]
    #: before a date or weekday: words that make it a bound or a plan ("bis zum", "für den")
    not_the_event: re.Pattern[str]
    #: a weekday form at the start of a date ("Freitag, 7. Januar")
    leading_weekday: re.Pattern[str]

    @classmethod
    def of(cls, language: Language) -> PublicationCues:
        file = language.file("publication")
        data = check_keys(language.data["publication"], file, required=_KEYS)
        relative = {str(form).lower(): value for form, value in check_mapping(data["relative_days"], file,
                                                                                ["relative_days"]).items()}
        for form, value in relative.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise file.fail(["relative_days", form], f"expected a whole number of days, found {value!r}")
        parts = {"relative": f"(?P<relative>{alternation(relative)})", "day": _DAY, "year": r"(?P<year>\d{4})",
                 "weekday": f"(?P<weekday>{alternation(language.lexicon['weekday'])})",
                 "month": f"(?P<month>{alternation(language.lexicon['month'])})"}

        def patterns(key: str) -> tuple[re.Pattern[str], ...]:
            compiled = []
            for number, pattern in enumerate(check_list(data[key], file, [key])):
                try:
                    filled = PLACEHOLDER.sub(lambda found: parts[found["name"]], str(pattern))
                    compiled.append(re.compile(filled, re.IGNORECASE))
                except (KeyError, re.error) as exc:
                    raise file.fail([key, number], f"bad pattern: {exc}") from None
            return tuple(compiled)
        leading = re.compile(rf"(?P<weekday>{alternation(language.lexicon['weekday'])})\b", re.IGNORECASE)
        return cls(relative_days=relative, day_named_relative=patterns("day_named_relative"),
                   dateline=patterns("dateline"), written_on=patterns("written_on"),
                   not_the_event=_pattern(data, "not_the_event", file), leading_weekday=leading)


def _pattern(data: Mapping[str, Any], key: str, file: DataFile) -> re.Pattern[str]:
    try:
        return re.compile(str(data[key]), re.IGNORECASE)
    except re.error as exc:
        raise file.fail([key], f"bad pattern: {exc}") from None


@dataclass(frozen=True)
class Cue:
    """What one piece of text says about the day of writing: a likelihood for each candidate day."""

    reason: str
    likelihood: Callable[[dt.date], float]


@dataclass(frozen=True)
class Inference:
    """The outcome: the day when the text decides it, else the weekday it favours (or None)."""

    day: dt.date | None
    confidence: float
    reason: str
    weekday: int | None = None            # ISO weekday, when only the weekday is clear


def infer_publication_day(text: str, sentences: Sequence[Sentence], reference: Reference,
                          language: Language) -> Inference:
    """The day of writing within `reference` (known to the month or the year), from the text's cues."""
    cues = find_cues(text, sentences, reference, language)
    if not cues:
        return Inference(None, 0.0, "")
    candidates = _candidates(reference)
    scores = []
    for day in candidates:
        score = 1.0
        for cue in cues:
            score *= cue.likelihood(day)
        scores.append(score)
    total = sum(scores)
    if total == 0:
        return Inference(None, 0.0, "")
    best = max(range(len(candidates)), key=scores.__getitem__)
    day, share = candidates[best], scores[best] / total
    reason = "; ".join(_agreeing(cues, day, candidates))
    if share >= DAY_ACCEPTED:
        return Inference(day, round(share, 2), reason)
    by_weekday = [0.0] * 7
    for candidate, score in zip(candidates, scores):
        by_weekday[candidate.isoweekday() - 1] += score / total
    weekday = max(range(7), key=by_weekday.__getitem__)
    if by_weekday[weekday] >= WEEKDAY_NOTED:
        return Inference(None, round(by_weekday[weekday], 2), reason, weekday + 1)
    return Inference(None, 0.0, "")


def weekday_name(weekday: int) -> str:
    return _WEEKDAY_NAMES[weekday - 1]


def _candidates(reference: Reference) -> list[dt.date]:
    first = reference.day.replace(day=1) if reference.precision == "month" else dt.date(reference.day.year, 1, 1)
    if reference.precision == "month":
        last = (first + dt.timedelta(days=32)).replace(day=1)
    else:
        last = dt.date(first.year + 1, 1, 1)
    return [first + dt.timedelta(days=n) for n in range((last - first).days)]


def _agreeing(cues: Sequence[Cue], day: dt.date, candidates: Sequence[dt.date]) -> list[str]:
    """The reasons of the cues that favour `day` (it is among the days each likes best; a cue that
    likes all days alike says nothing)."""
    reasons = []
    for cue in cues:
        likelihoods = [cue.likelihood(candidate) for candidate in candidates]
        best = max(likelihoods)
        if best > min(likelihoods) and cue.likelihood(day) >= best / 2 and cue.reason not in reasons:
            reasons.append(cue.reason)
    return reasons[:4]


def find_cues(text: str, sentences: Sequence[Sentence], reference: Reference, language: Language) -> list[Cue]:
    """The cues of a text to its day of writing (see the module's docstring)."""
    publication = language.compiled(PublicationCues.of)
    starts = [sentence.start for sentence in sentences]
    tenses: dict[int, str] = {}
    cues: list[Cue] = []
    named_spans: list[tuple[int, int]] = []
    for pattern in publication.day_named_relative:
        for found in pattern.finditer(text):
            if any(start <= found.start() < end for start, end in named_spans):
                continue
            cue = _named_day_cue(found, publication, reference, language)
            if cue is not None:
                cues.append(cue)
                named_spans.append(found.span())
    body = sentences[0].start if sentences else 0
    written = [dateline for pattern in publication.dateline if (dateline := pattern.match(text, body))
               and not publication.leading_weekday.search(dateline.group(0))]
    written += [note for pattern in publication.written_on for note in pattern.finditer(text)]
    for found in written:
        if (cue := _written_on_cue(found, reference, language)) is not None:
            cues.append(cue)
            named_spans.append(found.span())
    weekdays_seen: set[tuple[str, int]] = set()
    for match in find_expressions(text, language):
        if any(start <= match.start < end for start, end in named_spans) \
                or publication.not_the_event.search(text, max(0, match.start - _BEFORE), match.start):
            continue
        index = _sentence_at(starts, sentences, match.start)
        if index < 0:
            continue
        if index not in tenses:
            tenses[index] = detect_tense(sentences[index].text, language)
        expression = text[match.start:match.end]
        cue = _expression_cue(match, expression, tenses[index], reference, language, weekdays_seen)
        if cue is not None:
            cues.append(cue)
    return cues


def _sentence_at(starts: list[int], sentences: Sequence[Sentence], offset: int) -> int:
    index = bisect.bisect_right(starts, offset) - 1
    return index if index >= 0 and offset < sentences[index].end else -1


def _named_day_cue(found: re.Match[str], publication: PublicationCues, reference: Reference,
                   language: Language) -> Cue | None:
    offset = publication.relative_days.get(" ".join(found["relative"].lower().split()))
    if offset is None:
        return None
    quoted = f"‘{found.group(0)}’"
    if "day" in found.re.groupindex and found["day"] and found["month"]:
        named = _date(int(found["day"]), language.normalize("month", found["month"]), None, reference)
        if named is None:
            return None
        writing = named - dt.timedelta(days=offset)
        return Cue(quoted, lambda day: 1.0 if day == writing else CONTRADICTED_NAMED)
    weekday = language.normalize("weekday", found["weekday"])
    if not isinstance(weekday, int):
        return None
    weekday_of_writing = (weekday - 1 - offset) % 7 + 1
    return Cue(quoted, lambda day: 1.0 if day.isoweekday() == weekday_of_writing else CONTRADICTED_NAMED)


def _written_on_cue(found: re.Match[str], reference: Reference, language: Language) -> Cue | None:
    """A dateline or a note that names the day of writing."""
    year = found["year"] if "year" in found.re.groupindex else None
    named = _date(int(found["day"]), language.normalize("month", found["month"]), int(year) if year else None,
                  reference)
    if named is None:
        return None
    return Cue(f"‘{found.group(0).strip()}’", lambda day: 1.0 if day == named else CONTRADICTED_NAMED)


def _expression_cue(match: Match, expression: str, tense: str, reference: Reference, language: Language,
                    weekdays_seen: set[tuple[str, int]]) -> Cue | None:
    fields = match.fields
    kind = value_kind(fields)
    if kind == "weekday":
        return _weekday_cue(fields, expression, tense, weekdays_seen)
    if kind != "day" or "month" not in fields or tense not in ("past", "future"):
        return None
    year = fields.get("year")
    named = _date(int(fields["day"]), fields["month"], int(year) if year else None, reference)
    if named is None:
        return None
    leading = language.compiled(PublicationCues.of).leading_weekday.match(expression)
    if leading and tense == "past":
        if language.normalize("weekday", leading["weekday"]) != named.isoweekday():
            return None                                # the weekday does not fit the date: a slip
        return Cue(f"‘{expression}’ told in the past", _dated_past(named))
    if tense == "past":
        return Cue(f"‘{expression}’ told in the past", lambda day: 1.0 if day >= named else CONTRADICTED)
    return Cue(f"‘{expression}’ told in the future", lambda day: 1.0 if day <= named else CONTRADICTED)


def _weekday_cue(fields: dict, expression: str, tense: str, weekdays_seen: set[tuple[str, int]]) -> Cue | None:
    """A bare weekday: its distance from the day of writing, by tense; each weekday counts once."""
    weekday = int(fields["weekday"])
    direction = fields.get("direction")
    if direction is not None and int(direction) == 0:
        return None                                    # "diesen Freitag": this week, either side
    night = bool(fields.get("night_before"))
    side = "past" if direction is not None and int(direction) < 0 else "future" if direction else tense
    if side not in ("past", "future"):
        return None
    key = ("night" if night else side, weekday)
    if key in weekdays_seen:
        return None
    weekdays_seen.add(key)
    if side == "future":
        return Cue(f"‘{expression}’ told in the future", _weekday_likelihood(weekday, FUTURE_WEEKDAY, ahead=True))
    table = PAST_NIGHT if night else PAST_WEEKDAY
    return Cue(f"‘{expression}’ told in the past", _weekday_likelihood(weekday, table, ahead=False))


def _weekday_likelihood(weekday: int, table: Sequence[float], *, ahead: bool) -> Callable[[dt.date], float]:
    if ahead:
        return lambda day: table[(weekday - day.isoweekday()) % 7]
    return lambda day: table[(day.isoweekday() - weekday) % 7]


def _dated_past(named: dt.date) -> Callable[[dt.date], float]:
    """A weekday beside its date, told in the past: a weekday's distance, known as days."""
    def likelihood(day: dt.date) -> float:
        back = (day - named).days
        if back < 0:
            return CONTRADICTED
        return PAST_WEEKDAY[back] if back < len(PAST_WEEKDAY) else LONG_AGO
    return likelihood


def _date(day: int, month: object, year: int | None, reference: Reference) -> dt.date | None:
    """A day of a month, in the year given or the one nearest the reference period."""
    if not isinstance(month, int):
        return None
    middle = reference.day + dt.timedelta(days=15 if reference.precision == "month" else 182)
    years = [year] if year else [middle.year - 1, middle.year, middle.year + 1]
    dates = []
    for candidate in years:
        try:
            dates.append(dt.date(candidate, month, day))
        except ValueError:
            continue
    return min(dates, key=lambda date: abs((date - middle).days)) if dates else None
