"""Generate the per-mechanism-set stepper: one compiled loop for a whole run.

The stepper imports the mechanisms' generated kernel modules and calls them
in type order inside a single numba function, so a `continuerun` is one
call from Python.  It is keyed by the ordered set of mechanism modules (not
by model size) and written as a real .py file so numba can cache it on disk.
"""
import hashlib
import os
import importlib

from ..nmodl.records import (EVN_FIELDS, ION_FIELDS, KERNEL_PARAMS, MECH_ARGS, OUTBOX_FIELDS,
                             OUTBOX_KINDS, constant_lines)
from . import records
from .records import (CHECK_TABLES, DELIVER, INIT_MECHS, INIT_NETCONS, PLAY, RECORD, RUN, SETUP,
                      THRESHOLDS,
                      Clock, MechArgs, NodeArrays, PerMech, RunResult, Signature)

STEPPER_VERSION = "12"


def _mech_args(k):
    """Mechanism k's kernel arguments as the stepper names them (records.MechArgs + k)."""
    return ", ".join(f + str(k) for f in MechArgs._fields)


def kernel_call(kernel, k, **subst):
    """The argument list of a call of mechanism k's ``kernel`` (nmodl records.KERNEL_PARAMS):
    its per-mechanism arguments are the stepper's n<k>, data<k>, ...; ``subst`` gives the
    others that are not the stepper's variable of the same name."""
    out = []
    for p in KERNEL_PARAMS[kernel]:
        if p in subst:
            out.append(subst[p])
        elif p in MECH_ARGS:
            out.append(p + str(k))
        else:
            out.append(p)
    return ", ".join(out)


# Density mechanisms with at least this many instances use their thread-parallel
# kernels (bit-identical: one instance per node); below it threads cost more than they save.
PARALLEL_MIN = 500


def _evinfo(mod):
    """(has NET_RECEIVE, has NET_RECEIVE INITIAL, event mechanism, artificial cell, has WATCH)
    of a kernel module."""
    nr = bool(getattr(mod, "HAS_NET_RECEIVE", False))
    return (nr, bool(getattr(mod, "HAS_NET_RECEIVE_INIT", False)),
            nr or bool(getattr(mod, "USES_NET_EVENT", False)), bool(getattr(mod, "IS_ARTIFICIAL", False)),
            nr and bool(getattr(mod, "HAS_WATCH", False)))


# Instances per block of the split (two-pass) nrn_cur_blk/nrn_state_blk kernels: their scratch
# (rows x SPLIT_BLOCK doubles, allocated once per run call) stays in L1.
SPLIT_BLOCK = 256

# setup with the split kernels' scratch (used by run; setup keeps its signature)
SETUP_BLK = Signature("setup_blk", NodeArrays, Clock, "scr", PerMech(MechArgs))

# the NMODL WATCH checks at the start of a fixed step (after the NetCon thresholds)
WATCHES = Signature("watches", "t", "q", "sb", "ev", "v", "area", "dt", "celsius", PerMech(MechArgs))


def _constants():
    """The lines that define, at the top of the stepper, every layout constant it uses:
    generated from the tables (so that the text, and the cache key, follow them)."""
    from . import events
    tables = (
        ("ION_", ION_FIELDS, "ranvier.nmodl.records.ION_FIELDS"),
        ("OB_", OUTBOX_FIELDS, "ranvier.nmodl.records.OUTBOX_FIELDS"),
        ("OB_", OUTBOX_KINDS, "ranvier.nmodl.records.OUTBOX_KINDS"),
        ("EVN_", EVN_FIELDS, "ranvier.nmodl.records.EVN_FIELDS"),
        ("EV_", events.EV_FIELDS, "ranvier.engine.events.EV_FIELDS"),
        ("Q_", events.Q_FIELDS, "ranvier.engine.events.Q_FIELDS"),
        ("QT_", events.Q_TYPES, "ranvier.engine.events.Q_TYPES"),
        ("QN_", events.QN_FIELDS, "ranvier.engine.events.QN_FIELDS"),
        ("SRC_", records.SOURCE_KINDS, "ranvier.engine.records.SOURCE_KINDS"),
        ("RUN_", records.RUN_STATUS, "ranvier.engine.records.RUN_STATUS"),
    )
    lines = []
    for prefix, fields, origin in tables:
        lines.extend(constant_lines(prefix, fields, origin))
    lines.append("NCOLS = %d  # len(ranvier.engine.events.Q_FIELDS)" % len(events.Q_FIELDS))
    lines.append("SRC_CELSIUS = %d  # ranvier.engine.records.SRC_CELSIUS" % records.SRC_CELSIUS)
    return lines


