"""Tests of ranvier.data.vector.Vector (NEURON's h.Vector).

Expected values are analytic or were checked against NEURON 9.0.2.
"""
import gc
import math
import pickle

import numpy as np
import pytest

from ranvier.data import vector as vmod
from ranvier.data.vector import (Vector, VectorError, VectorIndexError, VectorValueError,
                            recording_vectors, playing_vectors)

DATA = [3, 1, 4, 1, 5, 9, 2, 6]


@pytest.fixture
def v():
    return Vector(DATA)


def L(vec):
    return list(vec)


# ------------------------------------------------------------ construction --
def test_constructors():
    assert L(Vector()) == [] and len(Vector()) == 0
    assert L(Vector(3)) == [0.0, 0.0, 0.0]
    assert L(Vector(3, 7.5)) == [7.5] * 3
    assert L(Vector(5.7)) == [0.0] * 5
    assert L(Vector([1, 2, 3.5])) == [1.0, 2.0, 3.5]
    assert L(Vector((1, 2))) == [1.0, 2.0]
    assert L(Vector(range(3))) == [0.0, 1.0, 2.0]
    assert L(Vector(x * 0.5 for x in range(3))) == [0.0, 0.5, 1.0]
    assert L(Vector(np.arange(3))) == [0.0, 1.0, 2.0]
    assert L(Vector(np.arange(3, dtype=np.float32))) == [0.0, 1.0, 2.0]
    assert L(Vector([True, False, np.float32(1.5)])) == [1.0, 0.0, 1.5]
    w = Vector([1, 2])
    c = Vector(w)
    c[0] = 9
    assert L(w) == [1.0, 2.0] and L(c) == [9.0, 2.0]


def test_constructor_copies_numpy():
    a = np.linspace(0, 1, 5)
    w = Vector(a)
    a[0] = 99
    assert L(w) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_constructor_errors():
    with pytest.raises(TypeError, match="not a number"):
        Vector([1, "a"])
    with pytest.raises(TypeError):
        Vector("abc")
    with pytest.raises(TypeError, match="1-D"):
        Vector(np.zeros((2, 2)))
    with pytest.raises(ValueError):
        Vector(-1)
    with pytest.raises(TypeError):
        Vector(object())


def test_hname_and_print(v, capsys):
    assert v.hname().startswith("Vector[")
    print(v)
    assert capsys.readouterr().out.strip() == v.hname()
    assert repr(v) == v.hname()
    assert repr(v.x) == v.hname() + ".x[?]"


# -------------------------------------------------------- python protocol --
def test_len_index_iter(v):
    assert len(v) == 8 and v.size() == 8 and isinstance(v.size(), int)
    assert v[2] == 4.0 and v[-1] == 6.0 and v[-8] == 3.0
    assert v[np.int64(2)] == 4.0
    assert type(v[0]) is float
    assert [type(x) for x in v] == [float] * 8
    assert L(v) == [float(x) for x in DATA]
    assert 9 in v and 7 not in v
    assert bool(v) and not bool(Vector())


def test_index_errors(v):
    with pytest.raises(IndexError):
        v[8]
    with pytest.raises(IndexError):
        v[-9]
    with pytest.raises(IndexError):
        v[8] = 1
    with pytest.raises(TypeError, match="integers or slices"):
        v[1.5]
    with pytest.raises(TypeError):
        v["a"]
    with pytest.raises(TypeError, match="expected a number"):
        v[0] = "a"


def test_setitem_and_x(v):
    v[0] = 10
    v[-1] = 0
    v.x[1] = 11
    assert v.x[1] == 11.0 and v.x[0] == 10.0
    assert L(v) == [10.0, 11.0, 4.0, 1.0, 5.0, 9.0, 2.0, 0.0]
    assert len(v.x) == 8 and list(v.x) == L(v)
    with pytest.raises(IndexError):
        v.x[8]
    with pytest.raises(IndexError):       # NEURON: no negative indices on .x
        v.x[-1]
    with pytest.raises(TypeError):
        v.x[1] = None


