"""Integration settings that cannot work are refused when set, not at run time."""
import pytest

from ranvier import h


@pytest.mark.parametrize("value", [0, -1e-3])
def test_cvode_atol_must_be_positive(value):
    cv = h.CVode()
    old = cv.atol()
    with pytest.raises(ValueError, match=r"cvode\.atol must be positive"):
        cv.atol(value)
    assert cv.atol() == old


def test_cvode_rtol_must_not_be_negative():
    cv = h.CVode()
    old = cv.rtol()
    with pytest.raises(ValueError, match=r"cvode\.rtol must not be negative"):
        cv.rtol(-1)
    assert cv.rtol() == old
    cv.rtol(0)                             # NEURON's default: absolute tolerance only
    assert cv.rtol() == 0.0


@pytest.mark.parametrize("value", [0, -0.025])
def test_dt_must_be_positive(value):
    with pytest.raises(ValueError, match=r"dt must be positive"):
        h.dt = value
    assert h.dt == 0.025


@pytest.mark.parametrize("method", ["use_daspk"])     # use_local_dt: tests/engine/test_cvode_features.py
def test_unimplemented_cvode_modes_refuse_to_switch_on(method):
    cv = h.CVode()
    assert getattr(cv, method)() is False          # asking is fine
    assert getattr(cv, method)(0) is False
    with pytest.raises(NotImplementedError, match=method):
        getattr(cv, method)(1)
