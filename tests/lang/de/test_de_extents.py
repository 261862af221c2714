"""Which German strings are temporal expressions, and how far each reaches (TimeML extents)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal.tag import tag_text

REFERENCE = dt.date(2024, 3, 6)

# (text, the expressions the tagger must find with their values; [] for none)
EXTENTS = [
    # nouns of time that name a lot, a history, a former name or a talk particle: no expression
    ("Der Streit gefährdet ihre Zukunft.", []),
    ("Über die Zukunft des Hafens wird noch gestritten.", []),
    ("Das Museum zeigt Zeugnisse der Vergangenheit.", []),
    ("Früher oder später muss die Regierung nachgeben.", []),
    ("Die Stadt Wolgograd (früher Stalingrad) liegt an der Wolga.", []),
    ("Jetzt mal ehrlich: Wer soll das bezahlen?", []),
    ("Für die Bauern kommt kein Sommer mehr.", []),
    ("Sie berieten über die zukünftige Leitung.", []),
    # … while the same words referring to a time stay expressions
    ("In Zukunft sollen die Preise sinken.", [("Zukunft", "FUTURE_REF")]),
    ("In der Vergangenheit war der Hafen offen.", [("der Vergangenheit", "PAST_REF")]),
    ("Früher war der Hafen offen.", [("Früher", "PAST_REF")]),
    ("Jetzt wird nach schärferen Gesetzen gerufen.", [("Jetzt", "PRESENT_REF")]),
    ("In der Folgezeit stiegen die Preise.", [("der Folgezeit", "FUTURE_REF")]),
    # a preposition stays outside, a hedge and the article in "am selben Tag" inside
    ("Das wird sich über die Jahre rächen.", [("die Jahre", "PXY")]),
    ("Nach einer fast einmonatigen Belagerung fiel die Stadt.", [("fast einmonatigen", "P1M")]),
    ("Es regnete an sieben aufeinanderfolgenden Tagen.", [("sieben aufeinanderfolgenden Tagen", "P7D")]),
    ("Die Blockade begann im späten Frühjahr 1861.", [("späten Frühjahr 1861", "1861-SP")]),
    ("Gestreikt wird zwischen dem 3. und dem 5. Mai.", [("3.", "2024-05-03"), ("5. Mai", "2024-05-05")]),
    # a range keeps its two expressions for TimeML
    ("Die Sperre gilt von 22 Uhr bis 5 Uhr.", [("22 Uhr", "2024-03-06T22:00"), ("5 Uhr", "2024-03-07T05:00")]),
]


@pytest.mark.parametrize(("text", "expected"), EXTENTS)
def test_expressions_and_their_extents(text, expected):
    assert [(timex.text, timex.value) for timex in tag_text(text, REFERENCE)] == expected


def test_am_selben_tag_takes_the_day_last_mentioned():
    text = "Am 4. Dezember 1917 tagte die Rada. Am selben Tag kam ein Ultimatum."
    assert [(t.text, t.value) for t in tag_text(text, mode="narrative")] == [
        ("4. Dezember 1917", "1917-12-04"), ("Am selben Tag", "1917-12-04")]
