"""Tests of ranvier.data.rng.Random (NEURON's h.Random).

Return values and parameter conventions were checked against NEURON 9.0.2;
the streams themselves are numpy Philox streams (not NEURON's numbers), so
the distribution tests are statistical: the mean and variance of 1e5
samples must lie within 5 standard errors of the exact values.
"""
import math

import numpy as np
import pytest

from ranvier.data import rng as rmod
from ranvier.data.rng import Random, RandomError, RandomValueError

N = 100_000


@pytest.fixture(autouse=True)
def _reset_globalindex():
    rmod._philox.set_global_index(0)
    yield
    rmod._philox.set_global_index(0)


def draws(r, n=N):
    return np.array([r.repick() for _ in range(n)])


def check_moments(x, mean, var, kurt_factor=10.0):
    """Sample mean within 5 s.e.; sample variance within 5 s.e. (approx)."""
    n = x.size
    assert abs(x.mean() - mean) < 5 * math.sqrt(var / n) + 1e-12, (x.mean(), mean)
    # s.e. of the variance ~ var*sqrt((kurtosis-1)/n); bound kurtosis loosely
    assert abs(x.var() - var) < 5 * var * math.sqrt(kurt_factor / n) + 1e-12, (x.var(), var)


# ------------------------------------------------------------- basics ---
def test_hname_and_default_distribution():
    r = Random()
    assert r.hname().startswith("Random[")
    x = draws(r, 20_000)          # default: normal(0, 1)
    check_moments(x, 0.0, 1.0, 3.0)


def test_constructor_forms():
    a, b = Random(5), Random(5)
    assert a.uniform(0, 1) == b.uniform(0, 1)
    assert Random().uniform(0, 1) == Random(0).uniform(0, 1)
    assert Random(5).uniform(0, 1) != Random(6).uniform(0, 1)
    assert Random(5, 7).uniform(0, 1) != Random(5, 55).uniform(0, 1)
    Random(5, 98)
    for bad in (2, 100):
        with pytest.raises(RandomValueError):
            Random(1, bad)
    with pytest.raises(TypeError):
        Random("a")


def test_return_types_are_float():
    r = Random(1)
    for meth, args in [("uniform", (0, 1)), ("normal", (0, 1)), ("lognormal", (1, 1)),
                       ("poisson", (3,)), ("binomial", (10, .5)), ("geometric", (.5,)),
                       ("hypergeo", (1, 3)), ("discunif", (1, 6)), ("negexp", (2,)),
                       ("erlang", (2, 1)), ("weibull", (2, 1))]:
        assert type(getattr(r, meth)(*args)) is float, meth
        assert type(r.repick()) is float, meth
    assert type(r.seq()) is float
    with pytest.raises(RandomValueError, match=r"Random\[\d+\]\.play\(\).*must be a pointer"):
        r.play(None)                  # play needs a _ref_ pointer (test_random123.py plays)


# ------------------------------------------------- generator selection ---
def test_mcellran4_returns_and_seq():
    r = Random()
    assert r.MCellRan4(3, 4) == 3.0
    assert r.seq() == 3.0
    u = r.uniform(0, 1)
    assert r.seq() == 4.0                 # one draw per uniform sample
    # MCellRan4(h, l) == MCellRan4(1, l) then seq(h)
    assert r.MCellRan4(1, 4) == 1.0
    assert r.seq(3) == 3.0
    assert r.uniform(0, 1) == u
    assert r.MCellRan4(3, 5) == 3.0 and r.uniform(0, 1) != u    # other lowindex
    assert r.MCellRan4(3.7) == 3.0
    with pytest.raises(RandomValueError):
        r.MCellRan4(2 ** 32)
    with pytest.raises(RandomValueError):
        r.MCellRan4(-3)


def test_mcellran4_random_highindex_is_deterministic():
    a, b = Random(5), Random(5)
    ha, hb = a.MCellRan4(), b.MCellRan4(0)
    assert ha == hb and 1 <= ha < 2 ** 32 and ha == int(ha)
    assert a.seq() == ha


