"""The document object the pipeline stages read and add to, and the declaration of a stage.

Like spaCy's `Doc` and pipeline components: a `Doc` starts with the document, the parsing mode and
the language (`INITIAL`); each `Stage` declares the fields it reads and the fields it adds, and
runs as a function `Doc -> None` that sets them. `check_stages` proves an ordered list of stages
reads nothing before a stage added it. A stage that adds a field to every event sets it in
`Event.extra[name]` (records show it: `Event.to_dict`) and lists it in `event_fields`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .extract.actors import ActorNames
from .lang import Language
from .model import Attribution, DateValue, Document, Event, Figure, Mention, Sentence
from .temporal import Reference, TaggedTimex

#: what a Doc holds before any stage runs
INITIAL = ("document", "mode", "language")


@dataclass
class Doc:
    """One document on its way through the stages. Per-sentence lists have one item per sentence
    (`sentences`); `places`, `figures` and `types` have one per body sentence (`body`)."""

    document: Document
    mode: str                                        # one of temporal.MODES
    language: Language
    #: what relative dates resolve against in news mode: the publication date, as precise as known
    reference: Reference | None = None
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    #: per sentence index, the day of its ticker entry (`temporal.anchors`); the sentences of one
    #: entry share one Reference; empty when the text is no ticker
    anchors: dict[int, Reference] = field(default_factory=dict)
    timexes: list[TaggedTimex] = field(default_factory=list)
    #: the temporal expressions that can date an event, per sentence index
    dating: dict[int, list[TaggedTimex]] = field(default_factory=dict)
    #: spans of each sentence's temporal expressions, relative to the sentence
    timex_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    #: the name pass over the whole document (`extract.actors.find_names`)
    names: ActorNames | None = None
    #: actors per sentence before attribution is known (attribution reads them to find sources)
    mentions: list[list[Mention]] = field(default_factory=list)
    #: certainty and attribution per sentence
    attributions: list[tuple[str, Attribution | None]] = field(default_factory=list)
    #: actors per sentence with their final roles (a named source does not act)
    actors: list[list[Mention]] = field(default_factory=list)
    #: the date a sentence without its own takes from its context, per sentence
    context_dates: list[DateValue | None] = field(default_factory=list)
    places: list[list[Mention]] = field(default_factory=list)
    figures: list[list[Figure]] = field(default_factory=list)
    types: list[str | None] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @functools.cached_property
    def texts(self) -> list[str]:
        """The sentences' texts."""
        return [sentence.text for sentence in self.sentences]

    @functools.cached_property
    def headings(self) -> list[bool]:
        """Whether each sentence is a heading."""
        return [sentence.heading for sentence in self.sentences]

    @functools.cached_property
    def body(self) -> list[int]:
        """Indices of the sentences that are not headings: the ones events come from."""
        return [index for index, sentence in enumerate(self.sentences) if not sentence.heading]


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: what it reads of the Doc, what it adds, and the function that does it."""

    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[Doc], None]
    #: fields the stage sets on every event (in `Event.extra`), which stores and exports show
    event_fields: tuple[str, ...] = ()

    def describe(self) -> str:
        added = [*self.adds, *(f"events[].{name}" for name in self.event_fields)]
        return f"{self.name}: reads {', '.join(self.reads)} → adds {', '.join(added)}"


DOC_FIELDS = frozenset(f.name for f in dataclasses.fields(Doc))


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise ValueError unless each stage reads only what the Doc starts with or an earlier stage
    adds, and names only fields a Doc has."""
    known = set(INITIAL)
    for stage in stages:
        unknown = sorted(set(stage.reads + stage.adds) - DOC_FIELDS)
        if unknown:
            raise ValueError(f"stage {stage.name!r}: a Doc has no field {', '.join(unknown)}")
        missing = [name for name in stage.reads if name not in known]
        if missing:
            raise ValueError(f"stage {stage.name!r} reads {', '.join(missing)} before any stage adds it")
        known.update(stage.adds)
