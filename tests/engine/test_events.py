"""Network events: NetCon, NetStim, ExpSyn/Exp2Syn, NET_RECEIVE delivery in the compiled loop.

Numbers are analytic, or NEURON 9.0.2's (NMODL.md section 11 Q7/Q8; the others
were produced with NEURON 9.0.2 from the same scripts and agree bit for bit).
"""
import math

import numpy as np
import pytest

import ranvier
from ranvier import h

SYN2 = """
NEURON { POINT_PROCESS EvTestSyn2 RANGE g NONSPECIFIC_CURRENT i }
PARAMETER { tau = 2 e = 0 }
ASSIGNED { v i }
STATE { g }
BREAKPOINT { SOLVE st METHOD cnexp i = g*(v - e) }
DERIVATIVE st { g' = -g/tau }
NET_RECEIVE(w, scale, count) { INITIAL { count = 0 scale = 1 }  count = count + 1  g = g + w*scale  scale = scale*0.5 }
"""

ART = """
NEURON { ARTIFICIAL_CELL EvTestArt RANGE interval, n }
PARAMETER { interval = 0.7 }
ASSIGNED { n }
INITIAL { n = 0 net_send(1.3, 1) }
NET_RECEIVE(w) { if (flag == 1) { n = n + 1 net_event(t) net_send(interval, 1) } }
"""


def _clear():
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    h.dt = 0.025


@pytest.fixture(scope="module")
def user_mechs(tmp_path_factory):
    d = tmp_path_factory.mktemp("mods")
    (d / "EvTestSyn2.mod").write_text(SYN2)
    (d / "EvTestArt.mod").write_text(ART)
    ranvier.load_mechanisms(str(d))
    return d


def _protocol_p():
    """NMODL.md section 11 protocol P: L = diam = 20, pas g 1e-4 e -65."""
    s = h.Section(name="p")
    s.L = s.diam = 20
    s.insert("pas")
    s(0.5).pas.g = 1e-4
    s(0.5).pas.e = -65
    return s


def test_q7_weight_vector_and_netstim(user_mechs):
    """NMODL.md Q7: NET_RECEIVE(w, scale, count) with INITIAL, driven by a NetStim."""
    _clear()
    s = _protocol_p()
    syn = h.EvTestSyn2(s(0.5))
    ns = h.NetStim()
    ns.start, ns.interval, ns.number, ns.noise = 1, 1.5, 3, 0
    nc = h.NetCon(ns, syn)
    nc.delay = 0.5
    nc.weight[0] = 0.01
    assert len(nc.weight) == 3
    h.finitialize(-65)
    for _ in range(200):
        h.fadvance()
    assert h.t == 5.000000000000037
    assert s(0.5).v == -16.32449910072223
    assert syn.g == 0.005524138598040181
    assert nc.weight[1] == 0.125
    assert nc.weight[2] == 3.0


def test_q8_artificial_cell_net_send_net_event(user_mechs):
    """NMODL.md Q8: an ARTIFICIAL_CELL with net_send/net_event, NetCon(a, None).record."""
    _clear()
    _protocol_p()
    a = h.EvTestArt()
    tv = h.Vector()
    nc = h.NetCon(a, None)
    nc.record(tv)
    h.finitialize(-65)
    for _ in range(200):
        h.fadvance()
    assert a.n == 6.0
    assert list(tv) == [1.3, 2.0, 2.7, 3.4000000000000004, 4.1000000000000005, 4.800000000000001]