def test_random123():
    r = Random()
    assert r.Random123(1, 2, 3) == 0.0
    assert r.seq() == 0.0
    a = [r.uniform(0, 1) for _ in range(3)]
    assert r.seq() == 3.0
    r.Random123(1, 2, 3)
    assert [r.uniform(0, 1) for _ in range(3)] == a
    r.Random123(1, 2, 4)
    assert r.uniform(0, 1) != a[0]
    assert Random().Random123(1) == 0.0
    r.Random123(1, 2, 3)
    assert r.seq(2 ** 34 - 1) == float(2 ** 34 - 1)
    for bad in (2 ** 34, -1):
        with pytest.raises(RandomValueError):
            r.seq(bad)
    with pytest.raises(RandomValueError):
        r.Random123(-1)


def test_random123_globalindex():
    r, s = Random(), Random()
    assert r.Random123_globalindex() == 0.0
    r.Random123(7, 8, 9)
    s.Random123(7, 8, 9)
    r.uniform(0, 1)
    first = s.uniform(0, 1)
    assert r.Random123_globalindex(3.5) == 3.0
    assert Random().Random123_globalindex() == 3.0          # shared
    # the change re-keys existing streams at their current position
    s.seq(0)
    assert s.uniform(0, 1) != first
    assert r.seq() == 1.0
    r.Random123_globalindex(0)
    s.seq(0)
    assert s.uniform(0, 1) == first


def test_acg_mlcg_compat():
    r = Random()
    assert r.ACG(3) == 0.0
    a = r.uniform(0, 1)
    assert Random(3).uniform(0, 1) == a          # ACG(seed) is the Random(seed) stream
    assert r.MLCG(1, 2) == 0.0
    b = r.uniform(0, 1)
    r.MLCG(1, 2)
    assert r.uniform(0, 1) == b
    r.MLCG(2, 1)
    assert r.uniform(0, 1) != b


def test_seq_seek_and_fractional():
    r = Random(11)
    xs = [r.uniform(0, 1) for _ in range(10)]
    assert r.seq() == 10.0
    for k in (0, 3, 4, 7, 9):
        r.seq(k)
        assert r.uniform(0, 1) == xs[k]
    assert r.seq(2.5) == 2.0 and r.seq() == 2.0


# --------------------------------------------------------- determinism ---
def test_same_seed_same_stream_all_distributions():
    for meth, args in [("normal", (1, 2)), ("poisson", (4,)), ("binomial", (20, .3)),
                       ("hypergeo", (1, 4)), ("erlang", (3, 2)), ("weibull", (1.5, 2))]:
        a, b = Random(42), Random(42)
        getattr(a, meth)(*args)
        getattr(b, meth)(*args)
        assert [a.repick() for _ in range(50)] == [b.repick() for _ in range(50)]


def test_samples_array_matches_repick():
    r = Random(3)
    for meth, args in [("uniform", (2, 5)), ("normal", (1, 4)), ("lognormal", (2, 1)),
                       ("poisson", (3,)), ("poisson", (50,)), ("binomial", (10, .3)),
                       ("geometric", (.8,)), ("hypergeo", (1, 3)), ("discunif", (1, 6)),
                       ("negexp", (2,)), ("erlang", (3, 3)), ("weibull", (1.5, 3))]:
        getattr(r, meth)(*args)
        s0 = r.seq()
        arr = r._samples(25)
        assert arr.dtype == np.float64 and arr.shape == (25,)
        s1 = r.seq()
        r.seq(s0)
        assert [r.repick() for _ in range(25)] == arr.tolist(), meth
        assert r.seq() == s1


# ------------------------------------------------------- distributions ---
def test_uniform():
    r = Random(1)
    v = r.uniform(2, 5)
    assert 2 <= v < 5
    x = draws(r)
    assert x.min() >= 2 and x.max() < 5
    check_moments(x, 3.5, 9 / 12, 2.0)
    assert 0 <= r.uniform(1, 0) <= 1          # reversed bounds: still in range


def test_normal_takes_variance():
    r = Random(2)
    r.normal(1, 4)
    check_moments(draws(r), 1.0, 4.0, 3.0)
    assert r.normal(3, 0) == 3.0
    with pytest.raises(RandomValueError):
        r.normal(0, -1)


