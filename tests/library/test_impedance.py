"""Impedance against NEURON 9.0.2's numbers (data/impsave_reference.json, made by
data/make_impsave_reference.py from impsave_model.py) and against the analytic
impedance of a passive compartment."""
import cmath
import json
import math
import sys
from pathlib import Path

import pytest

from ranvier import h
from ranvier.core.errors import ModelError

sys.path.insert(0, str(Path(__file__).parent))
import impsave_model  # noqa: E402

REF = json.loads((Path(__file__).parent / "data" / "impsave_reference.json").read_text())["impedance"]


@pytest.fixture(scope="module")
def ours():
    import ranvier
    ranvier.reset()
    out = impsave_model.impedance(h)
    ranvier.reset()
    return out


def test_model_at_rest_is_neurons(ours):
    # the state the impedance is linearised around is NEURON's, bit for bit
    assert ours["v_rest"] == REF["v_rest"]
    assert ours["g_syn"] == REF["g_syn"]
    assert ours["v_after"] == REF["v_after"]      # compute changes no state


def test_deltafac(ours):
    assert ours["deltafac"] == REF["deltafac"] == [1e-4, 1e-4]


@pytest.mark.parametrize("key", sorted(REF["tables"]))
def test_tables(ours, key):
    # key: deltafac_freq_extended; columns: input, input_phase, transfer, transfer_phase,
    # ratio (loc at the soma), transfer, transfer_phase, ratio (loc(seg) at a dendrite end)
    got, exp = ours["tables"][key], REF["tables"][key]
    assert len(got) == len(exp)
    for i, (g_row, e_row) in enumerate(zip(got, exp)):
        for j, (g, e) in enumerate(zip(g_row, e_row)):
            assert g == pytest.approx(e, rel=1e-9, abs=1e-9), (key, i, j)


def test_extended_method_differs_from_standard(ours):
    # the gating dynamics matter for an active cell (NEURON: a different input impedance)
    std, ext = REF["tables"]["0.001_0_0"][1][0], REF["tables"]["0.001_0_1"][1][0]
    assert abs(std - ext) > 1.0
    assert ours["tables"]["0.001_0_1"][1][0] == pytest.approx(ext, rel=1e-9)


@pytest.mark.parametrize("ext", [0, 1])
@pytest.mark.parametrize("freq", [0.0, 20.0, 300.0])
def test_passive_compartment_is_analytic(ext, freq):
    import ranvier
    ranvier.reset()
    try:
        s = h.Section(name="pc")
        s.L = s.diam = 20
        s.cm = 1.5
        s.insert("pas")
        s.g_pas = 1e-4
        h.finitialize(-70)
        imp = h.Impedance()
        imp.loc(s(0.5))
        imp.compute(freq, ext)
        area = math.pi * 20 * 20 * 1e-8                     # cm2
        y = area * (1e-4 + 1j * 2 * math.pi * freq * 1.5e-6)  # S
        z = 1e-6 / y                                          # MOhm
        assert imp.input(0.5, sec=s) == pytest.approx(abs(z), rel=1e-9)
        assert imp.transfer(s(0.5)) == pytest.approx(abs(z), rel=1e-9)
        assert imp.input_phase(0.5, sec=s) == pytest.approx(cmath.phase(z), abs=1e-9)
        assert imp.transfer_phase(0.5, sec=s) == pytest.approx(cmath.phase(z), abs=1e-9)
        assert imp.ratio(s(0.5)) == pytest.approx(1.0, rel=1e-12)
    finally:
        ranvier.reset()


def test_errors_say_what():
    import ranvier
    from ranvier.library.impedance import ImpedanceError
    ranvier.reset()
    try:
        s = h.Section(name="pe")
        s.insert("pas")
        imp = h.Impedance()
        with pytest.raises(ImpedanceError, match="location is not specified"):
            imp.compute(10)
        imp.loc(0.5, sec=s)
        with pytest.raises(ImpedanceError, match="compute"):
            imp.input(0.5, sec=s)
        with pytest.raises(ValueError, match="deltafac"):
            imp.deltafac(2)
        with pytest.raises(ValueError, match=r"outside \[-1, 1\]"):
            imp.loc(3, sec=s)
        imp.loc(-1)                      # no location
        with pytest.raises(ModelError):
            imp.compute(0)
        assert issubclass(ImpedanceError, ModelError) and issubclass(ImpedanceError, ValueError)
    finally:
        ranvier.reset()
