"""Temporal tagging: rules find expressions, the resolver fixes them against a reference time."""

from .resolve import Reference
from .tag import MODES, TaggedTimex, tag_sentences, tag_text
from .tense import detect_tense

__all__ = ["MODES", "Reference", "TaggedTimex", "detect_tense", "tag_sentences", "tag_text"]
