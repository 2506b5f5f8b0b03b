"""Errors of the morphology readers."""
from ...core.errors import RanvierError


class Import3dError(RanvierError, ValueError):
    """A morphology file that cannot be read or turned into sections (the message
    names the reader, the file and, where known, the line)."""


class Import3dFileError(Import3dError, FileNotFoundError):
    """A morphology file that cannot be opened."""


class Import3dNotImplemented(RanvierError, NotImplementedError):
    """A reader ranvier does not provide yet (the message names it)."""
