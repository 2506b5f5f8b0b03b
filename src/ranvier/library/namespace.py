"""The built-in NEURON namespace shared by Python's `h` and the HOC interpreter.

FUNCTIONS: built-in functions (section-dependent ones take `sec=`),
CLASSES: object types, and the built-in variables through get_var/set_var.
Mechanism classes (h.IClamp) and globals (h.usetable_hh) resolve lazily.
"""
import sys

from .. import engine
from . import fstim, mcellran4, praxis, stdlib
from . import stdrun
from .pt3dstyle import pt3dstyle
from ..core.errors import HocError, ModelError
from ..model import mechanisms as mechreg
from ..model import mechfuncs
from ..model import netcon
from ..model import pointprocess
from ..model import section as _section
from ..model import topology as _topology
from ..model import unitnames
from ..model.pointer import Pointer
from ..model.section import Section, resolve_sec
from ..model.segment import Segment


def _schedule_netcon_event(nc, t, flag):
    # deliberately lazy: engine.events imports numba
    from ..engine import events
    events.netcon_event(nc, t, flag)


netcon.attach_event_queue(_schedule_netcon_event)
# a point process's FUNCTION called as a method reads the engine's GLOBALs and TABLEs
pointprocess.attach_mechanism_arrays(lambda mech: (engine.mech_globals(mech),
                                                   engine.mech_table(mech)))
mechfuncs.attach_mechanism_arrays(pointprocess._mechanism_arrays)   # and h.f_sfx / seg.mech.f


def _sec(sec):
    return resolve_sec(sec)


# -- section-dependent functions ---------------------------------------------
def area(x, sec=None):
    return _sec(sec)(x).area()


def ri(x, sec=None):
    return _sec(sec)(x).ri()


def _distance_origin():
    return _DIST_ORIGIN[0]


_DIST_ORIGIN = [None]


def reset():
    """ranvier.reset(): no distance origin, no unit given with units(name, unit).
    Kept: the class table (a cache of classes)."""
    _DIST_ORIGIN[0] = None
    _UNITS_SET.clear()


def distance(*args, sec=None):
    """h.distance in all its forms (origin setting and measuring)."""
    # an object with a .segment (an rxd node) stands for that segment, as in NEURON
    args = tuple(a.segment if not isinstance(a, (Segment, int, float)) and hasattr(a, "segment")
                 else a for a in args)
    if len(args) == 2 and isinstance(args[0], Segment) and isinstance(args[1], Segment):
        a, b = args
        return _topology.path_distance(a.sec, a.x, b.sec, b.x)
    if len(args) == 1 and isinstance(args[0], Segment):
        seg = args[0]
        return _measure(seg.sec, seg.x)
    if len(args) == 2 and isinstance(args[1], Segment):
        mode, seg = args
        if int(mode) == 0:
            _DIST_ORIGIN[0] = (seg.sec, seg.x)
            return seg.x
        return _measure(seg.sec, seg.x)
    if len(args) == 0:
        s = _sec(sec)
        _DIST_ORIGIN[0] = (s, 0.0)
        return 0.0
    if len(args) == 1:
        return _measure(_sec(sec), float(args[0]))
    if len(args) == 2:
        mode, x = args
        s = _sec(sec)
        if int(mode) == 0:
            _DIST_ORIGIN[0] = (s, float(x))
            return float(x)
        return _measure(s, float(x))
    raise TypeError("distance: unexpected arguments %r" % (args,))


def _measure(sec, x):
    o = _DIST_ORIGIN[0]
    if o is None or o[0]._deleted:
        o = (sec.root(), 0.0)
        _DIST_ORIGIN[0] = o
    return _topology.path_distance(o[0], o[1], sec, x)


def topology():
    sys.stdout.write(_topology.topology_text())
    return 1.0


def pt3dadd(x, y, z, d, sec=None):
    return _sec(sec).pt3dadd(x, y, z, d)


def pt3dclear(*a, sec=None):
    return _sec(sec).pt3dclear()


def pt3dinsert(i, x, y, z, d, sec=None):
    _sec(sec).pt3dinsert(i, x, y, z, d)
    return 0.0


def pt3dremove(i, sec=None):
    _sec(sec).pt3dremove(i)
    return 0.0


