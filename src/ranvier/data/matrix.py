"""NEURON's ``Matrix``: a dense 2-D array of doubles with the HOC method set.

Storage is a C-ordered numpy float64 array (``self._a``).  ``Matrix(nrow,
ncol, type)`` accepts NEURON's types 1 (full), 2 (sparse) and 3 (banded)
but always stores densely; the sparse-only methods (``sprowlen``,
``spgetrowval``) are not provided.

Conventions (checked against NEURON 9.0.2):

* in-place methods (``resize``, ``zero``, ``ident``, ``muls``, ``add``,
  ``setrow``, ``setcol``, ``setdiag``, ``from_vector``, ``set``) return the
  Matrix; methods with an optional ``out`` argument fill it (resizing it)
  and return it, otherwise return a new Matrix/Vector;
* ``nrow``/``ncol`` return ``int``, ``getval``/``setval``/``printf``/
  ``fprint`` return ``float``;
* ``from_vector``/``to_vector`` use column-major order;
* ``getdiag(k)`` returns a Vector of length ``nrow`` whose element ``i`` is
  ``m[i][i+k]`` (0 where that is outside the matrix); ``setdiag(k, v)``
  uses the same indexing (a shorter Vector sets only its elements);
* ``setrow``/``setcol`` accept a scalar or a Vector no longer than the
  row/column (a shorter one sets only the leading elements);
* ``det(ref)`` returns the mantissa ``m`` (``1 <= |m| < 10``) and stores the
  decimal exponent in ``ref[0]``; ``det()`` (an error in NEURON) returns the
  determinant itself;
* ``printf(fmt=" %-8.3g", rowsep="\\n")``; ``fprint([0,] file[, fmt[,
  rowsep]])`` writes an ``"nrow ncol"`` header line unless the first
  argument is 0.

Differences from NEURON: bad input raises :class:`MatrixError` subclasses
(``IndexError``/``ValueError``, also ``RuntimeError`` as NEURON raises) or
``TypeError``; NEURON 9.0.2 returns NaN/0 for singular ``inverse``/``solv``
(here: ``MatrixValueError``) and aborts on some shape mismatches
(non-square ``transpose``/``det``, ``add`` of different shapes), which work
or raise here.  ``exp`` is computed by scaling and squaring.
"""
import math
import numbers
import sys

import numpy as np

from ..core.args import integer as _integer, real as _real

from ..core.errors import RanvierError
from ..core.hocobject import HocObject
from .vector import Vector

__all__ = ["Matrix", "MatrixError", "MatrixIndexError", "MatrixValueError"]


class MatrixError(RanvierError, RuntimeError):
    """A Matrix operation NEURON would reject with a HOC error."""


class MatrixIndexError(MatrixError, IndexError):
    """A row, column or diagonal index out of range."""


class MatrixValueError(MatrixError, ValueError):
    """Wrong shapes, singular matrix, bad sizes."""






def _index(x, n, ctx, what="index"):
    """A HOC index in [0, n-1] (a real is accepted when in range, truncated)."""
    if type(x) is not int:
        if isinstance(x, numbers.Integral):
            x = int(x)
        else:
            f = _real(x, ctx)
            if not 0 <= f <= n - 1:
                raise MatrixIndexError("%s: %s %g out of range [0, %d]" % (ctx, what, f, n - 1))
            return int(f)
    if not 0 <= x < n:
        raise MatrixIndexError("%s: %s %d out of range [0, %d]" % (ctx, what, x, n - 1))
    return x


def _vec(v, ctx):
    if not isinstance(v, Vector):
        raise TypeError("%s: expected a Vector, got %s" % (ctx, type(v).__name__))
    return v.as_numpy()


