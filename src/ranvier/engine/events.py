"""The event queue and the NetCon tables for the compiled loop (NMODL.md section 8).

Everything that runs per event or per step is a numba function (this module's
``q_*``, ``send``, ``outbox`` and the stepper's generated ``deliver`` and
``thresholds``, engine/codegen.py), so a whole ``continuerun`` stays one
compiled call. Python only (re)builds the tables below when the network
changes, and appends the recorded spike times to the Vectors after a run.

Queue: a binary min-heap in a float64 array ``q[cap, 7]`` with columns
(time, seq, type, a, b, flag, wrow) ordered by (time, seq); seq is a running
insertion number, so equal times come out first in, first out (NEURON's
splay tree). ``qn = [count, next seq]``. The heap grows (a new array is
returned) when full. Event types:

- 0 NetCon delivery: a = NetCon slot (its target gets flag 0 and the
  NetCon's weights);
- 1 self-event (net_send): a = target eid, flag, wrow = the weight row it carries.

Targets are named by *eid*, a stable id per event-capable point process, so
that queued events survive the re-ordering of instances when the model's
structure changes: ``eid_k[eid]``, ``eid_i[eid]`` give its mechanism (position
in the stepper) and instance column now, ``inst_eid[inst_off[k] + i]`` the
reverse, ``eid_ps[eid]`` the PreSyn it is the source of (-1: none).

PreSyns (per slot of ``netcon.REG``): ``ps_src``/``ps_idx`` name the watched
value like a recording (0 t, 1 v, 2 ions, 3+k mechanism k; -1 a point-process
source or nothing to watch), ``ps_thr``/``ps_flag`` are the threshold and the
crossing flag, ``ps_ncstart``/``ps_ncs`` list the NetCon slots it feeds (CSR),
``ps_rec`` its spike-recording index (-1 none). A spike at tt is appended to
``sb[:, (rec, tt)]`` and queues every active NetCon with a target at
tt + delay.

The tuple ``ev`` that the stepper receives is built by ``EventState.ev``.
"""
import hashlib
import os
import weakref

import numpy as np
from numba import njit

from ..core.errors import ModelError

QT, QSEQ, QTYPE, QA, QB, QFLAG, QW = range(7)
NCOLS = 7


# ------------------------------------------------------------------ heap
@njit(cache=True)
def _before(q, i, j):
    return q[i, 0] < q[j, 0] or (q[i, 0] == q[j, 0] and q[i, 1] < q[j, 1])


@njit(cache=True)
def _swap(q, i, j):
    for c in range(7):
        x = q[i, c]
        q[i, c] = q[j, c]
        q[j, c] = x


@njit(cache=True)
def _sift_up(q, i):
    while i > 0:
        p = (i - 1) // 2
        if _before(q, i, p):
            _swap(q, i, p)
            i = p
        else:
            break


@njit(cache=True)
def _sift_down(q, n, i):
    while True:
        l = 2 * i + 1
        if l >= n:
            break
        m = l
        r = l + 1
        if r < n and _before(q, r, l):
            m = r
        if _before(q, m, i):
            _swap(q, i, m)
            i = m
        else:
            break


@njit(cache=True)
def q_push(q, qn, t, typ, a, b, flag, w):
    """Insert an event; returns the queue array (a larger copy if it was full)."""
    n = qn[0]
    if n >= q.shape[0]:
        nq = np.zeros((2 * q.shape[0] + 64, 7))
        nq[:n] = q[:n]
        q = nq
    q[n, 0] = t
    q[n, 1] = float(qn[1])
    q[n, 2] = float(typ)
    q[n, 3] = float(a)
    q[n, 4] = float(b)
    q[n, 5] = flag
    q[n, 6] = float(w)
    qn[1] += 1
    qn[0] = n + 1
    _sift_up(q, n)
    return q


@njit(cache=True)
def q_pop(q, qn, out):
    """Remove the earliest event into out[0:7]."""
    n = qn[0]
    for c in range(7):
        out[c] = q[0, c]
    n -= 1
    if n > 0:
        for c in range(7):
            q[0, c] = q[n, c]
        _sift_down(q, n, 0)
    qn[0] = n


