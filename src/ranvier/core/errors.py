"""Typed errors raised by ranvier.

Every user error is one of these, raised before compiled code runs, with
enough context (file:line, section name, mechanism name) to find the cause.
"""


class RanvierError(Exception):
    """Base class of every error ranvier raises on bad input."""


class ModelError(RanvierError, ValueError):
    """A bad model: invalid geometry, unknown mechanism, deleted section, ..."""


class DeletedSectionError(ModelError, ReferenceError):
    """A section used after it was deleted, directly or through a segment, a
    pointer (``_ref_``) or a SectionRef (NEURON raises ReferenceError)."""


class ClearedObjectError(ModelError, ReferenceError):
    """An object (NetCon, point process) used after ``ranvier.reset()`` cleared the
    model it belonged to (like a deleted section: ReferenceError)."""


class SimulationError(RanvierError, ArithmeticError):
    """A simulation that went numerically wrong: v (or a mechanism state) became NaN or
    infinite.  The run stopped at the end of that step (h.t is that step's time, the
    Vectors hold everything recorded up to and including it); the message names the
    time, the section, the segment x and the variable."""


class _LocatedError(RanvierError):
    """An error in a source file: ``str()`` is ``file:line: message``, then the
    offending line and a caret under the column."""

    def __init__(self, message, filename="<string>", line=None, column=None, source_line=None):
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.source_line = source_line
        loc = filename if line is None else "%s:%d" % (filename, line)
        text = "%s: %s" % (loc, message)
        if source_line is not None:
            text += "\n    " + source_line.rstrip("\n")
            if column is not None:
                text += "\n    " + " " * max(0, column - 1) + "^"
        super().__init__(text)


class NmodlError(_LocatedError):
    """An NMODL file that cannot be parsed or translated (``filename``, ``line``)."""


class HocError(_LocatedError, RuntimeError):
    """A HOC syntax or runtime error (subclasses RuntimeError as NEURON's does)."""
