"""Variable time step integration: NEURON's ``h.cvode_active(1)`` / ``h.CVode()``.

The model is one ODE system y' = f(t, y):

- y = the voltages of the nodes with capacitance (cm > 0), then, mechanism by
  mechanism in type order, every STATE that a SOLVEd DERIVATIVE block
  integrates (state-major: all instances of the first state, then the next).
- f(t, y): y is scattered into NODES.v and the mechanism stores; the nodes
  without capacitance (root nodes, 1-end nodes) get the voltage at which their
  net current is zero (one Newton step per node when none touches another,
  else a Hines solve with the capacitive voltages held; iterated when a
  mechanism there is nonlinear); the engine's ``setup`` (every nrn_cur at
  time t plus the axial terms, cj = 0) gives the membrane current rhs, so
  dv/dt = 1e3*rhs/cm (mA/cm2 over uF/cm2 -> mV/ms); the mechanisms' generated
  ``nrn_deriv`` kernels give the state derivatives.

Integrator (``Integrator``, kernels in engine/bdf.py): variable-order (1-5),
variable-step BDF with CVODE's local error test (RMS norm of C_q (y - y_pred)
over atol_i + rtol |y_i|) and NEURON's Newton matrix: the fixed-step matrix
with cj = alpha_q / h (cable + the setup's current conductances, evaluated at
every iterate) solved by the Hines elimination, and the states' Jacobian
diagonal (forward differences of nrn_deriv, refreshed every 20 steps and on a
Newton failure).  Newton's convergence test is CVODE's (rate-scaled update
<= 0.1 of the error allowed, at most 3 iterations).  A step (prediction, Newton
iterations with the model's kernels, error test, order and step size choice) is
one compiled call (cvode_gen.py, generated per set of mechanisms), and so is a
run of steps where nothing needs Python (``cvode_gen.run``: the records read t
or v, the thresholds watch v; the every-step and Dt records and the threshold
flags are handled there); it returns to ``advance`` at the step that reaches a
stop (an event's delivery time, a discontinuity, the requested end) or crosses a
threshold, which Python finishes (root finding, event delivery, restart).  The
Python step (``Integrator.step_py``, RANVIER_CVODE_PYSTEP=1) takes the same
steps bit for bit; it runs with a continuous Vector.play.

Tolerances.  ``h.cvode.atol()`` / ``rtol()`` report and set NEURON's values
(defaults 1e-3 and 0) and are used as they are: atol for the voltages and the
states (``atolscale("m_hh", x)`` scales one state's; a state whose magnitude is
below 0.01 at the start, e.g. a concentration, gets atol x 100 |s|).  On the
bench's 2,805-compartment tree this takes NEURON's number of steps (1,600 vs
1,716) and its spike times agree with NEURON's to ~0.02 ms.

Discontinuities are never stepped over: the integrator stops and restarts at
the delivery time of every queued event (NetCon, net_send), at IClamp onsets
and offsets (t = del and del + dur), and exactly at the requested stop time.
NetCon threshold detection: after each step the watched value is compared
with the threshold; an upward crossing is located by root finding on the
step's interpolating polynomial (spike time = the crossing time, no 1e-10
offset; ``condition_order`` is accepted and reported but both orders use the
interpolant).  If the spike queues a delivery inside the step just taken, the
step is cut back to that time (as NEURON's CVODE does).

Every accepted step is recorded into the Vectors that record without an
interval; ``record(ref, Dt)`` samples the step's interpolating polynomial at
0, Dt, 2 Dt, ...; ``record(ref, tvec)`` at the times of tvec (one sample each).

Also under the variable step: ``Vector.play`` (every time point of a play is a
stop of the integrator, which applies the points due there and restarts; a
continuous play is interpolated at every f evaluation, as NEURON's steps end on
the points and see the interpolated value), ``CVode.event(t[, callback])`` (the
integrator stops exactly at t, runs the callback with the state there and
restarts if the callback changed the model), ``use_local_dt(1)`` (accepted with
a RuntimeWarning: every cell is integrated with the global step).  Not handled:
a play into celsius (NotImplementedError).
"""
import math
from collections import namedtuple

import numpy as np
from numba import njit

from ..core.errors import ModelError
from ..model.store import NODES
from .bdf import apply_algebraic_change
from .cvode_gen import JAC_EVERY, MAX_FACTOR, MIN_FACTOR, NEWTON_COEF, NEWTON_MAXCOR, RUN_PENDING
from .records import (DELIVER, RECORD, SETUP, SRC_CELSIUS, SRC_IONS, SRC_MECH, SRC_NONE, SRC_T,
                      SRC_V, Clock, NodeArrays, RecArrays)

# one mechanism with integrated states: its position k in the layout, kernel module, store,
# located instances, state rows, offset in y, number of states, deriv buffer, the ion values
# it writes ((row, ion, field): copied into the ions array) and its ions' indices
_Block = namedtuple("_Block", "k mod ms nloc rows off ns out writes ii")

DEFAULT_ATOL = 1e-3
DEFAULT_RTOL = 0.0


class _Params:
    def __init__(self):
        self.active = False
        self.atol = DEFAULT_ATOL
        self.rtol = DEFAULT_RTOL
        self.maxstep = 1e9
        self.minstep = 0.0
        self.atolscale = {}         # state name (m_hh, cai, ...) -> its atol scale
        self.condition_order = 1
        self.local_dt = False       # CVode.use_local_dt: accepted, integrated globally
        self.session = None


PARAMS = _Params()


def is_active():
    return PARAMS.active


def set_active(flag):
    flag = bool(flag)
    if flag != PARAMS.active:
        PARAMS.session = None
    PARAMS.active = flag


