"""CVODE against NEURON 9.0.2's own variable-step results (data/cvode_expected.json,
made by data/make_cvode_expected.py from the models in cvode_models.py).

Two integrators with the same error control do not take the same steps, so the
comparison is NEURON's own accuracy: spike times, and v sampled every 0.1 ms
(Vector.record(ref, 0.1)) within a +-0.2 ms envelope of NEURON's trace.  The
step count must be NEURON's within a factor 1.5 (the same tolerance semantics:
atol 1e-3 absolute, the error test of CVODE's BDF)."""
import json
import os

import numpy as np
import pytest

import cvode_models
from ranvier import h

with open(os.path.join(os.path.dirname(__file__), "data", "cvode_expected.json")) as _f:
    EXPECTED = json.load(_f)


@pytest.fixture(autouse=True)
def _clean():
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    yield
    h.cvode_active(0)
    h.cvode.atol(1e-3)
    for s in list(h.allsec()):
        h.delete_section(sec=s)


def _envelope_error(got, exp, window=2):
    """Largest distance of got[i] outside [min, max] of exp[i-window .. i+window]."""
    got, exp = np.asarray(got), np.asarray(exp)
    assert got.shape == exp.shape
    worst = 0.0
    for i in range(got.size):
        lo, hi = max(0, i - window), min(exp.size, i + window + 1)
        a, b = exp[lo:hi].min(), exp[lo:hi].max()
        worst = max(worst, a - got[i], got[i] - b, 0.0)
    return worst


@pytest.mark.parametrize("name,spike_tol,v_tol", [
    ("hh_soma", 0.03, 1.0),
    ("tree_syn", 0.07, 0.5),       # NEURON atol 1e-3 vs its own 1e-5: 0.031 ms, 0.077 mV
    ("tree_syn_tight", 0.005, 0.05),
    ("tree_active", 0.03, 1.0),
])
def test_matches_neuron_cvode(name, spike_tol, v_tol):
    exp = EXPECTED[name]
    got = cvode_models.run(h, name)
    assert got["t"] == exp["t"]
    assert len(got["spikes"]) == len(exp["spikes"])
    assert np.max(np.abs(np.subtract(got["spikes"], exp["spikes"]))) < spike_tol
    for g, e in zip(got["v"], exp["v"]):
        assert len(g) == len(e)
        assert g[0] == e[0] == -65.0
        assert _envelope_error(g, e) < v_tol
    assert exp["steps"] / 1.5 < got["steps"] < exp["steps"] * 1.5


def test_tighter_tolerance_is_closer_to_neuron_converged():
    """atol 1e-5 vs 1e-3: both integrators converge to the same trajectory."""
    loose = cvode_models.run(h, "tree_syn")
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    tight = cvode_models.run(h, "tree_syn_tight")
    ref = EXPECTED["tree_syn_tight"]
    err = [np.max(np.abs(np.subtract(r["v"][0], ref["v"][0]))) for r in (loose, tight)]
    assert err[1] < err[0] / 3
    assert tight["steps"] > loose["steps"]
