"""NEURON's ion and cable helpers: ion_style, nernst, ghk (built in to NEURON) and
lambda_f (defined by the standard library, stdlib.hoc, so only after load_file).

Written from NEURON's documented behaviour and checked against NEURON 9.0.2
(tests/library/test_stdlib.py, data made by tests/library/stdlib_reference.hoc).

ion_style's integer code (what it returns, NEURON's encoding):
    c_style + 4*cinit + 8*e_style + 32*einit + 64*eadvance
and -1 where the section has no such ion.  A style set here is kept per section
(model/store.py SECTION_ION_STYLES); the engine computes e from the concentrations
by Nernst where e_style is 2 and einit or eadvance is on, and then restarts the
concentrations from nai0_na_ion/nao0_na_ion... at finitialize (the engine couples
cinit with einit: it has one "e follows concentrations" flag per node).
"""
import math

from ..core.errors import HocError, SimulationError
from ..core.hocobject import HocObject
from ..model import mechanisms as mechreg
from ..model import store
from ..model.section import resolve_sec
from . import hocmech

# NEURON 9's constants (2019 SI exact values; the same as HOC's FARADAY and R)
FARADAY = 96485.33212331001
R = 8.3144626181532395

ION_GLOBAL_FIELDS = ("i0", "o0")     # nai0_na_ion, nao0_na_ion, ...


def _celsius():
    from .. import engine
    return float(engine.state.celsius)


def _ktf():
    return 1000.0 * R * (_celsius() + 273.15) / FARADAY


# -- nernst and ghk -------------------------------------------------------------
def nernst(*args, sec=None):
    """nernst(ci, co, z): equilibrium potential (mV) at celsius.
    nernst("ena" | "nai" | "nao" [, x]): from the ion's values at the current section
    (x, default 0.5): for e, the Nernst potential of its concentrations; for a
    concentration, the one that gives the present e with the other one."""
    if args and isinstance(args[0], str):
        name = args[0]
        x = float(args[1]) if len(args) > 1 else 0.5
        return _nernst_named(name, x, sec)
    if len(args) != 3:
        raise HocError("nernst: expects (ci, co, z) or (\"ename\"[, x])")
    ci, co, z = (float(a) for a in args)
    if z == 0.0:
        return 0.0
    if ci <= 0.0:
        return 1e6
    if co <= 0.0:
        return -1e6
    return _ktf() / z * math.log(co / ci)


def _nernst_named(name, x, sec):
    s = resolve_sec(sec)
    ion = None
    kind = None
    for iname in s._ion_names():
        if name == "e" + iname:
            ion, kind = iname, "e"
        elif name == iname + "i":
            ion, kind = iname, "i"
        elif name == iname + "o":
            ion, kind = iname, "o"
    if ion is None:
        raise HocError("nernst: %s is not an ion variable of %s" % (name, s.name()))
    seg = s(x)
    ci = float(getattr(seg, ion + "i"))
    co = float(getattr(seg, ion + "o"))
    e = float(getattr(seg, "e" + ion))
    z = float(store.ION_VALENCE.get(ion, 1))
    if kind == "e":
        return nernst(ci, co, z)
    if kind == "i":
        return co * math.exp(-z * e / _ktf())
    return ci * math.exp(z * e / _ktf())


def _efun(x):
    if abs(x) < 1e-4:
        return 1.0 - x / 2.0
    return x / (math.exp(x) - 1.0)


def ghk(v, ci, co, z):
    """ghk(v, ci, co, z): Goldman-Hodgkin-Katz current-flux factor (mA/cm2 per cm/s),
    NEURON's 0.001*z*F*(ci*efun(-zv/ktf) - co*efun(zv/ktf))."""
    v, ci, co, z = float(v), float(ci), float(co), float(z)
    temp = z * v / _ktf()
    eco = co * _efun(temp)
    eci = ci * _efun(-temp)
    return 0.001 * z * FARADAY * (eci - eco)


