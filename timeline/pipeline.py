"""The stages put together: Document → sentences → dated expressions → events.

`STAGES` is the pipeline, in order; each stage (`doc.Stage`) declares what it reads of the `Doc`
and what it adds. Each runs over all sentences of the document in turn, so that its patterns stay
in the processor's caches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from .doc import Doc, Stage, check_stages
from .extract.actors import assign_roles, find_names, mark_counted_victims
from .extract.attribution import attribute, reports_itself
from .extract.context_dates import Surroundings, context_dates
from .extract.event_types import classify_event
from .extract.figures import find_figures
from .extract.places import find_places
from .lang import load_language
from .model import DateValue, Document, Event
from .reading import DEFAULT_MAX_BYTES, document_from_text, read_document
from .reference_day import infer_publication_day, weekday_name
from .segment import split_sentences
from .temporal import Reference, TaggedTimex, tag_sentences
from .temporal.anchors import entry_anchors
from .temporal.spans import SpanWords, dating_items

#: expression types that can date an event (SETs recur; references name no period)
_DATING_TYPES = {"DATE", "TIME", "DURATION"}
#: clauses whose expressions date only their own happening, not the main clause's
_OWN_CLAUSE_ONLY = frozenset({"relative", "subordinate"})


@dataclass
class ParsedDocument:
    document: Document
    events: list[Event]
    warnings: list[str] = field(default_factory=list)

    def metadata(self) -> dict:
        doc = self.document
        data = {"id": doc.id, "title": doc.title, "published": doc.published.isoformat() if doc.published else None,
                "published_precision": doc.precision, "published_basis": doc.published_basis,
                "published_reason": doc.published_reason, "published_confidence": doc.published_confidence,
                "lang": doc.lang, "source": doc.source, "url": doc.url,
                "path": doc.path}
        return {k: v for k, v in data.items() if v is not None}


def sentence_hash(document: str, sentence: str) -> hashlib._Hash:
    """The first part of the ids of a sentence's events, hashed once for all of them."""
    return hashlib.sha1(f"{document}\x00{sentence}\x00".encode())


def event_id(sentence_digest: hashlib._Hash, expression: str | None, offset: int) -> str:
    """Stable across re-parses of the same text: a hash of the document and the sentence
    (`sentence_hash`), the expression that dates the event and its offset in the document."""
    digest = sentence_digest.copy()
    digest.update(f"{expression}\x00{offset}".encode())
    return "ev-" + digest.hexdigest()[:10]


def find_reference(doc: Doc) -> None:
    """The publication date as the reference time, with a warning when it is missing or imprecise.

    Known only to the month or year, the day is inferred from the text when it decides it
    (`reference_day`); the document then says so (`published_basis` "inferred", with the reason and
    how sure), and so does a warning. `--published` or a sidecar with the day keep it from running.
    """
    document = doc.document
    # a date read by `reading` always comes with its precision
    doc.reference = Reference(document.published, cast(str, document.precision)) if document.published else None
    if doc.reference is None:
        if doc.mode == "news":
            doc.warnings.append(f"{document.id}: no publication date; relative dates stay unresolved "
                                "(give it with --published YYYY-MM-DD)")
        return
    if document.precision == "day":
        return
    inferred = (infer_publication_day(document.text, doc.sentences, doc.reference, doc.language)
                if doc.mode == "news" else None)           # a narrative tells no day of writing
    if inferred is not None and inferred.day is not None:
        doc.document = replace(document, published=inferred.day, precision="day", published_basis="inferred",
                               published_reason=inferred.reason, published_confidence=inferred.confidence)
        doc.reference = Reference(inferred.day, "day")
        doc.warnings.append(f"{document.id}: publication day {inferred.day.isoformat()} inferred from the text "
                            f"({inferred.reason}; confidence {inferred.confidence:.2f}); give another with "
                            "--published YYYY-MM-DD")
        return
    leaning = ""
    if inferred is not None and inferred.weekday is not None:
        leaning = (f"; the text points to a {weekday_name(inferred.weekday)} ({inferred.reason}) "
                   "but not to which one")
    doc.warnings.append(f"{document.id}: publication date known only to the {document.precision} "
                        f"({doc.reference.value()}); weekdays and relative days keep that precision{leaning} "
                        "(give the exact day with --published YYYY-MM-DD)")