# --------------------------------------------------------------------- system
class System:
    """Index maps, tolerances and f for the current model (rebuilt on change)."""

    def __init__(self, eng):
        lay = eng._ensure()
        from . import extra_eqn
        extra_eqn.refuse_cvode(lay)     # LinearMechanism / extracellular: fixed step only
        if eng._nonvint() is not None:  # rxd's states would stand still: refuse
            raise ModelError("cvode: rxd (reaction-diffusion) states cannot be integrated with "
                             "variable time steps in ranvier yet; use the fixed step "
                             "(h.CVode().active(False))")
        self.eng = eng
        self.lay = lay
        self.st = eng._stepper()
        n = lay.nnode
        self.nnode = n
        cm = NODES.cm[:n]
        self.capmask = cm > 0.0
        self.cap = np.nonzero(self.capmask)[0]
        self.alg = np.nonzero(~self.capmask)[0]
        self.ncap = self.cap.size
        parent = lay.parent
        # Hines coefficients with the capacitive rows replaced by identity rows
        self.a_alg = lay.a.copy()
        self.b_alg = lay.b.copy()
        self.b_alg[self.cap] = 0.0
        kids = np.arange(lay.ncell, n)
        self.a_alg[kids[self.capmask[parent[kids]]]] = 0.0
        # mechanisms with integrated states
        offset = self.ncap
        self.blocks = []            # _Block per mechanism with integrated states
        node_states = {}
        alg_mech = False
        for k, (mech, ms, nloc) in enumerate(lay.mechs):
            mod = mech.module()
            if nloc and np.any(~self.capmask[ms.nodeidx[:nloc]]) and mech.currents:
                alg_mech = True
            rows = tuple(getattr(mod, "DERIV_ROWS", ()))
            # before the node test: an artificial cell (no node) with a WATCH is refused too
            if not getattr(mod, "CVODE_OK", True) and (nloc or ms.n):
                raise ModelError("cvode: mechanism %s cannot be integrated with variable time "
                                 "steps (%s)" % (mech.name, mod.CVODE_NOTE))
            if nloc == 0:
                continue
            if not rows:
                continue
            if not hasattr(mod, "nrn_deriv"):
                raise ModelError("cvode: mechanism %s has no derivative kernel" % mech.name)
            ns = len(rows)
            ii = eng._ionidx(mech)
            writes = [(r, int(ii[kk]), f) for r, kk, f in getattr(mod, "DERIV_ION_WRITES", ())]
            out = np.zeros((ns, max(ms.n, 1)))
            self.blocks.append(_Block(k=k, mod=mod, ms=ms, nloc=nloc,
                                      rows=np.array(rows, dtype=np.int64), off=offset, ns=ns,
                                      out=out, writes=writes, ii=ii))
            for j in range(nloc):
                node_states.setdefault(int(ms.nodeidx[j]), []).extend(
                    offset + s * nloc + j for s in range(ns))
            offset += ns * nloc
        self.alg_mech = alg_mech
        # no node without capacitance next to another one: each is solved on its own
        kids = np.arange(lay.ncell, n)
        self.alg_isolated = not np.any(~self.capmask[kids] & ~self.capmask[parent[kids]])
        self.alg_edges = None       # bdf.algebraic_edges, made when first needed
        self.r2 = np.zeros(n)
        self.d2 = np.zeros(n)
        self.size = offset
        self.node_states = node_states
        self.sig = self.signature(eng)
        self.breakpoints_src = [(ms, nloc) for mech, ms, nloc in lay.mechs
                                if mech.name == "IClamp"]

    @staticmethod
    def signature(eng):
        lay = eng.state.layout
        mechs = tuple((m.name, id(ms.data), ms.n, nloc) for m, ms, nloc in lay.mechs)
        return (lay.topology_version, lay.geometry_version, lay.nnode, mechs,
                (NODES.cm[:lay.nnode] > 0).tobytes())

    # -- tolerances ---------------------------------------------------------
    def tolerances_bdf(self, y):
        """Absolute tolerances of the compiled BDF, whose error test is CVODE's: NEURON's
        atol for voltages and states, scaled down for a state whose magnitude is below
        0.01 (x 100 |s|, e.g. concentrations)."""
        base = PARAMS.atol
        atol = np.full(self.size, base)
        scales = PARAMS.atolscale
        for b in self.blocks:
            off, nloc = b.off, b.nloc
            names = getattr(b.mod, "DERIV_STATES", ())
            mname = self.lay.mechs[b.k][0].name
            for j in range(b.ns):
                nm = names[j] if j < len(names) else None
                sc = scales.get("%s_%s" % (nm, mname), scales.get(nm)) if nm else None
                if sc is not None:
                    atol[off + j * nloc: off + (j + 1) * nloc] = base * sc
                    continue
                seg = y[off + j * nloc: off + (j + 1) * nloc]
                mag = float(np.max(np.abs(seg))) if nloc else 0.0
                if mag > 0.0:
                    atol[off + j * nloc: off + (j + 1) * nloc] = base * min(1.0, 100.0 * mag)
        return atol

    # -- sparsity -------------------------------------------------------------
    def gather(self):
        y = np.empty(self.size)
        y[: self.ncap] = NODES.v[self.cap]
        for b in self.blocks:
            y[b.off: b.off + b.ns * b.nloc] = b.ms.data[b.rows, :b.nloc].reshape(-1)
        return y

    def prepare(self):
        """Per-advance argument lists (arrays may be reallocated between runs)."""
        eng = self.eng
        self.margs = eng._mech_arglist()
        self.mflat = eng._mech_flat()
        self.cm = NODES.cm
        self.dt = float(eng.state.dt)
        self.celsius = float(eng.state.celsius)
        self.nfev = 0

    def breakpoints(self, t0, t1):
        """Times in (t0, t1) where a current jumps (IClamp onset and offset)."""
        out = []
        for ms, nloc in self.breakpoints_src:
            rdel = ms.row.get("del")
            rdur = ms.row.get("dur")
            if rdel is None or rdur is None:
                continue
            for j in range(nloc):
                de = ms.data[rdel, j]
                for tb in (de, de + ms.data[rdur, j]):
                    if t0 < tb < t1:
                        out.append(float(tb))
        return out


@njit(cache=True)
def _algebraic(ncell, nnode, capmask, rhs, d, a_alg, b_alg, a, b, parent, v, r2, d2):
    """Solve the nodes without capacitance for zero net current, the others held.

    One Newton step (the Hines solve of the setup's linearisation with the
    capacitive rows replaced by identity rows); their voltages are updated and
    the capacitive nodes' axial terms corrected for the change.  Returns the
    largest relative change."""
    for i in range(nnode):
        if capmask[i]:
            r2[i] = 0.0
            d2[i] = 1.0
        else:
            r2[i] = rhs[i]
            d2[i] = d[i]
    for i in range(nnode - 1, ncell - 1, -1):
        p = parent[i]
        f = a_alg[i] / d2[i]
        d2[p] -= f * b_alg[i]
        r2[p] -= f * r2[i]
    for r in range(ncell):
        r2[r] /= d2[r]
    for i in range(ncell, nnode):
        r2[i] -= b_alg[i] * r2[parent[i]]
        r2[i] /= d2[i]
    return apply_algebraic_change(ncell, nnode, capmask, rhs, a, b, parent, v, r2)


# --------------------------------------------------------------------- session
class Session:
    """A BDF solver that continues across advances while nothing else touched the model."""

    def __init__(self, system):
        self.system = system
        self.solver = None
        self.snapshot = None
        self.nsteps = 0
        self.nfev = 0

    def take_snapshot(self):
        lay = self.system.lay
        parts = [NODES.v[: lay.nnode].copy(), NODES.cm[: lay.nnode].copy()]
        for mech, ms, nloc in lay.mechs:
            parts.append(ms.data.copy())
        self.snapshot = (self.system.eng.state.t, PARAMS.atol, PARAMS.rtol, PARAMS.maxstep,
                         self.system.celsius, parts)

    def unchanged(self):
        if self.snapshot is None or self.solver is None:
            return False
        t, atol, rtol, maxstep, celsius, parts = self.snapshot
        eng = self.system.eng
        if (t != eng.state.t or atol != PARAMS.atol or rtol != PARAMS.rtol
                or maxstep != PARAMS.maxstep or celsius != eng.state.celsius):
            return False
        lay = self.system.lay
        now = [NODES.v[: lay.nnode], NODES.cm[: lay.nnode]] + [ms.data for _, ms, _ in lay.mechs]
        if len(now) != len(parts):
            return False
        return all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(now, parts))


def _session(eng):
    eng._ensure()
    s = PARAMS.session
    if s is not None and s.system.sig == System.signature(eng):
        return s
    s = PARAMS.session = Session(System(eng))
    return s


