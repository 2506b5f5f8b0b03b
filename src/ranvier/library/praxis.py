"""NEURON's principal-axis minimiser interface: fit_praxis, attr_praxis, pval_praxis,
stop_praxis (used by legacy fitting code, e.g. the Multiple Run Fitter's scripts).

``fit_praxis(efun, vec)`` (Python: efun(vec) -> float), ``fit_praxis(n, "fname", &x[0])``
and ``fit_praxis(n, "fname", vec)`` (HOC: fname(n, &x) -> float) minimise the function
over the n values, leave the minimising point in x (or vec) and return the minimum.
The search is scipy's Powell method, from the same conjugate-direction family as Brent's
PRAXIS that NEURON uses; the minimum agrees with NEURON's within the tolerance, the
sequence of calls does not.  ``pval_praxis(i[, axis])`` gives the i-th principal value
(half the curvature along the i-th principal axis, largest first) of the function at
the last minimum, and that axis.
"""
import numpy as np

from ..core.errors import HocError

_ATTR = {"tol": 1e-5, "maxstep": 1.0, "printmode": 0}
_LAST = {"values": None, "axes": None}
_STOP = [False]


class _Stopped(Exception):
    pass


def attr_praxis(tol, maxstep=None, printmode=None):
    """attr_praxis(tolerance, maxstepsize, printmode): the settings of later fits."""
    _ATTR["tol"] = float(tol)
    if maxstep is not None:
        _ATTR["maxstep"] = float(maxstep)
    if printmode is not None:
        _ATTR["printmode"] = int(float(printmode))
    return 0.0


def stop_praxis(*_):
    """stop_praxis(): the fit in progress returns after the current function call."""
    _STOP[0] = True
    return 0.0


def _hoc_function(name):
    """The user's HOC function `name` as a Python callable, or None."""
    from .. import hoc
    interp = hoc.interpreter()
    if not interp.has(name):
        return None
    f = interp.get(name)
    return f if callable(f) else None


class _VectorCells:
    """A Vector's elements as the pointer a HOC function receives ($&2[i])."""
    __slots__ = ("vec",)

    def __init__(self, vec):
        self.vec = vec

    def __getitem__(self, i):
        return self.vec[int(i)]

    def __setitem__(self, i, value):
        self.vec[int(i)] = value


def _objective(args):
    """(n, get(), set(x), f(x) -> float) for the argument forms of fit_praxis."""
    from ..data.vector import Vector
    if len(args) == 2 and callable(args[0]) and isinstance(args[1], Vector):
        efun, vec = args
        n = int(vec.size())

        def put(x):
            for i in range(n):
                vec[i] = float(x[i])

        def f(x):
            put(x)
            return float(efun(vec))
        return n, np.array([vec[i] for i in range(n)]), put, f
    if len(args) == 3 and isinstance(args[1], str):
        n = int(float(args[0]))
        fn = _hoc_function(args[1])
        if fn is None:
            raise HocError("fit_praxis: %s is not a function" % args[1])
        target = args[2]
        if isinstance(target, Vector):
            if target.size() < n:
                raise HocError("fit_praxis: the Vector has %d elements, fewer than n = %d"
                               % (target.size(), n))
            ref = _VectorCells(target)      # what the HOC function sees as $&2
        else:
            ref = target

        def put(x):
            for i in range(n):
                ref[i] = float(x[i])

        def f(x):
            put(x)
            return float(fn(float(n), ref))
        return n, np.array([float(ref[i]) for i in range(n)]), put, f
    raise HocError("fit_praxis: expected (efun, Vector), (n, \"fname\", &x[0]) or "
                   "(n, \"fname\", Vector), got %d arguments" % len(args))


def fit_praxis(*args):
    """Minimise; returns the minimum and leaves its point in the caller's values."""
    from scipy.optimize import minimize
    n, x0, put, f = _objective(args)
    if n < 1:
        raise HocError("fit_praxis: n must be at least 1, got %d" % n)
    best = {"x": x0.copy(), "f": None}

    def counted(x):
        v = f(x)
        if best["f"] is None or v < best["f"]:
            best["x"], best["f"] = np.array(x, dtype=float), v
        if _STOP[0]:
            raise _Stopped
        return v

    _STOP[0] = False
    tol = _ATTR["tol"]
    try:
        minimize(counted, x0, method="Powell",
                 options={"xtol": tol, "ftol": tol * tol, "maxfev": 200000,
                          "direc": np.eye(n) * _ATTR["maxstep"]})
    except _Stopped:
        pass
    finally:
        _STOP[0] = False
    put(best["x"])
    _principal_axes(f, best["x"], tol)
    put(best["x"])
    return float(best["f"])


def _principal_axes(f, x, tol):
    """Half the curvature of f at x along its principal axes (finite differences)."""
    n = len(x)
    h = np.maximum(np.abs(x), 1.0) * max(tol, 1e-8) ** 0.5 * 10.0
    f0 = f(x)
    H = np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = h[i]
        H[i, i] = (f(x + e) - 2.0 * f0 + f(x - e)) / (h[i] * h[i])
        for j in range(i):
            d = np.zeros(n)
            d[j] = h[j]
            H[i, j] = H[j, i] = (f(x + e + d) - f(x + e - d) - f(x - e + d) + f(x - e - d)) \
                / (4.0 * h[i] * h[j])
    w, V = np.linalg.eigh(H)
    order = np.argsort(w)[::-1]
    _LAST["values"], _LAST["axes"] = 0.5 * w[order], V[:, order]


def pval_praxis(i, axis=None):
    """pval_praxis(i[, &axis[0] or Vector]): the i-th principal value of the last fit."""
    from ..data.vector import Vector
    vals = _LAST["values"]
    if vals is None:
        raise HocError("pval_praxis: no fit_praxis has run yet")
    i = int(float(i))
    if not 0 <= i < len(vals):
        raise HocError("pval_praxis: index %d out of range 0..%d" % (i, len(vals) - 1))
    if axis is not None:
        col = _LAST["axes"][:, i]
        if isinstance(axis, Vector):
            axis.resize(len(col))
        for k, c in enumerate(col):
            axis[k] = float(c)
    return float(vals[i])


FUNCTIONS = {"fit_praxis": fit_praxis, "attr_praxis": attr_praxis,
             "pval_praxis": pval_praxis, "stop_praxis": stop_praxis}
