"""Exceptions the library raises for problems a user can fix; the CLI prints them without a traceback."""


class TimelineError(Exception):
    """Base class: the message is meant for the user."""


class InputError(TimelineError):
    """A report, date or option that cannot be used as given."""


class StoreError(TimelineError):
    """An events store that cannot be read or written."""
