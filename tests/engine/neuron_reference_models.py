"""Models whose NEURON 9.0.2 results are stored in data/neuron_reference.json.

Run under NEURON (a separate venv) to regenerate the reference:
    /path/to/neuron-venv/bin/python tests/engine/neuron_reference_models.py > tests/engine/data/neuron_reference.json
The tests run the same functions under ranvier and compare.
"""
import json
import sys


def _h():
    try:
        from neuron import h
    except ImportError:
        from ranvier import h
    h.load_file("stdrun.hoc")
    return h


def _clear(h):
    for s in list(h.allsec()):
        h.delete_section(sec=s)


def branched_3d_tree(h):
    """A soma with 3-D dendrites attached at 0, 0.5 and 1, hh + pas, two IClamps."""
    _clear(h)
    soma = h.Section(name="soma")
    soma.L = soma.diam = 15
    soma.nseg = 3
    soma.insert("hh")
    d1 = h.Section(name="d1")
    for p in [(0, 0, 0, 3), (20, 5, 0, 2.5), (45, 12, 3, 1.8), (80, 10, 2, 1.2)]:
        d1.pt3dadd(*p)
    d1.nseg = 7
    d1.insert("pas")
    d1.insert("hh")
    for seg in d1:
        seg.hh.gnabar = 0.05
    d1.connect(soma(1))
    d2 = h.Section(name="d2")
    d2.L, d2.diam, d2.nseg = 120, 1.5, 9
    d2.insert("pas")
    d2.connect(soma(0))
    d3 = h.Section(name="d3")
    d3.L, d3.diam, d3.nseg = 60, 1, 4
    d3.insert("pas")
    d3.connect(soma(0.5))
    s1 = h.IClamp(soma(0.5))
    s1.delay, s1.dur, s1.amp = 1, 2, 0.4
    s2 = h.IClamp(d2(1))
    s2.delay, s2.dur, s2.amp = 5, 1, 0.3
    vs = h.Vector().record(soma(0.5)._ref_v)
    vd = h.Vector().record(d1(0.9)._ref_v)
    ve = h.Vector().record(d2(1)._ref_v)
    ina = h.Vector().record(d1(0.5)._ref_ina)
    h.finitialize(-65)
    h.continuerun(15)
    return {"soma": list(vs)[::20], "d1": list(vd)[::20], "d2end": list(ve)[::20],
            "ina": list(ina)[::20], "n": len(vs)}


def crank_nicolson(h):
    _clear(h)
    soma = h.Section(name="soma")
    soma.insert("hh")
    st = h.IClamp(soma(0.5))
    st.delay, st.dur, st.amp = 1, 0.5, 50
    v = h.Vector().record(soma(0.5)._ref_v)
    ik = h.Vector().record(soma(0.5)._ref_ik)
    h.secondorder = 2
    h.finitialize(-65)
    h.continuerun(10)
    h.secondorder = 0
    return {"v": list(v)[::10], "ik": list(ik)[::10]}


def record_dt_and_no_table(h):
    _clear(h)
    soma = h.Section(name="soma")
    soma.insert("hh")
    st = h.IClamp(soma(0.5))
    st.delay, st.dur, st.amp = 1, 0.5, 50
    out = {}
    vecs = {}
    for Dt in (0.1, 0.03, 0.0375):
        vecs[Dt] = (h.Vector().record(h._ref_t, Dt), h.Vector().record(soma(0.5)._ref_v, Dt))
    h.usetable_hh = 0
    h.celsius = 16.3
    h.finitialize(-65)
    h.continuerun(6)
    for Dt, (tv, vv) in vecs.items():
        out["Dt_%g" % Dt] = {"t": list(tv), "v": list(vv)}
    h.usetable_hh = 1
    h.celsius = 6.3
    return out


def run_dt_change(h):
    """run() with dt = 0.01: setdt changes dt to 0.0125 and prints 'Changed dt'."""
    _clear(h)
    soma = h.Section(name="soma")
    soma.insert("hh")
    st = h.IClamp(soma(0.5))
    st.delay, st.dur, st.amp = 1, 0.5, 50
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.dt = 0.01
    h.tstop = 5
    h.run()
    res = {"dt": h.dt, "n": len(t), "t_end": t[len(t) - 1], "v": list(v)[::10]}
    h.dt = 0.025
    return res


MODELS = [branched_3d_tree, crank_nicolson, record_dt_and_no_table, run_dt_change]

if __name__ == "__main__":
    h = _h()
    out = {f.__name__: f(h) for f in MODELS}
    sys.stdout.write(json.dumps(out))