# --------------------------------------------------------------------- recording
class _Recorder:
    """Per-step and interval recordings through the stepper's record kernel."""

    CAP = 4096

    def __init__(self, eng, exclude=()):
        self.eng = eng
        st = eng.state
        if st.rec_arrays is None or not st.records:
            self.every = self.interval = None
            return
        tg = st.rec_arrays
        src, idx, rdt, nxt = tg.rsrc, tg.ridx, tg.rdt, tg.rnext
        self.rnext_all = nxt
        every = rdt <= 0.0
        every[list(exclude)] = False        # records at a time Vector's times (_TimeRecords)
        ev = np.nonzero(every)[0]
        iv = np.nonzero(rdt > 0.0)[0]
        self.every = self._group(src, idx, rdt, nxt, ev)
        self.interval = self._group(src, idx, rdt, nxt, iv)

    def _group(self, src, idx, rdt, nxt, sel):
        if sel.size == 0:
            return None
        return {"sel": sel, "src": src[sel].copy(), "idx": idx[sel].copy(),
                "rdt": np.maximum(rdt[sel], 0.0), "next": nxt[sel].copy(),
                "buf": np.zeros((sel.size, self.CAP)), "cnt": np.zeros(sel.size, dtype=np.int64)}

    def _call(self, g, t, st, mflat):
        args = g.get("args")
        if args is None or args[-1] is not mflat:
            n = g["src"].size           # time-Vector records are _TimeRecords' (rtn = 0)
            recs = RecArrays(rsrc=g["src"], ridx=g["idx"], rdt=g["rdt"], rnext=g["next"],
                             rtime=np.zeros((n, 1)), rtn=np.zeros(n, np.int64),
                             rtk=np.zeros(n, np.int64),
                             rbuf=g["buf"], rcnt=g["cnt"])
            args = list(RECORD.args(0.0, 0.0, True, 0.0, recs, NODES.v, NODES.ions.reshape(-1),
                                    float(self.eng.state.celsius), mflat))
            g["args"] = args + [mflat]
        else:
            args = args[:-1]
        t = float(t)
        args[0] = args[1] = t
        st.record(*args)
        # a call adds about one sample per record: look at the counts now and then
        g["calls"] = c = g.get("calls", 0) + 1
        if c >= 64:
            g["calls"] = 0
            if g["cnt"].max() >= self.CAP // 2:
                self._flush(g)

    def needs_full(self):
        """True if a per-step record reads more than t and the capacitive nodes' v."""
        g = self.every
        if g is None:
            return False
        return _reads_more(g["src"], g["idx"])

    def interval_needs_full(self):
        g = self.interval
        return g is not None and _reads_more(g["src"], g["idx"], True)

    def step(self, t, st, mflat):
        if self.every is not None:
            self._call(self.every, t, st, mflat)

    def after_run(self):
        """After a compiled run (which wrote into the groups' buffers): the buffers go to
        the Vectors, the next interval sample time is looked up again."""
        for g in (self.every, self.interval):
            if g is not None:
                self._flush(g)
        if self.interval is not None:
            self.interval["due"] = None

    def pending_interval(self, t):
        """The earliest interval-record sample time <= t, or None."""
        g = self.interval
        if g is None:
            return None
        e = g.get("due")
        if e is None:
            e = g["due"] = float(g["next"].min())
        return e if e <= t else None

    def sample(self, e, st, mflat):
        g = self.interval
        self._call(g, e, st, mflat)
        g["due"] = None

    def _flush(self, g):
        recs = self.eng.state.records
        for j, r in enumerate(g["sel"]):
            c = int(g["cnt"][j])
            if c:
                vec = recs[r][0]()
                if vec is not None:
                    vec._extend(g["buf"][j, :c])
        g["cnt"][:] = 0

    def finish(self):
        for g in (self.every, self.interval):
            if g is not None:
                self._flush(g)
        if self.interval is not None:
            self.rnext_all[self.interval["sel"]] = self.interval["next"]


def _reads_more(src, idx, any_v=True):
    """True unless every source is t or a node's v (any_v) or a capacitive node's v."""
    cm = NODES.cm
    for s, j in zip(src, idx):
        if s == SRC_T:
            continue
        if s == SRC_V and (any_v or cm[int(j)] > 0.0):
            continue
        return True
    return False


# --------------------------------------------------------------------- plays
class _Plays:
    """Vector.play under the variable step (engine/play.py's table, the stepper's play
    kernel): a continuous play's value is interpolated at every f(t) evaluation, and every
    time point of a play (continuous or discrete) is a stop of the integrator, which
    applies the points due there and restarts (as NEURON, whose steps end on them)."""

    def __init__(self, eng, system):
        from ..data.vector import playing_vectors
        from . import play
        self.on = bool(playing_vectors())
        if not self.on:
            return
        pa = self.pa = play.TABLE.current(eng._source_of)
        if not pa.pon:
            self.on = False
            return
        if np.any(pa.psrc == SRC_CELSIUS):
            raise NotImplementedError("Vector.play into celsius under cvode.active(1) is not "
                                      "implemented in ranvier (fixed step only)")
        self.st = system.st
        self.eng = eng
        self.cont = bool(np.any(pa.pcont[pa.psrc != SRC_NONE] != 0))

    def _call(self, t, mode):
        from .records import PLAY
        self.st.play(*PLAY.args(float(t), mode, float(self.eng.state.celsius), self.pa, NODES.v,
                                NODES.ions.reshape(-1), self.eng._mech_flat()))

    def continuous(self, t):
        self._call(t, 1)

    def points(self, t):
        """Apply the points due by t (the value of the last one)."""
        self._call(t, 0)

    def times(self, t0):
        """The play time points after t0 (the integrator stops on each)."""
        pa = self.pa
        out = []
        for p in range(pa.psrc.shape[0]):
            if pa.psrc[p] == SRC_NONE:
                continue
            tt = pa.ptime[p, : pa.pn[p]]
            out.extend(float(x) for x in tt[tt > t0])
        return out


# --------------------------------------------------------------------- records at given times
class _TimeRecords:
    """Vector.record(ref, tvec) under the variable step: the value at each time of tvec,
    taken from the step's interpolating polynomial (the step that reaches it), as NEURON
    records them (one sample per time point, none at the integrator's own steps)."""

    def __init__(self, eng, t):
        from ..data.vector import Vector
        st = eng.state
        self.rows = []              # [vec, times, src, idx, samples]
        self.sel = []
        if st.rec_arrays is None or not st.records:
            return
        tg = st.rec_arrays
        for r, (vref, _, _) in enumerate(st.records):
            vec = vref()
            if vec is None or vec._record is None or not isinstance(vec._record[1], Vector):
                continue
            tv = vec._record[1]
            times = np.array(tv._buf[: tv._n], dtype=float)
            k = vec._n
            if t == 0.0 and k == 1 and (times.size == 0 or times[0] > 0.0):
                vec._clear()        # finitialize's t = 0 sample: not one of the times
                k = 0
            self.sel.append(r)
            self.rows.append([vec, times, int(tg.rsrc[r]), int(tg.ridx[r]), k, []])

    def pending(self, t):
        """The earliest time not yet sampled that is <= t, or None."""
        best = None
        for row in self.rows:
            times, k = row[1], row[4]
            if k < times.size and times[k] <= t and (best is None or times[k] < best):
                best = float(times[k])
        return best

    def sample(self, e, mflat):
        """Sample every row due at e (the stores hold the state at e)."""
        for row in self.rows:
            times, k = row[1], row[4]
            while k < times.size and times[k] <= e:
                row[5].append(_source_value(row[2], row[3], float(times[k]), mflat))
                k += 1
            row[4] = k

    def finish(self):
        for row in self.rows:
            if row[5]:
                row[0]._extend(np.array(row[5]))
                row[5] = []


