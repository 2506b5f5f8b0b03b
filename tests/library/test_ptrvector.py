"""PtrVector with Vector element pointers (vec._ref_x[i]), NEURON's documented example.

NEURON 9.0.2 prints, for the example below (run in /tmp/nrnvenv):
    pset returns 0.0 five times, b.printf() gives 0 1 2 3 4, a.printf() 0 10 20 30 40.
The rest of PtrVector is checked against NEURON in test_mechtype.py (probe.py).
"""
import pytest

from ranvier import h


def test_documented_scatter_gather_example():
    a = h.Vector(range(5))
    b = h.Vector([0] * 5)
    pv = h.PtrVector(5)
    assert [pv.pset(i, b._ref_x[i]) for i in range(len(a))] == [0.0] * 5
    assert pv.scatter(a) == 0.0
    assert list(b) == [0.0, 1.0, 2.0, 3.0, 4.0]
    b.mul(10)
    assert pv.gather(a) == 0.0
    assert list(a) == [0.0, 10.0, 20.0, 30.0, 40.0]


def test_vector_element_pointer():
    v = h.Vector([1.5, 2.5, 3.5])
    p = v._ref_x[1]
    assert p[0] == 2.5
    p[0] = -4
    assert v[1] == -4.0
    with pytest.raises(IndexError):
        v._ref_x[3]
    with pytest.raises(IndexError):
        p[1]
    with pytest.raises(TypeError):
        v._ref_x[0] = 2.0
    pv = h.PtrVector(1)
    pv.pset(0, p)
    v.x[1] = 7.25
    assert pv.getval(0) == 7.25
