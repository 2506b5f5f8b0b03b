"""The unit of each model name, as NEURON's `h.units(name)` reports it (data).

Built-in names (v, t, L, Ra, ...) have NEURON's fixed units; ion variables follow
from their kind (ena mV, ina mA/cm2, nai mM, dina_dv_ S/cm2) for every ion in
use; mechanism variables have the unit their .mod file declared ('gnabar_hh' ->
'S/cm2', 'IClamp.amp' -> 'nA'), '' where it declared none.  `unit_of` answers
None for a name the model does not know; the library decides about the rest of
NEURON's symbols (functions, HOC variables, run-control variables).
"""
from . import mechanisms, store

# NEURON's built-in variables with units (a known name missing here has none)
BUILTIN_UNITS = {
    "v": "mV", "t": "ms", "dt": "ms", "celsius": "degC",
    "L": "um", "diam": "um", "Ra": "ohm-cm", "cm": "uF/cm2", "i_cap": "mA/cm2",
    "secondorder": "", "nseg": "", "rallbranch": "", "area": "", "ri": "",
}

# ion variable kinds: (prefix, suffix) around the ion name -> unit
ION_UNITS = (("e", "", "mV"), ("", "i", "mM"), ("", "o", "mM"), ("i", "", "mA/cm2"),
             ("di", "_dv_", "S/cm2"))


def ion_unit(name):
    """The unit of ion variable `name` ('ena', 'cai', 'dik_dv_') for an ion in use, else None."""
    for ion in store.ION_NAMES:
        for pre, post, unit in ION_UNITS:
            if name == pre + ion + post:
                return unit
    return None


def mechanism_unit(name):
    """Unit of a mechanism variable: 'gnabar_hh' (range or global) or 'IClamp.amp'
    (a point process's range variable); '' for a mechanism name itself; None otherwise."""
    if "." in name:
        tname, var = name.split(".", 1)
        mech = mechanisms.get(tname, required=False)
        if mech is None or not mech.is_point:
            return None
        if var in mech.public_range:
            return mech.unit(var)
        return "" if var in mech.functions else None
    found = mechanisms.suffix_lookup(name)
    if found is None:
        found = mechanisms.global_lookup(name)
    if found is not None:
        base, mech = found
        return mech.unit(base)
    if name.endswith("_ion") and name[:-4] in store.ION_NAMES:
        return ""
    parts = name.split("_")
    for i in range(1, len(parts)):                 # 'rates_hh': a PROCEDURE or FUNCTION
        mech = mechanisms.get("_".join(parts[i:]), required=False)
        if mech is not None and "_".join(parts[:i]) in mech.functions:
            return ""
    if mechanisms.get(name, required=False) is not None:
        return ""
    return None


def unit_of(name):
    """NEURON's unit string for model name `name`, or None if the model does not know it."""
    unit = BUILTIN_UNITS.get(name)
    if unit is not None:
        return unit
    unit = ion_unit(name)
    if unit is not None:
        return unit
    return mechanism_unit(name)
