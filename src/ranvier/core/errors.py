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
    """An NMODL file that cannot be parsed or translated (``filename``, ``line``, ``column``).

    ``str()`` reads like a compiler's diagnostic::

        cad.mod:12:5: error: undefined variable foo
            x = foo + 1
                ^

    ``column`` (1-based) is the offending token's; where the caller gives none, it is
    found in ``source_line``: the first name of ``message`` that stands there as a
    whole word (``undefined variable foo`` points at ``foo``), else the line's first
    non-blank character.
    """

    def __init__(self, message, filename="<string>", line=None, column=None, source_line=None):
        if column is None and source_line is not None:
            column = _guess_column(message, source_line)
        RanvierError.__init__(self, _diagnostic(message, filename, line, column, source_line))
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.source_line = source_line

    def __reduce__(self):   # picklable (errors cross process boundaries in nrnivmodl -j)
        return (type(self), (self.message, self.filename, self.line, self.column, self.source_line))


# words of ranvier's own messages that are never the offending name in the source line
_MESSAGE_WORDS = frozenset("""a an the of in is not and or to be by as at on it its this that
    only one more than no yet use used can cannot declare declared undefined variable function
    takes argument arguments got block blocks missing error syntax unexpected expected
    supported ranvier multiple declaration method name names array needs must""".split())


# block and statement keywords a message names as context (``SOLVE x: ...``)
_NMODL_KEYWORDS = frozenset("""NEURON SUFFIX POINT_PROCESS ARTIFICIAL_CELL USEION READ WRITE VALENCE
    RANGE GLOBAL POINTER NONSPECIFIC_CURRENT ELECTRODE_CURRENT UNITS PARAMETER ASSIGNED STATE
    CONSTANT INITIAL BREAKPOINT DERIVATIVE KINETIC LINEAR NONLINEAR PROCEDURE FUNCTION
    NET_RECEIVE SOLVE METHOD STEADYSTATE TABLE DEPEND FROM TO WITH LOCAL CONSERVE
    COMPARTMENT""".split())


def _guess_column(message, source_line):
    import re
    code = source_line.split(":", 1)[0] if ":" in source_line else source_line
    for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", message):
        if word.lower() in _MESSAGE_WORDS or word in _NMODL_KEYWORDS:
            continue
        m = re.search(r"(?<![A-Za-z0-9_'])%s(?![A-Za-z0-9_])" % re.escape(word), code)
        if m:
            return m.start() + 1
    stripped = source_line.lstrip()
    return len(source_line) - len(stripped) + 1 if stripped else 1


def _diagnostic(message, filename, line, column, source_line):
    loc = filename
    if line is not None:
        loc += ":%d" % line
        if column is not None:
            loc += ":%d" % column
    text = "%s: error: %s" % (loc, message)
    if source_line is not None:
        src = source_line.rstrip("\n")
        text += "\n    " + src.expandtabs(8)
        if column is not None:
            # the caret sits under character `column` (tabs expanded as shown)
            pad = len(src[:max(0, column - 1)].expandtabs(8))
            text += "\n    " + " " * pad + "^"
    return text


class HocError(_LocatedError, RuntimeError):
    """A HOC syntax or runtime error (subclasses RuntimeError as NEURON's does)."""
