"""Shared fixtures: the shipped report, parsed once per session (tests must not mutate it), and the
benchmark scripts as modules."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest
from ruamel.yaml import YAML

import timeline

# Environment variables that make Rich emit escape codes although stdout is not a terminal.
COLOR_FORCING_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "COLUMNS", "LINES")


@pytest.fixture(scope="session")
def shipped_path():
    return timeline.shipped_report()


@pytest.fixture(scope="session")
def shipped_text(shipped_path) -> str:
    return shipped_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_parsed(shipped_path):
    """The shipped report parsed with its sidecar (published 2022-01-08)."""
    return timeline.parse_report(shipped_path)


@pytest.fixture(scope="session")
def benchmark_script() -> Callable[[str], ModuleType]:
    """Loads a script of benchmarks/ by name ("bench_tag"): they are scripts, not a package."""
    def load(name: str) -> ModuleType:
        path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return load


@pytest.fixture()
def plain_env(monkeypatch):
    """No variable that forces or disables colors, so each test sets exactly what it means."""
    for name in COLOR_FORCING_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


ALL_FIELDS = Path(__file__).parent / "fixtures" / "all-fields.yaml"


@pytest.fixture(scope="session")
def all_fields() -> timeline.Timeline:
    """A hand-built timeline that uses every field of the model (tests/fixtures/all-fields.yaml)."""
    data = YAML(typ="safe").load(ALL_FIELDS.read_text(encoding="utf-8"))
    return timeline.Timeline([timeline.Event.from_dict(e) for e in data["events"]], data["documents"])


GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def golden():
    """`golden(name, text)` asserts that text equals tests/golden/NAME; with UPDATE_GOLDEN=1 it writes
    the file instead (then read the diff before committing it)."""
    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert text == path.read_bytes().decode("utf-8")           # bytes: CRLF in CSV and ICS counts
    return check
