"""Checking numeric arguments the way NEURON's HOC classes take them."""
import math
import numbers

import numpy as np


def real(x, ctx):
    """`x` as a float, or TypeError naming `ctx`."""
    if type(x) is float:
        return x
    if isinstance(x, numbers.Real) or (
            isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf"):
        return float(x)
    raise TypeError("%s: expected a number, got %s" % (ctx, type(x).__name__))


def integer(x, ctx, error=ValueError):
    """`x` truncated toward zero (HOC passes doubles); `error` for NaN/inf."""
    if type(x) is int:
        return x
    if isinstance(x, numbers.Integral):
        return int(x)
    f = real(x, ctx)
    if not math.isfinite(f):
        raise error("%s: %r is not a valid integer" % (ctx, f))
    return int(f)
