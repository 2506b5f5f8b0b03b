"""The event queue and the NetCon tables for the compiled loop (NMODL.md section 8).

Everything that runs per event or per step is a numba function (this module's
``q_*`` and ``send``, and the stepper's generated ``outbox``, ``deliver`` and
``thresholds``, engine/codegen.py), so a whole ``continuerun`` stays one
compiled call (or a few: engine/chunks.py). Python only (re)builds the tables below when the network
changes, and appends the recorded spike times to the Vectors after a run.

Queue: a binary min-heap in a float64 array ``q[cap, len(Q_FIELDS)]`` with
columns Q_FIELDS (time, seq, type, a, b, flag, wrow) ordered by (time, seq);
seq is a running insertion number, so equal times come out first in, first
out (NEURON's splay tree). ``qn`` (QN_FIELDS) = [count, next seq]. The heap
grows (a new array is returned) when full. Event types (Q_TYPES):

- QT_NETCON, a NetCon delivery: a = NetCon slot (its target gets flag 0 and
  the NetCon's weights);
- QT_SELF, a self-event (net_send): a = target eid, flag, wrow = the weight
  row it carries; b = 1 marks the event of an NMODL WATCH (net_move leaves it
  alone; q_unwatch drops it when the target re-arms its watches).

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
the spike buffer ``sb`` (columns SB_FIELDS: rec, time; ``sbn[SBN_COUNT]`` rows)
and queues every active NetCon with a target at tt + delay.

The tuple ``ev`` that the stepper receives is built by ``EventState.ev``; its
entries are EV_FIELDS, read as ``ev[EV_PS_THR]`` (the constants below; the
generated stepper defines them too).  The outbox rows that the kernels write
(``evb``/``evn``) have the layout of ranvier.nmodl.records; the stepper's
generated ``outbox`` moves them into the queue.
"""
import hashlib
import os
import weakref
from collections import namedtuple

import numpy as np
from numba import njit

from ..core.errors import ModelError
from ..nmodl.records import EVN_FIELDS, OUTBOX_ERRORS, OUTBOX_FIELDS, constants


def _define(prefix, fields):
    globals().update(constants(prefix, fields))


# the queue's columns, its event types and the slots of qn
Q_FIELDS = ("time", "seq", "type", "a", "b", "flag", "wrow")
_define("Q_", Q_FIELDS)             # Q_TIME, Q_SEQ, Q_TYPE, Q_A, Q_B, Q_FLAG, Q_WROW
NCOLS = len(Q_FIELDS)
Q_TYPES = ("netcon", "self")
_define("QT_", Q_TYPES)             # QT_NETCON, QT_SELF
QN_FIELDS = ("count", "seq")
_define("QN_", QN_FIELDS)           # QN_COUNT, QN_SEQ
# the spike buffer's columns and the slot of sbn
SB_FIELDS = ("rec", "time")
_define("SB_", SB_FIELDS)           # SB_REC, SB_TIME
SB_NCOLS = len(SB_FIELDS)
SBN_FIELDS = ("count",)
_define("SBN_", SBN_FIELDS)         # SBN_COUNT

# the event tuple ev (EventState.ev): the queue and outbox counters, the outbox, the
# PreSyn tables, the NetCon tables and the eid tables (see the module docstring)
EV_FIELDS = ("qn", "sbn", "evb", "evn",
             "ps_src", "ps_idx", "ps_thr", "ps_flag", "ps_ncstart", "ps_ncs", "ps_rec",
             "nc_delay", "nc_active", "nc_eid", "ncw",
             "eid_k", "eid_i", "eid_ps", "inst_off", "inst_eid")
_define("EV_", EV_FIELDS)           # EV_QN, EV_SBN, EV_EVB, ..., EV_INST_EID
EvTables = namedtuple("EvTables", EV_FIELDS)
# the part of ev that EventState._build makes (the rest is the counters and the registry's arrays)
_Tables = namedtuple("_Tables", "ps_src ps_idx ps_ncstart ps_ncs ps_rec nc_eid eid_k eid_i eid_ps "
                                "inst_off inst_eid")
# the outbox's layout (nmodl/records.py), for the Python side only (EventState.check): numba
# caches the compiled functions of this file by this file alone, so they use none of it (the
# stepper's generated outbox() moves the kernels' outbox rows into the queue)
_define("OBERR_", OUTBOX_ERRORS)    # OBERR_FULL, ...
_define("EVN_", EVN_FIELDS)         # EVN_COUNT, EVN_ERROR