def _source_value(s, j, t, mflat):
    if s == SRC_T:
        return t
    if s == SRC_V:
        return float(NODES.v[j])
    if s == SRC_IONS:
        return float(NODES.ions.reshape(-1)[j])
    if s == SRC_NONE:
        return math.nan
    return float(mflat[s - SRC_MECH][j])


# --------------------------------------------------------------------- thresholds
class _Detectors:
    """NetCon threshold detection on the continuous trajectory."""

    def __init__(self, eng, system, ev):
        self.ev = ev
        self.on = bool(ev.active)
        if not self.on:
            self.ps = np.zeros(0, dtype=np.int64)
            return
        from .events import EV_PS_FLAG, EV_PS_IDX, EV_PS_SRC, EV_PS_THR
        tup = ev.ev()
        self.src, self.idx = tup[EV_PS_SRC], tup[EV_PS_IDX]
        self.thr, self.flag = tup[EV_PS_THR], tup[EV_PS_FLAG]
        self.ps = np.nonzero(self.src >= 0)[0]

    def needs_full(self, system):
        """True if a threshold watches more than t and the capacitive nodes' v."""
        if not self.on or not self.ps.size:
            return False
        return _reads_more(self.src[self.ps], self.idx[self.ps], True)

    def value(self, p, t, mflat):
        s = self.src[p]
        j = self.idx[p]
        if s == SRC_T:
            return t
        if s == SRC_V:
            return NODES.v[j]
        if s == SRC_IONS:
            return NODES.ions.reshape(-1)[j]
        return mflat[s - SRC_MECH][j]

    def values(self, t, mflat):
        if self.ps.size == 1:
            return (self.value(self.ps[0], t, mflat),)
        return np.array([self.value(p, t, mflat) for p in self.ps])


# --------------------------------------------------------------------- compiled BDF


class _Fast:
    """f(t, y) for the compiled BDF: y scattered into the stores, setup at t (the nodes
    without capacitance solved), dv/dt and the states' derivatives into ydot."""

    def __init__(self, system):
        from . import bdf
        self.bdf = bdf
        sy = self.system = system
        eng = sy.eng
        lay = sy.lay
        self.nodes = NodeArrays(ncell=np.int64(lay.ncell), nnode=np.int64(lay.nnode), v=NODES.v,
                                rhs=eng.state.rhs, d=eng.state.d, a=lay.a, b=lay.b,
                                parent=lay.parent, cm=NODES.cm, area=lay.area, ions=NODES.ions,
                                estyle=eng._estyle(lay))
        args = list(SETUP.args(self.nodes, Clock(t=0.0, dt=sy.dt, cj=0.0, celsius=sy.celsius),
                               sy.margs))
        self.it = len(NodeArrays._fields)
        self.args = args
        self.setup = sy.st.setup
        self.cap = sy.cap.astype(np.int64)
        self.blocks = [(b, sy.margs[b.k]) for b in sy.blocks]
        self.writes = any(b.writes for b in sy.blocks)
        self.nfev = 0
        self.play = None            # _Plays.continuous when a continuous play is on
        self.gen = None             # the compiled step's module (use_compiled)
        # without currents at the nodes without capacitance, their v is the conductance-
        # weighted mean of their neighbours' (no setup needed to know it)
        self.v_only = sy.alg.size == 0 or (not sy.alg_mech and sy.alg_isolated)
        self.ab = lay.a * lay.b
        if sy.alg_edges is None:
            sy.alg_edges = bdf.algebraic_edges(lay.ncell, lay.nnode, sy.capmask, lay.a, lay.b,
                                               lay.parent)

    def use_compiled(self):
        """Let the Integrator take its steps in compiled code (cvode_gen.py); not with a
        continuous play (f interpolates it in Python) or RANVIER_CVODE_PYSTEP=1."""
        import os
        if self.play is not None or os.environ.get("RANVIER_CVODE_PYSTEP", "0") not in ("", "0"):
            self.gen = None
            return
        from . import cvode_gen
        sy = self.system
        self.gen = cvode_gen.module(sy)
        self.fa = cvode_gen.fa_tuple(sy, self)
        lay = sy.lay
        nd = self.nodes
        self.na = (nd.ncell, nd.nnode, lay.parent, lay.a, lay.b, self.ab, nd.d, NODES.cm, self.cap)

    def scatter_voltages(self, y):
        """NODES.v from y (the nodes without capacitance too); requires self.v_only."""
        self.bdf.scatter_voltages(NODES.v, self.cap, y, *self.system.alg_edges)

    def scatter(self, y):
        bdf = self.bdf
        bdf.scatter_v(NODES.v, self.cap, y)
        for b, _ in self.blocks:
            bdf.scatter_rows(b.ms.data, b.rows, b.nloc, y, b.off)
        if self.writes:
            for b, _ in self.blocks:
                for r, ion, fld in b.writes:
                    NODES.ions[ion, fld, b.ms.nodeidx[:b.nloc]] = b.ms.data[r, :b.nloc]

    def currents(self, t):
        sy = self.system
        args = self.args
        args[self.it] = t
        self.setup(*args)
        if sy.alg.size:
            nd = self.nodes
            for _ in range(20):
                if sy.alg_isolated:
                    change = self.bdf.algebraic_local(nd.ncell, nd.nnode, sy.capmask, nd.rhs, nd.d,
                                                      nd.a, nd.b, nd.parent, nd.v, sy.r2)
                else:
                    change = _algebraic(nd.ncell, nd.nnode, sy.capmask, nd.rhs, nd.d, sy.a_alg,
                                        sy.b_alg, nd.a, nd.b, nd.parent, nd.v, sy.r2, sy.d2)
                if not sy.alg_mech or change <= 1e-12:
                    break
                self.setup(*args)

    def __call__(self, t, y, ydot):
        self.nfev += 1
        t = float(t)
        self.scatter(y)
        if self.play is not None:
            self.play(t)                    # the continuous plays' values at t
        self.currents(t)
        bdf = self.bdf
        bdf.vdot(self.nodes.rhs, NODES.cm, self.cap, ydot)
        if self.blocks:
            sy = self.system
            v, area, ions = NODES.v, sy.lay.area, NODES.ions
            for b, ma in self.blocks:
                b.mod.nrn_deriv(b.nloc, b.ms.data, b.ms.nodeidx, v, area, ions, b.ii, ma.gv,
                                ma.tbl, t, sy.dt, sy.celsius, b.out)
                bdf.put_rows(b.out, b.nloc, ydot, b.off)

    def jdiag(self, t, y, atol, jd):
        """The diagonal of the states' Jacobian by forward differences (every instance of a
        state perturbed at once: an instance's derivative depends on its own states only);
        call right after self(t, y, ...), which left the derivatives in each block's out."""
        bdf = self.bdf
        sy = self.system
        v, area, ions = NODES.v, sy.lay.area, NODES.ions
        for b, ma in self.blocks:
            out0 = b.out[:, :b.nloc].copy()
            work = np.empty_like(b.out)
            for s in range(b.ns):
                r = b.rows[s]
                o = b.off + s * b.nloc
                x0 = b.ms.data[r, :b.nloc].copy()
                eps = 1.5e-8 * np.maximum(np.abs(x0), atol[o:o + b.nloc])
                b.ms.data[r, :b.nloc] = x0 + eps
                eps = b.ms.data[r, :b.nloc] - x0
                b.mod.nrn_deriv(b.nloc, b.ms.data, b.ms.nodeidx, v, area, ions, b.ii, ma.gv,
                                ma.tbl, float(t), sy.dt, sy.celsius, work)
                b.ms.data[r, :b.nloc] = x0
                bdf.diag_fd(out0, work, b.nloc, s, eps, jd, b.off)
            b.out[:, :b.nloc] = out0


