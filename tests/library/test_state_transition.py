"""StateTransitionEvent against NEURON 9.0.2 (data/state_transition.json, made by
data/ste_make_expected.py in NEURON's Python, whose scenarios() this test runs in
ranvier): transition times, states and the voltages at the callbacks, bit for bit."""
import importlib.util
import json
import os

import pytest

import ranvier
from ranvier import h
from ranvier.library.statetransition import StateTransitionError

DATA = os.path.join(os.path.dirname(__file__), "data")


def _maker():
    spec = importlib.util.spec_from_file_location(
        "ste_make_expected", os.path.join(DATA, "ste_make_expected.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def fresh():
    ranvier.reset()
    yield
    h.cvode_active(0)
    ranvier.reset()


def test_scenarios_match_neuron(fresh):
    with open(os.path.join(DATA, "state_transition.json")) as f:
        expected = json.load(f)
    got = json.loads(json.dumps(_maker().scenarios(h)))     # tuples -> lists, as stored
    assert got.keys() == expected.keys()
    for key in expected:
        assert got[key] == expected[key], key
    # the hh spikes were seen: three up/down pairs in 30 ms
    assert [e[0] for e in expected["fih_run"]] == ["up", "dn"] * 3


def test_bad_indices_and_arguments(fresh):
    with pytest.raises(StateTransitionError, match="at least 1"):
        h.StateTransitionEvent(0)
    ste = h.StateTransitionEvent(2)
    sec = h.Section(name="s")
    with pytest.raises(RuntimeError, match="state 2 is out of range"):
        ste.transition(0, 2, sec(0.5)._ref_v, h.ref(0))
    with pytest.raises(StateTransitionError, match="out of range"):
        ste.state(-1)
    with pytest.raises(TypeError, match="reference"):
        ste.transition(0, 1, "v", h.ref(0))
    assert ste.state() == 0 and isinstance(ste.state(), int)
    ste.state(1)
    assert ste.state() == 1


def test_cvode_refused(fresh):
    sec = h.Section(name="s")
    ste = h.StateTransitionEvent(1)
    h.cvode_active(1)
    with pytest.raises(StateTransitionError, match="variable step"):
        ste.transition(0, 0, sec(0.5)._ref_v, 0.0)
    with pytest.raises(StateTransitionError, match="variable step"):
        ste.state(0)


def test_constant_threshold_and_hoc_pointers(fresh):
    h("create cab\ncab {nseg = 1 L = 20 diam = 20 insert hh}\nobjref ic, ste\n"
      "double when[5]\nn = 0\nth = -20")
    h("cab ic = new IClamp(0.5)")
    h("ic.del = 1\nic.dur = 30\nic.amp = 0.3")
    h("ste = new StateTransitionEvent(2)")
    h("{ste.transition(0, 1, &cab.v(0.5), &th, \"when[n] = t n += 1\")}")
    h.ste.transition(1, 0, -50.0, h.cab(0.5)._ref_v)
    h.finitialize(-65)
    h.ste.state(0)
    for _ in range(120):         # to t = 3: the first spike only
        h.fadvance()
    assert h.n == 1 and h.ste.state() == 1
    v_prev = h.Vector()
    # the same cell as scenarios(): NEURON's first crossing time; v at when[0] is
    # above -20, one step earlier it was not
    with open(os.path.join(DATA, "state_transition.json")) as f:
        assert h.when[0] == json.load(f)["fih_run"][0][1]
    h.finitialize(-65)
    t_cross = h.when[0]
    while h.t < t_cross - 1e-9:
        v_prev.append(h.cab(0.5).v)
        h.fadvance()
    assert h.cab(0.5).v > -20 >= v_prev[-1]
