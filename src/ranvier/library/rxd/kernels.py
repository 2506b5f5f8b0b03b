"""The compiled parts of 1-D rxd's fixed step (NEURON 9.0.2's method):

1. explicit part  r = dt * (-M y + ion-current sources), M the diffusion operator;
2. implicit diffusion  (C + dt M) dy = r  by a tree (Hines) solve, y += dy, the
   zero-volume nodes (section ends and junctions) reset to 0;
3. reactions per location (segment), linearly implicit: (I - dt J) dy = dt f(y), J by
   forward differences with step FLT_EPSILON, y += dy.
"""
import numpy as np
from numba import njit

FLT_EPSILON = 1.1920928955078125e-07


@njit(cache=True)
def diffusion_step(y, dt, mi, mj, mv, cidx, cscale, cptr, ions, ind, ind_k, tp, ta, tb, tc, td,
                   zvi, has_diff):
    n = y.shape[0]
    rhs = np.zeros(n)
    if has_diff:
        for k in range(mi.shape[0]):
            rhs[mi[k]] -= mv[k] * y[mj[k]]
    for k in range(cidx.shape[0]):
        rhs[cidx[k]] += cscale[k] * ions[cptr[k]]
    for k in range(cidx.shape[0]):
        if ind_k[k] >= 0:
            rhs[cidx[k]] -= cscale[k] * ind[ind_k[k]]
    for i in range(n):
        rhs[i] *= dt
    if has_diff:
        d = np.empty(n)
        for i in range(n):
            d[i] = tc[i] + dt * td[i]
        for i in range(n - 1, 0, -1):
            p = tp[i]
            if p > -1:
                q = dt * ta[i] / d[i]
                d[p] -= dt * q * tb[i]
                rhs[p] -= q * rhs[i]
        for i in range(n):
            p = tp[i]
            if p > -1:
                rhs[i] -= dt * tb[i] * rhs[p]
            rhs[i] /= d[i]
    for i in range(n):
        y[i] += rhs[i]
    for i in range(zvi.shape[0]):
        y[zvi[i]] = 0.0


@njit(cache=True)
def lu_solve(A, b, n):
    """Solve A[:n, :n] x = b[:n] in place (b becomes x) by Gaussian elimination with
    partial pivoting."""
    for k in range(n):
        piv = k
        big = abs(A[k, k])
        for i in range(k + 1, n):
            if abs(A[i, k]) > big:
                big = abs(A[i, k])
                piv = i
        if piv != k:
            for j in range(n):
                tmp = A[k, j]
                A[k, j] = A[piv, j]
                A[piv, j] = tmp
            tmp = b[k]
            b[k] = b[piv]
            b[piv] = tmp
        for i in range(k + 1, n):
            f = A[i, k] / A[k, k]
            if f != 0.0:
                for j in range(k + 1, n):
                    A[i, j] -= f * A[k, j]
                b[i] -= f * b[k]
    for i in range(n - 1, -1, -1):
        s = b[i]
        for j in range(i + 1, n):
            s -= A[i, j] * b[j]
        b[i] = s / A[i, i]


# The per-location kernels, compiled with the rate function of a group of locations
# (model._compile_group writes `rates`) into a module of the kernel cache.
_LOCAL = """

@njit(cache=True)
def step(y, dt, sidx, pidx, mults):
    nloc, ns = sidx.shape
    s = np.empty(ns)
    sdx = np.empty(ns)
    p = np.empty(max(pidx.shape[1], 1))
    out = np.zeros(ns)
    outdx = np.zeros(ns)
    fl = np.zeros(ns)
    present = np.empty(ns, dtype=np.int64)
    A = np.zeros((ns, ns))
    b = np.empty(ns)
    for loc in range(nloc):
        npres = 0
        for i in range(ns):
            j = sidx[loc, i]
            if j >= 0:
                s[i] = y[j]
                present[npres] = i
                npres += 1
            else:
                s[i] = -1.0
        for i in range(pidx.shape[1]):
            j = pidx[loc, i]
            p[i] = y[j] if j >= 0 else -1.0
        m = mults[loc]
        rates(s, p, m, out, fl)
        for c in range(npres):
            ic = present[c]
            b[c] = dt * out[ic]
            for i in range(ns):
                sdx[i] = s[i]
            sdx[ic] += FLT_EPSILON
            rates(sdx, p, m, outdx, fl)
            for r in range(npres):
                ir = present[r]
                pd = (outdx[ir] - out[ir]) / FLT_EPSILON
                A[r, c] = (1.0 if r == c else 0.0) - dt * pd
        lu_solve(A, b, npres)
        for c in range(npres):
            y[sidx[loc, present[c]]] += b[c]


@njit(cache=True)
def induced(y, sidx, pidx, mults, lookup, scale, ind):
    nloc, ns = sidx.shape
    s = np.empty(ns)
    p = np.empty(max(pidx.shape[1], 1))
    out = np.zeros(ns)
    fl = np.zeros(ns)
    for loc in range(nloc):
        for i in range(ns):
            j = sidx[loc, i]
            s[i] = y[j] if j >= 0 else np.nan
        for i in range(pidx.shape[1]):
            j = pidx[loc, i]
            p[i] = y[j] if j >= 0 else np.nan
        for i in range(ns):
            fl[i] = 0.0
        rates(s, p, mults[loc], out, fl)
        for i in range(ns):
            j = sidx[loc, i]
            if j >= 0 and lookup[j] >= 0:
                k = lookup[j]
                ind[k] -= scale[k] * fl[i]
"""

_MODULES = {}


def local_kernels(rates_src):
    """The module (written to the kernel cache, compiled once) with `rates` (the
    generated source of a group's rate function) and its step and induced kernels."""
    mod = _MODULES.get(rates_src)
    if mod is not None:
        return mod
    import hashlib
    import importlib
    from pathlib import Path
    from ...nmodl import cache_dir
    src = ("import math\nimport numpy as np\nfrom numba import njit\n"
           "from ranvier.library.rxd.kernels import FLT_EPSILON, lu_solve\n\n\n"
           "@njit(cache=True)\n" + rates_src + "\n" + _LOCAL)
    name = "ranvier_rxd_%s" % hashlib.sha1(src.encode()).hexdigest()[:12]
    path = Path(cache_dir()) / (name + ".py")
    if not path.exists() or path.read_text() != src:
        tmp = path.with_suffix(".tmp%d" % id(src))
        tmp.write_text(src)
        tmp.replace(path)
    importlib.invalidate_caches()
    mod = _MODULES[rates_src] = importlib.import_module(name)
    return mod


@njit(cache=True)
def add_at(flat, ptr, vals):
    for k in range(ptr.shape[0]):
        flat[ptr[k]] += vals[k]


@njit(cache=True)
def transfer(y, cidx, cptr, ions):
    for k in range(cidx.shape[0]):
        ions[cptr[k]] = y[cidx[k]]
