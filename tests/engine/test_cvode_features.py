"""Vector.play, CVode.event callbacks, Vector.record at a time Vector's times and
CVode.use_local_dt under h.cvode_active(1), against NEURON 9.0.2's numbers
(data/cvode_features.json, made by data/make_cvode_features.py from the models of
cvode_features_model.py, at atol 1e-7 so both integrators are near the exact solution)."""
import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from ranvier import h

import cvode_features_model as M

REF = json.loads((Path(__file__).parent / "data" / "cvode_features.json").read_text())


@pytest.fixture(autouse=True)
def _clean():
    h.load_file("stdrun.hoc")
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    yield
    h.cvode_active(0)
    h.cvode.atol(1e-3)
    h.cvode.use_local_dt(0)
    for s in list(h.allsec()):
        h.delete_section(sec=s)


def test_continuous_play_time_records_and_event_callback_match_neuron():
    out = M.play(h)
    ref = REF["play"]
    # the integrator stops on every play time point, as NEURON's
    assert out["stops"] == ref["stops"] == [1.0, 2.0, 3.3, 5.0]
    assert out["t_end"] == 6.0
    # one sample per time of the time Vector, none at the integrator's steps
    assert len(out["vr"]) == len(ref["vr"]) == 6
    assert np.max(np.abs(np.array(out["vr"]) - ref["vr"])) < 1e-5
    # the callback ran once, at t = 2.7 exactly, with the state there
    assert len(out["seen"]) == 1 and out["seen"][0][0] == 2.7
    assert abs(out["seen"][0][1] - ref["seen"][0][1]) < 1e-6
    assert abs(out["v_end"] - ref["v_end"]) < 1e-5
    # past the last point the play extrapolates the last segment: 0 + (0 + 0.005)/1.7 * 1
    assert out["amp_end"] == pytest.approx(ref["amp_end"], abs=1e-15)
    assert out["amp_end"] == pytest.approx(0.005 / 1.7, rel=1e-12)


def test_discrete_play_and_a_callback_that_changes_a_clamp_match_neuron():
    out = M.discrete(h)
    ref = REF["discrete"]
    # the discrete points (1, 2, 3, 5, 6 ms) and the callback time are stops, as in NEURON
    assert set(ref["stops"]) <= set(out["stops"])
    assert len(out["vr"]) == len(ref["vr"]) == 47
    # v through a spike (~100 mV/ms): 4e-4 mV is 4e-6 ms
    assert np.max(np.abs(np.array(out["vr"]) - ref["vr"])) < 2e-3
    assert len(out["spikes"]) == len(ref["spikes"]) == 1
    assert abs(out["spikes"][0] - ref["spikes"][0]) < 1e-3
    assert abs(out["v_end"] - ref["v_end"]) < 1e-4
    # after the spike the callback's 0.4 nA (4.5-7 ms) depolarises v from 6 to 7 ms (samples 23-27)
    vr = np.array(out["vr"])
    assert np.all(np.diff(vr[23:28]) > 0.0) and vr[28] < vr[27]


def test_time_vector_record_keeps_the_sample_at_zero_and_skips_later_times():
    soma = h.Section(name="soma")
    soma.insert("pas")
    h.cvode_active(1)
    tv = h.Vector([0.0, 1.0, 2.0, 50.0])
    vr = h.Vector().record(soma(0.5)._ref_v, tv)
    tr = h.Vector().record(h._ref_t, tv)
    h.finitialize(-65)
    h.continuerun(3)
    assert list(tr) == [0.0, 1.0, 2.0]         # 50 is after the end of the run
    assert vr[0] == -65.0
    # a uniform passive cable relaxes as e + (v0 - e) exp(-t / tau), tau = cm / g
    tau = 1e-3 * soma.cm / soma.g_pas          # ms (cm uF/cm2, g S/cm2)
    exact = [-70.0 + 5.0 * np.exp(-x / tau) for x in (1.0, 2.0)]
    assert np.max(np.abs(np.array(vr)[1:] - exact)) < 2e-3
    h.continuerun(60)
    assert list(tr) == [0.0, 1.0, 2.0, 50.0]   # continues across advances


def test_event_callback_can_queue_another_and_hoc_statements_run():
    soma = h.Section(name="soma")
    soma.insert("pas")
    h.cvode_active(1)
    times = []

    def second():
        times.append(h.t)

    def first():
        times.append(h.t)
        h.cvode.event(h.t + 0.75, second)
    h.finitialize(-65)
    h.cvode.event(1.5, first)
    h.cvode.event(0.0)                         # no callback: nothing happens
    h("cvode_evt = -1")
    h.cvode.event(2.5, "cvode_evt = t")
    h.continuerun(4)
    assert times == [1.5, 2.25]
    assert h.cvode_evt == 2.5


def test_use_local_dt_warns_and_integrates_with_the_global_step():
    def run():
        soma = h.Section(name="soma")
        soma.insert("hh")
        stim = h.IClamp(soma(0.5))
        stim.delay, stim.dur, stim.amp = 1, 1, 0.3
        t = h.Vector().record(h._ref_t)
        v = h.Vector().record(soma(0.5)._ref_v)
        h.cvode_active(1)
        h.finitialize(-65)
        h.continuerun(10)
        out = np.array(t), np.array(v)
        h.delete_section(sec=soma)
        return out
    assert h.cvode.use_local_dt() is False
    t0, v0 = run()
    with pytest.warns(RuntimeWarning, match="global variable step"):
        assert h.cvode.use_local_dt(1) is True
    assert h.cvode.use_local_dt() is True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h.cvode.use_local_dt(1)                # already on: no second warning
    t1, v1 = run()
    assert np.array_equal(t0, t1) and np.array_equal(v0, v1)
    assert h.cvode.use_local_dt(0) is False


def _network_run():
    soma = h.Section(name="soma")
    soma.insert("hh")
    soma.nseg, soma.L, soma.diam = 3, 20, 20
    dend = h.Section(name="dend")
    dend.connect(soma(1))
    dend.nseg, dend.diam = 5, 2
    dend.insert("pas")
    dend.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 20, 0.3
    syn = h.ExpSyn(dend(0.5))
    ns = h.NetStim()
    ns.start, ns.interval, ns.number = 3, 4, 3
    nc = h.NetCon(ns, syn)
    nc.weight[0], nc.delay = 0.01, 1
    spikes = h.Vector()
    det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    det.record(spikes)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(dend(0.5)._ref_v)
    vi = h.Vector().record(soma(0.5)._ref_v, 0.1)
    h.cvode_active(1)
    h.finitialize(-65)
    h.continuerun(15)
    h.continuerun(30)
    out = [np.array(x) for x in (t, v, vi, spikes)]
    for s in (dend, soma):
        h.delete_section(sec=s)
    return out


def test_compiled_steps_are_the_python_steps_bit_for_bit(monkeypatch):
    # the compiled step loop (cvode_gen.py) against Integrator.step_py: the same steps,
    # the same samples, the same spike time (thresholds, events, Dt records, two advances)
    compiled = _network_run()
    monkeypatch.setenv("RANVIER_CVODE_PYSTEP", "1")
    python = _network_run()
    assert len(compiled[3]) == 1 and len(compiled[0]) > 300
    for a, b in zip(compiled, python):
        assert a.shape == b.shape and np.array_equal(a, b)