def segment(doc: Doc) -> None:
    doc.sentences = split_sentences(doc.document.text, doc.document.body_start, doc.language)


def find_anchors(doc: Doc) -> None:
    """In news, the day of each entry of a live ticker."""
    if doc.mode == "news":
        doc.anchors = entry_anchors(doc.sentences, doc.reference, doc.language)


def tag_timexes(doc: Doc) -> None:
    """Temporal expressions resolved, and per sentence the ones that can date an event: a range
    ("von 22 Uhr bis 5 Uhr") or a day and its time ("am Montag um 15 Uhr") as one, a bound ("bis
    Sonntag") not at all, a planned start ("ab Januar") when it is ahead (`temporal.spans`)."""
    doc.timexes = tag_sentences(doc.document.text, doc.sentences, doc.reference, doc.language, doc.mode,
                                doc.anchors)
    dated: dict[int, list[TaggedTimex]] = defaultdict(list)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for item in doc.timexes:
        if item.sentence >= 0:
            start = doc.sentences[item.sentence].start
            spans[item.sentence].append((item.timex.start - start, item.timex.end - start))
        if item.date is not None and item.timex.type in _DATING_TYPES:
            dated[item.sentence].append(item)
    words = doc.language.compiled(SpanWords.of)
    dating = {index: dating_items(doc.document.text, items, words, _day_of_writing(doc, index))
              for index, items in dated.items()}
    doc.dating = {index: items for index, items in dating.items() if items}
    doc.timex_spans = spans


def _day_of_writing(doc: Doc, index: int) -> dt.datetime | None:
    """The start of the day a sentence is written on: its ticker entry's, else the publication's."""
    reference = doc.anchors.get(index) or doc.reference
    return dt.datetime.combine(reference.day, dt.time()) if reference is not None else None


def find_actor_names(doc: Doc) -> None:
    doc.names = find_names(doc.texts, doc.language)
    doc.mentions = assign_roles(doc.names, skip=doc.headings)


def attribute_claims(doc: Doc) -> None:
    doc.attributions = attribute(doc.texts, [s.paragraph for s in doc.sentences], doc.language, doc.mentions)


def assign_actor_roles(doc: Doc) -> None:
    """A source named in its sentence ("Das Staatsfernsehen meldete, dass …") reports the event
    rather than acting in it, unless it reports on itself ("entsandte nach eigenen Angaben")."""
    sources = [frozenset({a.source} if a and a.source and not reports_itself(a, doc.language) else ())
               for _certainty, a in doc.attributions]
    doc.actors = doc.mentions
    if any(m.role == "actor" and m.name in named for mentions, named in zip(doc.mentions, sources) for m in mentions):
        assert doc.names is not None
        doc.actors = assign_roles(doc.names, sources=sources, skip=doc.headings)


def date_from_context(doc: Doc) -> None:
    """Dates for the sentences whose main clause has no dated expression of its own."""
    own_dates: list[DateValue | None] = [None] * len(doc.sentences)
    for index, dating in doc.dating.items():
        if index >= 0:                                # not outside every sentence (a header)
            own_dates[index] = _main_clause(dating)
    recurring = [False] * len(doc.sentences)
    for item in doc.timexes:
        if item.sentence >= 0 and item.timex.type == "SET":
            recurring[item.sentence] = True
    around = Surroundings(own_dates, doc.actors, doc.reference, doc.mode, recurring, doc.anchors)
    doc.context_dates = context_dates(doc.sentences, around, doc.language)


def _main_clause(dating: Sequence[TaggedTimex]) -> DateValue | None:
    """The date of the first dating expression that stands in the main clause (or a quote): one in a
    relative or subordinate clause dates that clause's happening, not the sentence's."""
    return next((item.date for item in dating if item.clause not in _OWN_CLAUSE_ONLY), None)


def find_body_places(doc: Doc) -> None:
    doc.places = find_places([doc.texts[index] for index in doc.body], doc.language)


def find_body_figures(doc: Doc) -> None:
    doc.figures = [find_figures(doc.texts[index], doc.language, doc.timex_spans.get(index, ()))
                   for index in doc.body]