def _slot(arr, i, kind):
    """A property stored in self.<arr>[i] (the compiled step's state arrays S and I)."""
    def get(self):
        return kind(getattr(self, arr)[i])

    def put(self, x):
        getattr(self, arr)[i] = x
    return property(get, put)


class Integrator:
    """Variable-order variable-step BDF (engine/bdf.py) with NEURON's Newton matrix.

    Its scalars live in the arrays S and I that the compiled step (cvode_gen.py) updates
    in place; ``step`` runs the compiled step, or the Python one below (``compiled``
    False: a continuous Vector.play, whose values f must interpolate, or
    RANVIER_CVODE_PYSTEP=1), which takes the same steps."""

    t = _slot("S", 0, float)
    h_abs = _slot("S", 1, float)
    crate = _slot("S", 2, float)
    t_old = _slot("S", 3, float)
    dense_h = _slot("S", 4, float)
    acc_norm = _slot("S", 5, float)
    order = _slot("I", 0, int)
    n_equal = _slot("I", 1, int)
    since_jac = _slot("I", 2, int)
    nsteps = _slot("I", 3, int)
    nni = _slot("I", 4, int)
    ncfn = _slot("I", 5, int)
    netf = _slot("I", 6, int)
    _jac_pending = _slot("I", 7, bool)
    dense_order = _slot("I", 8, int)

    def __init__(self, system, fast, t0, y0, t_bound):
        from . import bdf
        self.bdf = bdf
        self.S = np.zeros(6)
        self.I = np.zeros(10, dtype=np.int64)
        self.system = system
        self.fast = fast
        n = self.n = system.size
        self.rtol = float(PARAMS.rtol)
        self.atol = system.tolerances_bdf(y0)
        self.maxstep = float(PARAMS.maxstep)
        self.D = np.zeros((bdf.MAX_ORDER + 3, n))
        self.ypred = np.empty(n)
        self.psi = np.empty(n)
        self.scale = np.empty(n)
        self.y = np.array(y0, dtype=float)
        self.ynew = np.empty(n)
        self.ydot = np.empty(n)
        self.dacc = np.empty(n)
        self.dy = np.empty(n)
        self.jd = np.zeros(n)
        nn = system.nnode
        self.rr = np.empty(nn)
        self.dd = np.empty(nn)
        self.t = float(t0)
        self.t_old = float(t0)
        self.crate = 1.0
        self.nsteps = 0
        self.since_jac = 0
        self.nni = 0
        self.ncfn = 0
        self.netf = 0
        f0 = np.empty(n)
        fast(self.t, self.y, f0)
        if not bdf.all_finite(f0):
            raise ModelError("cvode: the derivatives are not finite at t = %g" % self.t)
        fast.jdiag(self.t, self.y, self.atol, self.jd)
        h = self._initial_step(f0, t_bound)
        self.h_abs = h
        self.D[0] = self.y
        self.D[1] = f0 * h
        self.order = 1
        self.n_equal = 0

    def _initial_step(self, f0, t_bound):
        scale = self.atol + self.rtol * np.abs(self.y)
        n = max(self.n, 1)
        d0 = math.sqrt(float(np.sum((self.y / scale) ** 2)) / n)
        d1 = math.sqrt(float(np.sum((f0 / scale) ** 2)) / n)
        h0 = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
        span = t_bound - self.t
        if math.isfinite(span) and span > 0:
            h0 = min(h0, span)
        h0 = min(h0, self.maxstep)
        y1 = self.y + h0 * f0
        f1 = np.empty(self.n)
        self.fast(self.t + h0, y1, f1)
        d2 = math.sqrt(float(np.sum(((f1 - f0) / scale) ** 2)) / n) / h0
        if d1 <= 1e-15 and d2 <= 1e-15:
            h1 = max(1e-6, h0 * 1e-3)
        else:
            h1 = (0.01 / max(d1, d2)) ** 0.5
        h = min(100 * h0, h1, self.maxstep)
        if math.isfinite(span) and span > 0:
            h = min(h, span)
        return h

    def _newton(self, t_new, c, tol):
        """Newton iterations from y_pred; True when converged (self.ynew, self.dacc)."""
        bdf = self.bdf
        sy = self.system
        lay = sy.lay
        fast = self.fast
        y, dacc, ydot, dy = self.ynew, self.dacc, self.ydot, self.dy
        nodes = fast.nodes
        head = (nodes.ncell, nodes.nnode, lay.parent, lay.a, lay.b, fast.ab, nodes.d, NODES.cm,
                fast.cap, c, ydot)
        tail = (self.psi, dacc, self.jd, self.scale, dy, self.rr, self.dd, y)
        delp = 0.0
        for m in range(NEWTON_MAXCOR):
            fast(t_new, y, ydot)
            dl, self.acc_norm = bdf.newton_delta(*head, *tail)
            if not dl - dl == 0.0:          # a derivative or the solve was not finite
                return False, m + 1
            self.nni += 1
            if m:
                self.crate = max(0.3 * self.crate, dl / delp)
            if dl * min(1.0, self.crate) <= tol:
                return True, m + 1
            if m and dl > 2.0 * delp:
                return False, m + 1
            delp = dl
        return False, NEWTON_MAXCOR

    def step(self, t_bound):
        """One accepted step towards t_bound (never past it)."""
        fast = self.fast
        gen = fast.gen
        if gen is None:
            return self.step_py(t_bound)
        r = gen.step(float(t_bound), float(PARAMS.minstep), self.maxstep, self.rtol, self.D,
                     self.ypred, self.psi, self.scale, self.y, self.ynew, self.ydot, self.dacc,
                     self.dy, self.jd, self.rr, self.dd, self.atol, self.S, self.I, fast.na,
                     fast.fa)
        nf = self.I[9]
        if nf:
            fast.nfev += int(nf)
            self.I[9] = 0
        if r != 0:
            self._fail(r)
        return self.t

    def run(self, t_bound, fp, nmax=1 << 30):
        """Quiet steps in compiled code (cvode_gen's run; fp: _fast_path's arrays); returns
        (code, k): k quiet steps taken, then RUN_PENDING (one more step taken, for advance
        to finish) or RUN_FULL."""
        fast = self.fast
        code, k = fast.gen.run(
            float(t_bound), nmax, float(PARAMS.minstep), self.maxstep, self.rtol, self.D,
            self.ypred, self.psi, self.scale, self.y, self.ynew, self.ydot, self.dacc, self.dy,
            self.jd, self.rr, self.dd, self.atol, self.S, self.I, fast.na, fast.fa, NODES.v,
            *fp)
        nf = self.I[9]
        if nf:
            fast.nfev += int(nf)
            self.I[9] = 0
        if code in (1, 2):
            self._fail(code)
        return int(code), int(k)

    def _fail(self, r):
        t = self.t
        if r == 2:                          # cvode_gen.STEP_MINSTEP_FAILED
            raise ModelError("cvode: a step of the minimum size %g (cvode.minstep) "
                             "failed at t = %.17g; the integration cannot continue "
                             "(lower minstep or loosen atol)" % (PARAMS.minstep, t))
        raise ModelError("cvode: the step size %g fell below the minimum %g at "
                         "t = %.17g (the integration cannot continue)"
                         % (self.h_abs, 10 * (math.nextafter(t, math.inf) - t), t))

    def step_py(self, t_bound):
        """Integrator.step in Python (the compiled step's model)."""
        bdf = self.bdf
        D = self.D
        t = self.t
        order = self.order
        min_step = 10 * (math.nextafter(t, math.inf) - t)
        hmin = PARAMS.minstep
        h_abs = self.h_abs
        if h_abs > self.maxstep:
            bdf.change_d(D, order, self.maxstep / h_abs)
            h_abs = self.maxstep
            self.n_equal = 0
        fresh_jac = False
        tried_min = False
        while True:
            if hmin > 0.0 and h_abs < hmin and t_bound - t > hmin:
                # cvode.minstep: steps are not shorter; a failure there ends the run
                if tried_min:
                    raise ModelError("cvode: a step of the minimum size %g (cvode.minstep) "
                                     "failed at t = %.17g; the integration cannot continue "
                                     "(lower minstep or loosen atol)" % (hmin, t))
                bdf.change_d(D, order, hmin / h_abs)
                h_abs = hmin
                self.n_equal = 0
            if h_abs < min_step:
                raise ModelError("cvode: the step size %g fell below the minimum %g at "
                                 "t = %.17g (the integration cannot continue)"
                                 % (h_abs, min_step, t))
            tried_min = hmin > 0.0 and h_abs <= hmin
            t_new = t + h_abs
            if t_new >= t_bound:
                t_new = t_bound
                bdf.change_d(D, order, (t_new - t) / h_abs)
                self.n_equal = 0
            h = t_new - t
            h_abs = h
            alpha = bdf.ALPHA[order]
            bdf.predict(D, order, bdf.GAMMA, alpha, self.atol, self.rtol, self.ypred, self.psi,
                        self.scale, self.ynew, self.dacc)
            c = h / alpha
            tol = NEWTON_COEF / bdf.ERROR_CONST[order]
            ok, niter = self._newton(t_new, c, tol)
            if not ok:
                self.ncfn += 1
                if not fresh_jac:
                    # refresh the states' diagonal at the prediction and retry
                    self.fast(t_new, self.ypred, self.ydot)
                    self.fast.jdiag(t_new, self.ypred, self.atol, self.jd)
                    self.crate = 1.0
                    self.since_jac = 0
                    fresh_jac = True
                    continue
                factor = 0.25
                h_abs *= factor
                bdf.change_d(D, order, factor)
                self.n_equal = 0
                continue
            safety = 0.9 * (2 * 4 + 1) / (2 * 4 + niter)
            if self.rtol > 0.0:
                bdf.rescale(self.atol, self.rtol, self.ynew, self.scale)
                err = bdf.wrms(self.dacc, bdf.ERROR_CONST[order], self.scale)
            else:
                err = bdf.ERROR_CONST[order] * self.acc_norm
            if err > 1.0:
                self.netf += 1
                factor = max(MIN_FACTOR, safety * err ** (-1.0 / (order + 1)))
                h_abs *= factor
                bdf.change_d(D, order, factor)
                self.n_equal = 0
                continue
            break
        self.nsteps += 1
        self.n_equal += 1
        self.since_jac += 1
        self.t_old = t
        self.t = t_new
        self.y, self.ynew = self.ynew, self.y
        self.h_abs = h_abs
        bdf.accept(D, order, self.dacc)
        self.dense_order = order
        self.dense_h = h_abs
        if self.n_equal >= order + 1:
            e_m = (bdf.wrms(D[order], bdf.ERROR_CONST[order - 1], self.scale) if order > 1
                   else math.inf)
            e_p = (bdf.wrms(D[order + 2], bdf.ERROR_CONST[order + 1], self.scale)
                   if order < bdf.MAX_ORDER else math.inf)
            best, delta = -1.0, 0
            for dq, e in ((-1, e_m), (0, err), (1, e_p)):
                fac = math.inf if e == 0.0 else e ** (-1.0 / (order + dq + 1))
                if fac > best:
                    best, delta = fac, dq
            order += delta
            self.order = order
            factor = min(MAX_FACTOR, safety * best)
            self.h_abs *= factor
            bdf.change_d(D, order, factor)
            self.n_equal = 0
            self.dense_order = order
            self.dense_h = self.h_abs
        if self.since_jac >= JAC_EVERY and self.fast.blocks:
            self.since_jac = 0
            self._jac_pending = True
        return t_new

    def refresh_jac(self, t):
        """Refresh the states' diagonal at the accepted step (the stores hold y(t))."""
        if self.fast.gen is None and self._jac_pending:
            self._jac_pending = False
            self.fast(t, self.y, self.ydot)
            self.fast.jdiag(t, self.y, self.atol, self.jd)
            self.crate = 1.0

    def dense(self, tq, out=None):
        if out is None:
            out = np.empty(self.n)
        self.bdf.dense(self.D, self.dense_order, self.t, self.dense_h, float(tq), out)
        return out


