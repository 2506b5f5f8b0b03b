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


def test_children_with_own_points_are_translated_onto_their_parent():
    """A child's own 3-D points are shifted (float32, unrotated) so that its first
    point lies at the parent's connection point; also a child connected by its 1-end,
    and the grandchild follows.  Numbers from data/make_define_shape_translate.py."""
    import json
    import os
    with open(os.path.join(os.path.dirname(__file__), "data", "define_shape_translate.json")) as f:
        want = json.load(f)
    soma = h.Section(name='soma')
    soma.pt3dadd(0.3, 0.7, 0.1, 10.3)
    soma.pt3dadd(20.17, 0.33, 1.9, 10)
    d = h.Section(name='d')
    d.connect(soma(0.37))
    d.nseg = 3
    d.pt3dadd(100.123, 100.77, 3.3, 2)
    d.pt3dadd(150.31, 101.9, 7.7, 2.5)
    d.pt3dadd(170.9, 99.1, 5.55, 1.5)
    r = h.Section(name='r')
    r.connect(d(1), 1)
    r.pt3dadd(-5.5, 3.3, 2.2, 1)
    r.pt3dadd(-15.25, 7.3, 1.1, 1)
    k = h.Section(name='k')
    k.connect(d(0.5))
    k.L = 10
    h.define_shape()
    for s in (soma, d, r, k):
        assert [[s.x3d(i), s.y3d(i), s.z3d(i)] for i in range(s.n3d())] == want[s.name()]
    assert d(0.5).area() == want["d_area"]
    assert d(0.5).ri() == want["d_ri"]
    assert [d.L, r.L] == want["L"]
