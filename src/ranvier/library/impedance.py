"""NEURON's Impedance class: the small-signal frequency response of the cell.

``imp.loc(x, sec=)`` (or ``imp.loc(seg)``) names where a unit current (1 nA) is
injected; ``imp.compute(freq)`` linearises the model around its present state at
``freq`` Hz; afterwards ``input``, ``input_phase``, ``transfer``,
``transfer_phase`` and ``ratio`` read the results in MOhm and radians.

Two methods, as in NEURON:

* ``compute(freq)``: each mechanism's own di/dv (the conductance its current
  kernel computes with the 0.001 mV step), gating states frozen.  The node
  matrix (the fixed step's d with cj = 0, plus jwC on the diagonal) is factored
  with a complex version of the Hines tree elimination on the fixed step's node
  order, which gives the input impedance of every node and the transfer
  impedance from the stimulus site in one sweep.
* ``compute(freq, 1)``, the extended method: the Jacobian of the whole system
  (node voltages and every DERIVATIVE state of every mechanism) is built with
  NEURON's one-sided finite differences: v is raised by ``deltafac()`` mV,
  each state by ``deltafac()``, and each mechanism's current kernel (nrn_cur)
  and derivative kernel (nrn_deriv) are evaluated on copies of the model's
  arrays (the model itself is not changed).  The complex system is solved by
  sparse LU for each injection site asked for.

  The extended method reproduces what NEURON 9.0.2 computes, which differs from
  the textbook linearisation in three ways (each confirmed against NEURON's
  numbers, tests/library/test_impedance.py):
  - a node's di/dv is evaluated with the parameters and states of the
    mechanism's *first* instance (in matrix order) at that node's v; a point
    process also takes the first instance's area;
  - only the first instance of a mechanism gets di/ds entries;
  - the jw term of a state's row disappears wherever d(ds/dt)/ds is nonzero
    (NEURON adds it, then assigns the real derivative over it).
  For a single compartment with one instance of each mechanism the result is
  the exact linearisation.
"""
import cmath

import numpy as np

from ..core.errors import ModelError
from ..core.hocobject import HocObject
from ..model.section import resolve_sec
from ..model.segment import Segment
from ..model.store import NODES
from .. import engine


class ImpedanceError(ModelError):
    """An Impedance used before it can answer (no location, no compute)."""


def _location(args, sec, ctx):
    """(section, x) from ``(seg)``, ``(x, sec=)`` or ``(x)`` (the accessed section)."""
    if len(args) == 1 and isinstance(args[0], Segment):
        seg = args[0]
        return seg.sec, float(seg.x)
    if len(args) != 1:
        raise TypeError("Impedance.%s: expected a segment or x (with sec=), got %d arguments"
                        % (ctx, len(args)))
    try:
        x = float(args[0])
    except (TypeError, ValueError):
        raise TypeError("Impedance.%s: expected a segment or a number, got %s"
                        % (ctx, type(args[0]).__name__)) from None
    if not 0.0 <= x <= 1.0:
        raise ValueError("Impedance.%s: x = %g is outside [0, 1]" % (ctx, x))
    return resolve_sec(sec), x


class _Layout:
    """What compute() needs from the engine: the node matrix and the mechanisms."""

    def __init__(self):
        self.lay = engine._ensure()
        self.st = engine._stepper()
        self.margs = engine._mech_arglist()
        self.n = self.lay.nnode


def _setup(L, cj):
    """The fixed step's matrix setup at the present state with capacitance term cj:
    leaves every current in rhs and every conductance (and the axial terms) in d."""
    from ..engine.records import CHECK_TABLES, SETUP
    st = L.st
    st.check_tables(*CHECK_TABLES.args(engine.state.celsius, engine.state.dt, L.margs))
    lay = L.lay
    st.setup(*SETUP.args(engine._node_arrays(lay),
                         engine.Clock(t=float(engine.state.t), dt=float(engine.state.dt), cj=cj,
                                      celsius=float(engine.state.celsius)), L.margs))


