"""Figures: numbers with what they count and how exact they are (timeline/extract/figures.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.figures import find_figures
from timeline.lang import load_language
from timeline.model import Figure

DE = load_language("de")


def F(category: str, value: float, qualifier: str = "exact", text: str = "", unit: str | None = None) -> Figure:
    return Figure(category, value, qualifier, unit, text)


CASES = [
    # casualties: the predicate makes counted people deaths, injured, arrested …
    ("Das Staatsfernsehen berichtete am Freitag, dass bisher 26 Demonstranten ums Leben gekommen seien.",
     [F("deaths", 26, text="26 Demonstranten")]),
    ("Offiziellen Angaben zufolge starben bislang auch mindestens 18 Polizisten und Soldaten.",
     [F("deaths", 18, "at_least", "mindestens 18 Polizisten und Soldaten")]),
    ("Bei dem Erdbeben kamen mindestens 26 Menschen ums Leben, mehr als 100 wurden verletzt.",
     [F("deaths", 26, "at_least", "mindestens 26 Menschen"), F("injured", 100, "more_than", "mehr als 100")]),
    ("Bei dem Anschlag starben zwei Polizisten, drei weitere wurden schwer verletzt.",
     [F("deaths", 2, text="zwei Polizisten"), F("injured", 3, text="drei")]),
    ("Bei den Kämpfen wurden 40 Rebellen und 12 Soldaten getötet.",
     [F("deaths", 40, text="40 Rebellen"), F("deaths", 12, text="12 Soldaten")]),
    ("Bei dem Angriff von 200 Kämpfern wurden 26 Soldaten getötet.",
     [F("fighters", 200, text="200 Kämpfern"), F("deaths", 26, text="26 Soldaten")]),
    ("Von den 26 Toten waren 5 Kinder.",
     [F("deaths", 26, text="26 Toten"), F("children", 5, text="5 Kinder")]),
    ("Die Polizei meldete 12 Verletzte, darunter drei Beamte.",
     [F("injured", 12, text="12 Verletzte"), F("injured", 3, text="drei Beamte")]),
    ("Der Bus mit 45 Passagieren stürzte in eine Schlucht; 12 Insassen starben.",
     [F("persons", 45, text="45 Passagieren"), F("deaths", 12, text="12 Insassen")]),
    ("Die Zahl der Todesopfer stieg auf mindestens 43.", [F("deaths", 43, "at_least", "mindestens 43")]),
    ("Die Zahl der Toten ist auf 30 gestiegen, die der Verletzten auf über 100.",
     [F("deaths", 30, text="30"), F("injured", 100, "more_than", "über 100")]),
    ("Zweiundzwanzig Menschen wurden verletzt.", [F("injured", 22, text="Zweiundzwanzig Menschen")]),
    ("Hunderte Menschen wurden verletzt.", [F("injured", 100, "at_least", "Hunderte Menschen")]),
    # arrests
    ("Zudem habe es landesweit mehr als 4000 Festnahmen gegeben.",
     [F("arrests", 4000, "more_than", "mehr als 4000 Festnahmen")]),
    ("Die Polizei nahm rund 300 Demonstranten fest.", [F("arrests", 300, "approx", "rund 300 Demonstranten")]),
    ("Ein Dutzend Journalisten wurde festgenommen.", [F("arrests", 12, text="Ein Dutzend Journalisten")]),
    ("Die Polizei nahm 12 Verdächtige fest.", [F("arrests", 12, text="12 Verdächtige")]),
    ("Bei Zusammenstößen mit der Polizei wurden 15 Demonstranten verletzt und 40 festgenommen.",
     [F("injured", 15, text="15 Demonstranten"), F("arrests", 40, text="40")]),
    ("Die Organisation zählte 2\u202f000 Festnahmen.", [F("arrests", 2000, text="2\u202f000 Festnahmen")]),
    # fighters, troops, police, protesters, rioters
    ('Präsident Tokajew sprach am Abend von bis zu 20 000 "Terroristen", die in Almaty angriffen.',
     [F("fighters", 20000, "up_to", 'bis zu 20 000 "Terroristen"')]),
    ("Das Bündnis entsandte nach eigenen Angaben insgesamt 2500 Soldaten nach Kasachstan.",
     [F("soldiers", 2500, text="insgesamt 2500 Soldaten")]),
    ("Die Armee verlegte zwölf Panzer und 800 Soldaten an die Grenze.",
     [F("vehicles", 12, text="zwölf Panzer"), F("soldiers", 800, text="800 Soldaten")]),
    ("Dreihundertfünfzig Polizisten waren im Einsatz.", [F("police", 350, text="Dreihundertfünfzig Polizisten")]),
    ("Tausende Demonstranten zogen durch die Straßen.",
     [F("protesters", 1000, "at_least", "Tausende Demonstranten")]),
    ("Mehrere Tausend Menschen demonstrierten gegen die Regierung.",
     [F("protesters", 1000, "at_least", "Mehrere Tausend Menschen")]),
    ("Die Polizei setzte Wasserwerfer gegen rund 5000 Randalierer ein.",
     [F("rioters", 5000, "approx", "rund 5000 Randalierer")]),
    # displaced and refugees
    ("Nach UN-Angaben sind mehr als 1,5 Millionen Menschen auf der Flucht.",
     [F("displaced", 1_500_000, "more_than", "mehr als 1,5 Millionen Menschen")]),
    ("Zwischen 200 und 300 Flüchtlinge erreichten die Insel.",
     [F("displaced", 300, "up_to", "Zwischen 200 und 300 Flüchtlinge")]),
    ("Tausende von Menschen flohen vor den Kämpfen.", [F("displaced", 1000, "at_least", "Tausende von Menschen")]),
    ("Im Jahr 2015 kamen mehr als eine Million Flüchtlinge nach Deutschland.",
     [F("displaced", 1_000_000, "more_than", "mehr als eine Million Flüchtlinge")]),
    ("Die Flüchtlingsorganisation schätzt die Zahl der Vertriebenen auf 2,3 Millionen.",
     [F("displaced", 2_300_000, text="2,3 Millionen")]),
    # money
    ("Im vergangenen Jahr wurden 25 Genehmigungen mit einem Gesamtwert von rund 2,2 Millionen Euro erteilt.",
     [F("count", 25, text="25 Genehmigungen"), F("money", 2_200_000, "approx", "rund 2,2 Millionen Euro", "EUR")]),
    ("Der Konzern zahlt 1,5 Mrd. Dollar Strafe.", [F("money", 1.5e9, text="1,5 Mrd. Dollar", unit="USD")]),
    ("Russland verhängte eine Strafe von 500 000 Rubel.", [F("money", 500_000, text="500 000 Rubel", unit="RUB")]),
    ("Die Hilfe beläuft sich auf € 20 Mio.", [F("money", 20_000_000, text="€ 20 Mio.", unit="EUR")]),
    ("Unbekannte stahlen Schmuck im Wert von 50.000 Euro.", [F("money", 50_000, text="50.000 Euro", unit="EUR")]),
    ("Das Paket umfasst Hilfen von einer halben Milliarde Euro.",
     [F("money", 500_000_000, text="einer halben Milliarde Euro", unit="EUR")]),
    ("Der Schaden wird auf 3 bis 4 Millionen Euro geschätzt.",
     [F("money", 4_000_000, "up_to", "3 bis 4 Millionen Euro", "EUR")]),
    ("Die Regierung stellte drei Millionen Euro bereit.",
     [F("money", 3_000_000, text="drei Millionen Euro", unit="EUR")]),
    # percentages, measures, other counts
    ("Die Arbeitslosenquote sank um 0,3 Prozent.", [F("percent", 0.3, text="0,3 Prozent", unit="%")]),
    ("Die Inflation lag bei 7,9 % im Mai.", [F("percent", 7.9, text="7,9 %", unit="%")]),
    ("Knapp 30 Prozent der Wähler stimmten dafür.", [F("percent", 30, "approx", "Knapp 30 Prozent", "%")]),
    ("Der Sturm erreichte Böen von bis zu 120 Kilometern pro Stunde.",
     [F("distance", 120, "up_to", "bis zu 120 Kilometern", "km")]),
    ("Mit 26 Ja-Stimmen bei 7 Gegenstimmen wurde der Antrag angenommen.",
     [F("votes", 26, text="26 Ja-Stimmen"), F("votes", 7, text="7 Gegenstimmen")]),
    ("Dutzende Häuser wurden zerstört.", [F("buildings", 12, "at_least", "Dutzende Häuser")]),
    ("Etwa 4.000 Beschäftigte verlieren ihren Arbeitsplatz.",
     [F("employees", 4000, "approx", "Etwa 4.000 Beschäftigte")]),
    ("Anderthalb Millionen Menschen leben in der Stadt.",
     [F("persons", 1_500_000, text="Anderthalb Millionen Menschen")]),
    ("Ca. 200 Menschen nahmen an der Kundgebung teil.", [F("persons", 200, "approx", "Ca. 200 Menschen")]),
    ("Die Stadt hat 120\u00a0000 Einwohner.", [F("persons", 120_000, text="120\u00a0000 Einwohner")]),
    ("An mindestens zwei Plätzen gab es Schießereien.", [F("count", 2, "at_least", "mindestens zwei Plätzen")]),
    # no figures: dates, years, times, durations, ordinals, labels, glued numbers, articles
    ("Seit 30 Jahren regiert er das Land.", []),
    ("Am 8. Januar 2022 um 20 Uhr begann die Sitzung.", []),
    ("Der 81-Jährige trat 2019 zurück.", []),
    ("Die Sitzung dauerte drei Stunden.", []),
    ("Er wurde zum dritten Mal gewählt.", []),
    ("Nach Paragraf 5 drohen Haftstrafen.", []),
    ("Artikel 5 des Nato-Vertrags regelt den Bündnisfall.", []),
    ("Er belegte Platz 3 in der Gesamtwertung.", []),
    ("Die Hotline ist unter 030 1234567 erreichbar.", []),
    ("Die G20-Staaten trafen sich am 12.3.2023 in Rom.", []),
    ("Ein Auto brannte aus, mehrere Menschen sahen zu.", []),
    ("Fast zwei Drittel der Befragten waren dagegen.", []),
    ("2019 starben Tausende Bäume.", [F("count", 1000, "at_least", "Tausende Bäume")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[s[:40] for s, _ in CASES])
def test_find_figures(sentence: str, expected: list[Figure]) -> None:
    assert find_figures(sentence, DE) == expected


def test_numbers_in_excluded_spans_are_no_figures() -> None:
    sentence = "Bis 2025 sollen 2000 Soldaten abgezogen werden."
    assert find_figures(sentence, DE, exclude=[(0, 8)]) == [F("soldiers", 2000, text="2000 Soldaten")]
    assert find_figures(sentence, DE, exclude=[(0, 8), (16, 20)]) == []
    assert find_figures("In drei Tagen kamen 500 Menschen.", DE, exclude=[(3, 13)]) == [
        F("persons", 500, text="500 Menschen")]


def test_a_figure_partly_excluded_is_dropped() -> None:
    """An exclude span touching any digit of the number removes the figure."""
    assert find_figures("Es gab 20 000 Festnahmen.", DE, exclude=[(10, 11)]) == []


def test_sentence_without_numbers_is_skipped() -> None:
    assert find_figures("Die Lage in dem Land bleibt unübersichtlich, hieß es.", DE) == []


_TOKENS = ["mehr als", "bis zu", "rund", "mindestens", "insgesamt", "Tausende", "zwei", "zwölf", "ein",
           "Dutzend", "Millionen", "Mio.", "Euro", "€", "$", "%", "Prozent", "Tote", "Demonstranten",
           "starben", "wurden", "verletzt", "ums Leben", "und", ",", ";", "-", "bis", "zwischen",
           "Zahl der", "Toten", "Paragraf", "Jahre", "Uhr", "\"", "„", "“", "20 000", "4.000", "2,2",
           "8.", "2019", "81-Jährige", "A", "darunter", "nahm", "fest", "Polizisten", "Soldaten"]
_SENTENCES = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text(alphabet="0123456789 .,-abcÄß\u202f", max_size=6)),
    max_size=16).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(_SENTENCES, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=3))
def test_random_text_never_crashes_and_figures_quote_the_sentence(sentence: str, exclude) -> None:
    pos = 0
    for figure in find_figures(sentence, DE, exclude=exclude):
        found = sentence.find(figure.text, pos)
        assert figure.text and found >= 0, (figure, sentence)
        pos = found + len(figure.text)
    assert find_figures(sentence, DE, exclude=[(0, len(sentence))]) == []


_UNITS = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]


def _spelled(number: int) -> str:
    """A German number word for 2 ≤ number < 10 000 ("dreihundertzwölf")."""
    thousands, rest = divmod(number, 1000)
    hundreds, rest = divmod(rest, 100)
    words = (_UNITS[thousands] + "tausend" if thousands else "") + (_UNITS[hundreds] + "hundert" if hundreds else "")
    if 10 <= rest < 20:
        return words + _TEENS[rest - 10]
    tens, unit = divmod(rest, 10)
    if unit == 1 and not tens:
        return words + "eins"
    return words + _UNITS[unit] + ("und" if unit and tens else "") + _TENS[tens]


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 9999), st.booleans())
def test_a_number_word_counts_whatever_letter_it_begins_with(number: int, opens_sentence: bool) -> None:
    word = _spelled(number)
    if opens_sentence:
        word = word.capitalize()
        sentence = f"{word} Menschen wurden bei dem Unfall verletzt."
    else:
        sentence = f"Bei dem Unfall wurden {word} Menschen verletzt."
    assert find_figures(sentence, DE) == [F("injured", number, text=f"{word} Menschen")]