def test_expsyn_single_event_decays_exponentially():
    """After one event of weight w, ExpSyn's g = w exp(-(t - t_on)/tau) (cnexp is exact)."""
    _clear()
    h.load_file("stdrun.hoc")
    s = h.Section(name="s")
    s.L = s.diam = 20
    s.insert("pas")
    syn = h.ExpSyn(s(0.5))
    assert [syn.tau, syn.e, syn.i, syn.g] == [0.1, 0.0, 0.0, 0.0]
    syn.tau = 2.0
    nc = h.NetCon(None, syn)
    nc.weight[0] = 0.004
    t = h.Vector().record(h._ref_t)
    g = h.Vector().record(syn._ref_g)
    vv = h.Vector().record(s(0.5)._ref_v)
    h.finitialize(-65)
    nc.event(1.0)
    h.continuerun(10)
    t, g = np.array(t), np.array(g)
    # delivered at the start of the first step with t_n + dt/2 >= 1.0 (t_40 = 0.99999...)
    on = np.nonzero(g)[0][0]
    assert t[on - 1] == pytest.approx(1.0, abs=1e-9)
    assert np.all(g[:on] == 0)
    k = np.arange(len(g) - on + 1)
    expected = 0.004 * np.exp(-k * 0.025 / 2.0)
    np.testing.assert_allclose(g[on - 1:][1:], expected[1:], rtol=1e-12)
    # i = g (v - e) in nA, evaluated in the last step's current phase (g and v before the update)
    assert syn.i == pytest.approx(g[-2] * (vv[-2] - 0.0), rel=1e-12)


def test_netstim_times_and_netcon_delay():
    """NetStim: spikes at start + k interval (accumulated); each reaches the target after delay."""
    _clear()
    h.load_file("stdrun.hoc")
    s = h.Section(name="s")
    s.L = s.diam = 20
    s.insert("pas")
    ns = h.NetStim()
    assert [ns.start, ns.interval, ns.number, ns.noise] == [50, 10, 10, 0]
    ns.start, ns.interval, ns.number = 2, 3, 4
    syn = h.ExpSyn(s(0.5))
    syn.tau = 1e9
    nc = h.NetCon(ns, syn, 0, 1.25, 0.001)
    assert [nc.threshold, nc.delay, nc.weight[0]] == [0, 1.25, 0.001]
    st = h.Vector()
    nc.record(st)
    t = h.Vector().record(h._ref_t)
    g = h.Vector().record(syn._ref_g)
    h.finitialize(-65)
    h.continuerun(20)
    expected = []
    x = (2.0 + 3.0) - 3.0 * 1.0
    for _ in range(4):
        expected.append(x)
        x = x + 3.0
    assert list(st) == expected
    t, g = np.array(t), np.array(g)
    # g steps by the weight in the step whose midpoint first reaches spike + delay
    jumps = np.nonzero(np.diff(g) > 0.5e-3)[0]
    assert len(jumps) == 4
    for j, ts in zip(jumps, expected):
        assert t[j] + 0.0125 >= ts + 1.25 - 1e-12 and t[j] - 0.0125 < ts + 1.25


def test_threshold_detection_times_and_shared_presyn():
    """A v source: spike at t_j + 1e-10 for the first step start with v > threshold."""
    _clear()
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    keep = []                               # local: the IClamps die with the test
    for t0 in (2, 13):
        ic = h.IClamp(soma(0.5))
        ic.delay, ic.dur, ic.amp = t0, 0.5, 50
        keep.append(ic)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc2 = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    assert nc.threshold == 10
    nc.threshold = 0
    assert nc2.threshold == 0                # one source, one threshold
    tv, idv = h.Vector(), h.Vector()
    nc.record(tv, idv, 3)
    h.finitialize(-65)
    h.continuerun(25)
    t, v = np.array(t), np.array(v)
    cross = [t[j + 1] + 1e-10 for j in range(len(v) - 2) if v[j + 1] > 0 >= v[j]]
    assert list(tv) == cross
    assert list(idv) == [3.0] * len(cross)
    assert tv[0] == 3.2000000001000117      # NEURON 9.0.2 (seed_netcon_spikes)



