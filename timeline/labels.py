"""Plain-text labels shared by the terminal view and the exports: dates as precisely as the text
gives them, figures, event types, certainty and who says so."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .extract.event_types import taxonomy
from .model import Attribution, DateValue, Event, Figure, Mention, Timeline

PART_OF_DAY_LABEL = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}
_SEASON = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_DAY_GRANULARITIES = ("day", "part-of-day", "time")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")

#: what the marks around a date label mean, for legends
DATE_MARKS = {
    "≈": "approximate",
    "↳": "continues the event before",
    "(ctx)": "day from the day mentioned before",
    "(news)": "the day's news: the report's day or the day before",
    "(story)": "retells the report's main happening, dated where the report names its day",
    "(ticker)": "the stamp of its live-ticker entry",
    "(pub)": "from the publication date",
}
#: the mark before a date label, by basis
_BASIS_PREFIX = {"continuation": "↳"}
#: the mark after a date label, by basis ("text" has none: the sentence says it)
_BASIS_SUFFIX = {"context": "(ctx)", "report-day": "(news)", "story": "(story)", "ticker": "(ticker)",
                 "publication": "(pub)"}
#: stated facts get no label: only the hedged ones stand out
CERTAINTY_SHORT = {"stated": "", "reported": "rep.", "unverified": "unverif.", "rumour": "rumour"}
CERTAINTY_LABEL = {"stated": "stated as fact", "reported": "reported by a source",
                   "unverified": "not independently verified", "rumour": "a rumour"}
QUALIFIER_SIGN = {"exact": "", "approx": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤",
                  "less_than": "<", "up_to": "≤"}


# --- dates ----------------------------------------------------------------------------------------

def day_of(date: DateValue) -> dt.date | None:
    """The day an event is listed under when its date names one (a day, a part of it, a time, or
    clock times within one day: "von 8 bis 18 Uhr")."""
    if date.granularity in _DAY_GRANULARITIES and ("/" not in date.value or _hours_of_one_day(date.value)):
        return dt.date.fromisoformat(date.value[:10])
    return None


def _hours_of_one_day(value: str) -> str | None:
    """The clock times of a range within one day, "08:00–18:00"; None for any other value."""
    first, _, last = value.partition("/")
    if len(first) >= 16 and len(last) >= 16 and first[:10] == last[:10] and first[10] == last[10] == "T":
        return f"{first[11:16]}–{last[11:16]}"
    return None


def time_of_day(date: DateValue) -> str | None:
    """What a day's label adds: the part of the day, the clock time, or the hours of a range."""
    if date.granularity == "part-of-day" and date.part_of_day:
        return PART_OF_DAY_LABEL[date.part_of_day]
    if date.granularity == "time":
        return _hours_of_one_day(date.value) or date.value[11:16]
    return None


def long_day(day: dt.date) -> str:
    return f"{day:%A}, {day.day} {day:%B %Y}"


def short_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def week_label(day: dt.date) -> str:
    """The ISO week of `day` with the days it spans: "Week 1, 3–9 January 2022"."""
    year, week, weekday = day.isocalendar()
    monday = day - dt.timedelta(days=weekday - 1)
    sunday = monday + dt.timedelta(days=6)
    if monday.year != sunday.year:
        span = f"{monday.day} {monday:%B %Y} – {sunday.day} {sunday:%B %Y}"
    elif monday.month != sunday.month:
        span = f"{monday.day} {monday:%B} – {sunday.day} {sunday:%B %Y}"
    else:
        span = f"{monday.day}–{sunday.day} {sunday:%B %Y}"
    return f"Week {week}, {span}"


def period_label(date: DateValue, long: bool = True) -> str:
    """A date vaguer than a day, or a range, in words: "January 2022", "week 1 of 2022", "2019"."""
    if "/" in date.value:
        first, last = date.value.split("/", 1)
        return f"{_piece_label(first, long)} – {_piece_label(last, long)}"
    value, granularity = date.value, date.granularity
    if granularity == "month":
        return dt.date.fromisoformat(value[:7] + "-01").strftime("%B %Y")
    if granularity == "week" and _WEEK.match(value):
        return f"week {int(value[6:8])} of {value[:4]}"
    if granularity == "season":
        return f"{_SEASON[value[5:]]} {value[:4]}"
    if granularity == "quarter":
        return f"{value[5:]} {value[:4]}"
    if granularity == "half":
        return f"{'first' if value.endswith('1') else 'second'} half of {value[:4]}"
    if granularity == "decade":
        return f"{value}0s"
    if granularity == "century":
        return f"{int(value) + 1}th century"
    if granularity in _DAY_GRANULARITIES:
        return _piece_label(value, long)
    return value


