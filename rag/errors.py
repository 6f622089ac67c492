"""Domain errors: expected failures that the edges (CLI, UI, API) turn into clean messages."""


class NewsqaError(Exception):
    """Base class for errors a user can act on; the message says what to do."""


class InputFileError(NewsqaError):
    """A file (or a record in it) could not be read as an article."""


class ModelError(NewsqaError):
    """A model is missing, damaged or cannot be loaded."""


class IndexDamagedError(NewsqaError):
    """The passage index on disk cannot be read; `newsqa reindex` rebuilds it."""


class FetchError(NewsqaError):
    """An address could not be fetched or read (refused, unreachable, too large, not news)."""


class EmbeddingMismatchError(ModelError):
    """An embedder's vectors do not fit the collection's: another model, or other settings."""
