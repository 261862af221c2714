"""Figures: the numbers a sentence reports, with what they count and how exact they are.

"mehr als 4000 Festnahmen" is Figure("arrests", 4000, "more_than", text="mehr als 4000 Festnahmen").

A number is a figure when a currency, a unit or a noun follows it ("2,2 Millionen Euro",
"30 Prozent", "26 Demonstranten"), or, standing alone, when a predicate right after it ("30
wurden verletzt") or a phrase before it ("die Zahl der Toten stieg auf 30") says what it counts.
A predicate in the same clause also says what happened to counted people: "26 Demonstranten
kamen ums Leben" are deaths. Numbers inside temporal expressions, ordinals ("8. Januar"),
labels ("Paragraf 5"), numbers glued to words ("81-Jährige", "G20") and numbers before time
units ("seit 30 Jahren") are no figures. All vocabulary is in the language's figures.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from ..lang import Language
from ..lang.gaps import gapped_pattern
from ..lang.patterns import alternation
from ..model import Figure
from .language_data import figures_data

_OPENING_QUOTES = "\"„“‚‘'»«"
_CLOSING_QUOTES = "\"“”‘’'«»"
#: a compound counts as its tail ("Verkehrstote") only for tails this long; shorter entries
#: ("uhr", "mal", "km") match whole words only, so that "Denkmal" is no repetition
_SHORTEST_COMPOUND_TAIL = 4
_LEFT_BOUNDARY = r"(?<![\w.,:/+\-–§#])"
# No word character, decimal or date continuation ("8.1."), ordinal dot ("8. Januar") or glued
# word ("81-Jährige") after a number; a hyphen before a digit is a range ("20-30").
_RIGHT_BOUNDARY = r"(?!\w|[.,:]\d|\.\s*\w|-[^\W\d_])"
_YEARS = range(1900, 2100)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Noun:
    category: str | None          # None: a number before it is no figure ("Jahre", "Uhr")
    people: bool = False          # a predicate re-categorises it ("Demonstranten" … "starben")


@dataclass(frozen=True)
class _Measure:
    """A currency or unit after a number ("Euro", "Kilometer"): what the figure counts, and in what."""

    category: str
    unit: str


@dataclass(frozen=True)
class _NumberWords:
    """German number words composed of units, teens, tens, hundred and thousand."""

    simple: dict[str, int]
    units: dict[str, int]
    tens: dict[str, int]
    hundred: str
    thousand: str
    joiner: str

    def value(self, word: str) -> int | None:
        """The value of a number word, None when the letters only look like one ("undzwanzig")."""
        for multiplier_word, factor in ((self.thousand, 1000), (self.hundred, 100)):
            head, found, tail = word.partition(multiplier_word)
            if found:
                times = self.value(head) if head else 1
                rest = self.value(tail.removeprefix(self.joiner)) if tail else 0
                return None if times is None or rest is None else times * factor + rest
        if word in self.simple:
            return self.simple[word]
        unit, found, tens = word.partition(self.joiner)
        if found and unit in self.units and tens in self.tens:
            return self.units[unit] + self.tens[tens]
        return None


@dataclass(frozen=True)
class _Grammar:
    #: a number word: with a digit, what a sentence needs to hold a figure
    prefilter: re.Pattern[str]
    number: re.Pattern[str]
    range_tail: re.Pattern[str]
    between_tail: re.Pattern[str]
    scale: re.Pattern[str]
    measure: re.Pattern[str]
    vague_linker: re.Pattern[str]
    noun_phrase: re.Pattern[str]
    coordinated: re.Pattern[str]
    bare_predicate: re.Pattern[str]
    predicate: re.Pattern[str]
    clause_boundary: re.Pattern[str]
    enumeration_gap: re.Pattern[str]
    subset_gap: re.Pattern[str]
    count_of: re.Pattern[str]
    qualifier: re.Pattern[str]
    qualifiers: dict[str, str]
    words: _NumberWords
    fractions: dict[str, Decimal]
    before_scale: dict[str, Decimal]
    scales: dict[str, Decimal]
    vague: dict[str, Decimal]
    vague_qualifier: str
    range_qualifier: str
    measures: dict[str, _Measure]
    nouns: dict[str, _Noun]
    people_categories: frozenset[str]
    labels: frozenset[str]
    uncategorised: str
    people_group: str
    digit_normalizer: dict[int, int | str | None]      # for str.translate: drops separators, "," → "."

    def noun(self, word: str) -> _Noun | None:
        key = _listed_form(word, self.nouns)
        return None if key is None else self.nouns[key]


@dataclass
class _Candidate:
    start: int
    end: int
    category: str
    value: Decimal
    qualifier: str
    unit: str | None
    people: bool


def find_figures(sentence: str, language: Language, exclude: Sequence[tuple[int, int]] = ()) -> list[Figure]:
    """Figures of one sentence in order. Numbers overlapping an `exclude` span (character offsets
    into the sentence, e.g. of temporal expressions) are never figures."""
    grammar = language.compiled(_grammar)
    if not (_DIGIT.search(sentence) or grammar.prefilter.search(sentence)):
        return []
    candidates: list[_Candidate] = []
    pos = 0
    while match := grammar.number.search(sentence, pos):
        candidate, pos = _read_figure(grammar, sentence, match, exclude)
        if candidate is not None:
            candidates.append(candidate)
    if any(c.people for c in candidates):
        _categorise_people(grammar, sentence, candidates)
    return [Figure(c.category, float(c.value), c.qualifier, c.unit, sentence[c.start:c.end]) for c in candidates]


def _read_figure(grammar: _Grammar, sentence: str, match: re.Match[str],
                 exclude: Sequence[tuple[int, int]]) -> tuple[_Candidate | None, int]:
    """The figure a number match starts, if any, and where to look for the next number."""
    number_start, end = match.start("number"), match.end()
    value = _number_value(grammar, match)
    if value is None:
        return None, end
    has_range = False
    tail = (grammar.between_tail if match["between"] else grammar.range_tail).match(sentence, end)
    if tail:
        upper = _number_value(grammar, tail)
        if upper is not None:
            value, end, has_range = upper, tail.end(), True
    if any(start < end and number_start < stop for start, stop in exclude):
        return None, end
    scale = grammar.scale.match(sentence, end)
    if scale:
        value *= grammar.scales[_key(scale["scale"])]
        end = scale.end()
    elif match["before_scale"] or match["multiplier"]:
        return None, end
    if match.start() == number_start and _is_label(grammar, sentence, number_start):
        return None, end
    qualifier = _qualifier(grammar, match["prefix"]) or (
        grammar.range_qualifier if has_range else
        grammar.vague_qualifier if match["vague"] or match["multiplier"] else "exact")
    year_like = _is_year_like(match)

    def figure(category: str, stop: int, unit: str | None = None, people: bool = False) -> _Candidate:
        return _Candidate(match.start(), stop, category, value, qualifier, unit, people)

    measure = grammar.measure.match(sentence, end)
    currency = grammar.measures[_key(match["currency"])] if match["currency"] else None
    if measure:
        currency, end = grammar.measures[_key(measure["measure"])], measure.end()
    if currency:
        return figure(currency.category, end, currency.unit), end
    linker = grammar.vague_linker.match(sentence, end) if match["vague"] else None
    phrase = grammar.noun_phrase.match(sentence, linker.end() if linker else end)
    if phrase:
        noun = grammar.noun(phrase["noun"])
        stop = phrase.end()
        if noun is None:
            return (None if year_like else figure(grammar.uncategorised, stop)), stop
        if noun.category is None or (year_like and phrase["gap"]):
            return None, stop
        category = noun.category
        if noun.people:
            category, stop = _coordinated(grammar, sentence, stop, category)
        return figure(category, stop, people=noun.people), stop
    if year_like:
        return None, end
    bare = grammar.bare_predicate.match(sentence, end)
    if bare:
        # the predicate pattern is an alternation of one named group per category
        return figure(cast(str, bare.lastgroup), end), end
    noun = _counted_before(grammar, sentence, number_start)
    if noun is not None and noun.category is not None:
        return figure(noun.category, end, people=noun.people), end
    return None, end


def _number_value(grammar: _Grammar, match: re.Match[str]) -> Decimal | None:
    if match["digits"]:
        return Decimal(match["digits"].translate(grammar.digit_normalizer))
    groups = match.groupdict()
    for group, table in (("fraction", grammar.fractions), ("before_scale", grammar.before_scale),
                         ("vague", grammar.vague)):
        if groups.get(group):
            return table[_key(groups[group])]
    if groups.get("multiplier"):
        return Decimal(1)
    value = grammar.words.value(_key(match["word"]))
    return None if value is None else Decimal(value)


def _is_year_like(match: re.Match[str]) -> bool:
    """A plain four-digit number between 1900 and 2099, which may be a year: it counts only a
    listed noun right after it ("2000 Soldaten", not "2019 kamen Menschen")."""
    digits = match["digits"]
    return bool(digits) and digits.isdigit() and int(digits) in _YEARS


def _is_label(grammar: _Grammar, sentence: str, start: int) -> bool:
    """Whether the word before a number names something the number labels ("Paragraf 5",
    "Platz drei", "A 5")."""
    before = sentence[:start].rstrip()
    if not before:
        return False
    token = before.rsplit(None, 1)[-1]
    return (len(token) == 1 and token.isupper()) or _listed_form(token, grammar.labels) is not None


def _qualifier(grammar: _Grammar, prefix: str | None) -> str | None:
    """The last qualifier before the number that says more than "exact" ("insgesamt rund")."""
    found = None
    for match in grammar.qualifier.finditer(prefix or ""):
        qualifier = grammar.qualifiers[_key(match.group(0))]
        if qualifier != "exact":
            found = qualifier
    return found


def _coordinated(grammar: _Grammar, sentence: str, end: int, category: str) -> tuple[str, int]:
    """Extend a count of people over a coordinated noun of people ("18 Polizisten und Soldaten")."""
    match = grammar.coordinated.match(sentence, end)
    if not match:
        return category, end
    other = grammar.noun(match["noun"])
    if other is None or not other.people:
        return category, end
    return (category if other.category == category else grammar.people_group), match.end()


def _counted_before(grammar: _Grammar, sentence: str, start: int) -> _Noun | None:
    """What a number alone counts, named before it in its clause: "Die Zahl der Toten stieg auf
    30", "…, die der Verletzten auf 100" (a noun of no category when it counts nothing)."""
    clause_start = 0
    for boundary in grammar.clause_boundary.finditer(sentence, 0, start):
        clause_start = boundary.start()
    counts = list(grammar.count_of.finditer(sentence, clause_start, start))
    if not counts:
        return None
    return grammar.noun(counts[-1]["noun"])