def _source_value(w, m, otherwise, celsius=False):
    """Emit `val = ` the value that source code s names at flat index j (SRC_T: t, SRC_V: v,
    SRC_IONS: the ions array, SRC_MECH + k: mechanism k's data), as records and NetCon
    sources use (records.SOURCE_KINDS)."""
    w("        if s == SRC_T:")
    w("            val = t")
    w("        elif s == SRC_V:")
    w("            val = v[j]")
    w("        elif s == SRC_IONS:")
    w("            val = ionsf[j]")
    if celsius:
        w("        elif s == SRC_CELSIUS:")
        w("            val = celsius")
    for k in range(m):
        w("        elif s == SRC_MECH + %d:" % k)
        w("            val = mf%d[j]" % k)
    w("        else:")
    w("            " + otherwise)


def _eliminate(w, ind, first, stop):
    """Emit the Hines elimination of nodes first, first - 1, ..., stop + 1 into their
    parents (NUMERICS.md (d)5), the node just updated kept in registers (ci, cd, cr)."""
    for line in ("ci = -1", "cd = 0.0", "cr = 0.0",
                 "for i in range(%s, %s, -1):" % (first, stop),
                 "    if i == ci:", "        di = cd", "        ri = cr", "    else:",
                 "        di = d[i]", "        ri = rhs[i]", "    p = parent[i]",
                 "    f = a[i] / di", "    cd = d[p] - f * b[i]", "    cr = rhs[p] - f * ri",
                 "    d[p] = cd", "    rhs[p] = cr", "    ci = p"):
        w(ind + line)


