"""FUNCTIONs and PROCEDUREs of density mechanisms called from Python and HOC
(NMODL.md section 1, "FUNCTION/PROCEDURE calls"; checked with NEURON 9.0.2):

- ``seg.kd.f(x)`` runs on that segment's instance;
- ``h.f_kd(x)`` runs on the instance chosen by ``h.setdata_kd(seg)``;
- without setdata, a function that touches a per-instance variable (RANGE, STATE,
  an ion copy, a hidden ASSIGNED; directly or through a function it calls) raises
  RuntimeError ``No data for f_kd. Requires prior call to setdata_kd and that the
  specified mechanism instance still be in existence.`` (NEURON prints the same;
  for hidden ASSIGNED fields it segfaults); one that uses only its arguments and
  GLOBALs (hh's ``rates``) needs no instance;
- a PROCEDURE returns 1.0.

Point processes' functions are methods (model/pointprocess.py).
"""
from ..core.errors import HocError, ModelError
from . import mechanisms, store
from .clock import CLOCK
from .store import NODES

_ARRAYS = [None]      # mech -> (gv, tbl): the engine's arrays (attached by library/namespace)
_setdata = {}         # mechanism name -> the MechView chosen by setdata_<name>


def attach_mechanism_arrays(arrays):
    """Hook: ``arrays(mech)`` gives the mechanism's live (globals, table) arrays."""
    _ARRAYS[0] = arrays


def _arrays(mech):
    if _ARRAYS[0] is not None:
        return _ARRAYS[0](mech)
    import numpy as np     # nothing attached (a bare model): the defaults
    return (np.array(mech.global_defaults or [0.0], dtype=float),
            np.zeros(tuple(max(1, k) for k in mech.table_shape)))


def call(mech, fname, view, values, where):
    """Run FUNCTION/PROCEDURE ``fname`` of density ``mech`` on instance ``view`` (a
    MechView, or None for no instance) with ``values``; a PROCEDURE gives 1.0."""
    f = mech.functions[fname]
    nargs = len(f["args"])
    if len(values) != nargs:
        raise TypeError("%s() takes %d argument%s (%s), got %d"
                        % (where, nargs, "" if nargs == 1 else "s", ", ".join(f["args"]), len(values)))
    values = [float(x) for x in values]
    fn = mech.module().FUNCTIONS[fname]
    gv, tbl = _arrays(mech)
    if view is None:
        data, slot, v, area = mech.new_data(1), 0, 0.0, 100.0
    else:
        slot = view._slot()
        seg = view._seg
        data = store.mech_store(mech).data
        v = float(NODES.v[seg._node()])
        area = float(seg.area())
    r = fn(data, slot, gv, tbl, v, float(CLOCK.t), float(CLOCK.dt), float(CLOCK.celsius), area, *values)
    return 1.0 if f["kind"] == "PROCEDURE" else float(r)


def method(view, fname):
    """``seg.mech.fname``: a callable bound to that segment's instance."""
    mech = view._mech

    def bound(*values):
        return call(mech, fname, view, values, "%s.%s.%s" % (view._seg, mech.name, fname))
    bound.__name__ = bound.__qualname__ = fname
    bound.__doc__ = "%s %s(%s) of %s on %s" % (mech.functions[fname]["kind"], fname,
                                                ", ".join(mech.functions[fname]["args"]), mech.name, view._seg)
    return bound


def _density(name):
    m = mechanisms.get(name, required=False)
    if m is None or m.is_point:
        return None
    return m


def h_function(name):
    """``h.setdata_sfx`` or ``h.f_sfx`` for a density mechanism's FUNCTION/PROCEDURE
    ``f``, or None when ``name`` is neither."""
    if name.startswith("setdata_"):
        mech = _density(name[len("setdata_"):])
        return None if mech is None else _setdata_function(mech)
    if name.startswith("table_"):
        fn = _function_table_setter(name)
        if fn is not None:
            return fn
    parts = name.split("_")
    for i in range(len(parts) - 1, 0, -1):
        fname, suffix = "_".join(parts[:i]), "_".join(parts[i:])
        if not fname or not suffix:
            continue
        mech = _density(suffix)
        if mech is not None and fname in mech.functions:
            return _global_function(mech, fname, name)
    return None