class _Standard:
    """compute(f): the node matrix alone, complex tree elimination (NEURON's Imp)."""

    def __init__(self, L, omega, istim):
        lay = L.lay
        n = L.n
        _setup(L, 0.0)
        d = engine.state.d[:n].astype(complex) + 1j * (NODES.cm[:n] * omega)
        a, b, parent, area, ncell = lay.a, lay.b, lay.parent, lay.area, lay.ncell
        pivot = np.zeros(n, dtype=complex)
        for i in range(n - 1, ncell - 1, -1):
            ip = parent[i]
            pivot[i] = a[i] / d[i]
            d[ip] -= pivot[i] * b[i]
        transfer = np.zeros(n, dtype=complex)
        inp = np.zeros(n, dtype=complex)
        transfer[istim] = 1e2 / area[istim]
        for i in range(istim, ncell - 1, -1):
            transfer[parent[i]] -= transfer[i] * pivot[i]
        for i in range(ncell):
            transfer[i] /= d[i]
            inp[i] = 1.0 / d[i]
        for i in range(ncell, n):
            ip = parent[i]
            transfer[i] -= b[i] * transfer[ip]
            transfer[i] /= d[i]
            inp[i] = (1.0 + inp[ip] * pivot[i] * b[i]) / d[i]
        for i in range(ncell, n):
            inp[i] *= 1e2 / area[i]
        self.transfer = transfer
        self.input = inp
        self.istim = istim

    def input_z(self, node):
        return self.input[node]

    def transfer_z(self, node):
        return self.transfer[node]

    def ratio(self, node):
        return abs(self.transfer[node] / self.input[node])


def _has_kinetic(mech):
    """Whether mechanism mech's .mod text has a KINETIC block."""
    import re
    try:
        with open(mech.filename) as f:
            text = f.read()
    except (OSError, TypeError):
        return False
    return re.search(r"^\s*KINETIC\s+\w+", text, re.M) is not None


def _rounds(nodeidx):
    """Instances split into groups with distinct nodes (k-th instance of every node in
    group k), so that a group can be evaluated at once without two instances sharing a
    node's rhs."""
    seen = {}
    groups = []
    for j, nd in enumerate(nodeidx):
        k = seen.get(int(nd), 0)
        seen[int(nd)] = k + 1
        if k == len(groups):
            groups.append([])
        groups[k].append(j)
    return [np.array(g, dtype=np.int64) for g in groups]


