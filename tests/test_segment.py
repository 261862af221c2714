"""timeline.segment.split_sentences: German abbreviations, ordinals, initials, headings, offsets."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.lang import Language, load_language
from timeline.lang.checked import DataFile, LanguageDataError
from timeline.segment import split_sentences

GERMAN = load_language("de")


def texts(text: str, start: int = 0) -> list[str]:
    return [s.text for s in split_sentences(text, start, GERMAN)]


@pytest.mark.parametrize("text, expected", [
    # abbreviations do not end a sentence
    ("Dr. Müller kam. Er ging.", ["Dr. Müller kam.", "Er ging."]),
    # ... but a number or abbreviation before a word that only opens a sentence does
    ("Die Verhandlung fand im Saal 115. Der Richter kam spät.",
     ["Die Verhandlung fand im Saal 115.", "Der Richter kam spät."]),
    ("Er wurde 3. Die Siegerin kam aus Kiel.", ["Er wurde 3.", "Die Siegerin kam aus Kiel."]),
    ("Am 8. Januar kam er. Im 20. Jahrhundert war das so.", ["Am 8. Januar kam er.", "Im 20. Jahrhundert war das so."]),
    ("1. Die Truppen rückten vor. 2. Im Norden blieb es ruhig.",       # the numbers of list items
     ["1. Die Truppen rückten vor.", "2. Im Norden blieb es ruhig."]),
    ("Prof. Dr. Müller kam. Gut.", ["Prof. Dr. Müller kam.", "Gut."]),
    ("Das ist z. B. gut. Ja.", ["Das ist z. B. gut.", "Ja."]),
    ("Das ist z.B. gut. Ja.", ["Das ist z.B. gut.", "Ja."]),
    ("Haus Nr. 5 brennt. Gut.", ["Haus Nr. 5 brennt.", "Gut."]),
    ("Das kostet ca. 5 Euro. Gut.", ["Das kostet ca. 5 Euro.", "Gut."]),
    ("Er kam u.a. mit Anna. Gut.", ["Er kam u.a. mit Anna.", "Gut."]),
    # ordinal dates
    ("Am 8. Januar 2022 kam er zurück. Dann ging er.", ["Am 8. Januar 2022 kam er zurück.", "Dann ging er."]),
    ("Es war am 8. Januar 2022 kam er. Dann ging er.", ["Es war am 8. Januar 2022 kam er.", "Dann ging er."]),
    ("Das 20. Jahrhundert war lang. Ja.", ["Das 20. Jahrhundert war lang.", "Ja."]),
    ("Vom 24. Februar an kämpften sie. Dann kam der Sommer.",
     ["Vom 24. Februar an kämpften sie.", "Dann kam der Sommer."]),
    # initials
    ("Der Philosoph J. G. Fichte lebte lange. Er starb.", ["Der Philosoph J. G. Fichte lebte lange.", "Er starb."]),
    ("Das Werk von J. R. R. Tolkien ist lang. Es ist bekannt.",
     ["Das Werk von J. R. R. Tolkien ist lang.", "Es ist bekannt."]),
    # a four-digit year at the end of a sentence does end it
    ("Er trat 2019 zurück. Danach ging er.", ["Er trat 2019 zurück.", "Danach ging er."]),
    ("Das war im Jahr 2019. Danach kam 2020.", ["Das war im Jahr 2019.", "Danach kam 2020."]),
    ("Der heute 81-Jährige trat zwar 2019 zurück. Er galt aber weiterhin als mächtigster Mann im Staat.",
     ["Der heute 81-Jährige trat zwar 2019 zurück.", "Er galt aber weiterhin als mächtigster Mann im Staat."]),
    # other sentence ends
    ("Wer kam? Er! Gut.", ["Wer kam?", "Er!", "Gut."]),
    ("Er ging (endlich). Dann kam sie.", ["Er ging (endlich).", "Dann kam sie."]),
    ("Erster Satz.\nZweiter Satz.", ["Erster Satz.", "Zweiter Satz."]),
    ("Es sind 2,2 Millionen Euro. Das ist wenig.", ["Es sind 2,2 Millionen Euro.", "Das ist wenig."]),
    ("Laut Vlast.kz gab es Schüsse. Das ist neu.", ["Laut Vlast.kz gab es Schüsse.", "Das ist neu."]),
])
def test_split(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('Er sagte: "Nein." Dann ging er.', ['Er sagte: "Nein."', "Dann ging er."]),
    ("Er sagte: „Nein.“ Dann ging er.", ["Er sagte: „Nein.“", "Dann ging er."]),
    ("Er rief: «Halt!» Dann lief er.", ["Er rief: «Halt!»", "Dann lief er."]),
    ('Er fragte: "Warum?" Keiner antwortete.', ['Er fragte: "Warum?"', "Keiner antwortete."]),
])
def test_closing_quote_belongs_to_its_sentence(text, expected):
    assert texts(text) == expected


def test_shipped_quote_sentence_keeps_closing_quote(shipped_text):
    quoted = [t for t in texts(shipped_text) if t.startswith("Er appellierte")]
    assert quoted == ['Er appellierte an die autoritäre Führung in Nur-Sultan: '
                      '"Bitte kommt zurück zu einer friedlichen Weiterentwicklung im Land."']


@pytest.mark.parametrize("text, expected", [
    ("Berichte über neue Schießereien in Almaty\n\nDie Lage ist unruhig. Es wird geschossen.",
     [("Berichte über neue Schießereien in Almaty", True, 0), ("Die Lage ist unruhig.", False, 1),
      ("Es wird geschossen.", False, 1)]),
    ("Kurz\n\nLang ist das.\n\nEnde",
     [("Kurz", True, 0), ("Lang ist das.", False, 1), ("Ende", True, 2)]),
    ("Die Lage ist unruhig.\n\nEs wird geschossen.",
     [("Die Lage ist unruhig.", False, 0), ("Es wird geschossen.", False, 1)]),
    ("Präsident Tokajew verteidigt Schießbefehl\n\nPräsident Tokajew hat einen Schießbefehl erteilt.",
     [("Präsident Tokajew verteidigt Schießbefehl", True, 0),
      ("Präsident Tokajew hat einen Schießbefehl erteilt.", False, 1)]),
    ("Ein Satz.\n\n\n\nNoch ein Satz.\n  \nDritter Satz.",
     [("Ein Satz.", False, 0), ("Noch ein Satz.", False, 1), ("Dritter Satz.", False, 2)]),
    ("Satz eins.\r\n\r\nSatz zwei.", [("Satz eins.", False, 0), ("Satz zwei.", False, 1)]),
    # a headline ending in a small letter right above its much longer lead is a title of its own
    ("Brücke in Kassel eingestürzt\nEine Brücke ist am Mittwoch in Kassel eingestürzt, zwei Menschen wurden verletzt.",
     [("Brücke in Kassel eingestürzt", True, 0),
      ("Eine Brücke ist am Mittwoch in Kassel eingestürzt, zwei Menschen wurden verletzt.", False, 0)]),
    # a hard-wrapped paragraph: lines of about equal length go on
    ("Die Feuerwehr sperrte die Straße, die zur Brücke führt, für\nden ganzen Verkehr, wie ein Sprecher sagte.",
     [("Die Feuerwehr sperrte die Straße, die zur Brücke führt, für\nden ganzen Verkehr, wie ein Sprecher sagte.",
       False, 0)]),
])
def test_headings_and_paragraphs(text, expected):
    got = [(s.text, s.heading, s.paragraph) for s in split_sentences(text, 0, GERMAN)]
    assert got == expected


def test_shipped_headings(shipped_text):
    headings = [s.text for s in split_sentences(shipped_text, 0, GERMAN) if s.heading]
    assert headings == ["Berichte über neue Schießereien und eine Explosion in Almaty",
                        "Präsident Tokajew verteidigt Schießbefehl"]


def test_shipped_paragraphs_are_numbered_in_order(shipped_text):
    sentences = split_sentences(shipped_text, 0, GERMAN)
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs[0] == 0
    assert paragraphs == sorted(paragraphs)
    # 14 blocks separated by blank lines, each numbered, none skipped
    assert sorted(set(paragraphs)) == list(range(shipped_text.strip().count("\n\n") + 1))


@pytest.mark.parametrize("text", [
    "Dr. Müller kam am 8. Januar 2022. Er ging.\n\nTitel\n\nNoch ein Satz!",
    "  Eingerückt.   Mit Leerraum.  \n\n\n",
    "„Zitat.“ Und dann? Nichts.",
])
def test_offsets_point_into_text(text):
    sentences = split_sentences(text, 0, GERMAN)
    assert sentences
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_start_offset_skips_a_header():
    text = " date 2022-01-08 Erster Satz. Zweiter Satz."
    start = len(" date 2022-01-08 ")
    sentences = split_sentences(text, start, GERMAN)
    assert [s.text for s in sentences] == ["Erster Satz.", "Zweiter Satz."]
    assert sentences[0].start == start
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text", [
    "KASACHSTAN\n\u00a0Die Lage ist unruhig.",     # no-break space at the start of a line
    "Erster Satz.\u2028Zweiter Satz.",
])
def test_sentences_do_not_start_or_end_with_unicode_whitespace(text):
    for s in split_sentences(text, 0, GERMAN):
        assert s.text == s.text.strip(), s


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\t \r\n"])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text, 0, GERMAN) == []


# --- properties -----------------------------------------------------------------------------------

_CHARS = st.sampled_from(list("aBzÄ. \n\t!?\"'“”„»«()[]0189:-,")
                         + ["Dr.", "z. B.", "\n\n", "\r\n", " 8. ", "2019."])
_TEXT = st.one_of(st.text(max_size=200), st.lists(_CHARS | st.characters(), max_size=80).map("".join))


@pytest.mark.slow
@settings(derandomize=True, database=None, max_examples=400, deadline=None)
@given(_TEXT)
def test_offsets_within_text_and_sentences_do_not_overlap(text):
    previous_end = 0
    previous_paragraph = 0
    for s in split_sentences(text, 0, GERMAN):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.start >= previous_end
        assert s.paragraph >= previous_paragraph
        previous_end, previous_paragraph = s.end, s.paragraph


_ASCII_WS_TEXT = st.lists(st.sampled_from(list("aBz. \n\t!?\"()09:-") + ["Dr.", "\n\n", "\r\n"]),
                          max_size=60).map("".join)


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(_ASCII_WS_TEXT)
def test_sentences_are_trimmed_and_cover_all_words(text):
    sentences = split_sentences(text, 0, GERMAN)
    for s in sentences:
        assert s.text and s.text == s.text.strip()
    # every non-space character belongs to some sentence
    covered = set()
    for s in sentences:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_segment_yaml_is_checked_with_file_and_line(tmp_path, monkeypatch):
    text = GERMAN.file("segment").path.read_text(encoding="utf-8").replace("opening_marks:", "opening_quotes:")
    (tmp_path / "segment.yaml").write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("opening_quotes:"))
    monkeypatch.setattr(Language, "file", lambda self, name: DataFile(tmp_path / f"{name}.yaml", f"de/{name}.yaml"))
    with pytest.raises(LanguageDataError, match=rf"^de/segment\.yaml:{line}: unknown key 'opening_quotes'"):
        split_sentences("Ein Satz. Noch einer.", 0, dataclasses.replace(GERMAN, _compiled={}))
