"""Sentence splitting that knows a language's abbreviations, quotation marks and capitals
(`lang/<code>/segment.yaml`), initials and ordinal dates."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML

from .lang import Language
from .lang.checked import DataFile, check_keys, check_words
from .lang.patterns import PLACEHOLDER, alternation
from .model import Sentence

#: a line break in any convention: LF, CRLF (Windows) or CR alone (old Macs); offsets stay into the text as given
_NL = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH = re.compile(rf"{_NL}[^\S\r\n]*{_NL}\s*")
_LINE = re.compile(rf"[^\S\r\n]*{_NL}\s*")
_DOTTED = re.compile(r"(\w\.)+\w")
#: how far back from a candidate end to look for the word before it: a bound keeps long runs of
#: abbreviations (a 5 MB line of "3. Januar, …") linear
_LOOKBACK = 100
#: how many times longer than a line ending in a small letter the next line must be for the first
#: to be a title over it rather than a wrapped line
_TITLE_RATIO = 1.8


_KEYS = ("abbreviations", "sentence_start", "opening_marks", "closing_marks", "text_ends", "line_continues_after")
_TICKER_KEYS = ("entry_stamp", "day_heading", "ticker_entries")
#: the most characters the number of a list item takes, spaces included
_ITEM_NUMBER = 6
#: the first word at a position, after an opening mark at most
_FIRST_WORD = re.compile(r"[^\w\s]?(\w+)")
#: the numbers of the ticker patterns' placeholders; {weekday} and {month} are lexicon tables
_TICKER_NUMBERS = {"day": r"(?P<day>0?[1-9]|[12][0-9]|3[01])", "year": r"(?P<year>\d{4})",
                   "hour": r"(?P<hour>[01]?[0-9]|2[0-3])", "minute": r"(?P<minute>[0-5][0-9])"}
#: a line after the first: a pattern that begins with a line break lets the regex engine skip to them
_NEXT_LINE = r"\n[^\S\n]*"


@dataclass(frozen=True)
class Segmentation:
    """A language's segmentation data (segment.yaml), checked and compiled:
    `language.compiled(Segmentation.of)`."""

    #: lower case, without the final period
    abbreviations: frozenset[str]
    #: a candidate sentence end: closing punctuation (plus closing marks), then space and a likely
    #: sentence start; the match begins with the punctuation (which lets the regex engine skip to it)
    end: re.Pattern[str]
    #: what may stand before the first word of a sentence ("(", "„")
    opening_marks: str
    #: what ends a block that is text, not a heading
    text_ends: tuple[str, ...]
    #: what ends a line that a heading cannot end with
    line_continues_after: str
    #: capitalised function words that only open a sentence: after "115." they end it
    sentence_openers: frozenset[str]
    #: a ticker entry's stamp ("15.15 Uhr:", "Update vom 3. Mai, 8.40 Uhr:"), at the start of a line
    entry_stamp: re.Pattern[str]
    #: a line that is only a day ("Dienstag, 3. Mai"): a heading, and the day of the entries below it
    day_heading: re.Pattern[str]
    #: how many entry stamps make a text a ticker
    ticker_entries: int
    #: the same two as lines after a text's first: group `stamp`, group `heading`
    entry_stamp_line: re.Pattern[str]
    day_heading_line: re.Pattern[str]

    @classmethod
    def of(cls, language: Language) -> Segmentation:
        file = language.file("segment")
        data = check_keys(YAML(typ="safe").load(file.path.read_text(encoding="utf-8")), file,
                          required=(*_KEYS, *_TICKER_KEYS, "sentence_openers"))
        for key in _KEYS[1:]:
            if not isinstance(data[key], str) or not data[key]:
                raise file.fail([key], f"expected characters, found {data[key]!r}")
        opening, closing = re.escape(data["opening_marks"]), re.escape(data["closing_marks"])
        try:
            end = re.compile(rf"[.!?](?P<close>[{closing}]*)\s+(?=[{opening}]?[{data['sentence_start']}])")
        except re.error as exc:
            raise file.fail(["sentence_start"], f"bad character class: {exc}") from None
        abbreviations = check_words(data["abbreviations"], file, ["abbreviations"])
        stamp = _ticker_pattern(data, "entry_stamp", language, file)
        heading = _ticker_pattern(data, "day_heading", language, file)
        return cls(abbreviations=frozenset(word.lower() for word in abbreviations), end=end,
                   opening_marks=data["opening_marks"], text_ends=tuple(data["text_ends"]),
                   line_continues_after=data["line_continues_after"],
                   sentence_openers=frozenset(check_words(data["sentence_openers"], file, ["sentence_openers"])),
                   entry_stamp=stamp, day_heading=heading, ticker_entries=_whole_number(data, "ticker_entries", file),
                   entry_stamp_line=re.compile(rf"{_NEXT_LINE}(?P<stamp>{stamp.pattern})", re.IGNORECASE),
                   day_heading_line=re.compile(rf"{_NEXT_LINE}(?P<heading>{heading.pattern})[^\S\n]*(?=\n|\Z)",
                                               re.IGNORECASE))


def _ticker_pattern(data: Mapping[str, Any], key: str, language: Language, file: DataFile) -> re.Pattern[str]:
    """A ticker pattern of segment.yaml with its placeholders filled in."""
    def part(placeholder: re.Match[str]) -> str:
        name = placeholder["name"]
        if name in _TICKER_NUMBERS:
            return _TICKER_NUMBERS[name]
        if name in ("weekday", "month"):
            return f"(?P<{name}>{alternation(language.lexicon[name])})"
        raise file.fail([key], f"unknown placeholder {{{name}}}")
    if not isinstance(data[key], str) or not data[key]:
        raise file.fail([key], f"expected a pattern, found {data[key]!r}")
    try:
        return re.compile(PLACEHOLDER.sub(part, data[key]), re.IGNORECASE)
    except re.error as exc:
        raise file.fail([key], f"bad pattern: {exc}") from None


def _whole_number(data: Mapping[str, Any], key: str, file: DataFile) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise file.fail([key], f"expected a whole number of at least 1, found {value!r}")
    return value


def split_sentences(text: str, start: int, language: Language) -> list[Sentence]:
    """Sentences of text[start:], with offsets into `text`. A line that begins with a ticker's
    entry stamp begins a paragraph; a line that is only a day is a heading of its own."""
    segmentation = language.compiled(Segmentation.of)
    breaks, day_headings = _ticker_lines(text, start, segmentation)
    sentences: list[Sentence] = []
    for paragraph, (block_start, block_end) in enumerate(_pieces(_blocks(text, start), breaks, text)):
        if block_start in day_headings:
            sentences.append(Sentence(block_start, block_end, text[block_start:block_end], paragraph, heading=True))
            continue
        for line_start, line_end, is_heading in _heading_split(text, block_start, block_end, segmentation):
            for s, e in _split_block(text, line_start, line_end, segmentation):
                sentences.append(Sentence(s, e, text[s:e], paragraph, heading=is_heading))
    return sentences


def _ticker_lines(text: str, start: int, segmentation: Segmentation) -> tuple[list[int], set[int]]:
    """Where lines with an entry stamp or a day alone begin (and a day line ends), and where the
    day lines begin."""
    breaks = [found.start("stamp") for found in segmentation.entry_stamp_line.finditer(text, start)]
    day_headings = set()
    first_line = text.find("\n", start)
    first = text[start:len(text) if first_line < 0 else first_line].strip()
    if first and segmentation.day_heading.fullmatch(first):
        day_headings.add(text.index(first, start))
        breaks.append(text.index(first, start) + len(first))
    for found in segmentation.day_heading_line.finditer(text, start):
        day_headings.add(found.start("heading"))
        breaks += [found.start("heading"), found.end("heading")]
    return sorted(breaks), day_headings


def _pieces(blocks: Iterator[tuple[int, int]], breaks: list[int], text: str) -> Iterator[tuple[int, int]]:
    """The blocks, each cut at the breaks inside it."""
    if not breaks:
        yield from blocks
        return
    for start, end in blocks:
        cuts = breaks[bisect.bisect_right(breaks, start):bisect.bisect_left(breaks, end)]
        for piece_start, piece_end in zip([start, *cuts], [*cuts, end]):
            yield from _trimmed(text, piece_start, piece_end)


def _blocks(text: str, start: int) -> Iterator[tuple[int, int]]:
    pos = start
    for match in _PARAGRAPH.finditer(text, start):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _heading_split(text: str, start: int, end: int, segmentation: Segmentation) -> list[tuple[int, int, bool]]:
    """Lines of a block that end without punctuation stand alone (titles, datelines).

    A line holding a sentence end is text, not a title: a report saved as one long line without a
    final full stop must not become one heading (and lose all its events).
    """
    parts: list[tuple[int, int, bool]] = []
    pos = start
    broken = text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0
    for match in _LINE.finditer(text, start, end) if broken else ():
        line = text[pos:match.start()].rstrip()
        if (line and line[-1] not in segmentation.line_continues_after
                and (not line[-1].islower() or _title_above_text(text, pos, match, end))
                and not segmentation.end.search(text, pos, match.start())):
            parts.append((pos, match.start(), True))
            pos = match.end()
    parts.append((pos, end, not text[pos:end].rstrip().endswith(segmentation.text_ends)
                  and not segmentation.end.search(text, pos, end)))
    return parts


def _title_above_text(text: str, pos: int, line_break: re.Match[str], end: int) -> bool:
    """A short line ending in a small letter above a much longer one is a headline over its lead
    ("Brücke in Kassel eingestürzt" / "Eine Brücke ist am Mittwoch ..."), not a hard-wrapped line:
    wrapped lines are about equally long."""
    following = text.find("\n", line_break.end(), end)
    next_line = text[line_break.end():end if following < 0 else following].rstrip()
    return len(next_line) >= _TITLE_RATIO * (line_break.start() - pos)


def _split_block(text: str, start: int, end: int, segmentation: Segmentation) -> Iterator[tuple[int, int]]:
    pos = start
    for match in segmentation.end.finditer(text, start, end):
        before = text[max(pos, match.start() + 1 - _LOOKBACK):match.start() + 1]      # with the punctuation
        if _is_abbreviation(before, segmentation) and (_item_number(text, pos, match.start())
                                                       or not _opens_sentence(text, match.end(), segmentation)):
            continue
        yield pos, match.end("close")
        pos = match.end()
    if pos < end:
        yield pos, end


def _item_number(text: str, start: int, end: int) -> bool:
    """Whether the sentence so far, text[start:end], is only the number of a list item ("1. Die
    Truppen ..."); looked at only when it is that short, so that a long run costs nothing."""
    return end - start <= _ITEM_NUMBER and text[start:end].strip().isdigit()


def _opens_sentence(text: str, start: int, segmentation: Segmentation) -> bool:
    """Whether the word at `start` can only open a sentence ("Der", "Sie", "Nach"): then a number or
    an abbreviation with a full stop before it ends one ("im Saal 115. Der Prozess ...", "Ob. d. M.
    Die Kriegsmarine ...") and is no ordinal."""
    word = _FIRST_WORD.match(text, start)
    return word is not None and word[1] in segmentation.sentence_openers


def _is_abbreviation(before: str, segmentation: Segmentation) -> bool:
    if not before.endswith("."):
        return False
    token = before.rsplit(None, 1)[-1]                    # the last word and its full stop
    if len(token) < 2:
        return False
    word = token[:-1].lstrip(segmentation.opening_marks)
    if len(word) == 1 and word.isalpha():                 # initials, "z. B."
        return True
    if word.isdigit() and len(word) <= 3:                 # ordinals: "8. Januar", "20. Jahrhundert"
        return True
    if _DOTTED.fullmatch(word):                           # "z.B", "u.a"
        return True
    return word.lower() in segmentation.abbreviations
