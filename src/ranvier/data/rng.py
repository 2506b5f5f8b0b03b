"""NEURON's ``Random``: a random stream with a current distribution.

A ``Random`` owns one stream and one *current distribution*.  Calling a
distribution method (``uniform``, ``normal``, ...) makes it current and
returns one sample; ``repick()`` returns the next sample of the current
distribution.  A new ``Random`` draws from ``normal(0, 1)`` until another
distribution is chosen.

Streams
-------
``Random123`` is NEURON's stream exactly (core.philox), and its distributions
are NEURON's (the gnu libg++ algorithms applied to the stream's doubles, with
their draw patterns: see the end of this module), so ``Random123`` numbers are
NEURON's bit for bit.  The other generators' numbers are **not** NEURON's (ACG,
MLCG and MCellRan4 are not reproduced): each is numpy's counter-based
``Philox`` bit generator whose 128-bit key is derived
(``numpy.random.SeedSequence``) from the generator kind and the seeds given,
so the same seeds always give the same numbers, on every platform, and
different seeds or kinds give independent streams:

* ``Random()`` / ``Random(seed[, size])`` / ``ACG(seed[, size])`` /
  ``MLCG(seed1, seed2)``: a stream keyed by the seeds;
* ``MCellRan4(highindex[, lowindex])``: keyed by ``lowindex``; ``highindex``
  is the starting position in the stream (so ``MCellRan4(h, l)`` equals
  ``MCellRan4(1, l)`` followed by ``seq(h)``, as in NEURON);
* ``Random123(id1[, id2[, id3]])``: NEURON's stream (id1, id2, id3); the key is
  the global index (``Random123_globalindex``), used from the stream's next
  counter (4 words) on, as in NEURON.

``seq()`` is the position in the stream counted in draws (32-bit words for
Random123, as NEURON counts them); a uniform sample uses one draw, other
distributions one or more.  ``seq(n)`` seeks (O(1): Philox is counter based).

Return values (checked against NEURON 9.0.2): every method returns a float;
distributions return the sample; ``MCellRan4`` returns the high index (a
pseudo-random one, taken from the current stream, when it is 0 or omitted);
``Random123`` and ``play`` return 0;
``seq`` and ``Random123_globalindex`` return the (new) value.  NEURON 9 no longer has ``ACG``/``MLCG``; they are
kept for older scripts and return 0.

Parameters follow NEURON: ``normal``/``lognormal`` take the *variance*;
``lognormal``, ``erlang`` and ``hypergeo`` take the mean and variance of the
resulting distribution; ``geometric(p)`` counts trials (>= 1) with mean
``1/(1-p)``; ``hypergeo`` is NEURON's balanced two-branch hyperexponential
(needs ``variance >= mean**2``); ``erlang`` uses the integer shape
``round(mean**2/variance)``; ``weibull(alpha, beta)`` samples
``(-beta*log(U))**(1/alpha)``; ``discunif`` truncates its bounds to integers
and accepts them in either order.  Parameters for which NEURON returns NaN or
garbage (negative variance, ``p`` outside [0, 1], ...) raise
:class:`RandomValueError`.

``_samples(n)`` returns ``n`` draws of the current distribution as a numpy
array, identical to ``n`` successive ``repick()`` calls (for
``Vector.setrand``).
"""
import math
import weakref

import numpy as np

from ..core import philox as _philox
from ..core.args import integer as _integer, real as _real

from ..core.errors import RanvierError
from ..core.hocobject import HocObject

__all__ = ["Random", "RandomError", "RandomValueError"]


class RandomError(RanvierError, RuntimeError):
    """A Random operation NEURON would reject with a HOC error."""


class RandomValueError(RandomError, ValueError):
    """A bad argument value (out of range seed, invalid parameter)."""


_MASK64 = (1 << 64) - 1
_KIND_TAG = {"ACG": 1, "MLCG": 2, "MCellRan4": 3, "Random123": 4}


_PLAYS = []          # weak references to the Randoms that play (Random.play)


def random_plays():
    """The Randoms playing into a variable now, in the order ``play`` was called."""
    live = []
    for w in _PLAYS:
        r = w()
        if r is not None and r._play is not None and w not in live:
            live.append(w)
    _PLAYS[:] = live
    return [w() for w in live]


def apply_random_plays():
    """Each playing Random gives its variable a new sample (once per fixed step);
    returns how many played."""
    plays = random_plays()
    for r in plays:
        r._play[0] = r.repick()
    return len(plays)


def reset():
    """ranvier.reset(): the Random123 global index back to 0 and the RANDOM stream
    numbering from 1 (core.philox.reset); no Random plays any more."""
    _philox.reset()
    for r in random_plays():
        r._play = None
    _PLAYS.clear()