# ------------------------------------------------------------------ heap
@njit(cache=True)
def _before(q, i, j):
    return q[i, Q_TIME] < q[j, Q_TIME] or (q[i, Q_TIME] == q[j, Q_TIME] and q[i, Q_SEQ] < q[j, Q_SEQ])


@njit(cache=True)
def _swap(q, i, j):
    for c in range(NCOLS):
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
    n = qn[QN_COUNT]
    if n >= q.shape[0]:
        nq = np.zeros((2 * q.shape[0] + 64, NCOLS))
        nq[:n] = q[:n]
        q = nq
    q[n, Q_TIME] = t
    q[n, Q_SEQ] = float(qn[QN_SEQ])
    q[n, Q_TYPE] = float(typ)
    q[n, Q_A] = float(a)
    q[n, Q_B] = float(b)
    q[n, Q_FLAG] = flag
    q[n, Q_WROW] = float(w)
    qn[QN_SEQ] += 1
    qn[QN_COUNT] = n + 1
    _sift_up(q, n)
    return q


@njit(cache=True)
def q_pop(q, qn, out):
    """Remove the earliest event into out[0:NCOLS] (columns Q_FIELDS)."""
    n = qn[QN_COUNT]
    for c in range(NCOLS):
        out[c] = q[0, c]
    n -= 1
    if n > 0:
        for c in range(NCOLS):
            q[0, c] = q[n, c]
        _sift_down(q, n, 0)
    qn[QN_COUNT] = n


