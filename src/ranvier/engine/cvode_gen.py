"""The variable-step integrator's step in compiled code (engine/cvode.py's Integrator).

One accepted BDF step is one call: the prediction, the Newton iterations (each an
f(t, y) evaluation, the Hines solve of engine/bdf.py's newton_delta), the local error
test, the step size and order selection, the refresh of the states' Jacobian diagonal.

f(t, y) calls the model's own kernels (the stepper's setup, every mechanism's
nrn_deriv), so it is generated per set of mechanisms, like the stepper (codegen.py):
a module written to the kernel cache that imports the stepper and the kernel modules
and defines

- ``fsys(tt, y, ydot, fa)``: cvode._Fast.__call__ (without plays): y scattered into the
  stores, setup at tt, the nodes without capacitance solved, dv/dt and the states'
  derivatives into ydot;
- ``jac(tt, y, atol, jd, ydot, fa)``: cvode._Fast.jdiag after fsys at (tt, y);
- ``step(...)``: cvode.Integrator.step (the text STEP_SOURCE below, the same for
  every model).

``fa`` is one tuple: the integrator's own arrays, the setup's arguments (records.SETUP)
and, per mechanism with integrated states, its block (state rows, instances, offset in
y, the derivative buffers, the ion values it writes).  The results are those of the
Python step (the same kernels in the same order; tests/engine/test_cvode_bdf.py).
"""
import hashlib
import importlib

import numpy as np

from .records import SETUP, SRC_T

GEN_VERSION = "1"

# the integrator's controls (cvode.Integrator and the generated step use them)
NEWTON_MAXCOR = 3       # CVODE's maxcor
NEWTON_COEF = 0.1       # CVODE's nlscoef: Newton error <= 0.1 x the local error allowed
MIN_FACTOR = 0.2
MAX_FACTOR = 10.0
JAC_EVERY = 20          # steps between refreshes of the states' Jacobian diagonal

# the per-block arguments, suffixed with the block's mechanism position k
BLOCK_ARGS = ("rows", "nloc", "off", "out", "wr", "wk")
# the integrator's arrays at the head of fa
HEAD_ARGS = ("cap", "capmask", "algmode", "algnl", "a_alg", "b_alg", "r2", "d2")

# scalar state of a step (float array S, int array I)
S_T, S_H, S_CRATE, S_TOLD, S_DENSE_H, S_ACC = range(6)
(I_ORDER, I_NEQUAL, I_SINCE_JAC, I_NSTEPS, I_NNI, I_NCFN, I_NETF, I_JAC_PENDING,
 I_DENSE_ORDER, I_NFEV) = range(10)
# what step returns
STEP_OK, STEP_TOO_SMALL, STEP_MINSTEP_FAILED = 0, 1, 2
# what run returns besides a step's failure
RUN_PENDING, RUN_FULL = 10, 11