def _key(kind, ids):
    entropy = [_KIND_TAG[kind]] + [int(v) & _MASK64 for v in ids]
    return np.random.SeedSequence(entropy).generate_state(2, np.uint64)


def mcell_ran4_at(highindex, lowindex):
    """The uniform [0, 1) number at position highindex of MCellRan4 stream lowindex: the
    first ``Random.MCellRan4(highindex, lowindex)`` uniform(0, 1) gives (this module's
    keyed stream, not NEURON's numbers; see the module docstring)."""
    hi, lo = int(highindex), int(lowindex) & 0xFFFFFFFF
    bg = np.random.Philox(key=_key("MCellRan4", (lo,)), counter=hi // 4)
    if hi % 4:
        bg.random_raw(hi % 4)
    return float(np.random.Generator(bg).random())


class Random(HocObject):
    """NEURON's ``Random([seed[, size]])``."""

    _hoc_name = "Random"

    def __init__(self, seed=0, size=55):
        self._hoc_register()
        ctx = "Random()"
        seed = _int(seed, ctx)
        size = _int(size, ctx)
        if not 7 <= size <= 98:
            raise RandomValueError("Random(seed, size): size must be in 7..98, got %d" % size)
        self._play = None
        self._select("ACG", (seed, size), 0)
        self._dist = Random._d_normal
        self._p = (0.0, 1.0)

    # ---------------------------------------------------------- streams ---
    def _name(self, meth):
        return "%s.%s()" % (self.hname(), meth)

    def _select(self, kind, ids, pos):
        self._kind = kind
        self._ids = tuple(ids)
        self._cache = None          # the gnu Normal's second value (Random123 only)
        self._seek(pos)

    def _seek(self, pos):
        if self._kind == "Random123":
            # NEURON's own stream, exactly (core.philox); the key is the global index
            self._st = _philox.Stream(*self._ids[:3], pos=pos)
            self._bg = self._gen = None
            return
        self._st = None
        bg = np.random.Philox(key=_key(self._kind, self._ids), counter=pos // 4)
        if pos % 4:
            bg.random_raw(pos % 4)
        self._bg = bg
        self._gen = np.random.Generator(bg)

    def _position(self):
        if self._st is not None:
            return self._st.pos
        st = self._bg.state
        c = st["state"]["counter"].tolist()
        counter = c[0] | (c[1] << 64) | (c[2] << 128) | (c[3] << 192)
        return counter * 4 + int(st["buffer_pos"]) - 4

    def _seq_limit(self):
        return {"MCellRan4": 1 << 32, "Random123": 1 << 34}.get(self._kind, 1 << 62)

    # ------------------------------------------------ generator selection ---
    def ACG(self, seed=0, size=55):
        """Select a stream keyed by ``seed`` (NEURON 8's ACG); returns 0."""
        ctx = self._name("ACG")
        seed, size = _int(seed, ctx), _int(size, ctx)
        if not 7 <= size <= 98:
            raise RandomValueError("%s: size must be in 7..98, got %d" % (ctx, size))
        self._select("ACG", (seed, size), 0)
        return 0.0

    def MLCG(self, seed1=0, seed2=0):
        """Select a stream keyed by two seeds (NEURON 8's MLCG); returns 0."""
        ctx = self._name("MLCG")
        self._select("MLCG", (_int(seed1, ctx), _int(seed2, ctx)), 0)
        return 0.0

    def MCellRan4(self, highindex=0, lowindex=0):
        """Select the stream ``lowindex`` at position ``highindex`` (0 or
        omitted: a pseudo-random position from the current stream); returns
        the high index."""
        ctx = self._name("MCellRan4")
        hi, lo = _int(highindex, ctx), _int(lowindex, ctx)
        if not 0 <= hi < (1 << 32):
            raise RandomValueError("%s: highindex must be in [0, 2**32), got %d" % (ctx, hi))
        if not -(1 << 31) <= lo < (1 << 32):
            raise RandomValueError("%s: lowindex %d out of range" % (ctx, lo))
        if hi == 0:
            if self._st is not None:
                hi = max(1, self._st.ipick())
            else:
                hi = int(self._gen.integers(1, 1 << 32))
        self._select("MCellRan4", (lo & 0xFFFFFFFF,), hi)
        return float(hi)

    def Random123(self, id1=0, id2=0, id3=0, id4=None):
        """Select the Random123-style stream (id1, id2, id3) at position 0;
        returns 0."""
        ctx = self._name("Random123")
        ids = [_int(x, ctx) for x in (id1, id2, id3)]
        if id4 is not None:
            ids.append(_int(id4, ctx))
        for x in ids:
            if not 0 <= x < (1 << 32):
                raise RandomValueError("%s: ids must be in [0, 2**32), got %d" % (ctx, x))
        self._select("Random123", ids, 0)
        return 0.0

    def Random123_globalindex(self, index=None):
        """Get/set the global index shared by all Random123 streams."""
        if index is not None:
            ctx = self._name("Random123_globalindex")
            i = _int(index, ctx)
            if not 0 <= i < (1 << 32):
                raise RandomValueError("%s: index must be in [0, 2**32), got %d" % (ctx, i))
            _philox.set_global_index(i)
        return float(_philox.global_index())

    def seq(self, n=None):
        """The position in the stream; ``seq(n)`` seeks to ``n``."""
        if n is None:
            return float(self._position())
        ctx = self._name("seq")
        n = _int(n, ctx)
        if not 0 <= n < self._seq_limit():
            raise RandomValueError("%s: %d out of range for %s" % (ctx, n, self._kind))
        self._seek(n)
        return float(n)

    def play(self, ptr):
        """Give the variable ``ptr`` (a ``_ref_`` pointer) a new sample of the current
        distribution at every finitialize (before INITIAL) and at the start of every
        fixed step, before the currents (as NEURON); returns 0.  The engine calls
        ``apply_random_plays`` then (data.rng's play list)."""
        try:
            ptr.__setitem__
        except AttributeError:
            raise RandomValueError("%s: the argument must be a pointer (_ref_ variable), got %s"
                                   % (self._name("play"), type(ptr).__name__)) from None
        self._play = ptr
        _PLAYS.append(weakref.ref(self))
        return 0.0

    # ---------------------------------------------------- distributions ---
    def repick(self):
        """The next sample of the current distribution."""
        if self._st is not None:
            return float(_GNU[self._dist](self))
        return float(self._dist(self, None))

    def _samples(self, n):
        """``n`` samples of the current distribution as a float64 array."""
        n = int(n)
        if self._st is not None:
            if self._dist is Random._d_uniform:      # the common case, vectorised
                lo, hi = self._p
                lo, hi = min(lo, hi), max(lo, hi)
                w = self._st.words(n).astype(np.float64)
                return lo + (hi - lo) * ((w + 1.0) * _philox.SHIFT32)
            g = _GNU[self._dist]
            return np.array([g(self) for _ in range(n)], dtype=np.float64)
        return np.asarray(self._dist(self, n), dtype=np.float64).reshape(-1)

    def _set(self, dist, params):
        self._dist = dist
        self._p = params
        self._cache = None          # a new distribution object in NEURON: no cached normal
        return self.repick()

    def _args(self, meth, *vals):
        ctx = self._name(meth)
        return [_real(v, ctx) for v in vals]

    def _bad(self, meth, msg):
        raise RandomValueError("%s: %s" % (self._name(meth), msg))

    # each _d_* draws one sample (n None) or an array of n samples
    def _d_uniform(self, n):
        lo, hi = self._p
        return lo + (hi - lo) * self._gen.random(n)

    def uniform(self, low, high):
        """Uniform on [low, high)."""
        return self._set(Random._d_uniform, tuple(self._args("uniform", low, high)))

    def _d_normal(self, n):
        mean, sd = self._p
        return mean + sd * self._gen.standard_normal(n)

    def normal(self, mean, variance):
        """Normal with the given mean and *variance*."""
        mean, var = self._args("normal", mean, variance)
        if not var >= 0:
            self._bad("normal", "variance must be >= 0, got %g" % var)
        return self._set(Random._d_normal, (mean, math.sqrt(var)))

    def _d_lognormal(self, n):
        mu, s = self._p
        return np.exp(mu + s * self._gen.standard_normal(n))

    def lognormal(self, mean, variance):
        """Log-normal whose own mean and variance are given."""
        mean, var = self._args("lognormal", mean, variance)
        if not mean > 0:
            self._bad("lognormal", "mean must be > 0, got %g" % mean)
        if not var >= 0:
            self._bad("lognormal", "variance must be >= 0, got %g" % var)
        m2 = mean * mean              # the gnu LogNormal's parameters, computed its way
        return self._set(Random._d_lognormal, (math.log(m2 / math.sqrt(var + m2)),
                                               math.sqrt(math.log((var + m2) / m2))))

    def _d_poisson(self, n):
        return self._gen.poisson(self._p[0], n)

    def poisson(self, mean):
        """Poisson counts with the given mean."""
        (mean,) = self._args("poisson", mean)
        if not 0 <= mean < 1e18:
            self._bad("poisson", "mean must be in [0, 1e18), got %g" % mean)
        return self._set(Random._d_poisson, (mean,))

    def _d_binomial(self, n):
        N, p = self._p
        return self._gen.binomial(N, p, n)

    def binomial(self, N, p):
        """Successes in N trials of probability p."""
        ctx = self._name("binomial")
        N = _int(N, ctx)
        (p,) = self._args("binomial", p)
        if N < 0:
            self._bad("binomial", "N must be >= 0, got %d" % N)
        if not 0 <= p <= 1:
            self._bad("binomial", "p must be in [0, 1], got %g" % p)
        return self._set(Random._d_binomial, (N, p))

    def _d_geometric(self, n):
        return self._gen.geometric(self._p[0], n)

    def geometric(self, mean):
        """NEURON's geometric: trials >= 1 with mean 1/(1-p), p in [0, 1)."""
        (p,) = self._args("geometric", mean)
        if not 0 <= p < 1:
            self._bad("geometric", "argument must be in [0, 1), got %g" % p)
        return self._set(Random._d_geometric, (1.0 - p,))

    def _d_hypergeo(self, n):
        mean, pp = self._p
        g = self._gen
        if n is None:
            u1 = g.random()
            u2 = 1.0 - g.random()
            d = (1.0 - pp) if u1 > pp else pp
            return -mean * math.log(u2) / (2.0 * d)
        u = g.random(2 * n)
        d = np.where(u[0::2] > pp, 1.0 - pp, pp)
        return -mean * np.log(1.0 - u[1::2]) / (2.0 * d)

    def hypergeo(self, mean, variance):
        """NEURON's ``hypergeo``: a two-branch hyperexponential with the
        given mean and variance (variance >= mean**2)."""
        mean, var = self._args("hypergeo", mean, variance)
        if not mean > 0:
            self._bad("hypergeo", "mean must be > 0, got %g" % mean)
        z = var / (mean * mean)
        if not z >= 1:
            self._bad("hypergeo", "variance must be >= mean**2, got %g < %g"
                      % (var, mean * mean))
        pp = 0.5 * (1.0 - math.sqrt((z - 1.0) / (z + 1.0)))
        return self._set(Random._d_hypergeo, (mean, pp))

    def _d_discunif(self, n):
        lo, width = self._p
        return lo + np.floor(width * self._gen.random(n))

    def discunif(self, low, high):
        """Integers low..high inclusive, equally likely."""
        ctx = self._name("discunif")
        lo, hi = _int(low, ctx), _int(high, ctx)
        if lo > hi:
            lo, hi = hi, lo
        return self._set(Random._d_discunif, (float(lo), float(hi - lo + 1)))

    def _d_negexp(self, n):
        return self._p[0] * self._gen.standard_exponential(n)

    def negexp(self, mean):
        """Exponential with the given mean."""
        return self._set(Random._d_negexp, tuple(self._args("negexp", mean)))

    def _d_erlang(self, n):
        k, scale, _ = self._p
        return self._gen.gamma(k, scale, n)

    def erlang(self, mean, variance):
        """Erlang (integer-shape gamma) with the given mean and variance."""
        mean, var = self._args("erlang", mean, variance)
        if not mean >= 0:
            self._bad("erlang", "mean must be >= 0, got %g" % mean)
        if not var > 0:
            self._bad("erlang", "variance must be > 0, got %g" % var)
        k = max(1, int(mean * mean / var + 0.5))
        return self._set(Random._d_erlang, (float(k), mean / k, mean))

    def _d_weibull(self, n):
        alpha, scale, _ = self._p
        return scale * self._gen.weibull(alpha, n)

    def weibull(self, alpha, beta):
        """Weibull: ``(-beta*log(U))**(1/alpha)``."""
        alpha, beta = self._args("weibull", alpha, beta)
        if not alpha > 0:
            self._bad("weibull", "alpha must be > 0, got %g" % alpha)
        if not beta >= 0:
            self._bad("weibull", "beta must be >= 0, got %g" % beta)
        return self._set(Random._d_weibull, (alpha, beta ** (1.0 / alpha), beta))


def _int(x, ctx):
    return _integer(x, ctx, RandomValueError)


# ------------------------------------------------------------------------------
# Random123: NEURON applies the gnu libg++ distributions to its stream's doubles
# u = asDouble() in (0, 1) (core.philox).  Each function below draws one sample
# of the current distribution of ``r`` (parameters in r._p, as the methods above
# store them) with NEURON's exact draw pattern, checked against NEURON 9.0.2
# (tests/data/data/random123_expected.json).

def _g_uniform(r):
    lo, hi = r._p
    lo, hi = min(lo, hi), max(lo, hi)          # low/high in either order
    return lo + (hi - lo) * r._st.dblpick()


def _polar(r):
    """The polar method: a pair of normals per accepted try; the second is cached."""
    if r._cache is not None:
        x, r._cache = r._cache, None
        return x
    u = r._st.dblpick
    while True:
        v1 = 2.0 * u() - 1.0
        v2 = 2.0 * u() - 1.0
        w = v1 * v1 + v2 * v2
        if w <= 1.0:
            y = math.sqrt((-2.0 * math.log(w)) / w)
            r._cache = v2 * y
            return v1 * y


def _g_normal(r):
    mean, sd = r._p
    return _polar(r) * sd + mean


def _g_lognormal(r):
    mu, s = r._p
    return math.pow(math.e, _polar(r) * s + mu)    # pow(e, x), not exp(x): last bits differ


def _g_poisson(r):
    bound = math.exp(-1.0 * r._p[0])
    count = 0
    product = 1.0
    u = r._st.dblpick
    while product >= bound:
        count += 1
        product *= u()
    return count - 1


def _g_binomial(r):
    N, p = r._p
    u = r._st.dblpick
    return sum(1 for _ in range(N) if u() < p)


def _g_geometric(r):
    q = 1.0 - r._p[0]            # NEURON's argument (the method stores 1 - it)
    u = r._st.dblpick
    n = 1
    while u() < q:
        n += 1
    return n


def _g_hypergeo(r):
    mean, pp = r._p
    u = r._st.dblpick
    d = (1.0 - pp) if u() > pp else pp
    return -mean * math.log(u()) / (2.0 * d)


def _g_discunif(r):
    lo, width = r._p
    return lo + math.floor(width * r._st.dblpick())


def _g_negexp(r):
    return -r._p[0] * math.log(r._st.dblpick())


def _g_erlang(r):
    k, _, mean = r._p
    u = r._st.dblpick
    prod = 1.0
    for _ in range(int(k)):
        prod *= u()
    return -math.log(prod) / (k / mean)


def _g_weibull(r):
    alpha, _, beta = r._p
    return math.pow(beta * (-math.log(1.0 - r._st.dblpick())), 1.0 / alpha)


_GNU = {Random._d_uniform: _g_uniform, Random._d_normal: _g_normal,
        Random._d_lognormal: _g_lognormal, Random._d_poisson: _g_poisson,
        Random._d_binomial: _g_binomial, Random._d_geometric: _g_geometric,
        Random._d_hypergeo: _g_hypergeo, Random._d_discunif: _g_discunif,
        Random._d_negexp: _g_negexp, Random._d_erlang: _g_erlang,
        Random._d_weibull: _g_weibull}


class NMODLRandom(HocObject):
    """``pp.r`` for an NMODL ``RANDOM r`` (NEURON 9): the instance's Random123 stream.

    ``locate()`` returns (data, column) of the instance now (the model may move
    it); the stream is data[row:row+9, column] (core.philox.RANDOM_ROWS: ids,
    position, key, words).  Positions count words: ``set_seq(4*seq + which)``."""

    _hoc_name = "NMODLRandom"

    def __init__(self, locate, row, name="r"):
        self._hoc_register()
        self._locate = locate
        self._row = row
        self._var = name

    def _col(self):
        data, col = self._locate()
        return data[self._row:self._row + len(_philox.RANDOM_ROWS), col]

    def get_ids(self):
        """The three ids, as a Vector."""
        from .vector import Vector
        return Vector([float(x) for x in self._col()[:3]])

    def set_ids(self, id1, id2, id3):
        """Set the ids (the position is kept); returns this object."""
        ctx = "%s.set_ids()" % self.hname()
        ids = [_int(x, ctx) for x in (id1, id2, id3)]
        c = self._col()
        c[:3] = [float(x & 0xFFFFFFFF) for x in ids]
        return self

    def get_seq(self):
        """The position, in words (4*seq + which)."""
        return float(self._col()[3])

    def set_seq(self, x):
        """Move to word position ``x``; returns this object."""
        x = _int(x, "%s.set_seq()" % self.hname())
        if not 0 <= x < (1 << 34):
            raise RandomValueError("%s.set_seq(): %d out of range [0, 2**34)" % (self.hname(), x))
        c = self._col()
        c[3] = float(x)
        _philox.fill_rows(c)
        return self

    def uniform(self):
        """The next uniform (0, 1) number of the stream."""
        return (_philox.pick_rows(self._col()) + 1.0) * _philox.SHIFT32
