"""Assigning diam on a section with 3-D points, as NEURON 9.0.2 does (numbers from
data/make_diam3d.py): the points take the segment's diam, so the assignment survives
the recomputation of the geometry (ModelDB 2488's spine folding relies on it)."""
import json
import os

import pytest

from ranvier import h

with open(os.path.join(os.path.dirname(__file__), "data", "diam3d.json")) as f:
    EXPECTED = json.load(f)


def _state(s):
    return {"diam": [seg.diam for seg in s], "area": [seg.area() for seg in s],
            "ri": [seg.ri() for seg in s], "diam3d": [s.diam3d(i) for i in range(s.n3d())],
            "L": s.L}


def _build(name):
    s = h.Section(name=name)
    for x, d in ((0, 2), (10, 4), (20, 2), (30, 6), (37, 3)):
        s.pt3dadd(x, 0, 0, d)
    s.nseg = 3
    return s


def _check(got, key):
    want = EXPECTED[key]
    for name in ("diam", "area", "ri", "diam3d"):
        assert got[name] == pytest.approx(want[name], rel=1e-12), (key, name)
    assert got["L"] == pytest.approx(want["L"], rel=1e-12)


def test_segment_diam_assignment_rewrites_3d_diameters():
    s = _build("a")
    _check(_state(s), "fresh")
    for seg in s:
        seg.diam = seg.diam * 1.5
    _check(_state(s), "scaled")
    s(0.5).diam = 10
    _check(_state(s), "one")


def test_assignment_before_any_read_uses_the_stored_diams():
    b = _build("b")
    b(0.1).diam = 4.5
    _check(_state(b), "stale")


def test_hoc_taper_and_spine_folding_on_3d_section():
    c = _build("c")
    h("objref sref")
    h.sref = h.SectionRef(sec=c)
    h("sref.sec { diam(0:1) = 6:2 }")
    _check(_state(c), "taper")
    h("sref.sec { L = L * 1.2^(2/3)  for (x) diam(x) = diam(x) * 1.2^(1/3) }")
    _check(_state(c), "spines")
