"""Memos of what is worked out per word, or other short piece, of a text: bounded (`Memo`), and one
object per distinct value (`Interned`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """key → what `work_out(key)` gives, each key worked out once (`memo[key]`).

    News repeat their vocabulary, so most words of a report are looked up rather than worked out
    again. Bounded: when `size` keys are known all are forgotten, which costs less than tracking
    their use, and a corpus's frequent words are back at once. Unlike `functools.lru_cache`, a
    lookup that hits is a plain dict lookup."""

    def __init__(self, work_out: Callable[[K], V], size: int = 1 << 16):
        super().__init__()
        self.work_out = work_out
        self.size = size

    def __missing__(self, key: K) -> V:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.work_out(key)
        return value


class Interned(dict[V, V]):
    """One object for each distinct value (`interned(value)`).

    A memo that keeps a small set per word holds, once interned, a few hundred distinct sets
    instead of one for each word it knows: less memory, and fewer objects for the garbage
    collector to walk through. The values are few (combinations of a handful of cues), so
    unbounded."""

    def __call__(self, value: V) -> V:
        return self.setdefault(value, value)
