"""Acceptance tests on the shipped report (published 2022-01-08 according to its sidecar)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import timeline
from timeline import Timeline


def events_with(parsed, substring: str):
    found = [e for e in parsed.events if substring in e.sentence]
    assert found, f"no event whose sentence contains {substring!r}"
    return found


def timeline_of(parsed) -> Timeline:
    return Timeline(list(parsed.events), [parsed.metadata()])


# --- dates of the shipped report ------------------------------------------------------------------

@pytest.mark.parametrize("substring, values", [
    ("stellten sich am Mittwoch", ["2022-01-05"]),
    ("Scholz rief am Freitag", ["2022-01-07"]),
    ("Am Freitagabend telefonierte", ["2022-01-07TEV"]),
    ("In der Nacht zum Samstag soll", ["2022-01-07TNI"]),
    ("Das Staatsfernsehen meldete in der Nacht zum Samstag", ["2022-01-07TNI"]),
    ("Das Staatsfernsehen berichtete am Freitag", ["2022-01-07"]),
    ("Tokajew setzte ihn am Mittwoch", ["2022-01-05"]),
    ("Im vergangenen Jahr wurden", ["2021"]),
    ("trat zwar 2019 zurück", ["2019"]),
    ("vor gut einer Woche", ["2022-01-01"]),
])
def test_shipped_dates(shipped_parsed, substring, values):
    events = events_with(shipped_parsed, substring)
    assert [e.date.value if e.date else None for e in events] == values
    assert all(e.date.basis in ("text", "context") for e in events)


@pytest.mark.parametrize("substring, value, basis", [
    # continuing the event before: a pronoun, a continuation word, the account going on
    ("Er appellierte an die autoritäre Führung", "2022-01-07", "continuation"),
    ("Zudem habe es landesweit", "2022-01-07", "continuation"),
    ("Es sei zudem zu Explosionen gekommen.", "2022-01-07TNI", "continuation"),
    ("Sicherheitskräfte patrouillierten in gepanzerten Fahrzeugen.", "2022-01-07TNI", "continuation"),
    # the current state: the publication day
    ("Die Lage in Kasachstan ist weiterhin unruhig.", "2022-01-08", "publication"),
    ("Ausländer dürfen zur Zeit nicht einreisen.", "2022-01-08", "publication"),
    ("Viele Menschen sind frustriert", "2022-01-08", "publication"),
    ("Wegen des Konflikts in Kasachstan stoppt", "2022-01-08", "publication"),
    # no own expression and nothing to continue: undated
    ("Er galt aber weiterhin als mächtigster Mann im Staat.", None, None),
    ("Seither gab es Gerüchte", None, None),
    ("Das löste im Westen Sorgen aus.", None, None),
    ("Immer wieder wird das Internet", None, None),
    ("Das sei ein vergleichsweise geringer Wert", None, None),
    ("Tokajew hatte überraschend", None, None),
])
def test_shipped_dates_from_context(shipped_parsed, substring, value, basis):
    (event,) = events_with(shipped_parsed, substring)
    assert ((event.date.value, event.date.basis) if event.date else (None, None)) == (value, basis)


@pytest.mark.parametrize("substring, granularity, start, end", [
    ("stellten sich am Mittwoch", "day", "2022-01-05T00:00:00", "2022-01-05T23:59:59"),
    ("Im vergangenen Jahr wurden", "year", "2021-01-01T00:00:00", "2021-12-31T23:59:59"),
    ("In der Nacht zum Samstag soll", "part-of-day", "2022-01-07", "2022-01-08"),
    ("Am Freitagabend telefonierte", "part-of-day", "2022-01-07", "2022-01-07"),
])
def test_shipped_intervals(shipped_parsed, substring, granularity, start, end):
    (event,) = events_with(shipped_parsed, substring)
    assert event.date.granularity == granularity
    assert event.date.start.startswith(start)
    assert event.date.end.startswith(end)
    assert event.date.start <= event.date.end
    assert event.date.basis == "text"
    assert event.date.approximate is False


def test_vor_gut_einer_woche_is_approximate_around_new_year(shipped_parsed):
    (event,) = events_with(shipped_parsed, "vor gut einer Woche")
    date = event.date
    assert date.value == "2022-01-01"
    assert date.approximate is True
    assert dt.datetime.fromisoformat(date.start) < dt.datetime(2022, 1, 1) < dt.datetime.fromisoformat(date.end)


@pytest.mark.parametrize("substring, value", [
    ("Er verteidigte dies in der Nacht", "2022-01-07TNI"),
    ("sprach am Abend von bis zu 20 000", "2022-01-07TEV"),
])
def test_context_dated_sentences(shipped_parsed, substring, value):
    (event,) = events_with(shipped_parsed, substring)
    assert event.date is not None
    assert event.date.basis == "context"
    assert event.date.value.startswith(value[:10])


def test_heute_does_not_date_an_event(shipped_parsed):
    events = events_with(shipped_parsed, "Der heute 81-Jährige")
    assert [e.date.value for e in events] == ["2019"]
    assert not any(e.date and e.date.value.startswith("2022-01-08") for e in shipped_parsed.events
                   if "heute" in e.sentence)
    assert not any(e.date and (e.date.expression or "").lower() == "heute" for e in shipped_parsed.events)


def test_shipped_parse_has_no_warnings(shipped_parsed):
    assert shipped_parsed.warnings == []
    assert shipped_parsed.document.published == dt.date(2022, 1, 8)
    assert shipped_parsed.document.precision == "day"


def test_headings_are_not_events(shipped_parsed):
    sentences = {e.sentence for e in shipped_parsed.events}
    assert "Präsident Tokajew verteidigt Schießbefehl" not in sentences
    assert "Berichte über neue Schießereien und eine Explosion in Almaty" not in sentences


def test_every_sentence_is_verbatim_at_its_offset(shipped_parsed, shipped_text):
    assert shipped_parsed.document.text == shipped_text
    for event in shipped_parsed.events:
        start = event.sentence_start
        assert shipped_text[start:start + len(event.sentence)] == event.sentence


def test_every_body_sentence_gives_an_event(shipped_parsed, shipped_text):
    """Sentences of the body are all there, in order; undated ones included."""
    starts = [e.sentence_start for e in shipped_parsed.events]
    assert starts == sorted(starts)
    assert starts[0] == shipped_text.index("Sicherheitskräfte in Almaty")
    assert shipped_parsed.events[-1].sentence == "Das löste im Westen Sorgen aus."


def test_event_ids_stable_and_unique(shipped_path, shipped_parsed):
    again = timeline.parse_report(shipped_path)
    ids = [e.id for e in shipped_parsed.events]
    assert ids == [e.id for e in again.events]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"ev-[0-9a-f]{10}", i) for i in ids)


@pytest.mark.parametrize("text", [
    "Die Lage ist unklar. Dann schossen Soldaten. Die Lage ist unklar.",
    "Am Mittwoch kam er. Sie blieb. Am Mittwoch kam er.",
])
def test_event_ids_unique_when_a_sentence_repeats(text):
    parsed = timeline.parse_text(text, published="2022-01-08")
    ids = [e.id for e in parsed.events]
    assert len(parsed.events) == 3
    assert len(ids) == len(set(ids))


def test_two_happenings_in_one_sentence_give_two_events():
    sentence = ("Die Ukraine hatte am Mittwoch den Jahrestag begangen - genau ein halbes Jahr nach dem "
                "Überfall vom 24. Februar.")
    parsed = timeline.parse_text(sentence, published="2022-08-26")
    assert sorted(e.date.value for e in parsed.events) == ["2022-02-24", "2022-08-24"]
    assert all(e.sentence == sentence for e in parsed.events)
    assert len({e.id for e in parsed.events}) == 2


def test_document_ids(shipped_parsed):
    assert {e.document for e in shipped_parsed.events} == {"kasachstan-2022-01"}
    assert shipped_parsed.metadata()["published"] == "2022-01-08"


# --- publication known only to the month ----------------------------------------------------------

WEEKDAY_WORDS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


@pytest.fixture(scope="module")
def month_parsed(shipped_text):
    """The shipped text without its sidecar: only the header ` date 2022-01`."""
    return timeline.parse_text(shipped_text)


def test_month_precision_warns_about_published(month_parsed):
    assert month_parsed.document.precision == "month"
    assert any("--published" in w for w in month_parsed.warnings)


def test_month_precision_never_invents_a_day(month_parsed):
    for event in month_parsed.events:
        if event.date is None:
            continue
        assert not re.match(r"\d{4}-\d{2}-\d{2}", event.date.value), (event.sentence, event.date)
        assert event.date.granularity not in ("day", "part-of-day", "time"), event.date


@pytest.mark.parametrize("substring", [
    "stellten sich am Mittwoch", "Scholz rief am Freitag", "Am Freitagabend telefonierte",
    "In der Nacht zum Samstag soll", "Tokajew setzte ihn am Mittwoch",
])
def test_month_precision_weekdays_keep_the_month(month_parsed, substring):
    (event,) = events_with(month_parsed, substring)
    assert event.date.value == "2022-01"
    assert event.date.approximate is True
    assert event.date.basis == "publication"
    assert any(w in event.date.expression for w in WEEKDAY_WORDS)


@pytest.mark.parametrize("substring, value", [("trat zwar 2019 zurück", "2019"), ("Im vergangenen Jahr", "2021")])
def test_month_precision_keeps_exact_expressions(month_parsed, substring, value):
    (event,) = events_with(month_parsed, substring)
    assert event.date.value == value
    assert event.date.basis == "text"


def test_month_precision_dates_contain_the_true_dates(month_parsed, shipped_parsed):
    """Knowing only the month, a date may be vaguer, but must still cover what the exact day gives."""
    exact = {(e.sentence_start, e.date.expression): e.date for e in shipped_parsed.events if e.date}
    for event in month_parsed.events:
        if event.date is None or (event.sentence_start, event.date.expression) not in exact:
            continue
        day = exact[(event.sentence_start, event.date.expression)]
        assert event.date.start <= day.start and day.end <= event.date.end, (event.sentence, event.date, day)


def test_no_publication_date_warns():
    parsed = timeline.parse_text("Am Mittwoch kam er.")
    assert any("--published" in w for w in parsed.warnings)


# --- filters --------------------------------------------------------------------------------------

#: the sentences of the shipped report that name a person or refer back to one
REFERRING = {
    "Tokajew": ("Tokajew", "Er verteidigte dies"),
    "Scholz": ("Scholz", "Er appellierte"),
    "Nasarbajew": ("Nasarbajew", "81-Jährige", "Er galt aber", "Tokajew setzte ihn", "Ex-Präsidenten"),
    "Lukaschenko": ("Lukaschenko",),
}


def referring_to(timeline, *persons: str) -> list[str]:
    return [e.id for e in timeline.events if any(s in e.sentence for p in persons for s in REFERRING[p])]


@pytest.mark.parametrize("query", ["Tokajew", "Tokayev", "TOKAJEW", "tokaev", "Kassym-Schomart Tokajew"])
def test_filter_by_actor_any_spelling(shipped_parsed, query):
    expected = referring_to(timeline_of(shipped_parsed), "Tokajew")
    assert len(expected) == 5
    got = [e.id for e in timeline_of(shipped_parsed).filter(actors=[query]).events]
    assert got == expected


@pytest.mark.parametrize("query, person", [
    ("Scholz", "Scholz"), ("Olaf Scholz", "Scholz"),
    ("Nasarbajew", "Nasarbajew"), ("Nazarbayev", "Nasarbajew"),
    ("Lukashenko", "Lukaschenko"),
])
def test_filter_by_person(shipped_parsed, query, person):
    tl = timeline_of(shipped_parsed)
    expected = referring_to(tl, person)
    assert expected
    assert [e.id for e in tl.filter(actors=[query]).events] == expected


def test_filter_several_actors_match_any(shipped_parsed):
    tl = timeline_of(shipped_parsed)
    expected = referring_to(tl, "Tokajew", "Scholz")
    assert [e.id for e in tl.filter(actors=["Tokayev", "Scholz"]).events] == expected


def test_filter_by_role(shipped_parsed):
    tl = timeline_of(shipped_parsed)
    affected = tl.filter(actors=["Nasarbajew"], roles=["affected"]).events
    assert sorted(e.sentence[:25] for e in affected) == ["Der Unmut der Demonstrant", "Tokajew setzte ihn am Mit"]
    acting = tl.filter(actors=["Tokajew"], roles=["actor"]).events
    assert len(acting) == 5


def test_filter_unknown_actor_gives_nothing(shipped_parsed):
    assert timeline_of(shipped_parsed).filter(actors=["Putin"]).events == []


@pytest.mark.parametrize("query", ["Almaty", "almaty", "ALMATY"])
def test_filter_by_place(shipped_parsed, query):
    tl = timeline_of(shipped_parsed)
    expected = [e.id for e in tl.events if "Almaty" in e.sentence]
    assert len(expected) == 4
    assert [e.id for e in tl.filter(places=[query]).events] == expected


def test_filter_actor_and_place_both_apply(shipped_parsed):
    tl = timeline_of(shipped_parsed)
    got = tl.filter(actors=["Tokajew"], places=["Almaty"]).events
    assert [e.sentence[:40] for e in got] == ["Präsident Kassym-Schomart Tokajew sprach"]


@pytest.mark.parametrize("since, until, values", [
    (dt.date(2022, 1, 7), None, ["2022-01-07", "2022-01-07", "2022-01-07TEV", "2022-01-07TEV",
                                 "2022-01-07TNI", "2022-01-07TNI", "2022-01-07TNI"]),
    # the night to Saturday overlaps Saturday
    (dt.date(2022, 1, 8), None, ["2022-01-07TNI"] * 3),
    (dt.date(2022, 1, 8), dt.date(2022, 1, 8), ["2022-01-07TNI"] * 3),
    (dt.date(2022, 1, 9), None, []),
    # "vor gut einer Woche" (29 Dec - 4 Jan) overlaps 4 January
    (dt.date(2022, 1, 4), dt.date(2022, 1, 4), ["2022-01-01"]),
    (None, dt.date(2021, 12, 31), ["2019", "2021", "2022-01-01"]),
    (None, dt.date(2021, 12, 28), ["2019", "2021"]),
    (dt.date(2021, 6, 1), dt.date(2021, 6, 30), ["2021"]),
    (dt.date(2022, 1, 5), dt.date(2022, 1, 5), ["2022-01-05", "2022-01-05"]),
])
def test_filter_since_until_overlap(shipped_parsed, since, until, values):
    own = Timeline([e for e in shipped_parsed.events if e.date is None or e.date.basis in ("text", "context")])
    got = own.filter(since=since, until=until).events
    assert sorted(e.date.value for e in got) == sorted(values)


def test_filter_since_drops_undated(shipped_parsed):
    got = timeline_of(shipped_parsed).filter(since=dt.date(1900, 1, 1)).events
    assert got and all(e.date is not None for e in got)
    assert len(got) == len(timeline_of(shipped_parsed).dated)


@pytest.mark.parametrize("query, substring", [
    ("kasachstan", "Kasachstan"),
    ("KASACHSTAN", "Kasachstan"),
    ("staatsfernsehen", "Staatsfernsehen"),
    ("rustungsguter", "Rüstungsgüter"),
    ("Gaspreise", "Gaspreise"),
])
def test_filter_text_case_insensitive(shipped_parsed, query, substring):
    tl = timeline_of(shipped_parsed)
    expected = [e.id for e in tl.events if substring.lower() in e.sentence.lower()]
    assert expected
    assert [e.id for e in tl.filter(text=query).events] == expected


def test_timeline_order_dated_then_undated(shipped_parsed):
    tl = timeline_of(shipped_parsed)
    kinds = [e.date is None for e in tl.events]
    assert kinds == sorted(kinds)
    starts = [e.date.start for e in tl.dated]
    assert starts == sorted(starts)
    undated_starts = [e.sentence_start for e in tl.undated]
    assert undated_starts == sorted(undated_starts)



# --- figures, sources and certainty of the shipped report (issue 4) ---------------------------------

@pytest.mark.parametrize("substring, figures", [
    ("bisher 26 Demonstranten ums Leben", [("deaths", 26, "exact")]),
    ("mehr als 4000 Festnahmen", [("arrests", 4000, "more_than")]),
    ("bis zu 20 000", [("fighters", 20000, "up_to")]),
    ("insgesamt 2500 Soldaten", [("soldiers", 2500, "exact")]),
    ("rund 2,2 Millionen Euro", [("count", 25, "exact"), ("money", 2_200_000, "approx")]),
    ("mindestens 18 Polizisten und Soldaten", [("deaths", 18, "at_least")]),
])
def test_shipped_figures(shipped_parsed, substring, figures):
    (event,) = events_with(shipped_parsed, substring)
    assert [(f.category, f.value, f.qualifier) for f in event.figures] == figures


@pytest.mark.parametrize("substring, certainty, source", [
    ("Nach Informationen der Deutschen Presse-Agentur", "reported", "Deutsche Presse-Agentur"),
    ("dem Portal Vlast.kz zufolge", "unverified", "Vlast.kz"),
    ("wie die Staatsagentur Belta in Minsk meldete", "reported", "Belta"),
    ("Das Staatsfernsehen berichtete am Freitag", "reported", "Staatsfernsehen"),
    ("Offiziellen Angaben zufolge", "reported", None),
    ("nach eigenen Angaben", "reported", "Organisation des Vertrags über kollektive Sicherheit"),
    ("Seither gab es Gerüchte", "rumour", None),
    ("Bundeskanzler Olaf Scholz rief", "stated", None),
])
def test_shipped_sources_and_certainty(shipped_parsed, substring, certainty, source):
    (event,) = events_with(shipped_parsed, substring)
    assert event.certainty == certainty
    assert (event.attribution.source if event.attribution else None) == source


def test_claims_before_the_unverifiable_note_are_unverified(shipped_parsed):
    """"Die Angaben lassen sich allerdings nicht unabhängig überprüfen" covers the claims of the
    paragraph before it, from its first attributed sentence on."""
    paragraph = [e for e in shipped_parsed.events
                 if e.sentence.startswith(("Das Staatsfernsehen meldete", "Die Einsätze", "An mindestens zwei",
                                           "Es sei zudem", "Augenzeugen", "Sicherheitskräfte patrouillierten"))]
    assert len(paragraph) == 6 and {e.certainty for e in paragraph} == {"unverified"}
    (state,) = events_with(shipped_parsed, "Die Lage in Kasachstan ist weiterhin")
    assert state.certainty == "stated"


def test_source_reporting_an_event_does_not_act_in_it(shipped_parsed):
    (event,) = events_with(shipped_parsed, "Das Staatsfernsehen meldete")
    assert event.main_actor.name == "Sicherheitskräfte"
    (own,) = events_with(shipped_parsed, "nach eigenen Angaben")
    assert own.main_actor.name == "Organisation des Vertrags über kollektive Sicherheit"


# --- the stage contract ---------------------------------------------------------------------------

def test_the_stages_in_order_read_only_what_is_there(capsys):
    """The pipeline as a newcomer reads it; each stage reads what the Doc starts with or an earlier
    stage adds."""
    from timeline.doc import INITIAL, check_stages
    from timeline.pipeline import STAGES

    print(f"starts with: {', '.join(INITIAL)}")
    for stage in STAGES:
        print(stage.describe())
    printed = capsys.readouterr().out
    assert printed.splitlines()[1] == "segment: reads document, language → adds sentences"
    assert printed.splitlines()[-1].startswith("events: reads ")
    check_stages(STAGES)
    known = set(INITIAL)
    for stage in STAGES:
        assert set(stage.reads) <= known, stage.name
        known |= set(stage.adds)


def test_a_stage_that_reads_what_comes_later_is_refused():
    from timeline.doc import Stage, check_stages
    from timeline.pipeline import STAGES

    early = Stage("early", reads=("events",), adds=(), run=lambda doc: None)
    with pytest.raises(ValueError, match="'early' reads events before any stage adds it"):
        check_stages([early, *STAGES])
    with pytest.raises(ValueError, match="no field colour"):
        check_stages([*STAGES, Stage("odd", reads=("colour",), adds=(), run=lambda doc: None)])


def test_a_stage_added_after_the_events_adds_a_field_to_every_record(shipped_path):
    """Adding a field is one place: the stage sets it in `Event.extra`, and records show it."""
    from timeline.doc import Doc, Stage
    from timeline.pipeline import STAGES

    def count_words(doc: Doc) -> None:
        for event in doc.events:
            event.extra["words"] = len(event.sentence.split())

    words = Stage("words", reads=("events",), adds=(), run=count_words, event_fields=("words",))
    parsed = timeline.parse_document(timeline.parse_report(shipped_path).document, stages=[*STAGES, words])
    plain = timeline.parse_report(shipped_path)
    assert [e.id for e in parsed.events] == [e.id for e in plain.events]
    for event, before in zip(parsed.events, plain.events):
        record = event.to_dict()
        assert record["words"] == len(event.sentence.split())
        assert {k: v for k, v in record.items() if k != "words"} == before.to_dict()
