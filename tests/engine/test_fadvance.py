"""h.fadvance() from Python gives the same numbers as the compiled continuerun."""
import numpy as np

from ranvier import h


def _model():
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    soma = h.Section(name="soma")
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 200, 2, 5
    dend.insert("pas")
    dend.connect(soma(1))
    st = h.IClamp(soma(0.5))
    st.delay, st.dur, st.amp = 0.5, 1, 20
    return soma, dend, st


def test_python_fadvance_loop_equals_continuerun():
    h.load_file("stdrun.hoc")
    soma, dend, st = _model()
    v = h.Vector().record(dend(1)._ref_v)
    t = h.Vector().record(h._ref_t)
    h.finitialize(-65)
    h.continuerun(5)
    v1, t1 = np.array(v), np.array(t)
    h.finitialize(-65)
    while h.t < 5 - h.dt / 2 - 1e-11:
        h.fadvance()
    assert np.array_equal(np.array(t), t1)
    assert np.array_equal(np.array(v), v1)


def test_parameter_change_between_runs_takes_effect():
    h.load_file("stdrun.hoc")
    soma, dend, st = _model()
    h.finitialize(-65)
    h.continuerun(3)
    peak_small = soma(0.5).v
    st.amp = 0
    h.finitialize(-65)
    h.continuerun(3)
    assert abs(soma(0.5).v - (-65)) < 1.0 < abs(peak_small - (-65))


def test_fcurrent_evaluates_currents_at_the_present_v():
    """NEURON 9.0.2 prints -0.0010609193 0.0098994003 0.00129 for this program."""
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    soma = h.Section(name="soma")
    soma.insert("hh")
    h.finitialize(-65)
    soma(0.5).v = -50
    assert h.fcurrent() == 1.0
    seg = soma(0.5)
    assert [float("%.8g" % x) for x in (seg.ina, seg.ik, seg.hh.il)] == [
        -0.0010609193, 0.0098994003, 0.00129]
    assert seg.v == -50
