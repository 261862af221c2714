"""One event, many sources: merging tellings of one event by several reports."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rapidfuzz import fuzz

import timeline
from timeline.merge import merge_events, merge_timeline
from timeline.model import DateValue, Event, Figure, Mention, Timeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DOCUMENTS = [{"id": "a", "source": "Morgenpost", "published": "2024-03-06"},
             {"id": "b", "source": "Rundfunk", "published": "2024-03-07"},
             {"id": "c", "source": "Küstenbote", "published": "2024-03-08"}]
PARTS = {"MO": ("06:00:00", "11:59:59"), "AF": ("12:00:00", "17:59:59"), "EV": ("18:00:00", "21:59:59")}


def date(value: str, granularity: str = "day", approximate: bool = False) -> DateValue:
    day, _, part = value.partition("T")
    start, end = PARTS.get(part, ("00:00:00", "23:59:59"))
    if granularity == "month":
        return DateValue(value, f"{value}-01T00:00:00", f"{value}-31T23:59:59", "month")
    return DateValue(value, f"{day}T{start}", f"{day}T{end}", "part-of-day" if part else granularity,
                     approximate=approximate)


def police() -> Mention:
    return Mention("Polizei", "organisation", "Polizei", role="actor")


def event(ident: str, document: str, sentence: str, when: str | DateValue | None = "2024-03-06", actors=(),
          offset: int = 0, **fields) -> Event:
    return Event(id=ident, document=document, sentence=sentence, sentence_start=offset,
                 date=date(when) if isinstance(when, str) else when, actors=list(actors), **fields)


CLEARING = [
    event("a1", "a", "Am Mittwochmorgen räumte die Polizei die Blockade vor dem Containerterminal Nord.",
          "2024-03-06TMO", [police()]),
    event("b1", "b", "Zuvor hatte die Polizei am Mittwoch die Blockade vor dem Containerterminal Nord geräumt.",
          actors=[police()]),
    event("c1", "c", "Am Mittwoch räumte die Polizei die Blockade vor dem Containerterminal Nord.", actors=[police()]),
]


def test_the_same_event_from_three_reports_is_one_event_with_three_sources():
    (merged,) = merge_events(CLEARING, DOCUMENTS)
    assert [r.document for r in merged.reports] == ["a", "b", "c"]
    assert [r.source for r in merged.reports] == ["Morgenpost", "Rundfunk", "Küstenbote"]
    assert [r.event for r in merged.reports] == ["a1", "b1", "c1"]
    assert merged.date.value == "2024-03-06TMO"          # the most precise date
    assert merged.id == "a1" and merged.sentence == CLEARING[0].sentence


def test_two_events_on_the_same_day_with_the_same_actor_stay_two():
    arrest = event("b2", "b", "Die Polizei nahm am Mittwoch auch die Gewerkschaftschefin Elena Varga fest.",
                   actors=[police(), Mention("Elena Varga", "person", "Elena Varga", role="affected")])
    merged = merge_events([CLEARING[2], arrest], DOCUMENTS)
    assert len(merged) == 2 and not any(e.reports for e in merged)


def test_events_of_one_document_never_merge():
    twice = [CLEARING[1], event("b9", "b", CLEARING[1].sentence, actors=[police()], offset=99)]
    assert len(merge_events(twice, DOCUMENTS)) == 2


@pytest.mark.parametrize("other", [
    event("c1", "c", CLEARING[2].sentence, "2024-03-06TEV", [police()]),           # morning and evening
    event("c1", "c", CLEARING[2].sentence, "2024-03-07", [police()]),              # another day
    event("c1", "c", CLEARING[2].sentence, None, [police()]),                      # undated
    event("c1", "c", CLEARING[2].sentence, date("2024-03", "month"), [police()]),  # a month only
    event("c1", "c", CLEARING[2].sentence, date("2024-03-06", approximate=True), [police()]),
    event("c1", "c", CLEARING[2].sentence, actors=[Mention("Armee", "organisation", "Armee", role="actor")]),
    event("c1", "c", CLEARING[2].sentence, actors=[police()], type="protest"),
])
def test_what_keeps_tellings_apart(other):
    first = event("a1", "a", CLEARING[0].sentence, "2024-03-06TMO", [police()], type="crackdown")
    assert len(merge_events([first, other], DOCUMENTS)) == 2


def test_a_person_named_by_one_telling_only_keeps_them_apart():
    varga = Mention("Elena Varga", "person", "Elena Varga", role="affected")
    one = event("b2", "b", "Die Polizei nahm am Mittwoch Elena Varga und andere Menschen fest.", actors=[police(), varga])
    other = event("c2", "c", "Die Polizei nahm am Mittwoch 37 andere Menschen fest.", actors=[police()])
    passive = event("c3", "c", "Am Mittwoch wurde Elena Varga und andere Menschen festgenommen.", actors=[varga])
    assert len(merge_events([one, other], DOCUMENTS)) == 2
    assert len(merge_events([one, passive], DOCUMENTS)) == 1        # the acting police unnamed: no conflict


def test_figures_are_kept_per_report_and_the_headline_is_the_lowest():
    injured = [event("a3", "a", "Nach Angaben der Polizei wurden am Mittwoch acht Menschen verletzt.",
                     figures=[Figure("injured", 8, text="acht Menschen verletzt")]),
               event("b3", "b", "Am Mittwoch wurden nach Angaben der Gewerkschaft 23 Menschen verletzt.",
                     figures=[Figure("injured", 23, text="23 Menschen verletzt")]),
               event("c3", "c", "Am Mittwoch wurden mindestens 15 Menschen verletzt.",
                     figures=[Figure("injured", 15, "at_least", text="mindestens 15 Menschen verletzt")])]
    (merged,) = merge_events(injured, DOCUMENTS)
    assert [f.value for f in merged.figures] == [8]
    assert [[f.value for f in r.figures] for r in merged.reports] == [[8], [23], [15]]


def test_different_kinds_of_figures_keep_events_apart():
    one = event("a4", "a", "Am Mittwoch wurden in der Altstadt 37 Menschen verletzt.", figures=[Figure("injured", 37)])
    other = event("b4", "b", "Am Mittwoch wurden in der Altstadt 37 Menschen festgenommen.",
                  figures=[Figure("arrests", 37)])
    assert len(merge_events([one, other], DOCUMENTS)) == 2


def test_merged_event_has_all_actors_and_places_and_the_surest_certainty():
    brandt = Mention("Tomas Brandt", "person", "Gouverneur Tomas Brandt", role="actor")
    one = event("a5", "a", "Gouverneur Tomas Brandt verhängte am Mittwoch eine Ausgangssperre über die Stadt.",
                actors=[brandt], certainty="reported")
    other = event("b5", "b", "Am Mittwoch verhängte Brandt eine Ausgangssperre über die Stadt Port Meridan.",
                  actors=[Mention("Tomas Brandt", "person", "Brandt", role="actor")],
                  places=[Mention("Port Meridan", "place", "Port Meridan")])
    (merged,) = merge_events([one, other], DOCUMENTS)
    assert [m.name for m in merged.actors] == ["Tomas Brandt"]
    assert [m.name for m in merged.places] == ["Port Meridan"]
    assert merged.certainty == "stated"


def test_merged_event_keeps_every_added_field():
    """The lead telling's value, filled from the others where it has none."""
    one, other, third = (dataclasses.replace(e, extra=dict(extra)) for e, extra in zip(CLEARING, [
        {"note": "checked", "severity": None}, {"note": "other", "severity": 3, "sentiment": "negative"},
        {"source_rank": 2}]))
    (merged,) = merge_events([one, other, third], DOCUMENTS)
    assert merged.id == "a1"
    assert merged.extra == {"note": "checked", "severity": 3, "sentiment": "negative", "source_rank": 2}
    assert merged.to_dict()["sentiment"] == "negative"


