"""Speed and memory of the full parse (all stages, into a .jsonl store) at corpus scale.

Run from the repository root::

    python benchmarks/bench_parse.py [--sizes 1000 10000 100000] [--jobs 1 2] [--json]

For each size a JSON Lines corpus is built by cycling through the KRAUTS texts and the shipped
report, each copy with its own id, outlet and publication date (so that no copy is a duplicate of
another: all are parsed and stored, which the benchmark checks), and `timeline parse CORPUS -o STORE.jsonl --jobs N --quiet` runs in a fresh process.
Each run is measured from outside: wall time, CPU time of the command and its workers, and the
peak resident memory of the largest of them (max RSS of the waited-for children, measured in a
separate process per run so that runs do not mix). Documents per second should stay level from
1k to 100k documents (cost grows linearly) and the peak memory should stay flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timex_corpora import read_krauts  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA_DIR = REPO_ROOT.parent / "shared" / "corpora"
SHIPPED = REPO_ROOT / "timeline" / "data" / "reports" / "kasachstan-2022-01.txt"
OUTLETS = ("Nordkurier", "Tagesblatt", "Rundfunk", "Abendpost", "Agentur", "Wochenzeitung", "Radio")

#: runs the command given as arguments and prints what it cost, as the operating system counts it
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}))
"""


def texts(corpora_dir: Path) -> list[tuple[str, dt.date]]:
    """The KRAUTS texts with their publication dates, and the shipped report (published 2022-01-08)."""
    found = [(d.text, d.published or dt.date(2000, 1, 1)) for d in read_krauts(corpora_dir)]
    return found + [(SHIPPED.read_text(encoding="utf-8"), dt.date(2022, 1, 8))]


def write_corpus(path: Path, size: int, sources: list[tuple[str, dt.date]]) -> int:
    """`size` documents cycling through the sources, the n-th copy of each dated n days after its
    original (another date makes another document); returns the bytes of text."""
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            text, published = sources[number % len(sources)]
            shift = dt.timedelta(days=number // len(sources))
            out.write(json.dumps({"id": f"bench-{number}", "text": text, "published": (published + shift).isoformat(),
                                  "source": OUTLETS[number % len(OUTLETS)]}, ensure_ascii=False) + "\n")
            total += len(text.encode("utf-8"))
    return total


def run(corpus: Path, store: Path, jobs: int) -> dict[str, float]:
    store.unlink(missing_ok=True)
    command = [sys.executable, "-c", "from timeline.cli import app; app()", "parse", str(corpus), "-o", str(store),
               "--jobs", str(jobs), "--quiet"]
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def measure(sizes: list[int], jobs: list[int], corpora_dir: Path, folder: Path) -> list[dict[str, float]]:
    sources = texts(corpora_dir)
    rows = []
    for size in sizes:
        corpus = folder / f"corpus-{size}.jsonl"
        megabytes = write_corpus(corpus, size, sources) / 1e6
        for processes in jobs:
            store = folder / f"store-{size}-{processes}.jsonl"
            cost = run(corpus, store, processes)
            with store.open(encoding="utf-8") as lines:
                kinds = Counter(line[9:14] for line in lines)              # {"kind":"event"…
            if kinds["docum"] != size:
                raise SystemExit(f"{store.name}: {kinds['docum']} documents stored, not {size}")
            events = kinds["event"]
            rows.append({"documents": size, "jobs": processes, "text_mb": megabytes, "events": events,
                         "store_mb": store.stat().st_size / 1e6, **cost,
                         "docs_per_s": size / cost["wall"], "mb_per_s": megabytes / cost["wall"],
                         "docs_per_cpu_s": size / cost["cpu"]})
            store.unlink()
        corpus.unlink()
    return rows


def table(rows: list[dict[str, float]]) -> str:
    header = (f"{'documents':>9} {'jobs':>4} {'text MB':>7} {'events':>9} {'wall s':>7} {'docs/s':>7} {'MB/s':>5} "
              f"{'CPU s':>7} {'docs/CPU-s':>10} {'ms/doc CPU':>10} {'peak RSS MB':>11} {'store MB':>8}")
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(f"{r['documents']:>9} {r['jobs']:>4} {r['text_mb']:>7.1f} {r['events']:>9} {r['wall']:>7.1f} "
                     f"{r['docs_per_s']:>7.0f} {r['mb_per_s']:>5.2f} {r['cpu']:>7.1f} {r['docs_per_cpu_s']:>10.0f} "
                     f"{1000 * r['cpu'] / r['documents']:>10.2f} {r['rss_mb']:>11.0f} {r['store_mb']:>8.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora-dir", type=Path, default=DEFAULT_CORPORA_DIR)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = parser.parse_args(argv)
    if not (args.corpora_dir / "krauts").is_dir():
        print(f"no KRAUTS corpus under {args.corpora_dir}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as folder:
        rows = measure(args.sizes, args.jobs, args.corpora_dir, Path(folder))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(table(rows))
        print("CPU s: the command and its workers; peak RSS: the largest of those processes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
