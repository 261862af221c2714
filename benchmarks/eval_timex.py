"""Score the temporal tagger on the KRAUTS and WikiWarsDE corpora (TempEval-3 style).

Run from the repository root::

    python benchmarks/eval_timex.py [--corpus krauts|wikiwarsde|all] [--limit N]
                                    [--systems timeline,HeidelTime] [--errors FILE] [--json]

The system under test is ``timeline.temporal.tag_text`` (imported lazily); on
KRAUTS it runs in mode ``news`` with the DCT as publication date, on WikiWarsDE
in mode ``narrative`` without one.  HeidelTime's output shipped with KRAUTS is
scored the same way as a reference.

Matching (per document):

* relaxed: gold and system expressions match when their character spans
  overlap; the matching is one-to-one, built greedily — identical spans first,
  then by decreasing overlap length (ties: leftmost gold, then leftmost system);
* strict: relaxed matches with identical spans;
* value: relaxed matches whose normalised values are equal (``normalize_value``,
  applied identically to both sides; ``mod`` is not compared);
* type: relaxed matches whose types are equal (n/a for WikiWarsDE, whose TIMEX2
  annotations carry no type).

Precision = correct / system expressions, recall = correct / gold expressions;
counts are summed over documents (micro-average) per sub-corpus and in total.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Protocol

from timex_corpora import (
    Document,
    Timex,
    align_to,
    read_krauts,
    read_timeml,
    read_wikiwarsde,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA_DIR = REPO_ROOT.parent / "shared" / "corpora"

TIMELINE = "timeline"
HEIDELTIME = "HeidelTime"
SYSTEMS = (TIMELINE, HEIDELTIME)
CORPORA = {"krauts": "KRAUTS", "wikiwarsde": "WikiWarsDE"}
MODES = {"krauts": "news", "wikiwarsde": "narrative"}
METRICS = ("strict", "relaxed", "value", "type")
CONTEXT_CHARS = 40

_VALUE_FIXES = (
    (re.compile(r"T(\d{2})\.(\d{2})"), r"T\1:\2"),  # 2010-02-25T20.30 -> T20:30
    (re.compile(r"^(\d{4})_(\d{2})\b"), r"\1-\2"),  # 2014_07 -> 2014-07
    (re.compile(r"-W(\w\w)-0([1-7])\b"), r"-W\1-\2"),  # XXXX-WXX-01 -> XXXX-WXX-1
    (re.compile(r"^PRESNT_REF$"), "PRESENT_REF"),  # typo in the KRAUTS gold
)


class Expression(Protocol):
    """What the scorer needs from a gold or system temporal expression."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str | None: ...
    @property
    def value(self) -> str: ...
    @property
    def mod(self) -> str | None: ...


System = Callable[[Document], Sequence[Expression]]


def normalize_value(value: str) -> str:
    """Remove trivial non-ISO differences from a TIMEX value (whitespace, case, ``T20.30``...)."""
    normalized = value.strip().upper()
    for pattern, replacement in _VALUE_FIXES:
        normalized = pattern.sub(replacement, normalized)
    return normalized


@dataclass
class Counts:
    """Summed match counts; ``typed_gold`` counts gold expressions that carry a type."""

    docs: int = 0
    gold: int = 0
    system: int = 0
    typed_gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def prf(self, metric: str) -> tuple[float, float, float] | None:
        """Precision, recall, F1 of ``metric``; ``None`` for type scores without typed gold."""
        if metric == "type" and not self.typed_gold:
            return None
        correct = getattr(self, metric)
        precision = correct / self.system if self.system else 0.0
        recall = correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Alignment:
    """One-to-one relaxed matching of a document's gold and system expressions."""

    pairs: list[tuple[Expression, Expression]]
    missed: list[Expression]
    spurious: list[Expression]


def same_span(a: Expression, b: Expression) -> bool:
    """Whether two expressions cover exactly the same characters."""
    return (a.start, a.end) == (b.start, b.end)


