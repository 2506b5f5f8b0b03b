"""LinearMechanism (library/linmech.py, engine/extra_eqn.py) against NEURON 9.0.2.

The models (linmech_models.py) are run by NEURON in data/make_linmech.py, which wrote
data/linmech_expected.json: a gap junction between two cells, NEURON's documented ideal
voltage clamp, an extra RC node driven by a Python callback, and a 3-equation system at
a 0-area node.  NEURON solves them with its sparse solver, ranvier with sparse LU: the
traces agree to round-off (well below 1e-9 mV)."""
import json
from pathlib import Path

import numpy as np
import pytest

from ranvier import h
from ranvier.core.errors import ModelError

import linmech_models

EXPECTED = json.loads((Path(__file__).parent / "data" / "linmech_expected.json").read_text())


@pytest.mark.parametrize("name", linmech_models.MODELS)
def test_traces_match_neuron(name):
    got = linmech_models.run(h, name)
    exp = EXPECTED[name]
    assert len(got["t"]) == len(exp["t"])
    np.testing.assert_allclose(got["t"], exp["t"], rtol=0, atol=1e-12)
    for k in range(len(exp["v"])):
        np.testing.assert_allclose(got["v"][k], exp["v"][k], rtol=0, atol=1e-9)
    for k in range(len(exp["y"])):
        np.testing.assert_allclose(got["y"][k], exp["y"][k], rtol=0, atol=1e-9)


def test_voltage_clamp_with_records_and_continuerun():
    # the documented ideal clamp: v jumps to b[1] = 10 mV in the first step; the records
    # (every step, through continuerun) see the same numbers as the fadvance loop
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.nseg, dend.L, dend.diam = 4, 300, 1
    dend.insert("pas")
    dend.connect(soma(1))
    c = h.Matrix(2, 2, 2)
    g = h.Matrix(2, 2)
    y = h.Vector([0, 0])
    b = h.Vector([0, 10])
    g.setval(0, 1, -1)
    g.setval(1, 0, 1)
    lm = h.LinearMechanism(c, g, y, b, 0.5, sec=soma)
    h.load_file("stdrun.hoc")
    vs = h.Vector().record(soma(0.5)._ref_v)
    vd = h.Vector().record(dend(0.5)._ref_v)
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(12)
    exp = EXPECTED["vclamp"]
    np.testing.assert_allclose(vs.as_numpy(), exp["v"][0], rtol=0, atol=1e-9)
    np.testing.assert_allclose(vd.as_numpy(), exp["v"][1], rtol=0, atol=1e-9)
    assert y[0] == pytest.approx(10.0, abs=1e-12)
    assert y[1] == pytest.approx(exp["y"][1][-1], abs=1e-9)
    del lm


def test_collected_mechanism_stops_acting():
    soma = h.Section(name="soma")
    soma.insert("pas")
    c = h.Matrix(2, 2, 2)
    g = h.Matrix(2, 2)
    g.setval(0, 1, -1)
    g.setval(1, 0, 1)
    y = h.Vector(2)
    b = h.Vector([0, 10])
    lm = h.LinearMechanism(c, g, y, b, 0.5, sec=soma)
    h.finitialize(-65)
    h.fadvance()
    assert soma(0.5).v == pytest.approx(10.0, abs=1e-12)
    del lm
    h.finitialize(-65)
    h.fadvance()
    # pas alone: one implicit Euler step towards e_pas = -70 from -65
    gl, cm, dt = 0.001, 1.0, h.dt
    expect = -65 + (-(gl * (-65 + 70))) / (cm * 1e-3 / dt + gl)
    assert soma(0.5).v == pytest.approx(expect, abs=1e-12)


def _clamp(soma):
    c = h.Matrix(2, 2, 2)
    g = h.Matrix(2, 2)
    g.setval(0, 1, -1)
    g.setval(1, 0, 1)
    y = h.Vector(2)
    b = h.Vector([0, 10])
    return (c, g, y, b), h.LinearMechanism(c, g, y, b, 0.5, sec=soma)


def test_secondorder_and_cvode_are_refused():
    soma = h.Section(name="soma")
    soma.insert("pas")
    keep = _clamp(soma)
    h.secondorder = 2
    with pytest.raises(ModelError, match="secondorder"):
        h.finitialize(-65)
    h.secondorder = 0
    h.load_file("stdrun.hoc")
    h.cvode_active(1)
    with pytest.raises(NotImplementedError, match="LinearMechanism.*cvode_active"):
        h.finitialize(-65)
        h.continuerun(1)
    h.cvode_active(0)
    del keep


def test_bad_arguments():
    soma = h.Section(name="soma")
    c = h.Matrix(2, 2)
    g3 = h.Matrix(3, 3)
    y = h.Vector(2)
    b = h.Vector(2)
    with pytest.raises(ModelError, match="g is 3x3 but y has 2"):
        h.LinearMechanism(c, g3, y, b, 0.5, sec=soma)
    with pytest.raises(ModelError, match="b has 3 elements"):
        h.LinearMechanism(c, h.Matrix(2, 2), y, h.Vector(3), 0.5, sec=soma)
    with pytest.raises(TypeError, match="c must be a Matrix"):
        h.LinearMechanism(y, g3, y, b)
    with pytest.raises(ValueError, match="outside"):
        h.LinearMechanism(c, h.Matrix(2, 2), y, b, 1.5, sec=soma)
