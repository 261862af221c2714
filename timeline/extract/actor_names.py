"""The name pass of the actor finder, once per document: persons introduced by a title and named
again by surname, institutions and groups, and the pronouns and descriptions that may refer back
to a person (resolved in reading order by `roles.assign_roles`)."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..lang import Language
from ..model import Mention
from .actor_lexicon import ActorLexicon, actor_lexicon


@dataclass
class Person:
    """What the document says about a person: how it is named, its titles, gender and age."""

    name: str
    first_sentence: int
    title_keys: set[str] = field(default_factory=set)
    former: bool = False
    gender: str | None = None
    forms: set[str] = field(default_factory=set)


class NameSpan(NamedTuple):
    start: int
    end: int
    mention: Mention
    #: True for pronouns and descriptions: they resolve to a name but are not one
    reference: bool = False
    role: str | None = None        # a role the reference itself fixes (object pronouns)


@dataclass(frozen=True)
class SentenceReferences:
    """The pronouns and descriptions of one sentence, resolved as far as the sentence before does
    not matter."""

    #: (age, person) that appositions give ("Huber, 64, …")
    appositions: tuple[tuple[str, str], ...]
    #: (start, end, age) of age descriptions ("Der heute 81-Jährige")
    ages: tuple[tuple[int, int, str], ...]
    #: (start, end, the one person meant or None) of bare titles ("des Ex-Präsidenten")
    descriptions: tuple[tuple[int, int, str | None], ...]
    #: (start, end, lower-case pronoun)
    pronouns: tuple[tuple[int, int, str], ...]

    def __bool__(self) -> bool:
        return bool(self.appositions or self.ages or self.descriptions or self.pronouns)


_NO_REFERENCES = SentenceReferences((), (), (), ())
#: what stands between the sentences of a document searched at once: to the patterns searched so
#: (built here, of words) no word character or hyphen, the edge of a text to them
_APART = "\x00"


@dataclass(frozen=True)
class ActorNames:
    """What `find_names` finds in a document's sentences whatever their sources: the persons
    introduced, the names and references in each sentence and the other names of each actor."""

    sentences: tuple[str, ...]
    lexicon: ActorLexicon
    persons: dict[str, Person]
    found: tuple[list[NameSpan], ...]
    references: tuple[SentenceReferences, ...]
    forms: dict[str, tuple[str, ...]]


def find_names(sentences: Sequence[str], language: Language) -> ActorNames:
    """The name pass of `find_actors`, done once per document: `assign_roles` gives the actors,
    again with other sources if need be."""
    lexicon = actor_lexicon(language)
    titled = _title_words(sentences, lexicon)
    persons, found = _named_actors(sentences, titled, lexicon)
    pronouns = _pronouns(sentences, lexicon)
    references = tuple(_references_in(sentence, index, spans, persons, lexicon, has_title, pronouns[index])
                       for index, (sentence, spans, has_title) in enumerate(zip(sentences, found, titled)))
    return ActorNames(tuple(sentences), lexicon, persons, tuple(found), references, _forms(persons, found, lexicon))


def _title_words(sentences: Sequence[str], lexicon: ActorLexicon) -> list[bool]:
    """Whether a word of each sentence ends in a title (`ActorLexicon.title_word_reversed`): one
    search over the document, lower-cased and read backwards, costs less than one per sentence."""
    titled = [False] * len(sentences)
    if lexicon.title_word_reversed is None:
        return titled
    lowered = [sentence.lower() for sentence in sentences]
    ends = list(itertools.accumulate(len(sentence) + len(_APART) for sentence in lowered))
    backwards = _APART.join(lowered)[::-1]
    last = len(backwards) - 1
    for match in lexicon.title_word_reversed.finditer(backwards):
        titled[bisect.bisect_right(ends, last - match.start())] = True
    return titled


def _pronouns(sentences: Sequence[str], lexicon: ActorLexicon) -> list[list[tuple[int, int, str]]]:
    """(start, end, word) of the pronouns of each sentence, searched in the whole document at once."""
    found: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    if lexicon.pronouns is None:
        return found
    for index, offset, match in _each_sentence(lexicon.pronouns, sentences):
        found[index].append((match.start() - offset, match.end() - offset, match.group(0)))
    return found


def _each_sentence(pattern: re.Pattern[str], sentences: Sequence[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(sentence index, offset of the sentence, match) of what `pattern` finds in the sentences,
    searched at once: joined with `_APART`, which no match of the patterns searched so holds."""
    offsets = [0, *itertools.accumulate(len(sentence) + len(_APART) for sentence in sentences)]
    index = 0
    for match in pattern.finditer(_APART.join(sentences)):
        start = match.start()
        while offsets[index + 1] <= start:
            index += 1
        yield index, offsets[index], match


