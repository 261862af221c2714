"""Score context dating: sentences without a temporal expression of their own.

Run from the repository root::

    python benchmarks/eval_context_dating.py [--gold PATH] [--texts DIR] [--json] [--verbose]

The gold standard (``benchmarks/context_dating/gold.yaml``, guideline in its header) annotates every
sentence of six invented German news reports with how it should be dated:

* ``own``: it has a temporal expression of its own (not judged here);
* ``continuation`` with a TIMEX3 ``value``: it continues the preceding dated happening and takes its
  date (called ``inherited`` before the bases were renamed);
* ``publication``: a present-tense statement of the current state, dated by the publication day;
* ``undated``: everything else.

The gold has no category for the system's other bases of a sentence without an expression
(``report-day``, ``story``, ``ticker``): such a date is a system category of its own and wrong for
every judged gold category.

Each text is parsed with ``timeline.parse_text`` (its front matter gives the publication date). Gold
entries are matched to the system's sentences by prefix, in document order (whitespace collapsed,
leading quotation marks ignored); a sentence may yield several events. For a judged sentence the
events dated by an expression of the sentence (basis ``text`` or ``context``) are set aside and the
remaining events decide:

* continuation is right when every remaining event has basis ``continuation`` and the gold value;
* publication is right when every remaining event has basis ``publication`` and the publication day
  as value (the month, or year, when the publication date is only known to that precision);
* undated is right when every remaining event is undated.

A sentence whose events are all dated by its own expression counts as system category ``own-other``
(wrong for every judged category); a gold sentence no system sentence starts with counts as
``unmatched`` (also wrong). The report gives, per gold category and overall, the sentences and
how many the system dated right, and a confusion table (gold × system category). ``--verbose``
lists each miss with gold and system dating (and, with ``--json``, adds them to the JSON, which
otherwise gives their number). The exit code is 0 whatever the score; 1 when the gold or a text
cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from ruamel.yaml import YAML  # noqa: E402
from ruamel.yaml.error import YAMLError  # noqa: E402

DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "context_dating" / "gold.yaml"

GOLD_CATEGORIES = ("continuation", "publication", "undated")
DATINGS = ("own",) + GOLD_CATEGORIES
#: the bases of a date given to a sentence without an expression of its own (timeline.model.BASES)
CONTEXT_BASES = ("continuation", "report-day", "story", "ticker", "publication")
#: system categories of a judged sentence; "unmatched" only when some gold sentence was not found
SYSTEM_CATEGORIES = CONTEXT_BASES + ("undated", "own-other", "unmatched")
OWN_BASES = ("text", "context")
_QUOTES = "„“”‚‘’\"'»«›‹"
_TIMEX_VALUE = re.compile(r"^\d{4}(-(\d{2}(-\d{2}(T(MO|MI|AF|EV|NI|\d{2}(:\d{2})?))?)?"
                          r"|W\d{2}|SP|SU|FA|WI|H[12]|Q[1-4]))?$")


class GoldError(Exception):
    """The gold file or one of its texts cannot be used."""


@dataclass(frozen=True)
class GoldEntry:
    prefix: str
    dating: str                  # one of DATINGS
    value: str | None = None     # for continuation: the TIMEX3 value
    note: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    file: str
    published: str | None
    entries: tuple[GoldEntry, ...]

    @property
    def doc_id(self) -> str:
        return Path(self.file).stem


@dataclass(frozen=True)
class SentenceEvents:
    """A system sentence and the events parsed from it."""

    text: str
    start: int
    events: tuple

    @property
    def key(self) -> str:
        return normalize(self.text)


@dataclass
class Judgement:
    document: str
    prefix: str
    gold: str
    gold_value: str | None
    system: str                   # one of SYSTEM_CATEGORIES
    system_values: list[str]      # "basis value" of each event considered, for the report
    right: bool
    sentence: str | None = None   # the matched system sentence


@dataclass
class Result:
    documents: int = 0
    annotated: int = 0
    own: int = 0
    judgements: list[Judgement] = field(default_factory=list)
    unannotated: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self) -> dict[str, dict[str, int]]:
        table = {c: {"sentences": 0, "right": 0} for c in GOLD_CATEGORIES}
        for j in self.judgements:
            table[j.gold]["sentences"] += 1
            table[j.gold]["right"] += j.right
        return table

    def confusion(self) -> dict[str, dict[str, int]]:
        table = {g: {s: 0 for s in SYSTEM_CATEGORIES} for g in GOLD_CATEGORIES}
        for j in self.judgements:
            table[j.gold][j.system] += 1
        return table

    def to_dict(self) -> dict:
        counts = self.counts()
        total = sum(c["sentences"] for c in counts.values())
        right = sum(c["right"] for c in counts.values())
        return {
            "documents": self.documents,
            "annotated": self.annotated,
            "own": self.own,
            "categories": {c: {**n, "share": share(n["right"], n["sentences"])} for c, n in counts.items()},
            "overall": {"sentences": total, "right": right, "share": share(right, total)},
            "confusion": self.confusion(),
            "misses": [asdict(j) for j in self.judgements if not j.right],
            "unannotated": self.unannotated,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
        }


def share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


def normalize(text: str) -> str:
    """Whitespace collapsed, leading quotation marks and spaces dropped."""
    return re.sub(r"\s+", " ", text).strip().lstrip(_QUOTES + " ")


# --- gold ------------------------------------------------------------------------------------------

def load_gold(path: Path) -> list[GoldDocument]:
    try:
        data = YAML(typ="safe", pure=True).load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise GoldError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise GoldError(f"{path}: expected a mapping with a list `documents`")
    documents = []
    for d, doc in enumerate(data["documents"]):
        where = f"{path}: documents[{d}]"
        if not isinstance(doc, dict) or not doc.get("file") or not isinstance(doc.get("sentences"), list):
            raise GoldError(f"{where}: needs `file` and a list `sentences`")
        entries = []
        for s, item in enumerate(doc["sentences"]):
            here = f"{where} ({doc['file']}) sentences[{s}]"
            if not isinstance(item, dict) or not str(item.get("sentence") or "").strip():
                raise GoldError(f"{here}: needs `sentence`")
            dating = item.get("dating")
            if dating not in DATINGS:
                raise GoldError(f"{here}: dating must be one of {', '.join(DATINGS)}, not {dating!r}")
            value = item.get("value")
            value = str(value) if value is not None else None
            if dating == "continuation" and (value is None or not _TIMEX_VALUE.match(value)):
                raise GoldError(f"{here}: continuation needs a TIMEX3 `value` (e.g. 2023-03-14), not {value!r}")
            if dating != "continuation" and value is not None:
                raise GoldError(f"{here}: only continuation sentences take a `value`")
            entries.append(GoldEntry(str(item["sentence"]), dating, value, item.get("note")))
        published = doc.get("published")
        documents.append(GoldDocument(str(doc["file"]), str(published) if published is not None else None,
                                      tuple(entries)))
    return documents


# --- matching and judging --------------------------------------------------------------------------

def sentence_groups(events: Sequence) -> list[SentenceEvents]:
    """The system's sentences in document order, each with its events."""
    groups: dict[int, list] = {}
    texts: dict[int, str] = {}
    for event in events:
        groups.setdefault(event.sentence_start, []).append(event)
        texts.setdefault(event.sentence_start, event.sentence)
    return [SentenceEvents(texts[start], start, tuple(groups[start])) for start in sorted(groups)]


