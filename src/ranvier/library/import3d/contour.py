"""Soma outlines (closed contours) turned into a centroid line, as NEURON's
Import3d does when it instantiates a contour soma, and the sphere rule for a
one-point soma.

The centroid rule, in NEURON's order of operations:
1. The outline, taken as the open path from its first to its last point (the
   closing edge is not part of the path, and z does not count in its length),
   is resampled at 101 equally spaced arc positions; the centre is the mean of
   those points.
2. The principal axis of the resampled points about that centre (the
   eigenvector of the largest eigenvalue of the 3x3 scatter matrix, turned so
   that its largest component is positive) is the soma's axis; the second
   axis, flattened into the xy plane, measures the width.
3. Each point's position along the axis splits the outline into two sides at
   the farthest point; points that would make a side go backwards are dropped.
4. 21 (NEURON's count, from indgen) equally spaced positions between the second
   smallest and the second largest position carry the width between the two
   sides as diameter; the two end diameters are averaged with their
   neighbours.
"""
import math

from ...core.errors import RanvierError
from . import nrnvec as V


class ContourError(RanvierError, ValueError):
    """A soma outline from which no centroid can be made."""


def contourcenter(x, y, z):
    """(centre, xs, ys, zs): the outline resampled at 101 equally spaced arc
    positions along the path from its first to its last point, and the mean of
    those points."""
    n = len(x)
    if n == 0:
        raise ContourError("a soma contour needs points")
    perim = [0.0] * n
    for i in range(1, n):
        dx = x[i] - x[i - 1]
        dy = y[i] - y[i - 1]
        perim[i] = perim[i - 1] + V.mag((dx, dy, 0.0))
    step = perim[-1] / 100
    arc = [i * step for i in range(101)]
    xs = V.interpolate(arc, perim, x)
    ys = V.interpolate(arc, perim, y)
    zs = V.interpolate(arc, perim, z)
    return [V.mean(xs), V.mean(ys), V.mean(zs)], xs, ys, zs


def _eig(m, sort=True):
    """Eigenvalues (ascending) and eigenvectors of the symmetric 3x3 matrix m, by
    cyclic Jacobi rotations run until the off-diagonal is exactly zero: tiny
    off-diagonal terms still tilt the eigenvectors (as NEURON's Eigen-based
    symmeig does; LAPACK would drop them), which decides ties between outline
    points lying on an edge parallel to an axis."""
    a = [list(map(float, row)) for row in m]
    v = [[1.0 if i == j else 0.0 for j in range(3)] for i in range(3)]
    for _ in range(60):
        if a[0][1] == 0.0 and a[0][2] == 0.0 and a[1][2] == 0.0:
            break
        for p, q in ((0, 1), (0, 2), (1, 2)):
            apq = a[p][q]
            if apq == 0.0:
                continue
            theta = (a[q][q] - a[p][p]) / (2.0 * apq)
            t = (1.0 if theta >= 0 else -1.0) / (abs(theta) + math.sqrt(theta * theta + 1.0))
            c = 1.0 / math.sqrt(t * t + 1.0)
            s = t * c
            for k in range(3):
                akp, akq = a[k][p], a[k][q]
                a[k][p] = c * akp - s * akq
                a[k][q] = s * akp + c * akq
            for k in range(3):
                apk, aqk = a[p][k], a[q][k]
                a[p][k] = c * apk - s * aqk
                a[q][k] = s * apk + c * aqk
            a[p][q] = a[q][p] = 0.0
            for k in range(3):
                vkp, vkq = v[k][p], v[k][q]
                v[k][p] = c * vkp - s * vkq
                v[k][q] = s * vkp + c * vkq
    w = [a[i][i] for i in range(3)]
    order = sorted(range(3), key=lambda i: w[i]) if sort else range(3)
    return [w[i] for i in order], [[v[r][i] for r in range(3)] for i in order]


def _prune(pos, val):
    """Drop, from the end backwards, every point not beyond its predecessor by more
    than HOC's float_epsilon (re-examining the same index after a removal, as
    NEURON's loop does)."""
    j = len(pos) - 1
    while j > 0:
        if V.le(pos[j], pos[j - 1]):
            del pos[j]
            del val[j]
            if j != len(pos):
                j += 1
        j -= 1


def contour2centroid(x, y, z):
    """The centroid line of a soma outline: (xs, ys, zs, diams), 21 points as a rule."""
    mean, xs, ys, zs = contourcenter(x, y, z)
    rows = [[a - mean[0] for a in xs], [a - mean[1] for a in ys], [a - mean[2] for a in zs]]
    m = [[0.0] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(i, 3):
            m[i][j] = V.vsum([p * q for p, q in zip(rows[i], rows[j])])
            m[j][i] = m[i][j]
    evals, evecs = _eig(m)
    imax = V.max_ind(evals)
    imin = V.min_ind(evals)
    major = list(evecs[imax])
    big = V.max_ind([abs(a) for a in major])
    if V.lt(major[big], 0):
        major = [-a for a in major]
    minor = list(evecs[3 - imin - imax])
    minor[2] = 0.0
    if V.lt(V.mag(minor) / (V.mag(major) + 1e-100), 1e-6):
        raise ContourError("Failed to compute soma centroid from contour.")
    mm = V.mag(minor)
    minor = [a / mm for a in minor]
    npt = len(xs)
    pos = []
    rad = []
    for k in range(npt):
        pt = (rows[0][k], rows[1][k], rows[2][k])
        pos.append(V.dot(pt, major))
        rad.append(V.dot(pt, minor))
    kmax = V.max_ind(pos)
    pos = pos[kmax:] + pos[:kmax]
    rad = rad[kmax:] + rad[:kmax]
    kmin = V.min_ind(pos)
    side2, rad2 = pos[kmin:], rad[kmin:]
    side1, rad1 = pos[:kmin][::-1], rad[:kmin][::-1]
    _prune(side1, rad1)
    _prune(side2, rad2)
    both = sorted(side1 + side2)
    if len(both) < 4 or not side1 or not side2:
        raise ContourError("Failed to compute soma centroid from contour.")
    lo, hi = both[1], both[-2]
    grid = V.indgen(lo, hi, (hi - lo) / 20)
    r1 = V.interpolate(grid, side1, rad1)
    r2 = V.interpolate(grid, side2, rad2)
    px, py, pz, diam = [], [], [], []
    for k, s in enumerate(grid):
        px.append(major[0] * s + mean[0])
        py.append(major[1] * s + mean[1])
        pz.append(major[2] * s + mean[2])
        diam.append(abs(r1[k] - r2[k]))
    diam[0] = (diam[0] + diam[1]) / 2
    diam[-1] = (diam[-1] + diam[-2]) / 2
    return px, py, pz, diam


def sphere_rep(x, y, z, d):
    """A one-point soma (a sphere of diameter d) as the 3-point cylinder NEURON
    makes: along x from x - d/2 to x + d/2, diameter d throughout."""
    return [x - d / 2, x, x + d / 2], [y] * 3, [z] * 3, [d] * 3
