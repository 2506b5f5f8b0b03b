"""Philox4x32-10 and NEURON's Random123 stream (``nrnran123``), exactly.

Philox4x32-10 (Salmon et al., SC'11, the Random123 library) maps a 128-bit
counter (four 32-bit words) and a 64-bit key (two words) to four 32-bit
words by ten rounds of

    (c0, c1, c2, c3) -> (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0))

with the key bumped by (W0, W1) between rounds.

NEURON's stream (NMODL.md section 8), as this module reproduces it:

- the key is (globalindex, 0), globalindex being ``Random.Random123_globalindex``;
- stream (id1, id2, id3) at position ``seq`` uses the counter [seq, id3, id1, id2];
- each counter gives 4 words, used in turn; the position counts words, so
  word ``p`` of the stream is word ``p & 3`` of counter ``p >> 2``;
- a word becomes a double in (0, 1) as ``(w + 1) * (1/4294967297)`` (a product with
  the rounded reciprocal of 2**32 + 1: dividing instead differs in the last bit for
  about 1 word in 800).

Two twins: ``philox4x32`` here (plain Python ints, for tests and the Python
side; this module imports no numba) and ``philox_nb.philox4x32_nb`` (numba,
used by generated mechanism kernels through its ``nmodl_*`` helpers).

A RANDOM variable of a mechanism lives in nine per-instance rows of its
``data`` array, starting at ``row`` (RANDOM_ROWS):
``id1, id2, id3, pos, key, w0..w3``: pos = 4*seq + which is the word position,
key the global index (the model rewrites it in every instance when the index
changes: ``add_global_index_listener``), w0..w3 the words of the current counter.
As in NEURON, the words are computed when the stream is made, at setseq and
right after the 4th word of a counter is used -- not at setids, and a new
global index shows from the next computation on.
"""
import itertools

import numpy as np

__all__ = ["philox4x32", "word", "uniform_of_word", "Stream", "next_stream_id",
           "global_index", "set_global_index", "RANDOM_ROWS"]

M0 = 0xD2511F53
M1 = 0xCD9E8D57
W0 = 0x9E3779B9
W1 = 0xBB67AE85
_M32 = 0xFFFFFFFF
SHIFT32 = 1.0 / 4294967297.0    # 1/(2**32 + 1), rounded: u = (w + 1)*SHIFT32
RANDOM_ROWS = ("id1", "id2", "id3", "pos", "key", "w0", "w1", "w2", "w3")   # one RANDOM variable


def philox4x32(ctr, key):
    """Philox4x32-10 of counter ``ctr`` (4 ints) and key ``key`` (2 ints): 4 ints."""
    c0, c1, c2, c3 = (int(x) & _M32 for x in ctr)
    k0, k1 = (int(x) & _M32 for x in key)
    for r in range(10):
        if r:
            k0 = (k0 + W0) & _M32
            k1 = (k1 + W1) & _M32
        p0 = M0 * c0
        p1 = M1 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0) & _M32, p1 & _M32, ((p0 >> 32) ^ c3 ^ k1) & _M32, p0 & _M32
    return [c0, c1, c2, c3]


def uniform_of_word(w):
    """NEURON's double of a 32-bit word: (w + 1)*SHIFT32, in (0, 1)."""
    return (w + 1.0) * SHIFT32


def word(ids, pos, gindex=0):
    """Word ``pos`` of stream ``ids`` = (id1, id2, id3) under global index ``gindex``."""
    id1, id2, id3 = ids
    seq = pos >> 2
    ctr = [seq & _M32, (id3 + (seq >> 32)) & _M32, id1, id2]   # 128-bit counter, low word first
    return philox4x32(ctr, (gindex, 0))[pos & 3]


# ------------------------------------------------------------------ global state
_STATE = {"gindex": 0, "version": 0}
_stream_ids = [itertools.count(1)]


def global_index():
    """``Random123_globalindex``: the first key word of every stream."""
    return _STATE["gindex"]


