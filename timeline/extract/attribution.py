"""Attribution: whom a report attributes each claim to, and how sure the text is of it.

The cues are language data (`timeline/lang/<lang>/attribution.yaml`). The document is read in
order because attribution carries across sentences: "demnach" and "heißt es in dem Bericht"
refer to the source named before, a sentence in Konjunktiv I continues the attributed sentence
before it, and a note such as "Die Angaben lassen sich nicht unabhängig überprüfen" covers
claims made before it.

Decisions:

* Unnamed sources ("Offiziellen Angaben zufolge", "einem Agenturbericht zufolge", "soll",
  "offenbar") give an attribution whose source is None; its text keeps the cue as written.
* "nach eigenen Angaben": the source is the sentence's acting actor, else the first person,
  organisation or group it names.
* A source is an actor of the sentence (canonical name); by apposition ("die Staatsagentur
  Belta") the specific one, the last of adjacent names. Failing that: the first part of a
  compound ("Polizeiangaben", "Regierungssprecher"), the name after an outlet noun ("dem Portal
  Tengrinews"), or a bare name right after a verb of saying or "so" ("…, sagt Eckstein.").
  A pronoun ("Er sagte, …") names no source.
* Konjunktiv I (and a reportative "soll … haben/sein") marks reported speech in any sentence;
  when the sentence before is attributed, it continues that attribution and takes its source.
  Konjunktiv II ("hätten", "wäre") counts only in such a continuation and outside a
  conditional; "könnte" and "würde" never count.
* "unbestätigten Berichten zufolge" is unverified (the text itself says so); rumour words
  ("Gerüchte", "gemunkelt", "Spekulationen") make a rumour.
* Certainties rank stated < reported < unverified < rumour; a carried-over source carries its
  certainty too, so a continuation of a rumour stays a rumour.

Scope of an unverifiability note ("lassen sich nicht unabhängig überprüfen"): a sentence that
is only the note is no claim; it stays stated and covers the claims it follows. If sentences
of its own paragraph precede it, it covers its own paragraph from the first attributed sentence
up to the note; if it opens its paragraph, it covers the preceding paragraph from that
paragraph's first attributed sentence to its end. Sentences in that span are unverified, the
unattributed ones included: once a news paragraph turns to what its sources report, its
following indicative sentences continue that account. The reporter's framing before the first
attribution ("Die Lage im Land ist weiterhin angespannt.") is not covered; rumours stay
rumours. A note inside a sentence that has its own attribution makes that sentence unverified
and covers nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..lang import FLAGS, Language
from ..lang.gaps import GAP, gapped_pattern
from ..lang.patterns import alternation as _trie
from ..model import CERTAINTIES, Attribution, Mention
from .actor_lexicon import actor_lexicon
from .actors import find_actors
from .attribution_gates import Gates, Opened
from .language_data import ATTRIBUTION_PATTERNS, actors_data, attribution_data
from .name_matcher import NameMatcher

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
#: clause boundaries for finding the subject of a verb of saying
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]„“”\"«»–]")
_QUOTES = "\"'„“”«»’"
_RANK = {certainty: rank for rank, certainty in enumerate(CERTAINTIES)}
_SUBJECT_KINDS = ("person", "organisation", "group")

_Result = tuple[str, Attribution | None]


@dataclass(frozen=True)
class _Text:
    """A sentence and the patterns it may match (their numbers, see `attribution_gates.py`)."""

    text: str
    opened: frozenset[int]


@dataclass(frozen=True)
class GuardedPattern:
    """A pattern tried only in a sentence that may match it (`attribution_gates.py`)."""

    number: int
    regex: re.Pattern[str]

    def opens(self, opened: frozenset[int]) -> bool:
        return self.number in opened

    def search(self, text: _Text) -> re.Match[str] | None:
        return self.regex.search(text.text) if self.number in text.opened else None


@dataclass(frozen=True)
class _Cue(GuardedPattern):
    source: str                      # np | around | carry
    ends: bool                       # show only the first and last word of the cue
    weak: bool                       # counts only when it names a source or a source noun
    names: bool                      # an unknown bare name may be the source


@dataclass(frozen=True)
class AttributionGrammar:
    """The compiled cues of one language."""

    #: the numbers of the patterns each sentence of a document may match
    opened: Opened
    cues: tuple[_Cue, ...]
    not_cues: re.Pattern[str]
    reportative: GuardedPattern
    not_reported: re.Pattern[str]
    hedges: GuardedPattern
    substitutes: GuardedPattern
    conditional: re.Pattern[str]
    bare_name: re.Pattern[str]
    rumour: GuardedPattern
    unconfirmed: GuardedPattern
    unverifiable: GuardedPattern
    carry_words: re.Pattern[str]
    anaphoric: re.Pattern[str]
    source_nouns: re.Pattern[str]
    own: re.Pattern[str]
    outlet: re.Pattern[str]
    compound: re.Pattern[str]
    prepositions: frozenset[str]
    institutions: NameMatcher

    @property
    def guarded(self) -> tuple[GuardedPattern, ...]:
        """The patterns tried only in a sentence that holds their triggers: cues and markers."""
        return (*self.cues, self.reportative, self.hedges, self.substitutes, self.rumour, self.unconfirmed,
                self.unverifiable)



@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    name: str


def attribute(sentences: Sequence[str], paragraphs: Sequence[int], language: Language,
              actors: Sequence[Sequence[Mention]] | None = None) -> list[tuple[str, Attribution | None]]:
    """For each sentence of a document its certainty (one of CERTAINTIES) and attribution.

    `paragraphs[i]` is the paragraph number of sentence i; `actors[i]` the actors named in it
    (found with `find_actors` when not given).
    """
    if len(paragraphs) != len(sentences) or (actors is not None and len(actors) != len(sentences)):
        raise ValueError("sentences, paragraphs and actors must have the same length")
    grammar = attribution_grammar(language)
    actors = find_actors(list(sentences), language) if actors is None else actors
    results: list[_Result] = []
    last: _Result | None = None               # the last sentence with an attribution
    notes: list[int] = []
    for index, (sentence, opened) in enumerate(zip(sentences, grammar.opened(sentences))):
        previous = results[-1] if results else None
        if opened:
            result, note = _read(_Text(sentence, opened), actors[index], grammar, previous, last)
        else:
            result, note = ("stated", None), False          # no cue or marker can match
        results.append(result)
        if result[1] is not None:
            last = result
        if note:
            notes.append(index)
    for note_index in notes:
        for index in _note_scope(note_index, paragraphs, results):
            certainty, attribution = results[index]
            if _RANK[certainty] < _RANK["unverified"]:
                results[index] = ("unverified", attribution)
    return results


def _read(text: _Text, actors: Sequence[Mention], grammar: AttributionGrammar, previous: _Result | None,
          last: _Result | None) -> tuple[_Result, bool]:
    """One sentence's certainty and attribution, and whether it is a bare unverifiability note."""
    continuing = previous is not None and previous[1] is not None
    certainty, attribution = "stated", None
    found = _source_cue(text, actors, grammar, last)
    rumour = grammar.rumour.search(text)
    if found:
        attribution, carried = found
        certainty = _weaker("reported", last[0]) if carried and last else "reported"
    elif rumour:
        attribution = Attribution(None, rumour.group(0))
    elif marker := _marker(text, grammar, continuing):
        cue, carries = marker
        if carries and previous is not None and previous[1] is not None:      # continuing
            certainty = _weaker("reported", previous[0])
            attribution = Attribution(previous[1].source, cue)
        else:
            certainty, attribution = "reported", Attribution(None, cue)
    if rumour:
        certainty = "rumour"
    elif unconfirmed := grammar.unconfirmed.search(text):
        certainty = _weaker(certainty, "unverified")
        attribution = attribution or Attribution(None, unconfirmed.group(0))
    note = grammar.unverifiable.search(text) is not None
    if note and attribution is not None:
        return (_weaker(certainty, "unverified"), attribution), False
    return (certainty, attribution), note