class _Extended:
    """compute(f, 1): the full linearised system (NEURON's NonLinImp)."""

    def __init__(self, L, omega, deltafac):
        from scipy.sparse import coo_matrix
        from scipy.sparse.linalg import splu
        lay = L.lay
        n = L.n
        _setup(L, 0.0)                      # NEURON's compute starts with the currents
        t = float(engine.state.t)
        dt = float(engine.state.dt)
        cel = float(engine.state.celsius)
        area = lay.area
        v0 = NODES.v.copy()
        ions0 = NODES.ions.copy()
        dv = 1.0 * deltafac                 # v's tolerance (1) times deltafac
        rows, cols, vals = [], [], []

        def put(r, c, x):
            rows.append(r)
            cols.append(c)
            vals.append(x)

        # axial coupling and jwC
        a, b, parent = lay.a, lay.b, lay.parent
        for i in range(lay.ncell, n):
            ip = int(parent[i])
            put(ip, i, a[i])
            put(i, ip, b[i])
            put(i, i, -b[i])
            put(ip, ip, -a[i])
        cm = NODES.cm[:n]
        for i in range(n):
            if cm[i] != 0.0:
                put(i, i, 1j * (0.001 * cm[i] * (1000.0 * omega)))
        # mechanisms: di/dv; the states: di/ds, ds/dv, ds/ds
        neq = n
        blocks = []
        for k, (mech, ms, nloc) in enumerate(lay.mechs):
            if nloc == 0:
                continue
            mod = mech.module()
            srows = tuple(getattr(mod, "DERIV_ROWS", ())) if hasattr(mod, "nrn_deriv") else ()
            if not srows and mech.states and _has_kinetic(mech):
                # KINETIC states without a derivative kernel to linearise them with
                # (states of a METHOD after_cvode PROCEDURE, as VClamp's, are not
                # integrated states: NEURON leaves them out too)
                raise ImpedanceError(
                    "Impedance.compute(f, 1): mechanism %s has KINETIC STATEs (%s) and no "
                    "derivative kernel; the extended method is not "
                    "implemented for it (compute(f) works)"
                    % (mech.name, ", ".join(mech.states)))
            blocks.append((k, mech, ms, nloc, mod, srows, neq))
            neq += len(srows) * nloc
        self.neq = neq
        for k, mech, ms, nloc, mod, srows, off in blocks:
            ma = L.margs[k]
            ns = len(srows)
            nodes = ms.nodeidx[:nloc]
            if mech.currents and hasattr(mod, "nrn_cur"):
                for grp in _rounds(nodes):
                    gn = nodes[grp]
                    m = len(grp)

                    ar = area
                    if mech.is_point:
                        # ... and, for a point process, the first instance's area
                        ar = area.copy()
                        ar[gn] = area[nodes[0]]

                    def cur(data, v):
                        rhs = np.zeros(n)
                        dd = np.zeros(n)
                        mod.nrn_cur(np.int64(m), data, gn, v, ar, rhs, dd, ions0.copy(),
                                    ma.ionidx, ma.gv, ma.tbl, t, dt, cel)
                        return rhs[gn]
                    # NEURON 9.0.2 evaluates one instance's current through a one-element
                    # view whose data start is the mechanism's first instance: every
                    # node's di/dv uses the first instance's parameters and states at
                    # that node's v, and only the first instance gets di/ds terms
                    base = np.ascontiguousarray(ms.data[:, np.zeros(m, dtype=np.int64)])
                    vp = v0.copy()
                    vp[gn] += dv
                    x2 = cur(base.copy(), vp)
                    x0 = cur(base.copy(), v0)
                    g = -(x2 - x0) / dv
                    for j in range(m):
                        put(int(gn[j]), int(gn[j]), g[j])
                    # di/ds
                    for s, r in enumerate(srows):
                        pert = base.copy()
                        pert[r, :] += deltafac
                        xs = cur(pert, v0)
                        gs = (xs - x0) / deltafac
                        for j in range(m):
                            if gs[j] != 0.0 and grp[j] == 0:
                                col = off + int(grp[j]) * ns + s
                                put(int(gn[j]), col, -gs[j])
            if not ns:
                continue
            base = np.ascontiguousarray(ms.data[:, :nloc])

            def deriv(data, v):
                out = np.zeros((ns, nloc))
                mod.nrn_deriv(np.int64(nloc), data, nodes, v, area, ions0.copy(), ma.ionidx,
                              ma.gv, ma.tbl, t, dt, cel, out)
                return out
            f0 = deriv(base.copy(), v0)
            vp = v0.copy()
            vp[np.unique(nodes)] += dv
            fv = deriv(base.copy(), vp)
            dsdv = (fv - f0) / dv
            for j in range(nloc):
                for s in range(ns):
                    if dsdv[s, j] != 0.0:
                        put(off + j * ns + s, int(nodes[j]), -dsdv[s, j])
            for kk, r in enumerate(srows):
                pert = base.copy()
                pert[r, :] += deltafac
                fk = deriv(pert, v0)
                dsds = (fk - f0) / deltafac
                for j in range(nloc):
                    for s in range(ns):
                        row = off + j * ns + s
                        if dsds[s, j] != 0.0:
                            put(row, off + j * ns + kk, -dsds[s, j])
                        elif s == kk:
                            # NEURON 9 adds jw to a state's diagonal and then assigns the
                            # real d(ds/dt)/ds to that element, which drops the jw again:
                            # jw remains only where that derivative is exactly 0
                            put(row, row, 1j * (1000.0 * omega))
        A = coo_matrix((np.array(vals, dtype=complex), (np.array(rows), np.array(cols))),
                       shape=(neq, neq)).tocsc()
        try:
            self.lu = splu(A)
        except RuntimeError as err:
            raise ImpedanceError("Impedance.compute(f, 1): the linearised system is singular "
                                 "(%s)" % err) from None
        self.area = area
        self.n = n
        self._cache = {}

    def _solve(self, node):
        x = self._cache.get(node)
        if x is None:
            rhs = np.zeros(self.neq, dtype=complex)
            rhs[node] = 1e2 / self.area[node]
            x = self._cache[node] = self.lu.solve(rhs)
        return x

    def input_z(self, node):
        return self._solve(node)[node]

    def transfer_z(self, node, istim):
        return self._solve(istim)[node]

    def ratio(self, node, istim):
        x = self._solve(node)
        return abs(x[istim] / x[node])


