"""Attribution and certainty: who says so, and how sure the text is (timeline.extract.attribution)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline.extract.attribution import attribute
from timeline.lang import load_language
from timeline.model import CERTAINTIES, Attribution, Mention
from timeline.reading import read_document
from timeline.segment import split_sentences

DE = load_language("de")


def expect(results: list[tuple[str, Attribution | None]], expected: list[str]) -> None:
    """`expected` per sentence: "certainty:source", or "certainty" when no source is named."""
    got = [f"{c}:{a.source}" if a is not None and a.source is not None else c for c, a in results]
    assert got == expected
    assert all(a is None for c, a in results if c == "stated")


def run(document: list[list[str]]) -> list[tuple[str, Attribution | None]]:
    """A document as paragraphs of sentences."""
    sentences = [s for paragraph in document for s in paragraph]
    paragraphs = [i for i, paragraph in enumerate(document) for _ in paragraph]
    return attribute(sentences, paragraphs, DE)


CASES = [
    # --- negatives: the reporter's own statements ---
    ("plain statement", [["Die Regierung senkte am Montag die Steuern."]], ["stated"]),
    ("könnte alone", [["Die Lage könnte sich in den kommenden Tagen verschärfen."]], ["stated"]),
    ("würde alone", [["Ein Rücktritt würde die Krise beenden."]], ["stated"]),
    ("erklärte without what was said", [["Die Regierung erklärte den Ausnahmezustand."]], ["stated"]),
    ("sagte … ab is no saying", [["Der Minister sagte das Treffen in Genf ab."]], ["stated"]),
    ("wie berichtet: the paper's own coverage", [["Wie berichtet, war der Minister im Mai zurückgetreten."]], ["stated"]),
    ("laut as loud", [["Die Demonstranten riefen laut Parolen."]], ["stated"]),
    ("soll with a plan", [["Die Wahl soll im März stattfinden."]], ["stated"]),
    ("so as an adverb", [["Der Zug kam so spät, dass niemand mehr wartete."]], ["stated"]),
    ("first person habe", [["Ich habe keine Angst vor Neuwahlen."]], ["stated"]),
    ("es sei denn", [["Es sei denn, die Regierung lenkt ein, droht ein Generalstreik."]], ["stated"]),
    ("adjective reiche", [["Das an Öl reiche Land erlebt die schwersten Unruhen seit Jahren."]], ["stated"]),
    ("modal sagen", [["Man kann sagen, dass die Reform gescheitert ist."]], ["stated"]),
    # --- named sources ---
    ("laut Polizei", [["Laut Polizei wurden drei Menschen verletzt."]], ["reported:Polizei"]),
    ("laut dpa", [["Laut dpa ist die Lage in der Hauptstadt ruhig."]], ["reported:Deutsche Presse-Agentur"]),
    ("nach Angaben des", [["Nach Angaben des Innenministeriums wurden 120 Menschen festgenommen."]],
     ["reported:Innenministerium"]),
    ("nach Informationen der", [["Nach Informationen der Deutschen Presse-Agentur ist der Export gestoppt."]],
     ["reported:Deutsche Presse-Agentur"]),
    ("compound Polizeiangaben", [["Nach Polizeiangaben gab es keine Toten."]], ["reported:Polizei"]),
    ("zufolge", [["In zwei Vierteln gab es dem Portal Vlast.kz zufolge Schießereien."]], ["reported:Vlast.kz"]),
    ("unknown outlet", [["Dem Nachrichtenportal Tengrinews zufolge brannten mehrere Autos."]],
     ["reported:Tengrinews"]),
    ("wie … meldete", [["Lukaschenko telefonierte mit Nasarbajew, wie die Staatsagentur Belta in Minsk meldete."]],
     ["reported:Belta"]),
    ("wie … berichtet", [["Wie die Nachrichtenagentur Interfax berichtet, wurden zwei Brücken gesprengt."]],
     ["reported:Interfax"]),
    ("subject berichtete, dass", [["Das Staatsfernsehen berichtete am Freitag, dass 26 Menschen starben."]],
     ["reported:Staatsfernsehen"]),
    ("subject after a fronted phrase",
     [["Über die Festnahme von Demonstranten berichtete das Staatsfernsehen am Abend."]],
     ["reported:Staatsfernsehen"]),
    ("sagte ein Sprecher der", [['"Die Lage ist unter Kontrolle", sagte ein Sprecher der Regierung.']],
     ["reported:Regierung"]),
    ("teilte … mit", [["Am Montag teilte das Innenministerium mit, dass die Grenze geschlossen bleibe."]],
     ["reported:Innenministerium"]),
    ("Regierungssprecher", [["Ein Regierungssprecher sagte, die Truppen seien abgezogen."]], ["reported:Regierung"]),
    ("aus Regierungskreisen", [["Wie es aus Regierungskreisen hieß, wird das Kabinett umgebildet."]],
     ["reported:Regierung"]),
    ("unter Berufung auf", [["Die Agentur Interfax berichtete unter Berufung auf Sicherheitskreise von Schüssen."]],
     ["reported:Interfax"]),
    ("so die Polizei", [["Die Einsätze dauerten bis zum Morgen, so die Polizei."]], ["reported:Polizei"]),
    ("a name the lexicon does not know", [['"Wir bleiben", sagte Petrow.', "Die Lage sei ruhig, so Petrow."]],
     ["reported:Petrow", "reported:Petrow"]),
    ("person with a title", [['Präsident Kassym-Schomart Tokajew sprach von 20 000 "Terroristen".']],
     ["reported:Kassym-Schomart Tokajew"]),
    ("Augenzeugen berichteten", [["Augenzeugen berichteten von Schüssen im Zentrum."]], ["reported:Augenzeugen"]),
    ("nach eigenen Angaben", [["Die Rebellen haben nach eigenen Angaben den Flughafen eingenommen."]],
     ["reported:Rebellen"]),
    # --- unnamed sources ---
    ("Offiziellen Angaben zufolge", [["Offiziellen Angaben zufolge starben 18 Polizisten."]], ["reported"]),
    ("einem Agenturbericht zufolge", [["Die Regierung reagiert einem Agenturbericht zufolge auf die Lage."]],
     ["reported"]),
    ("soll … haben", [["Der Minister soll Bestechungsgelder angenommen haben."]], ["reported"]),
    ("offenbar", [["Die Regierung stoppt offenbar alle Rüstungsexporte."]], ["reported"]),
    ("angeblich", [["Der angebliche Anführer der Gruppe wurde gefasst."]], ["reported"]),
    ("Konjunktiv I alone", [["Für die Regierung gelte es, das Recht zu schützen."]], ["reported"]),
    # --- carried over ---
    ("demnach", [["Nach Angaben der Polizei wurden zwölf Menschen festgenommen.",
                  "Unter ihnen sind demnach zwei Minderjährige."]],
     ["reported:Polizei", "reported:Polizei"]),
    ("heißt es in dem Bericht", [["Die Zeitung Kommersant berichtete über neue Festnahmen.",
                                  "Die Behörden seien überfordert, heißt es in dem Bericht."]],
     ["reported:Kommersant", "reported:Kommersant"]),
    ("Konjunktiv I continues", [["Die Armee meldete am Morgen neue Gefechte.",
                                 "Dabei seien zwei Soldaten verletzt worden.", "Der Nachschub sei gesichert."]],
     ["reported:Armee", "reported:Armee", "reported:Armee"]),
    ("Konjunktiv II continues", [["Medienberichten zufolge gab es Tote.", "Die Polizisten hätten das Feuer eröffnet."]],
     ["reported", "reported"]),
    ("Konjunktiv II in a conditional", [["Die Polizei meldete drei Tote.",
                                        "Wenn die Retter früher gekommen wären, hätte man Leben retten können."]],
     ["reported:Polizei", "stated"]),
    ("a hedge does not continue", [["Die Polizei meldete mehrere Festnahmen.", "Offenbar flohen einige Täter."]],
     ["reported:Polizei", "reported"]),
    ("indicative breaks the chain", [["Die Armee meldete neue Gefechte.", "Der Präsident reiste nach Moskau.",
                                      "Die Lage sei ernst."]],
     ["reported:Armee", "stated", "reported"]),
    # --- rumours and unverified claims ---
    ("Gerüchte", [["Seither gab es Gerüchte, der Präsident habe das Land verlassen.", "Er sei nach Dubai geflogen."]],
     ["rumour", "rumour"]),
    ("gemunkelt", [["Es wird gemunkelt, dass der Minister zurücktreten will."]], ["rumour"]),
    ("Spekulationen", [["Es gibt Spekulationen über einen Putsch im Militär."]], ["rumour"]),
    ("unbestätigten Berichten zufolge", [["Unbestätigten Berichten zufolge wurde der General verhaftet."]],
     ["unverified"]),
    ("note opening a paragraph covers the one before from its first attribution",
     [["Die Lage im Norden ist angespannt.", "Die Rebellen meldeten die Einnahme der Stadt.",
       "Es habe heftige Kämpfe gegeben.", "Viele Bewohner flohen."],
      ["Die Angaben konnten nicht unabhängig bestätigt werden.", "Die Regierung äußerte sich nicht."]],
     ["stated", "unverified:Rebellen", "unverified:Rebellen", "unverified", "stated", "stated"]),
    ("note inside its paragraph covers that paragraph",
     [["Der Bürgermeister eröffnete die Brücke."],
      ["Die Armee zog Truppen zusammen.", "Nach Angaben der Armee wurden 30 Kämpfer getötet.",
       "Das ließ sich nicht unabhängig überprüfen."]],
     ["stated", "stated", "unverified:Armee", "stated"]),
    ("note in a claim covers that claim",
     [["Der Präsident trat zurück.",
       "Nach Angaben der Rebellen wurden 30 Soldaten getötet, was sich nicht unabhängig überprüfen ließ."]],
     ["stated", "unverified:Rebellen"]),
    ("note after no claim covers nothing", [["Die Feuerwehr löschte den Brand."], ["Die Zahlen sind nicht verifizierbar."]],
     ["stated", "stated"]),
]


@pytest.mark.parametrize("document, expected", [(d, e) for _, d, e in CASES], ids=[name for name, _, _ in CASES])
def test_attribution(document: list[list[str]], expected: list[str]) -> None:
    expect(run(document), expected)


@pytest.mark.parametrize("sentence, cue", [
    ("Nach Informationen der Deutschen Presse-Agentur ist der Export gestoppt.",
     "Nach Informationen der Deutschen Presse-Agentur"),
    ("Am Montag teilte das Innenministerium am Abend mit, die Grenze sei zu.", "teilte … mit"),
    ("In der Nacht soll es erneut zu Schießereien in Almaty gekommen sein.", "soll … sein"),
    ("Er telefonierte mit Nasarbajew, wie die Staatsagentur Belta in Minsk meldete.",
     "wie die Staatsagentur Belta in Minsk meldete"),
    ("Die Regierung reagiert einem Agenturbericht zufolge auf die Lage.", "einem Agenturbericht zufolge"),
])
def test_cue_text_as_written(sentence: str, cue: str) -> None:
    [(_, attribution)] = attribute([sentence], [0], DE)
    assert attribution is not None and attribution.text == cue


def test_own_statement_is_the_acting_actor() -> None:
    actors = [[Mention(name="Soldaten", kind="group", text="Soldaten"),
               Mention(name="OVKS", kind="organisation", text="Bündnis", role="actor")]]
    [(certainty, attribution)] = attribute(["Nach eigenen Angaben entsandte das Bündnis 2500 Soldaten."], [0], DE,
                                           actors=actors)
    assert certainty == "reported" and attribution == Attribution("OVKS", "Nach eigenen Angaben")


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError):
        attribute(["Ein Satz.", "Noch einer."], [0], DE)


# The shipped report, sentence by sentence (by their openings); every other sentence is stated.
SHIPPED = {
    "Damit reagiert die Bundesregierung": "reported",                       # einem Agenturbericht zufolge
    "In der Nacht zum Samstag soll es": "reported",                         # soll … sein
    "Wegen des Konflikts in Kasachstan": "reported",                        # offenbar
    "Nach Informationen der Deutschen": "reported:Deutsche Presse-Agentur",
    "Im vergangenen Jahr wurden demnach": "reported:Deutsche Presse-Agentur",
    "Das sei ein vergleichsweise": "reported:Deutsche Presse-Agentur",      # heißt es in dem Bericht
    "Für die Bundesregierung gelte es": "reported",                         # Konjunktiv I
    # the paragraph the note "nicht unabhängig überprüfen" covers, from its first attribution on
    "Das Staatsfernsehen meldete": "unverified:Staatsfernsehen",
    "Die Einsätze konzentrierten sich": "unverified",
    "An mindestens zwei Plätzen": "unverified:Vlast.kz",
    "Es sei zudem zu Explosionen": "unverified:Vlast.kz",
    "Augenzeugen hätten": "unverified:Augenzeugen",
    "Sicherheitskräfte patrouillierten": "unverified",
    "Präsident Kassym-Schomart Tokajew sprach": "reported:Kassym-Schomart Tokajew",
    'Die "Banditen und Terroristen" seien': "reported:Kassym-Schomart Tokajew",
    "Das Staatsfernsehen berichtete": "reported:Staatsfernsehen",
    "Zudem habe es landesweit": "reported:Staatsfernsehen",
    "Offiziellen Angaben zufolge": "reported",
    "Er verteidigte dies": "reported",                                      # es werde keine Gespräche geben
    "Seither gab es Gerüchte": "rumour",
    "Am Freitagabend telefonierte": "reported:Belta",
    "Es sei um die Lage": "reported:Belta",
    "Die Organisation des Vertrags": "reported:Organisation des Vertrags über kollektive Sicherheit",
}


def test_shipped_report() -> None:
    document = read_document(timeline.shipped_report())
    sentences = split_sentences(document.text, document.body_start, DE)
    results = attribute([s.text for s in sentences], [s.paragraph for s in sentences], DE)
    expected = []
    for sentence in sentences:
        matching = [v for k, v in SHIPPED.items() if sentence.text.startswith(k)]
        expected.append(matching[0] if matching else "stated")
    assert sum(1 for e in expected if e != "stated") == len(SHIPPED)
    expect(results, expected)
    unruhig = next(i for i, s in enumerate(sentences) if s.text.startswith("Die Lage in Kasachstan ist"))
    assert results[unruhig] == ("stated", None)       # the reporter's own framing stays outside the note


_WORDS = st.sampled_from(
    "Die der dem Polizei Regierung sagte meldete berichtete zufolge laut nach Angaben eigenen soll sein haben "
    "sei seien habe hätten wäre könnte wenn offenbar Gerüchte demnach heißt es wie so , : \" „ “ nicht "
    "unabhängig überprüfen Staatsfernsehen Augenzeugen Vlast.kz teilte mit Sprecher Bericht dem".split())
_SENTENCES = st.one_of(
    st.text(max_size=80),
    st.lists(_WORDS, max_size=15).map(lambda words: " ".join(words) + "."),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_SENTENCES, st.integers(0, 3)), max_size=8))
def test_any_text(document: list[tuple[str, int]]) -> None:
    sentences = [s for s, _ in document]
    paragraphs = sorted(p for _, p in document)
    results = attribute(sentences, paragraphs, DE)
    assert len(results) == len(sentences)
    for certainty, attribution in results:
        assert certainty in CERTAINTIES
        assert attribution is None or isinstance(attribution, Attribution)
        assert (attribution is None) == (certainty == "stated") or certainty == "unverified"