def pt3dchange(i, *a, sec=None):
    _sec(sec).pt3dchange(i, *a)
    return 0.0


def n3d(sec=None):
    return float(_sec(sec).n3d())


def x3d(i, sec=None):
    return _sec(sec).x3d(i)


def y3d(i, sec=None):
    return _sec(sec).y3d(i)


def z3d(i, sec=None):
    return _sec(sec).z3d(i)


def diam3d(i, sec=None):
    return _sec(sec).diam3d(i)


def arc3d(i, sec=None):
    return _sec(sec).arc3d(i)


def define_shape(*a):
    from ..model.shape import define_shape as ds
    ds()
    return 1.0


def ismembrane(name, sec=None):
    s = _sec(sec)
    if name.endswith("_ion"):
        return float(name[:-4] in s._ion_names())
    return float(s.has_membrane(name))


def issection(pattern, sec=None):
    import re
    return float(re.fullmatch(pattern, _sec(sec).name()) is not None)


def section_orientation(sec=None):
    return _sec(sec)._orient


def parent_connection(sec=None):
    s = _sec(sec)
    return s._parent_x if s._parent is not None else 0.0


def secname(sec=None):
    """HOC's secname(): Python-made sections are '_pysec.<name>' there, as in NEURON."""
    s = _sec(sec)
    if s.is_pysec() and s._name is not None and s._cell is None:
        return "_pysec." + s.name()
    return s.name()


def psection(sec=None):
    """HOC's psection(): the section in NEURON's text form (first segment's values)."""
    s = _sec(sec)
    sys.stdout.write(_psection_text(s))
    return 1.0


def _g(x):
    return "%g" % x


def _ion_parameters(s, seg, ion):
    """psection's ion line shows the ion's parameters: the concentrations when mechanisms
    read them and none writes them, else e when it is read and not computed from them."""
    c_style, e_style = stdlib.get_style(s, ion)[:2]
    if c_style == 1:
        names = [ion + "i", ion + "o"]
    elif c_style == 0 and e_style >= 1:
        names = ["e" + ion]
    else:
        names = []
    return "".join(" %s=%s" % (n, _g(getattr(seg, n))) for n in names)


def _psection_text(s):
    lines = ["%s { nseg=%d  L=%g  Ra=%g" % (s.name(), s.nseg, s.L, s.Ra)]
    if s._parent is None:
        roots = [r for r in _section.allsec() if r._parent is None]
        lines.append("\t/*location 0 attached to cell %d*/" % roots.index(s))
    else:
        lines.append("\t%s connect %s (%g), %g" % (s._parent.name(), s.name(), s._orient,
                                                    s._parent_x))
    lines.append("\t/* First segment only */")
    seg = s((0.5) / s.nseg)
    lines.append("\tinsert morphology { diam=%s}" % _g(seg.diam))
    lines.append("\tinsert capacitance { cm=%s}" % _g(seg.cm))
    for name in reversed(s._props):
        if name.endswith("_ion") and name not in s._mechs:
            lines.append("\tinsert %s {%s}" % (name, _ion_parameters(s, seg, name[:-4])))
            continue
        mech = mechreg.get(name)
        params = [p for p, info in getattr(mech, "params", {}).items() if info.get("range")]
        vals = " ".join("%s_%s=%s" % (p, name, _g(getattr(seg, p + "_" + name))) for p in params)
        lines.append("\tinsert %s { %s}" % (name, vals))
    for pp in seg.point_processes():
        params = [p for p, info in getattr(pp._mech, "params", {}).items() if info.get("range")]
        vals = " ".join("%s=%s" % (p, _g(getattr(pp, "delay" if p == "del" else p)))
                        for p in params)
        lines.append("\tinsert %s { %s}" % (pp._mech.name, vals))
    lines.append("}")
    return "\n".join(lines) + "\n"


def cas():
    return _section.cas()


def delete_section(sec=None):
    _section.delete_section(_sec(sec))
    return 0.0


def disconnect(sec=None):
    """disconnect(): the section (cas) leaves its parent and roots its own tree."""
    _sec(sec).disconnect()
    return 0.0


# host functions that return an object (HOC echoes a None result as NULLobject)
OBJECT_FUNCTIONS = frozenset(("section_owner",))