def test_slices(v):
    s = v[2:5]
    assert isinstance(s, Vector) and s.hname() != v.hname()
    assert L(s) == [4.0, 1.0, 5.0]
    s[0] = 100
    assert v[2] == 4.0                     # a new Vector, not a view
    assert L(v[::2]) == [3.0, 4.0, 5.0, 2.0]
    assert L(v[5:2]) == []
    assert L(v[-3:]) == [9.0, 2.0, 6.0]
    v[2:5] = [0, 0, 0]
    assert L(v) == [3.0, 1.0, 0.0, 0.0, 0.0, 9.0, 2.0, 6.0]
    v[0:2] = Vector([7, 8])
    assert L(v)[:2] == [7.0, 8.0]
    with pytest.raises(TypeError):
        v[2:4] = 5
    with pytest.raises(ValueError):
        v[2:4] = [1, 2, 3]


def test_operators(v):
    w = Vector([1, 2, 3, 4, 5, 6, 7, 8])
    assert L(v + 1) == [4.0, 2.0, 5.0, 2.0, 6.0, 10.0, 3.0, 7.0]
    assert L(1 + v) == L(v + 1)
    assert L(v - 1) == [2.0, 0.0, 3.0, 0.0, 4.0, 8.0, 1.0, 5.0]
    assert L(1 - v) == [-2.0, 0.0, -3.0, 0.0, -4.0, -8.0, -1.0, -5.0]
    assert L(v * 2) == L(2 * v) == [6.0, 2.0, 8.0, 2.0, 10.0, 18.0, 4.0, 12.0]
    assert L(v / 2) == [1.5, 0.5, 2.0, 0.5, 2.5, 4.5, 1.0, 3.0]
    assert L(2 / Vector([1, 4])) == [2.0, 0.5]
    assert L(v + w) == [4.0, 3.0, 7.0, 5.0, 10.0, 15.0, 9.0, 14.0]
    assert L(v - w) == [2.0, -1.0, 1.0, -3.0, 0.0, 3.0, -5.0, -2.0]
    assert L(v * w) == [3.0, 2.0, 12.0, 4.0, 25.0, 54.0, 14.0, 48.0]
    assert L(Vector([3, 1]) / Vector([2, 4])) == [1.5, 0.25]
    assert L(-v) == [-x for x in L(v)]
    assert L(abs(Vector([-1, 2]))) == [1.0, 2.0]
    assert L(v) == [float(x) for x in DATA]           # operands unchanged
    orig = v
    v += 1                                            # NEURON: rebinds to a new Vector
    assert v is not orig and L(orig) == [float(x) for x in DATA]
    with pytest.raises(ValueError):
        v + Vector([1])
    with pytest.raises(RuntimeError):
        v + Vector([1])
    with pytest.raises(TypeError):
        v + "a"
    with pytest.raises(TypeError):
        v ** 2


def test_equality_is_identity_and_hashable(v):
    assert v == v and not (v == v.c()) and v != v.c()
    assert hash(v) == hash(v)
    assert {v: 1}[v] == 1


# ------------------------------------------------------------------ numpy --
def test_as_numpy_is_zero_copy(v):
    a = v.as_numpy()
    assert a.dtype == np.float64 and a.shape == (8,)
    a[3] = 3.14
    assert v[3] == 3.14 and v.x[3] == 3.14
    v.x[4] = 2.71
    assert a[4] == 2.71


def test_numpy_array_copies(v):
    a = np.array(v)
    assert a.dtype == np.float64 and a.shape == (8,)
    a[0] = -1
    assert v[0] == 3.0
    assert np.array(v, dtype=np.float32).dtype == np.float32


def test_numpy_asarray_shares_like_neuron(v):
    a = np.asarray(v)
    assert np.array_equal(a, DATA)
    a[0] = 42
    assert v[0] == 42.0


