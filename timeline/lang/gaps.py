"""One notation, across a language's data, for words that may stand between two parts of a phrase:
" … " ("teilte … mit", "nahm … fest", "setzen … ab" for a separable verb and its particle)."""

from __future__ import annotations

import re

GAP = " … "


def gap_parts(form: str) -> list[str]:
    """The parts of a form that " … " separates (one part for a form without a gap)."""
    return form.split(GAP)


def gapped_pattern(form: str, gap: str) -> str:
    """A form as a regular expression: `gap` (a pattern) where " … " stands, any whitespace
    between its other words."""
    return gap.join(r"\s+".join(map(re.escape, part.split())) for part in gap_parts(form))
