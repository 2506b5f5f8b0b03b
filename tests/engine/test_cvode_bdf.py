"""The compiled BDF integrator (engine/bdf.py, cvode.Integrator): its controls
(minstep, atolscale, condition_order, statistics)."""
import json
import os

import numpy as np
import pytest

from ranvier import h
from ranvier.core.errors import ModelError
from ranvier.engine import bdf, cvode

with open(os.path.join(os.path.dirname(__file__), "data", "cvode_expected.json")) as _f:
    EXPECTED = json.load(_f)


@pytest.fixture(autouse=True)
def _clean():
    h.load_file("stdrun.hoc")
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    yield
    h.cvode_active(0)
    h.cvode.atol(1e-3)
    h.cvode.minstep(0)
    cvode.PARAMS.atolscale.clear()
    cvode.PARAMS.session = None
    for s in list(h.allsec()):
        h.delete_section(sec=s)


def _hh(tstop=50.0):
    soma = h.Section(name="soma")
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 20
    t = h.Vector().record(h._ref_t)
    spikes = h.Vector()
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0
    nc.record(spikes)
    h.cvode_active(1)
    h.finitialize(-65)
    h.continuerun(tstop)
    return np.array(t), np.array(spikes), (soma, stim, nc)


def test_dense_output_and_difference_rescaling_are_exact_for_polynomials():
    # D holds y and its backward differences of a quadratic sampled at t, t-h, t-2h
    h_, t = 0.3, 2.0

    def poly(x):
        return 1.5 - 2.0 * x + 0.75 * x * x
    y0, y1, y2 = poly(t), poly(t - h_), poly(t - 2 * h_)
    D = np.zeros((bdf.MAX_ORDER + 3, 1))
    D[0, 0] = y0
    D[1, 0] = y0 - y1
    D[2, 0] = y0 - 2 * y1 + y2
    out = np.empty(1)
    for tq in (t - 0.45, t - 0.1, t):
        bdf.dense(D, 2, t, h_, tq, out)
        assert abs(out[0] - poly(tq)) < 1e-13
    bdf.change_d(D, 2, 0.5)          # the same polynomial for the step h/2
    for tq in (t - 0.45, t - 0.1, t):
        bdf.dense(D, 2, t, h_ * 0.5, tq, out)
        assert abs(out[0] - poly(tq)) < 1e-13


def test_spikes_match_neuron():
    _, spikes, keep = _hh()
    exp = EXPECTED["hh_soma"]["spikes"]
    assert len(spikes) == len(exp) == 4
    assert np.max(np.abs(spikes - exp)) < 0.03


def test_atolscale_tightens_one_state():
    t0, _, keep = _hh(20)
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    del keep
    assert h.cvode.atolscale("m_hh") == 1.0
    assert h.cvode.atolscale("m_hh", 1e-3) == 1e-3
    t1, spikes, keep = _hh(20)
    assert len(t1) > 1.2 * len(t0)
    assert np.max(np.abs(spikes - EXPECTED["hh_soma"]["spikes"][:len(spikes)])) < 0.03
    with pytest.raises(ModelError):
        h.cvode.atolscale("m_hh", 0)


def test_minstep_bounds_the_steps_and_a_failure_there_is_an_error():
    h.cvode.minstep(1e-3)
    assert h.cvode.minstep() == 1e-3
    t, spikes, keep = _hh(20)
    assert len(spikes) == 2
    steps = np.diff(t)
    # only a step cut at a stop time may be shorter
    assert np.all(steps[:-1] >= 1e-3 * (1 - 1e-9))
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    del keep
    h.cvode.minstep(0.2)              # far too long for a spike at atol 1e-3
    with pytest.raises(ModelError, match="minimum"):
        _hh(20)


def test_condition_order_and_statistics(capsys):
    assert h.cvode.condition_order() == 1
    assert h.cvode.condition_order(2) == 2
    with pytest.raises(ModelError):
        h.cvode.condition_order(3)
    h.cvode.condition_order(1)
    t, _, keep = _hh(5)
    h.cvode.statistics()
    out = capsys.readouterr().out
    assert "%d steps" % (len(t) - 1) in out
