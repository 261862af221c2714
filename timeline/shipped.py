"""The report that ships with the package, so that `timeline show` works right after install."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .model import Timeline

SHIPPED_REPORT = "kasachstan-2022-01.txt"


def shipped_report() -> Path:
    return Path(str(resources.files(__package__) / "data" / "reports" / SHIPPED_REPORT))


@functools.lru_cache(maxsize=1)
def _parsed():
    from .pipeline import parse_report
    return parse_report(shipped_report())


def shipped_timeline() -> Timeline:
    """The shipped report's events, parsed on first use. Its document names the report by its path
    inside the package, not where the package happens to be installed."""
    parsed = _parsed()
    metadata = {**parsed.metadata(), "path": f"{__package__}/data/reports/{SHIPPED_REPORT}"}
    return Timeline(list(parsed.events), [metadata])