def test_lognormal_mean_variance():
    r = Random(3)
    r.lognormal(2, 1)
    x = draws(r)
    assert x.min() > 0
    check_moments(x, 2.0, 1.0, 20.0)
    assert r.lognormal(1, 0) == 1.0
    with pytest.raises(RandomValueError):
        r.lognormal(0, 1)


def test_poisson():
    r = Random(4)
    v = r.poisson(3)
    assert v == int(v) and v >= 0
    x = draws(r)
    assert np.all(x == np.floor(x))
    check_moments(x, 3.0, 3.0, 3.0)
    assert r.poisson(0) == 0.0
    with pytest.raises(RandomValueError):
        r.poisson(-1)


def test_binomial():
    r = Random(5)
    r.binomial(10, .3)
    x = draws(r)
    assert x.min() >= 0 and x.max() <= 10
    check_moments(x, 3.0, 2.1, 3.0)
    with pytest.raises(RandomValueError):
        r.binomial(10, 1.5)
    with pytest.raises(RandomValueError):
        r.binomial(-1, .5)


def test_geometric():
    # NEURON: values >= 1, mean 1/(1-p), variance p/(1-p)**2
    r = Random(6)
    r.geometric(.8)
    x = draws(r)
    assert x.min() >= 1 and np.all(x == np.floor(x))
    check_moments(x, 5.0, 20.0, 15.0)
    assert r.geometric(0) == 1.0
    for bad in (1, 2, -0.1):
        with pytest.raises(RandomValueError):
            r.geometric(bad)


def test_hypergeo():
    r = Random(7)
    r.hypergeo(1, 3)
    x = draws(r)
    assert x.min() > 0
    check_moments(x, 1.0, 3.0, 40.0)
    with pytest.raises(RandomValueError):
        r.hypergeo(2, 1)                       # variance < mean**2 (NaN in NEURON)


def test_discunif():
    r = Random(8)
    v = r.discunif(1, 6)
    assert v in {1, 2, 3, 4, 5, 6}
    x = draws(r)
    assert set(np.unique(x)) == {1, 2, 3, 4, 5, 6}
    check_moments(x, 3.5, 35 / 12, 2.0)
    r.discunif(1.5, 3.5)                       # truncated to 1..3
    assert set(np.unique(draws(r, 2000))) == {1, 2, 3}
    r.discunif(6, 1)                           # either order
    assert set(np.unique(draws(r, 2000))) == {1, 2, 3, 4, 5, 6}


def test_negexp():
    r = Random(9)
    r.negexp(2)
    x = draws(r)
    assert x.min() >= 0
    check_moments(x, 2.0, 4.0, 9.0)


def test_erlang():
    r = Random(10)
    r.erlang(3, 3)                 # shape 3, scale 1
    check_moments(draws(r), 3.0, 3.0, 5.0)
    r.erlang(2, 1)                 # shape 4, scale 0.5
    check_moments(draws(r), 2.0, 1.0, 5.0)
    assert r.erlang(0, 1) == 0.0
    with pytest.raises(RandomValueError):
        r.erlang(1, 0)


def test_weibull():
    r = Random(11)
    alpha, beta = 1.5, 3.0
    r.weibull(alpha, beta)
    scale = beta ** (1 / alpha)
    m1 = scale * math.gamma(1 + 1 / alpha)
    var = scale ** 2 * math.gamma(1 + 2 / alpha) - m1 ** 2
    check_moments(draws(r), m1, var, 6.0)
    with pytest.raises(RandomValueError):
        r.weibull(0, 1)


def test_repick_uses_current_distribution():
    r = Random(12)
    r.discunif(5, 5)
    assert r.repick() == 5.0
    r.uniform(10, 11)
    assert 10 <= r.repick() < 11


def test_argument_errors():
    r = Random()
    with pytest.raises(TypeError):
        r.uniform("a", 1)
    with pytest.raises(TypeError):
        r.uniform(1)
    with pytest.raises(TypeError):
        r.normal()
    assert issubclass(RandomValueError, ValueError)
    assert issubclass(RandomError, RuntimeError)
