"""Shared fixtures: the shipped report, parsed once per session (tests must not mutate it)."""

from __future__ import annotations

import pytest

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


@pytest.fixture()
def plain_env(monkeypatch):
    """No variable that forces or disables colors, so each test sets exactly what it means."""
    for name in COLOR_FORCING_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
