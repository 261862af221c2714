"""The bounded memo behind the per-word caches."""

from timeline.caching import Memo


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
