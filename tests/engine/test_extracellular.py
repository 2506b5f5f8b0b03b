"""The extracellular mechanism (model/extracellular.py, engine/extra_eqn.py) against
NEURON 9.0.2 and against its own equations.

ext_models.py builds the models; data/make_extracellular.py ran them in NEURON and wrote
data/extracellular_expected.json (v, vext[0], vext[1] and i_membrane traces):
- "myelinated": hh nodes and passive internodes, all with extracellular: myelin as
  xg[0]/xc[0], a leaky outer layer, layer axial resistances, an IClamp at the first
  node and a pulse of e_extracellular at a later node;
- "mixed": a soma without extracellular, an axon with it, a dendrite without it;
- "defaults": "myelinated" with NEURON's default xg[0] = 1e9 S/cm2 at the nodes.

NEURON solves with its sparse solver (sparse13), ranvier with sparse LU: for the first
two the traces agree to round-off (1e-9 mV).  With xg = 1e9 S/cm2 next to conductances
of order 1, the system's condition number is ~1e10, and any two elimination orders give
solutions ~1e-8 apart (relative): there the tolerance is 1e-5 mV.

NEURON 9.0.2 reports vext[0] for vext[1] (seg.vext[1], psection(), _ref_vext[1]: the
layer-1 potential itself is computed, as vext[0] = i/xg[0] + i/xg[1] shows); ranvier
reports the layer-1 potential, checked here against the layer equations and against
NEURON's internal layer-1 potential as a LinearMechanism coupled to layer 2 sees it."""
import json
from pathlib import Path

import numpy as np
import pytest

from ranvier import h
from ranvier.core.errors import ModelError

import ext_models

EXPECTED = json.loads((Path(__file__).parent / "data" / "extracellular_expected.json").read_text())
ATOL = {"myelinated": 1e-9, "mixed": 1e-9, "defaults": 1e-5, "lm_layers": 1e-9}


@pytest.mark.parametrize("name", ext_models.MODELS)
def test_traces_match_neuron(name):
    got = ext_models.run(h, name)
    exp = EXPECTED[name]
    atol = ATOL[name]
    np.testing.assert_allclose(got["t"], exp["t"], rtol=0, atol=1e-12)
    for field in ("v", "vext0", "imem"):
        assert len(got[field]) == len(exp[field])
        for k in range(len(exp[field])):
            np.testing.assert_allclose(got[field][k], exp[field][k], rtol=0, atol=atol,
                                       err_msg="%s %s[%d]" % (name, field, k))
    # NEURON's vext[1] is its vext[0] (see the module docstring): ours differs where
    # xg[0] is finite and equals it where xg[0] = 1e9
    for k in range(len(exp["vext0"])):
        np.testing.assert_allclose(exp["vext1"][k], exp["vext0"][k], rtol=0, atol=0)


def test_vext1_is_the_layer_potential_neuron_computes():
    # NEURON's own layer-1 potential, read through a LinearMechanism coupled to layer 2
    # of axon(0.875) (its y[1] after each step), is what ranvier reports as seg.vext[1]
    exp = EXPECTED["lm_layers"]
    got = ext_models.run(h, "lm_layers")
    assert len(exp["extra"]) == len(got["vext1"][3])
    np.testing.assert_allclose(got["extra"], exp["extra"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(got["vext1"][3][1:], exp["extra"][1:], rtol=0, atol=1e-9)
    assert max(abs(a - b) for a, b in zip(exp["vext1"][3], exp["extra"])) > 0.1


def _single(xg0, xg1, e=0.0, amp=0.1):
    s = h.Section(name="s")
    s.L = s.diam = 10
    s.insert("pas")
    s.insert("extracellular")
    seg = s(0.5)
    seg.xg[0], seg.xg[1], seg.e_extracellular = xg0, xg1, e
    stim = h.IClamp(seg)
    stim.delay, stim.dur, stim.amp = 0, 100, amp
    return s, seg, stim


def test_layer_equations_single_compartment():
    # xc = 0: the layers are resistive, so after every step the membrane current (in
    # i_membrane) crosses xg[0] and then xg[1] to the battery e:
    #   vext[0] - vext[1] = i_membrane / xg[0],  vext[1] - e = i_membrane / xg[1]
    # (up to the layers' axial leak through xraxial = 1e9 MOhm/cm to the end nodes)
    s, seg, stim = _single(0.001, 2.0, e=3.0)
    h.finitialize(-65)
    assert seg.vext[0] == 0.0 and seg.vext[1] == 0.0 and seg.i_membrane == 0.0
    for _ in range(40):
        h.fadvance()
        im = seg.i_membrane
        assert seg.vext[0] - seg.vext[1] == pytest.approx(im / 0.001, rel=1e-6)
        assert seg.vext[1] - 3.0 == pytest.approx(im / 2.0, rel=1e-6, abs=1e-9)
    # the membrane current is the electrode's: 0.1 nA over the area, in mA/cm2, once
    # the capacitive transient has passed (total current balance of the compartment)
    total = 0.1 * 100.0 / seg.area()
    assert seg.i_membrane == pytest.approx(total, rel=1e-3)


def test_names_defaults_and_records():
    s = h.Section(name="ax")
    s.nseg = 3
    s.insert("hh")
    s.insert("extracellular")
    seg = s(0.5)
    assert (seg.xraxial[0], seg.xraxial[1], seg.xg[0], seg.xg[1]) == (1e9, 1e9, 1e9, 1e9)
    assert (seg.xc[0], seg.xc[1], seg.e_extracellular, seg.vext[0], seg.i_membrane) == (0,) * 5
    assert len(seg.vext) == 2 and len(seg.xg) == 2
    seg.xg[0] = 0.25
    assert seg.xg[0] == 0.25 and s(0.1).xg[0] == 1e9 and seg.extracellular.xg[0] == 0.25
    seg.e_extracellular = 2.5
    assert seg.extracellular.e == 2.5
    h.load_file("stdrun.hoc")
    stim = h.IClamp(s(0.1))
    stim.delay, stim.dur, stim.amp = 0.2, 0.5, 0.5
    rv = h.Vector().record(seg._ref_vext[0])
    ri = h.Vector().record(seg._ref_i_membrane)
    rm = h.Vector().record(seg._ref_v)
    h.finitialize(-65)
    trace_v, trace_x, trace_i = [seg.v], [seg.vext[0]], [seg.i_membrane]
    for _ in range(80):
        h.fadvance()
        trace_v.append(seg.v)
        trace_x.append(seg.vext[0])
        trace_i.append(seg.i_membrane)
    np.testing.assert_array_equal(rv.as_numpy(), trace_x)
    np.testing.assert_array_equal(ri.as_numpy(), trace_i)
    np.testing.assert_array_equal(rm.as_numpy(), trace_v)
    assert max(abs(x) for x in trace_x) > 0.0
    del stim


def test_without_extracellular_attribute_errors():
    s = h.Section(name="plain")
    with pytest.raises(AttributeError, match="extracellular"):
        s(0.5).vext
    with pytest.raises(AttributeError, match="extracellular"):
        s(0.5).xg[0] = 1.0


def test_secondorder_and_cvode_are_refused():
    s, seg, stim = _single(1.0, 1.0)
    h.secondorder = 2
    with pytest.raises(ModelError, match="secondorder"):
        h.finitialize(-65)
    h.secondorder = 0
    h.load_file("stdrun.hoc")
    h.cvode_active(1)
    with pytest.raises(NotImplementedError, match="extracellular.*cvode_active"):
        h.finitialize(-65)
        h.continuerun(1)
    h.cvode_active(0)
