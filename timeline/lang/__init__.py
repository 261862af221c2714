"""Language resources: one folder per language, loaded on first use and cached.

A language folder holds only data: `lexicon.yaml` (normalization tables), `rules.yaml` and
`rules/*.yaml` (temporal rules, each with examples), `tense.yaml`, `segment.yaml`,
and resource files for the extractors (`actors.yaml`, `places.yaml`, …), each available as
`Language.data[name]`. docs/language-data.md describes every file.

Modules: `language` (the compiled `Language`, `Rule`, `Example`), `loading` (reading a folder,
with one checking reader per temporal file kind), `rule_values` (what a rule's value may say),
`checked` (shape checks with file:line), `patterns` and `triggers` (regular expressions).
"""

from .language import FLAGS, MODES, Example, Language, Rule
from .loading import available_languages, load_language, read_language

__all__ = ["FLAGS", "MODES", "Example", "Language", "Rule", "available_languages", "load_language",
           "read_language"]
