"""timeline.reference_day: the publication day inferred from the text when the header gives only
the month; how it reaches the document, the store and the CLI; what overrides it."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

import timeline
from timeline.cli import app
from timeline.errors import StoreError
from timeline.lang import load_language
from timeline.reading import document_from_text
from timeline.reference_day import infer_publication_day
from timeline.segment import split_sentences
from timeline.store import load_timeline
from timeline.temporal import Reference

GERMAN = load_language("de")
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
#: the second week of January 2022, Monday to Sunday
SECOND_WEEK = [dt.date(2022, 1, 10) + dt.timedelta(days=n) for n in range(7)]


def infer(text: str):
    document = document_from_text(text)
    sentences = split_sentences(document.text, document.body_start, GERMAN)
    return infer_publication_day(document.text, sentences, Reference(document.published, document.precision), GERMAN)


def bounded(day: dt.date) -> str:
    """Two dates that leave one week around `day`: one told in the past, one in the future."""
    return (f"Die Proteste hatten am {(day - dt.timedelta(days=3)).day}. Januar begonnen. "
            f"Die Abstimmung soll am {(day + dt.timedelta(days=3)).day}. Januar stattfinden.")


# --- a weekday the text names as the day of writing, for every weekday -----------------------------

@pytest.mark.parametrize("day", SECOND_WEEK, ids=[WEEKDAYS[d.isoweekday() - 1] for d in SECOND_WEEK])
@pytest.mark.parametrize("template", [
    "Der Minister sprach heute, am {weekday}, vor dem Parlament.",
    "Der Minister sprach heute ({weekday}) vor dem Parlament.",
])
def test_today_with_its_weekday_decides_the_weekday_not_the_week(day, template):
    weekday = WEEKDAYS[day.isoweekday() - 1]
    inferred = infer(" date 2022-01 " + template.format(weekday=weekday))
    assert inferred.day is None                        # five such weekdays in January
    assert inferred.weekday == day.isoweekday()
    assert weekday in inferred.reason


@pytest.mark.parametrize("day", SECOND_WEEK, ids=[WEEKDAYS[d.isoweekday() - 1] for d in SECOND_WEEK])
def test_today_with_its_weekday_and_dates_around_decide_the_day(day):
    weekday = WEEKDAYS[day.isoweekday() - 1]
    inferred = infer(f" date 2022-01 Der Minister sprach heute, am {weekday}, vor dem Parlament. {bounded(day)}")
    assert inferred.day == day
    assert inferred.confidence >= 0.8


@pytest.mark.parametrize("day", SECOND_WEEK, ids=[WEEKDAYS[d.isoweekday() - 1] for d in SECOND_WEEK])
def test_yesterday_with_its_weekday_names_the_day_after(day):
    yesterday = WEEKDAYS[(day.isoweekday() - 2) % 7]
    inferred = infer(f" date 2022-01 Am gestrigen {yesterday} wurden neue Zahlen genannt. {bounded(day)}")
    assert inferred.day == day
    assert f"gestrigen {yesterday}" in inferred.reason


@pytest.mark.parametrize("text, day", [
    (" date 2022-01 Heute, 8. Januar, blieb es in der Hauptstadt ruhig.", dt.date(2022, 1, 8)),
    (" date 2022-01 Die Bilanz von gestern (12. Januar) fiel gemischt aus.", dt.date(2022, 1, 13)),
    (" date 2022-03 Am heutigen 21. März beginnt der Frühling.", dt.date(2022, 3, 21)),
])
def test_a_relative_day_beside_its_date_decides_the_day(text, day):
    assert infer(text).day == day


@pytest.mark.parametrize("text, day", [
    (" date 2022-01 Berlin, 8. Januar (dpa) - Die Regierung hat die Ausfuhren gestoppt.", dt.date(2022, 1, 8)),
    (" date 2022-01 Frankfurt/Main, 14. Januar (AFP) – Die Börse schloss fester.", dt.date(2022, 1, 14)),
    (" date 2022-01 ALMATY, 8. Januar 2022 – Die Lage bleibt unruhig.", dt.date(2022, 1, 8)),
    (" date 2022-01 Die Lage bleibt unruhig.\n\nStand: 9. Januar 2022, 14 Uhr", dt.date(2022, 1, 9)),
])
def test_a_dateline_or_a_note_names_the_day_of_writing(text, day):
    assert infer(text).day == day


@pytest.mark.parametrize("text", [
    " date 2022-01 Am 4. Januar (Ortszeit) - so berichten Zeugen - fielen Schüsse.",
    " date 2022-01 Am Dienstag, 4. Januar (Ortszeit) - so berichten Zeugen - fielen Schüsse.",
    " date 2022-01 Die Regierung berät. Berlin, 8. Januar (dpa) - Die Regierung hat die Ausfuhren gestoppt.",
])
def test_a_date_that_opens_a_sentence_or_stands_later_is_no_dateline(text):
    assert infer(text).day is None


# --- numeric dates, the clause's tense, a morning after a night: for every weekday ---------------------

#: a week in the middle of March 2023, Monday to Sunday
MIDDLE_OF_MARCH = [dt.date(2023, 3, 13) + dt.timedelta(days=n) for n in range(7)]
MARCH_IDS = [WEEKDAYS[d.isoweekday() - 1] for d in MIDDLE_OF_MARCH]


def before(day: dt.date, days: int) -> tuple[str, dt.date]:
    earlier = day - dt.timedelta(days=days)
    return WEEKDAYS[earlier.isoweekday() - 1], earlier


@pytest.mark.parametrize("day", MIDDLE_OF_MARCH, ids=MARCH_IDS)
@pytest.mark.parametrize("template", [
    "Am gestrigen {yesterday}, dem {date:%d.%m.%Y}, ist ein Lieferwagen in eine Hauswand gefahren.",
    "Der Stadtrat hat gestern ({date.day}.{date.month}.) den Haushalt beschlossen.",
])
def test_a_relative_day_beside_a_numeric_date_decides_the_day(day, template):
    yesterday, date = before(day, 1)
    inferred = infer(" date 2023-03 " + template.format(yesterday=yesterday, date=date))
    assert inferred.day == day
    assert inferred.confidence >= 0.8


@pytest.mark.parametrize("day", MIDDLE_OF_MARCH, ids=MARCH_IDS)
def test_a_dateline_with_a_numeric_date_names_the_day_of_writing(day):
    inferred = infer(f" date 2023-03 Hamburg, {day:%d.%m.%Y} (dpa) - Der Hafen bleibt wegen Sturms gesperrt.")
    assert inferred.day == day


@pytest.mark.parametrize("day", MIDDLE_OF_MARCH, ids=MARCH_IDS)
@pytest.mark.parametrize("date_form", ["{date.day}. März", "{date:%d.%m.%Y}"])
def test_this_morning_after_a_past_night_is_the_day_after_that_night(day, date_form):
    """A weekday beside its date ties the week, the night and the morning after it the day; a bare
    weekday told in the past (the start of a period) does not drown them."""
    weekday = WEEKDAYS[day.isoweekday() - 1]
    dated, date = before(day, 1)
    earlier, _ = before(day, 5)
    inferred = infer(f" date 2023-03 Am {dated}, dem {date_form.format(date=date)}, war ein Kletterer abgestürzt. "
                     f"In der Nacht zum {weekday} musste die Suche unterbrochen werden. "
                     f"Heute früh wurde der Mann lebend gefunden. Seit {earlier} hatte es stark geregnet.")
    assert inferred.day == day
    assert f"Heute früh’ after ‘Nacht zum {weekday}" in inferred.reason


@pytest.mark.parametrize("day", MIDDLE_OF_MARCH, ids=MARCH_IDS)
def test_a_night_told_in_the_perfect_passive_is_told_in_the_past(day):
    weekday = WEEKDAYS[day.isoweekday() - 1]
    dated, date = before(day, 2)
    inferred = infer(f" date 2023-03 In der Nacht zum {weekday} sind mehrere Keller überflutet worden. "
                     f"Eine Frau wird vermisst. Taucher suchen heute Morgen nach ihr. Bereits am {dated}, "
                     f"dem {date.day}. März, hatte ein Unwetter Straßen unterspült.")
    assert inferred.day == day


@pytest.mark.parametrize("day", MIDDLE_OF_MARCH, ids=MARCH_IDS)
@pytest.mark.parametrize("template", [
    # another day named between the night and the morning: the morning need not follow that night
    "In der Nacht zum {weekday} brannte eine Scheune. Am {other} wurde ein Verdächtiger befragt. "
    "Heute früh nahm die Polizei ihn fest.",
    # the night lies ahead: nothing is told about the day of writing
    "In der Nacht zum {weekday} soll es stürmen. Heute früh war es noch ruhig.",
    # a night and a morning, but nothing ties the week
    "In der Nacht zum {weekday} ist ein Damm gebrochen. Heute früh stand das Wasser im Dorf.",
])
def test_a_morning_that_need_not_follow_the_night_or_no_week_decide_no_day(day, template):
    other, _ = before(day, 3)
    inferred = infer(" date 2023-03 " + template.format(weekday=WEEKDAYS[day.isoweekday() - 1], other=other))
    assert inferred.day is None


@pytest.mark.parametrize("day", MIDDLE_OF_MARCH, ids=MARCH_IDS)
def test_a_weekday_beside_its_numeric_date_alone_decides_no_day(day):
    dated, date = before(day, 1)
    assert infer(f" date 2023-03 Am {dated}, dem {date:%d.%m.%Y}, ist ein Radfahrer gestürzt.").day is None


def test_a_clock_time_is_no_numeric_date():
    assert infer(" date 2023-03 Heute, 12.30 Uhr, tagt der Ausschuss.").day is None


# --- what does not decide a day ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    " date 2022-01 Die Regierung berät über neue Gesetze.",                     # no cue at all
    " date 2022-01 Der Präsident sprach am Freitag vor dem Parlament.",         # one past weekday
    " date 2022-01 Am Freitag, dem 7. Januar, sprach der Präsident.",          # a weekday beside its date
    " date 2022-01 Am Montag beginnt die Sitzung.",                             # one future weekday
    " date 2022-01 Die Proteste hatten am 2. Januar begonnen.",                 # a lower bound only
    " date 2022 Heute, am Samstag, blieb es ruhig.",                            # a weekday, 52 of them
])
def test_undecided_texts_stay_at_the_header_precision(text):
    assert infer(text).day is None


def test_past_weekdays_point_to_a_weekday_only():
    inferred = infer(" date 2022-01 Scholz rief am Freitag zum Ende der Gewalt auf. "
                     "In der Nacht zum Samstag soll es erneut Schüsse gegeben haben.")
    assert inferred.day is None
    assert inferred.weekday == 6
    assert "Nacht zum Samstag" in inferred.reason


def test_bounds_and_plans_say_nothing_about_the_day_of_writing():
    """"für den 12. Januar angesetzt" is told in the perfect but names a plan, "bis Sonntag" a bound."""
    inferred = infer(" date 2022-01 Heute, am Samstag, blieb es ruhig. Die Wahl ist für den 12. Januar angesetzt. "
                     "Die Proteste hatten am 5. Januar begonnen. Die Abstimmung soll am 10. Januar stattfinden. "
                     "Die Sperre wurde bis Sonntag verlängert.")
    assert inferred.day == dt.date(2022, 1, 8)
    assert "12. Januar" not in inferred.reason and "Sonntag" not in inferred.reason


def test_contradicting_cues_decide_nothing():
    inferred = infer(" date 2022-01 Heute, am Samstag, blieb es ruhig. Heute, 11. Januar, sprach er.")
    assert inferred.day is None


# --- the shipped report without its sidecar ---------------------------------------------------------

def test_the_shipped_report_points_to_a_saturday_but_not_to_which(shipped_text):
    """Its weekdays ("in der Nacht zum Samstag", "am Freitag", "am Mittwoch", all told in the past)
    point to a Saturday; nothing in the text says which Saturday of January 2022 (the 8th is known
    from outside the text: its sidecar)."""
    parsed = timeline.parse_text(shipped_text)
    assert parsed.document.precision == "month"
    assert parsed.document.published_basis == "header"
    (warning,) = parsed.warnings
    assert "Saturday" in warning and "Nacht zum Samstag" in warning and "--published" in warning


# --- the document, the store and the CLI ------------------------------------------------------------

DECIDED = (" date 2022-01 Die Proteste hatten am 2. Januar begonnen. Am gestrigen Freitag wurden 26 Tote "
           "gemeldet. Die Wahl soll am 10. Januar stattfinden.")


def test_an_inferred_day_becomes_the_reference_and_says_how():
    parsed = timeline.parse_text(DECIDED)
    document = parsed.document
    assert (document.published, document.precision, document.published_basis) == (dt.date(2022, 1, 8), "day",
                                                                                    "inferred")
    assert "gestrigen Freitag" in document.published_reason
    assert 0.8 <= document.published_confidence <= 1
    assert {e.date.value for e in parsed.events} == {"2022-01-02", "2022-01-07", "2022-01-10"}
    metadata = parsed.metadata()
    assert metadata["published_basis"] == "inferred" and metadata["published_confidence"] == document.published_confidence
    assert any("inferred from the text" in w for w in parsed.warnings)


@pytest.mark.parametrize("published, basis", [("2022-01-15", "given"), (dt.date(2022, 1, 15), "given")])
def test_the_published_argument_wins_over_inference(published, basis):
    parsed = timeline.parse_text(DECIDED, published=published)
    assert (parsed.document.published, parsed.document.published_basis) == (dt.date(2022, 1, 15), basis)
    assert parsed.document.published_reason is None


def test_a_sidecar_wins_over_inference(tmp_path):
    report = tmp_path / "bericht.txt"
    report.write_text(DECIDED, encoding="utf-8")
    (tmp_path / "bericht.meta.yaml").write_text("published: 2022-01-15\n", encoding="utf-8")
    parsed = timeline.parse_report(report)
    assert (parsed.document.published, parsed.document.published_basis) == (dt.date(2022, 1, 15), "sidecar")


def test_a_day_in_the_header_is_its_basis():
    assert timeline.parse_text(" date 2022-01-08 Es blieb ruhig.").document.published_basis == "header"


@pytest.mark.parametrize("store_name", ["events.yaml", "events.jsonl"])
def test_the_store_keeps_the_inference_and_show_and_stats_note_it(tmp_path, store_name):
    report = tmp_path / "bericht.txt"
    report.write_text(DECIDED, encoding="utf-8")
    store = tmp_path / store_name
    runner = CliRunner()
    assert runner.invoke(app, ["parse", str(report), "-o", str(store), "--quiet"]).exit_code == 0
    (document,) = load_timeline(store).documents
    assert document["published_basis"] == "inferred" and "gestrigen Freitag" in document["published_reason"]
    for command in ("show", "stats"):
        result = runner.invoke(app, [command, "--events", str(store)])
        assert result.exit_code == 0
        assert "Note: bericht: publication day 2022-01-08 inferred from the text" in result.stderr


def test_show_notes_nothing_for_a_given_day(tmp_path):
    report = tmp_path / "bericht.txt"
    report.write_text(DECIDED, encoding="utf-8")
    store = tmp_path / "events.yaml"
    runner = CliRunner()
    runner.invoke(app, ["parse", str(report), "-o", str(store), "--published", "2022-01-08", "--quiet"])
    assert "Note:" not in runner.invoke(app, ["show", "--events", str(store)]).stderr


@pytest.mark.parametrize("field, value, message", [
    ("published_basis", "guessed", "published_basis"),
    ("published_confidence", 1.5, "published_confidence"),
])
def test_the_store_refuses_a_bad_publication_basis(tmp_path, field, value, message):
    store = tmp_path / "events.yaml"
    store.write_text(f"documents:\n- {{id: a, published: '2022-01-08', {field}: {value}}}\nevents: []\n",
                     encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        load_timeline(store)
