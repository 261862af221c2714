"""Sentence splitting that knows a language's abbreviations, quotation marks and capitals
(`lang/<code>/segment.yaml`), initials and ordinal dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ruamel.yaml import YAML

from .lang import Language
from .lang.checked import check_keys, check_words
from .model import Sentence

#: a line break in any convention: LF, CRLF (Windows) or CR alone (old Macs); offsets stay into the text as given
_NL = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH = re.compile(rf"{_NL}[^\S\r\n]*{_NL}\s*")
_LINE = re.compile(rf"[^\S\r\n]*{_NL}\s*")
_DOTTED = re.compile(r"(\w\.)+\w")
#: how far back from a candidate end to look for the word before it: a bound keeps long runs of
#: abbreviations (a 5 MB line of "3. Januar, …") linear
_LOOKBACK = 100


_KEYS = ("abbreviations", "sentence_start", "opening_marks", "closing_marks", "text_ends", "line_continues_after")


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

    @classmethod
    def of(cls, language: Language) -> Segmentation:
        file = language.file("segment")
        data = check_keys(YAML(typ="safe").load(file.path.read_text(encoding="utf-8")), file, required=_KEYS)
        for key in _KEYS[1:]:
            if not isinstance(data[key], str) or not data[key]:
                raise file.fail([key], f"expected characters, found {data[key]!r}")
        opening, closing = re.escape(data["opening_marks"]), re.escape(data["closing_marks"])
        try:
            end = re.compile(rf"[.!?](?P<close>[{closing}]*)\s+(?=[{opening}]?[{data['sentence_start']}])")
        except re.error as exc:
            raise file.fail(["sentence_start"], f"bad character class: {exc}") from None
        abbreviations = check_words(data["abbreviations"], file, ["abbreviations"])
        return cls(abbreviations=frozenset(word.lower() for word in abbreviations), end=end,
                   opening_marks=data["opening_marks"], text_ends=tuple(data["text_ends"]),
                   line_continues_after=data["line_continues_after"])


def split_sentences(text: str, start: int, language: Language) -> list[Sentence]:
    """Sentences of text[start:], with offsets into `text`."""
    segmentation = language.compiled(Segmentation.of)
    sentences: list[Sentence] = []
    for paragraph, (block_start, block_end) in enumerate(_blocks(text, start)):
        for line_start, line_end, is_heading in _heading_split(text, block_start, block_end, segmentation):
            for s, e in _split_block(text, line_start, line_end, segmentation):
                sentences.append(Sentence(s, e, text[s:e], paragraph, heading=is_heading))
    return sentences


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
        if (line and line[-1] not in segmentation.line_continues_after and not line[-1].islower()
                and not segmentation.end.search(text, pos, match.start())):
            parts.append((pos, match.start(), True))
            pos = match.end()
    parts.append((pos, end, not text[pos:end].rstrip().endswith(segmentation.text_ends)
                  and not segmentation.end.search(text, pos, end)))
    return parts


def _split_block(text: str, start: int, end: int, segmentation: Segmentation) -> Iterator[tuple[int, int]]:
    pos = start
    for match in segmentation.end.finditer(text, start, end):
        before = text[max(pos, match.start() + 1 - _LOOKBACK):match.start() + 1]      # with the punctuation
        if _is_abbreviation(before, segmentation):
            continue
        yield pos, match.end("close")
        pos = match.end()
    if pos < end:
        yield pos, end


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
