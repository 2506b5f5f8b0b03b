"""Array range variables of NMODL mechanisms (``STATE { ca[NANN] }``) seen from Python.

``seg.mech.ca`` (and ``seg.ca_mech``, ``pp.arr``) is an ``ArrayVar``: ``ca[i]``,
``ca[i] = x``, ``len(ca)``, ``list(ca)``.  ``seg.mech._ref_ca`` is an ``ArrayRef``
whose items are the element pointers (``Vector.record(seg.mech._ref_ca[2])``).
An array's elements are consecutive rows of the mechanism's data, the first one
carrying the array's name (nmodl/analysis.py).
"""

from ..core.errors import ModelError


def _index(i, n, label):
    if isinstance(i, bool) or not isinstance(i, (int,)) and not hasattr(i, "__index__"):
        try:
            i = int(i)
        except (TypeError, ValueError):
            raise TypeError("%s: an array index must be an integer, not %r" % (label, i)) from None
    i = int(i)
    if not 0 <= i < n:
        raise IndexError("%s: index %d out of range (the array has %d elements)" % (label, i, n))
    return i


class ArrayVar:
    """The elements of one array variable of one mechanism instance."""

    __slots__ = ("_get", "_set", "_n", "_label")

    def __init__(self, get, set_, n, label):
        self._get = get      # k -> float
        self._set = set_     # (k, value) -> None
        self._n = n
        self._label = label

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(self._n))]
        return self._get(_index(i, self._n, self._label))

    def __setitem__(self, i, value):
        self._set(_index(i, self._n, self._label), float(value))

    def __iter__(self):
        return iter([self._get(k) for k in range(self._n)])

    def __repr__(self):
        return "%s%r" % (self._label, [self._get(k) for k in range(self._n)])

    def __float__(self):
        raise ModelError("%s is an array of %d elements: index it (%s[0])"
                         % (self._label, self._n, self._label))


class ArrayRef:
    """``_ref_arr``: ``ref[i]`` is the pointer to element i."""

    __slots__ = ("_make", "_n", "_label")

    def __init__(self, make, n, label):
        self._make = make    # k -> Pointer
        self._n = n
        self._label = label

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        return self._make(_index(i, self._n, self._label))

    def __repr__(self):
        return "<pointers to %s[0..%d]>" % (self._label, self._n - 1)
