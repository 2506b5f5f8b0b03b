"""The model of tests/library/test_finitialize_handler.py, runnable under NEURON or ranvier.

``python tests/library/fih_model.py`` with NEURON 9.0.2 importable writes
tests/library/data/fih_reference.json; ``run(h)`` is what the test runs under ranvier.

FInitializeHandlers of types 0-3, the default and a HOC statement, created out of
order, each logging t, v, m and n of an hh soma; the default handler queues
CVode.event callbacks (at 0, on and off the dt grid, a HOC statement, one that
sets stoprun); h.run() stops early and continuerun resumes; a second run checks
that type 3 sees the previous run's end state."""
import json
import sys
from pathlib import Path


def run(h):
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 1e9, 0.1
    h.dt = 0.025
    h.tstop = 30
    h.v_init = -65
    vt = h.Vector().record(h._ref_t)
    vn = h.Vector().record(soma(0.5)._ref_n_hh)
    log = []

    def note(label):
        seg = soma(0.5)
        log.append([label, h.t, seg.v, seg.hh.m, seg.hh.n])

    def t0():
        note("type 0")
        soma(0.5).hh.m = 0.5          # INITIAL overwrites it

    def t1():
        note("type 1")
        soma(0.5).hh.n = 0.4          # stays

    def t2():
        note("type 2")
        log.append(["record at type 2", len(vn), vn[0]])

    def t3():
        note("type 3")

    def ev(label):
        return lambda: note(label)

    def stop():
        note("stop")
        h.stoprun = 1

    def default():
        note("default")
        h.cvode.event(12, ev("event 12"))
        h.cvode.event(10.01, ev("event 10.01"))
        h.cvode.event(0, ev("event 0"))
        h.cvode.event(20, stop)
        h.cvode.event(25, "hoc_x = t  hoc_y = 2")

    h("hoc_x = -1  hoc_fih = 0")
    handlers = [h.FInitializeHandler(2, t2), h.FInitializeHandler(default),
                h.FInitializeHandler(0, t0), h.FInitializeHandler(3, t3),
                h.FInitializeHandler(1, t1), h.FInitializeHandler(1, "hoc_fih += 1  hoc_x = -2")]
    h.run()
    note("after run")
    h.continuerun(30)
    note("end")
    out = {"run1_hoc_x": h.hoc_x, "run1_points": len(vt), "run1_n_end": vn[-1]}
    h.v_init = -70
    h.stdinit()
    note("after stdinit")
    out.update(log=log, hoc_fih=h.hoc_fih, hoc_y=h.hoc_y, n0=vn[0], points=len(vt))
    del handlers
    return out


if __name__ == "__main__":
    from neuron import h
    data = run(h)
    data["made_by"] = "NEURON %s, tests/library/fih_model.py" % h.nrnversion()
    path = Path(__file__).parent / "data" / "fih_reference.json"
    path.write_text(json.dumps(data))
    print("wrote", path, file=sys.stderr)
