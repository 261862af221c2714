"""Event types from cue lexicons: sentences of German news, the lexicon's integrity, robustness."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.event_types import classify_event, event_type_ids, taxonomy
from timeline.lang import available_languages, load_language

DE = load_language("de")

# (sentence, expected type): the sentences of the shipped report first, then invented ones.
TYPED = [
    # the shipped report
    ("Das Staatsfernsehen berichtete am Freitag, dass bisher 26 Demonstranten ums Leben gekommen seien.",
     "fatalities"),
    ("Bundeskanzler Olaf Scholz rief am Freitag zu einem Ende der Gewalt in Kasachstan auf.", "statement"),
    ("Tokajew setzte ihn am Mittwoch als Chef des Sicherheitsrats ab.", "decision"),
    ("In der Nacht zum Samstag soll es erneut zu Schießereien in Almaty gekommen sein.", "armed-clash"),
    ("Wegen des Konflikts stoppt die Bundesregierung offenbar Exporte von Rüstungsgütern", "sanction"),
    ("Präsident Tokajew hat den Sicherheitskräften einen Schießbefehl gegen Demonstranten erteilt.", "crackdown"),
    ("Sicherheitskräfte in Almaty stellten sich am Mittwoch den Demonstranten entgegen.", "crackdown"),
    ("Das Staatsfernsehen meldete, dass die Sicherheitskräfte in mehreren Städten gegen Demonstranten vorgingen.",
     "crackdown"),
    ("Es sei zudem zu Explosionen gekommen.", "explosion"),
    ("Zudem habe es landesweit mehr als 4000 Festnahmen gegeben.", "arrest"),
    ("Immer wieder wird das Internet in dem zentralasiatischen Land abgestellt.", "communications-shutdown"),
    ("Am Freitagabend telefonierte der belarussische Machthaber Alexander Lukaschenko mit Nasarbajew, wie die "
     "Staatsagentur Belta in Minsk meldete.", "diplomacy"),
    ("Tokajew hatte überraschend ein Militärbündnis um Unterstützung gebeten.", "military-deployment"),
    ("Die OVKS entsandte insgesamt 2500 Soldaten", "military-deployment"),
    # "gewaltsame Proteste" make it a riot; a parenthesis between dashes does not end the clause
    ("Die Demonstrationen schlugen in - auch gewaltsame - Proteste gegen die Staatsführung um.", "riot"),
    ("Der heute 81-Jährige trat zwar 2019 zurück.", "decision"),
    ("Trotzdem sei angesichts der aktuellen Lage ein Exportstopp geboten, heißt es in dem Bericht.", "sanction"),
    ("Offiziellen Angaben zufolge starben bislang auch mindestens 18 Polizisten und Soldaten.", "fatalities"),
    ("Er appellierte an die autoritäre Führung in Nur-Sultan.", "statement"),
    # fatalities
    ("Bei dem Angriff auf ein Dorf im Norden des Landes wurden mindestens zwölf Menschen getötet.", "fatalities"),
    ("Nach Angaben des Gesundheitsministeriums gab es 40 Tote und mehr als 300 Verletzte.", "fatalities"),
    ("Die Zahl der Todesopfer stieg bis zum Abend auf 31.", "fatalities"),
    ("Zwei Polizisten wurden bei den Zusammenstößen schwer verletzt.", "fatalities"),
    ("Ein Demonstrant wurde von Scharfschützen erschossen.", "fatalities"),
    ("Bei dem Erdbeben kamen mehr als 200 Menschen ums Leben.", "fatalities"),
    # armed-clash
    ("Im Osten des Landes lieferten sich Armee und Rebellen heftige Gefechte.", "armed-clash"),
    ("Bei schweren Kämpfen um die Stadt rückten die Regierungstruppen weiter vor.", "armed-clash"),
    ("Unbekannte feuerten in der Nacht auf einen Kontrollposten der Armee.", "armed-clash"),
    ("Augenzeugen berichteten von Schüssen im Regierungsviertel.", "armed-clash"),
    ("Bewaffnete griffen am Montag eine Polizeiwache an.", "armed-clash"),
    ("Es kam zu einem Schusswechsel zwischen Schmugglern und Grenzschützern.", "armed-clash"),
    # explosion
    ("Bei einem Anschlag auf einen Markt in der Hauptstadt explodierte eine Autobombe.", "explosion"),
    ("Die Luftwaffe flog in der Nacht erneut Luftangriffe auf Stellungen der Miliz.", "explosion"),
    ("Die Stadt liegt seit Tagen unter schwerem Beschuss.", "explosion"),
    ("Eine Bombe detonierte vor dem Eingang des Ministeriums.", "explosion"),
    ("Raketen schlugen in einem Wohnviertel der Stadt ein.", "explosion"),
    # riot
    ("In mehreren Vierteln kam es zu Plünderungen und Brandstiftungen.", "riot"),
    ("Hunderte Randalierer stürmten das Rathaus und setzten Autos in Brand.", "riot"),
    ("Die Ausschreitungen dauerten bis in die frühen Morgenstunden.", "riot"),
    ("Jugendliche warfen Steine auf Polizeifahrzeuge.", "riot"),
    ("Die Kundgebung schlug am Abend in Gewalt um.", "riot"),
    ("Demonstranten zündeten das Parteibüro der Regierungspartei an.", "riot"),
    # crackdown
    ("Die Polizei setzte Tränengas und Wasserwerfer gegen die Menge ein.", "crackdown"),
    ("Die Behörden lösten die Kundgebung gewaltsam auf.", "crackdown"),
    ("Sicherheitskräfte trieben die Menschenmenge mit Schlagstöcken auseinander.", "crackdown"),
    ("Die Armee schlug den Aufstand blutig nieder.", "crackdown"),
    ("Soldaten schossen auf friedliche Demonstranten.", "crackdown"),
    # arrest
    ("Die Polizei nahm am Montag zwölf Oppositionelle fest.", "arrest"),
    ("Der Journalist wurde am Flughafen verhaftet.", "arrest"),
    ("Bei Razzien wurden mehrere mutmaßliche Mitglieder der Gruppe festgenommen.", "arrest"),
    ("Der frühere Minister sitzt seit März in Untersuchungshaft.", "arrest"),
    ("Menschenrechtler berichten von Massenfestnahmen in der Provinz.", "arrest"),
    ("Der Oppositionsführer wurde unter Hausarrest gestellt.", "arrest"),
    # protest
    ("Tausende Menschen gingen am Wochenende in der Hauptstadt auf die Straße.", "protest"),
    ("Die Gewerkschaften riefen für Donnerstag einen Generalstreik aus.", "protest"),
    ("Vor dem Parlament versammelten sich Hunderte zu einer Mahnwache.", "protest"),
    ("Studenten demonstrierten gegen die Erhöhung der Studiengebühren.", "protest"),
    ("Die Lokführer streiken seit Montag.", "protest"),
    ("Zu der Kundgebung kamen nach Polizeiangaben rund 5000 Menschen.", "protest"),
    ("Die Beschäftigten legten am Morgen die Arbeit nieder.", "protest"),
    # military-deployment
    ("Russland verlegte zusätzliche Truppen an die Grenze.", "military-deployment"),
    ("Die Nato will weitere Kampfjets im Baltikum stationieren.", "military-deployment"),
    ("Die Regierung bat die Vereinten Nationen um die Entsendung von Blauhelmen.", "military-deployment"),
    ("Der Einmarsch begann in den frühen Morgenstunden.", "military-deployment"),
    ("Panzer patrouillierten durch die Innenstadt.", "military-deployment"),
    # sanction
    ("Die EU verhängte neue Sanktionen gegen führende Vertreter des Regimes.", "sanction"),
    ("Washington verhängte ein Einreiseverbot gegen den Generalstaatsanwalt.", "sanction"),
    ("Der Sicherheitsrat beschloss ein Waffenembargo gegen das Land.", "sanction"),
    ("Die Bundesregierung setzte alle Rüstungsexporte in die Region aus.", "sanction"),
    ("Die Konten mehrerer Oligarchen wurden eingefroren, ihr Vermögen beschlagnahmt.", "sanction"),
    ("Das Land wies zwei Diplomaten aus.", "sanction"),
    # communications-shutdown
    ("Die Behörden sperrten landesweit den Zugang zu Messengerdiensten wie Telegram.", "communications-shutdown"),
    ("Seit Mittwoch gilt eine landesweite Internetsperre.", "communications-shutdown"),
    ("Das Mobilfunknetz in der Region wurde am Abend abgeschaltet.", "communications-shutdown"),
    ("Die Regierung blockiert Messenger und soziale Netzwerke.", "communications-shutdown"),
    ("Die Nachbarländer schlossen ihre Grenzen.", "communications-shutdown"),
    # decision
    ("Der Präsident entließ am Mittwoch die Regierung.", "decision"),
    ("Das Parlament ernannte den bisherigen Finanzminister zum Regierungschef.", "decision"),
    ("Der Innenminister trat nach wochenlanger Kritik zurück.", "decision"),
    ("Über die Hauptstadt wurde der Ausnahmezustand verhängt.", "decision"),
    ("Der Präsident rief den Notstand aus.", "decision"),
    ("Die Regierungschefin ordnete eine nächtliche Ausgangssperre an.", "decision"),
    ("Der Staatschef löste das Parlament auf und setzte Neuwahlen an.", "decision"),
    ("Das Verfassungsgericht verbot die Partei.", "decision"),
    # diplomacy
    ("Die Außenminister beider Länder trafen sich am Rande des Gipfels in Genf.", "diplomacy"),
    ("Putin und Biden führten ein Telefongespräch über die Lage.", "diplomacy"),
    ("Der Kanzler besuchte am Dienstag den Präsidenten in Warschau.", "diplomacy"),
    ("Vertreter beider Seiten verhandelten die ganze Nacht über eine Waffenruhe.", "diplomacy"),
    ("Die Konfliktparteien vereinbarten einen Gefangenenaustausch.", "diplomacy"),
    ("Der Premierminister empfing seinen Amtskollegen zu Gesprächen.", "diplomacy"),
    # statement
    ("Der Außenminister sagte, man beobachte die Lage mit großer Sorge.", "statement"),
    ("Die UN forderten alle Seiten zur Zurückhaltung auf.", "statement"),
    ("Menschenrechtsorganisationen kritisierten das Vorgehen scharf.", "statement"),
    ("Die Regierung warnte vor einer weiteren Eskalation.", "statement"),
    ("Der Sprecher erklärte, die Armee habe die Lage unter Kontrolle.", "statement"),
    ("Die Opposition wies die Vorwürfe zurück.", "statement"),
    ("Der Papst appellierte an alle Beteiligten, die Waffen niederzulegen.", "statement"),
    ("Der Minister kündigte eine unabhängige Untersuchung an.", "statement"),
]

UNTYPED = [
    "Viele Menschen sind frustriert über Korruption und Machtmissbrauch im Land.",
    "Die Lage in Kasachstan ist weiterhin unruhig.",
    "Das löste im Westen Sorgen aus.",
    "Die Angaben lassen sich allerdings nicht unabhängig überprüfen.",
    "Er galt aber weiterhin als mächtigster Mann im Staat.",
    "Die Gaspreise waren zum Jahreswechsel deutlich gestiegen.",
    "Die Wirtschaft des Landes hängt stark vom Export von Öl und Gas ab.",
    "Die Kosten für das Projekt explodierten im vergangenen Jahr.",       # economy, not a blast
    "Im Wahlkampf gab es heftige Machtkämpfe innerhalb der Partei.",      # no armed fighting
    "Der Ausschuss tagt am Donnerstag.",                                   # no "Schuss"
    "Die Bank meldete einen Gewinn von 722 Millionen Euro.",             # a report, no statement
    "Die Pläne betreffen vor allem kleinere Gemeinden.",                  # "betreffen" is no "Treffen"
    "Er stellte fest, dass die Zahlen gestiegen waren.",                  # "stellte ... fest" is no arrest
    "Der Trainer sagte das Training am Dienstag ab.",                     # "sagte ... ab" is no "sagen"
    "Die neue Brücke soll im Herbst fertig sein.",
    "Das Konzert war ausverkauft.",
    "Die Arbeiten werden im Frühjahr in Angriff genommen.",
]


@pytest.mark.parametrize(("sentence", "expected"), TYPED, ids=[t for _, t in TYPED])
def test_typed_sentence(sentence: str, expected: str) -> None:
    assert classify_event(sentence, DE) == expected


@pytest.mark.parametrize("sentence", UNTYPED)
def test_untyped_sentence(sentence: str) -> None:
    assert classify_event(sentence, DE) is None


def test_every_type_is_covered_by_the_tables() -> None:
    covered = {expected for _, expected in TYPED}
    assert covered == set(event_type_ids())


# particles at a clause end, phrases and failed phrases, compounds, case, underscores, letters
# whose lower case is longer, numbers with a comma
TRICKY_INPUTS = [
    ('Die Polizei nahm den Mann fest.', 'arrest'),
    ('Die Polizei nahm den Mann fest und setzte ihn ab.', 'arrest'),
    ('Er nahm an, dass alles gut geht.', None),
    ('Bei schweren Kämpfen starben zwölf Menschen.', 'fatalities'),
    ('Bei schweren Kämpfenxxxxxxx um die Stadt.', None),
    ('Zwei Menschen kamen ums Leben.', 'fatalities'),
    ('Zwei Menschen kamen ums Lebens.', None),
    ('Das Haus geriet in Brand.', None),
    ('Das Gesetz trat in Kraft.', 'decision'),
    ('Sie sind im Gespräch.', None),
    ('DIE POLIZEI NAHM ZWÖLF DEMONSTRANTEN FEST.', 'arrest'),
    ('Er sagte: „Wir greifen an.“', 'armed-clash'),
    ('Ein Schuß fiel.', None),
    ('Die Wahlkämpfe laufen.', None),
    ('Massenfestnahmen in der Stadt', 'arrest'),
    ('Die Feuergefechte dauerten an', 'armed-clash'),
    ('Treffen der Minister', 'diplomacy'),
    ('Sie treffen sich morgen', None),
    ('betreffen', None),
    ('Bundeswehr_Angriff am Morgen', 'armed-clash'),
    ('Angriff_auf die Stadt', None),
    ('İstanbul: Anschlag', 'explosion'),
    ('Anschläge; Festnahmen, 4,5 Tote', 'fatalities'),
    ('Er setzte ihn ab, weil', 'decision'),
    ('Er sagte ab – und ging.', None),
    ('Er sagte ab bzw. zu.', None),
    ('', None),
    ('   ', None),
    ('ab', None),
    ('Ab.', None),
    ('Proteste gegen die Regierung', 'protest'),
    ('In der Nacht wurde geschossen', None),
    ('Es kam zu Explosionen', 'explosion'),
    ('Raketen schlugen ein.', 'explosion'),
    ('Er appellierte an die Führung', 'statement'),
    ('x2Angriffe', 'armed-clash'),
    ('Angriff2', None),
    ('ẞ Test', None),
    ('Die USA verhängten Sanktionen', 'sanction'),
    ('Exportstopp geboten', 'sanction'),
]


@pytest.mark.parametrize(("sentence", "expected"), TRICKY_INPUTS)
def test_tricky_inputs(sentence: str, expected: str | None) -> None:
    assert classify_event(sentence, DE) == expected


def test_classify_event_is_the_same_when_words_recur() -> None:
    sentence = "Die Polizei nahm den Mann fest, Massenfestnahmen folgten."
    assert classify_event(sentence, DE) == classify_event(sentence, DE) == "arrest"


def test_taxonomy_fields() -> None:
    for entry in taxonomy():
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", entry["id"])
        assert all(entry.get(key) for key in ("label", "short", "description", "acled", "cameo"))
    assert len(set(event_type_ids())) == len(taxonomy())


@pytest.mark.parametrize("lang", available_languages())
def test_cues_name_known_types_and_cover_every_type(lang: str) -> None:
    cues = load_language(lang).data["event_types"]["cues"]
    assert set(cues) == set(event_type_ids())
    assert all(cues[type_id] for type_id in cues)


def test_groups_used_in_cues_exist() -> None:
    data = load_language("de").data["event_types"]
    used = {name for specs in data["cues"].values() for spec in specs for name in re.findall(r"@(\w+)", spec)}
    assert used <= set(data["groups"])


def test_separable_verb_needs_its_particle_at_the_clause_end() -> None:
    assert classify_event("Die Polizei nahm den Mann am Bahnhof fest.", DE) == "arrest"
    assert classify_event("Die Polizei nahm den Mann fest, der geflohen war.", DE) == "arrest"
    assert classify_event("Die Polizei nahm den Mann fest und setzte ihn in ein Auto.", DE) == "arrest"
    assert classify_event("Er nahm an der Sitzung teil.", DE) is None
    assert classify_event("Er nahm fest an, dass alles gut geht.", DE) is None


def test_spelling_variants() -> None:
    assert classify_event("In der Stadt kam es zu Schiessereien.", DE) == "armed-clash"        # Swiss spelling
    assert classify_event("Ein Schuß fiel, dann eine Schießerei.", DE) == "armed-clash"         # old spelling
    assert classify_event("DIE POLIZEI NAHM ZWÖLF DEMONSTRANTEN FEST.", DE) == "arrest"


def test_a_language_without_cues_classifies_nothing() -> None:
    without_cues = dataclasses.replace(DE, data={}, _compiled={})
    assert classify_event("Die Polizei nahm den Mann fest.", without_cues) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    assert classify_event(text, DE) in (None, *event_type_ids())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Die", "Polizei", "nahm", "fest", "ab", ",", "und", "Tote", "Schießbefehl",
                                 "sagte", "auf", "Demonstranten", "ß", "–", ":", "Internet", "abgestellt"]),
                max_size=30))
def test_random_cue_words_never_crash(words: list[str]) -> None:
    assert classify_event(" ".join(words), DE) in (None, *event_type_ids())