def _piece_label(value: str, long: bool) -> str:
    """One end of a range, at the precision it is written with."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        day = dt.date.fromisoformat(value[:10])
        if long:
            return f"{day.day} {day:%B %Y}"
        return short_day(day) + (f" {value[11:16]}" if re.fullmatch(r".{10}T\d{2}:\d{2}.*", value) else "")
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.date.fromisoformat(value + "-01").strftime("%B %Y")
    if _WEEK.fullmatch(value):
        return f"week {int(value[6:8])} of {value[:4]}"
    return value


def _days_of_one_month(value: str) -> str | None:
    """A range of days within one month, short: "Wed 6–Thu 7 Mar" (a report day and the day before)."""
    first, _, last = value.partition("/")
    if not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", first) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", last)):
        return None
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if (start.year, start.month) != (end.year, end.month):
        return None
    return f"{start:%a} {start.day}–{short_day(end)}"


def when_label(date: DateValue | None) -> str:
    """The date as precisely as known, with its marks: "≈ Sat 1 Jan", "Fri 7 Jan evening (ctx)",
    "↳ Wed 5 Jan", "≈ Wed 6–Thu 7 Mar (news)", "≈ January 2022 (pub)", "undated"."""
    if date is None:
        return "undated"
    day = day_of(date)
    if day is None:
        label = _days_of_one_month(date.value) or period_label(date, long=False)
    else:
        label = " ".join(part for part in (short_day(day), time_of_day(date)) if part)
    marks = date_marks(date)
    return " ".join([*(m for m in marks if not m.startswith("(")), label, *(m for m in marks if m.startswith("("))])


def within_day_parts(date: DateValue | None) -> list[str]:
    """What a section heading (the day, or the vaguer period) does not say: the part of the day or
    the time, and the marks of how the date is known: ["evening", "(ctx)"], ["≈"], ["↳", "14:30"]."""
    if date is None:
        return []
    marks = date_marks(date)
    parts = [m for m in marks if not m.startswith("(")]
    within = time_of_day(date)
    if within:
        parts.append(within)
    return parts + [m for m in marks if m.startswith("(")]


def within_day_label(date: DateValue | None) -> str:
    return " ".join(within_day_parts(date))


def date_marks(date: DateValue | None) -> list[str]:
    """The marks `when_label` puts on this date, as keys of DATE_MARKS."""
    if date is None:
        return []
    marks = [_BASIS_PREFIX[date.basis]] if date.basis in _BASIS_PREFIX else []
    if date.approximate:
        marks.append("≈")
    if date.basis in _BASIS_SUFFIX:
        marks.append(_BASIS_SUFFIX[date.basis])
    return marks


GROUPINGS = ("day", "week", "month")


def group_of(date: DateValue, by: str = "day") -> tuple[str, int, str]:
    """Where an event is listed: (sort key, rank, heading). Events group under their day, ISO week or
    month (a week or a range within that week or month too); a date vaguer than that group gets a
    heading of its own ("2021", "January 2022"), listed before the groups that start on the same day
    (rank 0)."""
    day = day_of(date)
    if day is not None:
        if by == "week":
            monday = day - dt.timedelta(days=day.weekday())
            return monday.isoformat(), 1, week_label(day)
        if by == "month":
            return day.replace(day=1).isoformat(), 1, f"{day:%B %Y}"
        return day.isoformat(), 1, long_day(day)
    first, last = dt.date.fromisoformat(date.start[:10]), dt.date.fromisoformat(date.end[:10])
    if by == "week" and first.isocalendar()[:2] == last.isocalendar()[:2]:
        monday = first - dt.timedelta(days=first.weekday())
        return monday.isoformat(), 1, week_label(first)
    if by == "month" and (first.year, first.month) == (last.year, last.month):
        return first.replace(day=1).isoformat(), 1, f"{first:%B %Y}"
    return date.start[:10], 0, period_label(date)


def sections(timeline: Timeline, by: str = "day") -> list[tuple[str, list[Event]]]:
    """(heading, events): the dated events under their headings, in time order, then the undated
    ones under "Undated (N)" in document order."""
    # sorted is stable: the model's order within a group
    keyed = sorted(((group_of(e.date, by), e) for e in timeline.events if e.date is not None),
                   key=lambda pair: pair[0])
    grouped: list[tuple[str, list[Event]]] = []
    for (_, _, label), event in keyed:
        if not grouped or grouped[-1][0] != label:
            grouped.append((label, []))
        grouped[-1][1].append(event)
    if timeline.undated:
        grouped.append((f"Undated ({len(timeline.undated)})", timeline.undated))
    return grouped


# --- what, who, how many, who says so --------------------------------------------------------------

def _type_entry(type_id: str) -> dict[str, Any] | None:
    return next((t for t in taxonomy() if t["id"] == type_id), None)


def type_short(type_id: str | None) -> str:
    """The short label of an event type ("SAY"); an id the taxonomy does not know stands for itself."""
    if not type_id:
        return ""
    entry = _type_entry(type_id)
    return str(entry["short"]) if entry else type_id


def type_label(type_id: str | None) -> str:
    if not type_id:
        return ""
    entry = _type_entry(type_id)
    return str(entry["label"]) if entry else type_id


def number_label(value: float, group_digits: bool = True) -> str:
    """20000 → "20 000" (groups of three with a no-break space, as in German and SI style, so that a
    number never breaks across lines), 2.5 → "2.5"."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0") if group_digits else str(int(value))
    return f"{value:g}"


