"""The few Vector operations Import3d's arithmetic goes through, with NEURON's
exact order of floating-point operations (so that soma centroids agree with
NEURON's to the last bit before the float32 rounding of pt3dadd).

All take and return plain Python lists of floats.  Each rule was measured on
NEURON 9.0.2 (tests/library/import3d/test_import3d.py::test_vector_rules).
"""
import math

_INDGEN_EPS = 1e-9


def vsum(v):
    """Vector.sum: a running sum from 0.0, first element first."""
    s = 0.0
    for a in v:
        s += a
    return s


def mean(v):
    """Vector.mean: the running sum divided by the size."""
    return vsum(v) / len(v)


def dot(a, b):
    """Vector.dot: running sum of the products."""
    s = 0.0
    for p, q in zip(a, b):
        s += p * q
    return s


def mag(v):
    """Vector.mag: square root of the running sum of squares."""
    return math.sqrt(dot(v, v))


def indgen(start, stop, step):
    """Vector.indgen(start, stop, step): start + i*step for
    i < floor((stop-start)/step + 1e-9) + 1."""
    n = int(math.floor((stop - start) / step + _INDGEN_EPS)) + 1
    return [start + i * step for i in range(max(n, 0))]


def interpolate(xdest, xsrc, ysrc):
    """Vector.interpolate(xdest, xsrc) of the Vector `ysrc`: linear interpolation
    walking `xsrc` forwards once.  Leading destinations at or below xsrc[0] take
    ysrc[0]; from the first destination beyond xsrc[-1] on, every value is
    ysrc[-1]; in between, th = (x - x0)/(x1 - x0), y0*(1 - th) + y1*th on the
    interval that the walk has reached (so a destination list that is not
    increasing extrapolates, as NEURON's does)."""
    nd = len(xdest)
    ns = len(xsrc)
    if ns == 0:
        raise ValueError("interpolate: the source Vector is empty")
    out = [0.0] * nd
    first, last = xsrc[0], xsrc[-1]
    i = 0
    while i < nd and xdest[i] <= first:
        out[i] = ysrc[0]
        i += 1
    j = 0
    while i < nd:
        x = xdest[i]
        if x > last:
            break
        while xsrc[j] < x:
            j += 1
        th = (x - xsrc[j - 1]) / (xsrc[j] - xsrc[j - 1])
        out[i] = ysrc[j - 1] * (1.0 - th) + ysrc[j] * th
        i += 1
    while i < nd:
        out[i] = ysrc[-1]
        i += 1
    return out


def max_ind(v):
    """Index of the first largest element."""
    best = 0
    for i in range(1, len(v)):
        if v[i] > v[best]:
            best = i
    return best


def min_ind(v):
    """Index of the first smallest element."""
    best = 0
    for i in range(1, len(v)):
        if v[i] < v[best]:
            best = i
    return best


# HOC's comparison operators (and the Vector methods indwhere, indvwhere, eq) are
# fuzzy: two numbers within float_epsilon (1e-11) are equal.  NEURON's Import3d is
# written in HOC, so its decisions follow these rules.
EPS = 1e-11


def eq(a, b):
    return abs(a - b) <= EPS


def ne(a, b):
    return abs(a - b) > EPS


def lt(a, b):
    return a < b - EPS


def le(a, b):
    return a <= b + EPS


def gt(a, b):
    return a > b + EPS


def ge(a, b):
    return a >= b - EPS
