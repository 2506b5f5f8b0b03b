"""NEURON's FInitializeHandler: code that finitialize runs at given points.

``FInitializeHandler([type,] callback)``: callback is a Python callable or a
HOC statement; type (default 1) says when finitialize runs it
(LIBRARY.md "FInitializeHandler order"):

- 3: first, with t and the states still those of the previous run;
- 0: after t = 0 and v = v_init, before the INITIAL blocks (what it sets in
  states, INITIAL overwrites);
- 1 (the default): after the INITIAL blocks (what it sets stays);
- 2: last, after Vector.record took its t = 0 sample.

Handlers of one type run in creation order while their object is alive.
The engine calls ``run_type`` through its "finitialize" hook (the engine
imports nothing from this layer); importing this module attaches that hook
and the "statement" hook that CVode.event's HOC-statement callbacks use.
"""
import weakref

from ..core.errors import HocError
from ..core.hocobject import HocObject
from .. import engine
from .. import hoc

_HANDLERS = []      # weak references to the live handlers, in creation order


class FInitializeHandler(HocObject):
    """FInitializeHandler([type,] callable_or_statement[, obj])."""

    __slots__ = ("_hoc_index", "__weakref__", "_type", "_what")

    def __init__(self, *args):
        if args and not isinstance(args[0], str) and not callable(args[0]):
            kind, args = args[0], args[1:]
            try:
                kind = int(kind)
            except (TypeError, ValueError):
                raise HocError("FInitializeHandler: the type must be 0, 1, 2 or 3, got %r"
                               % (kind,)) from None
        else:
            kind = 1
        if kind not in (0, 1, 2, 3):
            raise HocError("FInitializeHandler: the type must be 0, 1, 2 or 3, got %r" % (kind,))
        if not args or not (isinstance(args[0], str) or callable(args[0])):
            raise HocError("FInitializeHandler: needs a HOC statement or a Python callable")
        self._type = kind
        self._what = args[0]
        self._hoc_register()
        _HANDLERS.append(weakref.ref(self))

    def _run(self):
        what = self._what
        if isinstance(what, str):
            _statement(what)
        else:
            what()

    def allprint(self):
        """Print every handler by type (as NEURON's allprint)."""
        for kind in (0, 1, 2, 3):
            live = [h for h in _live() if h._type == kind]
            if live:
                print("Type %d FInitializeHandler statements" % kind)
                for h in live:
                    print("\t%s" % (h._what if isinstance(h._what, str) else repr(h._what)))
        return 0.0


def _live():
    out = []
    for r in list(_HANDLERS):
        h = r()
        if h is None:
            _HANDLERS.remove(r)
        else:
            out.append(h)
    return out


def _statement(text):
    """Execute a HOC statement as NEURON's HocCommand does: as one block (so that two
    statements on one line are fine)."""
    hoc.interpreter().h_call("{%s}" % text)


def run_type(kind):
    """Run the live handlers of type kind in creation order (the engine's hook)."""
    for h in _live():
        if h._type == kind:
            h._run()


def reset():
    """ranvier.reset(): no handlers."""
    _HANDLERS.clear()


engine.set_hook("finitialize", run_type)
engine.set_hook("statement", _statement)
