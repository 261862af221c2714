"""Markdown export, rendered with markdown-it (CommonMark) as a wiki would."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from timeline.export import export
from timeline.export.markdown import md


@pytest.fixture(scope="module")
def html(request) -> str:
    return MarkdownIt("commonmark").render(export(request.getfixturevalue("all_fields"), "markdown"))


def test_structure(html, all_fields):
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["2 reports"]
    assert re.findall(r"<h2>(.*?)</h2>", html) == [
        "2021", "January 2022", "Saturday, 1 January 2022", "week 1 of 2022", "5 January 2022 – 7 January 2022",
        "Wednesday, 5 January 2022", "Friday, 7 January 2022", "Undated (2)"]
    told = sum(1 for e in all_fields.events if e.reports)                # a nested "told by" item each
    assert html.count("<li>") == len(all_fields.events) + told
    assert html.count("<blockquote>") == len(all_fields.events)


def test_bullet_content(html):
    assert ("<code>↳</code> · <em>arrest / detention</em> · Sicherheitskräfte · <strong>&gt;4\u00a0000 arrests"
            "</strong> · <em>not independently verified — einem Agenturbericht zufolge</em>") in html
    assert ("<code>evening (ctx)</code> · <em>statement / appeal</em> · <strong>Kassym-Schomart Tokajew</strong>"
            " → Terroristen · in Almaty") in html
    assert "<em>a rumour</em>" in html
    assert "told by: dpa, 2022-01-08; Tagesspiegel, 2022-01-09" in html


def test_text_is_shown_as_written(html):
    """Markdown and HTML in a sentence are escaped: the page shows them, it does not run them."""
    assert "<script>" not in html
    assert ("Demonstranten riefen &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *Sternchen* _unter_ "
            "[Link](x) #1 | „Zitat“, Kasachstan.") in html
    assert "<p>1. Die Lage bleibt unübersichtlich.</p>" in html            # not a numbered list


@pytest.mark.parametrize("text", ["- Punkt", "+ plus", "3) drei", "# Titel", "`code`", "a\\b", "<b>fett</b>"])
def test_md_escapes_what_markdown_would_interpret(text):
    rendered = MarkdownIt("commonmark").render(md(text))
    assert rendered == f"<p>{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>\n"
