"""Actor colors, the same in the terminal view and the HTML page: each actor gets one color of a
fixed palette, by a checksum of its name, so that it keeps it in every run and every view."""

from __future__ import annotations

import zlib

#: the palette: each color's name for the terminal (Rich) and a CSS color dark enough to read on white
PALETTE = (("cyan", "#0e7490"), ("magenta", "#a21caf"), ("green", "#15803d"), ("yellow", "#a16207"),
           ("blue", "#1d4ed8"), ("red", "#b91c1c"), ("bright_cyan", "#0891b2"), ("bright_magenta", "#c026d3"),
           ("bright_green", "#4d7c0f"), ("bright_yellow", "#b45309"), ("bright_blue", "#4f46e5"),
           ("bright_red", "#be123c"))


def _entry(name: str) -> tuple[str, str]:
    return PALETTE[zlib.crc32(name.encode("utf-8")) % len(PALETTE)]


def actor_color(name: str) -> str:
    """The actor's color for the terminal."""
    return _entry(name)[0]


def actor_css_color(name: str) -> str:
    """The actor's color for a web page."""
    return _entry(name)[1]
