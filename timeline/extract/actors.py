"""Actors: persons introduced by a title or named again by surname, pronouns and descriptions that
refer back to them, organisations and groups — each with its role in the sentence."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, Sequence

from ..lang import load_language
from ..lang.patterns import alternation
from ..model import Figure, Mention
from .names import NameMatcher, build_matcher
from .places import place_matcher

_NAME_TOKEN = r"(?-i:[A-ZÄÖÜ][\w'’]+(?:-[A-ZÄÖÜ][\w'’]+)*)"
_WORD = re.compile(r"[\w'’.-]+|[\"„“”«»]")

# A word, then (looked ahead, so that the name can follow a word that is no title) one to three
# capitalised name tokens. Whether the word is a title is checked on its ending.
_TITLED = re.compile(
    rf"(?<![\w.-])(?P<title>[\w-]+\.?)(?=\s+(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,2}}))")
_NAME_AFTER = re.compile(rf"\s+{_NAME_TOKEN}")
_TITLE_ENDING = re.compile(r"(en|n)$")
_CASE_ENDING = re.compile(r"(?<=\w\w\w)(e|en|er|es|em|s|n)$")


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
    #: canonical institution name → its other names in the lexicon (acronyms, other languages)
    other_names: dict[str, tuple[str, ...]]
    references: dict[str, Any]


@functools.lru_cache(maxsize=None)
def actor_lexicon(lang: str) -> ActorLexicon:
    language = load_language(lang)
    data = language.data["actors"] or {}
    titles = tuple(sorted({str(t).lower() for t in data.get("titles", [])}))
    institutions = build_matcher(
        [*({**e, "_kind": "organisation"} for e in data.get("organisations", []) or []),
         *({**e, "_kind": "group"} for e in data.get("groups", []) or [])],
        lambda e: e["_kind"])
    other_names = {str(e["name"]): tuple(str(a) for a in e.get("aliases") or [])
                   for e in data.get("organisations", []) or [] if not e.get("ambiguous")}
    title_word_reversed = re.compile(rf"(?<![\w-])(?:{alternation(dict.fromkeys(t[::-1] for t in titles))})") \
        if titles else None
    return ActorLexicon(titles, title_word_reversed, institutions, other_names, _references(language.data["references"] or {}))


def _references(data: dict[str, Any]) -> dict[str, Any]:
    """The reference and role data of a language, with word lists as sets and patterns compiled."""
    lower_sets = ("description_determiners", "former_adjectives", "prepositions", "affected_prepositions",
                  "accusative_determiners", "oblique_determiners", "name_modifiers", "coordinators")
    compiled: dict[str, Any] = {key: frozenset(str(w).lower() for w in data.get(key) or []) for key in lower_sets}
    compiled["subject_pronouns"] = {str(k).lower(): str(v) for k, v in (data.get("subject_pronouns") or {}).items()}
    compiled["object_pronouns"] = {str(k).lower(): dict(v) for k, v in (data.get("object_pronouns") or {}).items()}
    compiled["former_prefixes"] = tuple(str(p).lower() for p in data.get("former_prefixes") or [])
    compiled["feminine_title_endings"] = tuple(str(p).lower() for p in data.get("feminine_title_endings") or [])
    compiled["affected_groups"] = frozenset(str(g) for g in data.get("affected_groups") or [])
    compiled["affected_figure_categories"] = frozenset(str(c) for c in data.get("affected_figure_categories") or [])
    determiners = "|".join(map(re.escape, sorted(compiled["description_determiners"])))
    # a determiner, up to three lower-case words and a capitalised word that may be a title
    # ("des Ex-Präsidenten", "der frühere Kanzler")
    compiled["description"] = re.compile(
        rf"(?<![\w-])(?i:{determiners})\s+(?P<words>(?:[a-zäöüß][\w-]*\s+){{0,3}})(?P<title>[A-ZÄÖÜ][\w-]*)(?![\w-])")
    compiled["age_description"] = re.compile(data["age_description"]) if data.get("age_description") else None
    compiled["age_apposition"] = re.compile(data["age_apposition"]) if data.get("age_apposition") else None
    pronouns = [*compiled["subject_pronouns"], *compiled["object_pronouns"]]
    compiled["pronoun_regex"] = _whole_words(pronouns) if pronouns else None
    return compiled


def _whole_words(words: list[str]) -> re.Pattern[str]:
    """The words, ignoring case, with no word character or hyphen on either side.

    Spelled as "a first letter, no word before it, then the rest of a word beginning with that
    letter" rather than "no word before, then one of the words": a pattern that begins with a
    letter lets the regex engine skip to where one stands instead of trying every position."""
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    rests = "|".join(f"(?<={re.escape(word[0])}){re.escape(word[1:])}" for word in words)
    return re.compile(rf"(?i:[{firsts}])(?<![\w-].)(?i:{rests})(?![\w-])")


@dataclass
class _Person:
    """What the document says about a person: how it is named, its titles, gender and age."""

    name: str
    first_sentence: int
    title_keys: set[str] = field(default_factory=set)
    former: bool = False
    gender: str | None = None
    forms: set[str] = field(default_factory=set)


class _Span(NamedTuple):
    start: int
    end: int
    mention: Mention
    #: True for pronouns and descriptions: they resolve to a name but are not one
    reference: bool = False
    role: str | None = None        # a role the reference itself fixes (object pronouns)


@dataclass(frozen=True)
class _References:
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


@dataclass(frozen=True)
class ActorNames:
    """What `find_names` finds in a document's sentences whatever their sources: the persons
    introduced, the names and references in each sentence and the other names of each actor."""

    sentences: tuple[str, ...]
    lang: str
    persons: dict[str, _Person]
    found: tuple[list[_Span], ...]
    references: tuple[_References, ...]
    forms: dict[str, tuple[str, ...]]


def find_actors(sentences: Sequence[str], lang: str = "de",
                sources: Sequence[frozenset[str]] | None = None,
                skip: Sequence[bool] | None = None) -> list[list[Mention]]:
    """Actors of each sentence of a document, each once per sentence, in order of appearance, with
    their role (one acting actor at most) and the other names the document gives them.

    A person introduced with a title anywhere in the document ("Präsident X Y") is found again
    wherever the surname stands alone. Pronouns and descriptions are resolved against the sentence
    before (`skip[i]` marks sentences such as headings that are not "the sentence before").
    `sources[i]` are the names a sentence's claim is attributed to: they act only when no one
    else in the sentence can.
    """
    return assign_roles(find_names(sentences, lang), sources, skip)


def find_names(sentences: Sequence[str], lang: str = "de") -> ActorNames:
    """The name pass of `find_actors`, done once per document: `assign_roles` gives the actors,
    again with other sources if need be."""
    lexicon = actor_lexicon(lang)
    titled = [_has_title_word(sentence, lexicon) for sentence in sentences]
    persons, found = _named_actors(sentences, titled, lexicon, lang)
    references = tuple(_references_in(sentence, index, spans, persons, lexicon, has_title)
                       for index, (sentence, spans, has_title) in enumerate(zip(sentences, found, titled)))
    return ActorNames(tuple(sentences), lang, persons, tuple(found), references, _forms(persons, found, lexicon))


def assign_roles(names: ActorNames, sources: Sequence[frozenset[str]] | None = None,
                 skip: Sequence[bool] | None = None) -> list[list[Mention]]:
    """The actors of each sentence (see `find_actors`): references resolved in reading order,
    roles given with the sentences' `sources`."""
    refs = actor_lexicon(names.lang).references
    result: list[list[Mention]] = []
    previous: list[Mention] = []
    ages: dict[str, str] = {}
    for index, (sentence, spans) in enumerate(zip(names.sentences, names.found)):
        mentions = []
        if spans or names.references[index]:               # most sentences name no one
            spans = spans + _resolved(sentence, spans, names.references[index], previous, names.persons, ages, refs)
            spans.sort(key=lambda s: s.start)
            mentions = _unique(_with_roles(sentence, spans, refs, (sources[index] if sources else frozenset()),
                                           names.forms))
        result.append(mentions)
        if not (skip and skip[index]):
            previous = [m for m in mentions if m.kind == "person"]
    return result