def align(entries: Sequence[GoldEntry], sentences: Sequence[SentenceEvents]) -> list[int | None]:
    """For each gold entry, the index of the system sentence it names (None when none does).

    Entries are taken in document order: the first sentence after the previous match that starts
    with the prefix, else any sentence not matched yet that does.
    """
    matched: list[int | None] = []
    taken: set[int] = set()
    position = 0
    for entry in entries:
        prefix = normalize(entry.prefix)
        found = next((i for i in range(position, len(sentences))
                      if i not in taken and sentences[i].key.startswith(prefix)), None)
        if found is None:
            found = next((i for i in range(len(sentences))
                          if i not in taken and sentences[i].key.startswith(prefix)), None)
        if found is not None:
            taken.add(found)
            position = found + 1
        matched.append(found)
    return matched


def event_category(event) -> str:
    if event.date is None:
        return "undated"
    if event.date.basis in CONTEXT_BASES:
        return event.date.basis
    return "own-other"


def describe(event) -> str:
    if event.date is None:
        return "undated"
    expression = f" {event.date.expression!r}" if event.date.expression else ""
    return f"{event.date.basis} {event.date.value}{expression}"


def publication_value(published: dt.date | None, precision: str | None) -> str | None:
    """The value a publication-dated event should have: the day, or the month or year when only
    that much of the publication date is known."""
    if published is None:
        return None
    return {"month": published.isoformat()[:7], "year": published.isoformat()[:4]}.get(
        precision or "day", published.isoformat())


def judge(document: str, entry: GoldEntry, sentence: SentenceEvents | None,
          publication: str | None) -> Judgement:
    """How the system dated one judged gold sentence."""
    if sentence is None:
        return Judgement(document, entry.prefix, entry.dating, entry.value, "unmatched", [], False)
    considered = [e for e in sentence.events if e.date is None or e.date.basis not in OWN_BASES]
    if not considered:
        return Judgement(document, entry.prefix, entry.dating, entry.value, "own-other",
                         [describe(e) for e in sentence.events], False, sentence.text)
    categories = [event_category(e) for e in considered]
    system = next((c for c in (*CONTEXT_BASES, "own-other") if c in categories), "undated")
    if entry.dating == "continuation":
        right = all(e.date is not None and e.date.basis == "continuation" and e.date.value == entry.value
                    for e in considered)
    elif entry.dating == "publication":
        right = publication is not None and all(
            e.date is not None and e.date.basis == "publication" and e.date.value == publication
            for e in considered)
    else:
        right = all(e.date is None for e in considered)
    return Judgement(document, entry.prefix, entry.dating, entry.value, system,
                     [describe(e) for e in considered], right, sentence.text)


