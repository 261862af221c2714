"""The extractors' language files, one loader per file kind.

Each loader reads one resource file of a `Language` (actors.yaml, attribution.yaml,
event_types.yaml, figures.yaml, places.yaml, references.yaml) and rejects a key it does not
know and a key it misses, naming the file and line (`de/actors.yaml:12: unknown key …`): a key
renamed in the data fails loudly instead of silently turning a feature off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..lang import Language
from ..lang.checked import DataFile, check_keys, check_list


@dataclass(frozen=True)
class NameEntry:
    """One entry of a list of names (a place, an organisation, a group)."""

    name: str
    aliases: tuple[str, ...]
    kind: str | None
    #: also an ordinary word or a frequent first name: the name matchers skip it
    ambiguous: bool


@dataclass(frozen=True)
class ActorsData:
    titles: tuple[str, ...]
    organisations: tuple[NameEntry, ...]
    groups: tuple[NameEntry, ...]


@dataclass(frozen=True)
class Letters:
    """The contents of the character classes of upper- and lower-case letters ("A-ZÄÖÜ")."""

    upper: str
    lower: str


@dataclass(frozen=True)
class ReferencesData:
    """references.yaml: words that refer back to a person and words that tell an actor's role."""

    letters: Letters
    subject_pronouns: dict[str, str]
    object_pronouns: dict[str, dict[str, str]]
    #: pronouns that name a person only when capitalised ("Sie"; "sie" is mostly "they")
    capitalised_pronouns: frozenset[str]
    age_description: str | None
    age_apposition: str | None
    determiners: frozenset[str]
    description_determiners: frozenset[str]
    genitive_determiners: frozenset[str]
    accusative_determiners: frozenset[str]
    oblique_determiners: frozenset[str]
    former_prefixes: tuple[str, ...]
    former_adjectives: frozenset[str]
    feminine_title_endings: tuple[str, ...]
    title_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    genitive_endings: tuple[str, ...]
    case_endings: tuple[str, ...]
    prepositions: frozenset[str]
    affected_prepositions: frozenset[str]
    name_modifiers: frozenset[str]
    affected_groups: frozenset[str]
    coordinators: frozenset[str]
    affected_figure_categories: frozenset[str]


def _top(language: Language, name: str, required: Sequence[str], optional: Sequence[str] = ()
         ) -> tuple[Mapping[str, Any], DataFile]:
    file = language.file(name)
    data = check_keys(language.data[name] or {}, file, required=required, optional=optional)
    return data, file


def _strings(data: Any, file: DataFile, where: Sequence[str | int]) -> tuple[str, ...]:
    return tuple(str(item) for item in check_list(data, file, where))


def _entries(data: Any, file: DataFile, section: str, required: Sequence[str],
             optional: Sequence[str]) -> tuple[NameEntry, ...]:
    entries = []
    for index, entry in enumerate(check_list(data, file, [section])):
        check_keys(entry, file, [section, index], required=required, optional=optional)
        entries.append(NameEntry(str(entry["name"]), tuple(str(a) for a in entry.get("aliases") or ()),
                                 entry.get("kind"), bool(entry.get("ambiguous"))))
    return tuple(entries)


def actors_data(language: Language) -> ActorsData:
    data, file = _top(language, "actors", ("titles", "organisations", "groups"))
    return ActorsData(
        titles=_strings(data["titles"], file, ["titles"]),
        organisations=_entries(data["organisations"], file, "organisations", ("name", "kind"),
                               ("aliases", "ambiguous")),
        groups=_entries(data["groups"], file, "groups", ("name",), ("aliases", "ambiguous")))


def places_data(language: Language) -> tuple[NameEntry, ...]:
    data, file = _top(language, "places", ("places",))
    return _entries(data["places"], file, "places", ("name", "kind", "country"), ("aliases", "ambiguous"))


_REFERENCE_LISTS = (
    "determiners", "description_determiners", "genitive_determiners", "accusative_determiners",
    "oblique_determiners", "former_prefixes", "former_adjectives", "feminine_title_endings", "title_endings",
    "adjective_endings", "genitive_endings", "case_endings", "prepositions", "affected_prepositions",
    "name_modifiers", "affected_groups", "coordinators", "affected_figure_categories", "capitalised_pronouns")


