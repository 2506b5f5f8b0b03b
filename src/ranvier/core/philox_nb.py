"""The numba twin of ``ranvier.core.philox``: Philox4x32-10 and the NMODL RANDOM helpers.

Generated mechanism kernels import the ``nmodl_*`` functions (nmodl/random.py);
``philox.Stream.words`` uses ``philox_many``.  A RANDOM variable is
data[row:row+9, i] = id1, id2, id3, pos, key, w0..w3 (philox.RANDOM_ROWS).
"""
import math

import numba
import numpy as np

# the constants of core.philox (repeated: philox imports this module, not the reverse)
M0 = 0xD2511F53
M1 = 0xCD9E8D57
W0 = 0x9E3779B9
W1 = 0xBB67AE85
SHIFT32 = 1.0 / 4294967297.0

_U32 = np.uint64(0xFFFFFFFF)
_S32 = np.uint64(32)


@numba.njit(cache=True)
def philox4x32_nb(c0, c1, c2, c3, k0, k1):
    """Philox4x32-10 in numba: counter and key words (held in uint64) -> 4 uint64 words < 2**32."""
    c0 = np.uint64(c0) & _U32; c1 = np.uint64(c1) & _U32
    c2 = np.uint64(c2) & _U32; c3 = np.uint64(c3) & _U32
    k0 = np.uint64(k0) & _U32; k1 = np.uint64(k1) & _U32
    m0 = np.uint64(M0); m1 = np.uint64(M1); w0 = np.uint64(W0); w1 = np.uint64(W1)
    for r in range(10):
        if r > 0:
            k0 = (k0 + w0) & _U32
            k1 = (k1 + w1) & _U32
        p0 = m0 * c0
        p1 = m1 * c2
        c0, c1, c2, c3 = (p1 >> _S32) ^ c1 ^ k0, p1 & _U32, (p0 >> _S32) ^ c3 ^ k1, p0 & _U32
    return c0, c1, c2, c3


@numba.njit(cache=True)
def philox_many(seqs, id1, id2, id3, gindex):
    out = np.empty((seqs.shape[0], 4), dtype=np.uint64)
    for j in range(seqs.shape[0]):
        s = seqs[j]
        r0, r1, r2, r3 = philox4x32_nb(s & _U32, (np.uint64(id3) + (s >> _S32)) & _U32,
                                       id1, id2, gindex, 0)
        out[j, 0] = r0
        out[j, 1] = r1
        out[j, 2] = r2
        out[j, 3] = r3
    return out


@numba.njit(cache=True)
def nb_word(id1, id2, id3, pos, key):
    """Word ``pos`` (an int) of stream (id1, id2, id3) under key (key, 0), as a float."""
    seq = np.uint64(pos) >> np.uint64(2)
    r0, r1, r2, r3 = philox4x32_nb(seq & _U32, (np.uint64(id3) + (seq >> _S32)) & _U32,
                                   np.uint64(id1), np.uint64(id2), np.uint64(key), 0)
    w = pos & 3
    if w == 0:
        return float(r0)
    if w == 1:
        return float(r1)
    if w == 2:
        return float(r2)
    return float(r3)


# The nmodl_* helpers: a RANDOM variable is data[row:row+9, i] (RANDOM_ROWS).
@numba.njit(cache=True)
def nmodl_fill(data, row, i):
    """The 4 words of the counter at the present position, with the present ids and key."""
    seq = np.uint64(np.int64(data[row + 3, i])) >> np.uint64(2)
    r0, r1, r2, r3 = philox4x32_nb(seq & _U32,
                                   (np.uint64(np.int64(data[row + 2, i])) + (seq >> _S32)) & _U32,
                                   np.uint64(np.int64(data[row, i])),
                                   np.uint64(np.int64(data[row + 1, i])),
                                   np.uint64(np.int64(data[row + 4, i])), 0)
    data[row + 5, i] = float(r0)
    data[row + 6, i] = float(r1)
    data[row + 7, i] = float(r2)
    data[row + 8, i] = float(r3)


@numba.njit(cache=True)
def nmodl_ipick(data, row, i):
    """random_ipick(r): the next word (as a double)."""
    pos = np.int64(data[row + 3, i])
    w = data[row + 5 + (pos & 3), i]
    data[row + 3, i] = float(pos + 1)
    if pos & 3 == 3:
        nmodl_fill(data, row, i)
    return w


@numba.njit(cache=True)
def nmodl_dpick(data, row, i):
    """random_dpick(r) = random_uniform(r): (w + 1)*SHIFT32."""
    return (nmodl_ipick(data, row, i) + 1.0) * SHIFT32


@numba.njit(cache=True)
def nmodl_uniform2(data, row, i, a, b):
    """random_uniform(r, a, b) = a + (b - a)*u."""
    return a + (b - a) * nmodl_dpick(data, row, i)


@numba.njit(cache=True)
def nmodl_negexp(data, row, i):
    """random_negexp(r) = -log(u)."""
    return -math.log(nmodl_dpick(data, row, i))


@numba.njit(cache=True)
def nmodl_negexp1(data, row, i, mean):
    """random_negexp(r, mean) = mean*(-log(u))."""
    return mean * nmodl_negexp(data, row, i)


@numba.njit(cache=True)
def nmodl_normal(data, row, i):
    """random_normal(r): Marsaglia's polar method, two picks per try, no cached value."""
    while True:
        u1 = 2.0 * nmodl_dpick(data, row, i) - 1.0
        u2 = 2.0 * nmodl_dpick(data, row, i) - 1.0
        w = u1 * u1 + u2 * u2
        if not w > 1.0:
            break
    return u1 * math.sqrt((-2.0 * math.log(w)) / w)


@numba.njit(cache=True)
def nmodl_normal2(data, row, i, mu, sd):
    """random_normal(r, mu, sd) = mu + sd*normal."""
    return mu + sd * nmodl_normal(data, row, i)


@numba.njit(cache=True)
def nmodl_setseq(data, row, i, x):
    """random_setseq(r, x): word position x (seq = x >> 2, which = x & 3)."""
    data[row + 3, i] = float(np.int64(x))
    nmodl_fill(data, row, i)
    return 0.0


@numba.njit(cache=True)
def nmodl_setids(data, row, i, a, b, c):
    """random_setids(r, id1, id2, id3); the position and the current words are kept."""
    data[row, i] = float(np.uint32(np.int64(a)))
    data[row + 1, i] = float(np.uint32(np.int64(b)))
    data[row + 2, i] = float(np.uint32(np.int64(c)))
    return 0.0