def classify_body(doc: Doc) -> None:
    doc.types = [classify_event(doc.texts[index], doc.language) for index in doc.body]


def build_events(doc: Doc) -> None:
    """One event per dated expression of a body sentence, one undated event per body sentence without
    one. When the sentence's dated expressions all stand in relative or subordinate clauses, its main
    clause's happening is an event of its own first, dated as a sentence without an expression."""
    document, sentences = doc.document, doc.sentences
    for index, places, figures, event_type in zip(doc.body, doc.places, doc.figures, doc.types):
        sentence = sentences[index]
        actors = mark_counted_victims(doc.actors[index], figures, doc.language)
        certainty, attribution = doc.attributions[index]
        digest = sentence_hash(document.id, sentence.text)
        dating: list[TaggedTimex | None] = list(doc.dating.get(index, ()))
        if not dating or all(item.clause in _OWN_CLAUSE_ONLY for item in dating if item is not None):
            dating.insert(0, None)
        for item in dating:
            expression = item.timex.text if item else None
            offset = item.timex.start if item else sentence.start
            doc.events.append(Event(
                id=event_id(digest, expression, offset), document=document.id,
                sentence=sentence.text, sentence_start=sentence.start,
                date=item.date if item else doc.context_dates[index],
                actors=list(actors), places=list(places), type=event_type, figures=list(figures),
                certainty=certainty, attribution=attribution))


STAGES: tuple[Stage, ...] = (
    Stage("segment", reads=("document", "language"), adds=("sentences",), run=segment),
    Stage("reference", reads=("document", "mode", "sentences", "language"), adds=("reference", "warnings"),
          run=find_reference),
    Stage("anchors", reads=("sentences", "reference", "language", "mode"), adds=("anchors",), run=find_anchors),
    Stage("timexes", reads=("document", "sentences", "reference", "anchors", "language", "mode"),
          adds=("timexes", "dating", "timex_spans"), run=tag_timexes),
    Stage("names", reads=("sentences", "language"), adds=("names", "mentions"), run=find_actor_names),
    Stage("attribution", reads=("sentences", "mentions", "language"), adds=("attributions",), run=attribute_claims),
    Stage("roles", reads=("names", "mentions", "attributions", "sentences", "language"), adds=("actors",),
          run=assign_actor_roles),
    Stage("context_dates", reads=("sentences", "timexes", "dating", "actors", "reference", "anchors", "mode",
                                   "language"),
          adds=("context_dates",), run=date_from_context),
    Stage("places", reads=("sentences", "language"), adds=("places",), run=find_body_places),
    Stage("figures", reads=("sentences", "timex_spans", "language"), adds=("figures",), run=find_body_figures),
    Stage("types", reads=("sentences", "language"), adds=("types",), run=classify_body),
    Stage("events", reads=("document", "sentences", "dating", "context_dates", "actors", "attributions", "places",
                           "figures", "types", "language"), adds=("events",), run=build_events),
)
check_stages(STAGES)


def parse_document(document: Document, mode: str = "news", stages: Sequence[Stage] | None = None) -> ParsedDocument:
    """Events of one document: one per dated happening, one undated event per sentence without a
    date. `stages` replaces the pipeline (`STAGES`), e.g. with a stage added."""
    if stages is None:
        stages = STAGES
    else:
        check_stages(stages)
    doc = Doc(document, mode, load_language(document.lang))
    for stage in stages:
        stage.run(doc)
    return ParsedDocument(doc.document, doc.events, doc.warnings)


def parse_text(text: str, published: dt.date | str | None = None, *, lang: str = "de", doc_id: str | None = None,
               mode: str = "news") -> ParsedDocument:
    return parse_document(document_from_text(text, published=published, lang=lang, doc_id=doc_id), mode)


def parse_report(path: str | Path, published: dt.date | str | None = None, *, lang: str = "de",
                 mode: str = "news", max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> ParsedDocument:
    """Parse a report file; `encoding` overrides detection (UTF-8, else Windows-1252; see `reading`)."""
    return parse_document(read_document(path, published=published, lang=lang, max_bytes=max_bytes,
                                        encoding=encoding), mode)