def score_document(doc_id: str, entries: Sequence[GoldEntry], events: Sequence,
                   publication: str | None) -> tuple[list[Judgement], list[dict]]:
    """Judgements for the judged gold entries of one document, and the system sentences no gold
    entry names (a sign that sentence splitting and gold disagree)."""
    sentences = sentence_groups(events)
    matches = align(entries, sentences)
    judgements = [judge(doc_id, entry, sentences[m] if m is not None else None, publication)
                  for entry, m in zip(entries, matches) if entry.dating != "own"]
    named = {m for m in matches if m is not None}
    unannotated = [{"document": doc_id, "sentence": s.text} for i, s in enumerate(sentences) if i not in named]
    return judgements, unannotated


def evaluate(gold_path: Path = DEFAULT_GOLD, texts_dir: Path | None = None) -> Result:
    from timeline import parse_text
    from timeline.errors import TimelineError

    gold_path = Path(gold_path)
    texts_dir = Path(texts_dir) if texts_dir else gold_path.parent
    started = time.perf_counter()
    result = Result()
    for doc in load_gold(gold_path):
        path = texts_dir / doc.file
        try:
            text = path.read_text(encoding="utf-8")
            parsed = parse_text(text, doc_id=doc.doc_id)
        except (OSError, UnicodeDecodeError, TimelineError) as exc:
            raise GoldError(f"cannot parse {path}: {exc}") from None
        publication = publication_value(parsed.document.published, parsed.document.precision)
        if doc.published is not None and publication != doc.published:
            result.warnings.append(f"{doc.file}: gold says published {doc.published}, "
                                   f"the parsed text {publication}")
        if publication is None and doc.published is not None:
            publication = doc.published
        judgements, unannotated = score_document(doc.doc_id, doc.entries, parsed.events, publication)
        result.documents += 1
        result.annotated += len(doc.entries)
        result.own += sum(e.dating == "own" for e in doc.entries)
        result.judgements += judgements
        result.unannotated += unannotated
    result.seconds = time.perf_counter() - started
    return result


# --- report ----------------------------------------------------------------------------------------

def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def format_report(data: dict, result: Result, verbose: bool = False) -> str:
    lines = [f"Context dating: {data['documents']} documents, {data['annotated']} annotated sentences "
             f"({data['own']} with an expression of their own, not judged), {data['seconds']:.2f} s", ""]
    lines.append(f"{'gold category':<14} {'sentences':>9} {'right':>6} {'share':>7}")
    for category, row in data["categories"].items():
        lines.append(f"{category:<14} {row['sentences']:>9} {row['right']:>6} {percent(row['share']):>7}")
    overall = data["overall"]
    lines.append(f"{'overall':<14} {overall['sentences']:>9} {overall['right']:>6} {percent(overall['share']):>7}")
    lines += ["", "confusion (rows: gold, columns: system)"]
    columns = [c for c in SYSTEM_CATEGORIES       # the gold's categories, the others when they occur
               if c in GOLD_CATEGORIES + ("own-other",) or any(row[c] for row in data["confusion"].values())]
    lines.append(f"{'':<14}" + "".join(f" {c:>11}" for c in columns))
    for category, row in data["confusion"].items():
        lines.append(f"{category:<14}" + "".join(f" {row[c]:>11}" for c in columns))
    if data["unannotated"]:
        lines += ["", f"{len(data['unannotated'])} system sentence(s) named by no gold entry"
                  + ("" if verbose else " (--verbose lists them)")]
    for warning in data["warnings"]:
        lines.append(f"warning: {warning}")
    if verbose:
        misses = [j for j in result.judgements if not j.right]
        lines += ["", f"misses ({len(misses)}):"]
        for j in misses:
            gold = j.gold + (f" {j.gold_value}" if j.gold_value else "")
            system = j.system + (f" ({'; '.join(j.system_values)})" if j.system_values else "")
            lines.append(f"  {j.document}: {j.sentence or j.prefix}")
            lines.append(f"      gold {gold} | system {system}")
        if data["unannotated"]:
            lines += ["", "system sentences named by no gold entry:"]
            lines += [f"  {u['document']}: {u['sentence']}" for u in data["unannotated"]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict:
    """Run the evaluation, print the report and return it as a dict (see Result.to_dict)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold YAML (default: %(default)s)")
    parser.add_argument("--texts", type=Path, default=None, help="folder of the texts (default: the gold's folder)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each miss with gold and system dating")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.gold, args.texts)
    except GoldError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    data = result.to_dict()
    if args.json:
        if not args.verbose:
            data = {k: v for k, v in data.items() if k != "misses"} | {"misses": len(data["misses"])}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_report(data, result, args.verbose))
    return data


if __name__ == "__main__":
    main()
    sys.exit(0)