def test_million_elements():
    na = np.arange(0.0, 10.0, 1e-5)
    hv = Vector(na)
    assert hv.size() == len(na) == 1000000
    assert hv.sum() == float(np.sum(na))
    back = np.array(hv)
    assert back is not na and np.array_equal(back, na)
    hv2 = Vector()
    for x in na:                        # amortised O(1) append
        hv2.append(x)
    assert hv2.size() == 1000000 and hv2.eq(hv) == 1.0
    assert hv2.buffer_size() >= hv2.size()
    hv3 = Vector()._extend(na)
    assert hv3.eq(hv) == 1.0


def test_pickle(v):
    assert L(pickle.loads(pickle.dumps(v))) == L(v)


# ---------------------------------------------------------------- storage --
def test_resize_buffer_size_clear(v):
    assert v.buffer_size() == 8
    assert L(v.resize(3)) == [3.0, 1.0, 4.0]
    assert L(v.resize(5)) == [3.0, 1.0, 4.0, 0.0, 0.0]     # new elements are 0
    assert v.buffer_size(100) == 100 and v.size() == 5
    with pytest.raises(IndexError):
        v.buffer_size(3)
    assert v.clear() is v and v.size() == 0
    with pytest.raises(ValueError):
        v.resize(-1)
    w = Vector(3).append(1)
    assert w.buffer_size() == 6


def test_extend_and_clear_fast_paths():
    w = Vector([1.0])
    w._extend(np.array([2.0, 3.0]))
    assert L(w) == [1.0, 2.0, 3.0]
    w._extend(w.as_numpy())                    # overlapping source
    assert L(w) == [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]
    cap = w.buffer_size()
    w._clear()
    assert w.size() == 0 and w.buffer_size() == cap


