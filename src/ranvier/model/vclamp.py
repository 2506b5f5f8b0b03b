"""VClamp's arrays: vc.dur[k], vc.amp[k] and vc._ref_dur[k], vc._ref_amp[k].

NEURON's VClamp declares ``dur[3]`` and ``amp[3]``.  ranvier's VClamp.mod keeps
them in the scalars dur0..dur2 and amp0..amp2 (hidden from RANGE) until the
NMODL compiler has arrays; these views give them NEURON's spelling, from Python
and from HOC (``vc.dur[1] = 5``, ``list(vc.amp)``, ``vc._ref_amp[0]``).
"""
from ..core.errors import ModelError
from .pointer import Pointer
from . import store


class ArrayIndexError(ModelError, IndexError):
    """An index outside an array variable of a point process (vc.dur[3])."""


class _ArrayView:
    """vc.dur / vc.amp: an array of 3 doubles stored in the instance's rows."""

    __slots__ = ("_pp", "_name", "_rows")

    def __init__(self, pp, name, rows):
        self._pp = pp
        self._name = name
        self._rows = rows

    def _index(self, k):
        try:
            j = int(k)
        except (TypeError, ValueError):
            raise TypeError("%s.%s: index must be an integer, not %s"
                            % (self._pp.hname(), self._name, type(k).__name__)) from None
        if j < 0:
            j += len(self._rows)
        if not 0 <= j < len(self._rows):
            raise ArrayIndexError("%s.%s[%d]: index out of range (the array has %d elements)"
                             % (self._pp.hname(), self._name, int(k), len(self._rows)))
        return j

    def __getitem__(self, k):
        ms = store.mech_store(self._pp._mech)
        return float(ms.data[self._rows[self._index(k)], self._pp._slot])

    def __setitem__(self, k, value):
        ms = store.mech_store(self._pp._mech)
        ms.data[self._rows[self._index(k)], self._pp._slot] = float(value)

    def __len__(self):
        return len(self._rows)

    def __iter__(self):
        return iter([self[k] for k in range(len(self._rows))])

    def __repr__(self):
        return "%s.%s" % (self._pp.hname(), self._name)


class _RefArray(_ArrayView):
    """vc._ref_amp: vc._ref_amp[k] is a pointer to element k."""

    __slots__ = ()

    def __getitem__(self, k):
        j = self._index(k)
        return Pointer("pp", (self._pp, self._rows[j]), "%s.%s[%d]" % (self._pp.hname(), self._name, j))

    def __setitem__(self, k, value):
        raise TypeError("%s._ref_%s[%d]: a pointer cannot be assigned"
                        % (self._pp.hname(), self._name, int(k)))


def _array(name, ref=False):
    cls = _RefArray if ref else _ArrayView

    def get(self):
        ms = store.mech_store(self._mech)
        return cls(self, name, [ms.row["%s%d" % (name, k)] for k in range(3)])

    def set_(self, value):
        raise TypeError("%s.%s is an array: assign its elements (%s.%s[0] = ...)"
                        % (self.hname(), name, self.hname(), name))

    return property(get, set_, doc="VClamp's %s[3] (%s)" % (name, "pointers" if ref else "values"))


METHODS = {"dur": _array("dur"), "amp": _array("amp"),
           "_ref_dur": _array("dur", ref=True), "_ref_amp": _array("amp", ref=True)}
