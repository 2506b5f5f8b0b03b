"""h.Pointer from Python (NEURON 9.0.2 printed the same values for this sequence: a
reference to t, a named range variable, assign with a `$1` statement and with a variable
name, and s() of each)."""
import pytest

from ranvier import h
from ranvier.core.errors import HocError


def test_pointer_to_reference_and_to_named_variables():
    h("create ptrsoma")
    p = h.Pointer(h._ref_t)
    assert p.val == h.t
    assert p.assign(42) == 42 and h.t == 42
    p.val = 13
    assert h.t == 13 and p.s() == "unknown"
    q = h.Pointer("ptrsoma.v(0.5)")
    assert (q.s(), q.val) == ("ptrsoma.v(0.5)", -65)
    q.val = -20
    assert h.ptrsoma(0.5).v == -20
    h("ptrx = 3")
    r = h.Pointer("ptrx", "ptry = $1*2")       # the variable and then the statement
    assert r.assign(5) == 5 and (h.ptrx, h.ptry) == (5, 10)
    r3 = h.Pointer(h._ref_t, "ptrz = $1 + 1")
    assert r3.assign(9) == 9 and (h.t, h.ptrz) == (9, 10)
    r2 = h.Pointer("ptrx", "ptrw")              # no $1: a variable that also gets the value
    h("ptrw = 0")
    assert r2.assign(7) == 7 and (h.ptrx, h.ptrw) == (7, 7)
    h.t = 0


def test_pointer_arguments_are_checked():
    with pytest.raises(HocError, match="arg 1 must be a pointer"):
        h.Pointer(3.0)
    with pytest.raises(HocError):
        h.Pointer("no_such_variable_here")


def test_ref_of_a_hoc_array_is_an_incomplete_pointer():
    """NEURON: h._ref_a is '<incomplete pointer to hoc array a>' and h._ref_a[i] a
    pointer to a[i] (not its value)."""
    h("double refarr[3]\nrefarr[1] = 7")
    r = h._ref_refarr
    assert repr(r) == "<incomplete pointer to hoc array refarr>"
    p = r[1]
    assert p[0] == 7
    p[0] = 8
    assert h.refarr[1] == 8
    assert h.Pointer(r[2]).assign(4) == 4 and h.refarr[2] == 4
    with pytest.raises(IndexError):
        r[3]