def _categorise_people(grammar: _Grammar, sentence: str, candidates: list[_Candidate]) -> None:
    """Re-categorise counts of people by the nearest predicate of their clause ("26 Demonstranten
    ums Leben gekommen"), or, without one, by the figure they are a part of ("12 Verletzte,
    darunter drei Polizisten")."""
    predicates = [(m.start(), m.end(), m.lastgroup) for m in grammar.predicate.finditer(sentence)]
    boundaries = [m.start() for m in grammar.clause_boundary.finditer(sentence)] if predicates else []
    enumeration = [0]
    for before, after in zip(candidates, candidates[1:]):
        linked = grammar.enumeration_gap.fullmatch(sentence, before.end, after.start)
        enumeration.append(enumeration[-1] + (0 if linked else 1))

    def nearest_predicate(index: int) -> str | None:
        """A predicate inside another figure is that figure's; one beyond another figure only
        applies across an enumeration ("starben 26 Demonstranten, 18 Polizisten und 5 Soldaten")."""
        candidate = candidates[index]
        clause = bisect.bisect(boundaries, candidate.start)
        best: tuple[int, str | None] | None = None
        for start, end, category in predicates:
            if bisect.bisect(boundaries, start) != clause:
                continue
            if any(start < other.end and other.start < end for other in candidates if other is not candidate):
                continue
            if any(enumeration[i] != enumeration[index] for i, other in enumerate(candidates)
                   if min(end, candidate.end) <= other.start and other.end <= max(start, candidate.start)):
                continue
            distance = max(0, start - candidate.end, candidate.start - end)
            if best is None or distance < best[0]:
                best = (distance, category)
        return best[1] if best else None

    for index, candidate in enumerate(candidates):
        if not candidate.people:
            continue
        category = nearest_predicate(index)
        whole = candidates[index - 1] if index else None
        if (category is None and whole is not None and whole.category not in grammar.people_categories
                and grammar.subset_gap.fullmatch(sentence, whole.end, candidate.start)):
            category = whole.category
        if category is not None:
            candidate.category = category


