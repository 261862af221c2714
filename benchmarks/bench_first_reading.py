"""How fast texts the parser has not seen are parsed, next to texts it has: what its caches are worth.

Run from the repository root::

    python benchmarks/bench_first_reading.py [--rounds 5] [--json]

`bench_parse.py` cycles through the KRAUTS texts, so after the first hundred documents every word
is one the parser's bounded word memos (event-type cues, rule triggers, tense cues) know. A
real corpus repeats most of its vocabulary too, but brings new words in every report. This
measures three readings in one process, after the language data is loaded, of each set of
distinct texts (KRAUTS, WikiWarsDE, the shipped report and the examples): each text alone with a
fresh language before it (every word new: the worst case), the texts in turn with a fresh
language before the first (as a corpus streams, here warming on a hundred texts only), and the
texts again (what bench_parse measures). A fresh language is built and its stage data compiled
outside the measured time, by parsing a text of no words (`WARM_UP`). Times are CPU time, the best
of `--rounds`, per kilobyte of text (the texts differ in length) and per document.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timex_corpora import read_krauts, read_wikiwarsde  # noqa: E402

from timeline.lang import load_language  # noqa: E402
from timeline.model import Document  # noqa: E402
from timeline.pipeline import parse_document  # noqa: E402
from timeline.reading import document_from_text  # noqa: E402
from timeline.temporal.values import granularity_of, interval_of  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA_DIR = REPO_ROOT.parent / "shared" / "corpora"


def texts(corpora_dir: Path, limit: int | None = None) -> dict[str, list[Document]]:
    """The distinct texts at hand (at most `limit` of each set), by where they come from."""
    found: dict[str, list[Document]] = {}
    if (corpora_dir / "krauts").is_dir():
        found["KRAUTS"] = [document_from_text(d.text, published=d.published, doc_id=d.doc_id)
                           for d in read_krauts(corpora_dir)][:limit]
        found["WikiWarsDE"] = [document_from_text(d.text, published=d.published, doc_id=d.doc_id)
                               for d in read_wikiwarsde(corpora_dir)][:limit]
    found["shipped report and examples"] = [
        document_from_text(path.read_text(encoding="utf-8"), doc_id=path.stem)
        for path in [REPO_ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt",
                     *sorted((REPO_ROOT / "examples").glob("*.txt"))][:limit]]
    return found


#: what a fresh language parses before it is measured: a date (so that each stage runs and compiles
#: its data) and no word a measured text could share
WARM_UP = "1.1.2000: 3."


def forget_words() -> None:
    """A fresh language, its stage data compiled but its word memos empty, and the memos of
    TIMEX3 values emptied: what a text parsed first meets. The language before is garbage,
    collected here rather than in the measured time."""
    load_language.cache_clear()
    parse_document(document_from_text(WARM_UP, published="2000-01-02", doc_id="warm-up"))
    granularity_of.cache_clear()
    interval_of.cache_clear()
    gc.collect()


def seconds(documents: list[Document], forget: str) -> float:
    """CPU seconds to parse the documents, with a fresh language before each ("each"), before the
    first ("once") or not at all ("never")."""
    total = 0.0
    for number, document in enumerate(documents):
        if forget == "each" or (forget == "once" and number == 0):
            forget_words()
        started = time.process_time()
        parse_document(document)
        total += time.process_time() - started
    return total


def measure(corpora_dir: Path, rounds: int, limit: int | None = None) -> list[dict[str, float | str]]:
    found = texts(corpora_dir, limit)
    for documents in found.values():      # the language data loaded, the rules' prefixes worked out
        seconds(documents, "never")
    rows: list[dict[str, float | str]] = []
    for name, documents in found.items():
        kilobytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1000
        row: dict[str, float | str] = {"texts": name, "documents": len(documents), "kb": kilobytes}
        for reading, forget in (("alone", "each"), ("in_turn", "once"), ("again", "never")):
            cpu = min(seconds(documents, forget) for _ in range(rounds))
            row[f"{reading}_ms_per_kb"] = 1000 * cpu / kilobytes
            row[f"{reading}_docs_per_s"] = len(documents) / cpu
        rows.append(row)
    return rows


def table(rows: list[dict[str, float | str]]) -> str:
    header = (f"{'texts':<28} {'docs':>5} {'KB':>5}  {'ms/KB: alone':>12} {'in turn':>7} {'again':>6}  "
              f"{'docs/s: alone':>13} {'in turn':>7} {'again':>6}")
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(f"{r['texts']:<28} {r['documents']:>5} {r['kb']:>5.0f}  {r['alone_ms_per_kb']:>12.2f} "
                     f"{r['in_turn_ms_per_kb']:>7.2f} {r['again_ms_per_kb']:>6.2f}  {r['alone_docs_per_s']:>13.0f} "
                     f"{r['in_turn_docs_per_s']:>7.0f} {r['again_docs_per_s']:>6.0f}")
    lines.append("alone: every word new (a fresh language before each text); in turn: the texts read one after "
                 "the other, a fresh language before the first; again: read before (what bench_parse.py measures)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora-dir", type=Path, default=DEFAULT_CORPORA_DIR)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, help="at most this many texts of each set")
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = parser.parse_args(argv)
    rows = measure(args.corpora_dir, args.rounds, args.limit)
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