def references_data(language: Language) -> ReferencesData:
    data, file = _top(language, "references",
                      ("letters", "subject_pronouns", "object_pronouns", *_REFERENCE_LISTS),
                      ("age_description", "age_apposition"))
    letters = check_keys(data["letters"], file, ["letters"], required=("upper", "lower"))
    objects = check_keys(data["object_pronouns"], file, ["object_pronouns"], optional=data["object_pronouns"] or ())
    for pronoun, spec in objects.items():
        check_keys(spec, file, ["object_pronouns", pronoun], required=("gender",), optional=("role",))
    lists = {key: _strings(data[key], file, [key]) for key in _REFERENCE_LISTS}

    def lower(key: str) -> frozenset[str]:
        return frozenset(word.lower() for word in lists[key])

    def lower_tuple(key: str) -> tuple[str, ...]:
        return tuple(word.lower() for word in lists[key])

    return ReferencesData(
        letters=Letters(str(letters["upper"]), str(letters["lower"])),
        subject_pronouns={str(k).lower(): str(v) for k, v in (data["subject_pronouns"] or {}).items()},
        object_pronouns={str(k).lower(): dict(v) for k, v in objects.items()},
        capitalised_pronouns=lower("capitalised_pronouns"),
        age_description=data.get("age_description"), age_apposition=data.get("age_apposition"),
        determiners=lower("determiners"), description_determiners=lower("description_determiners"),
        genitive_determiners=lower("genitive_determiners"), accusative_determiners=lower("accusative_determiners"),
        oblique_determiners=lower("oblique_determiners"), former_prefixes=lower_tuple("former_prefixes"),
        former_adjectives=lower("former_adjectives"), feminine_title_endings=lower_tuple("feminine_title_endings"),
        title_endings=lists["title_endings"], adjective_endings=lists["adjective_endings"],
        genitive_endings=lists["genitive_endings"], case_endings=lists["case_endings"],
        prepositions=lower("prepositions"), affected_prepositions=lower("affected_prepositions"),
        name_modifiers=lower("name_modifiers"), affected_groups=frozenset(lists["affected_groups"]),
        coordinators=lower("coordinators"), affected_figure_categories=frozenset(lists["affected_figure_categories"]))


_GUARDED = ("reportative", "hedges", "substitutes", "rumour", "unconfirmed", "unverifiable")
ATTRIBUTION_PATTERNS = ("not_cues", "not_reported", "conditional", "bare_name", "carry_words", "anaphoric",
                        "source_nouns", "own", "outlet", "compound")


def attribution_data(language: Language) -> Mapping[str, Any]:
    """attribution.yaml: word lists, pattern fragments, cues and the markers of certainty (its
    header describes them)."""
    data, file = _top(language, "attribution", ("words", "patterns", "cues", *_GUARDED, *ATTRIBUTION_PATTERNS))
    check_keys(data["patterns"], file, ["patterns"], required=("gap",), optional=data["patterns"])
    for index, cue in enumerate(check_list(data["cues"], file, ["cues"])):
        check_keys(cue, file, ["cues", index], required=("name", "pattern", "source"),
                   optional=("text", "weak", "names"))
        if cue["source"] not in ("np", "around", "carry"):
            raise file.fail(["cues", index, "source"], f"unknown source {cue['source']!r} (np, around or carry)")
    for key in _GUARDED:
        check_keys(data[key], file, [key], required=("patterns",))
    return data


def event_types_data(language: Language) -> Mapping[str, Any] | None:
    """event_types.yaml (its header describes it); None for a language without one."""
    if "event_types" not in language.data:
        return None
    data, file = _top(language, "event_types", ("morphology", "verbs", "particles", "groups", "cues"), ("not",))
    check_keys(data["morphology"], file, ["morphology"], required=(
        "noun_endings", "adjective_endings", "finite_endings", "participle_endings", "participle_prefix",
        "infinitive_infix", "unprefixed_participles", "inseparable_prefixes", "infinitive_endings",
        "clause_joiners", "spellings"))
    return data


def figures_data(language: Language) -> Mapping[str, Any]:
    """figures.yaml (its header describes it)."""
    data, file = _top(language, "figures", (
        "number_format", "noun", "adjective", "inflection_endings", "money_category", "qualifiers", "number_words",
        "before_scale_only", "scales", "vague_numbers", "vague_qualifier", "vague_linker", "vague_multipliers",
        "ranges", "currencies", "currency_prefixes", "units", "uncategorised", "people_group", "categories",
        "not_counted", "labels", "count_of", "not_adjectives", "coordinators", "list_links", "subset_links",
        "clause_openers", "predicate_gap", "bare_predicate_gap"))
    check_keys(data["number_format"], file, ["number_format"], required=("thousands", "decimal"))
    check_keys(data["number_words"], file, ["number_words"],
               required=("units", "teens", "tens", "hundred", "thousand", "joiner", "fractions"))
    check_keys(data["ranges"], file, ["ranges"], required=("qualifier", "joiners", "between"))
    for category, spec in data["categories"].items():
        check_keys(spec, file, ["categories", category], optional=("nouns", "people", "predicates"))
    return data
