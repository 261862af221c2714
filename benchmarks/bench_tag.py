"""Speed and memory of the temporal tagger on the KRAUTS documents.

Run from the repository root::

    python benchmarks/bench_tag.py [--repeat 5] [--limit N] [--no-process]

Prints documents per second and MB/s of `tag_text` in one process after a warm-up (best of
`--repeat` passes), the peak memory of that process, and the whole-process wall time of
`timeline tag --jsonl` over the same documents (start-up, loading the rules and JSON I/O included).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timex_corpora import read_krauts  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA_DIR = REPO_ROOT.parent / "shared" / "corpora"


def in_process(docs, repeat: int) -> tuple[float, int]:
    """Best wall time of tagging all documents, after one warm-up pass; and the expressions found."""
    from timeline.temporal import tag_text

    found = sum(len(tag_text(d.text, d.published)) for d in docs)      # warm-up: loads and compiles rules
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for doc in docs:
            tag_text(doc.text, doc.published)
        best = min(best, time.perf_counter() - started)
    return best, found


def whole_process(docs) -> float:
    lines = "".join(json.dumps({"id": d.doc_id, "text": d.text, "published": d.published.isoformat()},
                               ensure_ascii=False) + "\n" for d in docs)
    command = [sys.executable, "-c", "from timeline.cli import app; app()", "tag", "--jsonl"]
    started = time.perf_counter()
    result = subprocess.run(command, input=lines, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    if len(result.stdout.splitlines()) != len(docs):
        raise SystemExit("timeline tag --jsonl did not answer one line per document")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora-dir", type=Path, default=DEFAULT_CORPORA_DIR)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="first N documents per sub-corpus")
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process run")
    args = parser.parse_args(argv)
    if not (args.corpora_dir / "krauts").is_dir():
        print(f"no KRAUTS corpus under {args.corpora_dir}; nothing to measure")
        return 0
    docs = read_krauts(args.corpora_dir, limit=args.limit)
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    seconds, found = in_process(docs, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(docs)}  text: {megabytes:.2f} MB  expressions: {found}")
    print(f"in process (best of {args.repeat}, after warm-up): {seconds:.3f} s  "
          f"{len(docs) / seconds:.0f} docs/s  {megabytes / seconds:.2f} MB/s")
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")
    if not args.no_process:
        print(f"whole process `timeline tag --jsonl`: {whole_process(docs):.2f} s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