def match(gold: Sequence[Expression], system: Sequence[Expression]) -> Alignment:
    """Greedy one-to-one matching of overlapping spans (identical spans first, then largest overlap)."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                candidates.append((not same_span(g, s), -overlap, g.start, s.start, gi, si))
    candidates.sort()
    gold_used: set[int] = set()
    system_used: set[int] = set()
    pairs = []
    for *_, gi, si in candidates:
        if gi not in gold_used and si not in system_used:
            gold_used.add(gi)
            system_used.add(si)
            pairs.append((gold[gi], system[si]))
    pairs.sort(key=lambda pair: pair[0].start)
    missed = [g for gi, g in enumerate(gold) if gi not in gold_used]
    spurious = [s for si, s in enumerate(system) if si not in system_used]
    return Alignment(pairs, missed, spurious)


def count(gold: Sequence[Expression], system: Sequence[Expression], alignment: Alignment) -> Counts:
    """Counts of one document given its alignment."""
    return Counts(
        docs=1,
        gold=len(gold),
        system=len(system),
        typed_gold=sum(g.type is not None for g in gold),
        strict=sum(same_span(g, s) for g, s in alignment.pairs),
        relaxed=len(alignment.pairs),
        value=sum(normalize_value(g.value) == normalize_value(s.value) for g, s in alignment.pairs),
        type=sum(g.type is not None and g.type == s.type for g, s in alignment.pairs),
    )


def score(gold: Sequence[Expression], system: Sequence[Expression]) -> Counts:
    """Score one document's system expressions against its gold expressions."""
    return count(gold, system, match(gold, system))


@dataclass
class DocResult:
    """A scored document."""

    doc: Document
    system: Sequence[Expression]
    alignment: Alignment
    counts: Counts


@dataclass
class Run:
    """One system scored on one corpus; ``seconds`` is the tagging time (None if precomputed)."""

    corpus: str
    system: str
    results: list[DocResult] = field(default_factory=list)
    seconds: float | None = None
    notes: list[str] = field(default_factory=list)

    def subcorpora(self) -> list[str]:
        """Sub-corpus names in reading order."""
        return list(dict.fromkeys(r.doc.subcorpus for r in self.results))

    def counts(self, subcorpus: str | None = None) -> Counts:
        """Micro-averaged counts over one sub-corpus (or all documents)."""
        total = Counts()
        for result in self.results:
            if subcorpus is None or result.doc.subcorpus == subcorpus:
                total += result.counts
        return total


def run_system(corpus: str, name: str, docs: Iterable[Document], system: System) -> Run:
    """Tag and score every document, timing only the system calls."""
    run = Run(corpus, name, seconds=0.0)
    for doc in docs:
        started = time.perf_counter()
        output = list(system(doc))
        run.seconds += time.perf_counter() - started
        bad = [t for t in output if doc.text[t.start : t.end] != t.text]
        if bad:
            run.notes.append(
                f"{doc.subcorpus}/{doc.doc_id}: {len(bad)} expression(s) whose .text is not "
                f"text[start:end], e.g. {bad[0].text!r} at {bad[0].start}-{bad[0].end}"
            )
        alignment = match(doc.timexes, output)
        run.results.append(DocResult(doc, output, alignment, count(doc.timexes, output, alignment)))
    return run


def load_tag_text() -> Callable[..., Sequence[Expression]]:
    """Import ``timeline.temporal.tag_text`` from the working tree (raises ImportError)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))  # run as a script, sys.path[0] is benchmarks/
    from timeline.temporal import tag_text

    return tag_text


def timeline_system(mode: str) -> System:
    """The system under test: ``tag_text`` in ``mode`` with the document's publication date."""
    tag_text = load_tag_text()
    return lambda doc: tag_text(doc.text, doc.published, lang="de", mode=mode)


