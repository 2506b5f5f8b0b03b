"""NEURON's ``Vector``: a growable array of doubles with the HOC method set.

Storage is a numpy float64 buffer with spare capacity (doubling on growth)
plus a logical size, so ``append`` is amortised O(1).  ``as_numpy()`` is a
zero-copy view of the first ``size`` elements; it stays valid until the
buffer has to grow (``append``/``resize``/``insrt`` past ``buffer_size()``),
exactly as in NEURON.

Conventions (checked against NEURON 9.0.2):

* in-place methods return the Vector itself;
* ``size``, ``buffer_size``, ``max_ind``, ``min_ind``, ``indwhere`` return
  ``int``; ``contains`` and ``same`` return ``bool``; ``eq`` and the other
  scalar results return ``float``;
* comparisons in ``eq``/``contains``/``where``/``indwhere``/``indvwhere``
  use NEURON's absolute tolerance of 1e-11;
* errors NEURON reports as HOC errors raise :class:`VectorError` (a
  ``RuntimeError``, as NEURON raises) or one of its subclasses, which are
  also ``IndexError``/``ValueError``; wrong argument types raise
  ``TypeError``.

Recording: ``record`` checks its reference (a model pointer such as
``seg._ref_v``; anything else is a TypeError), stores its arguments
(``self._record``) and registers the vector in the weak, ordered ``RECORDING``
collection that the engine reads (``recording_vectors()``).  ``play`` checks its
arguments the same way, stores them (``self._play``) and registers the vector in
``PLAYING`` (``playing_vectors()``, ``play_version()``), from which the engine
builds its play table (engine/play.py).  ``_extend(array)`` and ``_clear()`` are
the engine's fast paths.
"""
import math
import numbers
import operator
import sys
import weakref

import numpy as np

from ..core.errors import RanvierError
from ..core.hocobject import HocObject

__all__ = [
    "Vector", "VectorError", "VectorIndexError", "VectorValueError",
    "RECORDING", "PLAYING", "recording_vectors", "playing_vectors",
    "FUNCTION_RESOLVER",
]

#: NEURON's tolerance for equality tests in Vector methods.
EPSILON = 1e-11

#: Hook used by ``apply``/``reduce`` for function names that are not math
#: builtins: ``FUNCTION_RESOLVER(name)`` returns a callable of one float or
#: None.  The HOC interpreter sets this.
FUNCTION_RESOLVER = None


def _as_index(i):
    """A non-int index as an int (numpy integers, objects with __index__), else TypeError."""
    try:
        return operator.index(i)
    except TypeError:
        raise TypeError("Vector indices must be integers or slices, not %s"
                        % type(i).__name__) from None


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------
class VectorError(RanvierError, RuntimeError):
    """A Vector operation NEURON would reject with a HOC error."""


class VectorIndexError(VectorError, IndexError):
    """An index or index range argument out of bounds."""


class VectorValueError(VectorError, ValueError):
    """A bad value: size mismatch, empty vector, invalid operator, ..."""


# --------------------------------------------------------------------------
# weak ordered collections of recording / playing vectors
# --------------------------------------------------------------------------
class WeakOrderedSet:
    """Insertion-ordered set holding its members weakly."""

    def __init__(self):
        self._d = weakref.WeakValueDictionary()

    def add(self, obj):
        """Add ``obj`` (moved to the end if already present)."""
        key = id(obj)
        self._d.pop(key, None)
        self._d[key] = obj

    def discard(self, obj):
        """Remove ``obj`` if present."""
        if self._d.get(id(obj)) is obj:
            del self._d[id(obj)]

    def clear(self):
        self._d.clear()

    def __contains__(self, obj):
        return self._d.get(id(obj)) is obj

    def __iter__(self):
        return iter(list(self._d.values()))

    def __len__(self):
        return len(self._d)


RECORDING = WeakOrderedSet()
PLAYING = WeakOrderedSet()


def recording_vectors():
    """The live Vectors with an active ``record``, in registration order."""
    return [v for v in RECORDING if v._record is not None]


_PLAY_VERSION = [0]      # bumped by play() and play_remove(): the engine rebuilds its play table


def play_version():
    """A number that changes whenever a Vector starts or stops playing."""
    return _PLAY_VERSION[0]


def playing_vectors():
    """The live Vectors with an active ``play``, in registration order."""
    return [v for v in PLAYING if v._play is not None]


def reset():
    """ranvier.reset(): every Vector stops recording and playing (as after
    ``play_remove()``); its data stays."""
    for v in RECORDING:
        v._record = None
    for v in PLAYING:
        v._play = None
    RECORDING.clear()
    PLAYING.clear()


# --------------------------------------------------------------------------
# argument helpers
# --------------------------------------------------------------------------
def _real(x, ctx):
    """``x`` as a Python float, or TypeError naming ``ctx``."""
    t = type(x)
    if t is float:
        return x
    if t is int:
        return float(x)
    if isinstance(x, numbers.Real):
        return float(x)
    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf":
        return float(x)
    raise TypeError("%s: expected a number, got %s" % (ctx, type(x).__name__))


def _intarg(x, ctx):
    """An integer HOC argument: numbers are truncated toward zero."""
    if type(x) is int:
        return x
    if isinstance(x, numbers.Integral):
        return int(x)
    if isinstance(x, numbers.Real) or (
            isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf"):
        f = float(x)
        if not math.isfinite(f):
            raise VectorValueError("%s: %r is not a valid integer argument" % (ctx, f))
        return int(f)
    raise TypeError("%s: expected a number, got %s" % (ctx, type(x).__name__))


def _str(x, ctx):
    if not isinstance(x, str):
        raise TypeError("%s: expected a string, got %s" % (ctx, type(x).__name__))
    return x


def _to_array(data, ctx):
    """A 1-D float64 array (possibly sharing memory) from numbers in ``data``."""
    if isinstance(data, Vector):
        return data._buf[:data._n]
    if isinstance(data, (str, bytes, bytearray)):
        raise TypeError("%s: expected a sequence of numbers, got %s"
                        % (ctx, type(data).__name__))
    if isinstance(data, np.ndarray):
        arr = data
    else:
        if not isinstance(data, (list, tuple)):
            if hasattr(data, "__array__") or hasattr(data, "__array_interface__"):
                arr = np.asarray(data)
                return _check_array(arr, ctx)
            try:
                data = list(data)
            except TypeError:
                raise TypeError("%s: expected a number or a sequence of numbers, got %s"
                                % (ctx, type(data).__name__)) from None
        try:
            arr = np.array(data)
        except (ValueError, TypeError):
            arr = np.array(data, dtype=object)
    return _check_array(arr, ctx)


def _check_array(arr, ctx):
    if arr.ndim != 1:
        if arr.ndim == 0:
            raise TypeError("%s: expected a sequence of numbers, got a 0-d array" % ctx)
        raise TypeError("%s: expected a 1-D sequence, got a %d-D array" % (ctx, arr.ndim))
    kind = arr.dtype.kind
    if kind == "f" and arr.dtype == np.float64:
        return arr
    if kind in "biuf":
        return arr.astype(np.float64)
    # mixed / object / strings: check each item, to name the bad one
    out = np.empty(arr.shape[0], dtype=np.float64)
    for i, item in enumerate(arr.tolist()):
        if isinstance(item, numbers.Real):
            out[i] = float(item)
        else:
            raise TypeError("%s: item %d (%r) is not a number" % (ctx, i, item))
    return out


def _safe_set(dest_buf, src):
    """Return ``src`` detached from ``dest_buf`` if they might overlap."""
    if isinstance(src, np.ndarray) and np.may_share_memory(dest_buf, src):
        return src.copy()
    return src


_OPS = ("==", "!=", ">", "<", ">=", "<=", "[]", "[)", "(]", "()")


def _mask(a, op, x, y, ctx):
    """Boolean mask of ``a op x [y]`` with NEURON's tolerance."""
    op = _str(op, ctx)
    if op not in _OPS:
        raise VectorValueError("%s: invalid comparator %r (use one of %s)"
                               % (ctx, op, ", ".join(_OPS)))
    x = _real(x, ctx)
    if op[0] in "[(":
        if y is None:
            raise TypeError("%s: comparator %r needs two values" % (ctx, op))
        y = _real(y, ctx)
        lo = a >= x - EPSILON if op[0] == "[" else a > x + EPSILON
        hi = a <= y + EPSILON if op[1] == "]" else a < y - EPSILON
        return lo & hi
    if y is not None:
        raise TypeError("%s: comparator %r takes one value" % (ctx, op))
    if op == "==":
        return np.abs(a - x) <= EPSILON
    if op == "!=":
        return np.abs(a - x) > EPSILON
    if op == ">":
        return a > x + EPSILON
    if op == "<":
        return a < x - EPSILON
    if op == ">=":
        return a >= x - EPSILON
    return a <= x + EPSILON


def _erf(a):
    return np.array([math.erf(x) for x in a.tolist()], dtype=np.float64)


def _erfc(a):
    return np.array([math.erfc(x) for x in a.tolist()], dtype=np.float64)


# HOC's built-in one-argument math functions, vectorised.
_BUILTIN_FUNCS = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "atan": np.arctan,
    "asin": np.arcsin, "acos": np.arccos, "sinh": np.sinh, "cosh": np.cosh,
    "tanh": np.tanh, "exp": np.exp, "log": np.log, "log10": np.log10,
    "sqrt": np.sqrt, "abs": np.abs, "fabs": np.abs, "int": np.trunc,
    "floor": np.floor, "ceil": np.ceil, "erf": _erf, "erfc": _erfc,
}