@njit(cache=True)
def q_move(q, qn, eid, te):
    """net_move: the latest flag-1 self-event of eid moves to te."""
    n = qn[QN_COUNT]
    best = -1
    for j in range(n):
        if (q[j, Q_TYPE] == float(QT_SELF) and q[j, Q_A] == float(eid) and q[j, Q_FLAG] == 1.0
                and q[j, Q_B] == 0.0):
            if best < 0 or q[j, Q_SEQ] > q[best, Q_SEQ]:
                best = j
    if best < 0:
        return
    q[best, Q_TIME] = te
    _sift_up(q, best)
    for j in range(n // 2, -1, -1):
        _sift_down(q, n, j)


@njit(cache=True)
def q_unwatch(q, qn, eid):
    """Drop the pending WATCH events (self-events with b = 1) of target eid."""
    n = qn[QN_COUNT]
    j = 0
    dropped = False
    while j < n:
        if q[j, Q_TYPE] == float(QT_SELF) and q[j, Q_A] == float(eid) and q[j, Q_B] == 1.0:
            n -= 1
            for c in range(NCOLS):
                q[j, c] = q[n, c]
            dropped = True
        else:
            j += 1
    if dropped:
        qn[QN_COUNT] = n
        for j in range(n // 2, -1, -1):
            _sift_down(q, n, j)


@njit(cache=True)
def sb_push(sb, sbn, r, tt):
    n = sbn[SBN_COUNT]
    if n >= sb.shape[0]:
        nb = np.zeros((2 * sb.shape[0] + 64, SB_NCOLS))
        nb[:n] = sb[:n]
        sb = nb
    sb[n, SB_REC] = float(r)
    sb[n, SB_TIME] = tt
    sbn[SBN_COUNT] = n + 1
    return sb


# ------------------------------------------------------------------ network
@njit(cache=True)
def send(p, tt, q, sb, ev):
    """PreSyn p spikes at tt: record it, queue its NetCons at tt + delay."""
    r = ev[EV_PS_REC][p]
    if r >= 0:
        sb = sb_push(sb, ev[EV_SBN], r, tt)
    ps_ncstart = ev[EV_PS_NCSTART]
    ps_ncs = ev[EV_PS_NCS]
    nc_active = ev[EV_NC_ACTIVE]
    nc_eid = ev[EV_NC_EID]
    nc_delay = ev[EV_NC_DELAY]
    for j in range(ps_ncstart[p], ps_ncstart[p + 1]):
        c = ps_ncs[j]
        if nc_active[c] != 0 and nc_eid[c] >= 0:
            q = q_push(q, ev[EV_QN], tt + nc_delay[c], QT_NETCON, c, 0, 0.0, c)
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
        self.qn = np.zeros(len(QN_FIELDS), dtype=np.int64)
        self.sb = np.zeros((64, SB_NCOLS))
        self.sbn = np.zeros(len(SBN_FIELDS), dtype=np.int64)
        self.evb = np.zeros((64, len(OUTBOX_FIELDS)))
        self.evn = np.zeros(len(EVN_FIELDS), dtype=np.int64)
        self.key = None
        self.tables = None
        self._ev_src = None         # the arrays the cached ev tuple was made of
        self._ev = None
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
        self.tables = _Tables(ps_src=ps_src, ps_idx=ps_idx, ps_ncstart=ps_ncstart, ps_ncs=ps_ncs,
                              ps_rec=ps_rec, nc_eid=nc_eid, eid_k=eid_k, eid_i=eid_i,
                              eid_ps=eid_ps, inst_off=inst_off, inst_eid=inst_eid)
        self.evmech = evmech
        self.active = bool(ncs) or bool(evmech)
        # a call's rows: a few net_sends per instance, plus one per WATCH item (watch_check)
        need = max([(4 + int(getattr(mechs[k][0].module(), "WATCH_ITEMS", 0))) * mechs[k][1].n
                    for k in evmech] + [0]) + 64
        if self.evb.shape[0] < need:
            self.evb = np.zeros((need, len(OUTBOX_FIELDS)))

    def ev(self):
        """The tuple of arrays the compiled code receives (see the module docstring)."""
        from ..model.netcon import REG
        tb = self.tables
        old = self._ev_src
        if (old is not None and old[0] is tb and old[1] is self.evb and old[2] is REG.ps_thr
                and old[3] is REG.ps_flag and old[4] is REG.delay and old[5] is REG.active
                and old[6] is REG.ncw):
            return self._ev          # made of the same arrays as last time (old holds them)
        src = (tb, self.evb, REG.ps_thr, REG.ps_flag, REG.delay, REG.active, REG.ncw)
        nps = tb.ps_src.shape[0]
        nnc = tb.nc_eid.shape[0]
        self._ev_src = src
        self._ev = tuple(EvTables(
            qn=self.qn, sbn=self.sbn, evb=self.evb, evn=self.evn,
            ps_thr=_fit(REG.ps_thr, nps), ps_flag=_fit(REG.ps_flag, nps),
            nc_delay=_fit(REG.delay, nnc), nc_active=_fit(REG.active, nnc),
            ncw=_fit2(REG.ncw, nnc), ps_src=tb.ps_src, ps_idx=tb.ps_idx,
            ps_ncstart=tb.ps_ncstart, ps_ncs=tb.ps_ncs, ps_rec=tb.ps_rec, nc_eid=tb.nc_eid,
            eid_k=tb.eid_k, eid_i=tb.eid_i, eid_ps=tb.eid_ps, inst_off=tb.inst_off,
            inst_eid=tb.inst_eid))
        return self._ev

    # -- queue and records --------------------------------------------------
    def clear(self):
        """finitialize: empty queue, flags down, spike records emptied."""
        from ..model.netcon import REG
        self.qn[:] = 0
        self.sbn[:] = 0
        self.evn[:] = 0
        REG.ps_flag[:] = 0
        for ps in self.records:
            if ps.tvec is not None:
                ps.tvec._clear()
            if ps.idvec is not None:
                ps.idvec._clear()

    def check(self):
        code = int(self.evn[EVN_ERROR])
        self.evn[:] = 0
        if code == OBERR_FULL:
            raise ModelError("too many events sent by one NET_RECEIVE or INITIAL call")
        if code == OBERR_NEGATIVE_DELAY:
            raise ModelError("net_send with a negative delay")
        if code == OBERR_BEFORE_T:
            raise ModelError("net_event or net_move at a time earlier than t")

    def flush(self):
        """Append the spike times recorded by the last compiled call to the Vectors."""
        n = int(self.sbn[SBN_COUNT])
        if not n:
            return
        rows = self.sb[:n]
        self.sbn[SBN_COUNT] = 0
        recs = rows[:, SB_REC].astype(np.int64)
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
            vec._extend(rec_ids[recs[mask]] if ids else rows[mask, SB_TIME])


def _fit(arr, n):
    """The registry array itself when it has exactly n entries, else a view of n (it never has fewer)."""
    return arr if arr.shape[0] == n else arr[:n]


def _fit2(arr, n):
    return arr if arr.shape[0] == n else arr[:n]


STATE = EventState()


def reset():
    """ranvier.reset(): an empty queue, no tables, event ids from 0 (in place: the
    engine holds STATE)."""
    STATE.__init__()


def netcon_event(nc, t, flag=None):
    """NetCon.event(t): queue a delivery through nc at t (Python side, outside a run)."""
    from ..model.netcon import REG
    REG.changed()
    STATE.q = q_push(STATE.q, STATE.qn, float(t), QT_NETCON, nc._slot, 0, 0.0, nc._slot)
