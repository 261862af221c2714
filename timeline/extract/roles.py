"""Roles of the actors of each sentence: references resolved in reading order, then who acts, who
is affected and who is involved, read from the words before each name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..lang import Language
from ..model import Figure, Mention
from .actor_lexicon import ActorLexicon, actor_lexicon
from .actor_names import ActorNames, NameSpan, Person, SentenceReferences

_WORD = re.compile(r"[\w'’.-]+|[\"„“”«»]")
_QUOTES = "\"„“”«»"


def assign_roles(names: ActorNames, sources: Sequence[frozenset[str]] | None = None,
                 skip: Sequence[bool] | None = None) -> list[list[Mention]]:
    """The actors of each sentence (see `find_actors`): references resolved in reading order,
    roles given with the sentences' `sources`."""
    lexicon = names.lexicon
    result: list[list[Mention]] = []
    previous: list[Mention] = []
    ages: dict[str, str] = {}
    for index, (sentence, spans) in enumerate(zip(names.sentences, names.found)):
        mentions = []
        if spans or names.references[index]:               # most sentences name no one
            spans = spans + _resolved(sentence, spans, names.references[index], previous, names.persons, ages,
                                      lexicon)
            spans.sort(key=lambda s: s.start)
            mentions = _unique(_with_roles(sentence, spans, lexicon, (sources[index] if sources else frozenset()),
                                           names.forms))
        result.append(mentions)
        if not (skip and skip[index]):
            previous = [m for m in mentions if m.kind == "person"]
    return result


def _resolved(sentence: str, named: list[NameSpan], found: SentenceReferences, previous: list[Mention],
              persons: dict[str, Person], ages: dict[str, str], lexicon: ActorLexicon) -> list[NameSpan]:
    """The references of a sentence (`SentenceReferences`) that clearly mean one person, now that
    the sentence before is known; `ages` collects the ages given so far."""
    words = lexicon.words
    spans: list[NameSpan] = []
    taken = [(s.start, s.end) for s in named]
    here = [s.mention.name for s in named if s.mention.kind == "person"]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(start: int, end: int, name: str | None, role: str | None = None) -> None:
        if name is not None and free(start, end):
            spans.append(NameSpan(start, end, Mention(name, "person", sentence[start:end]), True, role))
            taken.append((start, end))

    for age, name in found.appositions:
        ages[age] = name
    for start, end, age in found.ages:
        if age not in ages:
            candidates = _unique_names(m.name for m in previous)
            if len(candidates) == 1:
                ages[age] = candidates[0]
        add(start, end, ages.get(age))
    for start, end, meant in found.descriptions:
        add(start, end, meant)
    for start, end, lower in found.pronouns:
        if lower in words.subject_pronouns:
            gender = words.subject_pronouns[lower]
            earlier = [s.mention.name for s in named if s.mention.kind == "person" and s.start < start]
            add(start, end, _antecedent(gender, earlier, previous, persons))
        else:
            spec = words.object_pronouns[lower]
            pool = [m for m in previous if m.name not in here]
            add(start, end, _antecedent(spec["gender"], [], pool, persons), spec.get("role"))
    return spans


def _antecedent(gender: str, earlier_here: list[str], previous: list[Mention],
                persons: dict[str, Person]) -> str | None:
    """The one person a pronoun can mean: the only fitting person named before it in its own
    sentence, else the only fitting person of the sentence before, else that sentence's acting
    person when it fits. None when the text leaves a choice."""
    def fits(name: str) -> bool:
        person = persons.get(name)
        return person is None or person.gender in (None, gender)

    here = _unique_names(n for n in earlier_here if fits(n))
    if here:
        return here[0] if len(here) == 1 else None
    before = _unique_names(m.name for m in previous if fits(m.name))
    if len(before) == 1:
        return before[0]
    acting = [m.name for m in previous if m.role == "actor" and fits(m.name)]
    return acting[0] if acting else None