def _weaker(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def _marker(text: _Text, grammar: AttributionGrammar, continuing: bool) -> tuple[str, bool] | None:
    """The first unnamed-report marker: (its text, whether it continues an attribution)."""
    if grammar.reportative.opens(text.opened):
        formulas: list[tuple[int, int]] | None = None
        for match in grammar.reportative.regex.finditer(text.text):
            if formulas is None:
                formulas = [m.span() for m in grammar.not_reported.finditer(text.text)]
            if not any(s <= match.start() < e for s, e in formulas):
                return _ends(match.group(0)), True
    if hedge := grammar.hedges.search(text):
        return hedge.group(0), False
    if (continuing and (substitute := grammar.substitutes.search(text))
            and not grammar.conditional.search(text.text)):
        return substitute.group(0), True
    return None


def _source_cue(text: _Text, actors: Sequence[Mention], grammar: AttributionGrammar,
                last: _Result | None) -> tuple[Attribution, bool] | None:
    """The attribution the sentence's own cues give, and whether its source was carried over.

    Cues are taken in order of position; the first that names a source wins, else the first.
    """
    sentence = text.text
    matches = [(m.start("cue"), cue, m) for cue in grammar.cues if cue.number in text.opened
               for m in cue.regex.finditer(sentence)]
    if not matches:
        return None
    excluded = [m.span() for m in grammar.not_cues.finditer(sentence)]
    spans: list[_Span] | None = None
    first: tuple[Attribution, bool] | None = None
    for _start, cue, match in sorted(matches, key=lambda item: item[0]):
        if any(s < match.end("cue") and match.start("cue") < e for s, e in excluded):
            continue
        if spans is None:
            spans = _mention_spans(sentence, actors)
        source, carried = _resolve(sentence, cue, match, actors, spans, grammar, last)
        if cue.weak and source is None and not grammar.source_nouns.search(match.group("cue")):
            continue
        written = _ends(match.group("cue")) if cue.ends else match.group("cue").strip()
        found = (Attribution(source, written), carried)
        if source is not None:
            return found
        first = first or found
    return first


def _resolve(sentence: str, cue: _Cue, match: re.Match[str], actors: Sequence[Mention],
             spans: list[_Span], grammar: AttributionGrammar, last: _Result | None) -> tuple[str | None, bool]:
    carried = last[1].source if last and last[1] else None
    if cue.source == "carry":
        return carried, True
    if grammar.own.search(match.group("cue")):
        return _main_actor(actors), False
    if cue.source == "np":
        windows = [match.span("source" if match.group("source") is not None else "cue")]
        name_at = windows[0] if cue.names else None
    else:
        windows = _clause_windows(sentence, match.start("cue"), match.end("cue"), grammar)
        name_at = next(w for w in windows if w[0] >= match.start("cue"))    # right after the verb
    for start, end in windows:
        if name := _named(sentence, start, end, spans, grammar):
            return name, False
    if name_at and (bare := grammar.bare_name.match(sentence, *name_at)):
        return bare.group("name"), False
    for start, end in windows:
        window = sentence[start:end]
        if grammar.carry_words.search(window) or grammar.anaphoric.search(window):
            return carried, True
    return None, False


def _clause_windows(sentence: str, start: int, end: int, grammar: AttributionGrammar) -> list[tuple[int, int]]:
    """Where the subject of a verb of saying stands: its clause before the verb, or, when a
    prepositional phrase opens the clause ("Am Freitag meldete …"), after it first. After the
    verb includes the words between a separable verb's parts ("teilte das Ministerium mit")."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    clause_start = max((b + 1 for b in breaks if b < start), default=0)
    clause_end = min((b for b in breaks if b >= end), default=len(sentence))
    verb_end = start + len(sentence[start:end].split(maxsplit=1)[0])
    before, after = (clause_start, start), (verb_end, clause_end)
    first_word = sentence[clause_start:start].split(maxsplit=1)[:1]
    if first_word and first_word[0].lower() in grammar.prepositions:
        return [after, before]
    return [before, after]


def _named(sentence: str, start: int, end: int, spans: list[_Span], grammar: AttributionGrammar) -> str | None:
    """The source a stretch of the sentence names: a known actor, the first part of a compound
    ("Polizeiangaben"), or an unknown outlet after its noun ("dem Portal Tengrinews")."""
    inside = [s for s in spans if start <= s.start and s.end <= end]
    if inside:
        chosen = inside[0]
        for following in inside[1:]:             # apposition: "die Staatsagentur Belta"
            if sentence[chosen.end:following.start].strip():
                break
            chosen = following
        return chosen.name
    for compound in grammar.compound.finditer(sentence, start, end):
        stem = compound.group("stem")
        found = grammar.institutions.find(stem)
        if found and found[0][0] == 0 and found[0][1] == len(stem):
            return found[0][2].name
    if outlet := grammar.outlet.search(sentence, start, end):
        return outlet.group("name").strip(_QUOTES)
    return None


def _mention_spans(sentence: str, actors: Sequence[Mention]) -> list[_Span]:
    """Where the sentence's actors stand, every occurrence, longest first at a position."""
    spans = []
    for mention in actors:
        if not mention.text:
            continue
        position = sentence.find(mention.text)
        while position >= 0:
            end = position + len(mention.text)
            if not _joined(sentence, position - 1) and not _joined(sentence, end):
                spans.append(_Span(position, end, mention.name))
            position = sentence.find(mention.text, position + 1)
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[_Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _joined(sentence: str, index: int) -> bool:
    """Whether the character at `index` would make a name found there part of a longer word."""
    return 0 <= index < len(sentence) and (sentence[index].isalnum() or sentence[index] == "-")


def _main_actor(actors: Sequence[Mention]) -> str | None:
    subjects = [m for m in actors if m.kind in _SUBJECT_KINDS]
    acting = next((m for m in subjects if m.role == "actor"), subjects[0] if subjects else None)
    return acting.name if acting else None


def _ends(text: str) -> str:
    """A cue with words between its parts as its first and last word: "soll … sein"."""
    words = text.split()
    return f"{words[0]}{GAP}{words[-1]}" if len(words) > 2 else " ".join(words)


def _note_scope(note: int, paragraphs: Sequence[int], results: list[_Result]) -> range:
    """The sentences an unverifiability note covers (see the module docstring)."""
    paragraph = paragraphs[note]
    start = note
    while start > 0 and paragraphs[start - 1] == paragraph:
        start -= 1
    end = note
    if start == note and note > 0:               # the note opens its paragraph: the one before
        end = start
        paragraph = paragraphs[start - 1]
        while start > 0 and paragraphs[start - 1] == paragraph:
            start -= 1
    first = next((i for i in range(start, end) if results[i][1] is not None), end)
    return range(first, end)


def attribution_grammar(language: Language) -> AttributionGrammar:
    """What `attribute` compiles from the language's attribution.yaml, once per `Language`."""
    return language.compiled(_compile)


def _compile(language: Language) -> AttributionGrammar:
    data = attribution_data(language)
    lowercase_names = [form for entry in language.compiled(actors_data).organisations
                       for form in (entry.name, *entry.aliases) if form[:1].islower()]
    gap = data["patterns"]["gap"]
    fragments = {name: _alternation(words, gap) for name, words in data["words"].items()}
    fragments["lowercase_name"] = f"(?-i:{_alternation(lowercase_names, gap)})" if lowercase_names else "(?!)"
    for name, pattern in data["patterns"].items():
        fragments[name] = "(?:" + _expand(pattern, fragments) + ")"

    def compile_one(pattern: str) -> re.Pattern[str]:
        return re.compile(_expand(pattern, fragments), FLAGS)

    def compile_any(patterns: Any) -> re.Pattern[str]:
        listed = patterns if isinstance(patterns, list) else [patterns]
        return compile_one("|".join(f"(?:{p})" for p in listed))

    gates = Gates(data["words"], data["patterns"])
    cues = tuple(_Cue(regex=compile_one(c["pattern"]), source=c["source"],
                      ends=c.get("text") == "ends", weak=bool(c.get("weak")),
                      names=bool(c.get("names")), number=gates.add(c["pattern"]))
                 for c in data["cues"])
    guarded = {key: GuardedPattern(gates.add(data[key]["patterns"]), compile_any(data[key]["patterns"]))
               for key in ("reportative", "hedges", "substitutes", "rumour", "unconfirmed", "unverifiable")}
    patterns = {key: compile_any(data[key]) for key in ATTRIBUTION_PATTERNS}
    return AttributionGrammar(
        opened=gates.finish(), cues=cues,
        reportative=guarded["reportative"], hedges=guarded["hedges"], substitutes=guarded["substitutes"],
        rumour=guarded["rumour"], unconfirmed=guarded["unconfirmed"], unverifiable=guarded["unverifiable"],
        not_cues=patterns["not_cues"], not_reported=patterns["not_reported"], conditional=patterns["conditional"],
        bare_name=patterns["bare_name"], carry_words=patterns["carry_words"], anaphoric=patterns["anaphoric"],
        source_nouns=patterns["source_nouns"], own=patterns["own"], outlet=patterns["outlet"],
        compound=patterns["compound"],
        prepositions=frozenset(str(w).lower() for w in data["words"]["preposition"]),
        institutions=actor_lexicon(language).institutions)


def _alternation(words: list[Any], gap: str) -> str:
    """Words as a regex alternation, longest first; " … " in an entry stands for `gap`.

    Without such entries, as a trie: the words that fit a text are each other's beginnings, and a
    trie tries them in the same order, longest first, but reads each letter once instead of trying
    every word in turn."""
    forms = sorted({str(w) for w in words}, key=len, reverse=True)
    if not any(GAP in form for form in forms):
        return "(?:" + _trie(dict.fromkeys(forms)) + ")"
    return "(?:" + "|".join(gapped_pattern(form, gap) for form in forms) + ")"


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in fragments:
            raise ValueError(f"attribution.yaml: unknown {{{match.group(1)}}} in {pattern!r}")
        return fragments[match.group(1)]
    return _PLACEHOLDER.sub(replace, pattern)


def reports_itself(attribution: Attribution, language: Language) -> bool:
    """True for an actor citing its own account ("nach eigenen Angaben"): the source also acts."""
    return attribution_grammar(language).own.search(attribution.text) is not None
