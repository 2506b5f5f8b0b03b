"""NEURON's StateTransitionEvent: a finite state machine driven by threshold crossings.

``ste = StateTransitionEvent(nstate[, pointprocess])``;
``ste.transition(src, dest, _ref_var1, _ref_var2[, callback])`` adds a transition
from state src to state dest taken when var1 becomes greater than var2 (var2 may
also be a plain number); the callback is a Python callable, ``(callable, arg)``
or ``(callable, (args...))``, or a HOC statement.  ``ste.state()`` is the current
state, ``ste.state(i)`` sets it.

As NEURON 9.0.2 (fixed step):

- finitialize deactivates every machine: nothing is watched until ``state(i)`` is
  called (NEURON's idiom: a type 1 FInitializeHandler calling ``ste.state(0)``);
- ``state(i)`` activates the transitions leaving i, each marked as "above" when
  var1 > var2 - float_epsilon already (that one fires only after var1 has first
  come down to var2 or below);
- at the start of every step (fadvance), where NEURON checks its thresholds, the
  active transitions are checked in creation order; the first whose var1 - var2
  became > 0 (it was not above before) is taken: the state becomes dest (its
  transitions activated as by ``state(dest)``), then the callback runs, ``h.t``
  being the end time of the step that crossed (a callback that calls
  ``state(j)`` leaves the machine in j).  A crossing in a run's last step is
  seen only if the simulation continues.

The variable step method (CVODE) is refused with StateTransitionError: ranvier's
CVODE has no threshold hook for these conditions.
"""
import weakref

from ..core.errors import HocError
from ..core.hocobject import HocObject
from .. import engine
from .. import hoc
from . import finithandler  # noqa: F401  (its finitialize hook is installed first)

_MACHINES = []          # weak references to the live machines, in creation order


class StateTransitionError(HocError):
    """A StateTransitionEvent given a bad state index or used where it cannot work."""


def _float_epsilon():
    try:
        return float(hoc.interpreter().get("float_epsilon"))
    except Exception:
        return 1e-11


def _refuse_cvode(what):
    from ..engine import cvode
    if cvode.is_active():
        raise StateTransitionError(
            "StateTransitionEvent.%s: the variable step method (cvode_active(1)) is not "
            "supported for StateTransitionEvent in ranvier (no threshold hook in its CVODE); "
            "use the fixed step" % what)


def _reader(var, what):
    """A function returning the value var points to (var: a pointer/ref with [0], or a
    number, a constant)."""
    if isinstance(var, (int, float)) and not isinstance(var, bool):
        value = float(var)
        return lambda: value
    try:
        if isinstance(var, (str, bytes)):
            raise TypeError(var)
        float(var[0])
    except Exception:
        raise TypeError("StateTransitionEvent.transition: %s must be a reference (_ref_v, "
                        "h._ref_t, h.ref(x), &x in HOC) or a number, not %s"
                        % (what, type(var).__name__)) from None
    return lambda: float(var[0])


def _callback(cb, obj):
    if cb is None:
        return None
    if isinstance(cb, str):
        if obj is not None:
            raise StateTransitionError(
                "StateTransitionEvent.transition: a HOC statement run in an object's "
                "context is not supported in ranvier")
        text = cb
        return lambda: hoc.interpreter().h_call("{%s}" % text)
    if isinstance(cb, tuple) and len(cb) == 2 and callable(cb[0]):
        f, args = cb
        args = args if isinstance(args, tuple) else (args,)
        return lambda: f(*args)
    if callable(cb):
        return cb
    raise TypeError("StateTransitionEvent.transition: the callback must be a Python callable, "
                    "(callable, args) or a HOC statement, not %s" % type(cb).__name__)


class _Transition:
    __slots__ = ("src", "dest", "var1", "var2", "callback", "above")

    def __init__(self, src, dest, var1, var2, callback):
        self.src, self.dest = src, dest
        self.var1, self.var2 = var1, var2
        self.callback = callback
        self.above = False

    def value(self):
        return self.var1() - self.var2()


class StateTransitionEvent(HocObject):
    """StateTransitionEvent(nstate[, pointprocess])."""

    _hoc_name = "StateTransitionEvent"

    __slots__ = ("_hoc_index", "__weakref__", "_nstate", "_state", "_trans", "_active", "_pnt")

    def __init__(self, nstate, pnt=None):
        n = int(nstate)
        if n < 1:
            raise StateTransitionError("StateTransitionEvent(%r): the number of states must "
                                       "be at least 1 (arg out of range)" % (nstate,))
        self._nstate = n
        self._state = 0
        self._trans = []
        self._active = False        # transitions of _state watched (after state(i))
        self._pnt = pnt
        self._hoc_register()
        _MACHINES.append(weakref.ref(self))

    def _index(self, i, what):
        try:
            k = int(i)
        except (TypeError, ValueError):
            raise TypeError("StateTransitionEvent.%s: a state index must be a number, not %s"
                            % (what, type(i).__name__)) from None
        if not 0 <= k < self._nstate:
            raise StateTransitionError("StateTransitionEvent.%s: state %d is out of range "
                                       "(0 to %d)" % (what, k, self._nstate - 1))
        return k

    def transition(self, src, dest, var1, var2, callback=None, obj=None):
        """transition(src, dest, _ref_var1, _ref_var2 or value[, callback])."""
        s = self._index(src, "transition")
        d = self._index(dest, "transition")
        _refuse_cvode("transition")
        tr = _Transition(s, d, _reader(var1, "var1"), _reader(var2, "var2"),
                         _callback(callback, obj))
        self._trans.append(tr)
        if self._active and s == self._state:
            tr.above = tr.value() > -_float_epsilon()
        return 1.0

    def state(self, *args):
        """state(): the current state; state(i): enter state i (its transitions watched)
        and return the state left."""
        if not args:
            return self._state          # an int, as NEURON's
        k = self._index(args[0], "state")
        _refuse_cvode("state")
        prev = self._state
        self._enter(k)
        return prev                     # NEURON returns the state left (an int)

    def _enter(self, k):
        self._state = k
        self._active = True
        eps = _float_epsilon()
        for tr in self._trans:
            if tr.src == k:
                tr.above = tr.value() > -eps

    def _check(self):
        """Before a step: take the first transition of the current state that crossed."""
        k = self._state
        for tr in self._trans:
            if tr.src != k:
                continue
            if tr.value() > 0.0:
                if not tr.above:
                    tr.above = True
                    self._enter(tr.dest)
                    if tr.callback is not None:
                        tr.callback()
                    return
            else:
                tr.above = False


def _live():
    out = []
    for r in list(_MACHINES):
        m = r()
        if m is None:
            _MACHINES.remove(r)
        else:
            out.append(m)
    return out


class _PreStep:
    """The engine's "prestep" hook: the machines' conditions at the start of each fixed
    step (NEURON checks them there, as its spike thresholds)."""

    def active(self):
        return any(m._active and m._trans for m in _live())

    def check(self):
        for m in _live():
            if m._active:
                m._check()


def _attach_finitialize_hook():
    """Chain the machines' deactivation before the type-3 point of finitialize (the
    hook already there, FInitializeHandler's and others', runs after it)."""
    prev = engine.HOOKS["finitialize"]

    def hook(kind):
        if kind == 3:       # finitialize begins: every machine inactive until state(i)
            for m in _live():
                m._active = False
        if prev is not None:
            prev(kind)
    engine.set_hook("finitialize", hook)


def reset():
    """ranvier.reset(): no machines."""
    _MACHINES.clear()


engine.set_hook("prestep", _PreStep())
_attach_finitialize_hook()
