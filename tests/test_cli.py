"""The `timeline` command, run in-process through Typer's CliRunner.

With the installed Typer, `CliRunner()` keeps stderr apart: `result.stdout` is what the command
printed on stdout, `result.stderr` what it printed on stderr, `result.output` both interleaved.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

import timeline
from timeline.cli import app

runner = CliRunner()


def invoke(*args, input=None, env=None):
    return runner.invoke(app, [str(a) for a in args], input=input, env=env)


def squash(text: str) -> str:
    """Help text without Rich's box drawing and line breaks, for phrase matching."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def assert_user_error(result, *fragments):
    """Exit 1, one line `Error: …` on stderr, no traceback anywhere."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:"), lines
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""


@pytest.fixture()
def in_tmp(tmp_path, plain_env):
    """Run in an empty folder: no ./events.yaml is picked up."""
    plain_env.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def store(in_tmp, shipped_path):
    path = in_tmp / "store.yaml"
    result = invoke("parse", shipped_path, "--published", "2022-01-08", "-o", path)
    assert result.exit_code == 0, result.output
    return path


# --- help -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, phrase", [
    ([], "Turn news reports into a dated, filterable, chronological timeline of events."),
    (["parse"], "Parse reports into dated events and store them"),
    (["show"], "Show the timeline"),
    (["filter"], "Show only the events that match all given filters"),
    (["export"], "Export the (filtered) timeline for other tools."),
    (["tag"], "Print the temporal expressions of a text"),
    (["validate"], "Check an events store"),
])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(args, phrase, flag):
    result = invoke(*args, flag)
    assert result.exit_code == 0, result.output
    assert phrase in squash(result.output)
    assert "Traceback" not in result.output


def test_app_help_lists_every_command():
    text = squash(invoke("--help").output)
    for command in ("parse", "show", "filter", "export", "tag", "validate"):
        assert re.search(rf"\b{command}\b", text)


def test_no_arguments_shows_help():
    result = invoke()
    assert "Usage" in result.output
    assert "parse" in result.output


# --- parse, export, filter ------------------------------------------------------------------------

def test_parse_reports_summary(in_tmp, shipped_path):
    result = invoke("parse", shipped_path, "--published", "2022-01-08", "-o", in_tmp / "s.yaml")
    assert result.exit_code == 0
    assert result.stdout == ""
    parsed = timeline.parse_report(timeline.shipped_report(), "2022-01-08")
    dated = sum(1 for e in parsed.events if e.date)
    assert re.search(rf"1 report\(s\): {len(parsed.events)} events \({dated} dated\)", result.stderr)
    assert (in_tmp / "s.yaml").is_file()


def test_parse_quiet(in_tmp, shipped_path):
    result = invoke("parse", shipped_path, "-q", "-o", in_tmp / "s.yaml")
    assert result.exit_code == 0
    assert result.output == ""


def test_parse_default_output_is_events_yaml_in_cwd(in_tmp, shipped_path):
    assert invoke("parse", shipped_path, "-q").exit_code == 0
    assert (in_tmp / "events.yaml").is_file()


def test_parse_month_precision_warns(in_tmp):
    report = in_tmp / "bericht.txt"
    report.write_text(" date 2022-01 Am Mittwoch kam er.", encoding="utf-8")
    result = invoke("parse", report, "-o", in_tmp / "s.yaml")
    assert result.exit_code == 0
    assert "--published" in result.stderr
    assert "Warning" in result.stderr


def test_export_json(store):
    result = invoke("export", "--events", store, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"][0]["id"] == "kasachstan-2022-01"
    events = data["events"]
    assert len(events) == len(timeline.parse_report(timeline.shipped_report()).events)
    for event in events:
        assert event["sentence"]
        if event["date"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", event["date"]["start"])
    dated = [e for e in events if e["date"]]
    assert len(dated) == sum(1 for e in timeline.parse_report(timeline.shipped_report()).events if e.date)
    assert dated[0]["date"]["value"] == "2019"


def test_export_to_file(store, in_tmp):
    out = in_tmp / "out.json"
    result = invoke("export", "--events", store, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["events"]


def test_export_filtered(store):
    result = invoke("export", "--events", store, "--since", "2022-01-07", "--until", "2022-01-07")
    values = {e["date"]["value"] for e in json.loads(result.stdout)["events"]}
    # the day's news told on Saturday (Friday or Saturday) overlaps Friday
    assert values == {"2022-01-07", "2022-01-07TEV", "2022-01-07TNI", "2022-01-07/2022-01-08"}


@pytest.mark.parametrize("actor", ["Tokajew", "Tokayev", "TOKAJEW"])
def test_filter_actor_json(store, actor):
    result = invoke("filter", "--events", store, "--actor", actor, "--json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert len(events) == 5         # four name him, one refers back to him ("Er verteidigte dies …")
    assert all("Tokajew" in e["sentence"] or e["sentence"].startswith("Er verteidigte") for e in events)
    assert all(any(a["name"] == "Kassym-Schomart Tokajew" for a in e["actors"]) for e in events)


def test_filter_place_and_text(store):
    result = invoke("filter", "--events", store, "--place", "Almaty", "--text", "NACHT", "--json")
    events = json.loads(result.stdout)["events"]
    assert [e["sentence"][:35] for e in events] == ["In der Nacht zum Samstag soll es er"]


def test_filter_renders_without_json(store, plain_env):
    result = invoke("filter", "--events", store, "--actor", "Scholz", "--width", "100")
    assert result.exit_code == 0
    assert "Bundeskanzler Olaf Scholz rief am Freitag" in result.stdout
    assert "Tokajew" not in result.stdout


def test_show_without_store_shows_shipped_report(in_tmp):
    result = invoke("show", "--width", "120")
    assert result.exit_code == 0, result.output
    assert "Sicherheitskräfte in Almaty stellten sich am Mittwoch" in result.stdout
    assert "Wednesday, 5 January 2022" in result.stdout


def test_show_uses_events_yaml_in_cwd(in_tmp):
    report = in_tmp / "r.txt"
    report.write_text("Am 3. Januar 2022 traf sich der Rat.", encoding="utf-8")
    assert invoke("parse", report, "-q").exit_code == 0
    result = invoke("show", "--width", "120")
    assert "Am 3. Januar 2022 traf sich der Rat." in result.stdout
    assert "Almaty" not in result.stdout


def test_show_filter_without_matches(in_tmp):
    result = invoke("show", "--actor", "Putin")
    assert result.exit_code == 0
    assert "No events." in result.stdout


# --- errors ---------------------------------------------------------------------------------------

def test_missing_report(in_tmp):
    assert_user_error(invoke("parse", in_tmp / "fehlt.txt", "-o", in_tmp / "s.yaml"), "fehlt.txt")
    assert not (in_tmp / "s.yaml").exists()


def test_report_is_a_directory(in_tmp):
    assert_user_error(invoke("parse", in_tmp, "-o", in_tmp / "s.yaml"))


def test_binary_report(in_tmp):
    report = in_tmp / "bild.txt"
    report.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert_user_error(invoke("parse", report, "-o", in_tmp / "s.yaml"), "bild.txt")


@pytest.mark.parametrize("bad", ["2022-13-01", "gestern"])
def test_bad_published(in_tmp, shipped_path, bad):
    assert_user_error(invoke("parse", shipped_path, "--published", bad, "-o", in_tmp / "s.yaml"), bad)


@pytest.mark.parametrize("args, fragment", [
    (["export", "--format", "xml"], "xml"),
    (["tag", "-", "--format", "xml"], "xml"),
    (["parse", "{report}", "--lang", "xx"], "xx"),
    (["tag", "-", "--lang", "xx"], "xx"),
    (["parse", "{report}", "--mode", "poetry"], "poetry"),
    (["tag", "-", "--mode", "poetry"], "poetry"),
    (["show", "--since", "gestern"], "gestern"),
    (["show", "--until", "2022-01"], "2022-01"),
    (["filter", "--since", "2022-02-30"], "2022-02-30"),
])
def test_unknown_choices(in_tmp, shipped_path, args, fragment):
    args = [str(shipped_path) if a == "{report}" else a for a in args]
    if args[0] == "parse":
        args += ["-o", in_tmp / "s.yaml"]
    assert_user_error(invoke(*args, input="Am Mittwoch kam er."), fragment)
    assert not (in_tmp / "s.yaml").exists()


@pytest.mark.parametrize("command", ["show", "filter", "export", "validate"])
def test_unreadable_store(in_tmp, command):
    bad = in_tmp / "kaputt.yaml"
    bad.write_text("events:\n  - id: a\n    sentence: [offen\n", encoding="utf-8")
    args = [command, bad] if command == "validate" else [command, "--events", bad]
    result = invoke(*args)
    assert_user_error(result, "kaputt.yaml")
    assert re.search(r"kaputt\.yaml:\d+", result.stderr)


@pytest.mark.parametrize("command", ["show", "export"])
def test_missing_store_option(in_tmp, command):
    assert_user_error(invoke(command, "--events", in_tmp / "fehlt.yaml"), "fehlt.yaml")


def test_parse_into_malformed_store_keeps_it(in_tmp, shipped_path):
    bad = in_tmp / "kaputt.yaml"
    bad.write_text("events: [\n", encoding="utf-8")
    assert_user_error(invoke("parse", shipped_path, "-o", bad), "kaputt.yaml")
    assert bad.read_text(encoding="utf-8") == "events: [\n"


def test_hand_edited_unquoted_date_gives_no_traceback(in_tmp):
    """A user types `value: 2022-01-04` without quotes; the CLI must not crash with a traceback."""
    path = in_tmp / "events.yaml"
    path.write_text("events:\n  - id: a\n    document: d\n    sentence: Er kam.\n    date:\n"
                    "      value: 2022-01-04\n      start: 2022-01-04T00:00:00\n      end: 2022-01-04T23:59:59\n"
                    "      granularity: day\n", encoding="utf-8")
    result = invoke("show", "--events", path)
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 1:
        assert_user_error(result)
    else:
        assert "Er kam." in result.stdout


# --- tag ------------------------------------------------------------------------------------------

TAG_INPUT = " date 2022-01-08 Am Mittwoch kam er. Am 3. Januar 2022 ging sie. Im vergangenen Jahr war es ruhig."


def test_tag_json_offsets_into_exact_input(in_tmp):
    source = in_tmp / "t.txt"
    source.write_text(TAG_INPUT, encoding="utf-8")
    result = invoke("tag", source)
    assert result.exit_code == 0, result.output
    timexes = json.loads(result.stdout)
    assert isinstance(timexes, list) and timexes
    for timex in timexes:
        assert set(timex) == {"start", "end", "text", "type", "value", "mod"}
        assert TAG_INPUT[timex["start"]:timex["end"]] == timex["text"]
    by_text = {t["text"]: t for t in timexes}
    assert by_text["Mittwoch"]["start"] == TAG_INPUT.index("Mittwoch")
    assert by_text["Mittwoch"]["value"] == "2022-01-05"            # the header date is the reference
    assert by_text["3. Januar 2022"]["value"] == "2022-01-03"
    assert by_text["3. Januar 2022"]["type"] == "DATE"
    assert any(t["value"] == "2021" for t in timexes)


def test_tag_published_option_overrides_header(in_tmp):
    source = in_tmp / "t.txt"
    source.write_text(TAG_INPUT, encoding="utf-8")
    timexes = json.loads(invoke("tag", source, "--published", "2022-01-15").stdout)
    assert {t["text"]: t["value"] for t in timexes}["Mittwoch"] == "2022-01-12"


def test_tag_stdin():
    result = invoke("tag", input="Am 24. Februar 2022 begann der Krieg.")
    assert result.exit_code == 0, result.output
    (timex,) = json.loads(result.stdout)
    assert (timex["text"], timex["value"]) == ("24. Februar 2022", "2022-02-24")


def test_tag_jsonl():
    lines = [
        {"id": "a", "text": "Am Mittwoch kam er.", "published": "2022-01-08"},
        {"id": 7, "text": "Im Jahr 2019 ging sie."},
    ]
    result = invoke("tag", "--jsonl", input="".join(json.dumps(line) + "\n" for line in lines))
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert [t["value"] for t in out[0]["timexes"]] == ["2022-01-05"]
    assert [t["value"] for t in out[1]["timexes"]] == ["2019"]
    for line, record in zip(lines, out):
        for timex in record["timexes"]:
            assert line["text"][timex["start"]:timex["end"]] == timex["text"]


def test_tag_jsonl_bad_line():
    result = invoke("tag", "--jsonl", input='{"id": "a", "text": "Am Mittwoch."}\nkein json\n')
    assert result.exit_code == 1
    assert "line 2" in result.stderr
    assert "Traceback" not in result.output


def test_tag_timeml(in_tmp):
    source = in_tmp / "t.txt"
    source.write_text(TAG_INPUT, encoding="utf-8")
    result = invoke("tag", source, "--format", "timeml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<TimeML>")
    assert '<TIMEX3 tid="t' in result.stdout
    assert re.search(r'<TIMEX3 tid="t\d+" type="DATE" value="2022-01-05">Mittwoch</TIMEX3>', result.stdout)
    # removing the tags gives back the input
    plain = re.sub(r"</?TIMEX3[^>]*>", "", result.stdout)
    assert plain == "<TimeML>\n" + TAG_INPUT + "\n</TimeML>\n"


def test_tag_timeml_escapes_markup():
    result = invoke("tag", "--format", "timeml", input="A & B <trafen> sich am 3. Januar 2022.")
    assert "A &amp; B &lt;trafen&gt;" in result.stdout


@pytest.mark.parametrize("content", [b"", b"   \n", b"\x00\x01binary"])
def test_tag_unusable_input(in_tmp, content):
    source = in_tmp / "t.txt"
    source.write_bytes(content)
    assert_user_error(invoke("tag", source))


def test_tag_missing_file(in_tmp):
    assert_user_error(invoke("tag", in_tmp / "fehlt.txt"), "fehlt.txt")


# --- validate -------------------------------------------------------------------------------------

def test_validate_good_store(store):
    result = invoke("validate", store)
    assert result.exit_code == 0, result.output
    assert "OK" in result.stderr
    assert "1 document" in result.stderr


@pytest.mark.parametrize("text", [
    "events:\n  - id: a\n    document: d\n",
    "events:\n  - id: a\n    document: d\n    sentence: s\n    date:\n      value: not-a-date\n"
    "      start: '2022-01-01T00:00:00'\n      end: '2022-01-01T23:59:59'\n      granularity: day\n",
    "events: 3\n",
    "events: [\n",
])
def test_validate_bad_store(in_tmp, text):
    path = in_tmp / "events.yaml"
    path.write_text(text, encoding="utf-8")
    assert_user_error(invoke("validate", path), "events.yaml")


def test_validate_default_path_missing(in_tmp):
    assert_user_error(invoke("validate"), "events.yaml")


def test_parse_checks_the_store_before_parsing(in_tmp):
    """An unwritable store is reported before the inputs are read: a long corpus run must not end
    in that error."""
    (in_tmp / "leer.txt").write_text("")
    result = invoke("parse", in_tmp / "leer.txt", "-o", in_tmp / "nirgends" / "events.yaml")
    assert result.exit_code == 1
    assert "nirgends" in result.stderr and "empty" not in result.stderr


def test_parse_warnings_are_not_markup(in_tmp):
    """A file name that looks like Rich markup is printed as it is, not interpreted."""
    report = in_tmp / "[bold]bericht.txt"
    report.write_text("Die Polizei nahm am Montag zwölf Menschen fest.\n", encoding="utf-8")
    result = invoke("parse", report, "-o", in_tmp / "s.yaml")
    assert result.exit_code == 0, result.output
    assert "[bold]bericht" in result.stderr and "Warning:" in result.stderr


def test_the_collector_pauses_while_a_store_loads_and_runs_again_as_before():
    import gc

    from timeline.gc_tuning import collector_paused

    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()                 # left off, as it was
    finally:
        gc.enable()
