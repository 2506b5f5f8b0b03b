"""Naive pure-Python reference implementations ("twins") of compiled engine parts.

These are deliberately simple and slow.  They exist only so that property tests
(tests/engine/test_twins.py) can compare the compiled code against an
independent statement of what it is meant to compute:

- the Hines tree solve, whose compiled version is the stepper's generated
  ``solve`` / ``solve_v`` (engine/codegen.py ``stepper_source``; the
  arithmetic is NUMERICS.md (d)5);
- the event queue, whose compiled version is the binary heap of
  engine/events.py (``q_push``, ``q_pop``, ``q_move``).

Nothing in the simulator imports this module.

Matrix conventions (NUMERICS.md (b), the stepper's ``setup``): nodes are
ordered so that ``parent[i] < i``; the first ``ncell`` nodes are roots
(``parent[i] == -1``, never read).  For every non-root node i with parent
p = parent[i]:

- ``d[i]`` is the diagonal element, row i column i;
- ``b[i]`` is row i, column p (the coefficient of v_p in node i's equation);
- ``a[i]`` is row p, column i (the coefficient of v_i in the parent's equation).

``a`` and ``b`` of the roots are not used.  ``rhs`` is the right-hand side;
the solution is left in ``rhs``.
"""
import numpy as np

__all__ = ["hines_matrix", "hines_solve_naive", "hines_solve_loop", "NaiveEventQueue"]


# ---------------------------------------------------------------- Hines solve
def hines_matrix(ncell, nnode, d, a, b, parent):
    """The dense nnode x nnode matrix that (d, a, b, parent) stand for."""
    m = np.zeros((nnode, nnode))
    for i in range(nnode):
        m[i, i] = d[i]
    for i in range(ncell, nnode):
        p = int(parent[i])
        if not 0 <= p < i:
            raise ValueError("node %d: parent %d is not an earlier node" % (i, p))
        m[p, i] = a[i]
        m[i, p] = b[i]
    return m


def hines_solve_naive(ncell, nnode, rhs, d, a, b, parent):
    """Solve the tree system by assembling it densely and calling numpy.linalg.solve.

    An independent method (LU with partial pivoting on the full matrix, not the
    tree elimination).  Writes the solution into ``rhs[:nnode]`` and returns it;
    ``d``, ``a``, ``b`` are left unchanged.
    """
    m = hines_matrix(ncell, nnode, d, a, b, parent)
    x = np.linalg.solve(m, np.array(rhs[:nnode], dtype=np.float64))
    rhs[:nnode] = x
    return rhs


def hines_solve_loop(ncell, nnode, rhs, d, a, b, parent):
    """The textbook Hines elimination, one plain Python loop per sweep.

    Triangularisation: for i = nnode-1 down to ncell, eliminate v_i from the
    parent's row: f = a_i/d_i; d_p -= f*b_i; rhs_p -= f*rhs_i.
    Roots: rhs_r /= d_r.  Back substitution: for i = ncell..nnode-1,
    rhs_i = (rhs_i - b_i*rhs_p) / d_i.

    Works in place like the compiled ``solve``: ``d`` is overwritten by the
    eliminated diagonal and ``rhs`` by the solution, which is also returned.
    Every operation is a single IEEE double operation, so this gives the same
    bits as any implementation that does the same operations in this order.
    """
    for i in range(nnode - 1, ncell - 1, -1):
        p = int(parent[i])
        f = float(a[i]) / float(d[i])
        d[p] = float(d[p]) - f * float(b[i])
        rhs[p] = float(rhs[p]) - f * float(rhs[i])
    for r in range(ncell):
        rhs[r] = float(rhs[r]) / float(d[r])
    for i in range(ncell, nnode):
        p = int(parent[i])
        x = float(rhs[i]) - float(b[i]) * float(rhs[p])
        rhs[i] = x / float(d[i])
    return rhs


# ---------------------------------------------------------------- event queue
class NaiveEventQueue:
    """A sorted Python list of events with the semantics of events.py's heap.

    Each event is a tuple of 7 floats (time, seq, type, a, b, flag, wrow),
    the columns of the compiled queue ``q[cap, 7]``.  ``seq`` is a running
    insertion number (``next_seq``), so events with equal times come out first
    in, first out.  The list is kept sorted by (time, seq); since seq is unique
    that order is total, and the earliest event is unambiguous.
    """

    def __init__(self):
        self.events = []
        self.next_seq = 0

    def __len__(self):
        return len(self.events)

    def _sort(self):
        self.events.sort(key=lambda e: (e[0], e[1]))

    def push(self, t, typ, a, b, flag, w):
        """``q_push``: insert an event with the next sequence number."""
        ev = (float(t), float(self.next_seq), float(typ), float(a), float(b), float(flag), float(w))
        self.next_seq += 1
        self.events.append(ev)
        self._sort()

    def pop(self):
        """``q_pop``: remove and return the earliest event (IndexError when empty).

        (The compiled ``q_pop`` does not check; popping an empty heap there
        returns a stale row and leaves the count at -1.)
        """
        return self.events.pop(0)

    def move(self, eid, te):
        """``q_move`` (net_move): of the queued self-events (type 1) of target
        ``eid`` with flag 1 and b 0 (b 1: an NMODL WATCH event, never moved), the
        one inserted last (largest seq) gets time ``te``; it keeps its seq.
        Nothing happens when there is none."""
        best = -1
        for j, e in enumerate(self.events):
            if e[2] == 1.0 and e[3] == float(eid) and e[5] == 1.0 and e[4] == 0.0:
                if best < 0 or e[1] > self.events[best][1]:
                    best = j
        if best < 0:
            return
        e = self.events[best]
        self.events[best] = (float(te),) + e[1:]
        self._sort()

    def contents(self):
        """All queued events in (time, seq) order, as an (n, 7) float array."""
        return np.array(self.events, dtype=np.float64).reshape(len(self.events), 7)
