"""HTML export: one self-contained page; escaped text; filters that work in a real browser.

The browser test needs Debian's chromium at /usr/bin/chromium (`apt-get install -y chromium`); it is
skipped where that is absent, as in CI.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from timeline.export import export
from timeline.labels import sections

CHROMIUM = Path("/usr/bin/chromium")


class Elements(HTMLParser):
    """The start tags of a page with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def page(request) -> str:
    return export(request.getfixturevalue("all_fields"), "html")


def tags(page: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(page)
    return parser.tags


def test_self_contained(page):
    """Nothing is fetched at view time: no script, style or link from anywhere, no CSS import."""
    for tag, attrs in tags(page):
        assert not (tag == "script" and "src" in attrs), attrs
        assert tag != "link", attrs
        assert tag not in ("img", "iframe", "object", "embed"), attrs
    assert not re.search(r"@import|url\(", page)
    for url in re.findall(r"https?://[^\s\"'<>]+", page):       # only the report's own address, as a link
        assert url == "https://example.org/kasachstan"
    assert '<a href="https://example.org/kasachstan">' in page


def test_every_event_once_with_its_data(page, all_fields):
    items = [attrs for tag, attrs in tags(page) if tag == "li" and "event" in (attrs.get("class") or "")]
    assert [a["id"] for a in items] == [e.id for _, events in sections(all_fields) for e in events]
    assert len(items) == len(all_fields.events)
    day = next(a for a in items if a["id"] == "ev-day")
    assert day["data-type"] == "decision"
    assert json.loads(day["data-actors"]) == ["Kassym-Schomart Tokajew", "Nursultan Nasarbajew"]


def test_text_is_escaped(page):
    assert page.count("<script") == 1                                   # the page's own script only
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *Sternchen*" in page


def test_filters_offer_actors_and_types(page):
    options = {(attrs.get("value")) for tag, attrs in tags(page) if tag == "option"}
    assert {"", "Kassym-Schomart Tokajew", "Demonstranten", "decision", "fatalities", "riot"} <= options


def test_marks_days_and_roles(page):
    assert "<h2>Friday, 7 January 2022</h2>" in page
    assert '<abbr title="continues the event before">↳</abbr>' in page
    assert '<span class="actor acting" style="--c:' in page and '<span class="actor affected"' in page
    assert '<b class="figure">26 Demonstranten</b>' in page


# --- in a browser ---------------------------------------------------------------------------------

def dom(path: Path, fragment: str = "") -> str:
    """The page's DOM after its script ran, as headless Chromium sees it."""
    result = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                             path.as_uri() + fragment], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def shown(dom_text: str) -> str:
    return re.search(r'<output id="shown"[^>]*>(.*?)</output>', dom_text).group(1)


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists() or not shutil.which(str(CHROMIUM)), reason="needs /usr/bin/chromium")
def test_renders_and_filters_in_chromium(page, all_fields, tmp_path):
    path = tmp_path / "timeline.html"
    path.write_text(page, encoding="utf-8")
    total = len(all_fields.events)
    assert shown(dom(path)) == f"{total} of {total} events"             # every event laid out
    tokajew = sum(1 for e in all_fields.events if any(m.name == "Kassym-Schomart Tokajew" for m in e.actors))
    assert shown(dom(path, "#actor=" + quote("Kassym-Schomart Tokajew"))) == f"{tokajew} of {total} events"
    filtered = dom(path, "#type=decision&text=ALMATY")                # case and accents do not matter
    assert shown(filtered) == f"1 of {total} events"
    assert re.search(r'<li class="event" id="ev-range"(?![^>]*hidden)', filtered)
    assert re.search(r'<li class="event" id="ev-day"[^>]*hidden', filtered)
