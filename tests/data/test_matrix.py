"""Tests of ranvier.data.matrix.Matrix (NEURON's h.Matrix).

Expected values are analytic or were checked against NEURON 9.0.2.
"""
import math

import numpy as np
import pytest

from ranvier.hoc.objects import File
from ranvier.hoc.runtime import HocRef
from ranvier.data.matrix import Matrix, MatrixError, MatrixIndexError, MatrixValueError
from ranvier.data.vector import Vector

A3 = [[2, 1, 0], [1, 3, 1], [0, 1, 4]]          # symmetric, det 18


def M(rows):
    m = Matrix(len(rows), len(rows[0]))
    m.set(*[x for r in rows for x in r])
    return m


def rows(m):
    return [[m.getval(i, j) for j in range(m.ncol())] for i in range(m.nrow())]


# ------------------------------------------------------- construction ---
def test_construct_and_shape():
    m = Matrix(2, 3)
    assert m.hname().startswith("Matrix[") and str(m) == m.hname()
    assert (m.nrow(), m.ncol()) == (2, 3) and type(m.nrow()) is int
    assert rows(m) == [[0.0] * 3] * 2
    assert (Matrix(2).nrow(), Matrix(2).ncol()) == (2, 1)
    assert Matrix(2.9, 3.1).nrow() == 2
    for t in (1, 2, 3):
        assert Matrix(3, 3, t).nrow() == 3
    with pytest.raises(MatrixValueError):
        Matrix(3, 3, 0)
    with pytest.raises(MatrixValueError):
        Matrix(0, 0)
    with pytest.raises(TypeError):
        Matrix("a", 2)


def test_getval_setval_and_x():
    m = Matrix(2, 2)
    assert m.setval(1, 0, 5) == 5.0
    assert type(m.setval(0, 1, 2)) is float
    assert m.getval(1, 0) == 5.0 and m.x[1][0] == 5.0 and m.x[1, 0] == 5.0
    m.x[0][0] = 7
    m.x[1, 1] = 8
    assert rows(m) == [[7, 2], [5, 8]]
    assert m.getval(0.7, 0) == 7.0                 # in-range reals truncate
    for bad in [(2, 0), (0, 2), (-1, 0), (1.2, 0)]:
        with pytest.raises(IndexError):
            m.getval(*bad)
    with pytest.raises(IndexError):
        m.x[2][0]
    with pytest.raises(IndexError):
        m.x[0][2]
    with pytest.raises(IndexError):
        m.x[-1][0]
    with pytest.raises(TypeError):
        m.setval(0, 0, "a")
    with pytest.raises(TypeError):
        m.x[0] = 1


def test_set_zero_ident_resize():
    m = Matrix(2, 2)
    assert m.set(1, 2, 3, 4) is m and rows(m) == [[1, 2], [3, 4]]
    m.set(5, 6, 7, 8, 9)                       # extra values ignored
    assert rows(m) == [[5, 6], [7, 8]]
    with pytest.raises(MatrixValueError):
        m.set(1, 2, 3)
    assert m.resize(3, 4) is m and rows(m) == [[5, 6, 0, 0], [7, 8, 0, 0], [0, 0, 0, 0]]
    m.resize(1, 2)
    assert rows(m) == [[5, 6]]
    with pytest.raises(MatrixValueError):
        m.resize(0, 0)
    m.resize(2, 3)
    assert m.ident() is m and rows(m) == [[1, 0, 0], [0, 1, 0]]
    assert m.zero() is m and rows(m) == [[0] * 3] * 2


def test_copy_is_independent():
    a = M(A3)
    b = a.c()
    assert b is not a and b.hname() != a.hname() and rows(b) == rows(a)
    b.setval(0, 0, 99)
    assert a.getval(0, 0) == 2


