"""Actors: persons introduced by a title or named again by surname, pronouns and descriptions that
refer back to them, organisations and groups — each with its role in the sentence.

Two passes: `find_names` (actor_names.py) finds the names and references of a document once,
`assign_roles` (roles.py) resolves the references in reading order and gives each actor its role,
again when the sources of the sentences' claims are known.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lang import Language
from ..model import Mention
from .actor_names import ActorNames, find_names
from .roles import assign_roles, mark_counted_victims

__all__ = ["ActorNames", "assign_roles", "find_actors", "find_names", "mark_counted_victims"]


def find_actors(sentences: Sequence[str], language: Language,
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
    return assign_roles(find_names(sentences, language), sources, skip)