def heideltime_run(gold_docs: Sequence[Document], corpora_dir: Path) -> Run:
    """Score the HeidelTime output shipped with KRAUTS, aligned to the gold texts."""
    outputs: dict[int, list[Timex]] = {}
    notes = []
    for doc in gold_docs:
        path = corpora_dir / "krauts" / "heideltime" / doc.subcorpus / f"{doc.doc_id}.tml"
        if not path.is_file():
            notes.append(f"{doc.subcorpus}/{doc.doc_id}: no HeidelTime file, scored as empty output")
            outputs[id(doc)] = []
            continue
        heideltime = read_timeml(path, doc.subcorpus)
        if heideltime.text != doc.text:
            notes.append(f"{doc.subcorpus}/{doc.doc_id}: HeidelTime text differs from gold, aligned by text")
        outputs[id(doc)] = align_to(doc, heideltime)
    run = run_system("krauts", HEIDELTIME, gold_docs, lambda doc: outputs[id(doc)])
    run.seconds = None
    run.notes[:0] = notes
    return run


def read_gold(corpus: str, corpora_dir: Path, limit: int | None = None) -> list[Document]:
    """Gold documents of ``corpus`` (``krauts`` or ``wikiwarsde``)."""
    if corpus == "krauts":
        return read_krauts(corpora_dir, "gold", limit)
    return read_wikiwarsde(corpora_dir, limit)


def corpus_available(corpus: str, corpora_dir: Path) -> bool:
    """Whether the corpus' gold files are present."""
    folder = corpora_dir / ("krauts/gold" if corpus == "krauts" else "wikiwarsde/keyinline")
    return folder.is_dir()


FOLDS = (1, 2)


def in_fold(docs: Sequence[Document], fold: int) -> list[Document]:
    """The documents of one of two folds: within each sub-corpus the documents in the order of a
    hash of their id, every other one to each fold (stable, and balanced per sub-corpus), so that
    rules can be written on one fold and measured on the other."""
    chosen = []
    for subcorpus in dict.fromkeys(doc.subcorpus for doc in docs):
        members = sorted((doc for doc in docs if doc.subcorpus == subcorpus),
                         key=lambda doc: hashlib.sha1(f"{doc.subcorpus}/{doc.doc_id}".encode()).hexdigest())
        chosen += members[fold - 1::len(FOLDS)]
    kept = {id(doc) for doc in chosen}
    return [doc for doc in docs if id(doc) in kept]


def evaluate(
    corpus: str = "all",
    corpora_dir: Path = DEFAULT_CORPORA_DIR,
    limit: int | None = None,
    systems: Sequence[str] = SYSTEMS,
    fold: int | None = None,
) -> list[Run]:
    """Score ``systems`` on ``corpus`` (``krauts``, ``wikiwarsde`` or ``all``), on all its
    documents or on one of two folds (``in_fold``).

    HeidelTime is only available for KRAUTS; asking for ``timeline`` raises
    ImportError when ``timeline.temporal.tag_text`` cannot be imported.
    Corpora missing from ``corpora_dir`` are skipped.
    """
    runs = []
    for name in CORPORA if corpus == "all" else (corpus,):
        if not corpus_available(name, corpora_dir):
            continue
        docs = read_gold(name, corpora_dir, limit)
        if fold is not None:
            docs = in_fold(docs, fold)
        if TIMELINE in systems:
            runs.append(run_system(name, TIMELINE, docs, timeline_system(MODES[name])))
        if HEIDELTIME in systems and name == "krauts":
            runs.append(heideltime_run(docs, corpora_dir))
    return runs


# --- reporting -----------------------------------------------------------------------------------


def _row(label: str, system: str, counts: Counts) -> str:
    cells = [f"{label:<14}{system:<11}{counts.docs:>5}{counts.gold:>6}{counts.system:>6}"]
    for metric in METRICS:
        scores = counts.prf(metric)
        cells.append("  ".join(f"{x:.3f}" for x in scores) if scores else f"{'n/a':^19}")
    return " | ".join(cells)


