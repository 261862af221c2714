"""A saved web page → its article text and metadata, with the standard library's HTML parser.

News pages mark their article up (`<article>`, else `<main>`, else `<body>`); the text is taken
from there, minus navigation, scripts and other page furniture, one paragraph per block element.
The publication date comes from, in falling priority: `<meta property="article:published_time">`
(and its kin), JSON-LD `datePublished`, `<meta name="date">`, the first `<time datetime>`.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

#: elements whose content is never article text
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "form",
                   "button", "select", "textarea", "iframe", "object", "figure"})
#: elements that end a paragraph
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
                     "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "hr",
                     "address", "body"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
#: meta tags giving the publication date, strongest first
_DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "date", "dc.date.issued",
              "dc.date", "pubdate", "publishdate", "article.published", "sailthru.date")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def looks_like_html(name: str, data: bytes) -> bool:
    """By the file name, or by the page starting as one (`<!DOCTYPE html>` or `<html>`)."""
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_SNIFF.match(data[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (`<meta charset>` or the http-equiv form)."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: str | None = None           # the skipped element we are in, and how deep
        self.skip_depth = 0
        self.open: list[str] = []                  # containers we are in: article, main, body
        self.paragraphs: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.current: list[str] = []
        self.in_title = False
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.in_json_ld = False
        self.json_ld: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key and attributes.get("content"):
                self.meta.setdefault(key, attributes["content"].strip())
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attributes.get("href", ""))
        elif tag == "time" and attributes.get("datetime"):
            self.times.append(attributes["datetime"])
        elif tag == "title" and not self.skipping and not self.title:
            self.in_title = True
        elif tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self.in_json_ld = True
        if tag in _VOID:
            if tag in _BLOCKS:
                self._flush()
            elif tag == "br" and not self.skipping:
                self.current.append(" ")
            return
        if self.skipping:
            self.skip_depth += tag == self.skipping
            return
        if tag in _SKIP:
            self.skipping, self.skip_depth = tag, 1
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in self.paragraphs:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "script":
            self.in_json_ld = False
        if tag in _VOID:
            return
        if self.skipping:
            self.skip_depth -= tag == self.skipping
            if not self.skip_depth:
                self.skipping = None
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in self.paragraphs and tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.in_json_ld:
            self.json_ld.append(data)
        elif not self.skipping:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            for container in set(self.open) | {"body"}:
                self.paragraphs[container].append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def article(html: str) -> tuple[str, dict[str, str]]:
    """The article's text (paragraphs separated by blank lines) and metadata: title, published, url, source."""
    page = _Page()
    page.feed(html)
    page.close()
    paragraphs = page.paragraphs["article"] or page.paragraphs["main"] or page.paragraphs["body"]
    meta = {"title": page.meta.get("og:title") or " ".join("".join(page.title).split()),
            "url": page.meta.get("og:url") or page.meta.get("canonical", ""),
            "source": page.meta.get("og:site_name", ""),
            "published": _published(page)}
    return "\n\n".join(paragraphs), {k: v for k, v in meta.items() if v}


def _published(page: _Page) -> str:
    """The first valid day among the page's date declarations (a broken one is passed over)."""
    candidates = [page.meta.get(key, "") for key in _DATE_META[:3]]
    candidates += [m.group(1) for m in map(_JSON_LD_DATE.search, page.json_ld) if m]
    candidates += [page.meta.get(key, "") for key in _DATE_META[3:]] + page.times
    for value in candidates:
        if match := _ISO_DAY.match(value):
            try:
                return dt.date.fromisoformat(match.group(1)).isoformat()
            except ValueError:
                continue
    return ""