def test_merge_timeline_keeps_the_documents_and_sorts():
    merged = merge_timeline(Timeline(list(reversed(CLEARING)), DOCUMENTS))
    assert len(merged.events) == 1 and merged.documents == DOCUMENTS


def _many_events(count: int) -> list[Event]:
    """Events over up to 200 days from 50 outlets: a few events per outlet and day."""
    subjects = ["Hafen", "Bahnhof", "Rathaus", "Markt", "Schule", "Brücke", "Kaserne", "Flughafen"]
    verbs = ["räumte", "besetzte", "sperrte", "bewachte", "durchsuchte"]
    events = []
    for n in range(count):
        day = f"2024-{1 + n // 3000 % 12:02d}-{1 + n % 28:02d}"
        sentence = f"Die Polizei {verbs[n % 5]} am Morgen den {subjects[n // 5 % 8]} Nummer {n % 7} im Viertel {n % 11}."
        events.append(event(f"e{n}", f"d{n % 50}", sentence, day, [police()]))
    return events


@pytest.mark.slow
def test_merging_grows_with_the_events_not_their_square(monkeypatch):
    """Counts the wording comparisons (one token-set ratio each): twice the events may take about twice
    as many, not four times; speed itself is measured by benchmarks, not asserted here."""
    compared = []
    token_set_ratio = fuzz.token_set_ratio
    monkeypatch.setattr(fuzz, "token_set_ratio", lambda *a, **k: compared.append(1) or token_set_ratio(*a, **k))
    documents = [{"id": f"d{i}", "published": "2024-12-31"} for i in range(50)]
    comparisons = []
    for count in (10_000, 20_000):
        events = _many_events(count)
        compared.clear()
        merged = merge_events(events, documents)
        assert len(merged) < len(events)
        comparisons.append(len(compared))
    assert 0 < comparisons[0] and comparisons[1] < 2.5 * comparisons[0]      # linear: 2, square: 4


