"""NEURON's PtrVector: fast scatter and gather between a Vector and a list of pointers.

    pv = h.PtrVector(3)
    pv.pset(0, sec(0.5)._ref_v)        # HOC: pv.pset(0, &sec.v(0.5))
    pv.scatter(vec)                    # the pointed-to variables = vec's elements
    pv.gather(vec)                     # vec's elements = the pointed-to variables

A pointer is whatever ``_ref_`` (Python) or ``&`` (HOC) gives: it names its variable
by section, x and mechanism, not by address (model/pointer.py), so it stays valid when
the model's storage is rebuilt (nseg, new sections, inserted mechanisms), as Vector.record's
references do; ``ptr_update_callback`` is kept but never needed.  At creation (and for the
elements a resize adds) every pointer points at one dummy variable of the PtrVector.

Written for ranvier from NEURON's documentation and observed behaviour.
"""
from ..core.errors import ModelError
from ..core.hocobject import HocObject


class PtrVectorError(ModelError):
    """A bad use of a PtrVector (ModelError, hence ValueError)."""


class PtrVectorIndexError(PtrVectorError, IndexError):
    """An element index outside the PtrVector (NEURON aborts there)."""


class _Dummy:
    """The variable every unset pointer of one PtrVector points at."""
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0.0

    def __getitem__(self, i):
        return self.value

    def __setitem__(self, i, v):
        self.value = float(v)

    label = "PtrVector dummy"


def _size_arg(n, where):
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        raise TypeError("%s: the size must be a number, got %r" % (where, n))
    k = int(n)
    if k < 1:
        raise PtrVectorIndexError("%s: Arg out of range in user function (the size must be "
                                  "an integer greater than 0, got %r)" % (where, n))
    return k


class PtrVector(HocObject):
    """NEURON's PtrVector(size): `size` pointers to doubles."""

    _hoc_name = "PtrVector"

    def __init__(self, *args):
        if not args:
            raise PtrVectorError("PtrVector not enough arguments: PtrVector(size) with size > 0")
        n = _size_arg(args[0], "PtrVector(%r)" % (args[0],))
        self._dummy = _Dummy()
        self._ptrs = [self._dummy] * n
        self._label = ""
        self._callback = None
        self._hoc_register()

    def _index(self, i, what):
        k = int(i)
        if not 0 <= k < len(self._ptrs):
            raise PtrVectorIndexError("%s.%s(%d): index out of range (size %d)"
                                      % (self.hname(), what, k, len(self._ptrs)))
        return k

    def size(self):
        """The number of pointers (an int)."""
        return len(self._ptrs)

    def __len__(self):
        return len(self._ptrs)

    def resize(self, n):
        """New size n > 0: the first pointers are kept, added ones point at the dummy.
        Returns n."""
        k = _size_arg(n, "%s.resize(%r)" % (self.hname(), n))
        if k < len(self._ptrs):
            del self._ptrs[k:]
        else:
            self._ptrs.extend([self._dummy] * (k - len(self._ptrs)))
        return k

    def pset(self, i, ref):
        """Pointer i points at `ref` (seg._ref_v, h._ref_t, HOC &x); returns its value."""
        k = self._index(i, "pset")
        if isinstance(ref, (int, float, str)) or ref is None or not hasattr(ref, "__getitem__") \
                or not hasattr(ref, "__setitem__"):
            raise TypeError("%s.pset(%d, %r): needs a reference to a variable (seg._ref_v, "
                            "h._ref_t; &var in HOC)" % (self.hname(), k, ref))
        value = float(ref[0])
        self._ptrs[k] = ref
        return value

    def getval(self, i):
        """The value pointer i points at."""
        return float(self._ptrs[self._index(i, "getval")][0])

    def setval(self, i, x):
        """Set the variable pointer i points at to x; returns x."""
        k = self._index(i, "setval")
        x = float(x)
        self._ptrs[k][0] = x
        return x

    def _same_size(self, vec, what):
        if len(vec) != len(self._ptrs):
            raise PtrVectorError("%s.%s(%s): the Vector's size (%d) must be the PtrVector's (%d)"
                                 % (self.hname(), what, _name(vec), len(vec), len(self._ptrs)))

    def scatter(self, vec):
        """The pointed-to variables take the values of vec's elements (same size)."""
        self._same_size(vec, "scatter")
        src = [float(x) for x in _values(vec)]
        for p, x in zip(self._ptrs, src):
            p[0] = x
        return 0.0

    def gather(self, vec):
        """vec's elements take the values of the pointed-to variables (same size)."""
        self._same_size(vec, "gather")
        vals = [float(p[0]) for p in self._ptrs]
        for k, x in enumerate(vals):
            vec[k] = x
        return 0.0

    def label(self, *args):
        """label(s) sets the label; returns the label."""
        if args:
            self._label = str(args[0])
        return self._label

    def ptr_update_callback(self, *args):
        """Kept: ranvier's pointers follow storage changes themselves, so it is never run."""
        self._callback = args if args else None
        return 0.0

    def plot(self, *args):
        """Plots in a Graph: nothing to draw headless; returns 0."""
        return 0.0


def _values(vec):
    as_numpy = getattr(vec, "as_numpy", None)
    return as_numpy() if as_numpy is not None else list(vec)


def _name(vec):
    h = getattr(vec, "hname", None)
    return h() if h is not None else repr(vec)