def _named_actors(sentences: Sequence[str], titled: Sequence[bool],
                  lexicon: ActorLexicon) -> tuple[dict[str, Person], list[list[NameSpan]]]:
    """Persons (by full name), and the spans of names — titled persons, surnames, institutions —
    in each sentence; `titled[i]` tells whether sentence i has a word ending in a title."""
    words = lexicon.words
    persons: dict[str, Person] = {}
    surnames: dict[str, str] = {}                 # surname → longest full name seen
    first_pass = []
    institutions_of = lexicon.institutions.find_each(sentences)
    for index, (sentence, has_title, institutions) in enumerate(zip(sentences, titled, institutions_of)):
        persons_here = _titled_persons(sentence, lexicon, [(s, e) for s, e, _ in institutions]) \
            if has_title else []
        for start, text, title in persons_here:
            surname = text.split()[-1]
            if len(text) > len(surnames.get(surname, "")):
                surnames[surname] = text
            person = persons.setdefault(surname, Person(text, index))
            person.title_keys.add(_title_key(title, lexicon))
            person.former = person.former or _is_former(sentence, start, title, lexicon)
            if title.lower().endswith(words.feminine_title_endings):
                person.gender = "f"
            elif person.gender is None:
                person.gender = "m"
        first_pass.append((institutions, persons_here))
    for surname, person in persons.items():
        person.name = surnames[surname]
    by_name = {p.name: p for p in persons.values()}
    surname_regex = re.compile(
        r"(?<![\w-])(?P<surname>" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True)))
        + r")s?(?![\w-])") if surnames else None
    named_again: list[list[tuple[int, int, str, str]]] = [[] for _ in sentences]   # surnames in each sentence
    for index, offset, match in _each_sentence(surname_regex, sentences) if surname_regex else ():
        named_again[index].append((match.start() - offset, match.end() - offset, match["surname"], match.group(0)))
    found = []
    for (institutions, persons_here), surnames_here in zip(first_pass, named_again):
        spans = [NameSpan(start, start + len(text), Mention(surnames[text.split()[-1]], "person", text))
                 for start, text, _title in persons_here]
        covered = [(s.start, s.end) for s in spans]
        for start, end, surname, text in surnames_here:
            if not any(s <= start < e for s, e in covered):
                spans.append(NameSpan(start, end, Mention(surnames[surname], "person", text)))
        spans.extend(NameSpan(s, e, m) for s, e, m in institutions)
        found.append(spans)
    return by_name, found


def _title_key(title: str, lexicon: ActorLexicon) -> str:
    """One key for a title's forms: "Ex-Präsidenten", "Präsident" → "präsident"."""
    key = title.lower().rstrip(".")
    for prefix in lexicon.words.former_prefixes:
        if key.startswith(prefix):
            key = key[len(prefix):]
    key = key.rsplit("-", 1)[-1]
    return lexicon.title_ending.sub("", key)


def _is_former(sentence: str, name_start: int, title: str, lexicon: ActorLexicon) -> bool:
    """A title with a prefix ("Ex-Präsident") or an adjective ("der frühere Regierungschef") of a
    former office."""
    if title.lower().startswith(lexicon.words.former_prefixes):
        return True
    before = sentence[:name_start].split()             # …, adjective, title
    return len(before) > 1 and before[-2].lower() in lexicon.words.former_adjectives


