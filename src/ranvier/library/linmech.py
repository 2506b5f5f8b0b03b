"""NEURON's LinearMechanism: linear equations c*dy/dt + g*y = b solved with the cable.

Forms (as NEURON 9):

    LinearMechanism(c, g, y, [y0], b)                      # free equations, no node
    LinearMechanism(c, g, y, [y0], b, x, sec=section)      # row 0 at section(x)
    LinearMechanism(c, g, y, [y0], b, sl, xvec, [layervec])
    LinearMechanism(callable, c, g, y, ...)                # callable() before each use of b

c and g are square Matrix objects of y's size.  The first len(xvec) (or 1) equations
are added to the current balance equations of those locations, and the first unknowns
y are those nodes' potentials (layer 0: the internal potential; layer k > 0: vext[k-1],
ground where extracellular is not inserted).  Units are the current balance's: mA/cm2,
S/cm2 and 1000 uF/cm2 (c = .001 is 1 uF/cm2) at a segment's node, nA, uS and nF at the
0-area nodes (x = 0 and x = 1).  The values of c, g and b are read at every step (a
callback may change b and the existing entries of g).  y's node rows start from the
node potentials at finitialize, the others from y0 (0 without y0).

The equations join the fixed step's matrix (engine/extra_eqn.py: a sparse solve instead
of the tree elimination).  secondorder > 0 and CVODE are refused with a clear error
(NEURON uses its DAE solver IDA there).
"""
import numbers

import numpy as np

from ..core.errors import ModelError
from ..core.hocobject import HocObject
from ..data.matrix import Matrix
from ..data.vector import Vector
from ..engine import extra_eqn
from ..model.section import resolve_sec


class LinearMechanismError(ModelError):
    """A LinearMechanism built from arguments NEURON would reject."""


def _vec(obj, what):
    if not isinstance(obj, Vector):
        raise TypeError("LinearMechanism: %s must be a Vector, got %s" % (what, type(obj).__name__))
    return obj


class LinearMechanism(HocObject):
    """h.LinearMechanism(...): see the module docstring."""

    _hoc_name = "LinearMechanism"

    def __init__(self, *args, sec=None):
        args = list(args)
        self._callback = None
        if args and callable(args[0]) and not isinstance(args[0], (Matrix, Vector)):
            self._callback = args.pop(0)
        elif args and isinstance(args[0], str):
            self._callback = args.pop(0)         # a HOC statement
        if len(args) < 4:
            raise TypeError("LinearMechanism(c, g, y, [y0], b, ...): expected at least 4 "
                            "arguments, got %d" % len(args))
        c, g = args[0], args[1]
        for m, what in ((c, "c"), (g, "g")):
            if not isinstance(m, Matrix):
                raise TypeError("LinearMechanism: %s must be a Matrix, got %s"
                                % (what, type(m).__name__))
        y = _vec(args[2], "y")
        if len(args) >= 5 and isinstance(args[3], Vector) and isinstance(args[4], Vector):
            y0, b, rest = args[3], args[4], args[5:]
        else:
            y0, b, rest = None, _vec(args[3], "b"), args[4:]
        n = int(y.size())
        for m, what in ((c, "c"), (g, "g")):
            if m.nrow() != n or m.ncol() != n:
                raise LinearMechanismError("LinearMechanism: %s is %dx%d but y has %d elements"
                                           % (what, m.nrow(), m.ncol(), n))
        for v, what in ((b, "b"), (y0, "y0")):
            if v is not None and int(v.size()) != n:
                raise LinearMechanismError("LinearMechanism: %s has %d elements but y has %d"
                                           % (what, int(v.size()), n))
        rows = []
        if len(rest) == 1:
            x = rest[0]
            if not isinstance(x, numbers.Real):
                raise TypeError("LinearMechanism: the location after b must be a number x (with "
                                "sec=) or a SectionList and a Vector, got %s" % type(x).__name__)
            rows.append((resolve_sec(sec), self._x(x), 0))
        elif len(rest) in (2, 3):
            sl, xvec = rest[0], _vec(rest[1], "xvec")
            secs = list(sl)
            layers = (list(_vec(rest[2], "layervec").as_numpy()) if len(rest) == 3
                      else [0] * len(secs))
            if len(secs) != int(xvec.size()) or len(layers) != len(secs):
                raise LinearMechanismError(
                    "LinearMechanism: the SectionList has %d sections, xvec %d values%s"
                    % (len(secs), int(xvec.size()),
                       ", layervec %d" % len(layers) if len(rest) == 3 else ""))
            for s, x, L in zip(secs, xvec.as_numpy(), layers):
                L = int(L)
                if not 0 <= L <= extra_eqn.NLAYER:
                    raise LinearMechanismError("LinearMechanism: layer %d is not 0..%d"
                                               % (L, extra_eqn.NLAYER))
                rows.append((s, self._x(x), L))
        elif rest:
            raise TypeError("LinearMechanism: too many arguments after b (%d)" % len(rest))
        if len(rows) > n:
            raise LinearMechanismError("LinearMechanism: %d locations but only %d equations"
                                       % (len(rows), n))
        self._hoc_register()
        self._c, self._g, self._y, self._y0, self._b = c, g, y, y0, b
        self._rows = rows
        extra_eqn.register(self)

    @staticmethod
    def _x(x):
        x = float(x)
        if not 0.0 <= x <= 1.0:
            raise ValueError("LinearMechanism: x = %g is outside [0, 1]" % x)
        return x

    # -- the engine's protocol (engine/extra_eqn.py) --
    def extra_rows(self):
        return self._rows

    def size(self):
        return int(self._y.size())

    def cmat(self):
        return self._c._a

    def gmat(self):
        return self._g._a

    def bvec(self):
        return np.asarray(self._b.as_numpy(), dtype=float)

    def yvec(self):
        return self._y.as_numpy()

    def y0vec(self):
        return None if self._y0 is None else self._y0.as_numpy()

    def before_rhs(self):
        cb = self._callback
        if cb is None:
            return
        if isinstance(cb, str):
            from ..engine import HOOKS
            f = HOOKS["statement"]
            if f is None:
                raise ModelError("LinearMechanism: no HOC interpreter to run %r" % cb)
            f(cb)
        else:
            cb()

    def valid(self):
        """1: the mechanism takes part in the simulation (as long as it lives)."""
        return 1.0