# -- ion_style ----------------------------------------------------------------------
def _ion_of(name):
    if not name.endswith("_ion"):
        raise HocError("ion_style: %s  is not an ion" % name)
    return name[:-4]


# ions declared outside the mechanisms (rxd: a named species on a region with nrn_region)
DECLARED_IONS = set()


def _ion_known(ion):
    """An ion exists once a mechanism that uses it is loaded (na and k: hh, built in), or
    once rxd declared it (DECLARED_IONS)."""
    if ion in ("na", "k") or ion in DECLARED_IONS:
        return True
    return any(entry[0] == ion for m in mechreg.loaded().values() for entry in m.ions)


def _default_style(s, ion):
    """The style NEURON gives an ion from the mechanisms that use it."""
    c_style = e_style = 0
    writes_conc = False
    for mname in s._mechs:
        for entry in mechreg.get(mname).ions:
            if entry[0] != ion:
                continue
            reads, writes = entry[1], entry[2]
            if ion + "i" in writes or ion + "o" in writes:
                writes_conc = True
            elif ion + "i" in reads or ion + "o" in reads:
                c_style = max(c_style, 1)
            if "e" + ion in reads or "i" + ion in writes:
                e_style = max(e_style, 1)
    if writes_conc:
        return (3, 2, 1, 1, 1)
    return (c_style, e_style, 0, 0, 0)


def _code(style):
    c_style, e_style, einit, eadvance, cinit = style
    return float(c_style + 4 * cinit + 8 * e_style + 32 * einit + 64 * eadvance)


def get_style(s, ion):
    """(c_style, e_style, einit, eadvance, cinit) of `ion` in section s."""
    st = store.SECTION_ION_STYLES.get(s, {}).get(ion)
    return st if st is not None else _default_style(s, ion)


def _written_bits(s, ion):
    """NEURON's 0200 (a mechanism here writes xi) and 0400 (writes xo) bits."""
    bits = 0
    for mname in s._mechs:
        for entry in mechreg.get(mname).ions:
            if entry[0] == ion:
                bits |= (0o200 if ion + "i" in entry[2] else 0) | (0o400 if ion + "o" in entry[2] else 0)
    return float(bits)


def ion_style(name, *args, sec=None):
    """ion_style("na_ion") -> the style code in the current section (-1 without the ion);
    ion_style("na_ion", c_style, e_style, einit, eadvance, cinit) sets it, returning
    the previous code."""
    ion = _ion_of(str(name))
    if not _ion_known(ion):
        raise HocError("ion_style: %s  is not an ion" % name)
    if args and len(args) != 5:
        raise HocError("ion_style: expects (name) or (name, c_style, e_style, einit, "
                       "eadvance, cinit), got %d numbers" % len(args))
    s = resolve_sec(sec)
    if ion not in s._ion_names():
        return -1.0
    old = _code(get_style(s, ion)) + _written_bits(s, ion)
    if args:
        new = tuple(int(a) for a in args)
        store.SECTION_ION_STYLES.setdefault(s, {})[ion] = new
        store.topology_changed()        # the engine rebuilds its per-node ion flags
    return old


# -- nai0_na_ion, nao0_na_ion, ... ---------------------------------------------
def _ion_global(name):
    """('na', 1) for 'nao0_na_ion' (1: outside), or None."""
    if not name.endswith("_ion"):
        return None
    head, _, ion = name[:-4].rpartition("_")
    if head == ion + "i0":
        return ion, 0
    if head == ion + "o0":
        return ion, 1
    return None


def is_ion_global(name):
    g = _ion_global(name)
    return g is not None and _ion_known(g[0])


def get_ion_global(name):
    ion, which = _ion_global(name)
    return float(store.ion_default(ion)[1 + which])


def set_ion_global(name, value):
    ion, which = _ion_global(name)
    store.set_ion_conc0(ion, which, float(value))


