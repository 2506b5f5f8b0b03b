"""NEURON's ``Random``: a random stream with a current distribution.

A ``Random`` owns one stream and one *current distribution*.  Calling a
distribution method (``uniform``, ``normal``, ...) makes it current and
returns one sample; ``repick()`` returns the next sample of the current
distribution.  A new ``Random`` draws from ``normal(0, 1)`` until another
distribution is chosen.

Streams
-------
The numbers are **not** NEURON's: NEURON's generators (ACG, MLCG,
MCellRan4, Random123) are not reproduced bit for bit.  Every stream here is
numpy's counter-based ``Philox`` bit generator whose 128-bit key is derived
(``numpy.random.SeedSequence``) from the generator kind and the seeds given,
so the same seeds always give the same numbers, on every platform, and
different seeds or kinds give independent streams:

* ``Random()`` / ``Random(seed[, size])`` / ``ACG(seed[, size])`` /
  ``MLCG(seed1, seed2)``: a stream keyed by the seeds;
* ``MCellRan4(highindex[, lowindex])``: keyed by ``lowindex``; ``highindex``
  is the starting position in the stream (so ``MCellRan4(h, l)`` equals
  ``MCellRan4(1, l)`` followed by ``seq(h)``, as in NEURON);
* ``Random123(id1[, id2[, id3]])``: keyed by the three ids and the global
  index (``Random123_globalindex``); changing the global index re-keys every
  Random123 stream at its current position, as in NEURON.

``seq()`` is the position in the stream counted in 64-bit draws; a uniform
sample uses one draw, other distributions one or more.  ``seq(n)`` seeks
(O(1): Philox is counter based).

Return values (checked against NEURON 9.0.2): every method returns a float;
distributions return the sample; ``MCellRan4`` returns the high index (a
pseudo-random one, taken from the current stream, when it is 0 or omitted);
``Random123`` returns 0 (``play`` raises NotImplementedError for now);
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

import numpy as np

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

# Random123 global index, shared by all streams; ``version`` changes on set.
_GLOBAL = {"index": 0, "version": 0}


def reset():
    """ranvier.reset(): the Random123 global index back to 0 (a Random made before
    re-keys its stream on next use, as after any change of the index)."""
    if _GLOBAL["index"] != 0:
        _GLOBAL["index"] = 0
        _GLOBAL["version"] += 1






def _key(kind, ids):
    entropy = [_KIND_TAG[kind]] + [int(v) & _MASK64 for v in ids]
    return np.random.SeedSequence(entropy).generate_state(2, np.uint64)


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
        self._gver = _GLOBAL["version"]
        self._seek(pos)

    def _seek(self, pos):
        ids = self._ids
        if self._kind == "Random123":
            ids = ids + (_GLOBAL["index"],)
            self._gver = _GLOBAL["version"]
        bg = np.random.Philox(key=_key(self._kind, ids), counter=pos // 4)
        if pos % 4:
            bg.random_raw(pos % 4)
        self._bg = bg
        self._gen = np.random.Generator(bg)

    def _position(self):
        st = self._bg.state
        c = st["state"]["counter"].tolist()
        counter = c[0] | (c[1] << 64) | (c[2] << 128) | (c[3] << 192)
        return counter * 4 + int(st["buffer_pos"]) - 4

    def _sync(self):
        if self._gver != _GLOBAL["version"]:
            if self._kind == "Random123":
                self._seek(self._position())     # re-key at the same position
            else:
                self._gver = _GLOBAL["version"]

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
            self._sync()
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
            if i != _GLOBAL["index"]:
                _GLOBAL["index"] = i
                _GLOBAL["version"] += 1
        return float(_GLOBAL["index"])

    def seq(self, n=None):
        """The position in the stream; ``seq(n)`` seeks to ``n``."""
        if n is None:
            self._sync()
            return float(self._position())
        ctx = self._name("seq")
        n = _int(n, ctx)
        if not 0 <= n < self._seq_limit():
            raise RandomValueError("%s: %d out of range for %s" % (ctx, n, self._kind))
        self._seek(n)
        return float(n)

    def play(self, ptr):
        """NEURON gives ``ptr`` a new sample every time step; the engine does not
        do that yet, so this raises NotImplementedError rather than do nothing."""
        raise NotImplementedError(
            "%s: Random.play is not implemented in ranvier yet (the variable would "
            "not be given new samples); call repick() from Python between steps instead"
            % self._name("play"))

    # ---------------------------------------------------- distributions ---
    def repick(self):
        """The next sample of the current distribution."""
        if self._gver != _GLOBAL["version"]:
            self._sync()
        return float(self._dist(self, None))

    def _samples(self, n):
        """``n`` samples of the current distribution as a float64 array."""
        if self._gver != _GLOBAL["version"]:
            self._sync()
        return np.asarray(self._dist(self, int(n)), dtype=np.float64).reshape(-1)

    def _set(self, dist, params):
        self._dist = dist
        self._p = params
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
        s2 = math.log1p(var / (mean * mean))
        return self._set(Random._d_lognormal, (math.log(mean) - 0.5 * s2, math.sqrt(s2)))

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
        k, scale = self._p
        return self._gen.gamma(k, scale, n)

    def erlang(self, mean, variance):
        """Erlang (integer-shape gamma) with the given mean and variance."""
        mean, var = self._args("erlang", mean, variance)
        if not mean >= 0:
            self._bad("erlang", "mean must be >= 0, got %g" % mean)
        if not var > 0:
            self._bad("erlang", "variance must be > 0, got %g" % var)
        k = max(1, int(mean * mean / var + 0.5))
        return self._set(Random._d_erlang, (float(k), mean / k))

    def _d_weibull(self, n):
        alpha, scale = self._p
        return scale * self._gen.weibull(alpha, n)

    def weibull(self, alpha, beta):
        """Weibull: ``(-beta*log(U))**(1/alpha)``."""
        alpha, beta = self._args("weibull", alpha, beta)
        if not alpha > 0:
            self._bad("weibull", "alpha must be > 0, got %g" % alpha)
        if not beta >= 0:
            self._bad("weibull", "beta must be >= 0, got %g" % beta)
        return self._set(Random._d_weibull, (alpha, beta ** (1.0 / alpha)))


def _int(x, ctx):
    return _integer(x, ctx, RandomValueError)
