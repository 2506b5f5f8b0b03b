"""Vector.play for the fixed step: the table of played variables the compiled loop applies.

``Vector.play`` (data/vector.py) stores ``(ref, Dt_or_tvec, continuous, None)``;
this module turns the playing Vectors into one records.PlayArrays (a target
value code and flat index per play, like a recording's, with its times and
values), and the stepper's generated ``play`` applies them (codegen.py):

- discrete plays: a point at te is applied at the start of a step (after the
  table checks) if te <= t + dt/2, else at the end of the step that reaches it
  (after the record sample), as NEURON delivers events (LIBRARY.md);
- continuous plays: the value interpolated at the step's midpoint before the
  currents, then at its end (the recorded value), on the segment after the last
  time point passed; the points themselves are passed like discrete points (the
  value becomes y[i] exactly, after the record sample when at a step's end), so
  the end-of-step value just past a point extrapolates the old segment, as in
  NEURON (a repeated time point is a step change).

finitialize applies the points at t = 0 (a continuous play only if its first
time is <= 0).  The table is rebuilt when the model's layout or the set of
playing Vectors changes; a play that stays keeps its position.  ``h._ref_celsius``
is played through SRC_CELSIUS: the run carries celsius and hands it back in pcel.
"""
import numpy as np

from ..core.errors import ModelError
from .records import SRC_CELSIUS, SRC_NONE, PlayArrays


def _empty():
    z = np.zeros(0, dtype=np.int64)
    return PlayArrays(pon=False, psrc=z, pidx=z.copy(), pcont=z.copy(), pn=z.copy(),
                      pk=z.copy(), ptime=np.zeros((0, 1)), pval=np.zeros((0, 1)),
                      pcel=np.zeros(1))


class PlayTable:
    """The play table and what it was built from (the layout and data.vector's version)."""

    def __init__(self):
        self.arrays = _empty()
        self.vectors = []          # the Vectors of the table's rows
        self.key = None

    def build(self, source_of, keep=True):
        """(Re)build the table from the playing Vectors; keep: rows of Vectors already in
        the table keep their position (pk)."""
        from ..data.vector import Vector, play_version, playing_vectors
        vecs = playing_vectors()
        old = {id(v): int(self.arrays.pk[r]) for r, v in enumerate(self.vectors)} if keep else {}
        n = len(vecs)
        rows_t, rows_y = [], []
        src = np.zeros(n, dtype=np.int64)
        idx = np.zeros(n, dtype=np.int64)
        cont = np.zeros(n, dtype=np.int64)
        pk = np.zeros(n, dtype=np.int64)
        for r, vec in enumerate(vecs):
            ref, arg, continuous, _ = vec._play
            y = np.array(vec._buf[: vec._n], dtype=float)
            if isinstance(arg, Vector):
                tt = np.array(arg._buf[: arg._n], dtype=float)
                m = min(len(tt), len(y))
                tt, y = tt[:m], y[:m]
            else:
                tt = np.arange(len(y)) * float(arg)
            rows_t.append(tt)
            rows_y.append(y)
            cont[r] = 1 if continuous else 0
            if getattr(ref, "kind", None) == "var":
                src[r], idx[r] = SRC_CELSIUS, 0
            else:
                try:
                    src[r], idx[r] = source_of(ref)
                except (ModelError, KeyError, RuntimeError):
                    src[r], idx[r] = SRC_NONE, 0     # its section or mechanism is gone
            pk[r] = old.get(id(vec), 0)
        width = max([len(t) for t in rows_t] + [1])
        ptime = np.zeros((n, width))
        pval = np.zeros((n, width))
        pn = np.zeros(n, dtype=np.int64)
        for r in range(n):
            pn[r] = len(rows_t[r])
            ptime[r, : pn[r]] = rows_t[r]
            pval[r, : pn[r]] = rows_y[r]
        self.arrays = PlayArrays(pon=n > 0, psrc=src, pidx=idx, pcont=cont, pn=pn, pk=pk,
                                 ptime=ptime, pval=pval, pcel=np.zeros(1))
        self.vectors = vecs
        self.key = play_version()
        return self.arrays

    def current(self, source_of):
        """The table, rebuilt first if the layout or the playing Vectors changed
        (``stale()`` marks a layout change)."""
        from ..data.vector import play_version
        if self.key != play_version():
            return self.build(source_of)
        return self.arrays

    def stale(self):
        """The model's layout changed: resolve the targets again at the next use."""
        self.key = None


TABLE = PlayTable()


def reset():
    """ranvier.reset(): an empty table."""
    TABLE.__init__()