def _expm(a):
    """Matrix exponential: scaling and squaring with a Taylor series."""
    n = a.shape[0]
    norm = np.abs(a).sum(axis=0).max() if n else 0.0
    if not np.isfinite(norm):
        raise MatrixValueError("Matrix.exp(): matrix has non-finite elements")
    s = 0
    if norm > 0.5:
        s = int(math.ceil(math.log2(norm / 0.5)))
    b = a / (2.0 ** s)
    result = np.eye(n)
    term = np.eye(n)
    for k in range(1, 30):
        term = term @ b / k
        result = result + term
        if np.abs(term).max() <= 1e-17 * max(1.0, np.abs(result).max()):
            break
    for _ in range(s):
        result = result @ result
    return result


def _norm10(x):
    """(mantissa, exponent): x == mantissa * 10**exponent, 1 <= |mantissa| < 10."""
    if x == 0.0 or not math.isfinite(x):
        return x, 0
    e = int(math.floor(math.log10(abs(x))))
    if e > 300:
        y = x / 1e300 / 10.0 ** (e - 300)
    elif e < -300:
        y = x * 1e300 / 10.0 ** (e + 300)
    else:
        y = x / 10.0 ** e
    if abs(y) >= 10.0:
        y, e = y / 10.0, e + 1
    elif abs(y) < 1.0:
        y, e = y * 10.0, e - 1
    return y, e


def _det10(a):
    """Determinant as (mantissa, exponent) with 1 <= |mantissa| < 10 (or 0, 0),
    by LU factorisation with partial pivoting (no overflow for large n)."""
    u = np.array(a, dtype=np.float64)
    n = u.shape[0]
    m, e = 1.0, 0
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        piv = u[p, k]
        if piv == 0.0:
            return 0.0, 0
        if not math.isfinite(piv):
            return float("nan"), 0
        if p != k:
            u[[k, p]] = u[[p, k]]
            m = -m
        if k + 1 < n:
            f = u[k + 1:, k] / piv
            u[k + 1:, k:] -= np.outer(f, u[k, k:])
        pm, pe = _norm10(float(piv))
        m, de = _norm10(m * pm)
        e += pe + de
    return m, e


class _Row:
    __slots__ = ("_m", "_i")

    def __init__(self, m, i):
        self._m = m
        self._i = i

    def __getitem__(self, j):
        m = self._m
        return m._a.item(self._i, _index(j, m._a.shape[1], "%s.x" % m.hname(), "column"))

    def __setitem__(self, j, value):
        m = self._m
        ctx = "%s.x" % m.hname()
        m._a[self._i, _index(j, m._a.shape[1], ctx, "column")] = _real(value, ctx)

    def __len__(self):
        return self._m._a.shape[1]

    def __iter__(self):
        return iter(self._m._a[self._i].tolist())


class _XProxy:
    """``m.x``: ``m.x[i][j]`` (also ``m.x[i, j]``) get and set."""

    __slots__ = ("_m",)

    def __init__(self, m):
        self._m = m

    def _ij(self, key):
        m = self._m
        ctx = "%s.x" % m.hname()
        if isinstance(key, tuple):
            if len(key) != 2:
                raise TypeError("%s: expected 2 indices, got %d" % (ctx, len(key)))
            return (_index(key[0], m._a.shape[0], ctx, "row"),
                    _index(key[1], m._a.shape[1], ctx, "column"))
        if isinstance(key, slice):
            raise TypeError("%s: index must be an integer, not a slice" % ctx)
        return _index(key, m._a.shape[0], ctx, "row"), None

    def __getitem__(self, key):
        i, j = self._ij(key)
        if j is None:
            return _Row(self._m, i)
        return self._m._a.item(i, j)

    def __setitem__(self, key, value):
        i, j = self._ij(key)
        if j is None:
            raise TypeError("%s.x[i]: a row cannot be assigned; use x[i][j]" % self._m.hname())
        self._m._a[i, j] = _real(value, "%s.x" % self._m.hname())

    def __len__(self):
        return self._m._a.shape[0]


