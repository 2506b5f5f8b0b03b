"""Scenarios for the KINETIC/array corpus (tests/nmodl/corpus), run identically by
NEURON 9.0.2 (make_kinetic_expected.py) and by ranvier (test_nmodl_kinetic.py).

Each scenario builds NMODL.md's Protocol P cell (one section, L = diam = 20 um,
nseg 1, Ra 35.4, cm 1, celsius 6.3, dt 0.025), inserts one corpus mechanism,
runs finitialize(-65) and 200 fadvance() calls and returns plain floats: the
values after finitialize and every 20 steps of v and of the listed variables.
"""

# name -> (mechanism, pas?, IClamp amp or None, variables to sample, extra settings)
SCENARIOS = {
    "kin3": ("kin3", True, 0.1, ["C", "O", "I"], {}),
    "kinnl": ("kinnl", False, None, ["A", "B", "AB"], {}),
    "kinss": ("kinss", False, None, ["X", "Y"], {}),
    "kinss_nl": ("kinss_nl", True, 0.1, ["A", "B", "AB"], {}),
    "kinpool": ("kinpool", True, 0.3, ["cai", "influx"], {}),
    "kincyc": ("kincyc", True, 0.2, ["C", "O", "I"], {}),
    "kinchain5": ("kinchain5", True, 0.2, ["C1", "C2", "C3", "O", "I"], {}),
    "kinflux": ("kinflux", True, 0.1, ["ff", "bf", "S", "P"], {}),
    "kinarr": ("kinarr", True, 0.3, ["ca[0]", "ca[1]", "ca[2]", "ca[3]", "B[0]", "B[3]",
                                     "CaB[0]", "CaB[3]", "cai"], {}),
    "kinstoich": ("kinstoich", True, 0.1, ["A", "B", "C"], {}),
    "kinext": ("kinext", True, 0.3, ["ca", "pump", "pumpca", "ipump"], {}),
    "arrmix": ("arrmix", True, 0.1, ["w[0]", "w[1]", "w[2]", "tot", "s[0]", "s[1]", "s[2]"], {}),
}


def _get(mech_obj, var):
    if "[" in var:
        name, k = var[:-1].split("[")
        return float(getattr(mech_obj, name)[int(k)])
    return float(getattr(mech_obj, var))


def run(h, name):
    mech, pas, amp, variables, extra = SCENARIOS[name]
    sec = h.Section(name="soma_" + name)
    sec.L = sec.diam = 20
    sec.nseg = 1
    sec.Ra = 35.4
    sec.cm = 1
    if pas:
        sec.insert("pas")
        sec.g_pas = 1e-4
        sec.e_pas = -65
    sec.insert(mech)
    stim = None
    if amp is not None:
        stim = h.IClamp(sec(0.5))
        stim.delay = 1
        stim.dur = 2
        stim.amp = amp
    h.celsius = 6.3
    h.dt = 0.025
    seg = sec(0.5)
    m = getattr(seg, mech)
    for k, val in extra.items():
        setattr(m, k, val)
    out = {"v": [], "t": []}
    for var in variables:
        out[var] = []

    def sample():
        out["t"].append(float(h.t))
        out["v"].append(float(seg.v))
        for var in variables:
            out[var].append(_get(m, var))

    h.finitialize(-65)
    sample()
    for step in range(1, 201):
        h.fadvance()
        if step % 20 == 0:
            sample()
    del stim, m, seg
    return out