def stepper_source(module_names, parallel=None, evinfo=None, events_on=True, split=None, cur_split=None,
                   grouped=True):
    """Python source of the stepper for mechanisms `module_names` (type order);
    parallel[k] says whether module k offers nrn_cur_par/nrn_state_par;
    evinfo[k] is _evinfo of module k (network events, see events.py).
    Without events_on (no NetCon, no event mechanism) the event code is left out,
    so that such models compile as fast as before; the signatures stay the same.
    split[k] = the scratch rows of module k's nrn_state_blk (0: use nrn_state), cur_split[k]
    those of its nrn_cur_blk (0: use nrn_cur); run uses them, setup keeps its signature.
    The parameter lists are records.py's Signatures (CHECK_TABLES ... RUN)."""
    from . import events
    m = len(module_names)
    parallel = parallel or [False] * m
    evinfo = evinfo or [(False, False, False, False, False)] * m
    split = split or [0] * m
    cur_split = cur_split or [0] * m
    nscr = max(split + cur_split, default=0)
    L = []
    w = L.append
    w('"""Generated by ranvier.engine.codegen (stepper v%s). Do not edit."""' % STEPPER_VERSION)
    w("# events.py %s" % events.source_hash())
    w("import math")
    w("import numpy as np")
    w("from numba import njit")
    w("from ranvier.engine import events as E")
    for k, name in enumerate(module_names):
        w("import %s as M%d" % (name, k))
    w("")
    w("# layouts (one table each: see the origin named on each line)")
    L.extend(_constants())
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def check_tables(%s):" % CHECK_TABLES.params(m))
    for k in range(m):
        w("    M%d.check_table(%s)" % (k, kernel_call("check_table", k)))
    w("    return 0")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def outbox(k, wr, q, sb, ev):")
    w('    """Move the outbox rows written by mechanism k\'s kernels into the queue."""')
    w("    evb = ev[EV_EVB]")
    w("    evn = ev[EV_EVN]")
    w("    qn = ev[EV_QN]")
    w("    inst_off = ev[EV_INST_OFF]")
    w("    inst_eid = ev[EV_INST_EID]")
    w("    eid_ps = ev[EV_EID_PS]")
    w("    for j in range(evn[EVN_COUNT]):")
    w("        kind = evb[j, OB_KIND]")
    w("        tt = evb[j, OB_TIME]")
    w("        inst = int(evb[j, OB_INST])")
    w("        eid = inst_eid[inst_off[k] + inst]")
    w("        if eid < 0:")
    w("            continue")
    w("        if kind == float(OB_SEND):")
    w("            q = E.q_push(q, qn, tt, QT_SELF, eid, 0, evb[j, OB_FLAG], wr)")
    w("        elif kind == float(OB_EVENT):")
    w("            p = eid_ps[eid]")
    w("            if p >= 0:")
    w("                q, sb = E.send(p, tt, q, sb, ev)")
    w("        elif kind == float(OB_MOVE):")
    w("            E.q_move(q, qn, eid, tt)")
    w("        elif kind == float(OB_WATCH):")
    w("            q = E.q_push(q, qn, tt, QT_SELF, eid, 1, evb[j, OB_FLAG], -1)")
    w("        else:")
    w("            E.q_unwatch(q, qn, eid)")
    w("    evn[EVN_COUNT] = 0")
    w("    return q, sb")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def init_mechs(%s):" % INIT_MECHS.params(m))
    w('    """INITIAL blocks in type order, artificial cells last; their net_sends are queued."""')
    w("    inst_off = ev[EV_INST_OFF]")
    order = [k for k in range(m) if not evinfo[k][3]] + [k for k in range(m) if evinfo[k][3]]
    for k in order:
        if evinfo[k][2] and events_on:
            w("    M%d.net_init(%s)" % (k, kernel_call(
                "net_init", k, ntot="inst_off[%d] - inst_off[%d]" % (k + 1, k),
                evb="ev[EV_EVB]", evn="ev[EV_EVN]")))
            w("    q, sb = outbox(%d, -1, q, sb, ev)" % k)
        else:
            w("    M%d.nrn_init(%s)" % (k, kernel_call("nrn_init", k)))
    w("    return q, sb")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def init_netcons(%s):" % INIT_NETCONS.params(m))
    w('    """Each NetCon: its target\'s NET_RECEIVE INITIAL, or its weights after the first zeroed."""')
    w("    nc_eid = ev[EV_NC_EID]")
    w("    ncw = ev[EV_NCW]")
    w("    eid_k = ev[EV_EID_K]")
    w("    eid_i = ev[EV_EID_I]")
    w("    for c in range(nc_eid.shape[0]):")
    w("        eid = nc_eid[c]")
    w("        if eid < 0:")
    w("            continue")
    w("        k = eid_k[eid]")
    w("        i = eid_i[eid]")
    w("        if k < 0:")
    w("            continue")
    branches = [k for k in range(m) if evinfo[k][1]]
    for j, k in enumerate(branches):
        w("        %s k == %d:" % ("if" if j == 0 else "elif", k))
        w("            nd = nodeidx%d[i] if i < n%d else -1" % (k, k))
        w("            M%d.net_receive_init(%s)" % (k, kernel_call("net_receive_init", k, w="ncw",
                                                                  wr="c")))
    if branches:
        w("        else:")
        w("            for j in range(1, ncw.shape[1]):")
        w("                ncw[c, j] = 0.0")
    else:
        w("        for j in range(1, ncw.shape[1]):")
        w("            ncw[c, j] = 0.0")
    w("    return 0")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def deliver(%s):" % DELIVER.params(m))
    w('    """Deliver the queued events with time <= tm, in (time, FIFO) order."""')
    w("    qn = ev[EV_QN]")
    w("    nc_eid = ev[EV_NC_EID]")
    w("    ncw = ev[EV_NCW]")
    w("    eid_k = ev[EV_EID_K]")
    w("    eid_i = ev[EV_EID_I]")
    w("    evn = ev[EV_EVN]")
    w("    rec = np.empty(NCOLS)")
    w("    while qn[QN_COUNT] > 0 and q[0, Q_TIME] <= tm:")
    w("        E.q_pop(q, qn, rec)")
    w("        te = rec[Q_TIME]")
    w("        a = int(rec[Q_A])")
    w("        if rec[Q_TYPE] == float(QT_NETCON):")
    w("            eid = nc_eid[a]")
    w("            wr = a")
    w("            flag = 0.0")
    w("        else:")
    w("            eid = a")
    w("            wr = int(rec[Q_WROW])")
    w("            flag = rec[Q_FLAG]")
    w("        if eid < 0:")
    w("            continue")
    w("        k = eid_k[eid]")
    w("        i = eid_i[eid]")
    w("        if k < 0:")
    w("            continue")
    branches = [k for k in range(m) if evinfo[k][0]]
    for j, k in enumerate(branches):
        w("        %s k == %d:" % ("if" if j == 0 else "elif", k))
        w("            nd = nodeidx%d[i] if i < n%d else -1" % (k, k))
        w("            M%d.net_receive(%s)" % (k, kernel_call(
            "net_receive", k, t="te", w="ncw", evb="ev[EV_EVB]", evn="evn")))
    if not branches:
        w("        continue")
    w("        if evn[EVN_COUNT] > 0:")
    w("            q, sb = outbox(k, wr, q, sb, ev)")
    w("    return q, sb")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def watches(%s):" % WATCHES.params(m))
    w('    """NMODL WATCH conditions checked with the values at t: a false -> true transition')
    w('    queues the WATCH\'s self-event at t."""')
    w("    inst_off = ev[EV_INST_OFF]")
    for k in range(m):
        if evinfo[k][4]:
            w("    M%d.watch_check(%s)" % (k, kernel_call(
                "watch_check", k, ntot="inst_off[%d] - inst_off[%d]" % (k + 1, k),
                evb="ev[EV_EVB]", evn="ev[EV_EVN]")))
            w("    q, sb = outbox(%d, -1, q, sb, ev)" % k)
    w("    return q, sb")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def thresholds(%s):" % THRESHOLDS.params(m))
    w('    """NetCon threshold checks with the values at t (NUMERICS.md (i)): spike at t + 1e-10."""')
    w("    ps_src = ev[EV_PS_SRC]")
    w("    ps_idx = ev[EV_PS_IDX]")
    w("    ps_thr = ev[EV_PS_THR]")
    w("    ps_flag = ev[EV_PS_FLAG]")
    w("    for p in range(ps_src.shape[0]):")
    w("        s = ps_src[p]")
    w("        if s < 0:")
    w("            continue")
    w("        j = ps_idx[p]")
    _source_value(w, m, "continue")
    w("        if val - ps_thr[p] > 0.0:")
    w("            if ps_flag[p] == 0:")
    w("                ps_flag[p] = 1")
    w("                q, sb = E.send(p, t + 1e-10, q, sb, ev)")
    w("        else:")
    w("            ps_flag[p] = 0")
    w("    return q, sb")
    w("")
    w("")
    if any(cur_split):
        # one body (setup_blk, used by run); setup keeps its signature for the callers outside
        w("@njit(cache=True, error_model='numpy')")
        w("def setup(%s):" % SETUP.params(m))
        w("    scr = np.empty((%d, %d))" % (nscr, SPLIT_BLOCK))
        w("    return setup_blk(%s)" % SETUP_BLK.call(m))
        w("")
        w("")
    for sig, use_split in ((SETUP, False), (SETUP_BLK, True)):
        if use_split != any(cur_split):
            continue
        w("@njit(cache=True, error_model='numpy')")
        w("def %s(%s):" % (sig.name, sig.params(m)))
        w("    rhs[:nnode] = 0.0")
        w("    d[:nnode] = 0.0")
        w("    for k in range(ions.shape[0]):")
        w("        ions[k, ION_I, :nnode] = 0.0")
        w("        ions[k, ION_DIDV, :nnode] = 0.0")
        # the ion mechanisms' current function: e by Nernst where concentrations are written
        w("        if estyle[k] != 0:")
        w("            ktf = (1000.0 * (1.380649e-23 * 6.02214076e23) * (celsius + 273.15))"
          " / (1.602176634e-19 * 6.02214076e23)")
        w("            for i in range(nnode):")
        w("                z = ions[k, ION_STYLE, i]")
        w("                if z != 0.0:")
        # (NEURON's nernst: 1e6 where ci <= 0, -1e6 where co <= 0; rxd may empty a node)
        w("                    if ions[k, ION_CI, i] <= 0.0:")
        w("                        ions[k, ION_E, i] = 1e6")
        w("                    elif ions[k, ION_CO, i] <= 0.0:")
        w("                        ions[k, ION_E, i] = -1e6")
        w("                    else:")
        w("                        ions[k, ION_E, i] = ktf / z * math.log(ions[k, ION_CO, i] / ions[k, ION_CI, i])")
        for k in range(m):
            serial = "nrn_cur_blk" if (use_split and cur_split[k]) else "nrn_cur"
            if parallel[k]:
                w("    if n%d >= %d:" % (k, PARALLEL_MIN))
                w("        M%d.nrn_cur_par(%s)" % (k, kernel_call("nrn_cur_par", k)))
                w("    else:")
                w("        M%d.%s(%s)" % (k, serial, kernel_call(serial, k)))
            else:
                w("    M%d.%s(%s)" % (k, serial, kernel_call(serial, k)))
        # NEURON does the axial rhs terms, then capacitance, then the axial d terms, each
        # over all nodes.  Parents precede children, so one pass in node order applies
        # exactly the same operations to every element in the same order.
        # Where a node's parent is the node handled just before (a cable), the parent's
        # rhs and d are taken from registers rather than reloaded from the element just
        # stored (no store-to-load forwarding chain); the operations and their order on
        # every element are unchanged.
        w("    c = 0.001 * cj")
        w("    for i in range(ncell):")
        w("        d[i] += c * cm[i]")
        w("    ci = -1")
        w("    cr = 0.0")
        w("    cd = 0.0")
        w("    for i in range(ncell, nnode):")
        w("        p = parent[i]")
        w("        vi = v[i]")
        w("        dv = v[p] - vi")
        w("        if p == ci:")
        w("            rp = cr")
        w("            dp = cd")
        w("        else:")
        w("            rp = rhs[p]")
        w("            dp = d[p]")
        w("        ai = a[i]")
        w("        bi = b[i]")
        w("        rhs[p] = rp + ai * dv")
        w("        d[p] = dp - ai")
        w("        cr = rhs[i] - bi * dv")
        w("        cd = (d[i] + c * cm[i]) - bi")
        w("        rhs[i] = cr")
        w("        d[i] = cd")
        w("        ci = i")
        w("    return 0")
        w("")
        w("")
    # The Hines sweeps are chains of dependent divides.  Where a node's parent is the
    # node handled just before (in a cable: always), its value is taken from a register
    # instead of being reloaded from the element just stored, which takes the
    # store-to-load forwarding off the chain.  The arithmetic is NUMERICS.md (d)5's.
    # solve_v also adds the result to v (secondorder 0: v_i += rhs_i) and sums the new v
    # (an add beside the chain of divides): the sum is NaN or infinite exactly when some
    # v is (or, finite values, beyond 1e308 / nnode), and then solve_v returns RUN_NONFINITE.
    for sname, with_v in (("solve", False), ("solve_v", True)):
        w("@njit(cache=True, error_model='numpy')")
        w("def %s(ncell, nnode, rhs, d, a, b, parent%s):" % (sname, ", v" if with_v else ""))
        _eliminate(w, "    ", "nnode - 1", "ncell - 1")
        if with_v:
            w("    vsum = 0.0")
        w("    for r in range(ncell):")
        w("        rhs[r] /= d[r]")
        if with_v:
            w("        x = v[r] + rhs[r]")
            w("        v[r] = x")
            w("        vsum += x")
        w("    ci = -1")
        w("    cr = 0.0")
        w("    for i in range(ncell, nnode):")
        w("        p = parent[i]")
        w("        if p == ci:")
        w("            rp = cr")
        w("        else:")
        w("            rp = rhs[p]")
        w("        cr = (rhs[i] - b[i] * rp) / d[i]")
        w("        rhs[i] = cr")
        if with_v:
            w("        x = v[i] + cr")
            w("        v[i] = x")
            w("        vsum += x")
        w("        ci = i")
        if with_v:
            w("    return RUN_OK if vsum - vsum == 0.0 else RUN_NONFINITE")
        else:
            w("    return RUN_OK")
        w("")
        w("")
    if grouped:         # (left out of small models' steppers: less to compile cold)
        _tree_solve(w)
    w("@njit(cache=True, error_model='numpy')")
    w("def update_v2(nnode, v, rhs):")
    w('    """secondorder 1 and 2: v += 2 rhs; RUN_NONFINITE if some v is now NaN or infinite."""')
    w("    bad = 0")
    w("    for i in range(nnode):")
    w("        x = v[i] + 2.0 * rhs[i]")
    w("        v[i] = x")
    w("        if x - x != 0.0:")
    w("            bad = 1")
    w("    return RUN_OK if bad == 0 else RUN_NONFINITE")
    w("")
    w("")
    # finitialize's NaN/Inf guards (guards.py): one compiled pass each, before any detail
    w("@njit(cache=True, error_model='numpy')")
    w("def nodes_finite(nnode, v, cm, area, ions):")
    w('    """True if v, cm, area and every ion\'s e, ci and co are finite at every node."""')
    w("    for i in range(nnode):")
    w("        if v[i] - v[i] != 0.0 or cm[i] - cm[i] != 0.0 or area[i] - area[i] != 0.0:")
    w("            return False")
    w("    for k in range(ions.shape[0]):")
    w("        for i in range(nnode):")
    w("            for f in (ION_E, ION_CI, ION_CO):")
    w("                if ions[k, f, i] - ions[k, f, i] != 0.0:")
    w("                    return False")
    w("    return True")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def rows_finite(data, r0, r1, n, gv, gidx):")
    w('    """True if data[r0:r1, :n] and gv[gidx] are finite."""')
    w("    for r in range(r0, r1):")
    w("        for i in range(n):")
    w("            if data[r, i] - data[r, i] != 0.0:")
    w("                return False")
    w("    for j in range(gidx.shape[0]):")
    w("        if gv[gidx[j]] - gv[gidx[j]] != 0.0:")
    w("            return False")
    w("    return True")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def record(%s):" % RECORD.params(m))
    w('    """Sample the records at a step boundary t.  Dt records are recording events:')
    w("    those due by lim are taken (lim = t at finitialize and at a step's end, t + dt/2")
    w("    at a step's start, as NEURON delivers events); every-step records when `every`.")
    w('    """')
    w("    cap = rbuf.shape[1]")
    w("    for r in range(rsrc.shape[0]):")
    w("        s = rsrc[r]")
    w("        j = ridx[r]")
    _source_value(w, m, "val = math.nan", celsius=True)
    w("        if rdt[r] > 0.0:")
    w("            while rnext[r] <= lim and rcnt[r] < cap:")
    w("                # a recording event sees t = its own time (v etc. at the step boundary)")
    w("                rbuf[r, rcnt[r]] = rnext[r] if s == SRC_T else val")
    w("                rcnt[r] += 1")
    w("                rnext[r] += rdt[r]")
    w("        elif rdt[r] < 0.0:")
    w("            # Vector.record(ref, tvec): each time is a recording event, delivered at a")
    w("            # step's start (lim = t + dt/2) or end (lim = t); at the end NEURON's global t")
    w("            # is still the step's start (tprev) while the states are the new ones")
    w("            while rtk[r] < rtn[r] and rtime[r, rtk[r]] <= lim and rcnt[r] < cap:")
    w("                rbuf[r, rcnt[r]] = (tprev if every else t) if s == SRC_T else val")
    w("                rcnt[r] += 1")
    w("                rtk[r] += 1")
    w("        elif every and rcnt[r] < cap:")
    w("            rbuf[r, rcnt[r]] = val")
    w("            rcnt[r] += 1")
    w("    return 0")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def play(%s):" % PLAY.params(m))
    w('    """Apply the played values (engine/play.py); returns celsius (a play may set it).')
    w("    mode 0: every play's points with time <= tt not yet passed (the last one's value);")
    w("    mode 1: continuous plays, the value at tt on the segment after the last point passed")
    w("    (y[0] before the first; extrapolated past the last, and past a point not yet")
    w("    passed); mode 2 (finitialize): both, continuous plays only if tvec[0] <= tt.")
    w('    """')
    w("    for p in range(psrc.shape[0]):")
    w("        n = pn[p]")
    w("        if n == 0:")
    w("            continue")
    w("        have = False")
    w("        val = 0.0")
    w("        if mode != 1:")
    w("            # the points due by tt: the last one's value (a continuous play's segment")
    w("            # moves on only here, as NEURON's discontinuity events)")
    w("            i = pk[p]")
    w("            if i < n and ptime[p, i] <= tt:")
    w("                while i < n and ptime[p, i] <= tt:")
    w("                    i += 1")
    w("                pk[p] = i")
    w("                val = pval[p, i - 1]")
    w("                have = True")
    w("        if pcont[p] != 0 and mode != 0 and not (mode == 2 and ptime[p, 0] > tt):")
    w("            i = pk[p]")
    w("            if i == 0 or n == 1:")
    w("                val = pval[p, 0]")
    w("            else:")
    w("                i = min(i - 1, n - 2)      # the segment after the last point passed")
    w("                t0 = ptime[p, i]")
    w("                t1 = ptime[p, i + 1]")
    w("                if t1 == t0:")
    w("                    val = pval[p, i + 1]")
    w("                else:")
    w("                    y0 = pval[p, i]")
    w("                    val = y0 + (pval[p, i + 1] - y0) * (tt - t0) / (t1 - t0)")
    w("            have = True")
    w("        if not have:")
    w("            continue")
    w("        s = psrc[p]")
    w("        j = pidx[p]")
    w("        if s == SRC_CELSIUS:")
    w("            celsius = val")
    w("        elif s == SRC_V:")
    w("            v[j] = val")
    w("        elif s == SRC_IONS:")
    w("            ionsf[j] = val")
    for k in range(m):
        w("        elif s == SRC_MECH + %d:" % k)
        w("            mf%d[j] = val" % k)
    w("    return celsius")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def run(%s):" % RUN.params(m))
    w('    """Advance up to nmax steps (until: stop when not t < ts - 1e-11, checked every nstep);')
    w("    returns records.RunResult's fields (steps, t, q, sb, status).")
    w("")
    w("    evon: the model has NetCons or event mechanisms; then each step starts with the")
    w("    threshold checks and the delivery of the events due by t + dt/2, and ends (after")
    w("    recording) with the delivery of the events due by t (NUMERICS.md (d) 1 and 11).")
    w("    A step after which some v is NaN or infinite is completed (states, records,")
    w("    events) and is the last: status RUN_NONFINITE.")
    w('    """')
    w("    steps = 0")
    w("    status = RUN_OK")
    if grouped:
        w("    # runs of equal length solved LANES at a time (solve_vg); a single step keeps solve_v")
        w("    grp = tree_groups(ncell, nnode, parent) if nmax > 1 and secondorder == 0 else NO_GROUPS")
        w("    use_grp = grp.shape[0] > 0")
    if nscr:
        w("    scr = np.empty((%d, %d))  # scratch of the split (two-pass) kernels" % (nscr, SPLIT_BLOCK))
    w("    while steps < nmax:")
    w("        if until and not (t < ts - 1e-11):")
    w("            break")
    w("        for s in range(nstep):")
    w("            check_tables(%s)" % CHECK_TABLES.call(m))
    w("            if pon:")
    w("                celsius = play(%s)" % PLAY.call(m, tt="t + 0.5 * dt", mode="0"))
    if events_on:
        w("            if evon:")
        w("                q, sb = thresholds(%s)" % THRESHOLDS.call(m))
        if any(x[4] for x in evinfo):
            w("                q, sb = watches(%s)" % WATCHES.call(m))
        w("                q, sb = deliver(%s)" % DELIVER.call(m, tm="t + 0.5 * dt"))
    w("            if rdt.shape[0] > 0:")
    w("                record(%s)" % RECORD.call(m, lim="t + 0.5 * dt", every="False", tprev="t"))
    w("            t0 = t")
    w("            t = t + 0.5 * dt")
    w("            if pon:")
    w("                celsius = play(%s)" % PLAY.call(m, tt="t", mode="1"))
    if any(cur_split):
        w("            setup_blk(%s)" % SETUP_BLK.call(m))
    else:
        w("            setup(%s)" % SETUP.call(m))
    if grouped:
        w("            if use_grp:")
        w("                bad = solve_vg(ncell, nnode, rhs, d, a, b, parent, v, grp)")
        w("            elif secondorder == 0:")
        w("                bad = solve_v(ncell, nnode, rhs, d, a, b, parent, v)")
    else:
        w("            if secondorder == 0:")
        w("                bad = solve_v(ncell, nnode, rhs, d, a, b, parent, v)")
    w("            else:")
    w("                solve(ncell, nnode, rhs, d, a, b, parent)")
    w("                if secondorder == 2:")
    w("                    for k in range(ions.shape[0]):")
    w("                        for i in range(nnode):")
    w("                            ions[k, ION_I, i] += ions[k, ION_DIDV, i] * rhs[i]")
    w("                bad = update_v2(nnode, v, rhs)")
    w("            t = t + 0.5 * dt")
    w("            if pon:")
    w("                celsius = play(%s)" % PLAY.call(m, tt="t", mode="1"))
    for k in range(m):
        serial = "nrn_state_blk" if split[k] else "nrn_state"
        if parallel[k]:
            w("            if n%d >= %d:" % (k, PARALLEL_MIN))
            w("                M%d.nrn_state_par(%s)" % (k, kernel_call("nrn_state_par", k)))
            w("            else:")
            w("                M%d.%s(%s)" % (k, serial, kernel_call(serial, k)))
        else:
            w("            M%d.%s(%s)" % (k, serial, kernel_call(serial, k)))
    w("            record(%s)" % RECORD.call(m, lim="t", every="True", tprev="t0"))
    w("            if pon:")
    w("                celsius = play(%s)" % PLAY.call(m, tt="t", mode="0"))
    if events_on:
        w("            if evon:")
        w("                q, sb = deliver(%s)" % DELIVER.call(m, tm="t"))
    w("            steps += 1")
    w("            if bad != RUN_OK:")
    w("                status = bad")
    w("                break")
    w("        if status != RUN_OK:")
    w("            break")
    w("    pcel[0] = celsius")
    w("    return %s" % ", ".join(RunResult._fields))     # steps, t, q, sb, status
    w("")
    return "\n".join(L)


