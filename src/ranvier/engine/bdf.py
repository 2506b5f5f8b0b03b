"""Compiled kernels of the variable-step integrator (engine/cvode.py).

A variable-order (1-5), variable-step BDF method in backward-difference form
(the quasi-constant step size formulation of Shampine and Reichelt, with the
NDF coefficients set to zero: plain BDF, whose local error estimate
C_q * (y_n - y_pred), C_q = 1/(q+1), is CVODE's).  The history is the array
``D`` (rows 0..q+2: y and its backward differences scaled to the step h).

The Newton iteration's linear solve is NEURON's: the matrix of the fixed-step
method with cj = alpha_q / h, i.e. the cable matrix plus every mechanism's
current conductance (the setup's d, evaluated at the iterate) solved by the
Hines tree elimination, and for the integrated STATEs the diagonal of their
Jacobian (1 - c * d(s')/ds).  The nodes without capacitance take part in the
tree solve as rows without the capacitive term, which eliminates them exactly.

Every kernel works on the flat vector y: the voltages of the capacitive nodes
(ycap order), then the states (cvode.System's layout)."""
import math

import numpy as np
from numba import njit

MAX_ORDER = 5
# BDF coefficients (kappa = 0)
GAMMA = np.hstack((0.0, np.cumsum(1.0 / np.arange(1, MAX_ORDER + 1))))
ALPHA = GAMMA.copy()
ERROR_CONST = 1.0 / np.arange(1, MAX_ORDER + 2)


@njit(cache=True)
def predict(D, order, gam, alpha_o, atol, rtol, ypred, psi, scale, y, dacc):
    """y_pred = sum of D[0..order]; psi = sum_j gamma_j D[j] / alpha_order; the error
    weights' scale atol + rtol |y_pred|; the Newton iterate y = y_pred, its dacc = 0."""
    n = D.shape[1]
    for i in range(n):
        ypred[i] = D[0, i]
        psi[i] = 0.0
    for j in range(1, order + 1):
        g = gam[j]
        for i in range(n):
            x = D[j, i]
            ypred[i] += x
            psi[i] += x * g
    for i in range(n):
        psi[i] /= alpha_o
        scale[i] = atol[i] + rtol * abs(ypred[i])
        y[i] = ypred[i]
        dacc[i] = 0.0


@njit(cache=True)
def newton_delta(ncell, nnode, parent, a, b, ab, dset, cm, capnode, c, ydot, psi, dacc, jdiag,
                 scale, dy, rr, dd, y):
    """The Newton correction dy for (I - c J) dy = c f - psi - dacc (J: the cable matrix
    with the setup's conductances, the states' diagonal; ab = a * b), added to y and dacc; returns
    its RMS norm and that of the new dacc in units of scale (NaN if some derivative was
    not finite)."""
    n = dy.shape[0]
    ncap = capnode.shape[0]
    cj = 1.0 / c
    for i in range(nnode):
        rr[i] = 0.0
        dd[i] = dset[i] + 1e-3 * cm[i] * cj
    for k in range(ncap):
        i = capnode[k]
        rr[i] = 1e-3 * cm[i] * cj * (c * ydot[k] - psi[k] - dacc[k])
    # Hines: eliminate from the leaves (dd keeps each pivot's reciprocal), back-substitute
    # from the roots
    # (where a node's parent is the node handled just before, its values come from
    # registers rather than from the element just stored: off the dependency chain)
    ci = -1
    cd = 0.0
    cr = 0.0
    for i in range(nnode - 1, ncell - 1, -1):
        if i == ci:
            di = cd
            ri = cr
        else:
            di = dd[i]
            ri = rr[i]
        p = parent[i]
        q = 1.0 / di
        dd[i] = q
        cd = dd[p] - ab[i] / di         # the chain: one divide and one subtraction
        cr = rr[p] - a[i] * q * ri
        dd[p] = cd
        rr[p] = cr
        ci = p
    for r in range(ncell):
        rr[r] /= dd[r]
    ci = -1
    cr = 0.0
    for i in range(ncell, nnode):
        p = parent[i]
        rp = cr if p == ci else rr[p]
        cr = (rr[i] - b[i] * rp) * dd[i]
        rr[i] = cr
        ci = i
    s = 0.0
    for k in range(ncap):
        x = rr[capnode[k]]
        dy[k] = x
        x /= scale[k]
        s += x * x
    for k in range(ncap, n):
        x = (c * ydot[k] - psi[k] - dacc[k]) / (1.0 - c * jdiag[k])
        dy[k] = x
        x /= scale[k]
        s += x * x
    sa = 0.0
    for i in range(n):
        y[i] += dy[i]
        x = dacc[i] + dy[i]
        dacc[i] = x
        x /= scale[i]
        sa += x * x
    if n == 0:
        return 0.0, 0.0
    return math.sqrt(s / n), math.sqrt(sa / n)


