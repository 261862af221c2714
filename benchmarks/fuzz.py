"""A longer run of the property tests in tests/test_fuzz.py, on fresh random examples.

Run from the repository root::

    python benchmarks/fuzz.py [--examples 20000] [-k tagger] [--derandomize]

Each property gets `--examples` examples (CI runs 60 with a fixed seed; `--derandomize` uses that
seed here too). Prints the time each property took; a failure prints Hypothesis's falsifying
example and the run exits 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests" / "test_fuzz.py"


def load_properties(examples: int, derandomize: bool = False):
    """tests/test_fuzz.py, loaded so that its settings give each property `examples` examples."""
    settings = {"TIMELINE_FUZZ_EXAMPLES": str(examples), "TIMELINE_FUZZ_RANDOM": "" if derandomize else "1"}
    os.environ.update(settings)
    try:
        spec = importlib.util.spec_from_file_location("timeline_fuzz_properties", TESTS)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name in settings:
            del os.environ[name]
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property (default 2000)")
    parser.add_argument("-k", default="", help="only the properties whose name contains this")
    parser.add_argument("--derandomize", action="store_true", help="the fixed seed of CI instead of random examples")
    args = parser.parse_args(argv)
    module = load_properties(args.examples, args.derandomize)
    failed = 0
    total = time.perf_counter()
    properties = [n for n in dir(module) if hasattr(getattr(module, n), "hypothesis") and args.k in n]
    for name in sorted(properties):
        start = time.perf_counter()
        try:
            getattr(module, name)()
            outcome = "ok"
        except Exception as exc:                     # a property failed: report it, go on with the others
            failed += 1
            outcome = "FAILED\n" + "".join(traceback.format_exception(exc))
        print(f"{name}: {time.perf_counter() - start:.1f} s, {outcome}", flush=True)
    print(f"{args.examples} examples per property, {time.perf_counter() - total:.1f} s in all, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
