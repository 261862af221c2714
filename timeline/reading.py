"""Files and strings → Document: decoding, the ` date YYYY-MM[-DD]` header, YAML front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .errors import InputError
from .model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$", re.M)


def parse_date(text: str) -> tuple[dt.date, str]:
    """A date as users write it (YYYY, YYYY-MM or YYYY-MM-DD) and how precise it is."""
    text = str(text).strip().strip("'\"")
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        raise InputError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
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


def read_text(data: bytes, origin: str = "input") -> str:
    if not data.strip():
        raise InputError(f"{origin} is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{origin} looks like binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin} is not valid UTF-8 (byte {exc.start})") from None


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
    """
    meta: dict[str, str] = {}
    body_start = 0
    if front := _FRONT_MATTER.match(text):
        meta = {m["key"].lower(): m["value"].strip("'\"") for m in _FIELD.finditer(front["body"]) if m["value"]}
        body_start = front.end()
    elif header := _HEADER.match(text):
        meta["published"] = header["date"]
        body_start = header.end()
    if not text[body_start:].strip():
        raise InputError(f"{path or 'input'} has no text")
    meta.update(metadata or {})

    precision = None
    date = None
    if isinstance(published, dt.date):
        date, precision = published, "day"
    elif published is not None:
        date, precision = parse_date(published)
    elif meta.get("published") or meta.get("date"):
        date, precision = parse_date(meta.get("published") or meta["date"])
    return Document(
        text=text, id=doc_id or meta.get("id") or document_id(text, path), published=date,
        precision=precision, lang=meta.get("lang", lang), title=meta.get("title"),
        source=meta.get("source"), url=meta.get("url"), path=path, body_start=body_start,
    )


def read_document(path: str | Path, *, published: dt.date | str | None = None, lang: str = "de",
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a report")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path} is {size} bytes, more than the limit of {max_bytes} (raise it with --max-bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    return document_from_text(read_text(data, str(path)), published=published, path=str(path), lang=lang,
                              metadata=sidecar_metadata(path))