def test_active_event_and_fadvance_equals_continuerun():
    """active(0) stops delivery; a Python fadvance loop gives continuerun's bits."""
    def run(loop):
        _clear()
        h.load_file("stdrun.hoc")
        s = h.Section(name="s")
        s.L = s.diam = 20
        s.insert("hh")
        e2 = h.Exp2Syn(s(0.5))
        e2.tau1, e2.tau2 = 0.5, 3
        ns = h.NetStim()
        ns.start, ns.interval, ns.number = 1, 2, 20
        nc = h.NetCon(ns, e2, 0, 1, 0.002)
        off = h.NetCon(ns, e2, 0, 0.5, 0.05)
        assert off.active(False) is True
        assert off.active() is False
        det = h.NetCon(s(0.5)._ref_v, None, sec=s)
        det.threshold = -20
        sp = h.Vector()
        det.record(sp)
        h.finitialize(-65)
        if loop:
            for _ in range(800):
                h.fadvance()
        else:
            h.continuerun(20)
        return s(0.5).v, e2.g, list(sp)

    a = run(True)
    b = run(False)
    assert a == b
    assert len(a[2]) >= 1


def test_events_survive_structure_change():
    """Pending events follow their targets when the model is re-laid out mid-run."""
    def run(change):
        _clear()
        h.load_file("stdrun.hoc")
        s = h.Section(name="s")
        s.L = s.diam = 20
        s.insert("pas")
        syn = h.ExpSyn(s(0.5))
        syn.tau = 3
        ns = h.NetStim()
        ns.start, ns.interval, ns.number = 1, 2, 10
        nc = h.NetCon(ns, syn, 0, 1.7, 0.01)
        st = h.Vector()
        nc.record(st)
        h.finitialize(-65)
        h.continuerun(5)
        extra = []
        if change:
            extra.append(h.ExpSyn(s(0.5)))          # re-orders the point-process instances
            extra.append(h.NetStim())
        h.continuerun(15)
        return s(0.5).v, syn.g, list(st)

    assert run(True) == run(False)


def test_no_events_bit_identical_to_plain_model():
    """A NetCon without a target only watches: v is the same as without it."""
    def run(with_nc):
        _clear()
        h.load_file("stdrun.hoc")
        s = h.Section(name="s")
        s.insert("hh")
        ic = h.IClamp(s(0.5))
        ic.delay, ic.dur, ic.amp = 1, 0.5, 50
        keep = h.NetCon(s(0.5)._ref_v, None, sec=s) if with_nc else None
        v = h.Vector().record(s(0.5)._ref_v)
        h.finitialize(-65)
        h.continuerun(10)
        return list(v)

    assert run(True) == run(False)


def test_netcon_api():
    _clear()
    s = h.Section(name="s")
    syn = h.ExpSyn(s(0.5))
    ns = h.NetStim()
    nc = h.NetCon(ns, syn)
    assert nc.hname().startswith("NetCon[")
    assert nc.pre() is ns and nc.syn() is syn
    assert nc.valid() is True
    assert h.NetCon(ns, None).valid() is False
    assert nc.wcnt() == 1.0
    with pytest.raises(Exception):
        h.NetCon(ns, h.IClamp(s(0.5)))           # no NET_RECEIVE
    with pytest.raises(IndexError):
        nc.weight[1]
    det = h.NetCon(s(0.5)._ref_v, syn, sec=s)
    assert str(det.preseg()) == "s(0.5)" and str(det.postseg()) == "s(0.5)"


def test_netstim_noise_reproducible():
    """noise > 0: numba's generator, reseeded at finitialize (not NEURON's Random123 numbers)."""
    _clear()
    s = h.Section(name="s")
    ns = h.NetStim()
    ns.start, ns.interval, ns.number, ns.noise = 2, 3, 50, 1
    tv = h.Vector()
    nc = h.NetCon(ns, None)
    nc.record(tv)
    runs = []
    for _ in range(2):
        h.finitialize(-65)
        while h.t < 1000:
            h.fadvance()
        runs.append(list(tv))
    assert runs[0] == runs[1]
    assert len(runs[0]) == 50
    isi = np.diff(runs[0])
    assert np.all(isi > 0) and 1.5 < isi.mean() < 4.5      # exponential, mean 3
