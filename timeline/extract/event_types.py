"""Event types: a small taxonomy aligned with ACLED and CAMEO, assigned by per-language cue words."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from ruamel.yaml import YAML


@functools.lru_cache(maxsize=None)
def taxonomy() -> tuple[dict[str, Any], ...]:
    """The event types in order of precedence, as in `timeline/data/event_types.yaml`."""
    text = (resources.files("timeline") / "data" / "event_types.yaml").read_text(encoding="utf-8")
    return tuple(dict(t) for t in YAML(typ="safe").load(text)["types"])


def event_type_ids() -> tuple[str, ...]:
    return tuple(t["id"] for t in taxonomy())
