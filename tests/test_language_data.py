"""The extractors' language files are checked when loaded: an unknown or a missing key fails with
the file and line."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Callable

import pytest
from ruamel.yaml import YAML

from timeline.extract.language_data import (
    actors_data,
    attribution_data,
    event_types_data,
    figures_data,
    places_data,
    references_data,
)
from timeline.lang import Language, load_language
from timeline.lang.checked import DataFile, LanguageDataError
from timeline.lang.gaps import gap_parts, gapped_pattern

LOADERS: dict[str, Callable[[Language], object]] = {
    "actors": actors_data, "attribution": attribution_data, "event_types": event_types_data,
    "figures": figures_data, "places": places_data, "references": references_data}
SHIPPED = Path(__file__).resolve().parents[1] / "timeline" / "lang" / "de"


def _language_with(tmp_path: Path, name: str, text: str) -> Language:
    """German, with the resource file `name` replaced by `text`."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    shipped = load_language("de")
    language = dataclasses.replace(shipped, data={**shipped.data, name: YAML(typ="safe").load(text)},
                                   _compiled={})
    language.file = lambda wanted: DataFile(path, f"de/{wanted}.yaml")      # type: ignore[method-assign]
    return language


@pytest.mark.parametrize("name", LOADERS)
def test_the_shipped_files_load(name: str) -> None:
    assert LOADERS[name](load_language("de"))


@pytest.mark.parametrize("name", LOADERS)
def test_an_unknown_top_level_key_is_named_with_its_line(tmp_path: Path, name: str) -> None:
    text = (SHIPPED / f"{name}.yaml").read_text(encoding="utf-8") + "\nmispelled_key: 1\n"
    line = text.count("\n")
    with pytest.raises(LanguageDataError, match=rf"^de/{name}\.yaml:{line}: unknown key 'mispelled_key'"):
        LOADERS[name](_language_with(tmp_path, name, text))


def test_a_missing_key_is_named_with_the_line_of_its_section(tmp_path: Path) -> None:
    text = "places:\n  - name: Astana\n    kind: city\n  - name: Almaty\n    kind: city\n    country: KZ\n"
    with pytest.raises(LanguageDataError, match=r"^de/places\.yaml:2: missing key 'country' \(at places/0\)"):
        places_data(_language_with(tmp_path, "places", text))


def test_an_unknown_key_of_an_entry_is_named_with_its_line(tmp_path: Path) -> None:
    text = ("titles: [Präsident]\norganisations:\n  - name: Polizei\n    kind: police\n    alias: [Polizisten]\n"
            "groups: []\n")
    with pytest.raises(LanguageDataError, match=r"^de/actors\.yaml:5: unknown key 'alias'"):
        actors_data(_language_with(tmp_path, "actors", text))


def test_a_missing_top_level_key_is_named(tmp_path: Path) -> None:
    text = (SHIPPED / "references.yaml").read_text(encoding="utf-8").replace("\ncase_endings:", "\nold_case_endings:")
    with pytest.raises(LanguageDataError, match=r"^de/references\.yaml:\d+: unknown key 'old_case_endings'"):
        references_data(_language_with(tmp_path, "references", text))
    without = "\n".join(line for line in text.splitlines() if not line.startswith("old_case_endings"))
    with pytest.raises(LanguageDataError, match=r"^de/references\.yaml:1: missing key 'case_endings'"):
        references_data(_language_with(tmp_path, "references", without))


def test_one_notation_for_a_gap() -> None:
    assert gap_parts("teilte … mit") == ["teilte", "mit"] and gap_parts("sagte") == ["sagte"]
    assert re.fullmatch(gapped_pattern("nahm … fest", r"\s+(?:\S+\s+)*?"), "nahm  den Mann\nfest")
    assert not re.fullmatch(gapped_pattern("nahm … fest", r"\s+(?:\S+\s+)*?"), "nahmfest")