# ------------------------------------------------------ rows, columns ---
def test_rows_and_columns():
    m = Matrix(2, 3)
    m.from_vector(Vector(range(6)))            # column-major
    assert rows(m) == [[0, 2, 4], [1, 3, 5]]
    assert list(m.to_vector()) == [0, 1, 2, 3, 4, 5]
    r = m.getrow(1)
    assert isinstance(r, Vector) and list(r) == [1, 3, 5]
    assert list(m.getcol(2)) == [4, 5]
    out = Vector(9)
    assert m.getrow(1, out) is out and list(out) == [1, 3, 5]
    assert m.getcol(2, out) is out and list(out) == [4, 5]
    assert m.to_vector(out) is out and len(out) == 6
    assert m.setrow(0, 7) is m and rows(m)[0] == [7, 7, 7]
    m.setrow(0, Vector([1, 2, 3]))
    m.setcol(1, 5)
    assert rows(m) == [[1, 5, 3], [1, 5, 5]]
    m.setrow(0, Vector([9, 9]))                # shorter: leading elements only
    assert rows(m)[0] == [9, 9, 3]
    with pytest.raises(IndexError):
        m.setrow(0, Vector(5))
    for bad in (lambda: m.getrow(2), lambda: m.getcol(-1), lambda: m.setcol(3, 1)):
        with pytest.raises(IndexError):
            bad()
    with pytest.raises(MatrixValueError):
        m.from_vector(Vector(5))
    with pytest.raises(TypeError):
        m.from_vector([1, 2, 3, 4, 5, 6])


def test_diagonals():
    t = Matrix(3, 2)
    t.from_vector(Vector(range(6)))           # [[0,3],[1,4],[2,5]]
    assert list(t.getdiag(0)) == [0, 4, 0]
    assert list(t.getdiag(1)) == [3, 0, 0]
    assert list(t.getdiag(-1)) == [0, 1, 5]
    assert list(t.getdiag(-2)) == [0, 0, 2]
    for k in (2, -3):
        with pytest.raises(IndexError):
            t.getdiag(k)
    assert t.setdiag(-1, Vector([7, 8, 9])) is t
    assert rows(t) == [[0, 3], [8, 4], [2, 9]]
    m = Matrix(2, 3)
    m.setdiag(1, Vector([10, 20]))
    m.setdiag(0, 9)
    assert rows(m) == [[9, 10, 0], [0, 9, 20]]
    with pytest.raises(IndexError):
        m.setdiag(0, Vector(3))               # longer than nrow
    out = Vector()
    assert m.getdiag(1, out) is out and list(out) == [10, 20]


def test_bcopy():
    m = Matrix(2, 3)
    m.from_vector(Vector(range(6)))
    b = m.bcopy(0, 1, 2, 2)
    assert isinstance(b, Matrix) and rows(b) == [[2, 4], [3, 5]]
    o = Matrix(4, 4)
    assert m.bcopy(0, 1, 2, 2, 1, 1, o) is o
    assert rows(o) == [[0] * 4, [0, 2, 4, 0], [0, 3, 5, 0], [0] * 4]
    o = Matrix(4, 4)
    m.bcopy(0, 1, 2, 2, o)
    assert rows(o)[:2] == [[2, 4, 0, 0], [3, 5, 0, 0]]
    assert rows(m.bcopy(0, 1, 1, 1, 1, 1)) == [[0, 0], [0, 2]]
    with pytest.raises(IndexError):
        m.bcopy(1, 1, 2, 2)
    with pytest.raises(IndexError):
        m.bcopy(0, 0, 2, 2, Matrix(1, 1))


# ---------------------------------------------------------- algebra ---
def test_transpose():
    m = Matrix(2, 3)
    m.from_vector(Vector(range(6)))
    t = m.transpose()
    assert t is not m and rows(t) == [[0, 1], [2, 3], [4, 5]]
    o = Matrix(1, 1)
    assert m.transpose(o) is o and (o.nrow(), o.ncol()) == (3, 2)