@njit(cache=True)
def q_move(q, qn, eid, te):
    """net_move: the latest flag-1 self-event of eid moves to te."""
    n = qn[0]
    best = -1
    for j in range(n):
        if q[j, 2] == 1.0 and q[j, 3] == float(eid) and q[j, 5] == 1.0:
            if best < 0 or q[j, 1] > q[best, 1]:
                best = j
    if best < 0:
        return
    q[best, 0] = te
    _sift_up(q, best)
    for j in range(n // 2, -1, -1):
        _sift_down(q, n, j)


@njit(cache=True)
def sb_push(sb, sbn, r, tt):
    n = sbn[0]
    if n >= sb.shape[0]:
        nb = np.zeros((2 * sb.shape[0] + 64, 2))
        nb[:n] = sb[:n]
        sb = nb
    sb[n, 0] = float(r)
    sb[n, 1] = tt
    sbn[0] = n + 1
    return sb


# ------------------------------------------------------------------ network
@njit(cache=True)
def send(p, tt, q, sb, ev):
    """PreSyn p spikes at tt: record it, queue its NetCons at tt + delay."""
    (qn, sbn, evb, evn, ps_src, ps_idx, ps_thr, ps_flag, ps_ncstart, ps_ncs, ps_rec,
     nc_delay, nc_active, nc_eid, ncw, eid_k, eid_i, eid_ps, inst_off, inst_eid) = ev
    r = ps_rec[p]
    if r >= 0:
        sb = sb_push(sb, sbn, r, tt)
    for j in range(ps_ncstart[p], ps_ncstart[p + 1]):
        c = ps_ncs[j]
        if nc_active[c] != 0 and nc_eid[c] >= 0:
            q = q_push(q, qn, tt + nc_delay[c], 0, c, 0, 0.0, c)
    return q, sb


@njit(cache=True)
def outbox(k, wr, q, sb, ev):
    """Move the outbox rows written by mechanism k's kernels into the queue."""
    (qn, sbn, evb, evn, ps_src, ps_idx, ps_thr, ps_flag, ps_ncstart, ps_ncs, ps_rec,
     nc_delay, nc_active, nc_eid, ncw, eid_k, eid_i, eid_ps, inst_off, inst_eid) = ev
    m = evn[0]
    for j in range(m):
        kind = evb[j, 0]
        tt = evb[j, 1]
        inst = int(evb[j, 3])
        eid = inst_eid[inst_off[k] + inst]
        if eid < 0:
            continue
        if kind == 0.0:
            q = q_push(q, qn, tt, 1, eid, 0, evb[j, 2], wr)
        elif kind == 1.0:
            p = eid_ps[eid]
            if p >= 0:
                q, sb = send(p, tt, q, sb, ev)
        else:
            q_move(q, qn, eid, tt)
    evn[0] = 0
    return q, sb


@njit(cache=True)
def rng_seed(x):
    """Reseed numba's generator (shared by all compiled code: NetStim noise, exprand, ...)."""
    np.random.seed(x)
    return 0


# ------------------------------------------------------------------ Python side
def source_hash():
    """Part of the stepper's source, so that a change here recompiles the stepper."""
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()[:12]


class EventState:
    """The queue, the outbox, the spike buffer and the tables (rebuilt when stale)."""

    def __init__(self):
        self.q = np.zeros((256, NCOLS))
        self.qn = np.zeros(2, dtype=np.int64)
        self.sb = np.zeros((64, 2))
        self.sbn = np.zeros(1, dtype=np.int64)
        self.evb = np.zeros((64, 4))
        self.evn = np.zeros(2, dtype=np.int64)
        self.key = None
        self.tables = None
        self.records = []           # rec index -> PreSyn
        self.active = False         # anything event-related in the model
        self.eids = weakref.WeakValueDictionary()   # eid -> point process
        self.next_eid = 0

    # -- tables ------------------------------------------------------------
    def ensure(self, layout, source_of):
        from ..model.netcon import REG
        key = (REG.version, layout.topology_version, id(layout.mechs), len(REG.netcons),
               REG.ncw.shape, REG.ps_thr.shape[0])
        if key != self.key:
            self._build(layout, source_of)
            self.key = key
        return self

    def _eid(self, pp):
        e = getattr(pp, "_eid", None)
        if e is None:
            e = self.next_eid
            self.next_eid += 1
            pp._eid = e
            self.eids[e] = pp
        return e

    def _build(self, layout, source_of):
        from ..model.netcon import REG, live_netcons
        from ..model.pointprocess import PointProcess, live_point_processes
        mechs = layout.mechs
        m = len(mechs)
        evmech = [k for k, (mech, ms, n) in enumerate(mechs)
                  if mech.net_receive is not None or mech.uses_net_event]
        inst_off = np.zeros(m + 1, dtype=np.int64)
        for k, (mech, ms, n) in enumerate(mechs):
            inst_off[k + 1] = inst_off[k] + (ms.n if k in evmech else 0)
        pos = {mechs[k][0].name: k for k in evmech}
        inst_eid = np.full(max(int(inst_off[-1]), 1), -1, dtype=np.int64)
        pps = [pp for pp in live_point_processes() if pp._mech.name in pos]
        for pp in pps:
            self._eid(pp)
        ne = max(self.next_eid, 1)
        eid_k = np.full(ne, -1, dtype=np.int64)
        eid_i = np.full(ne, -1, dtype=np.int64)
        eid_ps = np.full(ne, -1, dtype=np.int64)
        for pp in pps:
            k = pos[pp._mech.name]
            eid_k[pp._eid] = k
            eid_i[pp._eid] = pp._slot
            inst_eid[inst_off[k] + pp._slot] = pp._eid
        nps = max(REG.ps_n, 1)
        ps_src = np.full(nps, -1, dtype=np.int64)
        ps_idx = np.zeros(nps, dtype=np.int64)
        ps_rec = np.full(nps, -1, dtype=np.int64)
        ncs_by_ps = [[] for _ in range(nps)]
        nnc = max(REG.nc_n, 1)
        nc_eid = np.full(nnc, -1, dtype=np.int64)
        ncs = live_netcons()
        for nc in ncs:
            if nc._target is not None and nc._target._mech.name in pos:
                nc_eid[nc._slot] = self._eid(nc._target)
            if nc._ps is not None:
                ncs_by_ps[nc._ps.slot].append(nc._slot)
        self.records = []
        for slot in sorted(REG.presyns.keys()):
            ps = REG.presyns[slot]
            if not ncs_by_ps[slot]:
                continue            # every NetCon of it is gone
            src = ps.src
            if isinstance(src, PointProcess):
                e = getattr(src, "_eid", None)
                if e is not None and src._mech.name in pos:
                    eid_ps[e] = slot
            else:
                try:
                    ps_src[slot], ps_idx[slot] = source_of(src)
                except (ModelError, KeyError, RuntimeError):
                    ps_src[slot] = -1           # its section or mechanism is gone
            if ps.tvec is not None:
                ps_rec[slot] = len(self.records)
                self.records.append(ps)
        ps_ncstart = np.zeros(nps + 1, dtype=np.int64)
        flat = []
        for s in range(nps):
            flat.extend(ncs_by_ps[s])
            ps_ncstart[s + 1] = len(flat)
        ps_ncs = np.array(flat if flat else [0], dtype=np.int64)
        self.tables = (ps_src, ps_idx, ps_ncstart, ps_ncs, ps_rec, nc_eid, eid_k, eid_i, eid_ps,
                       inst_off, inst_eid)
        self.evmech = evmech
        self.active = bool(ncs) or bool(evmech)
        need = 4 * max([mechs[k][1].n for k in evmech] + [0]) + 64
        if self.evb.shape[0] < need:
            self.evb = np.zeros((need, 4))

    def ev(self):
        """The tuple of arrays the compiled code receives (see the module docstring)."""
        from ..model.netcon import REG
        (ps_src, ps_idx, ps_ncstart, ps_ncs, ps_rec, nc_eid, eid_k, eid_i, eid_ps,
         inst_off, inst_eid) = self.tables
        nps = ps_src.shape[0]
        nnc = nc_eid.shape[0]
        return (self.qn, self.sbn, self.evb, self.evn, ps_src, ps_idx,
                _fit(REG.ps_thr, nps), _fit(REG.ps_flag, nps), ps_ncstart, ps_ncs, ps_rec,
                _fit(REG.delay, nnc), _fit(REG.active, nnc), nc_eid, _fit2(REG.ncw, nnc),
                eid_k, eid_i, eid_ps, inst_off, inst_eid)

    # -- queue and records --------------------------------------------------
    def clear(self):
        """finitialize: empty queue, flags down, spike records emptied."""
        from ..model.netcon import REG
        self.qn[:] = 0
        self.sbn[0] = 0
        self.evn[:] = 0
        REG.ps_flag[:] = 0
        for ps in self.records:
            if ps.tvec is not None:
                ps.tvec._clear()
            if ps.idvec is not None:
                ps.idvec._clear()

    def check(self):
        code = int(self.evn[1])
        self.evn[:] = 0
        if code == 1:
            raise ModelError("too many events sent by one NET_RECEIVE or INITIAL call")
        if code == 2:
            raise ModelError("net_send with a negative delay")
        if code == 3:
            raise ModelError("net_event or net_move at a time earlier than t")

    def flush(self):
        """Append the spike times recorded by the last compiled call to the Vectors."""
        n = int(self.sbn[0])
        if not n:
            return
        rows = self.sb[:n]
        self.sbn[0] = 0
        recs = rows[:, 0].astype(np.int64)
        # Recorders that share a Vector (nc.record(tvec, idvec, id) for many NetCons)
        # append to it in spike order, as NEURON does.
        groups = {}
        for r, ps in enumerate(self.records):
            for vec, ids in ((ps.tvec, False), (ps.idvec, True)):
                if vec is not None:
                    groups.setdefault((id(vec), ids), (vec, ids, []))[2].append(r)
        rec_ids = np.array([ps.rec_id if ps.rec_id is not None else 0.0 for ps in self.records],
                           dtype=float) if self.records else np.zeros(0)
        for vec, ids, members in groups.values():
            mask = np.isin(recs, members)
            if not mask.any():
                continue
            vec._extend(rec_ids[recs[mask]] if ids else rows[mask, 1])


def _fit(arr, n):
    """The registry array itself when it has exactly n entries, else a view of n (it never has fewer)."""
    return arr if arr.shape[0] == n else arr[:n]


def _fit2(arr, n):
    return arr if arr.shape[0] == n else arr[:n]


STATE = EventState()


def netcon_event(nc, t, flag=None):
    """NetCon.event(t): queue a delivery through nc at t (Python side, outside a run)."""
    from ..model.netcon import REG
    REG.changed()
    STATE.q = q_push(STATE.q, STATE.qn, float(t), 0, nc._slot, 0, 0.0, nc._slot)
