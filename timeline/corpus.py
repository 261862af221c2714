"""Many reports in, parsed documents out, one at a time: files, folders, JSON Lines corpora, stdin.

Inputs are read lazily and parsed in order, in this process or spread over worker processes, so
that memory stays flat however many documents stream through: at most a bounded window of
documents is read ahead of the parsers, and each parsed document is handed on before the next.

A document is identified by its content (`document_hash`): the same report given twice, under
any name, is one document, and the second telling is skipped as a duplicate.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import store
from .errors import InputError
from .lang import available_languages
from .model import Document
from .pipeline import ParsedDocument, parse_document
from .reading import DEFAULT_MAX_BYTES, document_from_text, document_id, read_document, read_text

STDIN = "-"
#: which files of a folder are reports, unless --glob says otherwise
DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm")
STDIN_FORMATS = ("text", "jsonl")
#: fields of a JSON Lines record besides `text`; `published` and `lang` also count for the text
RECORD_FIELDS = ("id", "published", "title", "source", "url", "lang")
#: chunks of documents read ahead of the parsers, per worker process
_READ_AHEAD_CHUNKS = 4


@dataclass(frozen=True)
class Skipped:
    """An input that is not parsed, and why: unreadable, empty, a bad corpus line, a duplicate."""

    origin: str
    reason: str

    @classmethod
    def because(cls, origin: str, error: Exception) -> Skipped:
        """Skipped for an error whose message may start with the origin ("a.txt is empty")."""
        message = str(error)
        return cls(origin, message[len(origin):].strip(" :") if message.startswith(origin) else message)


@dataclass(frozen=True)
class ReadOptions:
    published: str | None = None          # overrides every document's own date
    lang: str = "de"
    max_bytes: int = DEFAULT_MAX_BYTES
    globs: tuple[str, ...] = DEFAULT_GLOBS
    stdin_format: str = "text"
    encoding: str | None = None           # of files and stdin text; None: found out (see reading.py)


def document_hash(document: Document) -> str:
    """What makes two documents the same: their text, publication date and language."""
    published = f"{document.published.isoformat()}/{document.precision}" if document.published else ""
    key = "\x00".join((document.text, published, document.lang))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def check_inputs(inputs: Sequence[str]) -> None:
    """Fail early, before anything is parsed, on an input that does not exist."""
    if not inputs:
        raise InputError("no reports given (files, folders, .jsonl corpora or - for stdin)")
    for name in inputs:
        if name != STDIN and not Path(name).exists():
            raise InputError(f"no such file or folder: {name}")
    if list(inputs).count(STDIN) > 1:
        raise InputError("stdin (-) can be read only once")


def read_inputs(inputs: Sequence[str], options: ReadOptions = ReadOptions(),
                stdin: IO[bytes] | None = None) -> Iterator[Document | Skipped]:
    """The documents of all inputs, in the order given (a folder's files sorted by path).

    A file named on the command line must be readable (InputError otherwise); a file found in a
    folder or a line of a corpus that cannot be used is reported as Skipped, and the rest goes on.
    """
    for name in inputs:
        if name == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            if options.stdin_format == "jsonl":
                yield from _read_jsonl(stream, "stdin", options)
            else:
                text = read_text(stream.read(), "stdin", options.encoding)
                yield document_from_text(text, published=options.published, lang=options.lang)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_folder(path, options)
        else:
            yield from _read_file(path, options)


def _read_file(path: Path, options: ReadOptions) -> Iterator[Document | Skipped]:
    """A report, or the documents of a JSON Lines corpus (a file ending in .jsonl)."""
    if path.suffix != ".jsonl":
        yield read_document(path, published=options.published, lang=options.lang, max_bytes=options.max_bytes,
                            encoding=options.encoding)
        return
    try:
        with path.open("rb") as stream:
            yield from _read_jsonl(stream, str(path), options)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


def folder_files(folder: Path, globs: Sequence[str]) -> list[Path]:
    """Report files below a folder, sorted; hidden files and folders and sidecars left out."""
    found = {p for pattern in globs for p in folder.rglob(pattern) if p.is_file()}
    return sorted(p for p in found if not p.name.endswith(".meta.yaml")
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def count_inputs(inputs: Sequence[str], globs: Sequence[str]) -> int | None:
    """How many documents the inputs hold (for a progress bar); None when stdin is among them."""
    if STDIN in inputs:
        return None
    paths = [p for name in inputs for p in (folder_files(Path(name), globs) if Path(name).is_dir() else [Path(name)])]
    return sum(_count_lines(p) if p.suffix == ".jsonl" else 1 for p in paths)


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 0


def _read_folder(folder: Path, options: ReadOptions) -> Iterator[Document | Skipped]:
    for path in folder_files(folder, options.globs):
        try:
            for item in _read_file(path, options):
                if isinstance(item, Document) and item.id == path.stem:
                    # not named by its front matter: the path below the folder tells files apart
                    item = dataclasses.replace(item, id=path.relative_to(folder).with_suffix("").as_posix())
                yield item
        except InputError as exc:
            yield Skipped.because(str(path), exc)


def _read_jsonl(stream: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Document | Skipped]:
    languages = available_languages()
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(raw)
        except ValueError:
            yield Skipped(where, "not a JSON object")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(where, "expected a JSON object with a `text` string")
            continue
        meta = {key: str(record[key]) for key in RECORD_FIELDS if record.get(key) not in (None, "")}
        lang = meta.pop("lang", options.lang)
        if lang not in languages:
            yield Skipped(where, f"unknown language {lang!r}")
            continue
        if len(record["text"].encode("utf-8")) > options.max_bytes:
            yield Skipped(where, f"text longer than the limit of {options.max_bytes} bytes")
            continue
        try:
            document = document_from_text(record["text"], published=options.published, lang=lang, path=where,
                                          doc_id=meta.pop("id", None) or document_id(record["text"]), metadata=meta)
        except InputError as exc:
            yield Skipped.because(where, exc)
            continue
        yield document


def unique(items: Iterable[Document | Skipped], known: dict[str, str] | None = None
           ) -> Iterator[tuple[Document, str] | Skipped]:
    """Each document once, with its hash: a document whose content was seen before is skipped as
    a duplicate; a document whose id is taken by other content gets the hash added to its id.

    `known` maps the hashes of documents already stored to their ids; a document stored under its
    own id is parsed again (it may have been stored by an older parser).
    """
    seen: dict[str, str] = {}            # hash → id, this run
    ids: set[str] = set()
    stored = known or {}
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        digest = document_hash(item)
        first = seen.get(digest) or stored.get(digest)
        if digest in seen or (first is not None and first != item.id):
            yield Skipped(item.path or item.id, f"same text as document {first}")
            continue
        if item.id in ids:
            item = dataclasses.replace(item, id=f"{item.id}-{digest[:8]}")
        seen[digest] = item.id
        ids.add(item.id)
        yield item, digest


def parse_all(documents: Iterable[Document], mode: str = "news", jobs: int = 1,
              chunksize: int = 4) -> Iterator[ParsedDocument]:
    """Parse documents in order, in `jobs` worker processes when more than one.

    The documents are read in a thread that feeds the workers, at most a window of them ahead of
    the results handed on, so a corpus of any size streams through in flat memory. The first is
    parsed here, before the workers start: forked, they inherit the language it compiled (about
    0.7 CPU seconds) rather than each compiling it again.
    """
    parse = functools.partial(parse_document, mode=mode)
    if jobs <= 1:
        yield from map(parse, documents)
        return
    pending = iter(documents)
    first = next(pending, None)
    if first is None:
        return
    yield parse(first)
    # never less than a chunk, or the first chunk would wait for itself
    ahead = jobs * chunksize * _READ_AHEAD_CHUNKS
    window = threading.Semaphore(ahead)
    stop = threading.Event()

    def feed() -> Iterator[Document]:
        for document in pending:
            window.acquire()
            if stop.is_set():
                return
            yield document

    with multiprocessing.get_context().Pool(jobs) as pool:
        try:
            for parsed in pool.imap(parse, feed(), chunksize):
                window.release()
                yield parsed
        finally:                          # let a waiting feeder end, or closing the pool waits for it
            stop.set()
            window.release(ahead)


def parsed_stream(inputs: Sequence[str], options: ReadOptions, mode: str = "news", jobs: int = 1,
                  known: dict[str, str] | None = None, on_skip: Callable[[Skipped], None] | None = None,
                  stdin: IO[bytes] | None = None) -> Iterator[tuple[ParsedDocument, str]]:
    """Read, deduplicate and parse: (parsed document, its hash) in input order.

    Skipped inputs go to `on_skip` (which may be called from the reading thread).
    """
    hashes: deque[str] = deque()          # hashes of documents sent to the parsers, not yet handed on

    def documents() -> Iterator[Document]:
        for item in unique(read_inputs(inputs, options, stdin), known):
            if isinstance(item, Skipped):
                if on_skip is not None:
                    on_skip(item)
                continue
            document, digest = item
            hashes.append(digest)
            yield document

    for parsed in parse_all(documents(), mode, jobs):
        yield parsed, hashes.popleft()


@dataclass
class Summary:
    """What a parse run did."""

    documents: int = 0
    events: int = 0                      # events written
    dated: int = 0
    kept: int = 0                        # locked or manual events kept of documents parsed again
    skipped: int = 0


def parse_into_store(inputs: Sequence[str], output: str | Path, options: ReadOptions = ReadOptions(),
                     mode: str = "news", jobs: int = 1, on_skip: Callable[[Skipped], None] | None = None,
                     on_parsed: Callable[[ParsedDocument], None] | None = None,
                     stdin: IO[bytes] | None = None) -> Summary:
    """Parse the inputs into the store at `output`.

    A `.jsonl` store is written as the documents stream through (and replaced at the end); a YAML
    store, meant for a few reports edited by hand, gets all of them at the end.
    """
    summary = Summary()

    def skipped(item: Skipped) -> None:
        summary.skipped += 1
        if on_skip is not None:
            on_skip(item)

    def counted(parsed: ParsedDocument, written: int) -> None:
        summary.documents += 1
        summary.events += written
        summary.dated += sum(1 for e in parsed.events if e.date is not None)
        if on_parsed is not None:
            on_parsed(parsed)

    check_inputs(inputs)
    if store.is_jsonl(output):
        with store.StoreWriter(output) as writer:
            for parsed, digest in parsed_stream(inputs, options, mode, jobs, writer.hashes, skipped, stdin):
                counted(parsed, writer.add({**parsed.metadata(), "hash": digest}, parsed.events))
            _check_found(summary)
        summary.kept = writer.kept
        return summary
    known = {str(d["hash"]): str(d["id"]) for d in store.load_timeline(output).documents if d.get("hash")} \
        if Path(output).exists() else {}
    documents, events = [], []
    for parsed, digest in parsed_stream(inputs, options, mode, jobs, known, skipped, stdin):
        documents.append({**parsed.metadata(), "hash": digest})
        events += parsed.events
        counted(parsed, 0)
    _check_found(summary)
    summary.events, summary.kept = store.save_parsed(output, documents, events)
    return summary


def _check_found(summary: Summary) -> None:
    if not summary.documents and not summary.skipped:
        raise InputError("no reports found (a folder is searched for --glob patterns, by default "
                         + ", ".join(DEFAULT_GLOBS) + ")")