class _XProxy:
    """``vec.x``: NEURON's indexable view of the elements (non-negative ints)."""

    __slots__ = ("_v",)

    def __init__(self, vec):
        self._v = vec

    def _index(self, i):
        v = self._v
        if type(i) is not int:
            if isinstance(i, slice):
                raise TypeError("%s.x: index must be an integer, not a slice" % v.hname())
            try:
                i = operator.index(i)
            except TypeError:
                raise TypeError("%s.x: index must be an integer, not %s"
                                % (v.hname(), type(i).__name__)) from None
        if not 0 <= i < v._n:
            raise IndexError("%s.x[%d]: index out of range (size %d)" % (v.hname(), i, v._n))
        return i

    def __getitem__(self, i):
        return self._v._buf.item(self._index(i))

    def __setitem__(self, i, value):
        self._v._buf[self._index(i)] = _real(value, "%s.x[]" % self._v.hname())

    def __len__(self):
        return self._v._n

    def __iter__(self):
        return iter(self._v)

    def __repr__(self):
        return "%s.x[?]" % self._v.hname()


class _XRefs(_XProxy):
    """``vec._ref_x``: ``vec._ref_x[i]`` is a pointer to element i."""

    __slots__ = ()

    def __getitem__(self, i):
        return _XRef(self._v, self._index(i))

    def __setitem__(self, i, value):
        raise TypeError("%s._ref_x[%d]: a pointer cannot be assigned; use %s.x[%d] = value"
                        % (self._v.hname(), i, self._v.hname(), i))

    def __repr__(self):
        return "%s._ref_x[?]" % self._v.hname()


class _XRef:
    """A pointer to element i of a Vector (by index: valid while the Vector is that long)."""

    __slots__ = ("_v", "_i")

    def __init__(self, vec, i):
        self._v = vec
        self._i = i

    def __getitem__(self, k):
        if k != 0:
            raise IndexError("a pointer has only element 0")
        return _XProxy(self._v)[self._i]

    def __setitem__(self, k, value):
        if k != 0:
            raise IndexError("a pointer has only element 0")
        _XProxy(self._v)[self._i] = value

    @property
    def label(self):
        return "%s.x[%d]" % (self._v.hname(), self._i)

    def __repr__(self):
        return "<pointer to %s>" % self.label


