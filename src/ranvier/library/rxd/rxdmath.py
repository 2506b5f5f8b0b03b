"""Arithmetic on rxd species: expressions (`ca + buf`, `2 * ca`, `ca ** 2`,
`-kext * (ca - 1e-4)`, `exp(ca)`) and reaction schemes (`ca + buf > cabuf`,
`ca + buf != cabuf` for a reversible one).  An expression becomes the Python source of
a compiled rate function (`src`)."""
import math

from ...core.errors import RanvierError

_FUNCS = {}


class RxDExpressionError(RanvierError, TypeError):
    """Something that is not a number or an rxd species inside an rxd expression."""


def _wrap(x):
    if isinstance(x, _Arith):
        return x
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return _Const(float(x))
    if hasattr(x, "_rxd_leaf"):
        return x._rxd_leaf()
    raise RxDExpressionError("rxd: %r cannot be used in an rxd expression" % (x,))


class _Arith:
    def __add__(self, o):
        return _Bin("+", self, _wrap(o))

    def __radd__(self, o):
        return _Bin("+", _wrap(o), self)

    def __sub__(self, o):
        return _Bin("-", self, _wrap(o))

    def __rsub__(self, o):
        return _Bin("-", _wrap(o), self)

    def __mul__(self, o):
        return _Bin("*", self, _wrap(o))

    def __rmul__(self, o):
        return _Bin("*", _wrap(o), self)

    def __truediv__(self, o):
        return _Bin("/", self, _wrap(o))

    def __rtruediv__(self, o):
        return _Bin("/", _wrap(o), self)

    def __pow__(self, o):
        return _Bin("**", self, _wrap(o))

    def __rpow__(self, o):
        return _Bin("**", _wrap(o), self)

    def __neg__(self):
        return _Neg(self)

    def __pos__(self):
        return self

    # reaction schemes
    def __gt__(self, o):
        return _Reaction(self, _wrap(o), ">")

    def __lt__(self, o):
        return _Reaction(self, _wrap(o), "<")

    def __ne__(self, o):
        return _Reaction(self, _wrap(o), "<>")

    __hash__ = object.__hash__

    def _items(self):
        raise RxDExpressionError("rxd: %r is not a sum of species (a reaction side)" % (self,))


class _Const(_Arith):
    def __init__(self, value):
        self.value = value

    def src(self, ref):
        return repr(self.value)

    def leaves(self):
        return []

    def __repr__(self):
        return repr(self.value)


class _Bin(_Arith):
    def __init__(self, op, a, b):
        self.op, self.a, self.b = op, a, b

    def src(self, ref):
        return "(%s %s %s)" % (self.a.src(ref), self.op, self.b.src(ref))

    def leaves(self):
        return self.a.leaves() + self.b.leaves()

    def _items(self):
        if self.op == "+":
            d = dict(self.a._items())
            for k, v in self.b._items().items():
                d[k] = d.get(k, 0) + v
            return d
        if self.op == "*":
            if isinstance(self.a, _Const):
                return {k: v * self.a.value for k, v in self.b._items().items()}
            if isinstance(self.b, _Const):
                return {k: v * self.b.value for k, v in self.a._items().items()}
        return _Arith._items(self)

    def __repr__(self):
        return "(%r %s %r)" % (self.a, self.op, self.b)


class _Neg(_Arith):
    def __init__(self, a):
        self.a = a

    def src(self, ref):
        return "(-%s)" % self.a.src(ref)

    def leaves(self):
        return self.a.leaves()

    def __repr__(self):
        return "-%r" % (self.a,)


class _Func(_Arith):
    def __init__(self, name, args):
        self.name, self.args = name, args

    def src(self, ref):
        return "%s(%s)" % (_FUNCS[self.name], ", ".join(a.src(ref) for a in self.args))

    def leaves(self):
        return [x for a in self.args for x in a.leaves()]

    def __repr__(self):
        return "%s(%s)" % (self.name, ", ".join(map(repr, self.args)))


class _Leaf(_Arith):
    """A species, species on a region, state or parameter in an expression."""

    def __init__(self, obj):
        self.obj = obj

    def src(self, ref):
        return ref(self.obj)

    def leaves(self):
        return [self.obj]

    def _items(self):
        return {self.obj: 1}

    def __repr__(self):
        return repr(self.obj)


class _Reaction:
    """A reaction scheme lhs > rhs, lhs < rhs or lhs <> rhs (written lhs != rhs)."""

    def __init__(self, lhs, rhs, direction):
        self._lhs, self._rhs, self._dir = lhs, rhs, direction

    def __repr__(self):
        return "%r %s %r" % (self._lhs, self._dir, self._rhs)


def _func(name, pyname, nargs=1):
    _FUNCS[name] = pyname

    def f(*args):
        if len(args) != nargs:
            raise RxDExpressionError("rxdmath.%s takes %d argument(s), got %d" % (name, nargs, len(args)))
        ws = [_wrap(a) if not isinstance(a, _Arith) else a for a in args]
        if all(isinstance(w, _Const) for w in ws):
            return getattr(math, pyname.split(".")[-1])(*[w.value for w in ws])
        return _Func(name, ws)
    f.__name__ = name
    f.__doc__ = "%s of an rxd expression" % name
    return f


for _n in ("exp", "log", "log10", "sqrt", "sin", "cos", "tan", "tanh", "sinh", "cosh",
           "asin", "acos", "atan", "fabs", "ceil", "floor", "log1p", "expm1", "erf", "erfc"):
    globals()[_n] = _func(_n, "math." + _n)
atan2 = _func("atan2", "math.atan2", 2)
pow = _func("pow", "math.pow", 2)      # noqa: A001 (NEURON's rxdmath.pow)
fmod = _func("fmod", "math.fmod", 2)


def vtrap(x, y):
    """x / (exp(x / y) - 1), NEURON's vtrap."""
    return _wrap(x) / (exp(_wrap(x) / _wrap(y)) - 1.0)     # noqa: F821 (defined above)
