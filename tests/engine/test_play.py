"""Vector.play and CVode.event on the fixed step against NEURON 9.0.2's numbers
(tests/engine/data/play_reference.json, made by play_model.py, which documents the model)."""
import json
from pathlib import Path

import numpy as np
import pytest

from ranvier import h

import play_model

REF = json.loads((Path(__file__).parent / "data" / "play_reference.json").read_text())


@pytest.fixture(scope="module")
def ours():
    import ranvier
    ranvier.reset()
    out = play_model.run(h)
    ranvier.reset()
    return out


@pytest.mark.parametrize("key", ["t", "v", "amp0", "i0", "amp1", "gnabar", "celsius", "m"])
def test_traces_bit_identical_to_neuron(ours, key):
    # continuous play (midpoint value drives the current, end value recorded), discrete
    # Dt and time-vector plays (delivered at a step's start or end), celsius (hh's table)
    assert len(ours[key]) == len(REF[key])
    assert ours[key] == REF[key], np.max(np.abs(np.subtract(ours[key], REF[key])))


def test_event_times_and_final_celsius(ours):
    assert ours["events"] == REF["events"]
    assert ours["final_celsius"] == REF["final_celsius"] == 30.0


def test_continuous_play_shape(ours):
    # before the first point: y[0]; the repeated time 4 is a step; after 6: extrapolated
    t, amp = np.array(ours["t"]), np.array(ours["amp0"])
    assert np.all(amp[t < 1.99] == 0.0)
    assert amp[np.argmin(abs(t - 7.0))] == pytest.approx(0.15 + 0.05, rel=1e-9)
    assert amp[np.argmin(abs(t - 4.5))] == pytest.approx(0.075, rel=1e-9)


def test_play_remove_with_pending_points_cancels_them():
    # NEURON 9.0.2 crashes here; ranvier drops the play's remaining points
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    stim = h.IClamp(soma(0.5))
    y, tv = h.Vector([0.1, 0.2, 0.3]), h.Vector([0, 1, 2])
    y.play(stim._ref_amp, tv)
    h.finitialize(-65)
    assert stim.amp == 0.1
    h.continuerun(1.5)
    assert stim.amp == 0.2
    y.play_remove()
    h.continuerun(3)
    assert stim.amp == 0.2
    h.finitialize(-65)                   # removed: not applied at finitialize either
    assert stim.amp == 0.2


def test_cvode_event_hoc_statement_and_stoprun():
    h.load_file("stdrun.hoc")
    h("evt = -1")
    soma = h.Section(name="soma")
    h.tstop = 5

    def stop():
        h.stoprun = 1

    def fih():
        h.cvode.event(2, "evt = t  evt2 = 1")
        h.cvode.event(3, stop)
    handler = h.FInitializeHandler(fih)
    h.run()
    assert h.evt == pytest.approx(2.0, abs=1e-9) and h.evt2 == 1
    assert h.t == pytest.approx(3.0, abs=1e-9)
    h.continuerun(5)
    assert h.t == pytest.approx(5.0, abs=1e-9)
    del handler, soma


def test_play_argument_errors():
    soma = h.Section(name="soma")
    stim = h.IClamp(soma(0.5))
    with pytest.raises(RuntimeError, match="continuous mode must be a time vector"):
        h.Vector([1, 2]).play(stim._ref_amp, 0.5, 1)
    with pytest.raises(NotImplementedError, match="playing into tstop"):
        h.load_file("stdrun.hoc")
        h.Vector([1, 2]).play(h._ref_tstop, 0.5)
    with pytest.raises(ValueError, match="CVode.event.*finite"):
        h.CVode().event(float("nan"))