# --------------------------------------------------------------------------
# Vector
# --------------------------------------------------------------------------
class Vector(HocObject):
    """NEURON's ``Vector``.

    ``Vector()``, ``Vector(n)``, ``Vector(n, fill)``, ``Vector(seq)`` where
    ``seq`` is a numpy array, a list/tuple, another Vector or any iterable
    of numbers (always copied).
    """

    _hoc_name = "Vector"
    __slots__ = ("_buf", "_n", "_label", "_record", "_play", "_hoc_index",
                 "__weakref__", "__dict__")

    def __init__(self, arg=None, fill=0.0):
        self._label = ""
        self._record = None
        self._play = None
        if arg is None:
            self._buf = np.empty(0)
            self._n = 0
        elif isinstance(arg, numbers.Real) and not isinstance(arg, np.ndarray):
            n = _intarg(arg, "Vector(n)")
            if n < 0:
                raise VectorValueError("Vector(n): size must be >= 0, got %d" % n)
            f = _real(fill, "Vector(n, fill)")
            self._buf = np.full(n, f) if f != 0.0 else np.zeros(n)
            self._n = n
        else:
            a = _to_array(arg, "Vector()")
            self._buf = np.array(a, dtype=np.float64, copy=True)
            self._n = self._buf.shape[0]
        self._hoc_register()

    @classmethod
    def _wrap(cls, arr):
        """A new Vector that takes ownership of float64 1-D ``arr`` (no copy)."""
        v = cls.__new__(cls)
        v._label = ""
        v._record = None
        v._play = None
        v._buf = arr
        v._n = arr.shape[0]
        v._hoc_register()
        return v

    @classmethod
    def _from_array(cls, arr):
        """A new Vector holding a copy of ``arr``."""
        return cls._wrap(np.array(arr, dtype=np.float64, copy=True).reshape(-1))

    # ---------------------------------------------------------- storage ---
    def _arr(self):
        return self._buf[:self._n]

    def _reserve(self, need):
        """Make capacity >= need (doubling); returns the buffer."""
        buf = self._buf
        cap = buf.shape[0]
        if need > cap:
            new = np.empty(max(need, 2 * cap))
            new[:self._n] = buf[:self._n]
            self._buf = buf = new
        return buf

    def _set_size(self, n):
        """Resize to n, zero-filling new elements."""
        old = self._n
        buf = self._reserve(n)
        if n > old:
            buf[old:n] = 0.0
        self._n = n

    def _assign(self, arr):
        """Replace the contents with ``arr`` (copied)."""
        arr = _safe_set(self._buf, arr)
        n = arr.shape[0]
        buf = self._reserve(n)
        buf[:n] = arr
        self._n = n
        return self

    def _extend(self, arr):
        """Append the values of a 1-D array at memory speed (engine fast path)."""
        arr = np.asarray(arr, dtype=np.float64).reshape(-1)
        arr = _safe_set(self._buf, arr)
        k = arr.shape[0]
        n = self._n
        buf = self._reserve(n + k)
        buf[n:n + k] = arr
        self._n = n + k
        return self

    def _clear(self):
        """Set the size to 0 keeping the capacity (engine fast path)."""
        self._n = 0

    def _name(self, meth):
        return "%s.%s()" % (self.hname(), meth)

    def _range(self, meth, start, end, allow_empty=False):
        """Validated inclusive [start, end] -> python slice bounds."""
        n = self._n
        if start is None and end is None:
            return 0, n
        if start is None or end is None:
            raise TypeError("%s: give both start and end (or neither)" % self._name(meth))
        s = _intarg(start, self._name(meth))
        e = _intarg(end, self._name(meth))
        if not (0 <= s <= e < n):
            raise VectorIndexError("%s: range [%d, %d] out of bounds for size %d"
                                   % (self._name(meth), s, e, n))
        return s, e + 1

    def _other(self, x, meth):
        """A Vector argument's array (TypeError otherwise)."""
        if isinstance(x, Vector):
            return x._arr()
        raise TypeError("%s: expected a Vector, got %s" % (self._name(meth), type(x).__name__))

    def _operand(self, x, meth, opname):
        """Scalar or same-size array for add/sub/mul/div."""
        if isinstance(x, numbers.Real):
            return float(x)
        if isinstance(x, Vector):
            arr = x._arr()
        elif isinstance(x, np.ndarray):
            arr = _check_array(x, self._name(meth))
        else:
            raise TypeError("%s: expected a number or a Vector, got %s"
                            % (self._name(meth), type(x).__name__))
        if arr.shape[0] != self._n:
            raise VectorValueError("%s: Vector argument to .%s() has size %d, expected %d"
                                   % (self._name(meth), opname, arr.shape[0], self._n))
        return arr

    # --------------------------------------------------- python protocol ---
    def __len__(self):
        return self._n

    def __iter__(self):
        return iter(self._buf[:self._n].tolist())

    def __contains__(self, x):
        try:
            x = float(x)
        except (TypeError, ValueError):
            return False
        return bool(np.any(self._buf[:self._n] == x))

    def __getitem__(self, i):
        n = self._n
        if type(i) is not int:
            if isinstance(i, slice):
                return Vector._wrap(self._buf[:n][i].copy())
            i = _as_index(i)
        if i < 0:
            i += n
        if 0 <= i < n:
            return self._buf.item(i)
        raise IndexError("%s: index out of range (size %d)" % (self.hname(), n))

    def __setitem__(self, i, value):
        n = self._n
        if type(i) is not int:
            if isinstance(i, slice):
                if isinstance(value, numbers.Real):
                    raise TypeError("%s: can only assign an iterable to a slice" % self.hname())
                vals = _to_array(value, "%s[slice]" % self.hname())
                view = self._buf[:n][i]
                if vals.shape[0] != view.shape[0]:
                    raise ValueError("%s: cannot assign %d values to a slice of length %d"
                                     % (self.hname(), vals.shape[0], view.shape[0]))
                self._buf[:n][i] = vals
                return
            i = _as_index(i)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("%s: index out of range (size %d)" % (self.hname(), n))
        if type(value) is float:
            self._buf[i] = value
        else:
            self._buf[i] = _real(value, "%s[%d] =" % (self.hname(), i))

    @property
    def x(self):
        """Indexable element access ``v.x[i]`` (get and set)."""
        return _XProxy(self)

    @property
    def _ref_x(self):
        """``v._ref_x[i]``: a pointer to element i (``p[0]`` reads and writes it), as
        PtrVector.pset takes (library/ptrvector.py)."""
        return _XRefs(self)

    def __array__(self, dtype=None, copy=None):
        # numpy.array(v) copies; numpy.asarray(v) shares memory, as in NEURON.
        a = self._buf[:self._n]
        if dtype is not None and np.dtype(dtype) != a.dtype:
            if copy is False:
                raise ValueError("Vector: cannot convert to %s without a copy" % dtype)
            return a.astype(dtype)
        if copy:
            return a.copy()
        return a

    def __reduce__(self):
        return (Vector, (self._arr().copy(),))

    # arithmetic: new Vectors (NEURON has no in-place operators: v += 1
    # rebinds v to a new Vector).
    def _binop(self, other, fn, opname, reflected=False):
        if isinstance(other, numbers.Real):
            o = float(other)
        elif isinstance(other, Vector):
            o = other._arr()
            if o.shape[0] != self._n:
                raise VectorValueError("Vector argument to .%s() wrong size (%d, expected %d)"
                                       % (opname, o.shape[0], self._n))
        else:
            return NotImplemented
        a = self._arr()
        with np.errstate(divide="ignore", invalid="ignore"):
            r = fn(o, a) if reflected else fn(a, o)
        return Vector._wrap(np.ascontiguousarray(r, dtype=np.float64))

    def __add__(self, o):
        return self._binop(o, np.add, "add")

    def __radd__(self, o):
        return self._binop(o, np.add, "add", True)

    def __sub__(self, o):
        return self._binop(o, np.subtract, "sub")

    def __rsub__(self, o):
        return self._binop(o, np.subtract, "sub", True)

    def __mul__(self, o):
        return self._binop(o, np.multiply, "mul")

    def __rmul__(self, o):
        return self._binop(o, np.multiply, "mul", True)

    def __truediv__(self, o):
        if isinstance(o, numbers.Real) and float(o) == 0.0:
            raise ZeroDivisionError("%s / 0: Vector division by zero" % self.hname())
        return self._binop(o, np.divide, "div")

    def __rtruediv__(self, o):
        return self._binop(o, np.divide, "div", True)

    def __neg__(self):
        return Vector._wrap(-self._arr())

    def __pos__(self):
        return Vector._wrap(self._arr().copy())

    def __abs__(self):
        return Vector._wrap(np.abs(self._arr()))

    # ------------------------------------------------- size and storage ---
    def size(self):
        """Number of elements (int)."""
        return self._n

    def resize(self, n):
        """Set the size to ``n``; new elements are 0.  Returns self."""
        n = _intarg(n, self._name("resize"))
        if n < 0:
            raise VectorValueError("%s: size must be >= 0, got %d" % (self._name("resize"), n))
        old, buf = self._n, self._buf
        if n > buf.shape[0]:
            new = np.empty(n)
            new[:old] = buf[:old]
            self._buf = buf = new
        if n > old:
            buf[old:n] = 0.0
        self._n = n
        return self

    def buffer_size(self, n=None):
        """Allocated capacity (int); ``buffer_size(n)`` sets it (n >= size)."""
        if n is not None:
            n = _intarg(n, self._name("buffer_size"))
            if n < self._n:
                raise VectorIndexError("%s: capacity %d is smaller than the size %d"
                                       % (self._name("buffer_size"), n, self._n))
            if n != self._buf.shape[0]:
                new = np.empty(n)
                new[:self._n] = self._buf[:self._n]
                self._buf = new
        return self._buf.shape[0]

    def clear(self):
        """Set the size to 0.  Returns self."""
        self._n = 0
        return self

    def as_numpy(self):
        """Zero-copy numpy view of the elements (valid until the buffer grows)."""
        return self._buf[:self._n]

    # ----------------------------------------------- drawing on a Graph ---
    def _abscissae(self, x, what):
        if x is None:
            return np.arange(self._n, dtype=float)
        if isinstance(x, Vector):
            return x.as_numpy()
        return np.arange(self._n, dtype=float) * float(x)     # a dx

    def line(self, g, x=None, color=None, brush=None):
        """line(graph[, xvec | dx][, color, brush]): draw the elements on `graph` as a
        polyline (against xvec, or index times dx).  Returns self."""
        xs = self._abscissae(x, "line")
        args = [] if color is None else [color] + ([] if brush is None else [brush])
        g.beginline(*args)
        for k in range(min(self._n, xs.shape[0])):
            g.line(float(xs[k]), float(self._buf[k]))
        g.flush()
        return self

    plot = line         # headless a live plot draws what a line draws

    def mark(self, g, x=None, style="+", size=12, color=1, brush=1):
        """mark(graph, xvec | dx[, "style", size, color, brush]): a marker per element."""
        xs = self._abscissae(x, "mark")
        for k in range(min(self._n, xs.shape[0])):
            g.mark(float(xs[k]), float(self._buf[k]), style, size, color, brush)
        g.flush()
        return self

    # -------------------------------------------------------- elements ---
    def get(self, i):
        """Element ``i`` (float)."""
        i = _intarg(i, self._name("get"))
        if not 0 <= i < self._n:
            raise VectorIndexError("%s: index %d out of range (size %d)"
                                   % (self._name("get"), i, self._n))
        return self._buf.item(i)

    def set(self, i, value):
        """Set element ``i`` to ``value``.  Returns self."""
        i = _intarg(i, self._name("set"))
        if not 0 <= i < self._n:
            raise VectorIndexError("%s: index %d out of range (size %d)"
                                   % (self._name("set"), i, self._n))
        self._buf[i] = _real(value, self._name("set"))
        return self

    def append(self, *args):
        """Append numbers and/or the elements of Vectors.  Returns self."""
        for a in args:
            if type(a) is float or type(a) is int or isinstance(a, float):
                n = self._n
                buf = self._buf
                if n == buf.shape[0]:
                    buf = self._reserve(n + 1)
                buf[n] = a
                self._n = n + 1
            elif isinstance(a, Vector):
                self._extend(a._arr())
            elif isinstance(a, numbers.Real):
                n = self._n
                self._reserve(n + 1)[n] = float(a)
                self._n = n + 1
            elif isinstance(a, np.ndarray):
                self._extend(_check_array(a, self._name("append")))
            else:
                raise TypeError("%s: expected numbers or Vectors, got %s"
                                % (self._name("append"), type(a).__name__))
        return self

    def insrt(self, index, *args):
        """Insert numbers and/or Vectors before element ``index``.  Returns self."""
        i = _intarg(index, self._name("insrt"))
        n = self._n
        if not 0 <= i <= n:
            raise VectorIndexError("%s: index %d out of range (size %d)"
                                   % (self._name("insrt"), i, n))
        parts = []
        for a in args:
            if isinstance(a, Vector):
                parts.append(a._arr().copy())
            elif isinstance(a, numbers.Real):
                parts.append(np.array([float(a)]))
            else:
                raise TypeError("%s: expected numbers or Vectors, got %s"
                                % (self._name("insrt"), type(a).__name__))
        if not parts:
            return self
        ins = np.concatenate(parts)
        k = ins.shape[0]
        buf = self._reserve(n + k)
        buf[i + k:n + k] = buf[i:n].copy()
        buf[i:i + k] = ins
        self._n = n + k
        return self

    def remove(self, start, end=None):
        """Remove element ``start`` or the inclusive range ``start..end``.  Returns self."""
        n = self._n
        s = _intarg(start, self._name("remove"))
        e = s if end is None else _intarg(end, self._name("remove"))
        if not (0 <= s <= e < n):
            raise VectorIndexError("%s: range [%d, %d] out of bounds for size %d"
                                   % (self._name("remove"), s, e, n))
        k = e - s + 1
        buf = self._buf
        buf[s:n - k] = buf[e + 1:n].copy()
        self._n = n - k
        return self

    def fill(self, value, start=None, end=None):
        """Set all elements (or the inclusive range start..end) to ``value``.  Returns self."""
        value = _real(value, self._name("fill"))
        s, e = self._range("fill", start, end)
        self._buf[s:e] = value
        return self

    def indgen(self, *args):
        """Fill with an arithmetic sequence; returns self.

        ``indgen()`` 0,1,2..; ``indgen(step)``; ``indgen(start, step)`` keep
        the size; ``indgen(start, stop, step)`` resizes to cover start..stop.
        """
        ctx = self._name("indgen")
        vals = [_real(a, ctx) for a in args]
        if len(vals) > 3:
            raise TypeError("%s: takes at most 3 arguments (%d given)" % (ctx, len(vals)))
        if len(vals) == 3:
            start, stop, step = vals
            if step == 0.0:
                raise VectorValueError("%s: step must not be 0" % ctx)
            q = (stop - start) / step
            if q < 0:
                raise VectorValueError("%s: empty set (start %g, stop %g, step %g)"
                                       % (ctx, start, stop, step))
            n = int(math.floor(q + 1e-9)) + 1
            if n < 2:
                raise VectorIndexError("%s: start and stop must differ by at least one step"
                                       % ctx)
            self._set_size(n)
        elif len(vals) == 2:
            start, step = vals
        elif len(vals) == 1:
            start, step = 0.0, vals[0]
        else:
            start, step = 0.0, 1.0
        n = self._n
        self._buf[:n] = start + np.arange(n, dtype=np.float64) * step
        return self

    # ---------------------------------------------------------- copies ---
    def c(self, start=None, end=None):
        """A new Vector copy (of the inclusive range start..end, end defaulting
        to the last element); the label is not copied."""
        if start is not None and end is None:
            end = self._n - 1
        s, e = self._range("c", start, end)
        return Vector._wrap(self._buf[s:e].copy())

    def cl(self, start=None, end=None):
        """Like ``c()`` but also copies the label."""
        v = self.c(start, end)
        v._label = self._label
        return v

    def at(self, start=0, end=None):
        """A new Vector of elements start..end (inclusive; end defaults to the last)."""
        if end is None:
            end = self._n - 1
        s, e = self._range("at", start, end)
        return Vector._wrap(self._buf[s:e].copy())

    def copy(self, src, *args):
        """Copy (part of) ``src`` into this Vector; returns self.

        Forms: ``copy(src)``, ``copy(src, dest_start)``,
        ``copy(src, src_start, src_end)``,
        ``copy(src, dest_start, src_start, src_end)``,
        ``copy(src, dest_start, src_start, src_end, dest_inc, src_inc)``,
        ``copy(src, index_vec)``, ``copy(src, src_index_vec, dest_index_vec)``.
        Ends are inclusive; ``src_end == -1`` means the last element.
        """
        ctx = self._name("copy")
        a = self._other(src, "copy")
        if self._buf is src._buf:
            a = a.copy()
        ns = a.shape[0]
        if len(args) == 0:
            return self._assign(a)
        if isinstance(args[0], Vector):
            if len(args) > 2:
                raise TypeError("%s: too many arguments for the index-vector form" % ctx)
            sidx = args[0]._arr().astype(np.int64)
            didx = sidx if len(args) == 1 else self._other(args[1], "copy").astype(np.int64)
            k = min(sidx.shape[0], didx.shape[0])
            sidx, didx = sidx[:k], didx[:k]
            ok = (sidx >= 0) & (sidx < ns) & (didx >= 0) & (didx < self._n)
            self._buf[didx[ok]] = a[sidx[ok]]
            return self
        nums = [_intarg(x, ctx) for x in args]
        dinc = sinc = 1
        if len(nums) == 1:
            dstart, sstart, send = nums[0], 0, ns - 1
        elif len(nums) == 2:
            dstart, (sstart, send) = 0, nums
        elif len(nums) == 3:
            dstart, sstart, send = nums
        elif len(nums) == 5:
            dstart, sstart, send, dinc, sinc = nums
        else:
            raise TypeError("%s: wrong number of arguments (%d)" % (ctx, len(args) + 1))
        if send == -1:
            send = ns - 1
        if dinc < 1 or sinc < 1:
            raise VectorValueError("%s: increments must be >= 1" % ctx)
        if dstart < 0 or not (0 <= sstart and send < ns) or (send < sstart and ns > 0):
            raise VectorIndexError("%s: source range [%d, %d] / destination start %d "
                                   "out of bounds (source size %d)"
                                   % (ctx, sstart, send, dstart, ns))
        part = a[sstart:send + 1:sinc]
        k = part.shape[0]
        need = dstart + (k - 1) * dinc + 1 if k else dstart
        if need > self._n:
            self._set_size(need)
        self._buf[dstart:dstart + (k - 1) * dinc + 1:dinc] = part
        return self

    def from_python(self, seq):
        """Replace the contents with the numbers in ``seq``.  Returns self."""
        return self._assign(_to_array(seq, self._name("from_python")))

    def to_python(self, dest=None):
        """The elements as a list of floats (or filled into ``dest``, returned)."""
        if dest is None:
            return self._arr().tolist()
        n = self._n
        if len(dest) != n:
            raise VectorValueError("%s: destination has size %d, Vector has %d"
                                   % (self._name("to_python"), len(dest), n))
        if isinstance(dest, np.ndarray):
            dest[:] = self._arr()
        elif isinstance(dest, list):
            dest[:] = self._arr().tolist()
        else:
            vals = self._arr().tolist()
            for i in range(n):
                dest[i] = vals[i]
        return dest

    def label(self, s=None):
        """The label string; ``label(s)`` sets it."""
        if s is not None:
            self._label = _str(s, self._name("label"))
        return self._label

    # ------------------------------------------------------ arithmetic ---
    def add(self, x):
        """Add a number or a same-size Vector, in place.  Returns self."""
        o = self._operand(x, "add", "add")
        a = self._arr()
        a += o
        return self

    def sub(self, x):
        """Subtract a number or a same-size Vector, in place.  Returns self."""
        o = self._operand(x, "sub", "sub")
        a = self._arr()
        a -= o
        return self

    def mul(self, x):
        """Multiply by a number or a same-size Vector, in place.  Returns self."""
        o = self._operand(x, "mul", "mult")
        a = self._arr()
        a *= o
        return self

    def div(self, x):
        """Divide by a number or a same-size Vector, in place.  Returns self."""
        o = self._operand(x, "div", "div")
        if isinstance(o, float) and o == 0.0:
            raise VectorValueError("%s: division by zero" % self._name("div"))
        a = self._arr()
        with np.errstate(divide="ignore", invalid="ignore"):
            a /= o
        return self

    def scale(self, low, high):
        """Linearly map [min, max] onto [low, high] in place; returns the factor."""
        low = _real(low, self._name("scale"))
        high = _real(high, self._name("scale"))
        a = self._arr()
        if self._n == 0:
            return 0.0
        mn, mx = float(a.min()), float(a.max())
        f = (high - low) / (mx - mn) if mx != mn else 0.0
        a -= mn
        a *= f
        a += low
        return f

    def _unary(self, fn, meth):
        a = self._arr()
        with np.errstate(divide="ignore", invalid="ignore"):
            a[:] = fn(a)
        return self

    def abs(self):
        """Absolute values in place.  Returns self."""
        return self._unary(np.abs, "abs")

    def floor(self):
        """Round down in place.  Returns self."""
        return self._unary(np.floor, "floor")

    def sqrt(self):
        """Square roots in place (negative elements are an error).  Returns self."""
        if self._n and float(self._arr().min()) < 0.0:
            raise VectorValueError("%s: sqrt argument out of domain" % self._name("sqrt"))
        return self._unary(np.sqrt, "sqrt")

    def log(self):
        """Natural log in place.  Returns self."""
        return self._unary(np.log, "log")

    def log10(self):
        """Base-10 log in place.  Returns self."""
        return self._unary(np.log10, "log10")

    def tanh(self):
        """Hyperbolic tangent in place.  Returns self."""
        return self._unary(np.tanh, "tanh")

    def pow(self, p):
        """Raise each element to the power ``p`` in place.  Returns self."""
        p = _real(p, self._name("pow"))
        return self._unary(lambda a: np.power(a, p), "pow")

    def _resolve(self, fname, meth):
        if callable(fname):
            return fname, False
        fname = _str(fname, self._name(meth))
        f = _BUILTIN_FUNCS.get(fname)
        if f is not None:
            return f, True
        if FUNCTION_RESOLVER is not None:
            g = FUNCTION_RESOLVER(fname)
            if g is not None:
                return g, False
        raise VectorValueError("%s: function %r is undefined" % (self._name(meth), fname))

    def apply(self, fname, start=None, end=None):
        """Replace elements (start..end) by ``fname(x)`` (a HOC function name).  Returns self."""
        f, vectorised = self._resolve(fname, "apply")
        s, e = self._range("apply", start, end)
        seg = self._buf[s:e]
        with np.errstate(divide="ignore", invalid="ignore"):
            if vectorised:
                seg[:] = f(seg)
            else:
                seg[:] = [float(f(x)) for x in seg.tolist()]
        return self

    def reduce(self, fname, base=0.0, start=None, end=None):
        """``base + sum(fname(x))`` over elements (start..end)."""
        f, vectorised = self._resolve(fname, "reduce")
        base = _real(base, self._name("reduce"))
        s, e = self._range("reduce", start, end)
        seg = self._buf[s:e]
        with np.errstate(divide="ignore", invalid="ignore"):
            if vectorised:
                return base + float(np.sum(f(seg)))
            return base + sum(float(f(x)) for x in seg.tolist())

    # ------------------------------------------------------ statistics ---
    def sum(self, start=None, end=None):
        """Sum of the elements (start..end inclusive)."""
        s, e = self._range("sum", start, end)
        return float(np.sum(self._buf[s:e]))

    def sumsq(self, start=None, end=None):
        """Sum of squares."""
        s, e = self._range("sumsq", start, end)
        a = self._buf[s:e]
        return float(np.dot(a, a))

    def mag(self):
        """Euclidean norm (sqrt of sumsq)."""
        a = self._arr()
        return math.sqrt(float(np.dot(a, a)))

    def mean(self, start=None, end=None):
        """Arithmetic mean (start..end inclusive)."""
        s, e = self._range("mean", start, end)
        if e - s < 1:
            raise VectorValueError("%s: Vector must have size > 0" % self._name("mean"))
        return float(np.mean(self._buf[s:e]))

    def var(self, start=None, end=None):
        """Sample variance (divides by n - 1)."""
        s, e = self._range("var", start, end)
        if e - s < 2:
            raise VectorValueError("%s: Vector must have size > 1" % self._name("var"))
        return float(np.var(self._buf[s:e], ddof=1))

    def stdev(self, start=None, end=None):
        """Sample standard deviation (n - 1)."""
        s, e = self._range("stdev", start, end)
        if e - s < 2:
            raise VectorValueError("%s: Vector must have size > 1" % self._name("stdev"))
        return math.sqrt(float(np.var(self._buf[s:e], ddof=1)))

    def stderr(self, start=None, end=None):
        """Standard error of the mean: stdev / sqrt(n)."""
        s, e = self._range("stderr", start, end)
        if e - s < 2:
            raise VectorValueError("%s: Vector must have size > 1" % self._name("stderr"))
        seg = self._buf[s:e]
        return math.sqrt(float(np.var(seg, ddof=1))) / math.sqrt(e - s)

    def median(self):
        """Median (mean of the two middle values for even sizes)."""
        if self._n == 0:
            raise VectorValueError("%s: Vector must have size > 0" % self._name("median"))
        return float(np.median(self._arr()))

    def max(self, start=None, end=None):
        """Largest element (0.0 for an empty Vector)."""
        s, e = self._range("max", start, end)
        return float(np.max(self._buf[s:e])) if e > s else 0.0

    def min(self, start=None, end=None):
        """Smallest element (0.0 for an empty Vector)."""
        s, e = self._range("min", start, end)
        return float(np.min(self._buf[s:e])) if e > s else 0.0

    def max_ind(self, start=None, end=None):
        """Index (int) of the first largest element; -1.0 if empty (as NEURON)."""
        s, e = self._range("max_ind", start, end)
        return s + int(np.argmax(self._buf[s:e])) if e > s else -1.0

    def min_ind(self, start=None, end=None):
        """Index (int) of the first smallest element; -1.0 if empty (as NEURON)."""
        s, e = self._range("min_ind", start, end)
        return s + int(np.argmin(self._buf[s:e])) if e > s else -1.0

    def dot(self, other):
        """Dot product over this Vector's size (``other`` must be at least as long)."""
        b = self._other(other, "dot")
        n = self._n
        if b.shape[0] < n:
            raise VectorValueError("%s: Vector argument too small (%d < %d)"
                                   % (self._name("dot"), b.shape[0], n))
        return float(np.dot(self._arr(), b[:n]))

    def meansqerr(self, other, weight=None):
        """Mean squared difference to ``other`` (optionally weighted)."""
        b = self._other(other, "meansqerr")
        n = self._n
        if n == 0 or b.shape[0] < n:
            raise VectorValueError("%s: Vector argument too small" % self._name("meansqerr"))
        d = self._arr() - b[:n]
        d *= d
        if weight is not None:
            w = self._other(weight, "meansqerr")
            if w.shape[0] < n:
                raise VectorValueError("%s: weight Vector too small" % self._name("meansqerr"))
            d *= w[:n]
        return float(np.sum(d)) / n

    def eq(self, other):
        """1.0 if ``other`` has the same size and elements (within 1e-11), else 0.0."""
        b = self._other(other, "eq")
        if b.shape[0] != self._n:
            return 0.0
        return 1.0 if bool(np.all(np.abs(self._arr() - b) <= EPSILON)) else 0.0

    def same(self, other):
        """True if ``other`` is this very Vector."""
        return other is self

    def contains(self, x):
        """True if some element equals ``x`` (within 1e-11)."""
        x = _real(x, self._name("contains"))
        return bool(np.any(np.abs(self._arr() - x) <= EPSILON))

    # -------------------------------------------------------- searching ---
    def _src_op_args(self, meth, args):
        """Parse ``(src, op, x[, y])`` or ``(op, x[, y])`` for where/indvwhere."""
        if args and isinstance(args[0], Vector):
            src, rest = args[0]._arr(), args[1:]
        else:
            src, rest = self._arr(), args
        if len(rest) not in (2, 3):
            raise TypeError("%s: expected ([src,] op, value[, value2])" % self._name(meth))
        y = rest[2] if len(rest) == 3 else None
        return src, _mask(src, rest[0], rest[1], y, self._name(meth))

    def where(self, *args):
        """Keep the elements (of ``src``) satisfying ``op``; ``[src,] op, x[, y]``.  Returns self."""
        src, m = self._src_op_args("where", args)
        return self._assign(src[m])

    def indvwhere(self, *args):
        """Indices of the elements (of ``src``) satisfying ``op``.  Returns self."""
        src, m = self._src_op_args("indvwhere", args)
        return self._assign(np.flatnonzero(m).astype(np.float64))

    def indwhere(self, op, x, y=None):
        """Index (int) of the first element satisfying ``op``, or -1."""
        m = _mask(self._arr(), op, x, y, self._name("indwhere"))
        i = int(np.argmax(m)) if m.shape[0] else 0
        return i if m.shape[0] and m[i] else -1

    def index(self, src, indices):
        """Set to ``src[indices]`` (indices truncated to int).  Returns self."""
        a = self._other(src, "index")
        idx = self._other(indices, "index").astype(np.int64)
        if idx.shape[0] and (idx.min() < 0 or idx.max() >= a.shape[0]):
            raise VectorIndexError("%s: index out of range for source size %d"
                                   % (self._name("index"), a.shape[0]))
        return self._assign(a[idx])

    def ind(self, indices):
        """New Vector of the elements at ``indices`` (out-of-range ones dropped)."""
        idx = self._other(indices, "ind").astype(np.int64)
        idx = idx[(idx >= 0) & (idx < self._n)]
        return Vector._wrap(self._arr()[idx])

    # ---------------------------------------------------------- reorder ---
    def sort(self):
        """Sort ascending in place.  Returns self."""
        self._arr().sort(kind="stable")
        return self

    def sortindex(self, dest=None):
        """Indices that sort this Vector, as a new Vector (or into ``dest``)."""
        idx = np.argsort(self._arr(), kind="stable").astype(np.float64)
        if dest is None:
            return Vector._wrap(idx)
        if not isinstance(dest, Vector):
            raise TypeError("%s: expected a Vector, got %s"
                            % (self._name("sortindex"), type(dest).__name__))
        return dest._assign(idx)

    def reverse(self):
        """Reverse the order in place.  Returns self."""
        a = self._arr()
        a[:] = a[::-1].copy()
        return self

    def rotate(self, k, wrap=1):
        """Shift elements right by ``k`` (left if negative); wrap around unless wrap == 0."""
        k = _intarg(k, self._name("rotate"))
        a = self._arr()
        n = self._n
        if n == 0:
            return self
        k = int(math.fmod(k, n))        # C remainder: the sign of k is kept
        if _intarg(wrap, self._name("rotate")):
            a[:] = np.roll(a, k)
        else:
            r = np.zeros(n)
            if 0 <= k < n:
                r[k:] = a[:n - k]
            elif -n < k < 0:
                r[:n + k] = a[-k:]
            a[:] = r
        return self

    # --------------------------------------------------- signal / calc ---
    def _src_and_rest(self, args, meth):
        if args and isinstance(args[0], Vector):
            return args[0]._arr(), args[1:]
        return self._arr().copy(), args

    def integral(self, *args):
        """Running (Euler) integral: ``[src,] [dt]``; y[0] = src[0], y[i] = y[i-1] + src[i]*dt."""
        src, rest = self._src_and_rest(args, "integral")
        if len(rest) > 1:
            raise TypeError("%s: expected ([src,] [dt])" % self._name("integral"))
        dt = _real(rest[0], self._name("integral")) if rest else 1.0
        if src.shape[0] == 0:
            raise VectorValueError("%s: source Vector is empty" % self._name("integral"))
        r = src * dt
        r[0] = src[0]
        return self._assign(np.cumsum(r))

    def deriv(self, *args):
        """Derivative ``[src,] [dt, [method]]``: method 1 forward differences (n-1
        values), method 2 (default) central differences with one-sided ends."""
        src, rest = self._src_and_rest(args, "deriv")
        ctx = self._name("deriv")
        if len(rest) > 2:
            raise TypeError("%s: expected ([src,] [dt, [method]])" % ctx)
        dt = _real(rest[0], ctx) if rest else 1.0
        method = _intarg(rest[1], ctx) if len(rest) > 1 else 2
        n = src.shape[0]
        if n < 2:
            raise VectorValueError("%s: can't take the derivative of fewer than 2 points" % ctx)
        d = np.diff(src)
        if method == 1:
            return self._assign(d / dt)
        if method != 2:
            raise VectorValueError("%s: method must be 1 or 2, got %d" % (ctx, method))
        r = np.empty(n)
        r[0] = d[0]
        r[-1] = d[-1]
        r[1:-1] = (src[2:] - src[:-2]) / 2.0
        return self._assign(r / dt)

    def interpolate(self, xdest, xsrc, ysrc=None):
        """Linear interpolation: self becomes y(xdest) from the table (xsrc, ysrc);
        ``ysrc`` defaults to self.  Values outside xsrc are clamped.  Returns self."""
        xd = self._other(xdest, "interpolate")
        xs = self._other(xsrc, "interpolate")
        ys = self._arr().copy() if ysrc is None else self._other(ysrc, "interpolate")
        if ys.shape[0] < xs.shape[0] or xs.shape[0] == 0:
            raise VectorValueError("%s: ysrc (size %d) must be at least as long as xsrc "
                                   "(size %d > 0)" % (self._name("interpolate"),
                                                      ys.shape[0], xs.shape[0]))
        ys = ys[:xs.shape[0]]
        # interval [xs[j-1], xs[j]] with j the first index where xs[j] >= x
        # (so at a repeated abscissa the left-hand value wins, as in NEURON)
        j = np.searchsorted(xs, xd, side="left")
        j = np.clip(j, 1, max(xs.shape[0] - 1, 1))
        if xs.shape[0] == 1:
            return self._assign(np.full(xd.shape[0], ys[0]))
        x0, x1, y0, y1 = xs[j - 1], xs[j], ys[j - 1], ys[j]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(x1 != x0, y0 + (xd - x0) * (y1 - y0) / (x1 - x0), y1)
        r = np.where(xd <= xs[0], ys[0], r)
        r = np.where(xd >= xs[-1], ys[-1], r)
        return self._assign(np.ascontiguousarray(r, dtype=np.float64))

    def histogram(self, low, high, width):
        """New Vector of counts; bin i >= 1 counts [low+(i-1)*width, low+i*width)
        (bin 0 is the one below ``low``)."""
        ctx = self._name("histogram")
        low, high, width = (_real(x, ctx) for x in (low, high, width))
        if width <= 0 or high < low:
            raise VectorValueError("%s: need width > 0 and high >= low" % ctx)
        nb = int(math.floor((high - low) / width)) + 2
        return Vector._wrap(self._bincount(self._arr(), low, width, 1, nb))

    @staticmethod
    def _bincount(a, low, width, offset, nb):
        idx = np.floor((a - low) / width) + offset
        idx = idx[(idx >= 0) & (idx < nb)].astype(np.int64)
        return np.bincount(idx, minlength=nb).astype(np.float64)

    def hist(self, src, low, nbins, width):
        """Histogram of ``src`` into ``nbins`` bins of ``width`` from ``low``.  Returns self."""
        ctx = self._name("hist")
        a = self._other(src, "hist")
        low, width = _real(low, ctx), _real(width, ctx)
        nb = _intarg(nbins, ctx)
        if width <= 0 or nb < 0:
            raise VectorValueError("%s: need width > 0 and nbins >= 0" % ctx)
        return self._assign(self._bincount(a, low, width, 0, nb))

    def rebin(self, *args):
        """``[src,] factor``: sums of consecutive groups of ``factor`` elements.  Returns self."""
        src, rest = self._src_and_rest(args, "rebin")
        if len(rest) != 1:
            raise TypeError("%s: expected ([src,] factor)" % self._name("rebin"))
        f = _intarg(rest[0], self._name("rebin"))
        if f < 1:
            raise VectorValueError("%s: factor must be >= 1" % self._name("rebin"))
        m = src.shape[0] // f
        return self._assign(src[:m * f].reshape(m, f).sum(axis=1))

    def resample(self, src, factor):
        """Self becomes ``src`` resampled by ``factor`` (sample-and-hold).  Returns self."""
        a = self._other(src, "resample")
        f = _real(factor, self._name("resample"))
        if f <= 0:
            raise VectorValueError("%s: factor must be > 0" % self._name("resample"))
        m = int(a.shape[0] * f)
        idx = np.minimum((np.arange(m) / f).astype(np.int64), max(a.shape[0] - 1, 0))
        return self._assign(a[idx] if a.shape[0] else np.zeros(0))

    def spikebin(self, src, thresh, binsize=1):
        """1.0 where ``src`` crosses ``thresh`` upward (first point counts), else 0.  Returns self."""
        a = self._other(src, "spikebin")
        thresh = _real(thresh, self._name("spikebin"))
        above = a >= thresh
        r = above.copy()
        r[1:] &= ~above[:-1]
        b = _intarg(binsize, self._name("spikebin"))
        r = r.astype(np.float64)
        if b > 1:
            m = -(-r.shape[0] // b)
            r = np.pad(r, (0, m * b - r.shape[0])).reshape(m, b).max(axis=1)
        return self._assign(r)

    def sin(self, freq, phase, dt=1.0):
        """Fill with sin(2*pi*freq*i*dt/1000 + phase) (freq in Hz, dt in ms).  Returns self."""
        ctx = self._name("sin")
        freq, phase, dt = _real(freq, ctx), _real(phase, ctx), _real(dt, ctx)
        a = self._arr()
        a[:] = np.sin(2.0 * np.pi * freq * dt / 1000.0 * np.arange(self._n) + phase)
        return self

    def correl(self, src, *rest):
        """Self becomes the circular autocorrelation of ``src`` zero-padded to a
        power of two.  (The cross-correlation form is not supported.)"""
        a = self._other(src, "correl")
        if rest:
            raise NotImplementedError("%s: the two-Vector (cross-correlation) form is not "
                                      "implemented" % self._name("correl"))
        n = a.shape[0]
        m = 1
        while m < n:
            m *= 2
        p = np.zeros(m)
        p[:n] = a
        f = np.fft.rfft(p)
        r = np.fft.irfft(f * np.conj(f), m)
        return self._assign(r)

    # ------------------------------------------------------------ output ---
    def printf(self, fmt=None, start=None, end=None):
        """Print the elements (C-style ``fmt``, default ``"%g\\t"`` with a newline
        every 5 values); returns the number printed (int)."""
        ctx = self._name("printf")
        if fmt is not None and not isinstance(fmt, str):
            # printf(start, end) is not a NEURON form; be explicit
            raise TypeError("%s: format must be a string, got %s" % (ctx, type(fmt).__name__))
        s, e = self._range("printf", start, end)
        vals = self._buf[s:e].tolist()
        out = []
        if fmt is None:
            for k, x in enumerate(vals, 1):
                out.append("%g\t" % x)
                if k % 5 == 0:
                    out.append("\n")
            out.append("\n")
        else:
            for x in vals:
                try:
                    out.append(fmt % x)
                except TypeError:
                    raise TypeError("%s: bad format %r" % (ctx, fmt)) from None
        sys.stdout.write("".join(out))
        return len(vals)

    # -------------------------------------------------- record and play ---
    @staticmethod
    def _is_number_or_vec(x):
        return x is None or isinstance(x, (numbers.Real, Vector))

    def _check_reference(self, ref, owner, ctx):
        """A reference the engine can record from: a model pointer (what seg._ref_v,
        pp._ref_i, h._ref_t return).  Anything else is a TypeError here, not a Vector
        that silently stays empty."""
        if owner is not None and not hasattr(owner, "get_segment"):
            raise TypeError("%s: the optional first argument must be a point process, not %s"
                            % (ctx, type(owner).__name__))
        if ref is None:
            raise TypeError("%s: the variable reference is None" % ctx)
        kind = getattr(ref, "kind", None)
        if callable(getattr(ref, "locate", None)) and (
                kind != "var" or getattr(ref, "label", None) == "celsius"):
            if kind != "var":
                ref.locate()            # a handle into a deleted section raises here, not at the run
            return                      # h._ref_celsius: the engine records and plays it
        if kind == "var" or type(ref).__name__ == "HocPointer":
            raise NotImplementedError(
                "%s: recording %s is not implemented: ranvier records range variables "
                "(seg._ref_v, seg._ref_m_hh), point-process variables (syn._ref_i) and "
                "h._ref_t" % (ctx, getattr(ref, "label", "a plain HOC variable")))
        what = type(ref).__name__
        hint = ""
        if isinstance(ref, numbers.Real):
            what, hint = "a number (%r)" % ref, " Did you forget _ref_ (Python) or & (HOC)?"
        elif what in ("Segment", "Section"):
            hint = " Did you forget _ref_ (e.g. sec(0.5)._ref_v)?"
        raise TypeError("%s: needs a reference to a variable such as seg._ref_v or h._ref_t, "
                        "got %s.%s" % (ctx, what, hint))

    def record(self, *args, sec=None):
        """Record a variable during simulation: ``record(ref)``, ``record(ref, Dt)``,
        ``record(ref, tvec)`` (optionally preceded by a point process owning the
        variable).  Stores ``self._record = (ref, Dt_or_tvec_or_None)``; returns self."""
        owner = None
        if len(args) >= 2 and not self._is_number_or_vec(args[1]):
            owner, args = args[0], args[1:]
        if not args:
            raise TypeError("%s: missing the variable reference" % self._name("record"))
        if len(args) > 3:
            raise TypeError("%s: too many arguments" % self._name("record"))
        ref = args[0]
        self._check_reference(ref, owner, self._name("record"))
        dt_or_tvec = args[1] if len(args) > 1 else None
        if dt_or_tvec is not None and not isinstance(dt_or_tvec, Vector):
            dt_or_tvec = _real(dt_or_tvec, self._name("record"))
            if dt_or_tvec <= 0:
                raise VectorValueError("%s: Dt must be > 0" % self._name("record"))
        self._record = (ref, dt_or_tvec)
        self._record_owner = owner
        self._record_sec = sec
        self._record_extra = args[2:]
        RECORDING.add(self)
        return self

    def play(self, *args, sec=None):
        """Play the elements into a variable: ``play([pp,] ref, Dt_or_tvec[, continuous])``.

        Discrete (the default): element i is assigned at time i*Dt or tvec[i].
        Continuous (third argument true): the variable follows the (tvec, self) points,
        interpolated linearly (extrapolated after the last point); it needs a time
        vector.  The engine applies the values inside its compiled loop (engine/play.py).
        Returns self."""
        ctx = self._name("play")
        self._play_arguments(*args, sec=sec)
        ref, dt_or_tvec, continuous, discon = self._play
        try:
            if discon is not None:
                raise NotImplementedError(
                    "%s: play with a discontinuity index vector is not implemented in ranvier "
                    "yet (repeat a time point in tvec for a step change)" % ctx)
            if dt_or_tvec is None:
                raise TypeError("%s: needs a Dt or a time vector after the variable" % ctx)
            if continuous and not isinstance(dt_or_tvec, Vector):
                raise VectorError("%s: Second argument of Vector.play in continuous mode must "
                                  "be a time vector" % ctx)
            if not isinstance(dt_or_tvec, Vector) and not dt_or_tvec > 0:
                raise VectorValueError("%s: Dt must be > 0, got %r" % (ctx, dt_or_tvec))
            kind = getattr(ref, "kind", None)
            if kind == "t":
                raise NotImplementedError("%s: playing into t is not implemented in ranvier "
                                          "(the engine owns the clock)" % ctx)
            if kind == "var" and getattr(ref, "label", None) != "celsius":
                raise NotImplementedError(
                    "%s: playing into %s is not implemented in ranvier: it plays into range "
                    "variables, point-process variables and h._ref_celsius"
                    % (ctx, getattr(ref, "label", "a plain HOC variable")))
            if kind != "var":
                self._check_reference(ref, self._play_owner, ctx)
        except BaseException:
            self._play = None
            PLAYING.discard(self)
            raise
        _PLAY_VERSION[0] += 1
        return self

    def _play_arguments(self, *args, sec=None):
        """The argument parsing of play (kept for when the engine implements it).
        Stores ``self._play = (ref, Dt_or_tvec, continuous, discon_indices)``."""
        ctx = self._name("play")
        owner = None
        if len(args) >= 2 and not self._is_number_or_vec(args[1]):
            owner, args = args[0], args[1:]
        if not args:
            raise TypeError("%s: missing the variable reference" % ctx)
        if len(args) > 3:
            raise TypeError("%s: too many arguments" % ctx)
        ref = args[0]
        if ref is None:
            raise TypeError("%s: the variable reference is None" % ctx)
        dt_or_tvec = args[1] if len(args) > 1 else None
        if dt_or_tvec is not None and not isinstance(dt_or_tvec, Vector):
            dt_or_tvec = _real(dt_or_tvec, ctx)
        continuous, discon = False, None
        if len(args) > 2:
            if isinstance(args[2], Vector):
                discon = args[2]
            else:
                continuous = bool(_real(args[2], ctx))
        self._play = (ref, dt_or_tvec, continuous, discon)
        self._play_owner = owner
        self._play_sec = sec
        PLAYING.add(self)
        return self

    def play_remove(self):
        """Stop both playing and recording this Vector; returns 1.0 (as NEURON).  A play
        removed during a run has no further effect (its pending values are dropped)."""
        if self._play is not None:
            _PLAY_VERSION[0] += 1
        self._play = None
        self._record = None
        PLAYING.discard(self)
        RECORDING.discard(self)
        return 1.0