def _has_title_word(sentence: str, lexicon: ActorLexicon) -> bool:
    """Whether a word of the sentence ends in a title (`ActorLexicon.title_word_reversed`)."""
    return lexicon.title_word_reversed is not None and \
        lexicon.title_word_reversed.search(sentence.lower()[::-1]) is not None


def _named_actors(sentences: Sequence[str], titled: Sequence[bool], lexicon: ActorLexicon,
                  lang: str) -> tuple[dict[str, _Person], list[list[_Span]]]:
    """Persons (by full name), and the spans of names — titled persons, surnames, institutions —
    in each sentence; `titled[i]` tells whether sentence i has a word ending in a title."""
    places = place_matcher(lang)
    refs = lexicon.references
    persons: dict[str, _Person] = {}
    surnames: dict[str, str] = {}                 # surname → longest full name seen
    first_pass = []
    institutions_of = lexicon.institutions.find_each(sentences)
    for index, (sentence, has_title, institutions) in enumerate(zip(sentences, titled, institutions_of)):
        persons_here = _titled_persons(sentence, lexicon, places, [(s, e) for s, e, _ in institutions]) \
            if has_title else []
        for start, text, title in persons_here:
            surname = text.split()[-1]
            if len(text) > len(surnames.get(surname, "")):
                surnames[surname] = text
            person = persons.setdefault(surname, _Person(text, index))
            person.title_keys.add(_title_key(title, refs))
            person.former = person.former or _is_former(sentence, start, title, refs)
            if title.lower().endswith(refs["feminine_title_endings"]):
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
    found = []
    for sentence, (institutions, persons_here) in zip(sentences, first_pass):
        spans = [_Span(start, start + len(text), Mention(surnames[text.split()[-1]], "person", text))
                 for start, text, _title in persons_here]
        covered = [(s.start, s.end) for s in spans]
        for match in surname_regex.finditer(sentence) if surname_regex else ():
            if not any(s <= match.start() < e for s, e in covered):
                spans.append(_Span(match.start(), match.end(),
                                   Mention(surnames[match["surname"]], "person", match.group(0))))
        spans.extend(_Span(s, e, m) for s, e, m in institutions)
        found.append(spans)
    return by_name, found