@njit(cache=True)
def apply(y, dacc, dy):
    for i in range(y.shape[0]):
        y[i] += dy[i]
        dacc[i] += dy[i]


@njit(cache=True)
def wrms(x, coef, scale):
    """RMS norm of coef * x / scale."""
    n = x.shape[0]
    s = 0.0
    for i in range(n):
        e = coef * x[i] / scale[i]
        s += e * e
    return math.sqrt(s / n) if n else 0.0


@njit(cache=True)
def rescale(atol, rtol, y, scale):
    for i in range(y.shape[0]):
        scale[i] = atol[i] + rtol * abs(y[i])


@njit(cache=True)
def accept(D, order, dacc):
    """Update the differences after an accepted step of the given order."""
    n = D.shape[1]
    for i in range(n):
        D[order + 2, i] = dacc[i] - D[order + 1, i]
        D[order + 1, i] = dacc[i]
    for j in range(order, -1, -1):
        for i in range(n):
            D[j, i] += D[j + 1, i]


@njit(cache=True)
def _compute_r(order, factor, out):
    # M[0, :] = 1; M[i, j] = (i - 1 - factor j) / i for i, j >= 1; cumulative product down
    for j in range(order + 1):
        out[0, j] = 1.0
    for i in range(1, order + 1):
        out[i, 0] = 0.0
        for j in range(1, order + 1):
            out[i, j] = out[i - 1, j] * (i - 1 - factor * j) / i
    return out


@njit(cache=True)
def change_d(D, order, factor):
    """Re-express the differences for the step h * factor (same interpolating polynomial)."""
    k = order + 1
    R = _compute_r(order, factor, np.empty((k, k)))
    U = _compute_r(order, 1.0, np.empty((k, k)))
    RU = R @ U
    n = D.shape[1]
    old = D[:k].copy()
    for j in range(k):
        for i in range(n):
            D[j, i] = 0.0
        for m in range(k):
            c = RU[m, j]
            for i in range(n):
                D[j, i] += c * old[m, i]


@njit(cache=True)
def dense(D, order, t, h, tq, out):
    """The interpolating polynomial of the last step (ending at t, step h) at tq."""
    n = D.shape[1]
    p = np.empty(order)
    acc = 1.0
    for j in range(order):
        acc *= (tq - (t - h * j)) / (h * (1 + j))
        p[j] = acc
    for i in range(n):
        out[i] = D[0, i]
    for j in range(order):
        c = p[j]
        for i in range(n):
            out[i] += D[j + 1, i] * c


@njit(cache=True)
def scatter_v(v, cap, y):
    for k in range(cap.shape[0]):
        v[cap[k]] = y[k]


@njit(cache=True)
def gather_v(v, cap, y):
    for k in range(cap.shape[0]):
        y[k] = v[cap[k]]


@njit(cache=True)
def scatter_rows(data, rows, nloc, y, off):
    for s in range(rows.shape[0]):
        r = rows[s]
        o = off + s * nloc
        for j in range(nloc):
            data[r, j] = y[o + j]


@njit(cache=True)
def gather_rows(data, rows, nloc, y, off):
    for s in range(rows.shape[0]):
        r = rows[s]
        o = off + s * nloc
        for j in range(nloc):
            y[o + j] = data[r, j]


