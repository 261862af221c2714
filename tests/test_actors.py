"""Actors: names, references back to persons (pronouns, descriptions) and roles, per document."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import parse_report
from timeline.extract.actors import find_actors
from timeline.lang import load_language
from timeline.model import ROLES
from timeline.segment import split_sentences

DE = load_language("de")


def actors_of(*sentences: str) -> list[list[tuple[str, str, str]]]:
    """(canonical name, text, role) of the actors of each sentence."""
    return [[(m.name, m.text, m.role) for m in mentions] for mentions in find_actors(list(sentences), DE)]


# Each case: a small document (its sentences) and the actors expected in its last sentence.
@pytest.mark.parametrize("sentences, expected", [
    # a subject pronoun means the only person of the sentence before
    (["Bundeskanzler Olaf Scholz rief am Freitag zu einem Ende der Gewalt auf.", "Er appellierte an die Führung."],
     [("Olaf Scholz", "Er", "actor")]),
    # … or that sentence's acting person when it names several
    (["Präsident Emmanuel Macron empfing Kanzler Friedrich Merz in Paris.", "Er sprach von einem guten Treffen."],
     [("Emmanuel Macron", "Er", "actor")]),
    # two persons and no acting one: left unresolved
    (["Ein Treffen von Präsident Emmanuel Macron und Kanzler Friedrich Merz wurde abgesagt.", "Er bedauerte das."],
     []),
    # no person before: unresolved
    (["Die Lage in der Stadt ist ruhig.", "Er bedauerte das."], []),
    # "Sie" only for a person known to be a woman
    (["Außenministerin Annalena Baerbock reiste nach Kiew.", "Sie traf dort Soldaten."],
     [("Annalena Baerbock", "Sie", "actor"), ("Soldaten", "Soldaten", "involved")]),
    (["Präsident Wolodymyr Selenskyj sprach in Kiew.", "Sie forderten mehr Waffen."], []),
    # an object pronoun means the other person of the sentence before; the acting one acts on it
    (["Der Ex-Minister Hans Berger galt als mächtig.", "Kanzler Otto Brandt entließ ihn am Montag."],
     [("Otto Brandt", "Otto Brandt", "actor"), ("Hans Berger", "ihn", "affected")]),
    # an age description binds to the only person before, and later mentions of that age follow it
    (["Der Streik richtete sich gegen den Minister Karl Huber.", "Der heute 67-Jährige trat 2020 zurück.",
      "Die Polizei nahm an, der 67-Jährige habe das Land verlassen."],
     [("Polizei", "Polizei", "actor"), ("Karl Huber", "der 67-Jährige", "involved")]),
    # a former office: the only person introduced as a former office holder
    (["Präsident Ali Demir traf den früheren Regierungschef Murat Kaya.", "Der Präsident lobte ihn.",
      "Über den Aufenthalt des Ex-Präsidenten ist nichts bekannt."],
     [("Murat Kaya", "des Ex-Präsidenten", "involved")]),
    # a bare title means the only person introduced with it
    (["Präsident Ali Demir traf den früheren Regierungschef Murat Kaya.", "Der Präsident lobte das Treffen."],
     [("Ali Demir", "Der Präsident", "actor")]),
    # a later surname alone is the same person
    (["Präsident Kassym-Schomart Tokajew sprach.", "Tokajew setzte den Chef des Sicherheitsrats ab."],
     [("Kassym-Schomart Tokajew", "Tokajew", "actor"), ("Sicherheitsrat", "Sicherheitsrats", "involved")]),
    # roles from position: a subject after the verb, objects after prepositions
    (["Am Freitagabend telefonierte der belarussische Machthaber Alexander Lukaschenko mit Präsident Wladimir Putin."],
     [("Alexander Lukaschenko", "Alexander Lukaschenko", "actor"), ("Wladimir Putin", "Wladimir Putin", "involved")]),
    (["Sicherheitskräfte stellten sich am Mittwoch den Demonstranten entgegen."],
     [("Sicherheitskräfte", "Sicherheitskräfte", "actor"), ("Demonstranten", "Demonstranten", "affected")]),
    (["Die Polizei ging mit Tränengas gegen Demonstranten vor."],
     [("Polizei", "Polizei", "actor"), ("Demonstranten", "Demonstranten", "affected")]),
    (["Der Unmut der Demonstranten richtete sich gegen die Regierung."],
     [("Demonstranten", "Demonstranten", "involved"), ("Regierung", "Regierung", "affected")]),
    (["In Almaty griffen Demonstranten das Rathaus an."], [("Demonstranten", "Demonstranten", "actor")]),
    # victims never act
    (["Bei dem Anschlag gab es zwölf Tote und viele Verletzte."],
     [("Tote", "Tote", "affected"), ("Verletzte", "Verletzte", "affected")]),
])
def test_actors_of_last_sentence(sentences, expected):
    assert actors_of(*sentences)[-1] == expected


def test_a_source_acts_only_when_no_one_else_can():
    sentence = "Das Staatsfernsehen meldete, dass die Sicherheitskräfte gegen Demonstranten vorgingen."
    mentions = find_actors([sentence], DE, sources=[frozenset({"Staatsfernsehen"})])[0]
    assert [(m.name, m.role) for m in mentions] == [
        ("Staatsfernsehen", "involved"), ("Sicherheitskräfte", "actor"), ("Demonstranten", "affected")]
    alone = find_actors(["Das Staatsfernsehen meldete neue Zahlen."], DE, sources=[frozenset({"Staatsfernsehen"})])[0]
    assert [(m.name, m.role) for m in alone] == [("Staatsfernsehen", "actor")]


def test_headings_are_not_the_sentence_before():
    sentences = ["Kanzler Otto Brandt sprach am Montag.", "Präsident Ali Demir verteidigt Entscheidung",
                 "Er appellierte an alle Seiten."]
    mentions = find_actors(sentences, DE, skip=[False, True, False])
    assert [(m.name, m.text) for m in mentions[2]] == [("Otto Brandt", "Er")]


def test_aliases_are_the_other_names_of_an_actor():
    mentions = find_actors(["Präsident Kassym-Schomart Tokajew sprach.", "Tokajew schwieg danach.",
                            "Die Organisation des Vertrags über kollektive Sicherheit entsandte Soldaten."], DE)
    tokajew = mentions[1][0]
    assert tokajew.name == "Kassym-Schomart Tokajew" and "Tokajew" in tokajew.aliases
    ovks = mentions[2][0]
    assert "OVKS" in ovks.aliases
    assert not any(" " in a and a.lower().startswith("organisation des vertrag") and a == ovks.name
                   for a in ovks.aliases)


def test_shipped_report_actors():
    """The acceptance of issue 4 on the shipped report."""
    parsed = parse_report("timeline/data/reports/kasachstan-2022-01.txt")
    by_sentence = {e.sentence: e for e in parsed.events}
    names = {m.name for e in parsed.events for m in e.actors}
    assert {"Kassym-Schomart Tokajew", "Nursultan Nasarbajew", "Olaf Scholz", "Alexander Lukaschenko",
            "Bundesregierung", "Staatsfernsehen", "Organisation des Vertrags über kollektive Sicherheit",
            "Sicherheitskräfte"} <= names
    twitter = next(e for s, e in by_sentence.items() if s.startswith("Er verteidigte dies"))
    assert twitter.main_actor.name == "Kassym-Schomart Tokajew"
    appeal = next(e for s, e in by_sentence.items() if s.startswith("Er appellierte"))
    assert appeal.main_actor.name == "Olaf Scholz"
    dismissal = next(e for s, e in by_sentence.items() if s.startswith("Tokajew setzte ihn"))
    assert [(m.name, m.role) for m in dismissal.actors][:2] == [
        ("Kassym-Schomart Tokajew", "actor"), ("Nursultan Nasarbajew", "affected")]


@settings(derandomize=True, database=None, max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ErSieihnDer Präsident81-Jährige Tokajew,.")), max_size=60),
                max_size=5))
def test_never_fails_and_roles_are_valid(sentences):
    result = find_actors(sentences, DE)
    assert len(result) == len(sentences)
    for mentions in result:
        assert sum(1 for m in mentions if m.role == "actor") <= 1
        assert all(m.role in ROLES for m in mentions)


def test_sentences_of_a_real_segmentation_work():
    text = "Präsident Ali Demir sprach am Montag. Er kündigte Reformen an."
    sentences = [s.text for s in split_sentences(text, 0, load_language("de"))]
    assert actors_of(*sentences)[1] == [("Ali Demir", "Er", "actor")]


def test_timeline_lists_actors_with_aliases_and_counts():
    parsed = parse_report("timeline/data/reports/kasachstan-2022-01.txt")
    from timeline import Timeline
    actors = {a.name: a for a in Timeline(parsed.events).actors()}
    assert actors["Kassym-Schomart Tokajew"].aliases == ("Tokajew",)
    assert actors["Kassym-Schomart Tokajew"].events == actors["Kassym-Schomart Tokajew"].acting == 5
    assert {"OVKS", "CSTO"} <= set(actors["Organisation des Vertrags über kollektive Sicherheit"].aliases)
    assert actors["Nursultan Nasarbajew"].affected == 2


def test_actors_command(tmp_path):
    from typer.testing import CliRunner

    from timeline.cli import app
    store = tmp_path / "events.yaml"
    runner = CliRunner()
    assert runner.invoke(app, ["parse", "timeline/data/reports/kasachstan-2022-01.txt", "-o", str(store),
                               "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["actors", "--events", str(store), "--no-color", "--width", "160"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["actor", "kind", "events"]
    assert any(line.startswith("Kassym-Schomart Tokajew") and "Tokajew" in line.split("person")[1] for line in lines)
    as_json = runner.invoke(app, ["actors", "--events", str(store), "--json", "--actor", "Tokayev"])
    assert [a["name"] for a in json.loads(as_json.stdout)] == ["Kassym-Schomart Tokajew"]
    groups = runner.invoke(app, ["actors", "--events", str(store), "--json", "--kind", "group"])
    assert {a["kind"] for a in json.loads(groups.stdout)} == {"group"}


@pytest.mark.parametrize("sentence, affected", [
    ("Bei den Protesten kamen 26 Demonstranten ums Leben.", {"Demonstranten"}),
    ("Die Polizei nahm mehr als 300 Demonstranten fest.", {"Demonstranten"}),
    ("Die Polizei setzte 300 Beamte gegen die Demonstranten ein.", {"Demonstranten"}),   # by "gegen" alone
    ("Mehr als 1000 Demonstranten zogen vor das Parlament.", set()),
])
def test_counted_victims_are_affected(sentence, affected):
    from timeline.extract.actors import mark_counted_victims
    from timeline.extract.figures import find_figures
    mentions = mark_counted_victims(find_actors([sentence], DE)[0], find_figures(sentence, DE), DE)
    assert {m.name for m in mentions if m.role == "affected"} == affected


@pytest.mark.parametrize("text", [
    "Er sagte, sie habe ihn gesehen.", "ER und SIE", "Tier Sieb ihnen Ihm", "-er x-sie ihm- er-", "ſie",
    "Er", "er.", "(sie)", "„Ihn“", "Meier er", "", "e s i",
])
def test_whole_word_pattern_finds_what_the_plain_pattern_finds(text):
    from timeline.extract.actor_lexicon import whole_words
    words = ["er", "sie", "ihn", "ihm"]
    plain = re.compile(r"(?<![\w-])(?i:" + "|".join(words) + r")(?![\w-])")
    assert [m.span() for m in whole_words(words).finditer(text)] == [m.span() for m in plain.finditer(text)]
