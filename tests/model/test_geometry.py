"""Geometry against closed forms: cylinder areas and resistances, frusta."""
import math

import pytest

from ranvier import h
from ranvier.core.errors import ModelError


def test_cylinder_area_and_ri():
    s = h.Section(name="cyl")
    s.L, s.diam, s.Ra, s.nseg = 200.0, 4.0, 150.0, 4
    dx = 200.0 / 4
    for seg in s:
        assert seg.area() == pytest.approx(math.pi * 4.0 * dx, rel=1e-14)
    # node 0 couples to the 0-end through half a segment; interior nodes through two halves
    half = 1e-2 * 150.0 * (dx / 2) / (math.pi * 4.0 ** 2 / 4)
    ri = [seg.ri() for seg in s]
    assert ri[0] == pytest.approx(half, rel=1e-14)
    assert ri[1:] == pytest.approx([2 * half] * 3, rel=1e-14)
    assert s(0).ri() == 1e30 and s(1).ri() == pytest.approx(half, rel=1e-14)
    assert s(0).area() == 0 and s(1).area() == 0


def test_defaults_are_neurons():
    s = h.Section()
    assert (s.L, s.diam, s.Ra, s.nseg, s(0.5).cm) == (100.0, 500.0, 35.4, 1, 1.0)


def test_frustum_area_matches_the_closed_form():
    s = h.Section(name="cone")
    s.pt3dadd(0, 0, 0, 4)
    s.pt3dadd(100, 0, 0, 2)
    # lateral area of a frustum: pi (r1 + r2) sqrt(h^2 + (r1 - r2)^2)
    r1, r2 = 2.0, 1.0
    expected = math.pi * (r1 + r2) * math.sqrt(100.0 ** 2 + (r1 - r2) ** 2)
    assert s(0.5).area() == pytest.approx(expected, rel=1e-12)
    # total resistance of a cone: 4 Ra L / (pi d1 d2), split into two halves
    total = 1e-2 * s.Ra * 100.0 / (math.pi * 4.0 * 2.0 / 4) * 1e-0
    assert s(0.5).ri() + s(1).ri() == pytest.approx(total, rel=1e-9)


def test_3d_points_are_single_precision_and_L_rescales():
    s = h.Section(name="p")
    s.pt3dadd(0.1, 0, 0, 1)
    s.pt3dadd(10.1, 0, 0, 1)
    assert s.x3d(0) == 0.10000000149011612
    s.L = 20
    assert s.arc3d(1) == pytest.approx(20.0)
    assert s.x3d(1) == pytest.approx(20.1, rel=1e-6)


def test_nseg_change_keeps_values_at_new_centres():
    s = h.Section(name="r")
    s.nseg = 3
    for i, seg in enumerate(s):
        seg.diam = i + 1
    s.nseg = 9
    assert [seg.diam for seg in s] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    s.nseg = 3
    assert [seg.diam for seg in s] == [1, 2, 3]


@pytest.mark.parametrize("attr,value", [("L", 0), ("L", -5), ("diam", 0), ("nseg", 0),
                                        ("nseg", -1), ("Ra", -1), ("nseg", 2.5)])
def test_bad_geometry_raises(attr, value):
    s = h.Section(name="bad")
    with pytest.raises(ModelError, match=attr):
        setattr(s, attr, value)


def test_unknown_mechanism_and_variable():
    s = h.Section(name="m")
    with pytest.raises(ModelError, match="nosuchmech"):
        s.insert("nosuchmech")
    with pytest.raises(AttributeError, match="nosuchvar"):
        s(0.5).nosuchvar


def test_deleted_section_raises():
    s = h.Section(name="gone")
    h.delete_section(sec=s)
    with pytest.raises(ModelError, match="deleted"):
        s.L
