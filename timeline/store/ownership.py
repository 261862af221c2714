"""Who owns what in a store when a report is parsed again.

The parser owns the fields it writes (`parser_fields`: id, document, date, sentence, actors, places,
…, and the fields later stages add) of the events it made; the user owns whole events marked
`locked: true` or `source: manual`, every other field of any event (a `note:`, tags, …), comments,
and the events of other documents. So a re-parse updates the parser's fields of each event in place
(found by id, else by document, sentence and dating expression, as ids shift when text before them
changes), keeps the user's fields and comments there, keeps locked and manual events as they are,
drops parser-made events the text no longer gives, and keeps, as it was, an event with fields of
the user whose sentence is gone. The JSON Lines store, written whole by each run, keeps the locked
and manual events.
"""

from __future__ import annotations

from typing import Any

from .. import schema

#: the document fields the parser writes (besides any it adds), and the hash of the text it was
#: parsed from; any other field of a document is the user's
DOCUMENT_FIELDS = frozenset(f.name for f in schema.DOCUMENT) | {"hash"}


def parser_fields() -> frozenset[str]:
    """The event fields the parser writes; any other field of an event is the user's."""
    return schema.event_field_names()


def user_owned(event: dict[str, Any]) -> bool:
    """Events the parser must never replace."""
    return bool(event.get("locked")) or event.get("source") == "manual"
