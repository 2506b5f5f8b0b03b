"""NEURON's mechanism catalogue: every mechanism with NEURON's internal type number.

The built-in numbers are NEURON 9.0.2's (morphology 2, capacitance 3, pas 4,
extracellular 5, fastpas 6, IClamp 7, ..., na_ion 15, k_ion 16, hh 17, NetStim 18, ...,
PatternStim 23); a built-in ranvier lacks (extracellular, fastpas, OClamp,
PointProcessMark, PatternStim) is left out of the catalogue.  User mechanisms follow
from 24 in load order, each new ion they use (ca_ion, ...) just before the first
mechanism that uses it, as NEURON numbers them.  MechanismType (library/mechstandard.py)
lists it; StringFunctions.is_point_process numbers point processes by it.
"""
from ..core.errors import ModelError
from . import mechanisms as mechreg

# NEURON 9.0.2's internal type numbers of its built-in mechanisms
NEURON_TYPES = {
    "morphology": 2, "capacitance": 3, "pas": 4, "extracellular": 5, "fastpas": 6,
    "IClamp": 7, "AlphaSynapse": 8, "ExpSyn": 9, "Exp2Syn": 10, "SEClamp": 11,
    "VClamp": 12, "OClamp": 13, "APCount": 14, "na_ion": 15, "k_ion": 16, "hh": 17,
    "NetStim": 18, "IntFire1": 19, "IntFire2": 20, "IntFire4": 21,
    "PointProcessMark": 22, "PatternStim": 23,
}
FIRST_USER_TYPE = 24
_BUILTIN_IONS = ("na", "k")


class _Entry:
    """One row of the catalogue: a mechanism with its internal type number."""
    __slots__ = ("name", "type", "kind", "mech")

    def __init__(self, name, type_, kind, mech=None):
        self.name = name
        self.type = type_
        self.kind = kind            # 'morphology' | 'capacitance' | 'ion' | 'density' | 'point'
        self.mech = mech

    @property
    def is_point(self):
        return self.kind == "point"


class _Unbuilt:
    """A run-time type (KSChan) whose definition cannot be compiled yet."""
    is_point = False
    ions = ()

    def __init__(self, name):
        self.name = name


def catalogue():
    """Every mechanism known now, as _Entry rows ordered by NEURON's internal type."""
    try:
        builtins = set(mechreg.builtin_names())
    except Exception:  # pragma: no cover - nmodl package broken
        builtins = set()
    rows = [_Entry("morphology", 2, "morphology"), _Entry("capacitance", 3, "capacitance")]
    for ion in _BUILTIN_IONS:
        rows.append(_Entry(ion + "_ion", NEURON_TYPES[ion + "_ion"], "ion"))
    for name, t in NEURON_TYPES.items():
        if name in builtins:
            m = mechreg.get(name)
            rows.append(_Entry(name, t, "point" if getattr(m, "is_point", False) else "density", m))
    seen_ions = set(_BUILTIN_IONS)
    names = set(mechreg.loaded()) | set(getattr(mechreg, "_dynamic", ()))   # + run-time types
    user = []
    for n in sorted(names - builtins - set(NEURON_TYPES), key=mechreg.type_index):
        try:
            m = mechreg.get(n, required=False)
        except ModelError:       # a KSChan not yet complete: listed by name, as NEURON does
            m = _Unbuilt(n)
        if m is not None:
            user.append(m)
    t = FIRST_USER_TYPE
    for m in user:
        for ion in getattr(m, "ions", ()):
            if ion[0] not in seen_ions:
                seen_ions.add(ion[0])
                rows.append(_Entry(ion[0] + "_ion", t, "ion"))
                t += 1
        rows.append(_Entry(m.name, t, "point" if getattr(m, "is_point", False) else "density", m))
        t += 1
    rows.sort(key=lambda e: e.type)
    return rows




def point_process_number(name):
    """NEURON's 1-based number of point-process type `name` (what
    StringFunctions.is_point_process returns): its rank among the point-process types
    by internal type, counting NEURON's built-ins that ranvier lacks; 0 if unknown."""
    rows = [(t, n) for n, t in NEURON_TYPES.items() if n in _NEURON_POINT_TYPES]
    rows += [(e.type, e.name) for e in catalogue() if e.is_point and e.name not in NEURON_TYPES]
    rows.sort()
    for k, (_, n) in enumerate(rows):
        if n == name:
            return k + 1
    return 0


_NEURON_POINT_TYPES = ("IClamp", "AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp", "VClamp",
                       "OClamp", "APCount", "NetStim", "IntFire1", "IntFire2", "IntFire4",
                       "PointProcessMark", "PatternStim")
