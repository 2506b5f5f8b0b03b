"""The fixed-step engine against cable theory (analytic, not NEURON numbers)."""
import math

import numpy as np
import pytest

from ranvier import h


def _clear():
    for s in list(h.allsec()):
        h.delete_section(sec=s)


def test_passive_sphere_time_constant():
    """One passive compartment: v(t) = e + I R (1 - exp(-t/tau)), tau = cm/g."""
    _clear()
    h.load_file("stdrun.hoc")
    soma = h.Section(name="sphere")
    soma.L = soma.diam = 20
    soma.insert("pas")
    g = 1e-3
    soma(0.5).pas.g = g
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0.01
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    h.dt = 0.001
    h.finitialize(-70)
    h.continuerun(5)
    area_cm2 = soma(0.5).area() * 1e-8
    r_mohm = 1 / (g * area_cm2) * 1e-6
    tau = 1.0 * 1e-6 / g * 1e3       # cm (uF/cm2) / g (S/cm2), in ms
    t_np, v_np = np.array(t), np.array(v)
    expected = -70 + 0.01 * r_mohm * (1 - np.exp(-t_np / tau))
    assert tau == pytest.approx(1.0)
    np.testing.assert_allclose(v_np[1:], expected[1:], rtol=2e-3)
    h.dt = 0.025


def test_cable_input_resistance_and_length_constant():
    """Sealed-end passive cable: R_in = r_a lambda coth(L/lambda);
    V(x)/V(0) = cosh((L - x)/lambda)/cosh(L/lambda)."""
    _clear()
    h.load_file("stdrun.hoc")
    cab = h.Section(name="cable")
    cab.L, cab.diam, cab.Ra, cab.nseg = 2000.0, 2.0, 100.0, 401
    cab.insert("pas")
    g = 1e-4
    for seg in cab:
        seg.pas.g = g
        seg.pas.e = 0
    stim = h.IClamp(cab(0))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 0.1
    h.dt = 0.1
    h.finitialize(0)
    h.continuerun(400)              # many time constants (tau = 10 ms)
    d_cm = 2e-4
    rm = 1 / g                      # ohm cm2
    lam_cm = math.sqrt(rm * d_cm / (4 * 100.0))
    ra = 4 * 100.0 / (math.pi * d_cm ** 2)          # ohm / cm
    L_cm = 2000e-4
    rin_mohm = ra * lam_cm / math.tanh(L_cm / lam_cm) * 1e-6
    v0 = cab(0).v
    assert v0 / 0.1 == pytest.approx(rin_mohm, rel=2e-3)
    for x in (0.25, 0.5, 1.0):
        expected = math.cosh((L_cm - x * L_cm) / lam_cm) / math.cosh(L_cm / lam_cm)
        assert cab(x).v / v0 == pytest.approx(expected, rel=5e-3)
    h.dt = 0.025
