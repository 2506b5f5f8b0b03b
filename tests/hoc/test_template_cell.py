"""A HOC template cell (soma + two dendrites, hh and pas, sections made with
`create` inside the template), instantiated three times from Python and three
times from HOC, spikes at exactly the times of the same cell built in Python."""
import numpy as np
import pytest

from ranvier import h

TEMPLATE = r"""
begintemplate BallStick
public soma, dend, stim
create soma, dend[2]
objref stim
proc init() { local i
    soma { L = 20  diam = 20  nseg = 1  insert hh }
    for i = 0, 1 {
        dend[i] { L = 150 + 50*i  diam = 2  nseg = 9  insert pas  g_pas = 0.0002  e_pas = -65 }
        connect dend[i](0), soma(1)
    }
    soma stim = new IClamp(0.5)
    stim.del = $1  stim.dur = 0.5  stim.amp = $2
}
endtemplate BallStick
"""


def python_cell(delay, amp):
    soma = h.Section(name="psoma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    dends = []
    for i in range(2):
        d = h.Section(name="pdend%d" % i)
        d.L, d.diam, d.nseg = 150 + 50 * i, 2, 9
        d.insert("pas")
        for seg in d:
            seg.pas.g = 0.0002
            seg.pas.e = -65
        d.connect(soma(1))
        dends.append(d)
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = delay, 0.5, amp
    return soma, dends, stim


def spikes(vec, tvec):
    v, t = np.array(vec), np.array(tvec)
    return [t[j] for j in range(len(v) - 1) if v[j] <= 0 < v[j + 1]]


@pytest.fixture
def template():
    """The BallStick template, defined afresh (every test starts from ranvier.reset())."""
    h(TEMPLATE)
    return h.BallStick


def test_template_cells_spike_like_the_python_cell(template):
    h.load_file("stdrun.hoc")
    params = [(1.0, 0.6), (3.0, 0.8), (5.0, 1.0)]
    py_cells = [template(d, a) for d, a in params]          # from Python
    h("objref hc[3]")
    for k, (d, a) in enumerate(params):                      # from HOC
        h("hc[%d] = new BallStick(%g, %g)" % (k, d, a))
    assert py_cells[0].soma.name() == "BallStick[0].soma"
    assert py_cells[1].dend[1].name() == "BallStick[1].dend[1]"
    ref = [python_cell(d, a) for d, a in params]
    t = h.Vector().record(h._ref_t)
    recs = [h.Vector().record(c.soma(0.5)._ref_v) for c in py_cells]
    recs += [h.Vector().record(h.hc[k].soma(0.5)._ref_v) for k in range(3)]
    recs += [h.Vector().record(s(0.5)._ref_v) for s, _, _ in ref]
    h.finitialize(-65)
    h.continuerun(20)
    times = [spikes(r, t) for r in recs]
    for k in range(3):
        assert times[k], "cell %d did not spike" % k
        assert times[k] == times[6 + k]          # Python-instantiated template == Python cell
        assert times[3 + k] == times[6 + k]      # HOC-instantiated template == Python cell
    assert np.array_equal(np.array(recs[0]), np.array(recs[6]))
