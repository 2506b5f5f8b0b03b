"""The run both simulators make (NEURON 9.0.2 through make_expected.py, ranvier in
tests/nmodl/test_kinetic_conserve_order.py): a soma with hh and cons2, driven by an
IClamp so that v (and so the rates) moves; the kinetic states every 20 steps."""


def run(h):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    soma.insert("cons2")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 30, 0.3
    h.dt = 0.025
    h.finitialize(-65)
    out = {"o2": [], "p1": [], "o1": []}
    for k in range(1600):
        h.fadvance()
        if k % 20 == 19:
            m = soma(0.5).cons2
            out["o2"].append(m.o2)
            out["p1"].append(m.p1)
            out["o1"].append(m.o1)
    return out