def format_table(runs: Sequence[Run]) -> str:
    """Plain-text score table(s), one per corpus, with timing lines."""
    blocks = []
    for corpus in dict.fromkeys(run.corpus for run in runs):
        corpus_runs = [run for run in runs if run.corpus == corpus]
        published = "DCT" if corpus == "krauts" else "None"
        title = f"{CORPORA[corpus]} (mode={MODES[corpus]}, published={published})"
        group = " | ".join([" " * 42] + [f"{metric:^19}" for metric in METRICS])
        head = " | ".join(
            [f"{'sub-corpus':<14}{'system':<11}{'docs':>5}{'gold':>6}{'sys':>6}"]
            + [f"{'P':^5}  {'R':^5}  {'F1':^5}"] * len(METRICS)
        )
        lines = [title, group, head, "-" * len(head)]
        subcorpora = corpus_runs[0].subcorpora()
        if len(subcorpora) > 1:
            for subcorpus in subcorpora:
                lines += [_row(subcorpus, run.system, run.counts(subcorpus)) for run in corpus_runs]
            lines.append("-" * len(head))
        lines += [_row("TOTAL", run.system, run.counts()) for run in corpus_runs]
        for run in corpus_runs:
            if run.seconds is not None:
                docs = run.counts().docs
                rate = f"{docs / run.seconds:.1f}" if run.seconds else "inf"
                lines.append(f"{run.system} tagging: {run.seconds:.2f} s for {docs} docs ({rate} docs/s)")
            lines += [f"note ({run.system}): {note}" for note in run.notes]
        blocks.append("\n".join(line.rstrip() for line in lines))
    return "\n\n".join(blocks)


def as_json(runs: Sequence[Run]) -> dict[str, object]:
    """Machine-readable scores: per corpus, rows per sub-corpus/TOTAL and system, plus timing."""
    result: dict[str, object] = {}
    for run in runs:
        entry = result.setdefault(run.corpus, {"rows": [], "timing": {}, "notes": []})
        for subcorpus in [*run.subcorpora(), None]:
            counts = run.counts(subcorpus)
            row: dict[str, object] = {
                "subcorpus": subcorpus or "TOTAL",
                "system": run.system,
                "counts": asdict(counts),
            }
            for metric in METRICS:
                scores = counts.prf(metric)
                row[metric] = dict(zip(("precision", "recall", "f1"), scores)) if scores else None
            entry["rows"].append(row)
        if run.seconds is not None:
            docs = run.counts().docs
            rate = docs / run.seconds if run.seconds else None
            entry["timing"][run.system] = {"seconds": run.seconds, "docs": docs, "docs_per_s": rate}
        entry["notes"] += [f"{run.system}: {note}" for note in run.notes]
    return result


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return re.sub(r"\s+", " ", f"…{before}[[{text[start:end]}]]{after}…")


def _describe(timex: Expression) -> str:
    mod = f" mod={timex.mod}" if timex.mod else ""
    return f"{timex.type or '-'} {timex.value}{mod}  {timex.text!r} @{timex.start}-{timex.end}"


def _doc_errors(result: DocResult) -> list[tuple[int, str, list[str]]]:
    """(position, kind, lines) for every error in one document."""
    text = result.doc.text
    entries = []
    for g in result.alignment.missed:
        entries.append((g.start, "MISSED", [f"gold {_describe(g)}", _context(text, g.start, g.end)]))
    for s in result.alignment.spurious:
        entries.append((s.start, "SPURIOUS", [f"sys  {_describe(s)}", _context(text, s.start, s.end)]))
    for g, s in result.alignment.pairs:
        issues = []
        if normalize_value(g.value) != normalize_value(s.value):
            issues.append("VALUE")
        if g.type is not None and g.type != s.type:
            issues.append("TYPE")
        if not same_span(g, s):
            issues.append("SPAN")
        if issues:
            start, end = min(g.start, s.start), max(g.end, s.end)
            lines = [f"gold {_describe(g)}", f"sys  {_describe(s)}", _context(text, start, end)]
            entries.append((g.start, "+".join(issues), lines))
    return sorted(entries, key=lambda entry: entry[0])


