"""Sentence splitting that knows German abbreviations, initials and ordinal dates."""

from __future__ import annotations

import re

from .lang import load_language
from .model import Sentence

#: a line break in any convention: LF, CRLF (Windows) or CR alone (old Macs); offsets stay into the text as given
_NL = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH = re.compile(rf"{_NL}[^\S\r\n]*{_NL}\s*")
# Candidate sentence ends: closing punctuation (plus quotes/brackets), then space and a likely
# sentence start. The match begins with the punctuation (which lets the regex engine skip to it).
_END = re.compile(r"[.!?](?P<close>[\"'“”«»)\]]*)\s+(?=[\"'„“«(\[]?[A-ZÄÖÜ0-9])")
_LINE = re.compile(rf"[^\S\r\n]*{_NL}\s*")
#: what ends a block that is no heading
_CLOSING = tuple(".!?:\"“”»)")
_DOTTED = re.compile(r"(\w\.)+\w")
#: how far back from a candidate end to look for the word before it: a bound keeps long runs of
#: abbreviations (a 5 MB line of "3. Januar, …") linear
_LOOKBACK = 100


def split_sentences(text: str, start: int = 0, lang: str = "de") -> list[Sentence]:
    """Sentences of text[start:], with offsets into `text`."""
    abbreviations = load_language(lang).abbreviations
    sentences: list[Sentence] = []
    for paragraph, (block_start, block_end) in enumerate(_blocks(text, start)):
        for line_start, line_end, is_heading in _heading_split(text, block_start, block_end):
            for s, e in _split_block(text, line_start, line_end, abbreviations):
                sentences.append(Sentence(s, e, text[s:e], paragraph, heading=is_heading))
    return sentences


def _blocks(text: str, start: int):
    pos = start
    for match in _PARAGRAPH.finditer(text, start):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _heading_split(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Lines of a block that end without punctuation stand alone (titles, datelines).

    A line holding a sentence end is text, not a title: a report saved as one long line without a
    final full stop must not become one heading (and lose all its events).
    """
    parts: list[tuple[int, int, bool]] = []
    pos = start
    broken = text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0
    for match in _LINE.finditer(text, start, end) if broken else ():
        line = text[pos:match.start()].rstrip()
        if (line and line[-1] not in ".!?:;,\"'“”»)-–" and not line[-1].islower()
                and not _END.search(text, pos, match.start())):
            parts.append((pos, match.start(), True))
            pos = match.end()
    parts.append((pos, end, not text[pos:end].rstrip().endswith(_CLOSING) and not _END.search(text, pos, end)))
    return parts


def _split_block(text: str, start: int, end: int, abbreviations: frozenset[str]):
    pos = start
    for match in _END.finditer(text, start, end):
        before = text[max(pos, match.start() + 1 - _LOOKBACK):match.start() + 1]      # with the punctuation
        if _is_abbreviation(before, abbreviations):
            continue
        yield pos, match.end("close")
        pos = match.end()
    if pos < end:
        yield pos, end


def _is_abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    if not before.endswith("."):
        return False
    token = before.rsplit(None, 1)[-1]                    # the last word and its full stop
    if len(token) < 2:
        return False
    word = token[:-1].lstrip("(\"'„“«[")
    if len(word) == 1 and word.isalpha():                 # initials, "z. B."
        return True
    if word.isdigit() and len(word) <= 3:                 # ordinals: "8. Januar", "20. Jahrhundert"
        return True
    if _DOTTED.fullmatch(word):                           # "z.B", "u.a"
        return True
    return word.lower() in abbreviations