def test_mulv_mulm():
    a = M(A3)
    v = a.mulv(Vector([1, 2, 3]))
    assert isinstance(v, Vector) and list(v) == [4, 10, 14]
    out = Vector(7)
    assert a.mulv(Vector([1, 2, 3]), out) is out and list(out) == [4, 10, 14]
    p = a.mulm(a)
    assert isinstance(p, Matrix) and rows(p) == [[5, 5, 1], [5, 11, 7], [1, 7, 17]]
    o = Matrix(1, 1)
    assert a.mulm(a, o) is o and rows(o) == rows(p)
    r = Matrix(3, 2).mulm(Matrix(2, 4))
    assert (r.nrow(), r.ncol()) == (3, 4)
    with pytest.raises(MatrixValueError):
        a.mulv(Vector(2))
    with pytest.raises(MatrixValueError):
        a.mulm(Matrix(2, 2))
    with pytest.raises(TypeError):
        a.mulm(Vector(3))


def test_add_muls():
    a = M(A3)
    b = a.c()
    assert b.add(a) is b and rows(b) == [[2 * x for x in r] for r in A3]
    o = Matrix(1, 1)
    assert a.add(a, o) is o and rows(o) == rows(b) and rows(a) == A3
    assert b.muls(0.5) is b and rows(b) == A3
    o = Matrix(1, 1)
    assert a.muls(3, o) is o and rows(o) == [[3 * x for x in r] for r in A3] and rows(a) == A3
    with pytest.raises(MatrixValueError):
        a.add(Matrix(2, 2))


def test_inverse_times_matrix_is_identity():
    rng = np.random.default_rng(0)
    for n in (1, 2, 5, 12):
        m = Matrix(n, n)
        m.from_vector(Vector(rng.normal(size=n * n) + 3 * np.eye(n).ravel()))
        inv = m.inverse()
        assert isinstance(inv, Matrix) and inv is not m
        prod = m.mulm(inv)
        assert np.allclose(rows(prod), np.eye(n), atol=1e-12)
    a = M(A3)
    inv = a.inverse()
    expect = np.array([[11, -4, 1], [-4, 8, -2], [1, -2, 5]]) / 18
    assert np.allclose(rows(inv), expect)
    o = Matrix(1, 1)
    assert a.inverse(o) is o and np.allclose(rows(o), expect)
    with pytest.raises(MatrixValueError, match="singular"):
        M([[1, 2], [2, 4]]).inverse()
    with pytest.raises(MatrixValueError, match="square"):
        Matrix(2, 3).inverse()


def test_det():
    assert M(A3).det() == pytest.approx(18)
    assert M([[3]]).det() == 3
    assert M([[1, 2], [3, 4]]).det() == pytest.approx(-2)
    assert M([[1, 2], [2, 4]]).det() == 0
    # NEURON's form: mantissa returned, base-10 exponent in the reference
    e = HocRef(0)
    assert M(A3).det(e) == pytest.approx(1.8) and e[0] == 1.0
    assert M([[-3, 7], [0, 5]]).det(e) == pytest.approx(-1.5) and e[0] == 1.0
    assert Matrix(2, 2).det(e) == 0.0 and e[0] == 0.0
    assert M([[1e200, 0], [0, 1e200]]).det(e) == pytest.approx(1.0) and e[0] == 400.0
    assert M([[1e-5, 0], [0, 3e-4]]).det(e) == pytest.approx(3.0) and e[0] == -9.0
    # determinant of a triangular matrix is the product of its diagonal
    t = M([[2, 5, 1], [0, -3, 4], [0, 0, 0.5]])
    assert t.det() == pytest.approx(-3)
    with pytest.raises(MatrixValueError):
        Matrix(2, 3).det()


def test_solv():
    a = M(A3)
    b = Vector([1, 2, 3])
    x = a.solv(b)
    assert isinstance(x, Vector) and np.allclose(list(x), [1 / 3, 1 / 3, 2 / 3])
    assert np.allclose(list(a.mulv(x)), [1, 2, 3])
    out = Vector(1)
    assert a.solv(b, out) is out and np.allclose(list(out), list(x))
    assert np.allclose(list(a.solv(b, 1)), list(x))
    out2 = Vector()
    assert a.solv(b, out2, 1) is out2 and np.allclose(list(out2), list(x))
    assert np.allclose(list(a.solv(Vector([0, 0, 1]), 1)), [1 / 18, -1 / 9, 5 / 18])
    with pytest.raises(MatrixValueError, match="singular"):
        M([[1, 2], [2, 4]]).solv(Vector([1, 1]))
    with pytest.raises(MatrixValueError):
        Matrix(3, 3).solv(Vector(2))
    with pytest.raises(MatrixValueError):
        Matrix(2, 3).solv(Vector(2))


