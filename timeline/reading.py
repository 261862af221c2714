"""Files and strings → Document: decoding, HTML pages, the ` date YYYY-MM[-DD]` header, YAML front matter.

Decoding (`read_text`): `encoding=` (the CLI's `--encoding`) when given; else UTF-16 when the data
starts with its byte-order mark; else UTF-8 (a BOM is dropped); else, when that fails, Windows-1252
(a superset of Latin-1 for text; ISO-8859-15 when it has `¤` where the euro sign would be), if it
gives plausible text. Anything else is refused with a message that names `--encoding`, and so are
PDFs, images, archives and other binary data.

A report read from a file (`read_document`) has its line ends made `\n` (CRLF and CR alike) and its
characters composed (Unicode NFC, as macOS may save "ü" as "u" plus a combining mark), so offsets
in the store count characters of that text. Text handed in as a string keeps its offsets as given.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import InputError
from .htmltext import article, declared_charset, looks_like_html
from .model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_NL = r"(?:\r\n|\r(?!\n)|\n)"
_HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*")
_FRONT_MATTER = re.compile(rf"\A---[ \t]*{_NL}(?P<body>.*?){_NL}---[ \t]*(?:{_NL}|\Z)", re.S)
_FIELD = re.compile(r"(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")
_LINE_END = re.compile(r"\r\n?")

#: what files that are not text start with, for a message that says what the file is
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (as .docx, .odt and .epub files are)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: signs that never stand inside a German word; when Windows-1252 decoding puts them there, the text
#: is in another code page (cp850 "ä" reads as "„", Mac Roman "ä", "ß", "Ü" as "Š", "§", "†")
_NOT_IN_WORDS = re.compile(r"[^\W\d_][„“”‚‹›•†‡‰™€§¤…ˆ˜Ÿ¦¨Šš][^\W\d_]|[^\W\d_]§|†[^\W\d_]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
#: UTF-8's lead bytes of Latin letters, or any lead byte with its continuation: UTF-8 with a fault
#: (cut off, one bad byte), which Windows-1252 would turn into mojibake ("Ã¼")
_UTF8_TRACES = re.compile(rb"[\xc2\xc3]|[\xc4-\xf4][\x80-\xbf]")
#: charsets pages declare that browsers read as Windows-1252 (the WHATWG Encoding Standard)
_HTML_CHARSETS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252"}


def parse_date(text: str) -> tuple[dt.date, str]:
    """A date as users write it (YYYY, YYYY-MM or YYYY-MM-DD) and how precise it is. A time after
    the day, as feeds give it ("2024-03-07T14:30", "2024-03-07 14:30:00+01:00"), is allowed and
    not kept: relative dates count in days."""
    text = str(text).strip().strip("'\"")
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                         r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?", text)
    if not match:
        raise InputError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY, "
                         "optionally with a time: YYYY-MM-DDTHH:MM)")
    year, month, day = match.groups()
    try:
        value = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise InputError(f"not a date: {text!r} ({exc})") from None
    return value, "day" if day else "month" if month else "year"


def document_id(text: str, path: str | None = None) -> str:
    """A short stable id: the file's stem when there is one, else a content hash."""
    if path:
        return Path(path).stem
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def read_text(data: bytes, origin: str = "input", encoding: str | None = None) -> str:
    """The text of a report's bytes (see the module's docstring for how the encoding is found)."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{origin} looks like {what}, not text; save it as plain text first")
    if encoding is not None:
        text = _decode(data, origin, encoding)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, origin, "utf-16")
    elif b"\x00" in data:
        raise InputError(_binary(data, origin))
    else:
        text = _guess(data, origin)
    if not text.strip():
        raise InputError(f"{origin} is empty" + (" (only whitespace)" if text else ""))
    sample = text[:65536]
    if "\x00" in text or len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise InputError(f"{origin} looks like a binary file, not text (it is full of control characters)")
    return text


def check_encoding(encoding: str) -> str:
    """The codec name for a text encoding a user gave, or InputError naming `--encoding`."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InputError(f"unknown --encoding {encoding!r} (e.g. utf-8, cp1252, latin-1, cp850, mac_roman, utf-16)")
    return "utf-8-sig" if info.name == "utf-8" else info.name


def _decode(data: bytes, origin: str, encoding: str) -> str:
    try:
        return data.decode(check_encoding(encoding)).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin} is not valid {encoding} (byte {exc.start}); check --encoding") from None


