"""Segments (`sec(x)`) and the mechanism views they give (`seg.hh`)."""
import math

import numpy as np

from ..core.errors import ModelError
from ..core.hocobject import NeuronType
from . import mechanisms, store
from .pointer import Pointer, pointer_target, set_pointer_target
from .rangearrays import ArrayRef, ArrayVar
from .extracellular import alias as _ext_alias
from .store import NODES, ION_NAMES


def _ion_attr(attr):
    """'ena' -> ('na', 0); 'ik' -> ('k', 1); 'cai' -> ('ca', 3); 'nao' -> ('na', 4);
    'dik_dv_' -> ('k', 2) (dI/dv of the ion current, summed over the mechanisms)."""
    for k, ion in enumerate(ION_NAMES):
        if attr == "e" + ion:
            return k, store.ION_E
        if attr == "di%s_dv_" % ion:
            return k, store.ION_DIDV
        if attr == "i" + ion:
            return k, store.ION_I
        if attr == ion + "i":
            return k, store.ION_CI
        if attr == ion + "o":
            return k, store.ION_CO
    return None


class Segment(metaclass=NeuronType):
    """A location x on a section; the segment containing x carries the membrane."""

    _neuron_repr = "<class 'nrn.Segment'>"

    __slots__ = ("sec", "x")

    def __init__(self, sec, x):
        object.__setattr__(self, "sec", sec)
        object.__setattr__(self, "x", float(x))

    def __str__(self):
        return "%s(%g)" % (self.sec.name(), self.x)

    __repr__ = __str__

    def __eq__(self, other):
        return (isinstance(other, Segment) and other.sec is self.sec
                and other._node() == self._node())

    def __hash__(self):
        return hash((id(self.sec), self._node()))

    def __lt__(self, other):
        return (self.sec._serial, self.x) < (other.sec._serial, other.x)

    def hname(self):
        return str(self)

    # -- where this segment's values are ------------------------------------
    def _node(self):
        return self.sec._node_at(self.x)

    def _segidx(self):
        """Index of the segment carrying mechanisms, None at the 0 and 1 ends."""
        x = self.x
        if x == 0.0 or x == 1.0:
            return None
        return self.sec._segidx(x)

    def node_index(self):
        self.sec._check()
        return self.sec._segidx(self.x)

    def _live(self, what):
        """The section, after checking it was not deleted (`what` names the access)."""
        sec = self.sec
        if sec._deleted:
            sec._check("%s(%g).%s" % (sec.name(), self.x, what))
        return sec

    # -- geometry -------------------------------------------------------------
    def area(self):
        """Membrane area of the segment (um2); 0 at the section's ends."""
        sec = self._live("area()")
        j = self._segidx()
        if j is None:
            return 0.0
        return float(sec._geometry()[0][j])

    def ri(self):
        """Axial resistance (megohm) between this node and its parent node.

        At the attached end (x = 0, x = 1 for a reversed section) the node is the
        parent's node at the connection point: its value as last computed (NEURON does
        not recompute it here), 1e30 before that and at a root's end."""
        sec = self._live("ri()")
        xe = sec._xn(self.x)
        if xe == 0.0:
            return sec._zero_end_ri()
        rinv = sec._geometry()[1]
        j = sec._nseg if xe == 1.0 else sec._segidx(self.x)
        return 1.0 / float(rinv[j])

    @property
    def diam(self):
        sec = self._live("diam")
        d = sec._seg_diams()
        return float(d[sec._segidx(self.x)])

    @diam.setter
    def diam(self, value):
        sec = self._live("diam")
        value = float(value)
        if not value > 0 or math.isinf(value):
            raise ModelError("%s: diam must be positive and finite, got %r" % (self, value))
        sec._diam[sec._segidx(self.x)] = value
        p = sec._pt3d
        if p is not None and len(p) > 0:
            # As NEURON: with 3-D points, assigning a segment's diam refills every
            # point's diameter with the (stored) diam of the segment that holds it,
            # so the section keeps the new value once its geometry is recomputed.
            L = max(float(sec._arc[-1]), 1e-9)
            for i in range(len(p)):
                p[i, 3] = np.float32(sec._diam[sec._segidx(min(float(sec._arc[i]) / L, 1.0))])
        sec._geom_cache = None
        store.geometry_changed()

    @property
    def cm(self):
        sec = self._live("cm")
        return float(NODES.cm[sec._nodes[sec._segidx(self.x)]])

    @cm.setter
    def cm(self, value):
        sec = self._live("cm")
        value = float(value)
        if not math.isfinite(value):
            raise ModelError("%s: cm must be finite, got %r" % (self, value))
        NODES.cm[sec._nodes[sec._segidx(self.x)]] = value

    @property
    def v(self):
        self._live("v")
        return float(NODES.v[self._node()])

    @v.setter
    def v(self, value):
        self._live("v")
        NODES.v[self._node()] = float(value)

    @property
    def _ref_v(self):
        self._live("_ref_v")
        return Pointer("v", (self.sec, self.x), "%s.v" % self)

    def point_processes(self):
        self._live("point_processes()")
        node = self._node()
        return [p for p in store.live_point_processes() if p.has_loc() and p._sec is self.sec
                and p._node() == node]

    # -- mechanisms -----------------------------------------------------------
    def __iter__(self):
        """The mechanisms in this segment (density mechanisms and ions)."""
        self._live("mechanisms")
        j = self._segidx()
        if j is None:
            return iter(())
        views = []
        for name in self.sec._props:
            if name.endswith("_ion") and name not in self.sec._mechs:
                views.append(IonView(self, name[:-4]))
            else:
                views.append(MechView(self, mechanisms.get(name), j))
        return iter(views)

    def has_membrane(self, name):
        return self._live("has_membrane()").has_membrane(name)

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        attr = _ext_alias(attr)         # seg.xg, seg._ref_vext: extracellular's bare names
        sec = self._live(attr)
        ref = attr.startswith("_ref_")
        name = attr[5:] if ref else attr
        if name in sec._mechs:
            if ref:
                raise AttributeError(attr)
            j = self._segidx()
            if j is None:
                raise AttributeError("%s: no %s at the section's end (x = %g)" % (self, name, self.x))
            return MechView(self, mechanisms.get(name), j)
        ion = _ion_attr(name)
        if ion is not None:
            k, field = ion
            if ref:
                return Pointer("ion", (sec, self.x, k, field), "%s.%s" % (self, name))
            # ions live in the segments: x = 0 or 1 is the nearest one's, as in NEURON
            return float(NODES.ions[k, field, sec._nodes[sec._segidx(self.x)]])
        found = mechanisms.suffix_lookup(name)
        if found is not None:
            base, mech = found
            if mech.name in sec._mechs:
                # a suffixed name at x = 0 or 1 is the nearest segment's, as in NEURON
                # (HOC's `for (x) gkabar_kad(x) = ...`); only seg.mech refuses the ends
                view = MechView(self, mech, sec._segidx(self.x))
                return view._pointer(base) if ref else view._get(base)
            raise AttributeError("%s: mechanism %s is not inserted in %s, so it has no %r"
                                 % (self, mech.name, sec.name(), name))
        if ref and name in ("diam", "cm"):
            raise AttributeError("_ref_%s is not supported" % name)
        raise AttributeError("%s has no attribute %r" % (self, attr))

    def __setattr__(self, attr, value):
        prop = getattr(type(self), attr, None)
        if isinstance(prop, property):
            prop.fset(self, value)
            return
        attr = _ext_alias(attr)
        sec = self._live(attr)
        ion = _ion_attr(attr)
        if ion is not None:
            k, field = ion
            NODES.ions[k, field, sec._nodes[sec._segidx(self.x)]] = float(value)
            return
        found = mechanisms.suffix_lookup(attr)
        if found is not None:
            base, mech = found
            if mech.name not in sec._mechs:
                raise AttributeError("%s: mechanism %s is not inserted in %s, so it has no %r"
                                     % (self, mech.name, sec.name(), attr))
            MechView(self, mech, sec._segidx(self.x))._set(base, value)   # ends: nearest segment
            return
        raise AttributeError("%s has no range variable %r" % (self, attr))


