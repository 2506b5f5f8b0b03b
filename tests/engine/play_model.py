"""The model of tests/engine/test_play.py, runnable under NEURON or ranvier.

``python tests/engine/play_model.py`` with NEURON 9.0.2 importable writes
tests/engine/data/play_reference.json (the numbers the test compares with);
``run(h)`` is what the test runs under ranvier.

An hh soma with three IClamps: a continuous play with a time vector (a repeated
time point, points only between 2 and 6 ms: y[0] before, the last segment
extrapolated after), a discrete play with Dt, discrete plays with a time vector
into gnabar_hh and into celsius (times on and off the dt grid), and
CVode.event callbacks at grid and off-grid times, one of which removes an
exhausted play."""
import json
import sys
from pathlib import Path


def run(h):
    h.load_file("stdrun.hoc")
    h.dt = 0.025
    h.celsius = 6.3
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    stims = []
    for _ in range(3):
        s = h.IClamp(soma(0.5))
        s.delay, s.dur, s.amp = 0, 1e9, 0
        stims.append(s)
    stims[2].amp = 0.03
    keep = []

    tc = h.Vector([2, 3, 4, 4, 5, 6])
    yc = h.Vector([0.0, 0.2, 0.3, 0.05, 0.1, 0.15])
    yc.play(stims[0], stims[0]._ref_amp, tc, 1)
    yd = h.Vector([0, 0.1, -0.05, 0.2])
    yd.play(stims[1]._ref_amp, 1.5)
    tg = h.Vector([0, 2.5, 5.0125])
    yg = h.Vector([0.12, 0.2, 0.1])
    yg.play(soma(0.5)._ref_gnabar_hh, tg)
    tcel = h.Vector([0, 3.005, 6.02])
    ycel = h.Vector([6.3, 20.0, 30.0])
    ycel.play(h._ref_celsius, tcel)
    keep += [tc, yc, yd, tg, yg, tcel, ycel]

    names = {"t": h._ref_t, "v": soma(0.5)._ref_v, "amp0": stims[0]._ref_amp,
             "i0": stims[0]._ref_i, "amp1": stims[1]._ref_amp,
             "gnabar": soma(0.5)._ref_gnabar_hh, "celsius": h._ref_celsius,
             "m": soma(0.5)._ref_m_hh}
    vecs = {k: h.Vector().record(r) for k, r in names.items()}
    events = []

    def at(label, action=None):
        def f():
            events.append([label, h.t])
            if action is not None:
                action()
        return f

    def remove_gnabar():
        yg.play_remove()

    def fih():
        h.cvode.event(1.0, at("grid 1.0"))
        h.cvode.event(1.01, at("off 1.01"))
        h.cvode.event(5.5, at("remove gnabar play", remove_gnabar))

    handler = h.FInitializeHandler(fih)
    h.finitialize(-65)
    h.continuerun(7.5)
    out = {k: list(v) for k, v in vecs.items()}
    out["events"] = events
    out["final_celsius"] = h.celsius
    del handler
    return out


if __name__ == "__main__":
    from neuron import h
    data = run(h)
    data["made_by"] = "NEURON %s, tests/engine/play_model.py" % h.nrnversion()
    path = Path(__file__).parent / "data" / "play_reference.json"
    path.write_text(json.dumps(data))
    print("wrote", path, file=sys.stderr)