def advance(tstop=None, one_step=False):
    """Integrate from t to tstop (or one step); returns the number of steps."""
    from .. import engine as eng
    from . import events
    state = eng.state
    t = float(state.t)
    if tstop is not None and not t < tstop:
        return 0
    sess = _session(eng)
    system = sess.system
    system.prepare()
    fast = _Fast(system)
    plays = _Plays(eng, system)
    if plays.on and plays.cont:
        fast.play = plays.continuous
    fast.use_compiled()
    pyev = eng.PY_EVENTS            # CVode.event callbacks: a heap of (te, seq, callback)
    st = system.st
    lay = system.lay
    ev = events.STATE.ensure(lay, eng._source_of)
    evt = ev.ev() if ev.active else None
    det = _Detectors(eng, system, ev)
    trec = _TimeRecords(eng, t)
    rec = _Recorder(eng, trec.sel)
    mflat = system.mflat
    margs = system.margs
    tend = float(tstop) if tstop is not None else math.inf
    if not sess.unchanged():
        sess.solver = None
    elif sess.solver is not None:
        sess.solver.fast = fast
    y = system.gather()
    ydot = np.empty(system.size)
    nsteps = 0
    # after a step only the voltages are scattered unless something reads more
    full_after = (not fast.v_only or rec.needs_full() or det.needs_full(system))
    sample_full = not fast.v_only or rec.interval_needs_full()
    # the steps where nothing happens run in one compiled call (cvode_gen.run)
    fp = None
    if (fast.gen is not None and not one_step and not full_after and not sample_full
            and not trec.rows and not (det.on and np.any(det.src[det.ps] != SRC_V))):
        fp = _fast_path(system, det, rec)

    def at_step_end(tt, yy):
        if full_after:
            fast(tt, yy, ydot)
        else:
            fast.scatter_voltages(yy)

    def deliver_due(tt):
        """Deliver the events due by tt (stores hold the state at tt); True if any."""
        if evt is None or ev.qn[events.QN_COUNT] == 0 or ev.q[0, events.Q_TIME] > tt:
            return False
        q, sb = st.deliver(*DELIVER.args(float(tt), ev.q, ev.sb, evt, NODES.v, lay.area, system.dt,
                                         system.celsius, margs))
        ev.q, ev.sb = q, sb
        ev.check()
        return True

    def next_event():
        if evt is None or ev.qn[events.QN_COUNT] == 0:
            return math.inf
        return float(ev.q[0, events.Q_TIME])

    def run_callbacks(tt, yy):
        """Run the CVode.event callbacks due by tt (the stores hold the state at tt); True
        if they changed the model (the integrator then restarts from the stores)."""
        sess.take_snapshot()
        eng._deliver_py_events(tt)
        if sess.unchanged():
            return False
        sess.solver = None
        return True

    if plays.on:
        plays.points(t)             # the points due by t not yet applied
        y = system.gather()
    fast(t, y, ydot)
    if deliver_due(t):
        y = system.gather()
        sess.solver = None
        fast(t, y, ydot)
    if pyev and pyev[0][0] <= t and run_callbacks(t, y):
        y = system.gather()
        fast(t, y, ydot)
    prev = det.values(t, mflat) if det.on else None
    stores_at_end = True
    # the IClamp onsets and offsets and the play times ahead (nothing changes them during
    # an advance)
    bpts = system.breakpoints(t, math.inf)
    if plays.on:
        bpts.extend(plays.times(t))
    bpts = sorted(set(bpts)) + [math.inf]
    kb = 0
    try:
        while t < tend:
            te = next_event()
            bound = min(tend, te, t + 1e9)
            tpy = pyev[0][0] if pyev else math.inf
            if t < tpy < bound:
                bound = tpy
            while bpts[kb] <= t:
                kb += 1
            bp = bpts[kb]
            if bp < bound:
                bound = bp
            jump = bp <= bound or te <= bound
            integ = sess.solver
            if integ is None:
                integ = sess.solver = Integrator(system, fast, t, y, bound)
            else:
                integ.refresh_jac(t)
            if fp is not None:
                code, k = integ.run(bound, fp)
                rec.after_run()
                if k:
                    nsteps += k
                    t = integ.t_old if code == RUN_PENDING else integ.t
                    state.t = t
                    stores_at_end = False
                if code != RUN_PENDING:
                    if det.on:
                        prev = det.values(t, mflat)
                    continue
                if det.on:
                    prev = fp[_FP_DPREV].copy()
                t_old = integ.t_old
                t_new = integ.t
            else:
                t_old = t
                t_new = integ.step(bound)
            y_new = integ.y
            restart = jump and t_new >= bound
            at_step_end(t_new, y_new)
            stores_at_end = full_after
            if det.on and det.ps.size:
                cur = det.values(t_new, mflat)
                crossings = []
                interp = False
                for jj, p in enumerate(det.ps):
                    thr = det.thr[p]
                    if cur[jj] - thr > 0.0:
                        if det.flag[p] == 0:
                            if prev[jj] - thr > 0.0:
                                tc = t_old
                            else:
                                interp = True
                                tc = _root_bdf(fast, det, p, thr, integ, t_old, t_new, mflat)
                            crossings.append((tc, p))
                    else:
                        det.flag[p] = 0
                crossings.sort()
                cut = None
                for tc, p in crossings:
                    te = next_event()
                    if te < tc:
                        cut = te
                        break
                    det.flag[p] = 1
                    q, sb = events.send(int(p), float(tc), ev.q, ev.sb, evt)
                    ev.q, ev.sb = q, sb
                te = next_event()
                if cut is None and te < t_new:
                    cut = te
                if cut is not None and cut < t_new:
                    t_new = max(cut, t_old)
                    y_new = integ.dense(t_new)
                    restart = True
                    interp = True
                if interp:
                    fast(t_new, y_new, ydot)        # the stores hold the step's end again
                    stores_at_end = True
                cur = det.values(t_new, mflat)
                for jj, p in enumerate(det.ps):
                    if not cur[jj] - det.thr[p] > 0.0:
                        det.flag[p] = 0
                prev = cur
            if rec.interval is not None:
                e = rec.pending_interval(t_new)
                if e is not None:
                    ys = np.empty(system.size)
                    while e is not None:
                        yy = integ.dense(e, ys) if e < t_new else y_new
                        if sample_full:
                            fast(e, yy, ydot)
                        else:
                            fast.scatter_voltages(yy)
                        rec.sample(e, st, mflat)
                        e = rec.pending_interval(t_new)
                    at_step_end(t_new, y_new)
                    stores_at_end = full_after
            if trec.rows:
                e = trec.pending(t_new)
                if e is not None:
                    ys = np.empty(system.size)
                    while e is not None:
                        fast(e, integ.dense(e, ys) if e < t_new else y_new, ydot)
                        trec.sample(e, mflat)
                        e = trec.pending(t_new)
                    at_step_end(t_new, y_new)
                    stores_at_end = full_after
            rec.step(t_new, st, mflat)
            nsteps += 1
            t = t_new
            state.t = t
            if restart:
                y = np.array(y_new, dtype=float)
                sess.solver = None
                if not stores_at_end:
                    fast(t, y, ydot)
                    stores_at_end = True
                if plays.on and bp <= t:
                    plays.points(t)
                    y = system.gather()
                    fast(t, y, ydot)
                if deliver_due(t):
                    y = system.gather()
                    fast(t, y, ydot)
                if det.on:
                    prev = det.values(t, mflat)
            if pyev and pyev[0][0] <= t:
                if not stores_at_end:
                    fast(t, y if restart else y_new, ydot)
                    stores_at_end = True
                if run_callbacks(t, y if restart else y_new):
                    y = system.gather()
                    fast(t, y, ydot)
                    if det.on:
                        prev = det.values(t, mflat)
                if eng._stop_requested():
                    break
            if one_step:
                break
        if not stores_at_end:
            integ = sess.solver
            fast(t, integ.y if integ is not None else y, ydot)
    finally:
        rec.finish()
        trec.finish()
        ev.flush()
        state.t = t
    sess.nsteps += nsteps
    sess.nfev += fast.nfev
    sess.take_snapshot()
    return nsteps