class RangeVar(metaclass=NeuronType):
    """One variable of a mechanism, as `for v in seg.hh` yields it."""

    _neuron_repr = "<class 'nrn.RangeVar'>"

    __slots__ = ("_name", "_mech")

    def __init__(self, name, mech):
        self._name = name
        self._mech = mech

    def name(self):
        return self._name

    def mechanism(self):
        return self._mech

    mech = mechanism

    def __len__(self):
        return 1

    def __getitem__(self, i):
        """rv[0]: the variable's value in the segment (NEURON's scalar range variables)."""
        if i != 0:
            raise IndexError(self._name)
        return getattr(self._mech._seg, self._name)

    def __setitem__(self, i, value):
        if i != 0:
            raise IndexError(self._name)
        setattr(self._mech._seg, self._name, value)

    def __repr__(self):
        return self._name


class MechView(metaclass=NeuronType):
    """`seg.hh`: the hh variables of one segment, by their unsuffixed names."""

    _neuron_repr = "<class 'nrn.Mechanism'>"

    __slots__ = ("_seg", "_mech", "_j")

    def __init__(self, seg, mech, j):
        object.__setattr__(self, "_seg", seg)
        object.__setattr__(self, "_mech", mech)
        object.__setattr__(self, "_j", j)

    def name(self):
        return self._mech.name

    def is_ion(self):
        return False

    def segment(self):
        return self._seg

    def __repr__(self):
        return self._mech.name

    def __iter__(self):
        return iter([RangeVar("%s_%s" % (n, self._mech.name), self) for n in self._mech.public_range])

    def _slot(self):
        sec = self._seg._live(self._mech.name)
        try:
            return int(sec._mechs[self._mech.name][self._j])
        except KeyError:
            raise ModelError("%s: mechanism %s was uninserted from %s"
                             % (self._seg, self._mech.name, sec.name())) from None

    def _row(self, name):
        try:
            return store.mech_store(self._mech).row[name]
        except KeyError:
            raise AttributeError("%s has no range variable %r" % (self._mech.name, name)) from None

    def _get(self, name):
        if name not in self._mech.public_range:
            raise AttributeError("%s has no range variable %r" % (self._mech.name, name))
        ms = store.mech_store(self._mech)
        if name in self._mech.arrays:   # an NMODL array: consecutive rows
            row = ms.row[name]

            def get(k):
                return float(store.mech_store(self._mech).data[row + k, self._slot()])

            def put(k, value):
                store.mech_store(self._mech).data[row + k, self._slot()] = value
            return ArrayVar(get, put, self._mech.arrays[name], "%s_%s" % (name, self._mech.name))
        return float(ms.data[ms.row[name], self._slot()])

    def _set(self, name, value):
        if name not in self._mech.public_range:
            raise AttributeError("%s has no range variable %r" % (self._mech.name, name))
        ms = store.mech_store(self._mech)
        ms.data[ms.row[name], self._slot()] = float(value)   # an array: its element 0

    def _pointer(self, name):
        self._slot()
        if name not in self._mech.public_range:
            raise AttributeError("%s has no range variable %r" % (self._mech.name, name))
        if name in self._mech.arrays:
            row = self._row(name)
            return ArrayRef(lambda k: Pointer("mech", (self._seg.sec, self._j, self._mech, row + k),
                                              "%s.%s_%s[%d]" % (self._seg, name, self._mech.name, k)),
                            self._mech.arrays[name], "%s.%s_%s" % (self._seg, name, self._mech.name))
        return Pointer("mech", (self._seg.sec, self._j, self._mech, self._row(name)),
                       "%s.%s_%s" % (self._seg, name, self._mech.name))

    def __getattr__(self, attr):
        if attr.startswith("_ref_"):
            if attr[5:] in self._mech.pointers:      # POINTER: the target's handle
                target = pointer_target((self._seg.sec, self._j, self._mech), self._mech, attr[5:])
                if target is not None:
                    return target
            return self._pointer(attr[5:])
        if attr.startswith("__"):
            raise AttributeError(attr)
        if attr in self._mech.pointers:               # POINTER: the target's value
            target = pointer_target((self._seg.sec, self._j, self._mech), self._mech, attr)
            if target is not None:
                return target[0]
        if attr in self._mech.functions and attr not in self._mech.public_range:
            from . import mechfuncs          # seg.mech.f(x): FUNCTION/PROCEDURE on this instance
            return mechfuncs.method(self, attr)
        return self._get(attr)

    def __setattr__(self, attr, value):
        if attr.startswith("_ref_") and attr[5:] in self._mech.pointers:   # seg.mech._ref_p = ref
            self._slot()
            set_pointer_target((self._seg.sec, self._j, self._mech), self._mech, attr[5:], value,
                               "%s.%s.%s" % (self._seg, self._mech.name, attr))
            return
        self._set(attr, value)


class IonView(metaclass=NeuronType):
    """`na_ion` etc. in a segment's mechanism list."""

    _neuron_repr = "<class 'nrn.Mechanism'>"

    def __init__(self, seg, ion):
        self._seg = seg
        self._ion = ion

    def name(self):
        return self._ion + "_ion"

    def is_ion(self):
        return True

    def __iter__(self):
        i = self._ion
        return iter([RangeVar(n, self) for n in ("e" + i, i + "i", i + "o", "i" + i,
                                                 "di%s_dv_" % i)])

    def __getattr__(self, attr):
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self._seg, attr)

    def __repr__(self):
        return self.name()
