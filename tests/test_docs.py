"""The docs stay true to the code: the stage table of the architecture page is the pipeline, the
README stays short and opens with its two commands, and every link between the pages resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.pipeline import STAGES

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
STAGE_ROW = re.compile(r"^\| *\d+ *\| *`(?P<name>\w+)` *\| *(?P<reads>[^|]*)\| *(?P<adds>[^|]*)\|", re.M)
LINK = re.compile(r"\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)")


def _names(cell: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in cell.split(",") if name.strip())


def test_the_architecture_page_lists_the_stages_of_the_pipeline():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = [(m["name"], _names(m["reads"]), _names(m["adds"])) for m in STAGE_ROW.finditer(page)]
    assert listed == [(stage.name, stage.reads, stage.adds) for stage in STAGES]


def test_the_readme_is_short_and_opens_with_the_install_and_test_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 8 * 1024
    commands = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert commands is not None and readme.index("```sh") < readme.index("\n## ")
    install, test = commands.group(1).strip().splitlines()
    assert install.endswith("pip install . && timeline show")
    assert test.endswith("""pip install '.[test]' && pytest -m "not slow\"""")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_resolves(page):
    broken = [m["target"] for m in LINK.finditer(page.read_text(encoding="utf-8"))
              if "://" not in m["target"] and not m["target"].startswith("mailto:")
              and not (page.parent / m["target"]).exists()]
    assert broken == []