def section_owner(sec=None):
    """section_owner(): the template instance (or cell=) owning the section, else None."""
    return _sec(sec).cell()


def finitialize(v=None):
    return engine.finitialize(None if v is None else float(v))


def fadvance():
    from ..engine import cvode
    if cvode.PARAMS.active:
        return cvode.fadvance()
    engine.fadvance()
    return 1.0


def cvode_active(*args):
    """h.cvode_active([flag]): variable time step on/off (engine/cvode.py)."""
    from ..engine import cvode
    return cvode.cvode_active(*args)


def fcurrent():
    return engine.fcurrent()


def frecord_init():
    return engine.frecord_init()


def hname():
    return "<TopLevelHocInterpreter>"


def allsec():
    return _section.allsec()


def load_file(*args):
    """h.load_file(name) / load_file(force, name): stdrun.hoc etc. are built in."""
    name = args[-1]
    base = str(name).replace("\\", "/").split("/")[-1]
    if base in ("stdrun.hoc", "nrngui.hoc", "noload.hoc", "stdlib.hoc", "stdgui.hoc"):
        stdrun.load(base)
        return 1.0
    from .. import hoc
    return float(hoc.interpreter().load_file(*args))


def quit(*a):
    raise SystemExit(0)


def setpointer(ref, name, obj):
    """h.setpointer(ref, 'p', obj): POINTER p of obj (a point process or seg.mech) points
    at ref (``obj._ref_p = ref``); returns None as NEURON's does."""
    if not isinstance(name, str):
        raise TypeError("setpointer(ref, name, obj): name must be a string, got %r" % (name,))
    mech = getattr(obj, "_mech", None)
    if mech is None or name not in getattr(mech, "pointers", ()):
        raise AttributeError("setpointer: %r has no POINTER %r" % (obj, name))
    setattr(obj, "_ref_" + name, ref)
    return None


def nrn_load_dll(path):
    """h.nrn_load_dll(file): load the mechanisms of the build folder holding `file`
    (``x86_64/libnrnmech.so`` of NEURON's or ranvier's nrnivmodl: the .mod sources it
    was built from); 1.0 when loaded, 0.0 when there is nothing (library/mechloader)."""
    from . import mechloader
    return mechloader.nrn_load_dll(path)


_UNITS_SET = {}      # name -> unit given with units(name, unit)


def units(*args):
    """h.units(name): NEURON's unit string of a variable ('S/cm2' for 'gnabar_hh', 'nA'
    for 'IClamp.amp', 'ms' for 'tstop'), '' if it has none; units(name, unit) sets it;
    units(1) / units(0) answer 'on' / 'off' (units display, which ranvier has not)."""
    if not args:
        raise HocError("units not enough arguments", "units()")
    name = args[0]
    if isinstance(name, (int, float)):
        if name in (0, 1):
            return "on" if name else "off"
        raise HocError("Arg out of range in user function", "units(%r)" % (name,))
    if not isinstance(name, str):
        raise HocError("Cannot find the symbol associated with the pointer when called from "
                       "Python. Use a string instead of pointer argument", "units(...)")
    unit = _unit(name)
    if unit is None:
        raise HocError("Cannot find the symbol for  %s" % name, "units(%r)" % name)
    if len(args) > 1:
        unit = _UNITS_SET[name] = str(args[1])
    return unit


def _unit(name):
    """The unit of `name`; '' for a known name without one; None for an unknown name."""
    unit = _UNITS_SET.get(name)
    if unit is not None:
        return unit
    if stdrun.loaded() and name in stdrun.UNITS:
        return stdrun.UNITS[name]
    unit = unitnames.unit_of(name)
    if unit is not None:
        return unit
    if "." in name:                 # 'Vector.size': a member of a built-in class
        cname, member = name.split(".", 1)
        cls = CLASSES.get(cname)
        return "" if cls is not None and hasattr(cls, member) else None
    if name in FUNCTIONS or name in CLASSES or has_var(name):
        return ""
    if stdrun.loaded() and (name in stdrun.VARS or name in stdrun.FUNCTIONS):
        return ""
    from .. import hoc              # HOC's own names: variables, procs, PI, sin, ...
    interp = hoc.interpreter()
    if interp.has(name):
        return ""
    try:
        interp.get(name)
    except (AttributeError, LookupError):
        return None
    return ""


