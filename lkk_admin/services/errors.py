"""The one base class of errors a user must be told about."""


class DomainError(Exception):
    """A refusal the user must read: ``str(error)`` is a Russian sentence for the UI.

    Raised before anything is written, or inside the caller's transaction so that the
    caller's rollback leaves nothing behind.
    """

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class NotFoundError(DomainError):
    """The record the user asked for does not exist (any more)."""


class ConflictError(DomainError):
    """Someone else changed or holds the record; re-read and try again."""
