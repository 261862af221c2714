"""timeline.reading: decoding, the ` date …` header, YAML front matter, sidecar metadata, input errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import Document, InputError
from timeline.reading import document_from_text, parse_date, read_document, read_text

BODY = "Sicherheitskräfte in Almaty stellten sich am Mittwoch den Demonstranten entgegen."


# --- the ` date …` header ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, precision", [
    (" date 2022-01\n\n" + BODY, dt.date(2022, 1, 1), "month"),
    (" date 2022-01 " + BODY, dt.date(2022, 1, 1), "month"),
    (" date 2022-01-08 " + BODY, dt.date(2022, 1, 8), "day"),
    ("date 2022-01-08\n" + BODY, dt.date(2022, 1, 8), "day"),
    (" date 2022 " + BODY, dt.date(2022, 1, 1), "year"),
    (BODY, None, None),
])
def test_header_gives_publication_date_and_precision(text, published, precision):
    doc = document_from_text(text)
    assert doc.published == published
    assert doc.precision == precision


@pytest.mark.parametrize("header", [" date 2022-01-08 ", " date 2022-01 ", "date 2022-01-08\t"])
def test_header_running_into_first_sentence_body_starts_at_sentence(header):
    text = header + BODY
    doc = document_from_text(text)
    assert doc.body_start == len(header)
    assert text[doc.body_start:].startswith("Sicherheitskräfte")
    assert doc.text == text  # the text is kept whole: offsets stay valid


def test_text_without_header_starts_at_zero():
    assert document_from_text(BODY).body_start == 0


# --- YAML front matter ----------------------------------------------------------------------------

FRONT_MATTER = (
    "---\n"
    "published: 2022-01-08\n"
    "title: Unruhen in Kasachstan\n"
    "source: dpa\n"
    "url: https://example.org/kasachstan?id=1\n"
    "---\n"
)


def test_front_matter_fields():
    text = FRONT_MATTER + BODY
    doc = document_from_text(text)
    assert doc.published == dt.date(2022, 1, 8)
    assert doc.precision == "day"
    assert doc.title == "Unruhen in Kasachstan"
    assert doc.source == "dpa"
    assert doc.url == "https://example.org/kasachstan?id=1"
    assert doc.body_start == len(FRONT_MATTER)
    assert text[doc.body_start:] == BODY


@pytest.mark.parametrize("value, expected", [
    ("'2022-01-08'", dt.date(2022, 1, 8)),
    ('"2022-01"', dt.date(2022, 1, 1)),
])
def test_front_matter_quoted_values(value, expected):
    doc = document_from_text(f"---\npublished: {value}\ntitle: 'Lage: unruhig'\n---\n{BODY}")
    assert doc.published == expected
    assert doc.title == "Lage: unruhig"


def test_front_matter_with_crlf_line_ends():
    text = FRONT_MATTER.replace("\n", "\r\n") + BODY
    doc = document_from_text(text)
    assert doc.published == dt.date(2022, 1, 8)
    assert doc.title == "Unruhen in Kasachstan"
    assert text[doc.body_start:] == BODY


def test_front_matter_empty_field_does_not_swallow_next_line():
    """An empty `title:` must not take the next line (`source: dpa`) as its value."""
    doc = document_from_text("---\ntitle:\nsource: dpa\npublished: 2022-01-08\n---\n" + BODY)
    assert doc.source == "dpa"
    assert not doc.title
    assert doc.published == dt.date(2022, 1, 8)


# --- published= overrides -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    " date 2022-01 " + BODY,
    " date 2021-05-05 " + BODY,
    FRONT_MATTER + BODY,
    BODY,
])
@pytest.mark.parametrize("published, expected", [
    ("2022-02-03", dt.date(2022, 2, 3)),
    (dt.date(2020, 12, 31), dt.date(2020, 12, 31)),
])
def test_published_argument_overrides_header_and_front_matter(text, published, expected):
    doc = document_from_text(text, published=published)
    assert doc.published == expected
    assert doc.precision == "day"


def test_published_argument_with_month_precision():
    doc = document_from_text(FRONT_MATTER + BODY, published="2022-03")
    assert (doc.published, doc.precision) == (dt.date(2022, 3, 1), "month")


def test_metadata_overrides_header_but_published_overrides_metadata():
    text = " date 2022-01 " + BODY
    assert document_from_text(text, metadata={"published": "2022-01-08"}).published == dt.date(2022, 1, 8)
    doc = document_from_text(text, published="2022-01-09", metadata={"published": "2022-01-08"})
    assert doc.published == dt.date(2022, 1, 9)


# --- sidecar <stem>.meta.yaml ---------------------------------------------------------------------

def test_sidecar_metadata_is_read(tmp_path):
    report = tmp_path / "bericht.txt"
    report.write_text(" date 2022-01 " + BODY, encoding="utf-8")
    (tmp_path / "bericht.meta.yaml").write_text(
        "# metadata\npublished: 2022-01-08\ntitle: Unruhen\nsource: Agentur\n", encoding="utf-8")
    doc = read_document(report)
    assert doc.published == dt.date(2022, 1, 8)
    assert doc.precision == "day"
    assert doc.title == "Unruhen"
    assert doc.source == "Agentur"
    assert doc.id == "bericht"
    assert doc.path == str(report)
    assert doc.text[doc.body_start:] == BODY


def test_sidecar_of_another_report_is_not_read(tmp_path):
    report = tmp_path / "a.txt"
    report.write_text(" date 2022-01 " + BODY, encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text("published: 2022-01-08\n", encoding="utf-8")
    assert read_document(report).precision == "month"


def test_published_argument_overrides_sidecar(tmp_path):
    report = tmp_path / "bericht.txt"
    report.write_text(BODY, encoding="utf-8")
    (tmp_path / "bericht.meta.yaml").write_text("published: 2022-01-08\n", encoding="utf-8")
    assert read_document(report, published="2023-04-05").published == dt.date(2023, 4, 5)


def test_shipped_report_sidecar(shipped_path):
    doc = read_document(shipped_path)
    assert doc.published == dt.date(2022, 1, 8)
    assert doc.precision == "day"
    assert doc.title == "Unruhen in Kasachstan"
    assert doc.text.startswith(" date 2022-01 ")
    assert doc.text[doc.body_start:].startswith("Sicherheitskräfte in Almaty")


@pytest.mark.parametrize("sidecar", [
    "- a\n- b\n",             # not a mapping
    "published: [\n",         # not YAML
    "published: gestern\n",   # not a date
])
def test_bad_sidecar_raises_input_error(tmp_path, sidecar):
    report = tmp_path / "bericht.txt"
    report.write_text(BODY, encoding="utf-8")
    (tmp_path / "bericht.meta.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputError):
        read_document(report)


# --- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("empty", b""),
    ("whitespace", b"  \n\t\r\n  "),
    ("binary", b"Text\x00\x01\x02\x00 mit Nullbytes."),
    ("cp850", "Die Lage in Zürich ist unruhig.".encode("cp850")),
    ("truncated-utf8", "Die Lage ist unruhig. Ü".encode("utf-8")[:-1]),
    ("header-only", b" date 2022-01-08 "),
    ("front-matter-only", FRONT_MATTER.encode()),
])
def test_unusable_file_content_raises_input_error(tmp_path, name, content):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(path) in str(info.value)     # the message names the file


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "fehlt.txt")


def test_directory_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


@pytest.mark.parametrize("max_bytes, ok", [(10, False), (len(BODY.encode()) - 1, False),
                                           (len(BODY.encode()), True)])
def test_max_bytes(tmp_path, max_bytes, ok):
    path = tmp_path / "r.txt"
    path.write_bytes(BODY.encode())
    if ok:
        assert read_document(path, max_bytes=max_bytes).text == BODY
    else:
        with pytest.raises(InputError, match="max-bytes"):
            read_document(path, max_bytes=max_bytes)


@pytest.mark.parametrize("bad", ["2022-13-01", "gestern", "2022-02-30", "08.01.2022", "", "2022-1-1x"])
def test_bad_published_argument_raises_input_error(bad):
    with pytest.raises(InputError):
        document_from_text(BODY, published=bad)


@pytest.mark.parametrize("text", [
    " date 2022-13-01 " + BODY,
    " date 2022-02-30 " + BODY,
    "---\npublished: gestern\n---\n" + BODY,
    "---\npublished: 2022-13-01\n---\n" + BODY,
])
def test_bad_date_in_text_raises_input_error(text):
    with pytest.raises(InputError):
        document_from_text(text)


@pytest.mark.parametrize("text, value, precision", [
    ("2022-01-08", dt.date(2022, 1, 8), "day"),
    (" 2022-01 ", dt.date(2022, 1, 1), "month"),
    ("'2019'", dt.date(2019, 1, 1), "year"),
    ("2024-02-29", dt.date(2024, 2, 29), "day"),
    ("2024-03-07T14:30", dt.date(2024, 3, 7), "day"),                 # feeds give a time: the day counts
    ("2024-03-07 14:30:05+01:00", dt.date(2024, 3, 7), "day"),
])
def test_parse_date(text, value, precision):
    assert parse_date(text) == (value, precision)


@pytest.mark.parametrize("data, expected", [
    (b"Hallo Welt.", "Hallo Welt."),
    ("\ufeffGrüße aus Zürich.".encode("utf-8"), "Grüße aus Zürich."),   # BOM dropped
])
def test_read_text_decodes(data, expected):
    assert read_text(data) == expected


@pytest.mark.parametrize("data", [b"", b" \n ", b"a\x00b", b"\xff\xfe\x00\xd8", b"caf\xc3"])
def test_read_text_rejects(data):
    with pytest.raises(InputError):
        read_text(data, "stdin")


# --- properties -----------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "---\n", "---", "\n", " date ", "date ", "2022-01-08", "2022-13-01", "2022", "published: ", "title: ",
    "lang: ", "id: ", "'", '"', ":", " ", "Am Mittwoch kam er.", "\r\n", "\x00", "Ü",
])
_TEXTS = st.one_of(st.text(), st.lists(_PIECES | st.text(max_size=5), max_size=12).map("".join))


@settings(derandomize=True, database=None, max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from([None, "2022-01-08", "2022-01"]))
def test_document_from_text_returns_document_or_raises_input_error(text, published):
    try:
        doc = document_from_text(text, published=published)
    except InputError:
        return
    assert isinstance(doc, Document)
    assert doc.text == text
    assert 0 <= doc.body_start <= len(text)
    assert text[doc.body_start:].strip()


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(st.one_of(st.binary(), st.text().map(lambda t: t.encode("utf-8"))))
def test_read_text_returns_str_or_raises_input_error(data):
    try:
        text = read_text(data)
    except InputError:
        return
    assert isinstance(text, str)
    assert text in _decodings(data)


def _decodings(data: bytes) -> list[str]:
    """What read_text may make of bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, Windows-1252, ISO-8859-15."""
    found = []
    for codec in ("utf-8-sig", "utf-16", "cp1252", "iso-8859-15"):
        try:
            found.append(data.decode(codec))
        except UnicodeDecodeError:
            pass
    return found