@njit(cache=True)
def vdot(rhs, cm, cap, ydot):
    for k in range(cap.shape[0]):
        i = cap[k]
        ydot[k] = 1e3 * rhs[i] / cm[i]


@njit(cache=True)
def put_rows(out, nloc, ydot, off):
    for s in range(out.shape[0]):
        o = off + s * nloc
        for j in range(nloc):
            ydot[o + j] = out[s, j]


@njit(cache=True)
def diag_fd(out0, out1, nloc, s, eps, jdiag, off):
    """d(s')/ds of state row s from a perturbed derivative evaluation."""
    o = off + s * nloc
    for j in range(nloc):
        jdiag[o + j] = (out1[s, j] - out0[s, j]) / eps[j]


@njit(cache=True)
def all_finite(x):
    for i in range(x.shape[0]):
        if x[i] - x[i] != 0.0:
            return False
    return True


@njit(cache=True)
def algebraic_local(ncell, nnode, capmask, rhs, d, a, b, parent, v, r2):
    """The nodes without capacitance, none next to another, solved for zero net current
    with their neighbours held: one Newton step each (dv = rhs / d), the neighbours'
    axial terms corrected.  Returns the largest relative change."""
    for i in range(nnode):
        r2[i] = 0.0 if capmask[i] else rhs[i] / d[i]
    return apply_algebraic_change(ncell, nnode, capmask, rhs, a, b, parent, v, r2)


@njit(cache=True)
def apply_algebraic_change(ncell, nnode, capmask, rhs, a, b, parent, v, r2):
    """Add the change r2 to the nodes without capacitance and correct their
    neighbours' axial terms in rhs; returns the largest relative change (shared by
    algebraic_local and cvode's coupled solve)."""
    change = 0.0
    for i in range(nnode):
        if not capmask[i]:
            v[i] += r2[i]
            c = abs(r2[i]) / (1.0 + abs(v[i]))
            if c > change:
                change = c
    for i in range(ncell, nnode):
        p = parent[i]
        dd = r2[p] - r2[i]
        if dd != 0.0:
            rhs[i] -= b[i] * dd
            rhs[p] += a[i] * dd
    return change


def algebraic_edges(ncell, nnode, capmask, a, b, parent):
    """For algebraic_v: per node without capacitance (alg), its neighbours and the
    conductances to them (CSR: ptr, nb, g)."""
    alg = np.nonzero(~capmask[:nnode])[0]
    pos = -np.ones(nnode, dtype=np.int64)
    pos[alg] = np.arange(alg.size)
    lists = [[] for _ in range(alg.size)]
    for i in range(ncell, nnode):
        p = parent[i]
        if pos[i] >= 0:
            lists[pos[i]].append((p, -b[i]))
        if pos[p] >= 0:
            lists[pos[p]].append((i, -a[i]))
    ptr = np.zeros(alg.size + 1, dtype=np.int64)
    for k, lst in enumerate(lists):
        ptr[k + 1] = ptr[k] + len(lst)
    nb = np.array([x for lst in lists for x, _ in lst], dtype=np.int64)
    g = np.array([y for lst in lists for _, y in lst], dtype=float)
    return alg.astype(np.int64), ptr, nb, g


@njit(cache=True)
def scatter_voltages(v, cap, y, alg, ptr, nb, g):
    """v of the capacitive nodes from y, then those of the nodes without (algebraic_v)."""
    for k in range(cap.shape[0]):
        v[cap[k]] = y[k]
    algebraic_v(alg, ptr, nb, g, v)


@njit(cache=True)
def algebraic_v(alg, ptr, nb, g, v):
    """v of the nodes without capacitance (no current of their own, none next to another):
    the conductance-weighted mean of their neighbours' v."""
    for k in range(alg.shape[0]):
        num = 0.0
        den = 0.0
        for e in range(ptr[k], ptr[k + 1]):
            num += g[e] * v[nb[e]]
            den += g[e]
        if den != 0.0:
            v[alg[k]] = num / den
