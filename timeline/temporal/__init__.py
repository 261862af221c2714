"""Temporal tagging: rules find expressions, the resolver fixes them against a reference time."""

from ..lang import MODES
from .resolve import Reference
from .tag import TaggedTimex, tag_sentences, tag_text
from .tense import detect_tense

__all__ = ["MODES", "Reference", "TaggedTimex", "detect_tense", "tag_sentences", "tag_text"]
