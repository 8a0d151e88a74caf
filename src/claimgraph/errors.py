"""One root exception type: every error a user can cause is a ClaimgraphError.

The faces (CLI, API) catch ClaimgraphError and print its message; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Root of every expected failure."""


class InputError(ClaimgraphError):
    """One input (file, URL, upload) cannot be read or parsed: names the input and the reason."""

    def __init__(self, name: str, reason: str) -> None:
        # A reason may quote a library's message, which may quote the input's own bytes: it must
        # stay writable as UTF-8 (an error row, a JSON report) whatever they were.
        reason = reason.encode("utf-8", "backslashreplace").decode("utf-8")
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Failures cross from pool workers to the parent: pickle must rebuild them with both
        # arguments (the default passes only the formatted message).
        return (type(self), (self.name, self.reason))


class LimitError(InputError):
    """An input is larger than a configured limit (size, line length, decompressed size)."""


class StoreError(ClaimgraphError):
    """The database cannot be opened or is of an unknown schema version."""


class StoreBusy(StoreError):
    """Another program held the database's write lock for longer than we wait: nothing was lost,
    and the same command run again continues (the HTTP API answers 503 with Retry-After)."""


class ConfigError(ClaimgraphError):
    """A configuration, alias list or label file is invalid."""


class NotFound(ClaimgraphError):
    """A document, entity, quote or claim group that does not exist."""
