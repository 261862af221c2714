"""What the supported Pythons (3.10 and later) lack of the standard library, in one place."""

from __future__ import annotations

import enum
import sys

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:
    class StrEnum(str, enum.Enum):
        """`enum.StrEnum` of Python 3.11: a member is its value, also to `str()` and `format()`."""

        def __str__(self) -> str:
            return str.__str__(self)

        def __format__(self, format_spec: str) -> str:
            return str.__format__(self, format_spec)

__all__ = ["StrEnum"]
