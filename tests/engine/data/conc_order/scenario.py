"""The run both simulators make (NEURON 9.0.2 through make_expected.py, ranvier in
tests/engine/test_conc_writer_order.py): a soma with hh, careader and capool, a
current pulse; careader's s (which reads cai in its SOLVE), cai and v every 10 steps."""


def run(h):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    soma.insert("careader")
    soma.insert("capool")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0.5, 5, 0.2
    h.dt = 0.025
    h.finitialize(-65)
    out = {"s": [], "cai": [], "v": []}
    for k in range(400):
        h.fadvance()
        if k % 10 == 9:
            seg = soma(0.5)
            out["s"].append(seg.careader.s)
            out["cai"].append(seg.cai)
            out["v"].append(seg.v)
    return out