class Impedance(HocObject):
    """h.Impedance(): input and transfer impedance at a frequency (see the module doc)."""

    _hoc_name = "Impedance"

    def __init__(self):
        self._hoc_register()
        self._sec = None
        self._x = -1.0
        self._deltafac = 0.001
        self._res = None
        self._version = None

    # -- location ---------------------------------------------------------
    def loc(self, *args, sec=None):
        """loc(x, sec=) or loc(seg): where the current is injected (x < 0: nowhere)."""
        if len(args) == 1 and not isinstance(args[0], Segment):
            x = float(args[0])
            if not -1.0 <= x <= 1.0:
                raise ValueError("Impedance.loc: x = %g is outside [-1, 1]" % x)
            if x < 0.0:
                self._sec, self._x = None, x
                return 0.0
        self._sec, self._x = _location(args, sec, "loc")
        return 0.0

    def deltafac(self, *args):
        """The finite-difference step of compute(f, 1) (default 0.001); deltafac(x) sets it."""
        if args:
            x = float(args[0])
            if not 1e-10 <= x <= 1.0:
                raise ValueError("Impedance.deltafac: %g is outside [1e-10, 1]" % x)
            self._deltafac = x
        return self._deltafac

    # -- compute ----------------------------------------------------------
    def compute(self, freq, nonlin=0, maxiter=500):
        """compute(freq[, 1]): linearise at the present state, freq in Hz."""
        freq = float(freq)
        if self._sec is None:
            raise ImpedanceError("Impedance.compute: the stimulus location is not specified "
                                 "(call loc first)")
        self._sec._check("Impedance.compute")
        L = _Layout()
        istim = self._sec._node_at(self._x)
        omega = 1e-6 * 2 * 3.14159265358979323846 * freq
        if nonlin:
            self._res = _Extended(L, omega, self._deltafac)
        else:
            self._res = _Standard(L, omega, istim)
        self._istim = istim
        self._version = (L.lay.topology_version, L.n)
        return 0.0

    def _node(self, args, sec, ctx):
        if self._res is None:
            raise ImpedanceError("Impedance.%s: compute() has not been called" % ctx)
        s, x = _location(args, sec, ctx)
        s._check("Impedance.%s" % ctx)
        lay = engine.state.layout
        if (lay.topology_version, lay.nnode) != self._version:
            raise ImpedanceError("Impedance.%s: the model's structure changed since compute(); "
                                 "call compute again" % ctx)
        return s._node_at(x)

    def input(self, *args, sec=None):
        """|v/i| at the location (current injected there), MOhm."""
        node = self._node(args, sec, "input")
        return float(abs(self._res.input_z(node)))

    def input_phase(self, *args, sec=None):
        """The phase of the input impedance at the location, radians."""
        node = self._node(args, sec, "input_phase")
        return float(cmath.phase(self._res.input_z(node)))

    def _transfer(self, node):
        if isinstance(self._res, _Extended):
            return self._res.transfer_z(node, self._istim)
        return self._res.transfer_z(node)

    def transfer(self, *args, sec=None):
        """|v(x)/i(loc)| = |v(loc)/i(x)|, MOhm."""
        return float(abs(self._transfer(self._node(args, sec, "transfer"))))

    def transfer_phase(self, *args, sec=None):
        """The phase of the transfer impedance, radians."""
        return float(cmath.phase(self._transfer(self._node(args, sec, "transfer_phase"))))

    def ratio(self, *args, sec=None):
        """|v(loc)/v(x)| with the current injected at x (the voltage attenuation x -> loc)."""
        node = self._node(args, sec, "ratio")
        if isinstance(self._res, _Extended):
            return float(self._res.ratio(node, self._istim))
        return float(self._res.ratio(node))


__all__ = ["Impedance", "ImpedanceError"]