# --- the invented example reports -----------------------------------------------------------------

@pytest.fixture(scope="module")
def examples() -> Timeline:
    parsed = [timeline.parse_report(path) for path in sorted(EXAMPLES.glob("*.txt"))]
    return Timeline([e for p in parsed for e in p.events], [p.metadata() for p in parsed])


def test_examples_are_three_invented_reports(examples):
    assert [d["source"] for d in examples.documents] == ["Meridaner Morgenpost", "Valdorischer Rundfunk",
                                                        "Küstenbote"]
    for path in EXAMPLES.glob("*.txt"):
        head = path.read_text(encoding="utf-8").split("\n---\n")[0]
        assert "invented: true" in head and "# Invented" in head


def test_examples_clearing_shows_once_with_three_sources(examples):
    merged = merge_timeline(examples)
    clearing = [e for e in merged.events if "Blockade" in e.sentence and "räumte" in e.sentence]
    assert len(clearing) == 1
    assert {r.source for r in clearing[0].reports} == {"Meridaner Morgenpost", "Valdorischer Rundfunk", "Küstenbote"}
    curfew = [e for e in merged.events if e.date and e.date.value == "2024-03-06TEV" and "Ausgangssperre" in e.sentence]
    assert len(curfew) == 1 and len(curfew[0].reports) == 3


def test_examples_arrest_and_clearing_by_the_police_stay_two(examples):
    wednesday = [e for e in merge_timeline(examples).events if e.date and e.date.value.startswith("2024-03-06")
                 and e.main_actor and e.main_actor.name == "Polizei" and e.type in ("crackdown", "arrest")]
    sentences = [" ".join(r.sentence for r in e.reports) or e.sentence for e in wednesday]
    assert any("Blockade" in s and "Varga" not in s for s in sentences)
    assert any("Varga" in s and "Blockade" not in s for s in sentences)


def test_examples_are_in_chronological_order_across_reports(examples):
    merged = merge_timeline(examples)
    starts = [e.date.start for e in merged.dated]
    assert starts == sorted(starts)
    first = merged.dated[0]
    # Monday's strike is told by the reports of Wednesday and Friday and comes before all they tell of Wednesday
    monday = next(e for e in merged.dated if "Arbeit niedergelegt" in e.sentence)
    assert monday.date.value == "2024-03-04" and len(monday.reports) == 2
    assert first.date.start <= monday.date.start