def test_append_insrt_remove(v):
    w = Vector()
    assert w.append(1, Vector([2, 3]), 4) is w
    assert L(w) == [1.0, 2.0, 3.0, 4.0]
    w.append(w)                                 # self-append
    assert L(w) == [1.0, 2.0, 3.0, 4.0] * 2
    with pytest.raises(TypeError, match="numbers or Vectors"):
        Vector().append("a")
    with pytest.raises(TypeError):
        Vector().append([1, 2])
    assert L(v.c().insrt(2, 7, 8)) == [3.0, 1.0, 7.0, 8.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    assert L(v.c().insrt(2, Vector([7, 8]))) == L(v.c().insrt(2, 7, 8))
    assert L(v.c().insrt(8, 7))[-1] == 7.0
    with pytest.raises(IndexError):
        v.c().insrt(9, 7)
    assert L(v.c().remove(2)) == [3.0, 1.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    assert L(v.c().remove(2, 4)) == [3.0, 1.0, 9.0, 2.0, 6.0]
    for bad in [(8,), (-1,), (5, 2)]:
        with pytest.raises(IndexError):
            v.c().remove(*bad)
    with pytest.raises(RuntimeError):           # NEURON raises RuntimeError
        v.c().remove(8)


def test_get_set(v):
    assert v.get(2) == 4.0 and v.get(2.9) == 4.0
    assert v.set(2, 7) is v and v[2] == 7.0
    with pytest.raises(IndexError):
        v.get(8)
    with pytest.raises(IndexError):
        v.set(-1, 0)
    with pytest.raises(TypeError):
        v.get("a")


def test_fill_indgen():
    u = Vector(5)
    assert u.fill(2) is u and L(u) == [2.0] * 5
    assert L(Vector(DATA).fill(7, 2, 4)) == [3.0, 1.0, 7.0, 7.0, 7.0, 9.0, 2.0, 6.0]
    with pytest.raises(TypeError):
        Vector(5).fill(7, 2)
    with pytest.raises(IndexError):
        Vector(5).fill(7, 2, 20)
    assert L(Vector(5).indgen()) == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert L(Vector(3).indgen(2.5)) == [0.0, 2.5, 5.0]
    assert L(Vector(4).indgen(10, 2)) == [10.0, 12.0, 14.0, 16.0]
    assert L(Vector().indgen(0, 1, 0.25)) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert L(Vector(3).indgen(0, 10, 2)) == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    assert L(Vector().indgen(0, 1, 0.3)) == [0.0, 0.3, 0.6, 0.8999999999999999]
    assert len(Vector().indgen(0, 1, 0.1)) == 11
    assert len(Vector().indgen(0, 0.999999999, 0.1)) == 10
    assert L(Vector().indgen(0, -3, -1)) == [0.0, -1.0, -2.0, -3.0]
    for bad in [(1, 0, 0.25), (0, 1, -0.25), (0, 1, 0), (0, 0, 1)]:
        with pytest.raises(VectorError):
            Vector().indgen(*bad)
    with pytest.raises(TypeError):
        Vector(3).indgen(1, 2, 3, 4)


# ----------------------------------------------------------------- copies --
def test_c_cl_at(v):
    v.label("lbl")
    w = v.c()
    assert w is not v and L(w) == L(v) and w.label() == ""
    assert v.cl().label() == "lbl"
    assert L(v.c(2)) == [4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    assert L(v.c(2, 4)) == [4.0, 1.0, 5.0] == L(v.at(2, 4))
    assert L(v.at(2)) == L(v.c(2))
    with pytest.raises(IndexError):
        v.c(2, 9)


def test_copy_forms(v):
    assert L(Vector(10).copy(v)) == L(v)                     # exact resize
    assert L(Vector(2).copy(v, 3)) == [0.0] * 3 + L(v)
    assert len(Vector(20).copy(v, 3)) == 20
    assert L(Vector(3).copy(v, 2, 4)) == [4.0, 1.0, 5.0]
    assert L(Vector(10).copy(v, 2, 4))[:4] == [4.0, 1.0, 5.0, 0.0]
    assert L(Vector(3).copy(v, 1, 2, 4)) == [0.0, 4.0, 1.0, 5.0]
    assert L(Vector(10).copy(v, 0, 0, -1, 2, 1)) == [3.0, 0.0, 1.0, 0.0, 4.0, 0.0, 1.0, 0.0,
                                                     5.0, 0.0, 9.0, 0.0, 2.0, 0.0, 6.0]
    assert L(Vector(4).copy(v, 0, 0, -1, 1, 2)) == [3.0, 4.0, 5.0, 2.0]
    assert L(Vector(5).copy(v, Vector([1, 3]))) == [0.0, 1.0, 0.0, 1.0, 0.0]
    assert L(Vector(6).copy(v, Vector([1, 3]), Vector([0, 5]))) == [1.0, 0, 0, 0, 0, 1.0]
    assert L(v.copy(v, 1)) == [3.0] + [float(x) for x in DATA]   # self copy
    with pytest.raises(TypeError):
        Vector().copy([1, 2])


def test_to_from_python(v):
    tp = v.to_python()
    assert type(tp) is list and tp == [float(x) for x in DATA]
    assert all(type(x) is float for x in tp)
    dest = np.zeros(8)
    assert v.to_python(dest) is dest and dest.tolist() == tp
    lst = [0] * 8
    assert v.to_python(lst) is lst and lst == tp
    with pytest.raises(ValueError):
        v.to_python([9])
    z = Vector()
    assert z.from_python([1, 2, 3]) is z and L(z) == [1.0, 2.0, 3.0]
    assert L(z.from_python(np.arange(2))) == [0.0, 1.0]
    with pytest.raises(TypeError):
        z.from_python(5)
    with pytest.raises(TypeError):
        z.from_python([1, "a"])


def test_label(v):
    assert v.label() == ""
    assert v.label("hi") == "hi" and v.label() == "hi"
    with pytest.raises(TypeError):
        v.label(5)


# ------------------------------------------------------------- arithmetic --
def test_inplace_arithmetic(v):
    w = v.c()
    assert w.add(1) is w and L(w) == [4.0, 2.0, 5.0, 2.0, 6.0, 10.0, 3.0, 7.0]
    assert L(v.c().sub(1)) == [2.0, 0.0, 3.0, 0.0, 4.0, 8.0, 1.0, 5.0]
    assert L(v.c().mul(2.5)) == [7.5, 2.5, 10.0, 2.5, 12.5, 22.5, 5.0, 15.0]
    assert L(v.c().div(2)) == [1.5, 0.5, 2.0, 0.5, 2.5, 4.5, 1.0, 3.0]
    assert L(v.c().mul(v)) == [9.0, 1.0, 16.0, 1.0, 25.0, 81.0, 4.0, 36.0]
    assert L(v.c().add(v)) == [6.0, 2.0, 8.0, 2.0, 10.0, 18.0, 4.0, 12.0]
    assert L(Vector([1.0, 2]).div(Vector([0.0, 2]))) == [math.inf, 1.0]
    with pytest.raises(ValueError, match="size"):
        v.c().mul(Vector([1]))
    with pytest.raises(VectorError):
        v.c().div(0)
    with pytest.raises(TypeError, match="number or a Vector"):
        v.c().add("a")


def test_elementwise_math():
    assert L(Vector([1.5, -1.5]).floor()) == [1.0, -2.0]
    assert L(Vector([-1, 2]).abs()) == [1.0, 2.0]
    assert L(Vector([4, 9]).sqrt()) == [2.0, 3.0]
    with pytest.raises(ValueError):
        Vector([-1, 4]).sqrt()
    assert L(Vector([0, 1]).log()) == [-math.inf, 0.0]
    assert L(Vector([10, 100]).log10()) == [1.0, 2.0]
    assert Vector([1]).tanh()[0] == math.tanh(1)
    assert L(Vector([1, 2, 3]).pow(2)) == [1.0, 4.0, 9.0]
    assert L(Vector([1, 2, 4]).pow(-1)) == [1.0, 0.5, 0.25]
    assert L(Vector([0.0, 0.5]).apply("sin")) == [0.0, math.sin(0.5)]
    assert L(Vector([1, 4, 9]).apply("sqrt", 1, 2)) == [1.0, 2.0, 3.0]
    assert L(Vector([1, 4]).apply(lambda x: x + 1)) == [2.0, 5.0]
    assert Vector([1, 4, 9]).reduce("sqrt") == 6.0
    assert Vector([1, 4, 9]).reduce("sqrt", 1, 1, 2) == 6.0
    with pytest.raises(VectorError, match="undefined"):
        Vector([1]).apply("nosuch")


def test_scale():
    w = Vector(DATA)
    assert w.scale(0, 1) == 0.125
    assert w.min() == 0.0 and w.max() == 1.0 and w[0] == 0.25
    assert Vector([1, 2]).scale(3, 1) == -2.0
    assert Vector([1, 1]).scale(0, 1) == 0.0


# ------------------------------------------------------------- statistics --
def test_stats(v):
    assert v.sum() == 31.0
    assert v.mean() == 3.875
    var = sum((x - 3.875) ** 2 for x in DATA) / 7          # sample variance
    assert v.var() == pytest.approx(var, rel=1e-15)
    assert v.stdev() == pytest.approx(math.sqrt(var), rel=1e-15)
    assert v.stdev() == 2.748376143938713 and v.var() == 7.553571428571429
    assert v.stderr() == pytest.approx(math.sqrt(var / 8))
    assert v.max() == 9.0 and v.min() == 1.0
    assert v.max_ind() == 5 and type(v.max_ind()) is int
    assert v.min_ind() == 1                                # first of the ties
    assert v.dot(v) == 173.0 and v.sumsq() == 173.0
    assert v.mag() == math.sqrt(173.0)
    assert v.median() == 3.5 and Vector([1, 5, 2]).median() == 2.0
    assert v.meansqerr(v.c().add(1)) == 1.0
    assert v.meansqerr(v.c().add(2), Vector([1] * 8).mul(0.5)) == 2.0
    # ranges are inclusive
    assert v.sum(2, 4) == 10.0 and v.max(2, 4) == 5.0 and v.min(2, 4) == 1.0
    assert v.max_ind(2, 4) == 4 and v.min_ind(2, 4) == 3
    assert v.mean(2, 4) == pytest.approx(10 / 3)
    assert v.var(2, 4) == pytest.approx(13 / 3)
    assert v.sumsq(2, 4) == 42.0
    with pytest.raises(TypeError):
        v.sum(2)
    with pytest.raises(IndexError):
        v.sum(0, 8)


def test_stats_empty():
    e = Vector()
    assert e.sum() == 0.0 and e.max() == 0.0 and e.min() == 0.0 and e.mag() == 0.0
    assert e.max_ind() == -1 and e.min_ind() == -1
    for m in ("mean", "median"):
        with pytest.raises(ValueError):
            getattr(e, m)()
    for m in ("stdev", "var", "stderr"):
        with pytest.raises(ValueError):
            getattr(Vector([1]), m)()


def test_eq_contains_same(v):
    assert v.eq(v.c()) == 1.0 and type(v.eq(v)) is float
    assert v.eq(v.c().add(1)) == 0.0
    assert Vector([1, 2]).eq(Vector([1, 2, 3])) == 0.0
    assert Vector([1, 2, 3]).eq(Vector([1, 2, 3 + 1e-12])) == 1.0      # 1e-11 tolerance
    assert v.contains(9) is True and v.contains(7) is False
    assert Vector([2]).contains(2 + 5e-12) and not Vector([2]).contains(2 + 2e-11)
    assert v.same(v) is True and v.same(v.c()) is False
    with pytest.raises(TypeError):
        v.eq([3, 1])


# ---------------------------------------------------------------- search --
def test_where_indwhere(v):
    assert L(Vector().where(v, ">", 3)) == [4.0, 5.0, 9.0, 6.0]
    w = v.c()
    assert w.where(">", 3) is w and L(w) == [4.0, 5.0, 9.0, 6.0]
    assert L(Vector().where(v, "[]", 2, 5)) == [3.0, 4.0, 5.0, 2.0]
    assert L(Vector().where(v, "()", 2, 5)) == [3.0, 4.0]
    assert L(Vector().where(v, "[)", 2, 5)) == [3.0, 4.0, 2.0]
    assert L(Vector().where(v, "(]", 2, 5)) == [3.0, 4.0, 5.0]
    assert L(Vector().where(v, "==", 1)) == [1.0, 1.0]
    assert L(Vector().where(v, "!=", 1)) == [3.0, 4.0, 5.0, 9.0, 2.0, 6.0]
    assert L(Vector().where(v, "<=", 3)) == [3.0, 1.0, 1.0, 2.0]
    assert L(Vector().where(v, ">=", 3)) == [3.0, 4.0, 5.0, 9.0, 6.0]
    assert L(Vector().where(v, "<", 3)) == [1.0, 1.0, 2.0]
    assert L(Vector().indvwhere(v, ">", 3)) == [2.0, 4.0, 5.0, 7.0]
    assert v.indwhere(">", 4) == 4 and v.indwhere("==", 1) == 1
    assert v.indwhere(">", 100) == -1 and type(v.indwhere(">", 100)) is int
    with pytest.raises(ValueError, match="comparator"):
        Vector().where(v, "x", 3)
    with pytest.raises(TypeError):
        v.indwhere("[]", 2)


def test_index_ind(v):
    assert L(Vector().index(v, Vector([0, 2, 7]))) == [3.0, 4.0, 6.0]
    assert L(Vector().index(v, Vector([0, 2.7, 7]))) == [3.0, 4.0, 6.0]
    assert L(v.ind(Vector([0, 2, 7]))) == [3.0, 4.0, 6.0]
    w = Vector([1, 2, 3])
    assert L(w.index(w, Vector([2, 1, 0]))) == [3.0, 2.0, 1.0]
    with pytest.raises(IndexError):
        Vector().index(v, Vector([20]))


# ---------------------------------------------------------------- reorder --
def test_sort_reverse_rotate(v):
    assert L(v.c().sort()) == sorted(float(x) for x in DATA)
    si = v.sortindex()
    assert isinstance(si, Vector) and L(si) == [1.0, 3.0, 6.0, 0.0, 2.0, 4.0, 7.0, 5.0]
    d = Vector()
    assert v.sortindex(d) is d and L(d) == L(si)
    assert L(v.c().reverse()) == [6.0, 2.0, 9.0, 5.0, 1.0, 4.0, 1.0, 3.0]
    assert L(v.c().rotate(2)) == [2.0, 6.0, 3.0, 1.0, 4.0, 1.0, 5.0, 9.0]
    assert L(v.c().rotate(-2)) == [4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 3.0, 1.0]
    assert L(v.c().rotate(2, 0)) == [0.0, 0.0, 3.0, 1.0, 4.0, 1.0, 5.0, 9.0]
    assert L(v.c().rotate(-10, 0)) == [4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 0.0, 0.0]


# ---------------------------------------------------------------- calculus --
def test_integral_deriv(v):
    assert L(v.c().integral()) == [3.0, 4.0, 8.0, 9.0, 14.0, 23.0, 25.0, 31.0]
    assert L(Vector().integral(v, 0.5)) == [3.0, 3.5, 5.5, 6.0, 8.5, 13.0, 14.0, 17.0]
    assert L(Vector().deriv(v)) == [-2.0, 0.5, 0.0, 0.5, 4.0, -1.5, -1.5, 4.0]
    assert L(v.c().deriv(0.5)) == [-4.0, 1.0, 0.0, 1.0, 8.0, -3.0, -3.0, 8.0]
    assert L(Vector().deriv(v, 1, 1)) == [-2.0, 3.0, -3.0, 4.0, 4.0, -7.0, 4.0]
    assert L(Vector().deriv(v, 2, 1)) == [-1.0, 1.5, -1.5, 2.0, 2.0, -3.5, 2.0]
    with pytest.raises(ValueError):
        Vector().deriv(Vector([1]))
    with pytest.raises(ValueError):
        Vector().integral(Vector())


def test_interpolate():
    y = Vector().interpolate(Vector([0, 0.5, 1, 5, 10]), Vector([0, 1, 2]), Vector([10, 20, 40]))
    assert L(y) == [10.0, 15.0, 20.0, 40.0, 40.0]
    assert L(Vector([10, 20, 30]).interpolate(Vector([0.5, 2.5]), Vector([0, 1, 2]))) == [15.0, 30.0]
    # repeated abscissa: the left-hand value wins (NEURON)
    y = Vector().interpolate(Vector([0, 0.5, 1, 2]), Vector([0, 1, 1, 2]), Vector([0, 1, 3, 4]))
    assert L(y) == [0.0, 0.5, 1.0, 4.0]


def test_histograms(v):
    assert L(v.histogram(0, 10, 2)) == [0.0, 2.0, 2.0, 2.0, 1.0, 1.0, 0.0]
    h = Vector([-1, 0, 1.9, 2, 9.9, 10, 11, 12]).histogram(0, 10, 2)
    assert L(h) == [1.0, 2.0, 1.0, 0.0, 0.0, 1.0, 2.0]
    d = Vector()
    assert d.hist(v, 0, 5, 2) is d and L(d) == [2.0, 2.0, 2.0, 1.0, 1.0]
    with pytest.raises(ValueError):
        v.histogram(0, 10, 0)


def test_rebin_resample_spikebin_sin_correl(v):
    assert L(Vector().rebin(v, 2)) == [4.0, 5.0, 14.0, 8.0]
    assert L(v.c().rebin(2)) == [4.0, 5.0, 14.0, 8.0]
    assert L(Vector().resample(v, 0.5)) == [3.0, 4.0, 5.0, 2.0]
    assert L(Vector().resample(Vector([1, 2]), 2)) == [1.0, 1.0, 2.0, 2.0]
    assert L(Vector(5).spikebin(Vector([0, 1, 0, 1, 1]), 0.5)) == [0.0, 1.0, 0.0, 1.0, 0.0]
    s = Vector(5).sin(1, 0, 100)          # 1 Hz sampled every 100 ms
    assert L(s) == pytest.approx([math.sin(2 * math.pi * 0.1 * i) for i in range(5)])
    assert L(Vector().correl(Vector([1, 2, 3]))) == pytest.approx([14.0, 8.0, 6.0, 8.0])


def test_printf(v, capsys):
    assert v.printf() == 8 and type(v.printf()) is int
    out = capsys.readouterr().out
    assert out == ("3\t1\t4\t1\t5\t\n9\t2\t6\t\n") * 2
    assert v.printf("%g ") == 8
    assert capsys.readouterr().out == "3 1 4 1 5 9 2 6 "
    assert v.printf("%5.2f\n", 1, 3) == 3
    assert capsys.readouterr().out == " 1.00\n 4.00\n 1.00\n"
    assert Vector().printf() == 0
    assert capsys.readouterr().out == "\n"


# -------------------------------------------------------- record and play --
class _Ref:
    """Stands for a model pointer (seg._ref_v): what record accepts is something it
    can locate."""
    kind = "v"

    def locate(self):
        return "v", 0


def test_record_registry():
    a, b = Vector(), Vector()
    ref = _Ref()
    tv = Vector()
    assert a.record(ref) is a and a._record == (ref, None)
    assert b.record(ref, 0.1) is b and b._record == (ref, 0.1)
    live = recording_vectors()
    assert live.index(a) < live.index(b)
    c = Vector().record(ref, tv)
    assert c._record[1] is tv
    with pytest.raises(TypeError):
        Vector().record(None)
    del c
    gc.collect()
    assert all(x._record is not None for x in recording_vectors())
    n = len(recording_vectors())
    assert a.play_remove() == 1.0 and a not in recording_vectors()
    assert len(recording_vectors()) == n - 1

def test_play_registry_and_argument_errors():
    # play registers the Vector for the engine (engine/play.py; tests/engine/test_play.py
    # checks the played values against NEURON); bad arguments raise and register nothing
    b, tv = Vector([1, 2]), Vector([0, 1])
    ref = _Ref()
    assert b.play(ref, tv) is b and b._play == (ref, tv, False, None)
    assert b in playing_vectors()
    assert b.play_remove() == 1.0 and b._play is None and b not in playing_vectors()
    assert b.play(ref, 0.1, 0)._play == (ref, 0.1, False, None)
    b.play_remove()
    c = Vector([1, 2])
    with pytest.raises(RuntimeError, match=r"Vector\[\d+\]\.play.*continuous mode must be a time "
                                           r"vector"):
        c.play(ref, 0.5, 1)
    for args, err in [((ref, 0.0), ValueError), ((None,), TypeError), ((), TypeError),
                      ((ref,), TypeError), ((5.0, tv), TypeError)]:
        with pytest.raises(err, match=r"Vector\[\d+\]\.play"):
            c.play(*args)
    with pytest.raises(NotImplementedError, match=r"discontinuity index vector"):
        c.play(ref, tv, Vector([1]))
    assert c._play is None and c not in playing_vectors()


def test_record_rejects_what_it_cannot_record():
    for bad in (5.0, 3, "v", [1.0], Vector([1])):
        with pytest.raises(TypeError, match=r"record.*reference to a variable"):
            Vector().record(bad)


def test_record_weak():
    gc.collect()
    n0 = len(recording_vectors())
    w = Vector().record(_Ref(), 0.5)
    assert w in recording_vectors() and len(recording_vectors()) == n0 + 1
    del w
    gc.collect()
    assert len(recording_vectors()) == n0          # the registry holds no strong ref


def test_error_hierarchy():
    assert issubclass(VectorIndexError, IndexError) and issubclass(VectorIndexError, RuntimeError)
    assert issubclass(VectorValueError, ValueError) and issubclass(VectorValueError, RuntimeError)