def _titled_persons(sentence: str, lexicon: ActorLexicon,
                    institution_spans: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """(offset, name, title) of each person a title introduces, unless the name is part of an
    institution."""
    persons = []
    for match in lexicon.titled.finditer(sentence):
        if not match["title"].lower().endswith(lexicon.titles):
            continue
        tokens = _name_tokens(match["name"], lexicon)
        start = match.start("name")
        if tokens and not any(s <= start < e for s, e in institution_spans):
            persons.append((start, " ".join(tokens), match["title"]))
    return persons


def _name_tokens(name: str, lexicon: ActorLexicon) -> list[str]:
    """The tokens after a title that name the person, without a trailing place or institution
    ("Präsident Boliviens"); a place inside a name stays ("Ministerin Sofia Berger")."""
    tokens = name.split()
    while tokens and (lexicon.places.find(tokens[-1]) or lexicon.institutions.find(tokens[-1])):
        tokens.pop()
    return tokens


def _references_in(sentence: str, index: int, named: list[NameSpan], persons: dict[str, Person],
                   lexicon: ActorLexicon, has_title: bool, pronoun_words: list[tuple[int, int, str]]
                   ) -> SentenceReferences:
    """Pronouns (of `pronoun_words`), age descriptions and bare titles (only where `has_title`: a
    word ends in a title) of this sentence that may mean one person."""
    words = lexicon.words
    appositions = []
    if lexicon.age_apposition is not None:
        for span in sorted(named, key=lambda s: s.start):          # an apposition follows its name
            if span.mention.kind == "person" and (match := lexicon.age_apposition.match(sentence, span.end)):
                appositions.append((match["age"], span.mention.name))
    ages = tuple((match.start(), match.end(), match["age"])
                 for match in (lexicon.age_description.finditer(sentence) if lexicon.age_description else ()))
    descriptions = []
    known = [p for p in persons.values() if p.first_sentence <= index] if has_title else []
    for match in lexicon.description.finditer(sentence) if has_title else ():
        title = match["title"]
        if not title.lower().endswith(lexicon.titles):
            continue
        if lexicon.name_after.match(sentence, match.end("title")):
            continue                             # "der Präsident Anton Huber": a name follows
        former = any(w.lower() in words.former_adjectives for w in match["words"].split()) or \
            title.lower().startswith(words.former_prefixes)
        key = _title_key(title, lexicon)
        candidates = [p.name for p in known if p.former] if former else \
            [p.name for p in known if key in p.title_keys and not p.former]
        descriptions.append((match.start(), match.end(), candidates[0] if len(set(candidates)) == 1 else None))
    pronouns = []
    for start, end, word in pronoun_words:
        lower = word.lower()
        if lower in words.capitalised_pronouns and word != lower.capitalize() and lower in words.subject_pronouns:
            continue                             # lower-case "sie" is mostly "they" or "them"
        pronouns.append((start, end, lower))
    if not (appositions or ages or descriptions or pronouns):
        return _NO_REFERENCES                    # most sentences
    return SentenceReferences(tuple(appositions), ages, tuple(descriptions), tuple(pronouns))


def _forms(persons: dict[str, Person], found: list[list[NameSpan]],
           lexicon: ActorLexicon) -> dict[str, tuple[str, ...]]:
    """Other names of each actor: the forms the document uses, and an institution's other names
    in the lexicon (NATO for the Nordatlantikpakt); each once,
    case forms of a name already listed left out ("Deutschen Presse-Agentur", "Hafenbetriebs")."""
    forms: dict[str, dict[str, None]] = {}
    for spans in found:
        for span in spans:
            forms.setdefault(span.mention.name, {})[span.mention.text] = None
    for name, texts in forms.items():
        texts.update(dict.fromkeys(lexicon.other_names.get(name, ())))
    for name in persons:
        forms.setdefault(name, {})[name.split()[-1]] = None

    def case_key(form: str) -> str:
        """A name without its case endings: "Deutschen Presse-Agentur" and "Deutsche Presse-Agentur" agree."""
        return " ".join(lexicon.case_ending.sub("", word) for word in form.lower().split())

    result = {}
    for name, texts in forms.items():
        seen = {case_key(name)}
        aliases = []
        for form in texts:
            if case_key(form) not in seen:
                seen.add(case_key(form))
                aliases.append(form)
        result[name] = tuple(aliases)
    return result