def _guess(data: bytes, origin: str) -> str:
    """UTF-8; else Windows-1252 (or ISO-8859-15) if that gives plausible text; else ask for --encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        text = "" if _UTF8_TRACES.search(data) else data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not _CONTROL.search(text):
        if "¤" in text and not _C1_BYTES.search(data):
            text = data.decode("iso-8859-15")
        if not _NOT_IN_WORDS.search(text):
            return text
    raise InputError(f"{origin} is not UTF-8 (byte {position}: {data[position]:#04x}) nor Windows-1252 text; "
                     "give its encoding with --encoding, e.g. --encoding cp850")


def _binary(data: bytes, origin: str) -> str:
    """The message for data with NUL bytes: UTF-16 without a byte-order mark, or binary."""
    sample = data[:4096]
    for parity, name in ((1, "utf-16-le"), (0, "utf-16-be")):
        halves = sample[parity::2]
        if halves.count(0) > 0.9 * len(halves) and not sample[1 - parity::2].count(0):
            return f"{origin} looks like UTF-16 text without a byte-order mark; read it with --encoding {name}"
    return f"{origin} looks like a binary file, not text (it has NUL bytes)"


def sidecar_metadata(path: Path) -> dict[str, str]:
    """Metadata from `<report>.meta.yaml` beside a report, when there is one."""
    sidecar = path.with_suffix(".meta.yaml")
    if not sidecar.is_file():
        return {}
    try:
        data = YAML(typ="safe", pure=True).load(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise InputError(f"cannot read {sidecar}: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{sidecar} must be a mapping of metadata fields")
    return {str(k).lower(): str(v) for k, v in data.items() if v is not None}


def document_from_text(text: str, *, published: dt.date | str | None = None, path: str | None = None,
                       lang: str = "de", doc_id: str | None = None,
                       metadata: dict[str, str] | None = None) -> Document:
    """Build a Document, taking publication date and metadata from a header or front matter.

    `metadata` (e.g. from a sidecar file) wins over the text; an explicit `published` wins over all.
    The document says which of them gave the date (`published_basis`).
    """
    meta: dict[str, str] = {}
    body_start = 0
    if front := _FRONT_MATTER.match(text):
        fields = (_FIELD.fullmatch(line) for line in front["body"].splitlines())
        meta = {m["key"].lower(): m["value"].strip("'\"") for m in fields if m and m["value"]}
        body_start = front.end()
    elif header := _HEADER.match(text):
        meta["published"] = header["date"]
        body_start = header.end()
    if not text[body_start:].strip():
        raise InputError(f"{path or 'input'} has no text")
    meta.update(metadata or {})

    precision = basis = None
    date = None
    if isinstance(published, dt.date):
        date, precision, basis = published, "day", "given"
    elif published is not None:
        date, precision = parse_date(published)
        basis = "given"
    elif given := (metadata or {}).get("published") or (metadata or {}).get("date"):
        date, precision = parse_date(given)
        basis = "sidecar"
    elif meta.get("published") or meta.get("date"):
        date, precision = parse_date(meta.get("published") or meta["date"])
        basis = "header"
    return Document(
        text=text, id=doc_id or meta.get("id") or document_id(text, path), published=date,
        precision=precision, published_basis=basis, lang=meta.get("lang", lang), title=meta.get("title"),
        source=meta.get("source"), url=meta.get("url"), path=path, body_start=body_start,
    )


def read_bytes(path: str | Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, or InputError: missing, a folder, unreadable, larger than `max_bytes`.

    The read stops after `max_bytes`, so a device or pipe that never ends (/dev/zero) is refused too.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a report")
    try:
        with path.open("rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None
    if max_bytes is not None and len(data) > max_bytes:
        size = f"{path.stat().st_size} bytes, " if path.is_file() else ""
        raise InputError(f"{path} is {size}more than the limit of {max_bytes} bytes (raise it with --max-bytes)")
    return data


def _html_encoding(data: bytes) -> str | None:
    """The charset a page declares, when its bytes are not UTF-8 (or UTF-16 with a BOM) anyway and
    Python knows it; a page saved by a browser may be UTF-8 and still declare what it was."""
    charset = declared_charset(data)
    if not charset or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    charset = _HTML_CHARSETS.get(charset.lower(), charset)        # as browsers read them
    try:
        return None if codecs.lookup(charset).name == "utf-8" else charset
    except LookupError:
        return None


def normalized(text: str) -> str:
    """Line ends as `\\n` and characters composed (NFC): the text a report file's offsets count in."""
    return unicodedata.normalize("NFC", _LINE_END.sub("\n", text))


def read_document(path: str | Path, *, published: dt.date | str | None = None, lang: str = "de",
                  max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> Document:
    """A report file: text, or an HTML page whose article text is taken (see `htmltext`)."""
    path = Path(path)
    data = read_bytes(path, max_bytes)
    meta: dict[str, str] = {}
    if looks_like_html(path.name, data):
        text, meta = article(read_text(data, str(path), encoding or _html_encoding(data)))
        if not text.strip():
            raise InputError(f"{path} is an HTML page without article text")
    else:
        text = read_text(data, str(path), encoding)
    return document_from_text(normalized(text), published=published, path=str(path), lang=lang,
                              metadata={**meta, **sidecar_metadata(path)})
