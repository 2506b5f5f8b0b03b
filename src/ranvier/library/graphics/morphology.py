"""The morphology as the shape plots draw it: every segment's path in the x-y plane
(3-D points after define_shape, split at the segments' arc lengths) and diameter."""
from ...model.section import allsec
from ...model.shape import define_shape


def _sections(seclist):
    if seclist is None:
        return list(allsec())
    return [s for s in seclist if s.is_valid()]


def _interp(pts, a):
    """The point at arc length `a` along pts [(x, y, z, d, arc), ...]."""
    for j in range(1, len(pts)):
        if pts[j][4] >= a or j == len(pts) - 1:
            p0, p1 = pts[j - 1], pts[j]
            span = p1[4] - p0[4]
            f = 0.0 if span <= 0 else min(1.0, max(0.0, (a - p0[4]) / span))
            return tuple(p0[k] + f * (p1[k] - p0[k]) for k in range(4)) + (a,)
    return pts[-1]


def segments(seclist=None):
    """[(section, x, [(x, y), ...], diam)] for every segment, in allsec order."""
    define_shape()
    out = []
    for sec in _sections(seclist):
        n = int(sec.n3d())
        if n < 2:
            continue
        pts = [(sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i), sec.arc3d(i)) for i in range(n)]
        total = pts[-1][4]
        nseg = int(sec.nseg)
        for k in range(nseg):
            a0, a1 = total * k / nseg, total * (k + 1) / nseg
            path = [_interp(pts, a0)] + [p for p in pts if a0 < p[4] < a1] + [_interp(pts, a1)]
            x = (k + 0.5) / nseg
            try:
                diam = float(sec(x).diam)
            except Exception:
                diam = path[0][3]
            out.append((sec, x, [(p[0], p[1]) for p in path], diam))
    return out