STEP_SOURCE = '''

@njit(cache=True)
def newton(t_new, c, tol, na, ynew, dacc, ydot, psi, jd, scale, dy, rr, dd, S, I, fa):
    ncell, nnode, parent, a, b, ab, d, cm, cap = na
    delp = 0.0
    for m in range(NEWTON_MAXCOR):
        fsys(t_new, ynew, ydot, fa)
        I[I_NFEV] += 1
        dl, an = newton_delta(ncell, nnode, parent, a, b, ab, d, cm, cap, c, ydot, psi, dacc,
                              jd, scale, dy, rr, dd, ynew)
        S[S_ACC] = an
        if not dl - dl == 0.0:
            return False, m + 1
        I[I_NNI] += 1
        if m:
            S[S_CRATE] = max(0.3 * S[S_CRATE], dl / delp)
        if dl * min(1.0, S[S_CRATE]) <= tol:
            return True, m + 1
        if m and dl > 2.0 * delp:
            return False, m + 1
        delp = dl
    return False, NEWTON_MAXCOR


@njit(cache=True)
def step(t_bound, hmin, maxstep, rtol, D, ypred, psi, scale, y, ynew, ydot, dacc, dy, jd, rr,
         dd, atol, S, I, na, fa):
    """One accepted step towards t_bound (never past it); returns STEP_OK, or
    STEP_TOO_SMALL / STEP_MINSTEP_FAILED (S[S_H] is then the failing step size)."""
    if I[I_JAC_PENDING] != 0:
        # the states' diagonal at the accepted step (the stores hold y(t))
        I[I_JAC_PENDING] = 0
        fsys(S[S_T], y, ydot, fa)
        I[I_NFEV] += 1
        jac(S[S_T], y, atol, jd, ydot, fa)
        S[S_CRATE] = 1.0
    t = S[S_T]
    order = I[I_ORDER]
    min_step = 10.0 * (np.nextafter(t, np.inf) - t)
    h_abs = S[S_H]
    if h_abs > maxstep:
        change_d(D, order, maxstep / h_abs)
        h_abs = maxstep
        I[I_NEQUAL] = 0
    fresh_jac = False
    tried_min = False
    err = 0.0
    niter = 0
    t_new = t
    while True:
        if hmin > 0.0 and h_abs < hmin and t_bound - t > hmin:
            if tried_min:
                S[S_H] = hmin
                return STEP_MINSTEP_FAILED
            change_d(D, order, hmin / h_abs)
            h_abs = hmin
            I[I_NEQUAL] = 0
        if h_abs < min_step:
            S[S_H] = h_abs
            return STEP_TOO_SMALL
        tried_min = hmin > 0.0 and h_abs <= hmin
        t_new = t + h_abs
        if t_new >= t_bound:
            t_new = t_bound
            change_d(D, order, (t_new - t) / h_abs)
            I[I_NEQUAL] = 0
        h = t_new - t
        h_abs = h
        alpha = ALPHA[order]
        predict(D, order, GAMMA, alpha, atol, rtol, ypred, psi, scale, ynew, dacc)
        c = h / alpha
        tol = NEWTON_COEF / ERROR_CONST[order]
        ok, niter = newton(t_new, c, tol, na, ynew, dacc, ydot, psi, jd, scale, dy, rr, dd, S,
                           I, fa)
        if not ok:
            I[I_NCFN] += 1
            if not fresh_jac:
                fsys(t_new, ypred, ydot, fa)
                I[I_NFEV] += 1
                jac(t_new, ypred, atol, jd, ydot, fa)
                S[S_CRATE] = 1.0
                I[I_SINCE_JAC] = 0
                fresh_jac = True
                continue
            h_abs *= 0.25
            change_d(D, order, 0.25)
            I[I_NEQUAL] = 0
            continue
        if rtol > 0.0:
            rescale(atol, rtol, ynew, scale)
            err = wrms(dacc, ERROR_CONST[order], scale)
        else:
            err = ERROR_CONST[order] * S[S_ACC]
        if err > 1.0:
            I[I_NETF] += 1
            safety = 0.9 * (2 * 4 + 1) / (2 * 4 + niter)
            factor = max(MIN_FACTOR, safety * err ** (-1.0 / (order + 1)))
            h_abs *= factor
            change_d(D, order, factor)
            I[I_NEQUAL] = 0
            continue
        break
    safety = 0.9 * (2 * 4 + 1) / (2 * 4 + niter)
    I[I_NSTEPS] += 1
    I[I_NEQUAL] += 1
    I[I_SINCE_JAC] += 1
    S[S_TOLD] = t
    S[S_T] = t_new
    for i in range(y.shape[0]):
        y[i] = ynew[i]
    S[S_H] = h_abs
    accept(D, order, dacc)
    I[I_DENSE_ORDER] = order
    S[S_DENSE_H] = h_abs
    if I[I_NEQUAL] >= order + 1:
        e_m = wrms(D[order], ERROR_CONST[order - 1], scale) if order > 1 else np.inf
        e_p = wrms(D[order + 2], ERROR_CONST[order + 1], scale) if order < MAX_ORDER else np.inf
        best = -1.0
        delta = 0
        for dq in range(-1, 2):
            e = e_m if dq == -1 else (err if dq == 0 else e_p)
            fac = np.inf if e == 0.0 else e ** (-1.0 / (order + dq + 1))
            if fac > best:
                best = fac
                delta = dq
        order += delta
        I[I_ORDER] = order
        factor = min(MAX_FACTOR, safety * best)
        S[S_H] = h_abs * factor
        change_d(D, order, factor)
        I[I_NEQUAL] = 0
        I[I_DENSE_ORDER] = order
        S[S_DENSE_H] = S[S_H]
    if I[I_SINCE_JAC] >= JAC_EVERY and nblocks > 0:
        I[I_SINCE_JAC] = 0
        I[I_JAC_PENDING] = 1
    return STEP_OK


@njit(cache=True)
def run(t_bound, nmax, hmin, maxstep, rtol, D, ypred, psi, scale, y, ynew, ydot, dacc, dy, jd,
        rr, dd, atol, S, I, na, fa, v, ve, ys, dnode, dps, thr, flag, dprev, esrc, eidx, ebuf,
        ecnt, isrc, iidx, irdt, inext, ibuf, icnt):
    """Steps towards t_bound while nothing needs Python (cvode.advance's fast path: the
    records read t or v, the thresholds watch v).  Each quiet step: the voltages scattered,
    the thresholds' flags cleared below threshold, the interval records sampled on the
    step's polynomial, the every-step records sampled.  Returns (code, k): k quiet steps
    done, then code RUN_PENDING (one more step taken that cvode.advance must finish: it
    reached t_bound or some threshold was crossed upward; dprev holds the watched values at
    its start), RUN_FULL (stopped before a step: nmax steps or a record buffer nearly
    full), or the step's failure code."""
    cap = ebuf.shape[1]
    icap = ibuf.shape[1]
    alg, ptr, nb, g = ve
    ncap = na[8].shape[0]
    for k in range(nmax):
        for e in range(ecnt.shape[0]):
            if ecnt[e] >= cap - 1:
                return RUN_FULL, k
        for q in range(dnode.shape[0]):
            dprev[q] = v[dnode[q]]
        r = step(t_bound, hmin, maxstep, rtol, D, ypred, psi, scale, y, ynew, ydot, dacc, dy,
                 jd, rr, dd, atol, S, I, na, fa)
        if r != STEP_OK:
            return r, k
        t_new = S[S_T]
        scatter_voltages(v, na[8], y, alg, ptr, nb, g)
        if t_new >= t_bound:
            return RUN_PENDING, k
        crossed = False
        for q in range(dnode.shape[0]):
            p = dps[q]
            if v[dnode[q]] - thr[p] > 0.0:
                if flag[p] == 0:
                    crossed = True
            else:
                flag[p] = 0
        if crossed:
            return RUN_PENDING, k
        # interval records: every sample due by t_new, on the step's polynomial
        for r2 in range(inext.shape[0]):
            if inext[r2] <= t_new and icnt[r2] + (t_new - inext[r2]) / irdt[r2] + 2 >= icap:
                return RUN_PENDING, k       # more samples than the buffer holds
        if inext.shape[0]:
            dense_done = False
            while True:
                e = inext[0]
                for r2 in range(1, inext.shape[0]):
                    if inext[r2] < e:
                        e = inext[r2]
                if e > t_new:
                    break
                if e < t_new:
                    dense(D, I[I_DENSE_ORDER], t_new, S[S_DENSE_H], e, ys)
                    scatter_voltages(v, na[8], ys, alg, ptr, nb, g)
                    dense_done = True
                else:
                    if dense_done:
                        scatter_voltages(v, na[8], y, alg, ptr, nb, g)
                        dense_done = False
                for r2 in range(inext.shape[0]):
                    while inext[r2] <= e and icnt[r2] < icap:
                        if isrc[r2] == SRC_T:
                            ibuf[r2, icnt[r2]] = inext[r2]
                        else:
                            ibuf[r2, icnt[r2]] = v[iidx[r2]]
                        icnt[r2] += 1
                        inext[r2] += irdt[r2]
            if dense_done:
                scatter_voltages(v, na[8], y, alg, ptr, nb, g)
        for e in range(ecnt.shape[0]):
            if esrc[e] == SRC_T:
                ebuf[e, ecnt[e]] = t_new
            else:
                ebuf[e, ecnt[e]] = v[eidx[e]]
            ecnt[e] += 1
    return RUN_FULL, nmax
'''


