"""Score event dating on the development reports: the date a careful reader gives each sentence.

Run from the repository root::

    python benchmarks/eval_reports.py [--reports DIR] [--fold 1|2] [--json] [--verbose] [--check]

``benchmarks/reports/`` holds invented German reports of the kinds a timeline meets (agency copy,
live tickers, court, sports, market, disaster, police, politics, interviews, features, one story
told by several outlets), each ``NAME.txt`` with a gold file ``NAME.gold.yaml`` that gives, for every
sentence in document order, the TIMEX3 values of the happenings it tells (main clause first, ``[]``
when a reader gives none) and the basis of the main date (text, context, continuation, report-day,
story, ticker, publication, undated). The guideline is ``benchmarks/reports/README.md``.
``benchmarks/reports_heldout/`` holds 16 more, written after the rules were: score them with
``--reports benchmarks/reports_heldout`` and never tune on them.

Each text is parsed with ``timeline.parse_text`` (its front matter gives the publication date, in
some reports only the month). A gold sentence is matched to the system's sentence that starts with
its prefix, in document order. The sentence is dated right when the dates of its events and the
gold dates agree both ways: every gold date is given by some event and every event's date is a gold
date (an alternative ``a|b`` accepts either; a system interval ``a/b`` also matches a gold entry
whose alternatives include both ends). An undated gold sentence is right when none of its events
has a date. Reported per fold, overall, and for the *explicit* cases (basis text or context: the
sentence names its date) apart from *all* cases; with the share of right dates whose basis agrees.

Reports whose front matter gives only the month are also scored on the publication day: when the
gold says the text decides the day (``day_decidable``), the system must infer that day; otherwise it
must stay at month precision. The sentences of undecidable reports are not scored (no reader could
give their days). Headlines and subheadings are titles, not happenings: the system makes no events
of them and they are not judged (their number is reported). Another gold sentence the system made
no event of counts as undated. Folds: within
each kind the reports in the order of a hash of their name, every other one to each fold. The
exit code is 0 whatever the score; 1 when a gold file or text cannot be read.
``--check`` only checks that every gold sentence is found (for annotators).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from eval_context_dating import SentenceEvents, align, normalize, sentence_groups  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402
from ruamel.yaml.error import YAMLError  # noqa: E402

DEFAULT_REPORTS = REPO_ROOT / "benchmarks" / "reports"
#: reports written after the rules, by people who had not read them: measured, never tuned on
HELD_OUT_REPORTS = REPO_ROOT / "benchmarks" / "reports_heldout"
BASES = ("text", "context", "continuation", "report-day", "story", "ticker", "publication", "undated")
EXPLICIT = ("text", "context")
FOLDS = (1, 2)
_VALUE = re.compile(r"^(\d{3}X|\d{4}(-(\d{2}(-\d{2}(T(MO|MI|AF|EV|NI|\d{2}(:\d{2})?))?)?"
                    r"|W\d{2}(-WE)?|SP|SU|FA|WI|H[12]|Q[1-4]))?)$")


class GoldError(Exception):
    """A gold file or its text cannot be used."""


@dataclass(frozen=True)
class GoldSentence:
    prefix: str
    dates: tuple[frozenset[str], ...]    # per happening, its accepted values
    basis: str
    note: str | None = None


@dataclass(frozen=True)
class GoldReport:
    file: str
    kind: str
    published: str
    day_decidable: bool | None
    sentences: tuple[GoldSentence, ...]

    @property
    def name(self) -> str:
        return Path(self.file).stem


@dataclass
class Judgement:
    report: str
    kind: str
    fold: int
    prefix: str
    gold: list[str]
    basis: str
    system: list[str]            # "basis value" per dated event
    right: bool
    basis_agrees: bool
    sentence: str | None = None


@dataclass
class Result:
    judgements: list[Judgement] = field(default_factory=list)
    publication_days: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)
    unannotated: list[dict] = field(default_factory=list)
    headings: int = 0
    reports: int = 0
    seconds: float = 0.0

    def table(self, judgements: Sequence[Judgement]) -> dict[str, dict]:
        explicit = [j for j in judgements if j.basis in EXPLICIT]
        right = [j for j in judgements if j.right]
        return {"explicit": score(explicit), "all": score(judgements),
                "basis_agrees": share(sum(j.basis_agrees for j in right), len(right))}

    def to_dict(self, verbose: bool = False) -> dict:
        judged = self.judgements
        by_basis = {basis: score([j for j in judged if j.basis == basis]) for basis in BASES}
        by_kind = {kind: score([j for j in judged if j.kind == kind])
                   for kind in sorted({j.kind for j in judged})}
        data = {
            "reports": self.reports,
            "sentences": len(judged),
            "overall": self.table(judged),
            "folds": {str(f): self.table([j for j in judged if j.fold == f]) for f in FOLDS},
            "by_basis": {b: row for b, row in by_basis.items() if row["cases"]},
            "by_kind": by_kind,
            "publication_days": self.publication_days,
            "unmatched": self.unmatched,
            "unannotated": len(self.unannotated),
            "headings_not_judged": self.headings,
            "seconds": round(self.seconds, 3),
        }
        folds = [data["folds"][str(f)]["all"]["share"] for f in FOLDS]
        data["fold_gap_all"] = round(abs(folds[0] - folds[1]), 4) if None not in folds else None
        if verbose:
            data["misses"] = [asdict(j) for j in judged if not j.right]
        return data


def score(judgements: Sequence[Judgement]) -> dict:
    right = sum(j.right for j in judgements)
    return {"cases": len(judgements), "right": right, "share": share(right, len(judgements))}


def share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


# --- gold ------------------------------------------------------------------------------------------

def load_report(path: Path) -> GoldReport:
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise GoldError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not data.get("file") or not isinstance(data.get("sentences"), list):
        raise GoldError(f"{path}: expected a mapping with `file` and a list `sentences`")
    sentences = []
    for s, item in enumerate(data["sentences"]):
        where = f"{path}: sentences[{s}]"
        if not isinstance(item, dict) or not str(item.get("sentence") or "").strip():
            raise GoldError(f"{where}: needs `sentence`")
        basis, dates = item.get("basis"), item.get("dates")
        if basis not in BASES:
            raise GoldError(f"{where}: basis must be one of {', '.join(BASES)}, not {basis!r}")
        if not isinstance(dates, list) or (basis == "undated") != (not dates):
            raise GoldError(f"{where}: `dates` must be a list, empty exactly when the basis is undated")
        accepted = []
        for date in dates:
            alternatives = frozenset(str(date).split("|"))
            for value in alternatives:
                if not all(_VALUE.match(part) for part in value.split("/")):
                    raise GoldError(f"{where}: {value!r} is not a TIMEX3 date value (or start/end)")
            accepted.append(alternatives)
        sentences.append(GoldSentence(str(item["sentence"]), tuple(accepted), basis, item.get("note")))
    decidable = data.get("day_decidable")
    return GoldReport(str(data["file"]), str(data.get("kind") or path.name.split("-")[0]),
                      str(data.get("published")), decidable if isinstance(decidable, bool) else None,
                      tuple(sentences))


def load_reports(folder: Path) -> list[GoldReport]:
    paths = sorted(Path(folder).glob("*.gold.yaml"))
    if not paths:
        raise GoldError(f"no *.gold.yaml in {folder}")
    return [load_report(path) for path in paths]


def folds_of(reports: Sequence[GoldReport]) -> dict[str, int]:
    """Within each kind, the reports in the order of a hash of their name, alternately to each fold."""
    fold: dict[str, int] = {}
    for kind in sorted({r.kind for r in reports}):
        members = sorted((r.name for r in reports if r.kind == kind),
                         key=lambda name: hashlib.sha1(name.encode()).hexdigest())
        for position, name in enumerate(members):
            fold[name] = FOLDS[position % len(FOLDS)]
    return fold


# --- judging ---------------------------------------------------------------------------------------

def matches(value: str, accepted: frozenset[str]) -> bool:
    """A system value matches a gold happening: one of its alternatives, or an interval whose two
    ends are both alternatives (the publication day or the day before)."""
    if value in accepted:
        return True
    ends = value.split("/")
    return len(ends) == 2 and ends[0] in accepted and ends[1] in accepted


def judge(report: GoldReport, fold: int, gold: GoldSentence, sentence: SentenceEvents | None) -> Judgement:
    """A sentence the system made no event of (a heading, say) counts as undated."""
    dated = [event for event in sentence.events if event.date is not None] if sentence else []
    values = [event.date.value for event in dated]
    right = (all(any(matches(v, g) for v in values) for g in gold.dates)
             and all(any(matches(v, g) for g in gold.dates) for v in values))
    main = next((event for event in dated if gold.dates and matches(event.date.value, gold.dates[0])), None)
    system_basis = main.date.basis if main is not None else "undated"
    agrees = system_basis == gold.basis or (system_basis == "inherited" and gold.basis == "continuation")
    return Judgement(report.name, report.kind, fold, gold.prefix, ["|".join(sorted(g)) for g in gold.dates],
                     gold.basis, [f"{e.date.basis} {e.date.value}" for e in dated], right,
                     right and agrees, sentence.text if sentence else None)


def publication_day(report: GoldReport, document) -> dict | None:
    """Whether the system found the publication day of a report whose header gives less."""
    if report.day_decidable is None:
        return None
    found = document.published.isoformat() if document.published and document.precision == "day" else None
    expected = report.published if report.day_decidable else None
    return {"report": report.name, "decidable": report.day_decidable, "gold": report.published,
            "system": found or f"{document.precision} precision", "right": found == expected}


def heading_keys(document) -> list[str]:
    """The lines the parser takes as headings (headline, subheadings): titles, not happenings."""
    from timeline.lang import load_language
    from timeline.segment import split_sentences

    sentences = split_sentences(document.text, document.body_start, load_language(document.lang))
    return [normalize(sentence.text) for sentence in sentences if sentence.heading]


def evaluate(folder: Path = DEFAULT_REPORTS, fold: int | None = None, check_only: bool = False) -> Result:
    from timeline import parse_text
    from timeline.errors import TimelineError

    started = time.perf_counter()
    result = Result()
    reports = load_reports(folder)
    folds = folds_of(reports)
    for report in reports:
        if fold is not None and folds[report.name] != fold:
            continue
        path = Path(folder) / report.file
        try:
            parsed = parse_text(path.read_text(encoding="utf-8"), doc_id=report.name)
        except (OSError, UnicodeDecodeError, TimelineError) as exc:
            raise GoldError(f"cannot parse {path}: {exc}") from None
        result.reports += 1
        sentences = sentence_groups(parsed.events)
        found = align(report.sentences, sentences)
        named = {m for m in found if m is not None}
        result.unannotated += [{"report": report.name, "sentence": s.text}
                               for i, s in enumerate(sentences) if i not in named]
        headings = heading_keys(parsed.document)
        judged = [(g, m) for g, m in zip(report.sentences, found)
                  if m is not None or not any(key.startswith(normalize(g.prefix)) for key in headings)]
        result.headings += len(report.sentences) - len(judged)
        result.unmatched += [{"report": report.name, "prefix": g.prefix} for g, m in judged if m is None]
        if check_only:
            continue
        day = publication_day(report, parsed.document)
        if day is not None:
            result.publication_days.append(day)
        if report.day_decidable is False:
            continue
        result.judgements += [judge(report, folds[report.name], g, sentences[m] if m is not None else None)
                              for g, m in judged]
    result.seconds = time.perf_counter() - started
    return result


# --- report ----------------------------------------------------------------------------------------

def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def row(label: str, cell: dict) -> str:
    return f"{label:<18} {cell['cases']:>6} {cell['right']:>6} {percent(cell['share']):>7}"


def format_report(data: dict) -> str:
    lines = [f"Report dating: {data['reports']} reports, {data['sentences']} judged sentences, "
             f"{data['seconds']:.2f} s", "",
             f"{'':<18} {'cases':>6} {'right':>6} {'share':>7}"]
    for label, table in [("overall", data["overall"])] + [(f"fold {f}", t) for f, t in data["folds"].items()]:
        lines.append(row(f"{label} explicit", table["explicit"]))
        lines.append(row(f"{label} all", table["all"]) + f"   basis agrees {percent(table['basis_agrees'])}")
    lines.append(f"fold gap (all): {data['fold_gap_all']}; headings not judged: {data['headings_not_judged']}")
    lines += ["", "by gold basis"] + [row(b, c) for b, c in data["by_basis"].items()]
    lines += ["", "by kind"] + [row(k, c) for k, c in data["by_kind"].items()]
    if data["publication_days"]:
        right = sum(d["right"] for d in data["publication_days"])
        lines += ["", f"publication day from the text: {right}/{len(data['publication_days'])} right"]
        lines += [f"  {d['report']}: gold {d['gold'] if d['decidable'] else 'undecidable'}, system {d['system']}"
                  for d in data["publication_days"] if not d["right"]]
    if data["unmatched"]:
        lines += ["", f"{len(data['unmatched'])} gold sentence(s) not found:"]
        lines += [f"  {u['report']}: {u['prefix']}" for u in data["unmatched"]]
    for miss in data.get("misses", []):
        if miss is data["misses"][0]:
            lines += ["", f"misses ({len(data['misses'])}):"]
        lines.append(f"  {miss['report']}: {miss['sentence'] or miss['prefix']}")
        lines.append(f"      gold {miss['basis']} {miss['gold']} | system {miss['system'] or 'undated'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict:
    """Run the evaluation, print the report and return it as a dict."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS,
                        help="folder of the reports (default: %(default)s)")
    parser.add_argument("--fold", type=int, choices=FOLDS, help="only the reports of one fold")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each sentence dated wrong")
    parser.add_argument("--check", action="store_true", help="only check that every gold sentence is found")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.reports, args.fold, args.check)
    except GoldError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    if args.check:
        for u in result.unmatched:
            print(f"not found: {u['report']}: {u['prefix']}")
        for u in result.unannotated:
            print(f"no gold sentence: {u['report']}: {u['sentence']}")
        print(f"{result.reports} reports, {len(result.unmatched)} gold sentences not found, "
              f"{len(result.unannotated)} system sentences without gold")
        return {}
    data = result.to_dict(args.verbose)
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else format_report(data))
    return data


if __name__ == "__main__":
    main()
    sys.exit(0)