#: the category of figures whose noun is in no category: the label shows the noun instead
UNCATEGORISED = "count"


def figure_label(figure: Figure, group_digits: bool = True) -> str:
    """"≥4 000 arrests", "26 deaths", "≈2 200 000 EUR"; an uncategorised count by its noun as
    written ("25 Genehmigungen")."""
    what = figure.unit or figure.category
    if figure.category == UNCATEGORISED and figure.text:
        what = figure.text.split()[-1].strip("\"„“”«»'")
    return f"{QUALIFIER_SIGN.get(figure.qualifier, '')}{number_label(figure.value, group_digits)} {what}"


def attribution_label(attribution: Attribution | None) -> str:
    """Who says so, compactly: "nach Staatsfernsehen"; for an unnamed source the words that describe
    it ("einem Agenturbericht zufolge"), but not a verb form of reported speech, alone ("gelte") or
    split ("soll … sein"): it says only that the claim is reported, as the certainty label does."""
    if attribution is None:
        return ""
    if attribution.source:
        return f"nach {attribution.source}"
    text = attribution.text
    return text if len(text.split()) > 1 and "…" not in text else ""


def said(event: Event) -> str:
    """How sure the report is and who says so: "reported by a source — nach Staatsfernsehen"."""
    return " — ".join(x for x in (CERTAINTY_LABEL.get(event.certainty, event.certainty),
                                  attribution_label(event.attribution)) if x)


def actors_by_role(event: Event) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """(acting, involved, affected): actors of unknown role count as involved."""
    acting = [m for m in event.actors if m.role == "actor"]
    affected = [m for m in event.actors if m.role == "affected"]
    involved = [m for m in event.actors if m.role not in ("actor", "affected")]
    return acting, involved, affected


def actors_label(event: Event) -> str:
    """"Brandt, Hafenbetrieb → Hafenarbeiter": acting and involved actors, then the affected ones."""
    acting, involved, affected = actors_by_role(event)
    label = ", ".join(m.name for m in acting + involved)
    if affected:
        label = f"{label} → " if label else "→ "
        label += ", ".join(m.name for m in affected)
    return label


def headline(event: Event, limit: int = 90) -> str:
    """The sentence cut at a word boundary to at most `limit` characters."""
    sentence = " ".join(event.sentence.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


def timeline_title(documents: list[dict[str, Any]]) -> str:
    """The title of the report, or how many reports the timeline comes from."""
    if len(documents) == 1:
        return str(documents[0].get("title") or documents[0]["id"])
    return f"{len(documents)} reports" if documents else "Timeline"