def _title_key(title: str, refs: dict[str, Any]) -> str:
    """One key for a title's forms: "Ex-Präsidenten", "Präsident" → "präsident"."""
    key = title.lower().rstrip(".")
    for prefix in refs["former_prefixes"]:
        if key.startswith(prefix):
            key = key[len(prefix):]
    key = key.rsplit("-", 1)[-1]
    return _TITLE_ENDING.sub("", key)


def _is_former(sentence: str, name_start: int, title: str, refs: dict[str, Any]) -> bool:
    """A title with a prefix ("Ex-Präsident") or an adjective ("der frühere Regierungschef") of a
    former office."""
    if title.lower().startswith(refs["former_prefixes"]):
        return True
    before = sentence[:name_start].split()             # …, adjective, title
    return len(before) > 1 and before[-2].lower() in refs["former_adjectives"]


def _titled_persons(sentence: str, lexicon: ActorLexicon, places: NameMatcher,
                    institution_spans: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """(offset, name, title) of each person a title introduces, unless the name is part of an
    institution."""
    persons = []
    for match in _TITLED.finditer(sentence):
        if not match["title"].lower().endswith(lexicon.titles):
            continue
        tokens = _name_tokens(match["name"], lexicon, places)
        start = match.start("name")
        if tokens and not any(s <= start < e for s, e in institution_spans):
            persons.append((start, " ".join(tokens), match["title"]))
    return persons


def _name_tokens(name: str, lexicon: ActorLexicon, places: NameMatcher) -> list[str]:
    """The tokens after a title that name the person, without a trailing place or institution
    ("Präsident Boliviens"); a place inside a name stays ("Ministerin Sofia Berger")."""
    tokens = name.split()
    while tokens and (places.find(tokens[-1]) or lexicon.institutions.find(tokens[-1])):
        tokens.pop()
    return tokens


def _references_in(sentence: str, index: int, named: list[_Span], persons: dict[str, _Person],
                   lexicon: ActorLexicon, has_title: bool) -> _References:
    """Pronouns, age descriptions and bare titles (only where `has_title`: a word ends in a title)
    of this sentence that may mean one person."""
    refs = lexicon.references
    appositions = []
    for span in sorted(named, key=lambda s: s.start) if refs["age_apposition"] else ():  # after its name
        if span.mention.kind == "person" and (match := refs["age_apposition"].match(sentence, span.end)):
            appositions.append((match["age"], span.mention.name))
    ages = tuple((match.start(), match.end(), match["age"])
                 for match in (refs["age_description"].finditer(sentence) if refs["age_description"] else ()))
    descriptions = []
    for match in refs["description"].finditer(sentence) if has_title else ():
        title = match["title"]
        if not title.lower().endswith(lexicon.titles):
            continue
        if _starts_name(sentence, match.end("title")):
            continue                             # "der Präsident Anton Huber": a name follows
        former = any(w.lower() in refs["former_adjectives"] for w in match["words"].split()) or \
            title.lower().startswith(refs["former_prefixes"])
        key = _title_key(title, refs)
        known = [p for p in persons.values() if p.first_sentence <= index]
        candidates = [p.name for p in known if p.former] if former else \
            [p.name for p in known if key in p.title_keys and not p.former]
        descriptions.append((match.start(), match.end(), candidates[0] if len(set(candidates)) == 1 else None))
    pronouns = []
    for match in refs["pronoun_regex"].finditer(sentence) if refs["pronoun_regex"] else ():
        word = match.group(0)
        lower = word.lower()
        if lower == "sie" and word != "Sie" and lower in refs["subject_pronouns"]:
            continue                             # lower-case "sie" is mostly "they" or "them"
        pronouns.append((match.start(), match.end(), lower))
    return _References(tuple(appositions), ages, tuple(descriptions), tuple(pronouns))


def _resolved(sentence: str, named: list[_Span], found: _References, previous: list[Mention],
              persons: dict[str, _Person], ages: dict[str, str], refs: dict[str, Any]) -> list[_Span]:
    """The references of a sentence (`_references_in`) that clearly mean one person, now that the
    sentence before is known; `ages` collects the ages given so far."""
    spans: list[_Span] = []
    taken = [(s.start, s.end) for s in named]
    here = [s.mention.name for s in named if s.mention.kind == "person"]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(start: int, end: int, name: str | None, role: str | None = None) -> None:
        if name is not None and free(start, end):
            spans.append(_Span(start, end, Mention(name, "person", sentence[start:end]), True, role))
            taken.append((start, end))

    for age, name in found.appositions:
        ages[age] = name
    for start, end, age in found.ages:
        if age not in ages:
            candidates = _unique_names(m.name for m in previous)
            if len(candidates) == 1:
                ages[age] = candidates[0]
        add(start, end, ages.get(age))
    for start, end, name in found.descriptions:
        add(start, end, name)
    for start, end, lower in found.pronouns:
        if lower in refs["subject_pronouns"]:
            gender = refs["subject_pronouns"][lower]
            earlier = [s.mention.name for s in named if s.mention.kind == "person" and s.start < start]
            add(start, end, _antecedent(gender, earlier, previous, persons))
        else:
            spec = refs["object_pronouns"][lower]
            pool = [m for m in previous if m.name not in here]
            add(start, end, _antecedent(spec["gender"], [], pool, persons), spec.get("role"))
    return spans


def _starts_name(sentence: str, position: int) -> bool:
    return _NAME_AFTER.match(sentence, position) is not None


def _antecedent(gender: str, earlier_here: list[str], previous: list[Mention],
                persons: dict[str, _Person]) -> str | None:
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


def _unique_names(names) -> list[str]:
    return list(dict.fromkeys(names))


def _with_roles(sentence: str, spans: list[_Span], refs: dict[str, Any], sources: frozenset[str],
                forms: dict[str, tuple[str, ...]]) -> list[Mention]:
    """Each span's mention with its role and its other names (`forms`): the first name that stands
    as a subject acts (a source of the claim only when no other can), names after "gegen" or in
    the accusative are affected, all others involved."""
    roles: list[str] = []
    for span in spans:
        if span.role:
            roles.append(span.role)
        elif span.mention.kind == "group" and span.mention.name in refs["affected_groups"]:
            roles.append("affected")
        else:
            role = _role_by_position(sentence, span.start, refs)
            roles.append(roles[-1] if role == "coordinated" and roles else
                         "involved" if role == "coordinated" else role)
    subjects = [i for i, r in enumerate(roles) if r == "subject"]
    acting = next((i for i in subjects if spans[i].mention.name not in sources), subjects[0] if subjects else None)
    return [Mention(span.mention.name, span.mention.kind, span.mention.text,
                    "actor" if i == acting else ("involved" if role == "subject" else role),
                    forms.get(span.mention.name, ()))
            for i, (span, role) in enumerate(zip(spans, roles))]


def _role_by_position(sentence: str, start: int, refs: dict[str, Any]) -> str:
    """"subject", "affected" or "involved", read from the words before a name: a preposition, a
    determiner in an oblique case, or a genitive after a noun ("der Unmut der Demonstranten");
    "coordinated" when "und" joins it to the name before, whose role it shares."""
    words = _WORD.findall(sentence[:start])
    determiner = None
    titles_done = False          # going backwards: titles and first names, then adjectives, then the determiner
    while words:
        word = words.pop()
        lower = word.lower()
        if determiner is None and (word in "\"„“”«»" or lower in refs["name_modifiers"] or word[:1].isdigit()):
            continue
        if lower in refs["prepositions"]:
            return "affected" if lower in refs["affected_prepositions"] else "involved"
        if determiner is None and lower in refs["coordinators"]:
            return "coordinated"
        if determiner is None and not titles_done and word[:1].isupper() and lower not in _DETERMINERS:
            continue
        if determiner is None and _adjective(word):
            titles_done = True
            continue
        if determiner is None and lower in _DETERMINERS:
            determiner = lower
            continue
        if determiner in ("der", "des") and word[:1].isupper() and words:
            return "involved"                    # genitive after a noun
        break
    if determiner in refs["accusative_determiners"]:
        return "affected"
    if determiner in refs["oblique_determiners"]:
        return "involved"
    return "subject"


_DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "eines",
                          "einer"})