def set_global_index(i):
    i = int(i) & _M32
    if i != _STATE["gindex"]:
        _STATE["gindex"] = i
        _STATE["version"] += 1
        for fn in _listeners:
            fn(i)


def global_version():
    """Changes whenever the global index does (streams re-key lazily)."""
    return _STATE["version"]


def next_stream_id():
    """The next process-wide stream number k (a RANDOM variable's default ids are (1, 0, k))."""
    return next(_stream_ids[0])


def fill_rows(col):
    """Python twin of nmodl_fill on one instance's rows ``col`` (a float64 view)."""
    pos = int(col[3])
    seq = pos >> 2
    id1, id2, id3 = int(col[0]), int(col[1]), int(col[2])
    col[5:9] = philox4x32([seq & _M32, (id3 + (seq >> 32)) & _M32, id1, id2], (int(col[4]), 0))


def pick_rows(col):
    """Python twin of nmodl_ipick: the next word of the stream in ``col``."""
    pos = int(col[3])
    w = int(col[5 + (pos & 3)])
    col[3] = float(pos + 1)
    if pos & 3 == 3:
        fill_rows(col)
    return w


def new_stream_rows(data, row, i):
    """A new RANDOM stream in data[row:row+9, i]: ids (1, 0, k), position 0, key = global index."""
    col = data[row:row + len(RANDOM_ROWS), i]
    col[:5] = (1.0, 0.0, float(next_stream_id()), 0.0, float(_STATE["gindex"]))
    fill_rows(col)


_listeners = []


def add_global_index_listener(fn):
    """``fn(index)`` is called whenever the global index changes (the model re-keys the
    RANDOM streams of its instances)."""
    _listeners.append(fn)


def reset():
    """ranvier.reset(): global index 0 and stream numbering from 1 again, as in a new process."""
    set_global_index(0)
    _stream_ids[0] = itertools.count(1)


class Stream:
    """A Python Random123 stream (ids, word position), as NEURON keeps one.

    Like NEURON, it holds the 4 words of its current counter, computed when the
    stream is made or seeked and right after the 4th word of a counter is used,
    with the global index of that moment: so a new global index shows only from
    the next counter on (as in NEURON 9.0.2)."""

    __slots__ = ("ids", "pos", "_block")

    def __init__(self, id1=0, id2=0, id3=0, pos=0):
        self.ids = (int(id1) & _M32, int(id2) & _M32, int(id3) & _M32)
        self.pos = int(pos)
        self._fill()

    def _fill(self):
        seq = self.pos >> 2
        id1, id2, id3 = self.ids
        self._block = philox4x32([seq & _M32, (id3 + (seq >> 32)) & _M32, id1, id2],
                                 (_STATE["gindex"], 0))

    def ipick(self):
        """The next 32-bit word."""
        p = self.pos
        w = self._block[p & 3]
        self.pos = p + 1
        if p & 3 == 3:
            self._fill()
        return w

    def dblpick(self):
        """The next double in (0, 1)."""
        return (self.ipick() + 1.0) * SHIFT32

    def words(self, n):
        """The next ``n`` words as a uint64 array (vectorised over counters)."""
        n = int(n)
        out = np.empty(n, dtype=np.uint64)
        p0 = self.pos
        k = min(n, (-p0) & 3)             # the rest of the current counter
        for j in range(k):
            out[j] = self.ipick()
        if n > k:
            p1 = self.pos
            m = n - k
            first, last = p1 >> 2, (p1 + m - 1) >> 2
            id1, id2, id3 = self.ids
            from .philox_nb import philox_many     # numba, only when vectorising
            blocks = philox_many(np.arange(first, last + 1, dtype=np.uint64), id1, id2, id3,
                                  _STATE["gindex"])
            out[k:] = blocks.reshape(-1)[:m]
            self.pos = p1 + m
            self._fill()
        return out
