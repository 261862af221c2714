"""What the actor finder compiles from a language's actors.yaml and references.yaml, once per
`Language`: titles, institutions and groups, and the patterns of names and references."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import Language
from ..lang.patterns import alternation
from .language_data import ReferencesData, actors_data, references_data
from .name_matcher import NameMatcher, build_matcher
from .places import name_inflection, place_matcher


@dataclass(frozen=True)
class ActorLexicon:
    #: lower-cased titles; a word ending in one is a title, alone or as the tail of a compound
    #: ("Ex-Präsident", "Langzeit-Machthaber", "Regierungschef")
    titles: tuple[str, ...]
    #: finds, in a lower-cased sentence read backwards, a word that ends in a title: a sentence
    #: without one introduces and describes no one by title, and most sentences have none (the
    #: reversed search tries the titles only where a word ends, a forward one at every letter)
    title_word_reversed: re.Pattern[str] | None
    institutions: NameMatcher
    places: NameMatcher
    #: canonical institution name → its other names in the lexicon (acronyms, other languages)
    other_names: dict[str, tuple[str, ...]]
    words: ReferencesData
    #: a word, then (looked ahead, so that the name can follow a word that is no title) one to
    #: three capitalised name tokens; whether the word is a title is checked on its ending
    titled: re.Pattern[str]
    #: a capitalised name token after a space: a name follows
    name_after: re.Pattern[str]
    #: a determiner, up to three lower-case words and a capitalised word that may be a title
    #: ("des Ex-Präsidenten", "der frühere Kanzler")
    description: re.Pattern[str]
    age_description: re.Pattern[str] | None
    age_apposition: re.Pattern[str] | None
    pronouns: re.Pattern[str] | None
    title_ending: re.Pattern[str]
    case_ending: re.Pattern[str]


def actor_lexicon(language: Language) -> ActorLexicon:
    """The actor lexicon of a language, compiled once per `Language`."""
    return language.compiled(_build)


def _build(language: Language) -> ActorLexicon:
    data = language.compiled(actors_data)
    words = language.compiled(references_data)
    titles = tuple(sorted({t.lower() for t in data.titles}))
    institutions = build_matcher([*((e, "organisation") for e in data.organisations),
                                  *((e, "group") for e in data.groups)], language.compiled(name_inflection))
    other_names = {e.name: e.aliases for e in data.organisations if not e.ambiguous}
    title_word_reversed = re.compile(rf"(?<![\w-])(?:{alternation(t[::-1] for t in titles)})") \
        if titles else None
    upper, lower = words.letters.upper, words.letters.lower
    name_token = rf"(?-i:[{upper}][\w'’]+(?:-[{upper}][\w'’]+)*)"
    determiners = "|".join(map(re.escape, sorted(words.description_determiners)))
    pronouns = [*words.subject_pronouns, *words.object_pronouns]
    return ActorLexicon(
        titles, title_word_reversed, institutions, place_matcher(language), other_names, words,
        titled=re.compile(
            rf"(?<![\w.-])(?P<title>[\w-]+\.?)(?=\s+(?P<name>{name_token}(?:\s+{name_token}){{0,2}}))"),
        name_after=re.compile(rf"\s+{name_token}"),
        description=re.compile(
            rf"(?<![\w-])(?i:{determiners})\s+(?P<words>(?:[{lower}][\w-]*\s+){{0,3}})"
            rf"(?P<title>[{upper}][\w-]*)(?![\w-])"),
        age_description=re.compile(words.age_description) if words.age_description else None,
        age_apposition=re.compile(words.age_apposition) if words.age_apposition else None,
        pronouns=whole_words(pronouns) if pronouns else None,
        title_ending=re.compile(f"({'|'.join(words.title_endings)})$"),
        case_ending=re.compile(rf"(?<=\w\w\w)({'|'.join(words.case_endings)})$"))


def whole_words(words: list[str]) -> re.Pattern[str]:
    """The words, ignoring case, with no word character or hyphen on either side.

    Spelled as "a first letter, no word before it, then the rest of a word beginning with that
    letter" rather than "no word before, then one of the words": a pattern that begins with a
    letter lets the regex engine skip to where one stands instead of trying every position."""
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    rests = "|".join(f"(?<={re.escape(word[0])}){re.escape(word[1:])}" for word in words)
    return re.compile(rf"(?i:[{firsts}])(?<![\w-].)(?i:{rests})(?![\w-])")