def _header(st_name, blocks, m):
    """Imports and constants of the generated module."""
    lines = [
        '"""Generated by ranvier.engine.cvode_gen (the variable step for one set of '
        'mechanisms); do not edit."""',
        "import math",
        "import numpy as np",
        "from numba import njit",
        "from ranvier.engine.bdf import (ALPHA, ERROR_CONST, GAMMA, MAX_ORDER, accept, algebraic_local,",
        "                                change_d, diag_fd, newton_delta, predict, put_rows, rescale,",
        "                                scatter_rows, scatter_v, scatter_voltages, vdot, wrms, dense)",
        "from ranvier.engine.cvode import _algebraic",
        "from %s import setup as _setup" % st_name,
    ]
    for k, modname in blocks:
        lines.append("import %s as M%d" % (modname, k))
    consts = {"NEWTON_MAXCOR": NEWTON_MAXCOR, "NEWTON_COEF": NEWTON_COEF,
              "MIN_FACTOR": MIN_FACTOR, "MAX_FACTOR": MAX_FACTOR,
              "JAC_EVERY": JAC_EVERY, "nblocks": len(blocks),
              "STEP_OK": STEP_OK, "STEP_TOO_SMALL": STEP_TOO_SMALL,
              "STEP_MINSTEP_FAILED": STEP_MINSTEP_FAILED, "RUN_PENDING": RUN_PENDING,
              "RUN_FULL": RUN_FULL, "SRC_T": SRC_T}
    for name in ("S_T", "S_H", "S_CRATE", "S_TOLD", "S_DENSE_H", "S_ACC", "I_ORDER", "I_NEQUAL",
                 "I_SINCE_JAC", "I_NSTEPS", "I_NNI", "I_NCFN", "I_NETF", "I_JAC_PENDING",
                 "I_DENSE_ORDER", "I_NFEV"):
        consts[name] = globals()[name]
    for name, val in consts.items():
        lines.append("%s = %r" % (name, val))
    lines.append("")
    return lines


