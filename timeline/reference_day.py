"""The day a report was written, inferred from its text when its header gives only the month or year.

A small scorer over the candidate days of the known period: each cue of the text gives every
candidate a likelihood, and a day is accepted only when the product decides it clearly; otherwise
the publication stays as precise as the header (a day is never invented). The cues:

- a day named relative to the day of writing beside the weekday or date it is ("heute, Samstag",
  "am gestrigen Freitag", "gestern (7. Januar)", "am gestrigen Sonntag, dem 12.01.2025":
  `publication.yaml`), and a dateline, fix the weekday or the day;
- an explicit date told in the past lies on or before the day of writing, one told in the future on
  or after it;
- a weekday told in the past lies in the week before the day of writing, most often the day itself
  or the day before; "in der Nacht zum Samstag" told in the past was mostly written on that Saturday;
  a weekday told in the future lies in the week after. A weekday beside its date ("am Freitag, dem 7.
  Januar", "Sonntag, 12.01.") is such a weekday whose day is known, which ties the weekdays to a week;
- "heute früh" after a past "Nacht zum Samstag", no other day named between, is that Saturday.

Each expression is read with the tense of its own clause (`temporal.clauses`). Weekdays alone decide
a weekday, not which week of the month: only dates tie them to one. A day is taken when it holds
`DAY_ACCEPTED` of the whole, or when its weekday does and it outweighs that weekday in every other
week by `WEEK_RATIO` (a weak past weekday spreads the mass over the days of a week, not the weeks).
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
from .temporal import Reference
from .temporal.calendar import nearest_date
from .temporal.clauses import Clause, ClauseWords, clause_at, split_clauses
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
#: the parts of the day that make "heute" the morning after a night told before (TIMEX3 values)
MORNING = frozenset({"MO"})
#: how many sentences after the night such a morning may stand
SEQUENCE_SENTENCES = 6
#: the kinds of expression that name a day: one between a night and a morning parts them
DAY_KINDS = frozenset({"weekday", "day", "relative_day"})
#: the share of the posterior the best day must have to be taken, and a weekday to be named
DAY_ACCEPTED = 0.8
#: how many times more likely than the same weekday in any other week a day must be, its weekday decided
WEEK_RATIO = 10
WEEKDAY_NOTED = 0.7

_KEYS = ("relative_days", "day_named_relative", "dateline", "written_on", "not_the_event", "weekday_to_date")
#: how much text before an expression `not_the_event` looks at
_BEFORE = 40
#: a day of the month, then its month by name or number, and perhaps the year ("8. Januar 2022", "12.01.2025")
_DATE = r"(?P<day>\d{{1,2}})\.\s*(?:(?P<month>{months})|(?P<month_number>0?[1-9]|1[0-2])\.)(?:\s*(?P<year>\d{{4}}))?"
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
    #: what stands between a weekday and its date when they are tagged apart ("Sonntag, dem 12.01.2025")
    weekday_to_date: re.Pattern[str]

    @classmethod
    def of(cls, language: Language) -> PublicationCues:
        file = language.file("publication")
        data = check_keys(language.data["publication"], file, required=_KEYS)
        relative = {str(form).lower(): value for form, value in check_mapping(data["relative_days"], file,
                                                                                ["relative_days"]).items()}
        for form, value in relative.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise file.fail(["relative_days", form], f"expected a whole number of days, found {value!r}")
        parts = {"relative": f"(?P<relative>{alternation(relative)})",
                 "weekday": f"(?P<weekday>{alternation(language.lexicon['weekday'])})",
                 "date": _DATE.format(months=alternation(language.lexicon["month"]))}

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
                   not_the_event=_pattern(data, "not_the_event", file), leading_weekday=leading,
                   weekday_to_date=_pattern(data, "weekday_to_date", file))


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
    by_weekday = [0.0] * 7
    for candidate, score in zip(candidates, scores):
        by_weekday[candidate.isoweekday() - 1] += score / total
    if share >= DAY_ACCEPTED or _week_decided(best, scores, by_weekday[day.isoweekday() - 1]):
        return Inference(day, round(share, 2), reason)
    weekday = max(range(7), key=by_weekday.__getitem__)
    if by_weekday[weekday] >= WEEKDAY_NOTED:
        return Inference(None, round(by_weekday[weekday], 2), reason, weekday + 1)
    return Inference(None, 0.0, "")


def _week_decided(best: int, scores: Sequence[float], weekday_share: float) -> bool:
    """Whether the weekday of the best day and its week are each decided: the weekday takes a share
    `DAY_ACCEPTED` of the whole, and the day outweighs that weekday in every other week by `WEEK_RATIO`.
    Weekday cues and dated cues answer the two questions apart; a few weeks that a dated cue only
    fails to exclude must not together outweigh the one it points to."""
    if weekday_share < DAY_ACCEPTED:
        return False
    same_weekday = range(best % 7, len(scores), 7)     # the candidates are consecutive days
    return all(scores[other] * WEEK_RATIO <= scores[best] for other in same_weekday if other != best)


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
    cues += _expression_cues(text, sentences, reference, language, named_spans)
    return cues


def _expression_cues(text: str, sentences: Sequence[Sentence], reference: Reference, language: Language,
                     named_spans: list[tuple[int, int]]) -> list[Cue]:
    """The cues of the dates and weekdays of the text, each read with the tense of its own clause."""
    publication = language.compiled(PublicationCues.of)
    clause_words = language.compiled(ClauseWords.of)
    starts = [sentence.start for sentence in sentences]
    clauses: dict[int, list[Clause]] = {}
    weekdays_seen: set[tuple[str, int]] = set()
    night: tuple[int, int, str] | None = None         # the last past night named: weekday, sentence, words
    cues: list[Cue] = []
    matches = list(find_expressions(text, language))
    for number, match in enumerate(matches):
        index = _sentence_at(starts, sentences, match.start)
        if index < 0 or any(start <= match.start < end for start, end in named_spans):
            continue
        kind = value_kind(match.fields)
        if kind == "weekday" and _dated(matches, number, text, publication):
            continue                                   # "Sonntag, dem 12.01.2025": the date's cue counts
        first = number - 1 if number and _dated(matches, number - 1, text, publication) else number
        expression = text[matches[first].start:match.end]
        if kind == "relative_day" and night is not None and match.fields.get("relative_day") == 0 \
                and match.fields.get("daypart") in MORNING and index - night[1] <= SEQUENCE_SENTENCES:
            cues.append(_morning_after_cue(expression, night))
        if kind in DAY_KINDS:
            night = None                               # another day named: the story has moved on
        if publication.not_the_event.search(text, max(0, match.start - _BEFORE), match.start):
            continue
        if index not in clauses:
            clauses[index] = split_clauses(sentences[index].text, language)
        tense = clause_at(clauses[index], match.start - sentences[index].start).tense
        if kind == "weekday" and clause_words.points_back(text, match.start, match.end):
            tense = "past"                             # "ein Erlass vom Donnerstag"
        cue = _expression_cue(match, expression, tense, reference, language, weekdays_seen)
        if cue is not None:
            cues.append(cue)
        if kind == "weekday" and match.fields.get("night_before") and tense == "past":
            night = (int(match.fields["weekday"]), index, expression)
    return cues


def _dated(matches: Sequence[Match], number: int, text: str, publication: PublicationCues) -> bool:
    """Whether the weekday `matches[number]` stands right before its date ("Sonntag, dem 12.01.2025")."""
    if number + 1 >= len(matches) or value_kind(matches[number].fields) != "weekday" \
            or value_kind(matches[number + 1].fields) != "day":
        return False
    return publication.weekday_to_date.fullmatch(text, matches[number].end, matches[number + 1].start) is not None


def _morning_after_cue(expression: str, night: tuple[int, int, str]) -> Cue:
    """"Heute früh" told after a past "Nacht zum Samstag", no other day named between: that Saturday."""
    weekday = night[0]
    return Cue(f"‘{expression}’ after ‘{night[2]}’",
               lambda day: 1.0 if day.isoweekday() == weekday else CONTRADICTED)


def _sentence_at(starts: list[int], sentences: Sequence[Sentence], offset: int) -> int:
    index = bisect.bisect_right(starts, offset) - 1
    return index if index >= 0 and offset < sentences[index].end else -1


def _named_day_cue(found: re.Match[str], publication: PublicationCues, reference: Reference,
                   language: Language) -> Cue | None:
    offset = publication.relative_days.get(" ".join(found["relative"].lower().split()))
    if offset is None:
        return None
    quoted = f"‘{found.group(0)}’"
    if "day" in found.re.groupindex and found["day"]:
        named = _found_date(found, reference, language)
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
    named = _found_date(found, reference, language)
    if named is None:
        return None
    return Cue(f"‘{found.group(0).strip()}’", lambda day: 1.0 if day == named else CONTRADICTED_NAMED)


def _found_date(found: re.Match[str], reference: Reference, language: Language) -> dt.date | None:
    """The date a `{date}` placeholder matched: its month by name or by number."""
    month = language.normalize("month", found["month"]) if found["month"] else int(found["month_number"])
    return _date(int(found["day"]), month, int(found["year"]) if found["year"] else None, reference)


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
    if leading:
        if language.normalize("weekday", leading["weekday"]) != named.isoweekday():
            return None                                # the weekday does not fit the date: a slip
        return Cue(f"‘{expression}’ told in the {tense}", _dated_weekday(named, ahead=tense == "future"))
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


def _dated_weekday(named: dt.date, *, ahead: bool) -> Callable[[dt.date], float]:
    """A weekday beside its date: a weekday's distance from the day of writing, known as days, which
    ties the week."""
    table = FUTURE_WEEKDAY if ahead else PAST_WEEKDAY

    def likelihood(day: dt.date) -> float:
        distance = (named - day).days if ahead else (day - named).days
        if distance < 0:
            return CONTRADICTED
        return table[distance] if distance < len(table) else LONG_AGO
    return likelihood


def _date(day: int, month: object, year: int | None, reference: Reference) -> dt.date | None:
    """A day of a month, in the year given or the one nearest the reference period."""
    if not isinstance(month, int):
        return None
    middle = reference.day + dt.timedelta(days=15 if reference.precision == "month" else 182)
    return nearest_date(day, month, year, middle)
