"""The model of tests/engine/test_record_times.py, runnable under NEURON or ranvier.

``python tests/engine/record_times_model.py`` with NEURON 9.0.2 importable writes
tests/engine/data/record_times_reference.json; ``run(h)`` is what the test runs under ranvier.

An hh soma driven by an IClamp, recorded three ways: at a time Vector's times (on and off
the dt grid, on both sides of a step's midpoint, repeated, negative, past the end), every
step, and every Dt = 0.1 ms; v and t each.  A run to 3 ms is continued to 3.1 ms; then v is
set by hand and frecord_init restarts every recording, and the run goes on to 4 ms."""
import json
import sys
from pathlib import Path

TIMES = [-1.0, 0.0, 0.0, 0.0124, 0.0125, 0.0126, 0.024, 0.025, 0.026, 0.33, 0.5125, 1.0, 1.0,
         2.98, 2.99, 3.0, 3.0000000000001, 3.01, 3.2, 3.5, 5.5]


def run(h):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    soma.L = soma.diam = 10
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 0.1, 1, 0.3
    tvec = h.Vector(TIMES)
    recs = {}
    for how, arg in (("tvec", tvec), ("every", None), ("dt", 0.1)):
        for what, ref in (("v", soma(0.5)._ref_v), ("t", h._ref_t)):
            vec = h.Vector()
            vec.record(ref) if arg is None else vec.record(ref, arg)
            recs[how + "_" + what] = vec
    h.dt = 0.025
    h.finitialize(-65)
    out = {"after_init": [recs[k].size() for k in sorted(recs)]}
    h.continuerun(3)
    out["at3"] = {k: list(recs[k]) for k in sorted(recs) if k.startswith("tvec")}
    h.continuerun(3.1)
    soma(0.5).v = -70
    out["frecord_init"] = h.frecord_init()
    out["after_frecord_init"] = [recs[k].size() for k in sorted(recs)]
    h.continuerun(4)
    out["final"] = {k: list(recs[k]) for k in sorted(recs)}
    return out


if __name__ == "__main__":
    from neuron import h
    data = run(h)
    data["made_by"] = "NEURON %s, tests/engine/record_times_model.py" % h.nrnversion()
    path = Path(__file__).parent / "data" / "record_times_reference.json"
    path.write_text(json.dumps(data))
    print("wrote", path, file=sys.stderr)