def _fa_names(blocks, m):
    names = list(HEAD_ARGS) + SETUP.param_list(m)
    for k, _ in blocks:
        names.extend("%s_%d" % (f, k) for f in BLOCK_ARGS)
    return names


def source(st_name, blocks, m):
    """The module's text for the stepper module st_name, blocks [(k, kernel module)] (the
    mechanisms with integrated states, by position k among m mechanisms)."""
    w = []
    w.extend(_header(st_name, blocks, m))
    unpack = "    (%s,) = fa" % ", ".join(_fa_names(blocks, m))
    setup_call = "_setup(%s)" % SETUP.call(m, t="tt")
    w.append("")
    w.append("@njit(cache=True, error_model='numpy')")
    w.append("def fsys(tt, y, ydot, fa):")
    w.append(unpack)
    w.append("    scatter_v(v, cap, y)")
    for k, _ in blocks:
        w.append("    scatter_rows(data%d, rows_%d, nloc_%d, y, off_%d)" % (k, k, k, k))
        w.append("    for w in range(wr_%d.shape[0]):" % k)
        w.append("        r = wr_%d[w, 0]" % k)
        w.append("        io = wr_%d[w, 1]" % k)
        w.append("        fl = wr_%d[w, 2]" % k)
        w.append("        for j in range(nloc_%d):" % k)
        w.append("            ions[io, fl, nodeidx%d[j]] = data%d[r, j]" % (k, k))
    w.append("    " + setup_call)
    w.append("    if algmode != 0:")
    w.append("        for _it in range(20):")
    w.append("            if algmode == 1:")
    w.append("                change = algebraic_local(ncell, nnode, capmask, rhs, d, a, b, parent, v, r2)")
    w.append("            else:")
    w.append("                change = _algebraic(ncell, nnode, capmask, rhs, d, a_alg, b_alg, a, b, "
             "parent, v, r2, d2)")
    w.append("            if algnl == 0 or change <= 1e-12:")
    w.append("                break")
    w.append("            " + setup_call)
    w.append("    vdot(rhs, cm, cap, ydot)")
    for k, _ in blocks:
        w.append("    M%d.nrn_deriv(nloc_%d, data%d, nodeidx%d, v, area, ions, ionidx%d, gv%d, tbl%d, "
                 "tt, dt, celsius, out_%d)" % ((k,) * 8))
        w.append("    put_rows(out_%d, nloc_%d, ydot, off_%d)" % (k, k, k))
    w.append("    return 0")
    w.append("")
    w.append("")
    w.append("@njit(cache=True, error_model='numpy')")
    w.append("def jac(tt, y, atol, jd, ydot, fa):")
    w.append('    """The states\' Jacobian diagonal by forward differences; the stores hold the '
             'state at (tt, y) (fsys was just called)."""')
    w.append(unpack)
    for k, _ in blocks:
        w.append("    nl = nloc_%d" % k)
        w.append("    out0 = out_%d[:, :nl].copy()" % k)
        w.append("    eps = np.empty(nl)")
        w.append("    x0 = np.empty(nl)")
        w.append("    for s in range(rows_%d.shape[0]):" % k)
        w.append("        r = rows_%d[s]" % k)
        w.append("        o = off_%d + s * nl" % k)
        w.append("        for j in range(nl):")
        w.append("            x = data%d[r, j]" % k)
        w.append("            x0[j] = x")
        w.append("            data%d[r, j] = x + 1.5e-8 * max(abs(x), atol[o + j])" % k)
        w.append("            eps[j] = data%d[r, j] - x" % k)
        w.append("        M%d.nrn_deriv(nl, data%d, nodeidx%d, v, area, ions, ionidx%d, gv%d, tbl%d, "
                 "tt, dt, celsius, wk_%d)" % ((k,) * 7))
        w.append("        for j in range(nl):")
        w.append("            data%d[r, j] = x0[j]" % k)
        w.append("        diag_fd(out0, wk_%d, nl, s, eps, jd, off_%d)" % (k, k))
    w.append("    return 0")
    w.append("")
    w.append("# " + "-" * 70 + " the step (the same for every model)")
    w.append(STEP_SOURCE)
    return "\n".join(w) + "\n"