def _listed_form(word: str, table: Container[str]) -> str | None:
    """The form of a word listed in a table: the word itself or the longest listed tail of a
    compound ("Bundeswehrsoldaten" → "soldaten")."""
    key = word.lower()
    if key in table:
        return key
    for start in range(1, len(key) - _SHORTEST_COMPOUND_TAIL + 1):
        if key[start:] in table:
            return key[start:]
    return None


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _first_letters(forms: Iterable[str]) -> str:
    """A class of the letters the forms begin with: most words begin otherwise, and a look-ahead
    for it fails there at once, before the alternations are tried (they are tried letter by letter)."""
    return "[" + "".join(sorted({re.escape(str(form)[0]) for form in forms})) + "]"


def _grammar(language: Language) -> _Grammar:
    """What `find_figures` compiles from the language's figures.yaml, once per `Language`."""
    data = figures_data(language)
    number_words = data["number_words"]
    words = _NumberWords(
        simple={**number_words["units"], **number_words["teens"], **number_words["tens"]},
        units=number_words["units"], tens=number_words["tens"], hundred=number_words["hundred"],
        thousand=number_words["thousand"], joiner=number_words["joiner"])
    morpheme_forms = [*words.simple, words.hundred, words.thousand, words.joiner]
    morphemes = alternation(morpheme_forms)

    def decimals(table: dict[str, Any]) -> dict[str, Decimal]:
        return {_key(str(k)): Decimal(str(v)) for k, v in table.items()}

    fractions = decimals(number_words["fractions"])
    before_scale = decimals(data["before_scale_only"])
    # the joiner and the article ("und", "ein") alone are no number words
    not_words = alternation([words.joiner, *(unit for unit in words.units if unit in before_scale)])
    word = rf"(?!(?:{not_words})(?!\w))(?:{morphemes})+"
    scales = decimals(data["scales"])
    vague = decimals(data["vague_numbers"])
    number_format = data["number_format"]
    separator = "[" + "".join(re.escape(s) for s in number_format["thousands"]) + "]"
    decimal = re.escape(number_format["decimal"])
    digits = (rf"(?P<digits>(?:[1-9]\d{{0,2}}(?:(?P<sep>{separator})\d{{3}})(?:(?P=sep)\d{{3}})*"
              rf"|[1-9]\d*|0)(?:{decimal}\d+)?)")
    plain_number = rf"(?P<number>{digits}|(?P<fraction>{alternation(fractions)})|(?P<word>{word})){_RIGHT_BOUNDARY}"

    qualifiers = {_key(form): qualifier for qualifier, forms in data["qualifiers"].items() for form in forms}
    money = data["money_category"]
    currencies = {_key(form): code for code, forms in data["currencies"].items() for form in forms}
    measures = {form: _Measure(money, code) for form, code in currencies.items()}
    measures.update({_key(form): _Measure(category, unit) for form, (category, unit) in data["units"].items()})
    currency_prefixes = [_key(form) for form in data["currency_prefixes"]]
    ranges = data["ranges"]

    nouns: dict[str, _Noun] = {}
    predicates = []
    for category, spec in data["categories"].items():
        for form in spec.get("nouns", []):
            nouns.setdefault(_key(form), _Noun(category, people=bool(spec.get("people"))))
        if spec.get("predicates"):
            forms = "|".join(gapped_pattern(form, data["predicate_gap"])
                             for form in sorted(spec["predicates"], key=len, reverse=True))
            predicates.append(f"(?P<{category}>{forms})")
    for form in data["not_counted"]:
        nouns.setdefault(_key(form), _Noun(None))
    endings = alternation(data["inflection_endings"])
    predicate = rf"(?i:(?:{'|'.join(predicates)})(?:{endings})?)(?!\w)"

    noun, adjective = data["noun"], data["adjective"]
    gap = rf"(?P<gap>(?:\s+(?!(?:{alternation(data['not_adjectives'])})(?!\w)){adjective}(?!\w)){{0,2}})"
    noun_phrase = (rf"{gap}\s+[{re.escape(_OPENING_QUOTES)}]?(?P<noun>{noun})"
                   rf"[{re.escape(_CLOSING_QUOTES)}]?(?![\w-])")
    flags = re.IGNORECASE
    opener = rf"(?:{alternation([ranges['between']['opener']])})\s+"
    return _Grammar(
        prefilter=re.compile(rf"(?<!\w)(?={_first_letters([*morpheme_forms, *fractions, *scales, *vague])})"
                             rf"(?:{word}|{alternation([*fractions, *scales, *vague])})(?!\w)", flags),
        number=re.compile(
            rf"{_LEFT_BOUNDARY}(?P<prefix>(?:(?:{alternation(qualifiers)})\s+){{0,3}})(?P<between>{opener})?"
            rf"(?:(?P<currency>{alternation(currency_prefixes)})\s?)?"
            rf"(?P<number>{digits}|(?P<vague>{alternation(vague)})|(?P<fraction>{alternation(fractions)})"
            rf"|(?P<multiplier>{alternation(data['vague_multipliers'])})|(?P<before_scale>{alternation(before_scale)})"
            rf"|(?P<word>{word})){_RIGHT_BOUNDARY}", flags),
        range_tail=re.compile(rf"\s*(?:{alternation(ranges['joiners'])})\s*{plain_number}", flags),
        between_tail=re.compile(rf"\s+(?:{alternation([ranges['between']['joiner']])})\s+{plain_number}", flags),
        scale=re.compile(rf"\s+(?P<scale>{alternation(scales)})(?!\w)", flags),
        measure=re.compile(rf"\s*(?P<measure>{alternation(measures)})(?![\w-])", flags),
        vague_linker=re.compile(rf"\s+(?:{alternation(data['vague_linker'])})(?=\s)", flags),
        noun_phrase=re.compile(noun_phrase),
        coordinated=re.compile(rf"\s+(?i:{alternation(data['coordinators'])}){noun_phrase}"),
        bare_predicate=re.compile(data["bare_predicate_gap"] + predicate),
        predicate=re.compile(rf"(?<!\w){predicate}"),
        clause_boundary=re.compile(rf"[;:()]|\s[–—-]\s|,\s+(?:{alternation(data['clause_openers'])})(?!\w)", flags),
        enumeration_gap=re.compile(rf"\s*,?\s*(?:(?:{alternation(data['list_links'])})\s*,?\s*)?", flags),
        subset_gap=re.compile(rf"\s*[,(]?\s*(?:{alternation(data['subset_links'])})\s+", flags),
        count_of=re.compile(rf"(?i:{alternation(data['count_of'])}){gap}\s+(?P<noun>{noun})(?![\w-])"),
        qualifier=re.compile(alternation(qualifiers), flags),
        qualifiers=qualifiers, words=words, fractions=fractions, before_scale=before_scale, scales=scales,
        vague=vague, vague_qualifier=data["vague_qualifier"], range_qualifier=ranges["qualifier"],
        measures=measures, nouns=nouns,
        people_categories=frozenset(c for c, spec in data["categories"].items() if spec.get("people")),
        labels=frozenset(_key(str(form)) for form in data["labels"]),
        uncategorised=data["uncategorised"], people_group=data["people_group"],
        digit_normalizer={**str.maketrans("", "", "".join(number_format["thousands"])),
                          ord(number_format["decimal"]): "."},
    )