FUNCTIONS = {
    "units": units,
    "area": area, "ri": ri, "distance": distance, "topology": topology,
    "pt3dadd": pt3dadd, "pt3dclear": pt3dclear, "pt3dinsert": pt3dinsert,
    "pt3dremove": pt3dremove, "pt3dchange": pt3dchange, "n3d": n3d, "x3d": x3d,
    "y3d": y3d, "z3d": z3d, "diam3d": diam3d, "arc3d": arc3d, "define_shape": define_shape,
    "ismembrane": ismembrane, "issection": issection, "section_orientation": section_orientation,
    "parent_connection": parent_connection, "secname": secname, "psection": psection,
    "cas": cas, "delete_section": delete_section, "disconnect": disconnect,
    "section_owner": section_owner, "finitialize": finitialize,
    "fadvance": fadvance, "fcurrent": fcurrent, "frecord_init": frecord_init, "hname": hname, "allsec": allsec,
    "load_file": load_file, "nrn_load_dll": nrn_load_dll, "setpointer": setpointer, "cvode_active": cvode_active,
    "pt3dstyle": pt3dstyle,
}
FUNCTIONS.update(stdlib.FUNCTIONS)                  # ion_style, nernst, ghk
FUNCTIONS.update(fstim.FUNCTIONS)                   # fstim, fstimi
FUNCTIONS.update(praxis.FUNCTIONS)                  # fit_praxis, attr_praxis, ...
FUNCTIONS.update(mcellran4.FUNCTIONS)               # mcell_ran4, mcell_ran4_init, use_mcell_ran4
stdrun.FUNCTIONS.update(stdlib.STDLIB_FUNCTIONS)    # lambda_f: defined by stdlib.hoc
STDRUN_FUNCTIONS = stdrun.FUNCTIONS


def _install_panel_functions():
    from .graphics import PANEL_FUNCTIONS
    for name, f in PANEL_FUNCTIONS.items():
        FUNCTIONS.setdefault(name, f)


_install_panel_functions()


def _vector():
    from ..data.vector import Vector
    return Vector


def _lists(name):
    from . import lists
    return lambda: getattr(lists, name)


def _graphics(name):
    def make():
        from . import graphics
        return graphics.CLASSES[name]
    return make


def _cvode_class():
    from ..engine.cvode import CVode
    return CVode


def _netcon():
    from ..model.netcon import NetCon
    return NetCon


_BASE_CLASSES = {"Section": lambda: Section, "Vector": _vector, "List": _lists("List"),
                 "SectionList": _lists("SectionList"), "SectionRef": _lists("SectionRef"),
                 "NetCon": _netcon, "CVode": _cvode_class}
def _module_class(module, name):
    def make():
        import importlib
        return getattr(importlib.import_module(module, __package__), name)
    return make


_BASE_CLASSES["Random"] = _module_class("..data.rng", "Random")
_BASE_CLASSES["ParallelContext"] = _module_class(".parallel", "ParallelContext")
_BASE_CLASSES["Matrix"] = _module_class("..data.matrix", "Matrix")
_BASE_CLASSES["FInitializeHandler"] = _module_class(".finithandler", "FInitializeHandler")
_BASE_CLASSES["Impedance"] = _module_class(".impedance", "Impedance")
_BASE_CLASSES["SaveState"] = _module_class(".savestate", "SaveState")
_BASE_CLASSES["MechanismType"] = _module_class(".mechstandard", "MechanismType")
_BASE_CLASSES["MechanismStandard"] = _module_class(".mechstandard", "MechanismStandard")
_BASE_CLASSES["PtrVector"] = _module_class(".ptrvector", "PtrVector")
_BASE_CLASSES["LinearMechanism"] = _module_class(".linmech", "LinearMechanism")
for _name in ("KSChan", "KSState", "KSGate", "KSTrans"):
    _BASE_CLASSES[_name] = _module_class(".kschan", _name)
_BASE_CLASSES["Pointer"] = _module_class("..hoc.pointerobj", "PointerObject")
_BASE_CLASSES["RangeVarPlot"] = _module_class(".rangevarplot", "RangeVarPlot")
_BASE_CLASSES["StateTransitionEvent"] = _module_class(".statetransition", "StateTransitionEvent")
for _name in ("PlotShape", "Shape", "Graph", "HBox", "VBox", "Deck", "PWManager"):
    _BASE_CLASSES[_name] = _graphics(_name)