class Matrix(HocObject):
    """NEURON's ``Matrix([nrow[, ncol[, type]]])`` (sizes default to 1)."""

    _hoc_name = "Matrix"

    def __init__(self, nrow=1, ncol=1, type=1):
        ctx = "Matrix()"
        nr, nc, t = _int(nrow, ctx), _int(ncol, ctx), _int(type, ctx)
        if nr < 1 or nc < 1:
            raise MatrixValueError("Matrix(%d, %d): sizes must be >= 1" % (nr, nc))
        if t not in (1, 2, 3):
            raise MatrixValueError("Matrix(): type must be 1 (full), 2 (sparse) or 3 (band), got %d" % t)
        self._a = np.zeros((nr, nc))
        self._type = t
        self._hoc_register()

    @classmethod
    def _wrap(cls, arr):
        m = cls.__new__(cls)
        m._a = np.ascontiguousarray(arr, dtype=np.float64)
        m._type = 1
        m._hoc_register()
        return m

    # ---------------------------------------------------------- helpers ---
    def _name(self, meth):
        return "%s.%s()" % (self.hname(), meth)

    def _square(self, meth):
        r, c = self._a.shape
        if r != c:
            raise MatrixValueError("%s: matrix must be square, is %dx%d" % (self._name(meth), r, c))

    def _other(self, m, meth):
        if not isinstance(m, Matrix):
            raise TypeError("%s: expected a Matrix, got %s" % (self._name(meth), type(m).__name__))
        return m

    def _mout(self, arr, out, meth):
        """Store ``arr`` in Matrix ``out`` (resized) or a new Matrix."""
        if out is None:
            return Matrix._wrap(arr)
        self._other(out, meth)
        out._a = np.array(arr, dtype=np.float64, order="C")
        return out

    def _vout(self, arr, out, meth):
        """Store 1-D ``arr`` in Vector ``out`` (resized) or a new Vector."""
        if out is None:
            return Vector._from_array(arr)
        if not isinstance(out, Vector):
            raise TypeError("%s: expected a Vector for the result, got %s"
                            % (self._name(meth), type(out).__name__))
        out.resize(arr.shape[0])
        out.as_numpy()[:] = arr
        return out

    def _set_values(self, dest, value, meth):
        """Assign a scalar or a Vector (not longer than ``dest``) to the 1-D view ``dest``."""
        if isinstance(value, Vector):
            src = value.as_numpy()
            if src.shape[0] > dest.shape[0]:
                raise MatrixIndexError("%s: Vector size %d exceeds %d"
                                       % (self._name(meth), src.shape[0], dest.shape[0]))
            dest[:src.shape[0]] = src
        else:
            dest[:] = _real(value, self._name(meth))

    # ------------------------------------------------------------ shape ---
    def nrow(self):
        return self._a.shape[0]

    def ncol(self):
        return self._a.shape[1]

    def resize(self, nrow, ncol):
        """New shape; existing elements are kept, new ones are 0."""
        ctx = self._name("resize")
        nr, nc = _int(nrow, ctx), _int(ncol, ctx)
        if nr < 1 or nc < 1:
            raise MatrixValueError("%s: sizes must be >= 1, got %d, %d" % (ctx, nr, nc))
        new = np.zeros((nr, nc))
        r, c = min(nr, self._a.shape[0]), min(nc, self._a.shape[1])
        new[:r, :c] = self._a[:r, :c]
        self._a = new
        return self

    # ---------------------------------------------------------- elements ---
    @property
    def x(self):
        return _XProxy(self)

    def getval(self, i, j):
        ctx = self._name("getval")
        r, c = self._a.shape
        return self._a.item(_index(i, r, ctx, "row"), _index(j, c, ctx, "column"))

    def setval(self, i, j, value):
        ctx = self._name("setval")
        r, c = self._a.shape
        i, j = _index(i, r, ctx, "row"), _index(j, c, ctx, "column")
        v = _real(value, ctx)
        self._a[i, j] = v
        return v

    def set(self, *values):
        """Fill row by row from ``nrow*ncol`` numbers (extra ones ignored)."""
        ctx = self._name("set")
        n = self._a.size
        if len(values) < n:
            raise MatrixValueError("%s: need %d values, got %d" % (ctx, n, len(values)))
        self._a[:] = np.array([_real(v, ctx) for v in values[:n]]).reshape(self._a.shape)
        return self

    def zero(self):
        self._a[:] = 0.0
        return self

    def ident(self):
        """Ones on the main diagonal, zeros elsewhere."""
        self._a[:] = 0.0
        np.fill_diagonal(self._a, 1.0)
        return self

    def getrow(self, i, out=None):
        i = _index(i, self._a.shape[0], self._name("getrow"), "row")
        return self._vout(self._a[i], out, "getrow")

    def getcol(self, j, out=None):
        j = _index(j, self._a.shape[1], self._name("getcol"), "column")
        return self._vout(self._a[:, j], out, "getcol")

    def setrow(self, i, value):
        i = _index(i, self._a.shape[0], self._name("setrow"), "row")
        self._set_values(self._a[i], value, "setrow")
        return self

    def setcol(self, j, value):
        j = _index(j, self._a.shape[1], self._name("setcol"), "column")
        self._set_values(self._a[:, j], value, "setcol")
        return self

    def _diag_rows(self, k, meth):
        ctx = self._name(meth)
        r, c = self._a.shape
        k = _int(k, ctx)
        if not -r < k < c:
            raise MatrixIndexError("%s: diagonal %d out of range (%d, %d)" % (ctx, k, -r, c))
        rows = np.arange(max(0, -k), min(r, c - k))
        return rows, rows + k

    def getdiag(self, k, out=None):
        """Vector of length nrow: element i is m[i][i+k] (0 outside)."""
        rows, cols = self._diag_rows(k, "getdiag")
        v = np.zeros(self._a.shape[0])
        v[rows] = self._a[rows, cols]
        return self._vout(v, out, "getdiag")

    def setdiag(self, k, value):
        """Set m[i][i+k] from a scalar or from element i of a Vector."""
        rows, cols = self._diag_rows(k, "setdiag")
        if isinstance(value, Vector):
            src = value.as_numpy()
            if src.shape[0] > self._a.shape[0]:
                raise MatrixIndexError("%s: Vector size %d exceeds nrow %d"
                                       % (self._name("setdiag"), src.shape[0], self._a.shape[0]))
            keep = rows < src.shape[0]
            rows, cols = rows[keep], cols[keep]
            self._a[rows, cols] = src[rows]
        else:
            self._a[rows, cols] = _real(value, self._name("setdiag"))
        return self

    def from_vector(self, vec):
        """Fill column by column from a Vector of size nrow*ncol."""
        src = _vec(vec, self._name("from_vector"))
        if src.shape[0] != self._a.size:
            raise MatrixValueError("%s: Vector size %d != nrow*ncol = %d"
                                   % (self._name("from_vector"), src.shape[0], self._a.size))
        self._a[:] = src.reshape(self._a.shape[::-1]).T
        return self

    def to_vector(self, out=None):
        """The elements column by column."""
        return self._vout(self._a.T.reshape(-1), out, "to_vector")

    def bcopy(self, i0, j0, nrow, ncol, *args):
        """Copy the nrow x ncol block at (i0, j0): ``bcopy(i0, j0, n, m[, i1,
        j1][, out])``; the block goes to (i1, j1) of ``out`` (unresized) or of
        a new (i1+n) x (j1+m) Matrix."""
        ctx = self._name("bcopy")
        i0, j0, nr, nc = (_int(x, ctx) for x in (i0, j0, nrow, ncol))
        out = None
        if args and isinstance(args[-1], Matrix):
            out, args = args[-1], args[:-1]
        if len(args) not in (0, 2):
            raise TypeError("%s: expected (i0, j0, nrow, ncol[, i1, j1][, out])" % ctx)
        i1, j1 = (_int(x, ctx) for x in args) if args else (0, 0)
        r, c = self._a.shape
        if nr < 1 or nc < 1 or i0 < 0 or j0 < 0 or i0 + nr > r or j0 + nc > c:
            raise MatrixIndexError("%s: block (%d, %d) size %dx%d outside the %dx%d matrix"
                                   % (ctx, i0, j0, nr, nc, r, c))
        if i1 < 0 or j1 < 0:
            raise MatrixIndexError("%s: destination (%d, %d) out of range" % (ctx, i1, j1))
        block = self._a[i0:i0 + nr, j0:j0 + nc].copy()
        if out is None:
            out = Matrix(i1 + nr, j1 + nc)
        elif i1 + nr > out._a.shape[0] or j1 + nc > out._a.shape[1]:
            raise MatrixIndexError("%s: block does not fit in %s (%dx%d) at (%d, %d)"
                                   % (ctx, out.hname(), out._a.shape[0], out._a.shape[1], i1, j1))
        out._a[i1:i1 + nr, j1:j1 + nc] = block
        return out

    def c(self):
        """A copy."""
        return Matrix._wrap(self._a.copy())

    # ------------------------------------------------------- arithmetic ---
    def transpose(self, out=None):
        return self._mout(self._a.T, out, "transpose")

    def muls(self, s, out=None):
        """Multiply by a scalar (in place, or into ``out``)."""
        s = _real(s, self._name("muls"))
        if out is None:
            self._a *= s
            return self
        return self._mout(self._a * s, out, "muls")

    def add(self, m, out=None):
        """Element-wise sum (in place, or into ``out``)."""
        self._other(m, "add")
        if m._a.shape != self._a.shape:
            raise MatrixValueError("%s: shapes differ (%dx%d and %dx%d)"
                                   % ((self._name("add"),) + self._a.shape + m._a.shape))
        if out is None:
            self._a += m._a
            return self
        return self._mout(self._a + m._a, out, "add")

    def mulv(self, vec, out=None):
        """Matrix times Vector (size ncol) -> Vector (size nrow)."""
        v = _vec(vec, self._name("mulv"))
        if v.shape[0] != self._a.shape[1]:
            raise MatrixValueError("%s: Vector size %d != ncol %d"
                                   % (self._name("mulv"), v.shape[0], self._a.shape[1]))
        return self._vout(self._a @ v, out, "mulv")

    def mulm(self, m, out=None):
        """Matrix product self * m."""
        self._other(m, "mulm")
        if m._a.shape[0] != self._a.shape[1]:
            raise MatrixValueError("%s: cannot multiply %dx%d by %dx%d"
                                   % ((self._name("mulm"),) + self._a.shape + m._a.shape))
        return self._mout(self._a @ m._a, out, "mulm")

    def inverse(self, out=None):
        self._square("inverse")
        try:
            inv = np.linalg.inv(self._a)
        except np.linalg.LinAlgError:
            raise MatrixValueError("%s: matrix is singular" % self._name("inverse")) from None
        return self._mout(inv, out, "inverse")

    def det(self, ref=None):
        """Determinant.  With a reference argument (NEURON's form) returns the
        mantissa and stores the base-10 exponent in ``ref[0]``."""
        self._square("det")
        m, e = _det10(self._a)
        if ref is None:
            try:
                return m * 10.0 ** e
            except OverflowError:
                return math.copysign(math.inf, m)
        try:
            ref[0] = float(e)
        except TypeError:
            raise TypeError("%s: argument must be a reference (h.ref)" % self._name("det")) from None
        return m

    def solv(self, b, *args):
        """Solve self * x = b: ``solv(b[, out][, use_lu])`` -> Vector."""
        ctx = self._name("solv")
        self._square("solv")
        rhs = _vec(b, ctx)
        out = None
        rest = list(args)
        if rest and isinstance(rest[0], Vector):
            out = rest.pop(0)
        if len(rest) > 1:
            raise TypeError("%s: expected (b[, out][, use_lu])" % ctx)
        if rest:
            _real(rest[0], ctx)     # use_lu: accepted, LAPACK's LU is always used
        if rhs.shape[0] != self._a.shape[0]:
            raise MatrixValueError("%s: Vector size %d != nrow %d"
                                   % (ctx, rhs.shape[0], self._a.shape[0]))
        try:
            x = np.linalg.solve(self._a, rhs)
        except np.linalg.LinAlgError:
            raise MatrixValueError("%s: matrix is singular" % ctx) from None
        return self._vout(x, out, "solv")

    def exp(self, out=None):
        """Matrix exponential e**M."""
        self._square("exp")
        return self._mout(_expm(self._a), out, "exp")

    def pow(self, n, out=None):
        """M**n for an integer n >= 0 (a real n is truncated)."""
        self._square("pow")
        k = _int(n, self._name("pow"))
        if k < 0:
            raise MatrixValueError("%s: power must be >= 0, got %d" % (self._name("pow"), k))
        return self._mout(np.linalg.matrix_power(self._a, k), out, "pow")

    def symmeig(self, out):
        """Eigenvalues (ascending Vector) of a symmetric matrix; the
        eigenvectors go to the columns of Matrix ``out``."""
        self._square("symmeig")
        self._other(out, "symmeig")
        w, q = np.linalg.eigh(self._a)
        out._a = np.ascontiguousarray(q)
        return Vector._from_array(w)

    def svd(self, u=None, v=None):
        """Singular values (descending Vector); ``u`` gets U and ``v`` gets
        V transposed (so self = U diag(s) v)."""
        if u is not None:
            self._other(u, "svd")
        if v is not None:
            self._other(v, "svd")
        if u is None and v is None:
            return Vector._from_array(np.linalg.svd(self._a, compute_uv=False))
        uu, s, vh = np.linalg.svd(self._a)
        if u is not None:
            u._a = np.ascontiguousarray(uu)
        if v is not None:
            v._a = np.ascontiguousarray(vh)
        return Vector._from_array(s)

    # ---------------------------------------------------------- printing ---
    def _format(self, fmt, rowsep, ctx):
        if not isinstance(fmt, str) or not isinstance(rowsep, str):
            raise TypeError("%s: format and row separator must be strings" % ctx)
        lines = []
        try:
            for row in self._a.tolist():
                lines.append("".join(fmt % x for x in row) + rowsep)
        except (TypeError, ValueError):
            raise TypeError("%s: bad format %r" % (ctx, fmt)) from None
        return "".join(lines)

    def printf(self, fmt=" %-8.3g", rowsep="\n"):
        """Print the rows to stdout; returns 0."""
        sys.stdout.write(self._format(fmt, rowsep, self._name("printf")))
        return 0.0

    def fprint(self, *args):
        """``fprint([0,] file[, fmt[, rowsep]])``: write to a File (or any
        object with ``write``); an ``"nrow ncol"`` line first unless the
        first argument is 0.  Returns 0."""
        ctx = self._name("fprint")
        args = list(args)
        header = True
        if args and isinstance(args[0], numbers.Real):
            if _real(args.pop(0), ctx) != 0:
                raise MatrixValueError("%s: first argument must be 0 or a File" % ctx)
            header = False
        if not args:
            raise TypeError("%s: missing File argument" % ctx)
        f = args.pop(0)
        if len(args) > 2:
            raise TypeError("%s: too many arguments" % ctx)
        text = self._format(args[0] if args else " %-8.3g",
                            args[1] if len(args) > 1 else "\n", ctx)
        if header:
            text = "%d %d\n" % self._a.shape + text
        write = getattr(f, "write", None)
        if not callable(write):
            fh = getattr(f, "_f", None)
            if fh is None:
                raise MatrixValueError("%s: file is not open" % ctx)
            write = fh.write
        write(text)
        return 0.0

    def __repr__(self):
        return self.hname()


def _int(x, ctx):
    return _integer(x, ctx, MatrixValueError)