# Independent chains solved together: the Hines sweeps along a chain of nodes (an unbranched
# run: each node's parent the node before) are chains of dependent divides (~6 ns a node).
# LANES consecutive runs of the same length, none below another, are swept in lockstep,
# their chains overlapping in the CPU: the sections of a branched tree, the cells of a
# network.  Every element gets exactly the operations of solve_v in the same order (the
# elimination goes through the rows from the last, and the lanes from the last, so that
# a branch point takes its children's updates in decreasing node order), so the result
# is bit-identical.
LANES = 4


def _lanes(w, indent, body, reverse=False):
    """Emit `body` (lines using {c} for the lane) once per lane (the last first if reverse)."""
    for c in (range(LANES - 1, -1, -1) if reverse else range(LANES)):
        for line in body:
            w(indent + line.format(c=c))


def _tree_solve(w):
    """tree_groups (the model's cells as groups of equal size) and solve_vg (solve_v
    sweeping each group's cells in lockstep)."""
    ncol = 2 + LANES
    w("LANES = %d" % LANES)
    w("NO_GROUPS = np.zeros((0, %d), dtype=np.int64)" % ncol)
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def tree_groups(ncell, nnode, parent):")
    w('    """Rows (lanes, length, start of each lane) covering every non-root node in')
    w("    increasing order: LANES consecutive runs (unbranched: parent[i] == i - 1 after the")
    w("    first node) of equal length in one row when none of them hangs below another of")
    w("    the row, any other run alone (lanes 1).  Empty (use solve_v) if parent[i] < i")
    w('    does not hold, or if no row has more than one lane."""')
    w("    starts = np.empty(nnode - ncell + 1, dtype=np.int64)")
    w("    nt = 0")
    w("    for i in range(ncell, nnode):")
    w("        p = parent[i]")
    w("        if p < 0 or p >= i:")
    w("            return NO_GROUPS")
    w("        if i == ncell or p != i - 1:")
    w("            starts[nt] = i")
    w("            nt += 1")
    w("    starts[nt] = nnode")
    w("    g = np.zeros((nt, %d), dtype=np.int64)" % ncol)
    w("    ng = 0")
    w("    multi = False")
    w("    k = 0")
    w("    while k < nt:")
    w("        ln = starts[k + 1] - starts[k]")
    w("        run = 1")
    w("        while k + run < nt and run < LANES and starts[k + run + 1] - starts[k + run] == ln:")
    w("            run += 1")
    w("        if run == LANES:")
    w("            for c in range(LANES):")
    w("                if parent[starts[k + c]] >= starts[k]:")
    w("                    run = 0           # a run below another of the row")
    w("        if run == LANES:")
    w("            g[ng, 0] = LANES")
    w("            g[ng, 1] = ln")
    w("            for c in range(LANES):")
    w("                g[ng, 2 + c] = starts[k + c]")
    w("            k += LANES")
    w("            multi = True")
    w("        else:")
    w("            g[ng, 0] = 1")
    w("            g[ng, 1] = ln")
    w("            g[ng, 2] = starts[k]")
    w("            k += 1")
    w("        ng += 1")
    w("    if not multi:")
    w("        return NO_GROUPS")
    w("    return g[:ng].copy()")
    w("")
    w("")
    w("@njit(cache=True, error_model='numpy')")
    w("def solve_vg(ncell, nnode, rhs, d, a, b, parent, v, g):")
    w('    """solve_v with the runs of each row of g (tree_groups) swept in lockstep."""')
    w("    for row in range(g.shape[0] - 1, -1, -1):")
    w("        ln = g[row, 1]")
    w("        if g[row, 0] == 1:")
    w("            s = g[row, 2]")
    _eliminate(w, "            ", "s + ln - 1", "s - 1")
    w("            continue")
    _lanes(w, "        ", ["s{c} = g[row, 2 + {c}]",
                           "ci{c} = -1", "cd{c} = 0.0", "cr{c} = 0.0"])
    w("        for j in range(ln - 1, -1, -1):")
    _lanes(w, "            ", reverse=True, body=[
        "i = s{c} + j",
        "if i == ci{c}:",
        "    di = cd{c}",
        "    ri = cr{c}",
        "else:",
        "    di = d[i]",
        "    ri = rhs[i]",
        "p = parent[i]",
        "f = a[i] / di",
        "cd{c} = d[p] - f * b[i]",
        "cr{c} = rhs[p] - f * ri",
        "d[p] = cd{c}",
        "rhs[p] = cr{c}",
        "ci{c} = p"])
    w("    vsum = 0.0")
    w("    for r in range(ncell):")
    w("        rhs[r] /= d[r]")
    w("        x = v[r] + rhs[r]")
    w("        v[r] = x")
    w("        vsum += x")
    w("    for row in range(g.shape[0]):")
    w("        ln = g[row, 1]")
    w("        if g[row, 0] == 1:")
    w("            s = g[row, 2]")
    w("            ci = -1")
    w("            cr = 0.0")
    w("            for i in range(s, s + ln):")
    w("                p = parent[i]")
    w("                if p == ci:")
    w("                    rp = cr")
    w("                else:")
    w("                    rp = rhs[p]")
    w("                cr = (rhs[i] - b[i] * rp) / d[i]")
    w("                rhs[i] = cr")
    w("                x = v[i] + cr")
    w("                v[i] = x")
    w("                vsum += x")
    w("                ci = i")
    w("            continue")
    _lanes(w, "        ", ["s{c} = g[row, 2 + {c}]", "ci{c} = -1", "cr{c} = 0.0",
                           "vs{c} = 0.0"])
    w("        for j in range(ln):")
    _lanes(w, "            ", [
        "i = s{c} + j",
        "p = parent[i]",
        "if p == ci{c}:",
        "    rp = cr{c}",
        "else:",
        "    rp = rhs[p]",
        "cr{c} = (rhs[i] - b[i] * rp) / d[i]",
        "rhs[i] = cr{c}",
        "x = v[i] + cr{c}",
        "v[i] = x",
        "vs{c} += x",
        "ci{c} = i"])
    # one sum per lane (an add chain of its own); the guard needs only its finiteness
    w("        vsum += " + " + ".join("vs%d" % c for c in range(LANES)))
    w("    return RUN_OK if vsum - vsum == 0.0 else RUN_NONFINITE")
    w("")
    w("")