def format_errors(runs: Sequence[Run]) -> str:
    """Readable per-expression diff of every run: missed, spurious and wrong matches."""
    out = [
        "MISSED: gold not matched | SPURIOUS: system not matched | VALUE, TYPE, SPAN: relaxed match with a",
        "different (normalised) value, a different type, a non-identical span.  [[...]] marks the expression.",
        "",
    ]
    for run in runs:
        per_doc = [(result, _doc_errors(result)) for result in run.results]
        kinds = Counter(kind for _, entries in per_doc for _, kind, _ in entries)
        missed = Counter(g.text for r in run.results for g in r.alignment.missed)
        spurious = Counter(s.text for r in run.results for s in r.alignment.spurious)
        out.append(f"{'#' * 100}\n# {run.system} on {CORPORA[run.corpus]}\n{'#' * 100}")
        out.append("error kinds: " + (", ".join(f"{kind} {n}" for kind, n in kinds.most_common()) or "none"))
        if missed:
            out.append("most missed: " + "; ".join(f"{t!r} x{n}" for t, n in missed.most_common(15)))
        if spurious:
            out.append("most spurious: " + "; ".join(f"{t!r} x{n}" for t, n in spurious.most_common(15)))
        for result, entries in per_doc:
            if not entries:
                continue
            doc = result.doc
            out.append(f"\n=== {doc.subcorpus}/{doc.doc_id} (published {doc.published}) ===")
            for _, kind, lines in entries:
                out.append(f"{kind:<16}{lines[0]}")
                out += [f"{'':<16}{line}" for line in lines[1:]]
        out.append("")
    return "\n".join(out)


def _systems_option(value: str) -> list[str]:
    by_lower = {name.lower(): name for name in SYSTEMS}
    chosen = [by_lower.get(name.strip().lower()) for name in value.split(",")]
    if None in chosen:
        raise argparse.ArgumentTypeError(f"choose from {','.join(SYSTEMS)}")
    return chosen


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--corpora-dir", type=Path, default=DEFAULT_CORPORA_DIR)
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents per sub-corpus")
    parser.add_argument("--fold", type=int, choices=FOLDS,
                        help="only the documents of one of two folds (tune on one, report both)")
    parser.add_argument(
        "--systems",
        type=_systems_option,
        help=f"comma-separated subset of {','.join(SYSTEMS)} (default: all; "
        f"{TIMELINE} is skipped with a warning if it cannot be imported)",
    )
    parser.add_argument("--errors", type=Path, metavar="FILE", help="write a per-expression error diff of every scored system to FILE")
    parser.add_argument("--json", action="store_true", help="print machine-readable scores instead of tables")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the exit status."""
    args = parse_args(argv)
    if not args.corpora_dir.is_dir():
        print(f"corpora directory {args.corpora_dir} not found; nothing to evaluate")
        return 0
    systems = args.systems or list(SYSTEMS)
    if TIMELINE in systems:
        try:
            load_tag_text()
        except ImportError as error:
            if args.systems:
                print(f"cannot import timeline.temporal.tag_text: {error}", file=sys.stderr)
                return 2
            warning = f"warning: timeline.temporal.tag_text not importable ({error}); scoring HeidelTime only"
            print(warning, file=sys.stderr)
            systems.remove(TIMELINE)
    runs = evaluate(args.corpus, args.corpora_dir, args.limit, systems, args.fold)
    if not runs:
        print(f"nothing to evaluate: corpus {args.corpus}, systems {', '.join(systems) or 'none'}")
        return 0
    print(json.dumps(as_json(runs), indent=2) if args.json else format_table(runs))
    if args.errors:
        args.errors.write_text(format_errors(runs), encoding="utf-8")
        print(f"errors written to {args.errors}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