def _unique_names(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _with_roles(sentence: str, spans: list[NameSpan], lexicon: ActorLexicon, sources: frozenset[str],
                forms: dict[str, tuple[str, ...]]) -> list[Mention]:
    """Each span's mention with its role and its other names (`forms`): the first name that stands
    as a subject acts (a source of the claim only when no other can), names after "gegen" or in
    the accusative are affected, all others involved."""
    roles: list[str] = []
    for span in spans:
        if span.role:
            roles.append(span.role)
        elif span.mention.kind == "group" and span.mention.name in lexicon.words.affected_groups:
            roles.append("affected")
        else:
            role = _role_by_position(sentence, span.start, lexicon)
            roles.append(roles[-1] if role == "coordinated" and roles else
                         "involved" if role == "coordinated" else role)
    subjects = [i for i, r in enumerate(roles) if r == "subject"]
    acting = next((i for i in subjects if spans[i].mention.name not in sources), subjects[0] if subjects else None)
    return [Mention(span.mention.name, span.mention.kind, span.mention.text,
                    "actor" if i == acting else ("involved" if role == "subject" else role),
                    forms.get(span.mention.name, ()))
            for i, (span, role) in enumerate(zip(spans, roles))]


def _role_by_position(sentence: str, start: int, lexicon: ActorLexicon) -> str:
    """"subject", "affected" or "involved", read from the words before a name: a preposition, a
    determiner in an oblique case, or a genitive after a noun ("der Unmut der Demonstranten");
    "coordinated" when "und" joins it to the name before, whose role it shares."""
    words = lexicon.words
    before = _WORD.findall(sentence[:start])
    determiner = None
    titles_done = False          # going backwards: titles and first names, then adjectives, then the determiner
    while before:
        word = before.pop()
        lower = word.lower()
        if determiner is None and (word in _QUOTES or lower in words.name_modifiers or word[:1].isdigit()):
            continue
        if lower in words.prepositions:
            return "affected" if lower in words.affected_prepositions else "involved"
        if determiner is None and lower in words.coordinators:
            return "coordinated"
        if determiner is None and not titles_done and word[:1].isupper() and lower not in words.determiners:
            continue
        if determiner is None and _adjective(word, words.adjective_endings):
            titles_done = True
            continue
        if determiner is None and lower in words.determiners:
            determiner = lower
            continue
        if determiner in words.genitive_determiners and word[:1].isupper() and before:
            return "involved"                    # genitive after a noun
        break
    if determiner in words.accusative_determiners:
        return "affected"
    if determiner in words.oblique_determiners:
        return "involved"
    return "subject"


def _adjective(word: str, endings: tuple[str, ...]) -> bool:
    """A lower-case word with an adjective ending ("belarussische", "autoritären"); a verb may look
    the same, which is why a capitalised word before it ends the noun phrase."""
    return word[:1].islower() and word.endswith(endings) and word.isalpha() and len(word) > 3


def mark_counted_victims(mentions: list[Mention], figures: Sequence[Figure], language: Language) -> list[Mention]:
    """Actors a casualty or arrest figure counts are affected: in "26 Demonstranten kamen ums Leben"
    the protesters do not act."""
    categories = actor_lexicon(language).words.affected_figure_categories
    counted = [f.text for f in figures if f.category in categories]
    if not counted:
        return list(mentions)
    return [replace(m, role="affected") if any(m.text in text for text in counted) else m for m in mentions]


def _unique(mentions: list[Mention]) -> list[Mention]:
    """Each actor once, in the role most telling of it (acting, then affected, then involved)."""
    rank = {"actor": 0, "affected": 1, "involved": 2, None: 3}
    best: dict[str, Mention] = {}
    for mention in mentions:
        current = best.get(mention.name)
        if current is None or rank[mention.role] < rank[current.role]:
            best[mention.name] = mention
    order = list(dict.fromkeys(m.name for m in mentions))
    return [best[name] for name in order]
