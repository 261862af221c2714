"""The speed-ups of attribution.py give what the plain forms they replace give."""

from __future__ import annotations

import re

from timeline.extract import attribution
from timeline.lang import FLAGS, load_language

_TEXTS = [
    "Er sagte, es sei zu Explosionen gekommen, wie die Agentur meldete.",
    "Wie dem auch sei: Das habe ich nicht gesehen, als sei es gestern gewesen.",
    "Nach Angaben des Innenministeriums seien seit Montag 20 Menschen gestorben, hieß es.",
    "Die Regierung soll die Kontrolle verloren haben; Gerüchte über einen Putsch halten sich.",
    "Es gebe keine Beweise, sagte ein Sprecher der Polizei am Abend dem Sender.",
    "",
]


def _longest_first(words: list[str], gap: str) -> str:
    forms = sorted({str(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(gap.join(map(attribution._words, f.split(attribution._GAP))) for f in forms) + ")"


def test_word_lists_match_as_longest_first_alternations() -> None:
    data = load_language("de").data["attribution"]
    gap = data["patterns"]["gap"]
    for words in data["words"].values():
        texts = _TEXTS + [" ".join(map(str, words)), "x ".join(map(str, words)).upper()]
        for template in (r"\b{}\b", r"{}", r"(?-i:{})(?=\s)"):
            new = re.compile(template.format(attribution._alternation(words, gap)), FLAGS)
            old = re.compile(template.format(_longest_first(words, gap)), FLAGS)
            for text in texts:
                assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


def test_gates_of_a_document_are_those_of_each_sentence() -> None:
    triggers = attribution._grammar("de").triggers
    opened = triggers.opened(_TEXTS)
    for sentence, gates in zip(_TEXTS, opened):
        lowered = sentence.lower()
        expected: set[int] = set()
        for word in set(re.findall(r"\w+", lowered)):
            expected |= triggers.words.get(word, set())
        for string, ids in triggers.strings.items():
            if string in lowered:
                expected |= ids
        assert gates == frozenset(expected)
