"""Point processes (IClamp, ExpSyn, ...): one mechanism instance at one location.

Each POINT_PROCESS mechanism becomes a Python class (`h.IClamp`).  An instance
lives at the centre of the segment containing the x it was given (or at the
0 or 1 end) and is freed as soon as no Python or HOC reference remains.
"""
import itertools
import weakref

from ..core.errors import ModelError
from ..core.hocobject import HocObject
from . import store
from .pointer import Pointer
from .section import Section, cas
from .segment import Segment

_serial = itertools.count()
_classes = {}


def _py_name(name):
    """NEURON's Python spelling of a variable ('del' is a keyword: 'delay')."""
    return "delay" if name == "del" else name


class PointProcess(HocObject):
    """Base class of every point-process type."""

    _mech = None

    def __init__(self, *args, sec=None):
        self._serial = next(_serial)
        self._sec = None
        self._x = 0.5
        ms = store.mech_store(self._mech)
        self._slot = int(ms.alloc(1)[0])
        for ion in self._mech.ions:
            store.ion_index(ion[0], ion[3] if len(ion) > 3 else None)
        self._hoc_register()
        store.POINT_PROCESSES[self._serial] = self
        if args or (sec is not None and not self._mech.is_artificial):
            self.loc(*args, sec=sec)
        store.topology_changed()

    # -- location ---------------------------------------------------------
    def loc(self, *args, sec=None):
        """Move to `seg` (or x on `sec=`/the accessed section); returns the x used."""
        if len(args) == 1 and isinstance(args[0], Segment):
            seg = args[0]
            s, x = seg.sec, seg.x
        elif len(args) == 1:
            s = sec if sec is not None else cas()
            x = float(args[0])
        else:
            raise TypeError("%s.loc(): expected a segment or x" % self.hname())
        if not isinstance(s, Section):
            raise TypeError("%s: location must be on a Section" % self.hname())
        s._check()
        if not (0.0 <= x <= 1.0):
            raise ModelError("%s: x must be in [0, 1], got %r" % (self.hname(), x))
        if 0.0 < x < 1.0:
            n = s._nseg
            x = (s._segidx(x) + 0.5) / n
        self._sec = s
        self._x = x
        store.topology_changed()
        return x

    def get_loc(self):
        return self._x

    def has_loc(self):
        """1.0 if placed in a (living) section, else 0.0 (NEURON returns a number)."""
        return 1.0 if (self._sec is not None and not self._sec._deleted) else 0.0

    def get_segment(self):
        """The segment this point process is in (None if it has no location)."""
        if not self.has_loc():
            return None
        return Segment(self._sec, self._x)

    def _node(self):
        return self._sec._node_at(self._x) if self.has_loc() else -1

    # -- variables --------------------------------------------------------
    def _row(self, name):
        if name == "delay":
            name = "del"
        if name not in self._mech.public_range:
            raise AttributeError("%s has no attribute %r" % (self.hname(), name))
        return store.mech_store(self._mech).row[name]

    def __getattr__(self, attr):
        if attr.startswith("_ref_"):
            row = self._row(attr[5:])
            return Pointer("pp", (self, row), "%s.%s" % (self.hname(), attr[5:]))
        if attr.startswith("_"):
            raise AttributeError(attr)
        ms = store.mech_store(self._mech)
        return float(ms.data[self._row(attr), self._slot])

    def __setattr__(self, attr, value):
        if attr.startswith("_"):
            object.__setattr__(self, attr, value)
            return
        ms = store.mech_store(self._mech)
        ms.data[self._row(attr), self._slot] = float(value)

    def __dir__(self):
        return sorted(set(_py_name(n) for n in self._mech.public_range)
                      | {"get_segment", "loc", "has_loc", "get_loc", "hname"})

    def __del__(self):
        try:
            store.mech_store(self._mech).free([self._slot])
            store.topology_changed()
        except Exception:
            pass


def point_process_class(mech):
    """The Python class for POINT_PROCESS `mech` (created once)."""
    cls = _classes.get(mech.name)
    if cls is None:
        cls = type(mech.name, (PointProcess,), {"_mech": mech, "_hoc_name": mech.name,
                                                 "__doc__": "Point process %s" % mech.name})
        _classes[mech.name] = cls
    return cls


live_point_processes = store.live_point_processes