_cache = {}


# Models with at least this many nodes use the split (two-pass) kernels.  Compiling them
# costs several seconds on a cold cache and gains nothing on small models.
SPLIT_MIN_NODES = 500


def stepper(module_names, events_on=True, large=True):
    """Import (writing it first if needed) the stepper module for these mechanisms
    (events_on: with the network-event code, see stepper_source; large: use the
    split kernels)."""
    key = (tuple(module_names), bool(events_on), bool(large))
    mod = _cache.get(key)
    if mod is not None:
        return mod
    from ..nmodl import cache_dir
    from pathlib import Path
    folder = Path(cache_dir())
    src = stepper_source(module_names, events_on=bool(events_on), grouped=bool(large),
                         **plan(module_names, large))
    h = hashlib.sha1(src.encode()).hexdigest()[:12]
    name = "ranvier_stepper_%s" % h
    path = folder / (name + ".py")
    if not path.exists() or path.read_text() != src:
        tmp = path.with_suffix(".tmp%d" % id(src))
        tmp.write_text(src)
        tmp.replace(path)
    importlib.invalidate_caches()
    mod = importlib.import_module(name)
    _cache[key] = mod
    return mod


def plan(module_names, large=True):
    """stepper_source's per-mechanism options (parallel, evinfo, split, cur_split) for
    these kernel modules; large: a model of at least SPLIT_MIN_NODES nodes."""
    importlib.invalidate_caches()
    # Threads are opt-in (RANVIER_THREADS=1): on a loaded machine a parallel region
    # waits for a descheduled thread and a step becomes several times slower.
    threads = os.environ.get("RANVIER_THREADS", "0") not in ("", "0")
    parallel = [threads and bool(getattr(importlib.import_module(n), "PARALLEL_SAFE", False))
                for n in module_names]
    evinfo = [_evinfo(importlib.import_module(n)) for n in module_names]
    # The split kernels' pass 1 is vectorized by LLVM; with SVML a vectorized exp would
    # differ in the last bit, so then they are not used.
    import numba
    svml = bool(getattr(numba.config, "USING_SVML", False)) or not large
    split = [0 if svml else int(getattr(importlib.import_module(n), "STATE_SCRATCH", 0))
             for n in module_names]
    cur_split = [0 if svml else int(getattr(importlib.import_module(n), "CUR_SCRATCH", 0))
                 for n in module_names]
    return dict(parallel=parallel, evinfo=evinfo, split=split, cur_split=cur_split)