# classes that NEURON's library files define (available once stdrun/stdlib is loaded)
_LIBRARY_CLASSES = {"String": stdlib.String}


class _ClassTable(dict):
    def __missing__(self, name):
        if name in _LIBRARY_CLASSES:
            if not stdrun.loaded():
                raise KeyError(name)
            return _LIBRARY_CLASSES[name]       # not cached: load state decides
        make = _BASE_CLASSES.get(name)
        if make is not None:
            cls = self[name] = make()
            return cls
        m = mechreg.get(name, required=False)
        if m is not None and m.is_point:
            from ..model.pointprocess import point_process_class
            cls = self[name] = point_process_class(m)
            return cls
        raise KeyError(name)

    def __contains__(self, name):
        try:
            self[name]
            return True
        except KeyError:
            return False

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default


CLASSES = _ClassTable()


# -- variables ------------------------------------------------------------------
_ENGINE_VARS = ("t", "dt", "celsius", "secondorder")
# built-in variables that change nothing in ranvier (clamp_resist: the old fclamp's series
# resistance, MOhm)
_PLAIN_VARS = {"clamp_resist": 0.001}
_INITIAL = {"t": 0.0, "dt": 0.025, "celsius": 6.3, "clamp_resist": 0.001}


def initnrn():
    """initnrn(): t, dt, celsius and clamp_resist back to NEURON's start-up values."""
    for name, value in _INITIAL.items():
        set_var(name, value)
    return 1.0


FUNCTIONS["initnrn"] = initnrn


def has_var(name):
    if name in _ENGINE_VARS or name in _PLAIN_VARS:
        return True
    if name in stdrun.VARS and stdrun.loaded():
        return True
    if name == "cvode" and stdrun.loaded():
        return True
    if stdlib.is_ion_global(name):
        return True
    return mechreg.global_lookup(name) is not None


def get_var(name):
    if name in _ENGINE_VARS:
        v = getattr(engine.state, name)
        return int(v) if name == "secondorder" else float(v)
    if name in _PLAIN_VARS:
        return _PLAIN_VARS[name]
    if name in stdrun.VARS and stdrun.loaded():
        return stdrun.VARS[name]
    if name == "cvode" and stdrun.loaded():
        from ..engine.cvode import stdrun_cvode
        return stdrun_cvode()     # the object stdrun.hoc's `cvode = new CVode()` makes
    if stdlib.is_ion_global(name):
        return stdlib.get_ion_global(name)
    g = mechreg.global_lookup(name)
    if g is not None:
        base, mech = g
        return float(engine.mech_globals(mech)[_gindex(mech, base)])
    raise AttributeError(name)


def set_var(name, value):
    if name in _ENGINE_VARS:
        if name == "secondorder":
            engine.state.secondorder = int(value)
        else:
            value = float(value)
            if name == "dt" and not value > 0:
                raise ModelError("dt must be positive, got %r" % value)
            setattr(engine.state, name, value)
        return
    if name in _PLAIN_VARS:
        _PLAIN_VARS[name] = float(value)
        return
    if name in stdrun.VARS and stdrun.loaded():
        stdrun.VARS[name] = float(value)
        return
    if stdlib.is_ion_global(name):
        stdlib.set_ion_global(name, value)
        return
    g = mechreg.global_lookup(name)
    if g is not None:
        base, mech = g
        engine.mech_globals(mech)[_gindex(mech, base)] = float(value)
        return
    raise AttributeError(name)


def _gindex(mech, base):
    names = list(mech.global_names)
    full = base + "_" + mech.name
    return names.index(full) if full in names else names.index(base)


def is_range_name(name):
    from ..model.segment import _ion_attr
    if name in ("diam", "cm", "v"):
        return True
    if _ion_attr(name) is not None:
        return True
    return mechreg.suffix_lookup(name) is not None


def pointer_to_var(name):
    if name == "t":
        return Pointer("t", (), "t")
    return Pointer("var", (lambda: get_var(name), lambda v: set_var(name, v)), name)


user_override = stdrun.user_override
