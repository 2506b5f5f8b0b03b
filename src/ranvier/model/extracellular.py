"""The extracellular mechanism's place in the model: its NEURON names and defaults.

The mechanism's variables live in a built-in mechanism (mechanisms/extracellular.mod:
xraxial[2], xg[2], xc[2], e, i_membrane, vext[2]); the engine couples the layers into
the cable matrix (engine/extra_eqn.py).  NEURON names them without the suffix
(``seg.xg[0]``, ``seg.vext[1]``, ``seg.i_membrane``, ``seg._ref_vext[0]``,
``seg._ref_i_membrane``; ``seg.e_extracellular`` is already the suffixed name of ``e``):
`alias` maps those names to the suffixed ones.  NEURON's defaults: xraxial = 1e9 MOhm/cm,
xg = 1e9 S/cm2, xc = 0, e_extracellular = 0 (an .mod PARAMETER array has no default
value, so `configure` sets them on the compiled mechanism).
"""

NAME = "extracellular"
NLAYER = 2
_BARE = ("xraxial", "xg", "xc", "vext", "i_membrane")
DEFAULTS = {"xraxial": 1e9, "xg": 1e9, "xc": 0.0}


def alias(attr):
    """The suffixed name of NEURON's bare extracellular name `attr` (with or without
    ``_ref_``), or attr itself."""
    ref = attr.startswith("_ref_")
    base = attr[5:] if ref else attr
    if base in _BARE:
        return ("_ref_" if ref else "") + base + "_" + NAME
    return attr


def configure(mech):
    """Give the compiled extracellular mechanism NEURON's default values."""
    if mech.name != NAME:
        return mech
    for name, value in DEFAULTS.items():
        r = mech.range_names.index(name)
        for k in range(NLAYER):
            mech.range_defaults[r + k] = value
    return mech
