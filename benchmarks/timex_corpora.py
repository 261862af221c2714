"""Readers for the annotated temporal-expression corpora used by ``eval_timex.py``.

Two corpora (see ``shared/corpora/README.md``):

* KRAUTS — German news, TimeML with inline ``TIMEX3`` (gold + HeidelTime output);
* WikiWarsDE — German Wikipedia war narratives, inline ``TIMEX2`` (``val``/``mod``).

Files are parsed leniently with regular expressions, not an XML parser: the
WikiWarsDE files contain a bare ``&`` and repeated attributes are tolerated (the
first occurrence wins).  The text of a document is the content of
``<TEXT>...</TEXT>`` with all tags removed and the XML entities unescaped;
annotation offsets are character offsets into that text.

Conventions:

* empty tags (``<TIMEX3 .../>``) consume no text and are dropped;
* nested annotations are flattened to the outermost one (only the outermost
  expression is scored; none of the stored files actually nests);
* leading/trailing whitespace inside an annotation is trimmed from its span
  (WikiWarsDE has e.g. ``<TIMEX2 ...>Ende des Jahres </TIMEX2>``);
* an annotation without a value attribute gets the value ``""``.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

KRAUTS_SUBCORPORA = ("DieZeit", "Dolomiten-100", "Dolomiten-42")
WIKIWARSDE = "WikiWarsDE"

_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s[^<>]*?)?)\s*(/?)>")
_ATTR_RE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY_RE = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_TEXT_RE = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT\s*>", re.S)
_DCT_RE = re.compile(r"<DCT\b[^>]*>.*?<TIMEX3\b[^>]*?\bvalue\s*=\s*\"(\d{4}-\d{2}-\d{2})", re.S)


@dataclass(frozen=True)
class Timex:
    """One annotated temporal expression; ``end`` is exclusive."""

    start: int
    end: int
    text: str
    type: str | None
    value: str
    mod: str | None = None


@dataclass
class Document:
    """A tag-stripped document with its annotations."""

    doc_id: str
    subcorpus: str
    text: str
    published: date | None
    timexes: list[Timex] = field(default_factory=list)


def unescape(text: str) -> str:
    """Resolve the five XML entities and numeric references; leave a bare ``&`` alone."""

    def resolve(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#"):
            code = int(name[2:], 16) if name[1:2] in "xX" else int(name[1:])
            return chr(code)
        return _NAMED_ENTITIES[name]

    return _ENTITY_RE.sub(resolve, text)


def parse_attributes(raw: str) -> dict[str, str]:
    """Parse ``name="value"`` pairs; the first occurrence of a repeated name wins."""
    attrs: dict[str, str] = {}
    for match in _ATTR_RE.finditer(raw):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        attrs.setdefault(match.group(1), unescape(value))
    return attrs


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_inline(markup: str, tag: str = "TIMEX3", value_attr: str = "value") -> tuple[str, list[Timex]]:
    """Strip all tags from ``markup`` and return ``(text, annotations of <tag>)``.

    Offsets refer to the returned (unescaped) text.  Empty ``<tag/>`` elements,
    stray closing tags and elements left open are ignored; nested elements are
    flattened to the outermost one.
    """
    pieces: list[str] = []
    length = 0
    open_stack: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    pos = 0
    for match in _TAG_RE.finditer(markup):
        chunk = unescape(markup[pos : match.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = match.end()
        closing, name, raw_attrs, empty = match.groups()
        if name != tag or empty:
            continue
        if not closing:
            open_stack.append((length, parse_attributes(raw_attrs)))
        elif open_stack:
            start, attrs = open_stack.pop()
            if not open_stack:
                spans.append((start, length, attrs))
    pieces.append(unescape(markup[pos:]))
    text = "".join(pieces)
    return text, [_make_timex(text, start, end, attrs, value_attr) for start, end, attrs in spans]


def _make_timex(text: str, start: int, end: int, attrs: dict[str, str], value_attr: str) -> Timex:
    start, end = _trimmed(text, start, end)
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=attrs.get("type"),
        value=attrs.get(value_attr, ""),
        mod=attrs.get("mod"),
    )


def text_section(markup: str) -> str:
    """Return the raw content of the first ``<TEXT>`` element (empty if none)."""
    match = _TEXT_RE.search(markup)
    return match.group(1) if match else ""


def parse_dct(markup: str) -> date | None:
    """Return the document creation time from ``<DCT><TIMEX3 value=...>``, if any."""
    match = _DCT_RE.search(markup)
    return date.fromisoformat(match.group(1)) if match else None


def read_timeml(path: Path, subcorpus: str) -> Document:
    """Read one KRAUTS TimeML file (gold or HeidelTime output)."""
    markup = path.read_text(encoding="utf-8")
    text, timexes = parse_inline(text_section(markup), tag="TIMEX3", value_attr="value")
    return Document(path.name.removesuffix(".tml"), subcorpus, text, parse_dct(markup), timexes)


def read_timex2(path: Path, subcorpus: str = WIKIWARSDE) -> Document:
    """Read one WikiWarsDE inline TIMEX2 file; the DATETIME is ignored (``published=None``)."""
    markup = path.read_text(encoding="utf-8")
    text, timexes = parse_inline(text_section(markup), tag="TIMEX2", value_attr="val")
    return Document(path.name.removesuffix(".key.xml"), subcorpus, text, None, timexes)


def _first(paths: list[Path], limit: int | None) -> list[Path]:
    paths = sorted(paths)
    return paths if limit is None else paths[:limit]


def read_krauts(corpora_dir: Path, annotations: str = "gold", limit: int | None = None) -> list[Document]:
    """Read ``krauts/<annotations>/<subcorpus>/*.tml`` (first ``limit`` files per sub-corpus)."""
    docs: list[Document] = []
    for subcorpus in KRAUTS_SUBCORPORA:
        folder = corpora_dir / "krauts" / annotations / subcorpus
        docs.extend(read_timeml(path, subcorpus) for path in _first(list(folder.glob("*.tml")), limit))
    return docs


def read_wikiwarsde(corpora_dir: Path, limit: int | None = None) -> list[Document]:
    """Read ``wikiwarsde/keyinline/*.key.xml`` (first ``limit`` files)."""
    folder = corpora_dir / "wikiwarsde" / "keyinline"
    return [read_timex2(path) for path in _first(list(folder.glob("*.key.xml")), limit)]


def offset_map(source: str, target: str) -> Callable[[int], int]:
    """Return a function mapping character offsets in ``source`` to offsets in ``target``.

    If the texts differ only in whitespace, offsets map through the non-space
    characters (an offset goes to the next non-space character); otherwise
    through a ``difflib`` character alignment, where an offset inside a changed
    region goes to the start of the corresponding target region.
    """
    source_chars = [i for i, char in enumerate(source) if not char.isspace()]
    target_chars = [i for i, char in enumerate(target) if not char.isspace()]
    if [source[i] for i in source_chars] == [target[i] for i in target_chars]:
        target_chars.append(len(target))
        return lambda offset: target_chars[bisect_left(source_chars, offset)]
    blocks = difflib.SequenceMatcher(None, source, target, autojunk=False).get_opcodes()
    block_starts = [block[1] for block in blocks]

    def mapped(offset: int) -> int:
        tag, i1, _i2, j1, _j2 = blocks[max(bisect_right(block_starts, offset) - 1, 0)]
        return j1 + (offset - i1) if tag == "equal" else j1

    return mapped


def align_to(reference: Document, other: Document) -> list[Timex]:
    """Map ``other``'s annotations onto ``reference.text`` (identity if the texts are equal).

    Offsets go through ``offset_map``; mapped spans are trimmed of whitespace
    and dropped if empty.
    """
    if other.text == reference.text:
        return list(other.timexes)
    mapped = offset_map(other.text, reference.text)
    aligned = []
    for timex in other.timexes:
        start, end = _trimmed(reference.text, mapped(timex.start), mapped(timex.end))
        if end > start:
            aligned.append(replace(timex, start=start, end=end, text=reference.text[start:end]))
    return aligned
