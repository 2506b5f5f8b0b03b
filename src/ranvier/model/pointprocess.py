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
from .clock import CLOCK
from .pointer import Pointer, pointer_target, set_pointer_target
from .rangearrays import ArrayRef, ArrayVar
from .section import Section, cas
from .segment import Segment

_serial = itertools.count()
_classes = {}


def reset():
    """ranvier.reset(): every point process leaves the model (store.reset() then
    empties the registry).  One still held is retired: its use raises
    ClearedObjectError, so it cannot read or write a slot of the new model.  The
    classes (h.IClamp) stay: they belong to the loaded mechanisms."""
    from ..core.hocobject import retire
    for pp in list(store.POINT_PROCESSES.values()):
        retire(pp)


# The engine owns every mechanism's GLOBALs and TABLE arrays; whoever wires model and
# engine together (ranvier.library) attaches `arrays(mech) -> (gv, tbl)` here, so that
# a FUNCTION called as a method reads the values the simulation uses.
_MECH_ARRAYS = [None]


def attach_mechanism_arrays(arrays):
    """Route the GLOBAL and TABLE arrays of a mechanism to `arrays(mech) -> (gv, tbl)`."""
    _MECH_ARRAYS[0] = arrays


def _mechanism_arrays(mech):
    arrays = _MECH_ARRAYS[0]
    if arrays is not None:
        return arrays(mech)
    import numpy as np     # nothing attached (a bare model): the defaults
    return (np.array(mech.global_defaults or [0.0], dtype=float),
            np.zeros(tuple(max(1, k) for k in mech.table_shape)))


def _function_method(mech, name, kind, args):
    """The method `pp.name(*args)` of a FUNCTION/PROCEDURE of mech (NMODL.md section 1):
    it runs on this instance's variables at the present t (and v, for a located one);
    a FUNCTION returns its value, a PROCEDURE 1.0."""
    nargs = len(args)

    def method(self, *values):
        if len(values) != nargs:
            raise TypeError("%s.%s() takes %d argument%s (%s), got %d"
                            % (self.hname(), name, nargs, "" if nargs == 1 else "s",
                               ", ".join(args), len(values)))
        if self._sec is not None and self._sec._deleted:
            self._check_located(name + "()")
        values = [float(x) for x in values]
        fn = self._mech.module().FUNCTIONS[name]
        gv, tbl = _mechanism_arrays(self._mech)
        v, area = 0.0, 100.0
        if self.has_loc():
            v = float(store.NODES.v[self._node()])
            if 0.0 < self._x < 1.0:
                area = Segment(self._sec, self._x).area()
        data = store.mech_store(self._mech).data
        r = fn(data, self._slot, gv, tbl, v, float(CLOCK.t), float(CLOCK.dt),
               float(CLOCK.celsius), area, *values)
        return 1.0 if kind == "PROCEDURE" else float(r)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = "%s %s(%s) of %s, at the present t" % (kind, name, ", ".join(args), mech.name)
    return method


def _py_name(name):
    """NEURON's Python spelling of a variable ('del' is a keyword: 'delay')."""
    return "delay" if name == "del" else name


