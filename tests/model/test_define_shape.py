"""h.define_shape() lays sections out as NEURON 9.0.2 does (angles and start points
below were printed by NEURON for this model)."""
import math

import pytest

from ranvier import h


def test_layout_of_children_at_ends_and_interior_points():
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    s = h.Section(name="s")
    s.L, s.nseg = 100, 5
    kids = []
    for i, x in enumerate([0.2, 0.5, 0.7, 1, 1, 1, 0, 0]):
        k = h.Section(name="k%d" % i)
        k.connect(s(x))
        k.L = 10
        kids.append(k)
    gk = h.Section(name="gk")
    gk.connect(kids[1](1))
    gk.L = 10
    h.define_shape()
    got = []
    for sec in kids + [gk]:
        n = sec.n3d()
        ang = math.atan2(sec.y3d(n - 1) - sec.y3d(0), sec.x3d(n - 1) - sec.x3d(0))
        got.append((round(sec.x3d(0), 4), round(sec.y3d(0), 4), round(ang, 4)))
    assert got == [(20.0, 0.0, -1.5708), (50.0, 0.0, 1.5708), (70.0, 0.0, 1.5708),
                   (100.0, 0.0, 0.4), (100.0, 0.0, 0.0), (100.0, 0.0, -0.4),
                   (0.0, 0.0, -2.7416), (0.0, 0.0, 2.7416), (50.0, 10.0, 1.5708)]
    assert [round(s.x3d(i), 4) for i in range(s.n3d())] == [0, 10, 30, 50, 70, 90, 100]
    assert s(0.5).area() == pytest.approx(math.pi * 500 * 20, rel=1e-7)
