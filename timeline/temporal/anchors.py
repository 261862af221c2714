"""The day of each entry of a live ticker or blog, which its sentences are dated against.

An entry begins with a stamp line ("15.15 Uhr: Die Ministerin sagte …", "Update vom 3. Mai, 8.40
Uhr: …"); a line that is only a day ("Dienstag, 3. Mai") heads the entries below it. A text with
at least `ticker_entries` stamps (segment.yaml) is a ticker. An entry's day is the one its stamp
names, else that of the day heading above it, else the publication day. The tagger resolves an
entry's expressions against that day and starts each entry from it (`tag_sentences(anchors=…)`):
"am Abend", "gestern" and "um 14 Uhr" in an entry are that day's, not the publication day's nor
the day the entry before mentioned last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..lang import Language
from ..model import Sentence
from ..segment import Segmentation
from .calendar import nearest_date
from .resolve import Reference


def entry_anchors(sentences: Sequence[Sentence], reference: Reference | None,
                  language: Language) -> dict[int, Reference]:
    """Sentence index → the day of its ticker entry; empty when the text is no ticker. The sentences
    of one entry share one Reference object, so that a reader can tell entries of one day apart."""
    segmentation = language.compiled(Segmentation.of)
    stamps: dict[int, dt.date | None] = {}           # first sentence of an entry → the day its stamp names
    day_headings: dict[int, dt.date | None] = {}
    for index, sentence in enumerate(sentences):
        if index and sentences[index - 1].paragraph == sentence.paragraph:
            continue                                  # stamps and day lines begin a paragraph
        if sentence.heading:
            if heading := segmentation.day_heading.fullmatch(sentence.text):
                day_headings[index] = _day_of(heading, reference, language)
        elif stamp := segmentation.entry_stamp.match(sentence.text):
            stamps[index] = _day_of(stamp, reference, language) if stamp["day"] else None
    if len(stamps) < segmentation.ticker_entries:
        return {}
    day = reference.day if reference is not None and reference.precision == "day" else None
    entry: Reference | None = None
    anchors: dict[int, Reference] = {}
    for index in range(len(sentences)):
        if index in day_headings:
            day, entry = day_headings[index], None
            continue
        if index in stamps:
            entry_day = stamps[index] or day
            entry = Reference(entry_day, "day") if entry_day else None
        if entry is not None:
            anchors[index] = entry
    return anchors


def _day_of(found: re.Match[str], reference: Reference | None, language: Language) -> dt.date | None:
    """The day a stamp or heading names, in the year it gives or the one nearest the reference."""
    month = language.normalize("month", found["month"])
    if not isinstance(month, int):
        return None
    year = int(found["year"]) if "year" in found.re.groupindex and found["year"] else None
    if reference is not None:
        return nearest_date(int(found["day"]), month, year, reference.day)
    return nearest_date(int(found["day"]), month, year, dt.date(year, 1, 1)) if year else None