class PointProcess(HocObject):
    """Base class of every point-process type.

    `h.IClamp` is the template (it prints as `IClamp()`); its instances belong to
    a subclass made with it that prints as NEURON's `<class 'hoc.HocObject'>`."""

    _mech = None
    _neuron_template = True

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls.__dict__.get("_instance_class", cls))

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
        if args:     # no location given: not located (has_loc() 0), even with sec=, as in NEURON
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
        asked = x                       # NEURON's loc() answers the x asked for
        if 0.0 < x < 1.0:
            x = s._center_x(s._segidx(x))
        self._sec = s
        self._x = x
        store.topology_changed()
        return asked

    def get_loc(self):
        """The x of the location (NEURON's error when there is none)."""
        self._check_located("get_loc()")
        return self._x

    def _check_located(self, what):
        sec = self._sec
        if sec is None:
            raise ModelError("%s.%s: point process not located in a section" % (self.hname(), what))
        if sec._deleted:
            sec._check("%s.%s: the point process was in it" % (self.hname(), what))

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
        if attr.startswith("_") and not attr.startswith("_ref_"):
            raise AttributeError(attr)
        if self._sec is not None and self._sec._deleted:
            self._check_located(attr)
        if attr.startswith("_ref_"):
            row = self._row(attr[5:])
            if attr[5:] in self._mech.pointers:     # POINTER: the target's handle (model/pointer.py)
                target = pointer_target(self, self._mech, attr[5:])
                if target is not None:
                    return target
            if attr[5:] in self._mech.arrays:   # an NMODL array: consecutive rows
                return ArrayRef(lambda k: Pointer("pp", (self, row + k), "%s.%s[%d]"
                                                  % (self.hname(), attr[5:], k)),
                                self._mech.arrays[attr[5:]], "%s.%s" % (self.hname(), attr[5:]))
            return Pointer("pp", (self, row), "%s.%s" % (self.hname(), attr[5:]))
        if attr.startswith("_"):
            raise AttributeError(attr)
        ms = store.mech_store(self._mech)
        if "_ran_%s_id1" % attr in ms.row:     # an NMODL RANDOM variable: its stream
            from ..data.rng import NMODLRandom
            return NMODLRandom(lambda: (store.mech_store(self._mech).data, self._slot),
                               ms.row["_ran_%s_id1" % attr], attr)
        if attr in self._mech.arrays:
            row = self._row(attr)

            def put(k, value):
                store.mech_store(self._mech).data[row + k, self._slot] = value
            return ArrayVar(lambda k: float(store.mech_store(self._mech).data[row + k, self._slot]),
                            put, self._mech.arrays[attr], "%s.%s" % (self.hname(), attr))
        if attr in self._mech.pointers:             # POINTER: the target's value
            target = pointer_target(self, self._mech, attr)
            if target is not None:
                return target[0]
        return float(ms.data[self._row(attr), self._slot])

    def __setattr__(self, attr, value):
        if attr.startswith("_ref_") and attr[5:] in self._mech.pointers:   # pp._ref_p = seg._ref_v
            set_pointer_target(self, self._mech, attr[5:], value, "%s.%s" % (self.hname(), attr))
            return
        if attr in self._mech.pointers and pointer_target(self, self._mech, attr) is not None:
            pointer_target(self, self._mech, attr)[0] = value     # writes through, as NEURON
            return
        if attr.startswith("_"):
            object.__setattr__(self, attr, value)
            return
        if self._sec is not None and self._sec._deleted:
            self._check_located(attr)
        ms = store.mech_store(self._mech)
        ms.data[self._row(attr), self._slot] = float(value)

    def __dir__(self):
        return sorted(set(_py_name(n) for n in self._mech.public_range)
                      | set(self._mech.functions)
                      | set(n for n in _extra_methods(self._mech.name) if not n.startswith("_"))
                      | {"get_segment", "loc", "has_loc", "get_loc", "hname",
                         "baseattr", "hocobjptr", "same"})

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
        ns = {"_mech": mech, "_hoc_name": mech.name, "__doc__": "Point process %s" % mech.name}
        for fname, f in mech.functions.items():
            if not hasattr(PointProcess, fname):
                ns[fname] = _function_method(mech, fname, f["kind"], f["args"])
        ns.update(_extra_methods(mech.name))
        cls = type(mech.name, (PointProcess,), ns)
        cls._instance_class = type(mech.name, (cls,), {
            "_neuron_repr": "<class 'hoc.HocObject'>", "__doc__": cls.__doc__})
        _classes[mech.name] = cls
    return cls


def _extra_methods(name):
    """Methods and attributes a built-in point process has beyond its .mod file
    (APCount.record, VClamp's dur[] and amp[])."""
    if name == "APCount":
        from .apcount import METHODS
        return METHODS
    if name == "VClamp":
        from .vclamp import METHODS
        return METHODS
    return {}


live_point_processes = store.live_point_processes