def _adjective(word: str) -> bool:
    """A lower-case word with an adjective ending ("belarussische", "autoritären"); a verb may look
    the same, which is why a capitalised word before it ends the noun phrase."""
    return word[:1].islower() and word.endswith(("e", "en", "er", "es", "em")) and word.isalpha() and len(word) > 3


def _forms(persons: dict[str, _Person], found: list[list[_Span]], lexicon: ActorLexicon) -> dict[str, tuple[str, ...]]:
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
    result = {}
    for name, texts in forms.items():
        seen = {_case_key(name)}
        aliases = []
        for form in texts:
            if _case_key(form) not in seen:
                seen.add(_case_key(form))
                aliases.append(form)
        result[name] = tuple(aliases)
    return result


def _case_key(form: str) -> str:
    """A name without its case endings: "Deutschen Presse-Agentur" and "Deutsche Presse-Agentur" agree."""
    return " ".join(_CASE_ENDING.sub("", word) for word in form.lower().split())


def mark_counted_victims(mentions: list[Mention], figures: Sequence[Figure], lang: str = "de") -> list[Mention]:
    """Actors a casualty or arrest figure counts are affected: in "26 Demonstranten kamen ums Leben"
    the protesters do not act."""
    categories = actor_lexicon(lang).references["affected_figure_categories"]
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
