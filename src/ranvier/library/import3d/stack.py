"""Soma stacks: a soma traced as outlines in successive focal planes (Neurolucida
files whose soma contours' xy bounding boxes overlap).

NEURON makes such a soma a section with one point per outline: the outline's
centre (the mean of the outline resampled at 101 points) with the diameter
mean distance from that centre + perimeter/(2 pi).  Trees are attached at the
middle of the line through the centres, by arc length.  While reading, NEURON
prints the principal axes of the stack's points (a diagnostic it does not use;
it takes the first three points of each outline), and when instantiating, the
area of the surface triangulated between consecutive outlines.
"""
import math
import sys

from . import nrnvec as V
from .contour import _eig, contourcenter
from .errors import Import3dError


def _vprintf(values):
    """Vector.printf(): '%g\\t' each, a newline after every fifth and at the end."""
    out = []
    for i, v in enumerate(values):
        out.append("%g\t" % v)
        if i % 5 == 4:
            out.append("\n")
    if len(values) % 5 != 0 or not values:
        out.append("\n")
    return "".join(out)


def _contours(soma):
    return [soma] + list(soma.contour_list or [])


def _center_of(sec):
    return contourcenter(list(sec._x), list(sec._y), list(sec._z))[0]


def _sumsq(v):
    s = 0.0
    for a in v:
        s += a * a
    return s