_FP_DPREV = 6          # the position of dprev in _fast_path's tuple


def _fast_path(system, det, rec):
    """The arrays of cvode_gen.run after the model's: the voltages' scatter, a scratch y,
    the thresholds (watched nodes, PreSyn slots, thresholds, flags, values at the pending
    step's start) and the every-step and interval records' groups."""
    z_i = np.zeros(0, dtype=np.int64)
    z_f = np.zeros(0)
    if det.on and det.ps.size:
        dps = det.ps.astype(np.int64)
        dnode = det.idx[dps].astype(np.int64)
        thr, flag = det.thr, det.flag
    else:
        dps = dnode = z_i
        thr, flag = z_f, np.zeros(0, dtype=np.int64)
    dprev = np.zeros(dps.size)

    def group(g):
        if g is None:
            return [z_i, z_i, np.zeros((0, 2)), z_i.copy()]
        return [g["src"], g["idx"], g["buf"], g["cnt"]]
    ev = group(rec.every)
    iv = group(rec.interval)
    if rec.interval is None:
        iv = [z_i, z_i, z_f, z_f.copy(), np.zeros((0, 2)), z_i.copy()]
    else:
        g = rec.interval
        iv = [g["src"], g["idx"], g["rdt"], g["next"], g["buf"], g["cnt"]]
    out = (system.alg_edges, np.empty(system.size), dnode, dps, thr, flag, dprev, *ev, *iv)
    assert out[_FP_DPREV] is dprev
    return out


def _root_bdf(fast, det, p, thr, integ, t0, t1, mflat):
    """The time in (t0, t1] where detector p's value crosses thr upward on the step's
    interpolating polynomial (the Illinois variant of regula falsi)."""
    ys = np.empty(integ.n)
    ydot = np.empty(integ.n)

    def g(tt):
        fast(tt, integ.dense(tt, ys), ydot)
        return det.value(p, tt, mflat) - thr
    ga = g(t0)
    if not ga <= 0.0:
        return t0
    gb = g(t1)
    if not gb > 0.0:
        return t1
    if ga == 0.0:
        return t0
    return _illinois(g, t0, t1, ga, gb)


