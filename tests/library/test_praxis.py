"""fit_praxis / attr_praxis / pval_praxis / stop_praxis against NEURON 9.0.2 on a
quadratic bowl f = (x - 1)^2 + 10 (y + 2)^2 + 3: NEURON returned 3.0 at (1, -2) from both
the Python form (efun, Vector) and the HOC form (n, "fname", &x[0]), and principal values
10.000000000891 and 1.0000001264 along the y and x axes (half the curvatures)."""
import pytest

from ranvier import h
from ranvier.core.errors import HocError


def bowl(vec):
    return (vec[0] - 1) ** 2 + 10 * (vec[1] + 2) ** 2 + 3


def test_python_form_finds_the_minimum_and_principal_axes():
    v = h.Vector([0, 0])
    assert h.attr_praxis(1e-8, 1, 0) == 0
    assert h.fit_praxis(bowl, v) == pytest.approx(3.0, abs=1e-12)
    assert list(v) == pytest.approx([1, -2], abs=1e-7)
    axis = h.Vector()
    assert h.pval_praxis(0, axis) == pytest.approx(10.0, rel=1e-6)
    assert [abs(c) for c in axis] == pytest.approx([0, 1], abs=1e-6)
    assert h.pval_praxis(1, axis) == pytest.approx(1.0, rel=1e-6)
    assert [abs(c) for c in axis] == pytest.approx([1, 0], abs=1e-6)
    with pytest.raises(HocError, match="out of range"):
        h.pval_praxis(2)


def test_hoc_form_with_pointer_and_vector():
    h("double prx[2]\nfunc prxfun() { return ($&2[0]-1)^2 + 10*($&2[1]+2)^2 + 3 }")
    h.attr_praxis(1e-6, 1, 0)
    assert h.fit_praxis(2, "prxfun", h._ref_prx[0]) == pytest.approx(3.0, abs=1e-9)
    assert (h.prx[0], h.prx[1]) == pytest.approx((1, -2), abs=1e-5)
    vec = h.Vector([5, 5])
    assert h.fit_praxis(2, "prxfun", vec) == pytest.approx(3.0, abs=1e-9)
    assert list(vec) == pytest.approx([1, -2], abs=1e-5)


def test_stop_praxis_ends_the_fit_with_the_best_point_so_far():
    calls = []

    def f(vec):
        calls.append(1)
        if len(calls) == 5:
            h.stop_praxis()
        return bowl(vec)
    v = h.Vector([0, 0])
    e = h.fit_praxis(f, v)
    assert len(calls) == 5 + 1 + 4 + 4            # the stop, then the axes estimate (f0, 4 + 4)
    assert e == pytest.approx(bowl(v)) and e < bowl([0, 0])


def test_bad_arguments():
    with pytest.raises(HocError, match="is not a function"):
        h.fit_praxis(2, "no_such_fn_praxis", h.Vector(2))
    with pytest.raises(HocError, match="expected"):
        h.fit_praxis(1.0)