def print_principal_axes(soma):
    """NEURON's somastack_process output."""
    out = sys.stdout
    cons = _contours(soma)
    out.write("somastack_process %d\n" % len(cons))
    cols = []
    for c in cons:                       # NEURON copies the first 3 points of each
        for j in range(min(3, c.npoints())):
            cols.append((c._x[j], c._y[j], c._z[j]))
    rows = [[p[i] for p in cols] for i in range(3)]
    center = [V.mean(r) for r in rows]
    out.write("center\n")
    out.write(_vprintf(center))
    rows = [[a - center[i] for a in rows[i]] for i in range(3)]
    m = [[0.0] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(i, 3):
            m[i][j] = m[j][i] = V.vsum([p * q for p, q in zip(rows[i], rows[j])])
    w, vecs = _eig(m, sort=False)
    out.write("Principle values\n")
    out.write(_vprintf(w))
    out.write("Principle axes\n")
    for r in range(3):
        out.write("".join(" %-8.3g" % vecs[c][r] for c in range(3)) + "\n")


def stk_center(soma):
    """The point halfway along the line through the outline centres (by length)."""
    cons = _contours(soma)
    cents = [_center_of(c) for c in cons]
    length = 0.0
    lens = [0.0]
    for i in range(1, len(cents)):
        d = [cents[i][k] - cents[i - 1][k] for k in range(3)]
        length += math.sqrt(_sumsq(d))
        lens.append(length)
    length = length / 2
    if V.eq(length, 0):
        return list(cents[0])
    i = next(k for k, v in enumerate(lens) if V.gt(v, length))
    th = (length - lens[i - 1]) / (lens[i] - lens[i - 1])
    return [th * cents[i][k] + (1 - th) * cents[i - 1][k] for k in range(3)]


def stk_bbox(soma):
    """xmin, xmax, ymin, ymax over all the outlines."""
    cons = _contours(soma)
    xs = [v for c in cons for v in c._x]
    ys = [v for c in cons for v in c._y]
    return min(xs), max(xs), min(ys), max(ys)


def _edgelen(p, q):
    return math.sqrt(_sumsq([p[k] - q[k] for k in range(3)]))


def _col(sec, i):
    i = int(i)
    return (sec._x[i], sec._y[i], sec._z[i])


def _contour_indices(sec, pt):
    """Point indices of an outline, counterclockwise, starting at the point nearest
    `pt`, the first repeated at the end."""
    n = sec.npoints()
    idx = list(range(n))
    c = _center_of(sec)
    a = [sec._x[0] - c[0], sec._y[0] - c[1], sec._z[0] - c[2]]
    b = [sec._x[1] - c[0], sec._y[1] - c[1], sec._z[1] - c[2]]
    if V.gt(a[0] * b[1] - a[1] * b[0], 0):
        idx.reverse()
    imin, dmin = -1, 1e9
    for i in range(n):
        d = _edgelen(_col(sec, idx[i]), pt)
        if V.lt(d, dmin):
            dmin, imin = d, i
    idx = idx[imin:] + idx[:imin]
    idx.append(idx[0])
    return idx


def _triangulate(c1, c2):
    """Index pairs (one on each outline) along the band between two outlines."""
    pt = _col(c1, 0)
    i1 = _contour_indices(c1, pt)
    i2 = _contour_indices(c2, pt)
    i = j = 0
    n1, n2 = len(i1) - 1, len(i2) - 1
    trv = []
    while i < n1 or j < n2:
        trv.append((i1[i], i2[j]))
        if i < n1 and j < n2:
            d1 = (c1._x[i1[i]] - c2._x[i2[j + 1]]) ** 2 + (c1._y[i1[i]] - c2._y[i2[j + 1]]) ** 2
            d2 = (c1._x[i1[i + 1]] - c2._x[i2[j]]) ** 2 + (c1._y[i1[i + 1]] - c2._y[i2[j]]) ** 2
            if V.lt(d2, d1):
                i += 1
            else:
                j += 1
        elif i < n1:
            i += 1
        else:
            j += 1
    trv.append((i1[i], i2[j]))
    return trv


def triangle_area(a, b, c):
    """W. Kahan's accurate area of a triangle with sides a, b, c."""
    x0, x1, x2 = sorted((a, b, c))
    if (x0 - (x2 - x1)) < 0:
        raise Import3dError("accurate_triangle_area: not a triangle")
    return .25 * math.sqrt((x2 + (x1 + x0)) * (x0 - (x2 - x1)) * (x0 + (x2 - x1))
                           * (x2 + (x1 - x0)))


def _band_area(c1, c2):
    trv = _triangulate(c1, c2)
    area = 0.0
    i1, i2 = trv[0]
    a = _edgelen(_col(c1, i1), _col(c2, i2))
    for j1, j2 in trv[1:]:
        b = _edgelen(_col(c1, j1), _col(c2, j2))
        if i1 == j1:
            c = _edgelen(_col(c2, i2), _col(c2, j2))
        else:
            c = _edgelen(_col(c1, i1), _col(c1, j1))
        area += triangle_area(a, b, c)
        i1, i2 = j1, j2
        a = b
    return area


def stack_area(soma):
    cons = _contours(soma)
    return sum(_band_area(cons[k], cons[k + 1]) for k in range(len(cons) - 1))


def approximate_contour_by_circle(sec):
    """(centre, diameter) of one outline: the centre of the outline resampled at 101
    points; the diameter is the mean distance of those points from the centre plus
    the outline's perimeter / (2 pi)."""
    n = sec.npoints()
    perim = 0.0
    for i in range(n):
        perim += _edgelen(_col(sec, i), _col(sec, (i + 1) % n))
    center, xs, ys, zs = contourcenter(list(sec._x), list(sec._y), list(sec._z))
    r = [math.sqrt(((x - center[0]) * (x - center[0]) + (y - center[1]) * (y - center[1]))
                   + (z - center[2]) * (z - center[2])) for x, y, z in zip(xs, ys, zs)]
    return center, V.mean(r) + perim / (2 * math.pi)


def stack2centroid(soma):
    """The soma line of a stack: one point per outline (x, y, z, d lists); prints the
    triangulated surface area as NEURON does."""
    sys.stdout.write("stk_triang_area = %g\n" % stack_area(soma))
    xs, ys, zs, ds = [], [], [], []
    for c in _contours(soma):
        center, d = approximate_contour_by_circle(c)
        xs.append(center[0])
        ys.append(center[1])
        zs.append(center[2])
        ds.append(d)
    return xs, ys, zs, ds