def test_exp():
    d = M([[1, 0], [0, -2]])
    assert np.allclose(rows(d.exp()), [[math.e, 0], [0, math.exp(-2)]])
    # nilpotent: exp(N) = I + N
    assert np.allclose(rows(M([[0, 3], [0, 0]]).exp()), [[1, 3], [0, 1]])
    # rotation generator: exp([[0,-t],[t,0]]) = rotation by t
    t = 2.5
    assert np.allclose(rows(M([[0, -t], [t, 0]]).exp()),
                       [[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    # large norm (scaling and squaring) against the eigendecomposition of a symmetric matrix
    a = np.array(A3, dtype=float) * 3
    w, q = np.linalg.eigh(a)
    expect = q @ np.diag(np.exp(w)) @ q.T
    got = np.array(rows(M(a.tolist()).exp()))
    assert np.allclose(got, expect, rtol=1e-12)
    o = Matrix(1, 1)
    assert d.exp(o) is o
    with pytest.raises(MatrixValueError):
        Matrix(2, 3).exp()


def test_pow():
    a = M(A3)
    assert rows(a.pow(2)) == rows(a.mulm(a))
    assert rows(a.pow(0)) == np.eye(3).tolist()
    assert rows(a.pow(2.7)) == rows(a.pow(2))
    o = Matrix(1, 1)
    assert a.pow(3, o) is o and rows(o) == [[15, 21, 9], [21, 45, 39], [9, 39, 75]]
    with pytest.raises(MatrixValueError):
        a.pow(-1)


def test_symmeig_svd():
    a = M(A3)
    q = Matrix(1, 1)
    w = a.symmeig(q)
    assert np.allclose(list(w), [3 - math.sqrt(3), 3, 3 + math.sqrt(3)])
    Q = np.array(rows(q))
    assert np.allclose(np.array(A3) @ Q, Q @ np.diag(list(w)))
    m = Matrix(2, 3)
    m.from_vector(Vector(range(6)))
    u, v = Matrix(1, 1), Matrix(1, 1)
    s = m.svd(u, v)
    assert np.allclose(list(s), [7.386482129909313, 0.6632358136668917])
    U, V = np.array(rows(u)), np.array(rows(v))
    assert np.allclose(U[:, :2] @ np.diag(list(s)) @ V[:2], rows(m))
    assert np.allclose(list(m.svd()), list(s))


# --------------------------------------------------------- printing ---
def test_printf_format(capsys):
    m = M([[1, 2.5, 4], [123456.789, 0, -3e-7]])
    assert m.printf() == 0.0
    assert capsys.readouterr().out == (" 1        2.5      4       \n"
                                       " 1.23e+05 0        -3e-07  \n")
    m.printf("%g ")
    assert capsys.readouterr().out == "1 2.5 4 \n123457 0 -3e-07 \n"
    m.printf("%5.1f", "|\n")
    assert capsys.readouterr().out == "  1.0  2.5  4.0|\n123456.8  0.0 -0.0|\n"
    with pytest.raises(TypeError):
        m.printf(3)


def test_fprint(tmp_path):
    m = Matrix(2, 3)
    m.from_vector(Vector(range(6)))
    f = File()
    path = str(tmp_path / "m.txt")
    f.wopen(path)
    assert m.fprint(f) == 0.0
    m.fprint(0, f, "%g,", ";\n")
    f.close()
    assert open(path).read() == ("2 3\n 0        2        4       \n 1        3        5       \n"
                                 "0,2,4,;\n1,3,5,;\n")
    with pytest.raises(MatrixValueError):
        m.fprint(File())                       # not open


def test_error_hierarchy():
    assert issubclass(MatrixIndexError, IndexError) and issubclass(MatrixIndexError, MatrixError)
    assert issubclass(MatrixValueError, ValueError) and issubclass(MatrixError, RuntimeError)