def _illinois(g, a, b, ga, gb, maxiter=200):
    """A root of g in [a, b] (ga <= 0 < gb) to 1e-12 + 4 eps |x| (regula falsi with the
    Illinois halving: superlinear, never leaves the bracket)."""
    side = 0
    c = b
    for _ in range(maxiter):
        if b - a <= 1e-12 + 8.9e-16 * max(abs(a), abs(b)):
            break
        c = (a * gb - b * ga) / (gb - ga)
        if not a < c < b:
            c = 0.5 * (a + b)
        gc = g(c)
        if gc > 0.0:
            b, gb = c, gc
            if side == -1:
                ga *= 0.5
            side = -1
        elif gc < 0.0:
            a, ga = c, gc
            if side == 1:
                gb *= 0.5
            side = 1
        else:
            return float(c)
    return float(c)


# --------------------------------------------------------------------- advance
def cvode_active(*args):
    """h.cvode_active([flag]): set (returns 1.0) or query the variable step flag."""
    if args:
        set_active(bool(args[0]))
    return 1.0 if PARAMS.active else 0.0


def fadvance():
    """h.fadvance() under cvode: one variable step."""
    advance(None, one_step=True)
    return 1.0


def solve(tstop=None):
    """CVode.solve([t]): integrate to t (default: one step)."""
    if tstop is None:
        advance(None, one_step=True)
    else:
        advance(float(tstop))
    return 0.0


from ..core.hocobject import HocObject  # noqa: E402


class CVode(HocObject):
    """NEURON's CVode object; every instance shares one global integrator state."""

    __slots__ = ("_hoc_index", "__weakref__")

    def __init__(self, *args):
        self._hoc_register()

    def active(self, *args):
        """active() -> bool; active(flag) sets the flag and returns it."""
        if args:
            set_active(bool(args[0]))
        return PARAMS.active

    def atol(self, *args):
        """Absolute tolerance (NEURON's default 1e-3); with an argument, sets it."""
        if args:
            x = float(args[0])
            if not x > 0:
                raise ModelError("cvode.atol must be positive")
            PARAMS.atol = x
        return PARAMS.atol

    def rtol(self, *args):
        """Relative tolerance (NEURON's default 0); with an argument, sets it."""
        if args:
            x = float(args[0])
            if x < 0:
                raise ModelError("cvode.rtol must not be negative")
            PARAMS.rtol = x
        return PARAMS.rtol

    def maxstep(self, *args):
        if args:
            x = float(args[0])
            PARAMS.maxstep = x if x > 0 else 1e9
        return PARAMS.maxstep

    def minstep(self, *args):
        """The smallest step the integrator may take (0: no bound); a step that fails there
        stops the simulation with an error."""
        if args:
            x = float(args[0])
            PARAMS.minstep = x if x > 0 else 0.0
        return PARAMS.minstep

    def atolscale(self, name, *args):
        """atolscale("m_hh" or "cai"[, scale]): the factor on atol for that state
        (default 1); with a scale, sets it (and restarts the integrator)."""
        if not isinstance(name, str):
            raise ModelError("CVode.atolscale: give the state's name, e.g. \"m_hh\"; got %r"
                             % (name,))
        if args:
            x = float(args[0])
            if not x > 0:
                raise ModelError("CVode.atolscale(%r, %r): the scale must be positive"
                                 % (name, args[0]))
            PARAMS.atolscale[name] = x
            PARAMS.session = None
        return PARAMS.atolscale.get(name, 1.0)

    def condition_order(self, *args):
        """condition_order([1 or 2]): NEURON's threshold-time choice.  ranvier locates a
        crossing on the step's interpolating polynomial for both (closer to the true
        crossing than NEURON's step end (1) or linear interpolation (2))."""
        if args:
            k = int(args[0])
            if k not in (1, 2):
                raise ModelError("CVode.condition_order(%r): must be 1 or 2" % (args[0],))
            PARAMS.condition_order = k
        return PARAMS.condition_order

    def event(self, *args):
        """event(t[, callback]): run callback (a Python callable or a HOC statement) once the
        simulation reaches t.  On the fixed step a t within 1e-6 of a multiple of dt is moved
        back by dt/4, and the callback runs after the step whose end reaches t (after that
        step's record sample).  finitialize clears the queue."""
        from .. import engine
        if not args or len(args) > 2:
            raise ModelError("CVode.event: takes (t) or (t, callback), got %d arguments"
                             % len(args))
        te = float(args[0])
        if not math.isfinite(te):
            raise ModelError("CVode.event: t must be finite, got %r" % te)
        cb = args[1] if len(args) > 1 else None
        if cb is not None and not (callable(cb) or isinstance(cb, str)):
            raise ModelError("CVode.event: the callback must be callable or a HOC statement, "
                             "got %r" % (cb,))
        if PARAMS.active:
            # the variable step stops exactly at te, runs the callback there and restarts if
            # it changed the model
            engine.add_py_event(te, cb)
            return 0.0
        dt = engine.state.dt
        k = round(te / dt)
        if abs(te - k * dt) < 1e-6:
            te -= dt / 4
        engine.add_py_event(te, cb)
        return 0.0

    def re_init(self):
        """Restart the integrator at the current state."""
        PARAMS.session = None
        return 0.0

    def solve(self, *args):
        return solve(args[0] if args else None)

    def use_daspk(self, *args):
        """use_daspk([on]): asking for it is refused (ranvier has no DASPK); querying is False."""
        if args and args[0]:
            raise NotImplementedError("CVode.use_daspk(1): the DASPK integrator is not implemented "
                                      "in ranvier")
        return False

    def use_local_dt(self, *args):
        """use_local_dt([on]): NEURON's local variable time steps (one integrator per cell).
        ranvier accepts the flag (querying returns it) but integrates every cell with the one
        global variable step, and says so with a RuntimeWarning when it is turned on: each
        cell's error stays within the same atol/rtol, so the results agree with NEURON's
        within the tolerance (with one cell NEURON's local step is its global step), but the
        step times, and so every-step recordings, differ from NEURON's per-cell steps."""
        if args:
            on = bool(args[0])
            if on and not PARAMS.local_dt:
                import warnings
                warnings.warn("CVode.use_local_dt(1): ranvier has no local variable time steps; "
                              "every cell is integrated with the global variable step (same "
                              "tolerances, different step times)", RuntimeWarning, stacklevel=2)
            PARAMS.local_dt = on
        return PARAMS.local_dt

    def statistics(self, *args):
        s = PARAMS.session
        n = s.nsteps if s is not None else 0
        nf = s.nfev if s is not None else 0
        print("ranvier cvode (compiled BDF, Hines Newton): %d steps, %d f evaluations" % (n, nf))
        return 0.0


_SINGLETON = []


def reset():
    """ranvier.reset(): variable step off, NEURON's default tolerances, no integrator
    session, and stdrun's `cvode` object made anew (CVode[0] again) when next asked."""
    PARAMS.__init__()
    _SINGLETON.clear()


def stdrun_cvode():
    """The ``cvode`` object that stdrun.hoc creates (CVode[0] unless one existed first)."""
    if not _SINGLETON:
        _SINGLETON.append(CVode())
    return _SINGLETON[0]
