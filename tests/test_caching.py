"""The memos behind the per-word caches: bounded, and interned values."""

from timeline.caching import Interned, Memo


def test_each_key_is_worked_out_once_and_all_are_forgotten_when_full():
    calls = []

    def length(word: str) -> int:
        calls.append(word)
        return len(word)

    memo = Memo(length, size=2)
    assert [memo["der"], memo["Montag"], memo["der"]] == [3, 6, 3]
    assert calls == ["der", "Montag"]
    assert memo["am"] == 2 and len(memo) == 1                    # full: forgotten, then "am" known
    assert memo["der"] == 3 and calls == ["der", "Montag", "am", "der"]


def test_interned_values_are_one_object_each():
    interned = Interned()
    first = interned(frozenset({"a"}))
    assert interned(frozenset({"a"})) is first and len(interned) == 1
