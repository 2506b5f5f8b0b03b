"""Segment areas and axial resistances, as NEURON's treeset computes them.

Cylinders: area pi*d*dx, half-segment resistance (1e-2*Ra*dx/2)/(pi*d*d/4).
3-D points: frusta over float32 points, walked in half segments with a
cursor that carries across segments (NUMERICS.md (b)).  Units: um, ohm*cm,
um2, megohm.
"""
import math

import numpy as np

PI = math.pi


def cylinder(L, diam, Ra, nseg):
    """Return (area[nseg], rinv[nseg + 1]): rinv[j] couples node j to its parent;
    rinv[nseg] couples the 1-end node to the last segment node."""
    dx = L / nseg
    area = np.empty(nseg)
    rinv = np.empty(nseg + 1)
    hprev = 0.0
    for j in range(nseg):
        dj = float(diam[j])
        area[j] = (PI * dj) * dx
        hj = ((1e-2 * Ra) * (dx / 2)) / (((PI * dj) * dj) / 4)
        rinv[j] = 1.0 / (hj + hprev)
        hprev = hj
    rinv[nseg] = 1.0 / hprev
    return area, rinv


def arc_lengths(x, y, z):
    """Cumulative arc length (double) from float32 coordinates."""
    n = len(x)
    arc = np.zeros(n)
    if n > 1:
        dx = (x[1:] - x[:-1]).astype(np.float64)     # float32 differences, widened
        dy = (y[1:] - y[:-1]).astype(np.float64)
        dz = (z[1:] - z[:-1]).astype(np.float64)
        seglen = np.sqrt(dx * dx + dy * dy + dz * dz)
        s = 0.0
        for k in range(n - 1):       # sequential sum: same rounding as NEURON
            s = s + float(seglen[k])
            arc[k + 1] = s
    return arc


def frusta(arc, d, Ra, nseg):
    """Return (area[nseg], rinv[nseg + 1], diam[nseg]) from 3-D points."""
    npt = len(arc)
    absd = [abs(float(v)) for v in d]
    arcs = [float(a) for a in arc]
    ds = arcs[-1] / nseg
    area = np.empty(nseg)
    rinv = np.empty(nseg + 1)
    diam = np.empty(nseg)
    k = 0
    s1 = arcs[0]
    y1 = absd[0]
    hright_prev = 0.0
    for j in range(nseg):
        D = 0.0
        S = 0.0
        hleft = hright = 0.0
        e = j * ds + ds / 2
        for half in (0, 1):
            if half == 1:
                e = e + ds / 2
            R = 0.0
            while True:
                last = (k + 1 == npt - 1)
                if arcs[k + 1] > e or last:
                    s2 = e
                    da = arcs[k + 1] - arcs[k]
                    f = 1.0 if abs(da) < 1e-10 else (e - arcs[k]) / da
                    y2 = (1 - f) * absd[k] + f * absd[k + 1]
                    done = True
                else:
                    s2 = arcs[k + 1]
                    y2 = absd[k + 1]
                    done = False
                delta = s2 - s1
                D += (y2 + y1) * delta
                delta = max(delta, 1e-15)
                quot = (y2 * y1) / delta
                if quot == 0.0:
                    quot = 1e-15
                R += 1.0 / quot
                q = 0.5 * (y2 - y1)
                S += (y2 + y1) * math.sqrt(delta * delta + q * q)
                s1 = s2
                y1 = y2
                if done:
                    break
                k += 1
            hres = ((R * Ra) / PI) * 0.04
            if half == 0:
                hleft = hres
            else:
                hright = hres
        rinv[j] = 1.0 / (hright_prev + hleft)
        area[j] = (S * 0.5) * PI
        diam[j] = D * (0.5 / ds)
        hright_prev = hright
    rinv[nseg] = 1.0 / hright_prev
    return area, rinv, diam
