"""Registry of mechanism types (built-in .mod files and user-loaded ones).

Type order decides the order in which current and state functions run, as
NEURON's mechanism type numbers do: built-ins first in NEURON's order (pas,
the ions, IClamp, ..., hh), user mechanisms after them in load order.
"""
from ..core.errors import ModelError

# NEURON's built-in type order (ions sit between pas and IClamp; see engine).
BUILTIN_ORDER = ["pas", "extracellular", "IClamp", "AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp",
                 "VClamp", "OClamp", "APCount", "NetStim", "IntFire1", "IntFire2",
                 "IntFire4", "PatternStim", "hh"]
ION_MECH_NAMES = ("na_ion", "k_ion", "ca_ion")

_loaded = {}           # name -> nmodl Mechanism
_type_index = {}       # name -> sort key
_user_counter = [1000]


def builtin_names():
    from ..nmodl import builtin_names as builtin_mechanism_names
    return builtin_mechanism_names()


_dynamic = {}          # name -> provider(): a type defined at run time (library/kschan.py)


def set_dynamic(name, provider, old=None):
    """Make `name` a run-time mechanism type: get(name) returns provider() (the current
    compiled description).  The type's order is fixed now, as NEURON numbers a KSChan
    at its creation; `old` is its previous name (a rename keeps the order)."""
    if old is not None:
        _dynamic.pop(old, None)
        _loaded.pop(old, None)
        if old in _type_index:
            _type_index[name] = _type_index.pop(old)
    _dynamic[name] = provider
    if name not in _type_index:
        _type_index[name] = _user_counter[0]
        _user_counter[0] += 1


def get(name, required=True):
    """The compiled description of mechanism `name` (loading a built-in lazily)."""
    p = _dynamic.get(name)
    if p is not None:
        return p()
    m = _loaded.get(name)
    if m is not None:
        return m
    try:
        names = builtin_names()
    except Exception:  # pragma: no cover - nmodl package broken
        names = []
    if name in names:
        from ..nmodl import builtin_mechanism
        m = builtin_mechanism(name)
        register(m)
        return m
    if required:
        raise ModelError("argument not a density mechanism name: %r (known: %s)"
                         % (name, ", ".join(sorted(set(names) | set(_loaded)))))
    return None


def register(mech):
    """Make a compiled mechanism known under its name (user .mod files too)."""
    if mech.name == "extracellular":
        from .extracellular import configure
        configure(mech)                 # NEURON's defaults of its PARAMETER arrays
    _loaded[mech.name] = mech
    if mech.name not in _type_index:
        if mech.name in BUILTIN_ORDER:
            _type_index[mech.name] = BUILTIN_ORDER.index(mech.name)
        else:
            _type_index[mech.name] = _user_counter[0]
            _user_counter[0] += 1
        if _writes_conc(mech):
            _conc_writers[mech.name] = len(_conc_writers)
    return mech


def type_index(name):
    return _type_index[name]


_conc_writers = {}     # name -> how many concentration writers were registered before it


def _writes_conc(mech):
    """Does the mechanism WRITE an ion concentration (cai, cao, ...)?"""
    for ion in getattr(mech, "ions", ()) or ():
        iname, writes = ion[0], ion[2]
        if any(w in (iname + "i", iname + "o") for w in writes):
            return True
    return False


def exec_order(name):
    """The key of the order in which init, current and state functions run: type order,
    except that (NEURON's init.cpp nrn_writes_conc) the mechanisms that WRITE an ion
    concentration run right after extracellular and the ions, the last registered
    first, so that a Ca pool's SOLVE runs before the Ca channels' (NMODL.md section 0)."""
    rank = _conc_writers.get(name)
    if rank is not None:
        return (BUILTIN_ORDER.index("extracellular") + 0.5, -rank)
    return (_type_index[name], 0)


def loaded():
    return dict(_loaded)


def suffix_lookup(attr):
    """Split a suffixed name 'gkbar_hh' into ('gkbar', mech) if it names a range variable."""
    if "_" not in attr:
        return None
    for mname in _candidate_mechs(attr):
        m = get(mname, required=False)
        if m is None or m.is_point:
            continue
        base = attr[: -(len(mname) + 1)]
        if base in m.public_range:
            return base, m
    return None


def global_lookup(attr):
    """('usetable', mech) for 'usetable_hh' if it names a mechanism GLOBAL."""
    if "_" not in attr:
        return None
    for mname in _candidate_mechs(attr):
        m = get(mname, required=False)
        if m is None:
            continue
        base = attr[: -(len(mname) + 1)]
        if base + "_" + mname in m.global_names or base in m.global_names:
            return base, m
    return None


def _candidate_mechs(attr):
    parts = attr.split("_")
    out = []
    for i in range(1, len(parts)):
        out.append("_".join(parts[i:]))
    try:
        known = set(builtin_names()) | set(_loaded) | set(_dynamic)
    except Exception:
        known = set(_loaded) | set(_dynamic)
    return [c for c in out if c in known]
