"""h.define_shape(): give sections without 3-D points a planar layout.

Roots lie along +x from the origin; children start at their attachment point:
those at an end fan out around the parent's direction (backwards at the 0-end),
those at an interior point leave at a right angle (the layout NEURON draws).
The points are stored like user 3-D points (float32), at x = 0, the segment
centres and x = 1, with the adjacent segments' diameters.
"""
import math

import numpy as np

from .section import allsec

SPREAD = 0.8


def _offset(sec, par, px):
    """Direction of a child relative to its parent's: children at an end fan out over
    SPREAD radians (backwards at the 0-end), in sibling order; a child at an interior
    point leaves at a right angle, to the right before the middle, else to the left."""
    xe = par._xn(px)                   # along the parent's points (node order)
    if 0.0 < xe < 1.0:
        return -math.pi / 2 if xe < 0.5 else math.pi / 2
    group = [c for c in par.children() if c._parent_x == px]
    n = len(group)
    off = 0.0 if n <= 1 else -SPREAD / 2 + group.index(sec) * SPREAD / (n - 1)
    return off if xe == 1.0 else math.pi + off


def _position(sec, x):
    """(x, y, z) where a child at x starts: NEURON takes the point at fraction x of the
    straight line from the section's first to its last 3-D point."""
    p = sec._pt3d
    x = sec._xn(x)                     # 3-D points run in node order (reversed sections too)
    return tuple(float(p[0, c]) + x * (float(p[-1, c]) - float(p[0, c])) for c in range(3))


def _direction(sec):
    p = sec._pt3d
    dx = float(p[-1, 0] - p[0, 0])
    dy = float(p[-1, 1] - p[0, 1])
    return math.atan2(dy, dx)


def define_shape():
    angle = {}
    for root in [s for s in allsec() if s._parent is None]:
        queue = [root]
        while queue:
            sec = queue.pop(0)
            if sec._pt3d is None or len(sec._pt3d) < 2:
                if sec._parent is None:
                    start, a = (0.0, 0.0, 0.0), 0.0
                else:
                    par = sec._parent
                    px = sec._parent_x
                    start = _position(par, px)
                    a = angle.get(id(par), 0.0) + _offset(sec, par, px)
                _lay_out(sec, start, a)
                angle[id(sec)] = a
            else:
                if sec._parent is not None:
                    _translate(sec, _position(sec._parent, sec._parent_x))
                angle[id(sec)] = _direction(sec)
            queue.extend(sec.children())


def _translate(sec, start):
    """Move a section's own 3-D points, unrotated, so that its first point lies at its
    parent's connection point (NEURON does this for every child section with 3-D
    points; the shift is taken and added in float32, as the points are stored)."""
    p = sec._pt3d
    shift = np.asarray(start, dtype=np.float32) - p[0, :3]
    if np.any(shift != 0):
        p[:, :3] += shift
        sec._update_arc()


def _lay_out(sec, start, a):
    L = sec.L
    n = sec.nseg
    diams = sec._seg_diams()
    xs = [0.0] + [(j + 0.5) / n for j in range(n)] + [1.0]
    ds = [diams[0]] + list(diams) + [diams[-1]]
    pts = np.array([[start[0] + x * L * math.cos(a), start[1] + x * L * math.sin(a), start[2], d]
                    for x, d in zip(xs, ds)], dtype=np.float32)
    sec._pt3d = pts
    sec._update_arc()
    # the arcs are summed as for user 3-D points, but the last one is L itself: L stays
    # exactly what it was (NEURON 9.0.2; the float32 sum was off by ~1e-8)
    sec._arc[-1] = L
    sec._L = L
