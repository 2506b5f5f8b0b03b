"""Compiled pieces of the extra-equation step (extra_eqn.py): the extracellular layers'
matrix entries and right-hand side, and their update after the solve.  Imported only
when a model has the extracellular mechanism (it imports numba)."""
import numpy as np
from numba import njit

NLAYER = 2


@njit(cache=True)
def ext_count(parpos):
    """The number of matrix entries ext_assemble emits."""
    ne = parpos.shape[0]
    c = 0
    for p in range(ne):
        c += 6
        if parpos[p] >= 0:
            c += 3 * NLAYER
    return c


@njit(cache=True)
def ext_assemble(n, ncell, v, d, a, b, parent, nodes, haspar, slot, parpos, ax, bx, vx,
                 xg_all, xc_all, e_all, stim, cfac, rhs, rows, cols, vals, dmem, iion):
    """Add the extracellular terms to rhs (the setup's node rhs in rhs[:n]) and write the
    layer entries (rows, cols, vals: ext_count of them, in a fixed order) and, per ext
    node, dmem (cm*cj/1000 + di/dv) and iion (outward membrane current).

    Ext node p's layer j is unknown n + NLAYER*p + j.  The setup's axial terms (in
    membrane potentials) are taken out of d and rhs to get the membrane's own terms; the
    internal rows are made to read internal potentials (v + vext[0])."""
    ne = nodes.shape[0]
    axr = np.zeros(n)
    axd = np.zeros(n)
    vx0 = np.zeros(n)
    for p in range(ne):
        vx0[nodes[p]] = vx[p, 0]
    for i in range(ncell, n):
        q = parent[i]
        dv = v[q] - v[i]
        axr[i] -= b[i] * dv
        axr[q] += a[i] * dv
        axd[i] -= b[i]
        axd[q] -= a[i]
    for p in range(ne):
        k = nodes[p]
        iion[p] = -((rhs[k] - axr[k]) - stim[k])
        dmem[p] = d[k] - axd[k]
    for i in range(ncell, n):
        q = parent[i]
        dvx = vx0[q] - vx0[i]
        rhs[i] -= b[i] * dvx
        rhs[q] += a[i] * dvx
    c = 0
    for p in range(ne):
        k = nodes[p]
        xi = n + NLAYER * p
        seg = slot[p] >= 0
        on = seg and haspar[p]      # root and 1-end nodes: xg = xc = 0
        s = slot[p]
        xg0 = xg_all[0, s] if on else 0.0
        xg1 = xg_all[1, s] if on else 0.0
        m0 = xg0 + (xc_all[0, s] if on else 0.0) * cfac
        m1 = xg1 + (xc_all[1, s] if on else 0.0) * cfac
        e = e_all[s] if seg else 0.0
        d0 = dmem[p] + m0
        d1 = m0 + m1
        rhs[xi] += iion[p]
        rhs[xi + 1] -= xg1 * (vx[p, 1] - e)
        xcur = xg0 * (vx[p, 0] - vx[p, 1])
        rhs[xi] -= xcur
        rhs[xi + 1] += xcur
        rows[c] = k
        cols[c] = xi
        vals[c] = -dmem[p]
        rows[c + 1] = xi
        cols[c + 1] = k
        vals[c + 1] = -dmem[p]
        rows[c + 2] = xi
        cols[c + 2] = xi + 1
        vals[c + 2] = -m0
        rows[c + 3] = xi + 1
        cols[c + 3] = xi
        vals[c + 3] = -m0
        c += 4
        pp = parpos[p]
        if pp >= 0:
            xp = n + NLAYER * pp
            for j in range(NLAYER):
                dvj = vx[pp, j] - vx[p, j]
                rhs[xi + j] -= bx[p, j] * dvj
                rhs[xp + j] += ax[p, j] * dvj
                rows[c] = xi + j
                cols[c] = xp + j
                vals[c] = bx[p, j]
                rows[c + 1] = xp + j
                cols[c + 1] = xi + j
                vals[c + 1] = ax[p, j]
                rows[c + 2] = xp + j
                cols[c + 2] = xp + j
                vals[c + 2] = -ax[p, j]
                c += 3
            d0 -= bx[p, 0]
            d1 -= bx[p, 1]
        rows[c] = xi
        cols[c] = xi
        vals[c] = d0
        rows[c + 1] = xi + 1
        cols[c + 1] = xi + 1
        vals[c + 1] = d1
        c += 2
    return c


@njit(cache=True)
def ext_update(n, x, nodes, slot, vx, v, dmem, iion, data, rim, rvext):
    """After the solve: layers += their solution, v (membrane) -= dvext[0] (v already
    moved by the internal potential's change), i_membrane = dmem*dvm + iion; the segment
    nodes' vext and i_membrane written to the mechanism's data."""
    for p in range(nodes.shape[0]):
        xi = n + NLAYER * p
        k = nodes[p]
        dx0 = x[xi]
        for j in range(NLAYER):
            vx[p, j] += x[xi + j]
        dvm = x[k] - dx0
        v[k] -= dx0
        s = slot[p]
        if s >= 0:
            data[rim, s] = dmem[p] * dvm + iion[p]
            for j in range(NLAYER):
                data[rvext + j, s] = vx[p, j]
    return 0
