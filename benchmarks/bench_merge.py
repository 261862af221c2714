"""Speed of merging the tellings of one event by several reports (`timeline.merge.merge_events`).

Run from the repository root::

    python benchmarks/bench_merge.py [--sizes 10000 20000 100000] [--repeat 3] [--json]

For each size, synthetic events (a police action at a place, told by 50 outlets, `PER_DAY` events
a day, day after day: a few events per outlet and day at any size) are merged in this process.
Prints the best wall time of `--repeat` runs, events per second and how many wording comparisons
(token-set ratios) the merge made: the comparisons per event should stay level as the events grow,
and so should the events per second. The test suite checks the growth of a comparison count
(tests/test_merge.py); time is measured only here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

from rapidfuzz import fuzz

from timeline.merge import merge_events
from timeline.model import DateValue, Event, Mention

SUBJECTS = ["Hafen", "Bahnhof", "Rathaus", "Markt", "Schule", "Brücke", "Kaserne", "Flughafen"]
VERBS = ["räumte", "besetzte", "sperrte", "bewachte", "durchsuchte"]
OUTLETS = 50
PER_DAY = 100
FIRST_DAY = dt.date(2024, 1, 1)


def events(count: int) -> list[Event]:
    """`count` events by `OUTLETS` outlets, `PER_DAY` a day from 1 January 2024 on."""
    police = Mention("Polizei", "organisation", "Polizei", role="actor")
    made = []
    for n in range(count):
        day = (FIRST_DAY + dt.timedelta(days=n // PER_DAY)).isoformat()
        sentence = (f"Die Polizei {VERBS[n % 5]} am Morgen den {SUBJECTS[n // 5 % 8]} Nummer {n % 7} "
                    f"im Viertel {n % 11}.")
        made.append(Event(id=f"e{n}", document=f"d{n % OUTLETS}", sentence=sentence, sentence_start=0,
                          date=DateValue(day, f"{day}T00:00:00", f"{day}T23:59:59", "day"), actors=[police]))
    return made


def measure(count: int, repeat: int) -> dict[str, float]:
    documents = [{"id": f"d{i}", "published": "2024-12-31"} for i in range(OUTLETS)]
    given = events(count)
    compared = 0
    token_set_ratio = fuzz.token_set_ratio

    def counting(*args, **kwargs):
        nonlocal compared
        compared += 1
        return token_set_ratio(*args, **kwargs)

    best = float("inf")
    merged: list[Event] = []
    for _ in range(repeat):
        started = time.perf_counter()
        merged = merge_events(given, documents)
        best = min(best, time.perf_counter() - started)
    fuzz.token_set_ratio = counting
    try:
        merge_events(given, documents)
    finally:
        fuzz.token_set_ratio = token_set_ratio
    return {"events": count, "merged": len(merged), "seconds": best, "events_per_s": count / best,
            "comparisons": compared, "comparisons_per_event": compared / count}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best time counts")
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = parser.parse_args(argv)
    rows = [measure(size, args.repeat) for size in args.sizes]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'events':>8} {'merged':>8} {'s':>7} {'events/s':>9} {'comparisons':>12} {'per event':>9}")
    for r in rows:
        print(f"{r['events']:>8} {r['merged']:>8} {r['seconds']:>7.2f} {r['events_per_s']:>9.0f} "
              f"{r['comparisons']:>12} {r['comparisons_per_event']:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
