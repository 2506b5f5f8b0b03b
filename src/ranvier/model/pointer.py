"""Pointers to model values (`seg._ref_v`, `h._ref_t`, `pp._ref_i`, ...).

A pointer names a value logically (which section and x, which mechanism
variable) rather than by address, because the engine re-orders storage when
the model's structure changes.  `locate()` gives (array name, flat index) in
the current layout; `ptr[0]` reads and writes the value.
"""

from . import store
from .clock import CLOCK


class Pointer:
    """NEURON's hoc pointer to a double (what `_ref_` attributes return)."""

    __slots__ = ("kind", "args", "label")

    def __init__(self, kind, args, label):
        self.kind = kind          # 'v' | 'mech' | 'pp' | 'ion' | 't' | 'var'
        self.args = args
        self.label = label

    def locate(self):
        """(array key, flat index): key 't', 'v', 'ions' or ('mech', name)."""
        k, a = self.kind, self.args
        if k == "t":
            return "t", 0
        if k == "v":
            sec, x = a
            sec._check(self.label)
            return "v", sec._node_at(x)
        if k == "ion":
            sec, x, ion, field = a
            sec._check(self.label)
            node = sec._node_at(x)
            cap = store.NODES.capacity
            return "ions", (ion * store.NFIELDS + field) * cap + node
        if k == "mech":
            sec, j, mech, row = a
            sec._check(self.label)
            ms = store.mech_store(mech)
            slot = int(sec._mechs[mech.name][j])
            return ("mech", mech.name), row * ms.data.shape[1] + slot
        if k == "pp":
            pp, row = a
            ms = store.mech_store(pp._mech)
            return ("mech", pp._mech.name), row * ms.data.shape[1] + pp._slot
        raise TypeError("pointer %s cannot be located" % self.label)

    def _array(self, key):
        if key == "v":
            return store.NODES.v
        if key == "ions":
            return store.NODES.ions.reshape(-1)
        return store.mech_store(self._mech()).data.reshape(-1)

    def _mech(self):
        return self.args[2] if self.kind == "mech" else self.args[0]._mech

    def __getitem__(self, i):
        if i != 0:
            raise IndexError("a pointer has only element 0")
        if self.kind == "t":
            return CLOCK.t
        if self.kind == "var":
            return self.args[0]()
        key, idx = self.locate()
        return float(self._array(key)[idx])

    def __setitem__(self, i, value):
        if i != 0:
            raise IndexError("a pointer has only element 0")
        if self.kind == "t":
            CLOCK.t = float(value)
            return
        if self.kind == "var":
            self.args[1](value)
            return
        key, idx = self.locate()
        self._array(key)[idx] = float(value)

    def __repr__(self):
        return "<pointer to %s>" % self.label