# -- lambda_f (stdlib.hoc) ------------------------------------------------------
def lambda_f(freq, sec=None):
    """lambda_f(freq): the AC length constant (um) of the section at freq (Hz), from its
    3-D points when it has two or more, else from diam (the d_lambda rule)."""
    s = resolve_sec(sec)
    freq = float(freq)
    seg = s(0.5)
    ra, cm = float(s.Ra), float(seg.cm)
    n = int(s.n3d())
    if n < 2:
        arg = 4 * math.pi * freq * ra * cm
        if arg == 0.0:
            raise SimulationError("lambda_f: division by zero (freq %g, section %s)"
                                    % (freq, s.name()))
        return 1e5 * math.sqrt(float(seg.diam) / arg)
    x1, d1 = s.arc3d(0), s.diam3d(0)
    lam = 0.0
    for i in range(1, n):
        x2, d2 = s.arc3d(i), s.diam3d(i)
        lam += (x2 - x1) / math.sqrt(d1 + d2)
        x1, d1 = x2, d2
    lam *= math.sqrt(2) * 1e-5 * math.sqrt(4 * math.pi * freq * ra * cm)
    if lam == 0.0:
        raise SimulationError("lambda_f: division by zero (freq %g, section %s)"
                                % (freq, s.name()))
    return float(s.L) / lam


# -- ion_register, ion_charge -------------------------------------------------------------
_REGISTERED_TYPES = {}      # ion -> the mechanism type number ion_register gave it


def ion_register(name, valence):
    """ion_register("ca", 2): declare ion ca (mechanism ca_ion) with that charge; returns
    its mechanism type number.  An existing ion keeps its charge (another one is an error)."""
    from ..model.mechcatalogue import FIRST_USER_TYPE, catalogue
    name, valence = str(name), int(float(valence))
    if _ion_known(name) or name in _REGISTERED_TYPES:
        have = store.ION_VALENCE.get(name, 1)
        if have != valence:
            raise HocError("%s_ion already defined with charge %d, cannot redefine with "
                           "charge %d" % (name, have, valence))
    else:
        rows = catalogue()
        _REGISTERED_TYPES[name] = max([FIRST_USER_TYPE - 1] + [e.type for e in rows]
                                      + list(_REGISTERED_TYPES.values())) + 1
        DECLARED_IONS.add(name)
        store.ion_index(name, valence)
        store.ION_VALENCE[name] = valence
    if name in _REGISTERED_TYPES:
        return float(_REGISTERED_TYPES[name])
    return float(next(e.type for e in catalogue() if e.name == name + "_ion"))


def ion_charge(name):
    """ion_charge("ca_ion"): the charge of an ion mechanism that exists."""
    name = str(name)
    ion = name[:-4] if name.endswith("_ion") else None
    if ion is None or not (_ion_known(ion) or ion in _REGISTERED_TYPES):
        raise HocError("%s is not an ion mechanism" % name)
    return float(store.ION_VALENCE.get(ion, 1))


# -- stdlib.hoc's String template ------------------------------------------------------------
class String(HocObject):
    """``new String(["text"])``: an object holding one string, ``s`` (stdlib.hoc)."""
    _hoc_name = "String"

    def __init__(self, s=""):
        self._hoc_register()
        self.s = str(s)


FUNCTIONS = {"ion_style": ion_style, "nernst": nernst, "ghk": ghk,
             "ion_register": ion_register, "ion_charge": ion_charge}
FUNCTIONS.update(hocmech.FUNCTIONS)     # make_mechanism, make_pointprocess (hocmech.py)
STDLIB_FUNCTIONS = {"lambda_f": lambda_f}
# library built-ins that are HOC procs in NEURON (a top-level call echoes no value)
LIBRARY_PROCS = frozenset(("newPlotV", "newPlotI", "nrnmainmenu", "nrncontrolmenu",
                           "graphmenu"))
