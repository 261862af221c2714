"""The stages put together: Document → sentences → dated expressions → events."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .extract.actors import assign_roles, find_names, mark_counted_victims
from .extract.attribution import attribute, reports_itself
from .extract.context_dates import context_dates
from .extract.event_types import classify_event
from .extract.figures import find_figures
from .extract.places import find_places
from .lang import load_language
from .model import Document, Event
from .reading import DEFAULT_MAX_BYTES, document_from_text, read_document
from .segment import split_sentences
from .temporal import Reference, TaggedTimex, tag_sentences

#: expression types that can date an event (SETs recur; references name no period)
_DATING_TYPES = {"DATE", "TIME", "DURATION"}


@dataclass
class ParsedDocument:
    document: Document
    events: list[Event]
    warnings: list[str] = field(default_factory=list)

    def metadata(self) -> dict:
        doc = self.document
        data = {"id": doc.id, "title": doc.title, "published": doc.published.isoformat() if doc.published else None,
                "published_precision": doc.precision, "lang": doc.lang, "source": doc.source, "url": doc.url,
                "path": doc.path}
        return {k: v for k, v in data.items() if v is not None}


def sentence_hash(document: str, sentence: str) -> "hashlib._Hash":
    """The first part of the ids of a sentence's events, hashed once for all of them."""
    return hashlib.sha1(f"{document}\x00{sentence}\x00".encode("utf-8"))


def event_id(sentence_digest: "hashlib._Hash", expression: str | None, offset: int) -> str:
    """Stable across re-parses of the same text: a hash of the document and the sentence
    (`sentence_hash`), the expression that dates the event and its offset in the document."""
    digest = sentence_digest.copy()
    digest.update(f"{expression}\x00{offset}".encode("utf-8"))
    return "ev-" + digest.hexdigest()[:10]


def parse_document(document: Document, mode: str = "news") -> ParsedDocument:
    """Events of one document: one per dated happening, one undated event per sentence without a date."""
    warnings = []
    reference = Reference(document.published, document.precision) if document.published else None
    if reference is None and mode == "news":
        warnings.append(f"{document.id}: no publication date; relative dates stay unresolved "
                        "(give it with --published YYYY-MM-DD)")
    elif reference is not None and document.precision != "day":
        warnings.append(f"{document.id}: publication date known only to the {document.precision} "
                        f"({reference.value()}); weekdays and relative days keep that precision "
                        "(give the exact day with --published YYYY-MM-DD)")
    sentences = split_sentences(document.text, document.body_start, document.lang)
    tagged = tag_sentences(document.text, sentences, reference, document.lang, mode)
    texts, headings = [s.text for s in sentences], [s.heading for s in sentences]
    language = load_language(document.lang)
    names = find_names(texts, language)
    actors_of = assign_roles(names, skip=headings)
    attributions = attribute(texts, [s.paragraph for s in sentences], language, actors_of)
    # a source named in its sentence ("Das Staatsfernsehen meldete, dass …") reports the event rather
    # than acting in it, unless it reports on itself ("entsandte nach eigenen Angaben")
    sources = [frozenset({a.source} if a and a.source and not reports_itself(a, language) else ())
               for _certainty, a in attributions]
    if any(m.role == "actor" and m.name in named for mentions, named in zip(actors_of, sources) for m in mentions):
        actors_of = assign_roles(names, sources=sources, skip=headings)   # the source is not the actor
    dating: dict[int, list[TaggedTimex]] = defaultdict(list)
    timex_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)     # per sentence, relative to it
    for item in tagged:
        if item.sentence >= 0:
            start = sentences[item.sentence].start
            timex_spans[item.sentence].append((item.timex.start - start, item.timex.end - start))
        if item.date is not None and item.timex.type in _DATING_TYPES:
            dating[item.sentence].append(item)
    from_context = context_dates(sentences, [dating[i][0].date if dating.get(i) else None
                                             for i in range(len(sentences))],
                                 actors_of, reference, document.lang)
    events: list[Event] = []
    body = [index for index, sentence in enumerate(sentences) if not sentence.heading]
    # each stage over all sentences in turn: its patterns stay in the processor's caches
    places_of = find_places([texts[index] for index in body], language)
    figures_of = [find_figures(texts[index], language, timex_spans.get(index, ())) for index in body]
    types_of = [classify_event(texts[index], language) for index in body]
    for index, places, figures, event_type in zip(body, places_of, figures_of, types_of):
        sentence = sentences[index]
        actors = mark_counted_victims(actors_of[index], figures, language)
        digest = sentence_hash(document.id, sentence.text)
        for item in dating.get(index) or [None]:
            expression = item.timex.text if item else None
            offset = item.timex.start if item else sentence.start
            events.append(Event(
                id=event_id(digest, expression, offset), document=document.id,
                sentence=sentence.text, sentence_start=sentence.start,
                date=item.date if item else from_context[index],
                actors=list(actors), places=list(places), type=event_type, figures=list(figures),
                certainty=attributions[index][0], attribution=attributions[index][1]))
    return ParsedDocument(document, events, warnings)


def parse_text(text: str, published: dt.date | str | None = None, *, lang: str = "de", doc_id: str | None = None,
               mode: str = "news") -> ParsedDocument:
    return parse_document(document_from_text(text, published=published, lang=lang, doc_id=doc_id), mode)


def parse_report(path: str | Path, published: dt.date | str | None = None, *, lang: str = "de",
                 mode: str = "news", max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> ParsedDocument:
    """Parse a report file; `encoding` overrides detection (UTF-8, else Windows-1252; see `reading`)."""
    return parse_document(read_document(path, published=published, lang=lang, max_bytes=max_bytes,
                                        encoding=encoding), mode)