_cache = {}


def module(system):
    """The compiled step's module for system's mechanisms (written to the kernel cache
    and imported; kept per stepper and block structure)."""
    st = system.st
    lay = system.lay
    blocks = [(b.k, lay.mechs[b.k][0].module_name) for b in system.blocks]
    m = len(lay.mechs)
    key = (st.__name__, tuple(blocks), m)
    mod = _cache.get(key)
    if mod is not None:
        return mod
    from pathlib import Path
    from ..nmodl import cache_dir
    src = source(st.__name__, blocks, m)
    hsh = hashlib.sha1((GEN_VERSION + src).encode()).hexdigest()[:12]
    name = "ranvier_cvode_%s" % hsh
    path = Path(cache_dir()) / (name + ".py")
    if not path.exists() or path.read_text() != src:
        tmp = path.with_suffix(".tmp%d" % id(src))
        tmp.write_text(src)
        tmp.replace(path)
    importlib.invalidate_caches()
    mod = importlib.import_module(name)
    _cache[key] = mod
    return mod


def fa_tuple(system, fast):
    """The fa tuple of the generated functions for the current arrays."""
    sy = system
    head = [sy.cap.astype(np.int64), sy.capmask,
            np.int64(0 if sy.alg.size == 0 else (1 if sy.alg_isolated else 2)),
            np.int64(1 if sy.alg_mech else 0), sy.a_alg, sy.b_alg, sy.r2, sy.d2]
    out = head + list(fast.args)
    for b in sy.blocks:
        wr = np.array([[r, ion, fld] for r, ion, fld in b.writes], dtype=np.int64).reshape(-1, 3)
        out.extend([b.rows, np.int64(b.nloc), np.int64(b.off), b.out, wr, np.empty_like(b.out)])
    return tuple(out)
