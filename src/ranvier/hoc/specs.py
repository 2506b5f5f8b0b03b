"""Specifications of HOC's built-in functions and constants: the BSpec record
the parser compiles calls from, the one-argument math functions (with NEURON's
domain and range checks) and the built-in doubles (PI, FARADAY, float_epsilon ...)."""
import math

from . import nodes as N

__all__ = ["BSpec", "MATH1", "CONSTANTS"]


class BSpec:
    """A built-in function: `f(frame, argument nodes)` returning a value of HOC
    type `t` ('n', 's', 'o'); `nargs` (lo, hi) checked when parsing, or None.
    A math function (`math` = its argument count) is compiled to a direct call:
    `f(x)` for one argument, `f2(frame, argument nodes)` for more."""
    __slots__ = ("f", "t", "nargs", "math", "f2")

    def __init__(self, f, t="n", nargs=None, math=0, f2=None):
        self.f = f
        self.t = t
        self.nargs = nargs
        self.math = math
        self.f2 = f2


def _trunc_int(x):
    if x >= 0:
        return float(math.floor(x + 1e-11))
    return -float(math.floor(-x + 1e-11))


def _log(x):
    if x <= 0:
        if x == 0:
            N.warn_range("log")
            return -math.inf
        N.err("log argument out of domain")
    return math.log(x)


def _log10(x):
    if x <= 0:
        if x == 0:
            N.warn_range("log10")
            return -math.inf
        N.err("log10 argument out of domain")
    return math.log10(x)


def _exp(x):
    if x < -700:
        return 0.0
    if x > 700:
        N.warn_range("exp")
        return math.exp(700)
    return math.exp(x)


def _sqrt(x):
    if x < 0:
        N.err("sqrt argument out of domain")
    return math.sqrt(x)


MATH1 = {
    "sin": math.sin, "cos": math.cos, "atan": math.atan, "tanh": math.tanh,
    "log": _log, "log10": _log10, "exp": _exp, "sqrt": _sqrt, "int": _trunc_int,
    "abs": abs, "erf": math.erf, "erfc": math.erfc,
}

CONSTANTS = {
    "PI": 3.141592653589793, "E": 2.718281828459045, "GAMMA": 0.5772156649015329,
    "DEG": 57.29577951308232, "PHI": 1.618033988749895, "FARADAY": 96485.33212331001,
    "R": 8.3144626181532395, "Avogadro_constant": 6.02214076e+23, "float_epsilon": 1e-11,
    "hoc_ac_": 0.0,
}