def _setdata_function(mech):
    def setdata(*args, sec=None):
        """setdata_sfx(seg) / setdata_sfx(x, sec=sec): the instance h.f_sfx() acts on."""
        if len(args) != 1:
            raise TypeError("setdata_%s takes one argument (a segment, or x with sec=)" % mech.name)
        seg = args[0]
        if not (hasattr(seg, "sec") and hasattr(seg, "x")):
            if sec is None:
                raise TypeError("setdata_%s(%r): give a segment (sec(x)), or x with sec=" % (mech.name, seg))
            seg = sec(float(seg))
        try:
            view = getattr(seg, mech.name)
        except (AttributeError, ModelError):
            raise ModelError("setdata_%s(%s): %s is not inserted there" % (mech.name, seg, mech.name)) from None
        view._slot()
        _setdata[mech.name] = view
        return 1.0
    setdata.__name__ = "setdata_" + mech.name
    return setdata


def _global_function(mech, fname, hname):
    needs = bool(mech.functions[fname].get("needs_instance", True))

    def fn(*values):
        view = _setdata.get(mech.name)
        if view is not None:
            try:
                view._slot()
            except (ModelError, ReferenceError):
                view = None
                _setdata.pop(mech.name, None)
        if view is None and needs:
            raise HocError("No data for %s. Requires prior call to setdata_%s and that the specified "
                           "mechanism instance still be in existence." % (hname, mech.name), hname)
        return call(mech, fname, view, values, hname)
    fn.__name__ = fn.__qualname__ = hname
    return fn


def _function_table_setter(hname):
    """``h.table_f_sfx``: the values of FUNCTION_TABLE f of mechanism sfx (nmodl codegen keeps
    them in hidden GLOBAL slots [count, x[cap], y[cap]]): ``(yvec, xvec)`` for linear
    interpolation in x, or ``(value)`` for a constant."""
    parts = hname[len("table_"):].split("_")
    for i in range(len(parts) - 1, 0, -1):
        fname, suffix = "_".join(parts[:i]), "_".join(parts[i:])
        mech = mechanisms.get(suffix, required=False)
        if mech is None or not fname:
            continue
        ft = mech.functions.get(fname, {}).get("function_table")
        if ft is None:
            continue

        def setter(*args):
            import numpy as np
            gv, _ = _arrays(mech)
            slot, cap = ft["slot"], ft["cap"]
            if len(args) == 1 and not hasattr(args[0], "__len__"):
                gv[slot] = -1.0
                gv[slot + 1] = float(args[0])
                return 0.0
            if len(args) != 2:
                raise TypeError("%s(yvec, xvec) or %s(value): got %d arguments" % (hname, hname, len(args)))
            y = np.asarray([float(a) for a in args[0]])
            x = np.asarray([float(a) for a in args[1]])
            if len(x) != len(y) or len(x) == 0:
                raise ValueError("%s: yvec and xvec need the same, nonzero size (%d, %d)"
                                 % (hname, len(y), len(x)))
            if len(x) > cap:
                raise ValueError("%s: ranvier holds at most %d points per FUNCTION_TABLE (got %d)"
                                 % (hname, cap, len(x)))
            if np.any(np.diff(x) <= 0):
                raise ValueError("%s: xvec must be strictly increasing" % hname)
            gv[slot] = float(len(x))
            gv[slot + 1:slot + 1 + len(x)] = x
            gv[slot + 1 + cap:slot + 1 + cap + len(y)] = y
            return 0.0
        setter.__name__ = setter.__qualname__ = hname
        return setter
    return None


def reset():
    """Forget the setdata choices (a fresh model)."""
    _setdata.clear()
