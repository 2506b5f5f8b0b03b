"""Answers that used to be silently wrong: seg.ri() at a child's attached end,
sections connected by their 1-end, sec.psection()'s point processes and ions.

Reference values were printed by NEURON 9.0.2; the ri values are also the
analytic half-segment resistances 1e-2*Ra*(L/nseg/2)/(pi*d*d/4) megohm."""
import math

import pytest

from ranvier import h

RA = 35.4


def half(L, nseg, d, Ra=RA):
    """Axial resistance (megohm) of half a cylindrical segment."""
    return 1e-2 * Ra * (L / nseg / 2) / (math.pi * d * d / 4)


def _tree():
    p = h.Section(name="p")
    p.L, p.diam, p.nseg = 40, 4, 3
    c = h.Section(name="c")
    c.L, c.diam = 60, 1
    c.connect(p(1))
    d = h.Section(name="d")
    d.L, d.diam = 60, 1
    d.connect(p(0.4))
    return p, c, d


# -- seg.ri() at x = 0 --------------------------------------------------------------------
def test_ri_at_a_childs_0_end_is_the_parents_node():
    p, c, d = _tree()
    h.finitialize(-65)
    # c at p(1): the parent's 1-end node, half of p's last segment
    assert c(0).ri() == pytest.approx(half(40, 3, 4), rel=1e-14)
    assert c(0).ri() == pytest.approx(0.1878028328484365, rel=1e-15)        # NEURON
    # d at p(0.4): p's middle node, a whole segment from the first one
    assert d(0).ri() == pytest.approx(2 * half(40, 3, 4), rel=1e-14)
    assert d(0).ri() == pytest.approx(0.375605665696873, rel=1e-15)         # NEURON
    assert h.ri(0, sec=c) == c(0).ri() == p(1).ri()
    assert c(1).ri() == pytest.approx(half(60, 1, 1), rel=1e-14)


def test_ri_at_x_0_before_geometry_is_computed_is_1e30():
    p, c, d = _tree()
    assert c(0).ri() == 1e30 and d(0).ri() == 1e30                          # NEURON
    c(0.5).area()                          # computes c's geometry only, not p's
    assert c(0).ri() == 1e30
    assert p(1).ri() == pytest.approx(half(40, 3, 4), rel=1e-14)             # computes p's
    assert c(0).ri() == pytest.approx(half(40, 3, 4), rel=1e-14)
    assert d(0).ri() == pytest.approx(2 * half(40, 3, 4), rel=1e-14)


def test_ri_at_a_roots_0_end_and_through_0_end_connections_is_1e30():
    p, c, d = _tree()
    e = h.Section(name="e")
    e.connect(p(0))                        # the root's 0-end has no resistance to a parent
    f = h.Section(name="f")
    f.connect(c(0))                        # c(0) is p's 1-end node
    h.finitialize(-65)
    assert p(0).ri() == 1e30 and e(0).ri() == 1e30
    assert f(0).ri() == pytest.approx(half(40, 3, 4), rel=1e-14)


def test_ri_at_x_0_is_the_value_last_computed():
    # NEURON reads the parent's node as last computed: stale after a change until
    # something (finitialize, fadvance, ri or area on that section) recomputes it
    p, c, d = _tree()
    h.finitialize(-65)
    p.diam = 2
    assert c(0).ri() == pytest.approx(half(40, 3, 4), rel=1e-14)            # NEURON: 0.18780...
    assert p(1).ri() == pytest.approx(half(40, 3, 2), rel=1e-14)            # NEURON: 0.75121...
    assert c(0).ri() == pytest.approx(half(40, 3, 2), rel=1e-14)
    p.Ra = 100
    assert c(0).ri() == pytest.approx(half(40, 3, 2), rel=1e-14)
    h.finitialize(-65)
    assert c(0).ri() == pytest.approx(half(40, 3, 2, Ra=100), rel=1e-14)    # NEURON: 0.31831 * 2.36


def test_ri_at_x_0_after_an_nseg_change():
    # NEURON keeps the old node whose centre is nearest each new centre (within the new
    # segment); new segments without one read 1e30 until recomputed; the 1-end is kept
    p = h.Section(name="p3")
    p.L, p.nseg = 40, 3
    for i, seg in enumerate(p):
        seg.diam = 1 + i
    kids = []
    for x in (0.1, 0.3, 0.5, 0.7, 0.9, 1.0):
        k = h.Section(name="k")
        k.connect(p(x))
        kids.append(k)
    p(1).ri()
    old = [p(x).ri() for x in (1 / 6, 0.5, 5 / 6, 1.0)]
    assert old == pytest.approx([3.004845325574984, 3.7560566569687293, 1.085083034235411,
                                 0.3338717028416649], rel=1e-14)             # NEURON
    p.nseg = 5
    assert [k(0).ri() for k in kids] == [old[0], 1e30, old[1], 1e30, old[2], old[3]]
    p.nseg = 2
    assert [k(0).ri() for k in kids] == [1e30] * 5 + [old[3]]
    p(1).ri()
    assert [k(0).ri() for k in kids] == pytest.approx(
        [4.507267988362476, 4.507267988362476, 5.008075542624973, 5.008075542624973,
         5.008075542624973, 0.5008075542624973], rel=1e-14)                  # NEURON


@pytest.mark.parametrize("old, new, kept", [
    (2, 3, [0, None, 1]), (3, 4, [0, None, 1, 2]), (4, 3, [0, 2, 3]), (2, 4, [None, 0, None, 1]),
    (4, 2, [1, 3]), (1, 3, [None, 0, None]), (3, 1, [1]), (5, 7, [0, None, 1, 2, 3, None, 4]),
    (7, 5, [0, 2, 3, 4, 6]), (3, 9, [None, 0, None, None, 1, None, None, 2, None]),
    (6, 3, [1, 3, 5])])
def test_nodes_kept_across_nseg_changes(old, new, kept):
    # which old node each new segment keeps, as printed by NEURON 9.0.2
    p = h.Section(name="pk")
    p.L, p.nseg = 40, old
    for i, seg in enumerate(p):
        seg.diam = 1 + i
    p(1).ri()
    before = [p((k + 0.5) / old).ri() for k in range(old)]
    p.nseg = new
    kids = []
    for j in range(new):
        k = h.Section(name="kk")
        k.connect(p((j + 0.5) / new))
        kids.append(k)
    got = [k(0).ri() for k in kids]
    assert got == [1e30 if k is None else before[k] for k in kept]


# -- sections connected by their 1-end ----------------------------------------------------
def _reversed_tree():
    p = h.Section(name="rp")
    p.L, p.diam, p.nseg = 40, 4, 3
    p.insert("pas")
    g = h.Section(name="rg")
    g.L, g.diam, g.nseg = 100, 1, 5
    g.insert("pas")
    g.connect(p(1), 1)
    return p, g


def test_a_section_connected_by_its_1_end_simulates_as_neuron():
    # before: ranvier attached the 0-end whatever the child end, a silently different cell
    p, g = _reversed_tree()
    st = h.IClamp(g(0.1))
    st.delay, st.dur, st.amp = 0, 1e9, 0.1
    h.finitialize(-65)
    for _ in range(200):
        h.fadvance()
    got = [g(x).v for x in (0, 0.1, 0.3, 0.5, 0.9, 1)] + [p(1).v, p(0.5).v]
    want = [-55.329705015, -55.329705015, -56.147772128, -56.887086288, -58.145783312,
            -58.409039374, -58.409039374, -58.434626048]                    # NEURON, 9 decimals
    assert got == pytest.approx(want, abs=2e-9)
    assert st.get_loc() == 0.09999999999999998                                # NEURON: 1 - 0.9
    assert g(1).v == p(1).v                                                   # one node


def test_ri_area_and_distance_of_a_reversed_section():
    p, g = _reversed_tree()
    for i, seg in enumerate(g):
        seg.diam = 1 + i
    assert [g(x).diam for x in (0.1, 0.3, 0.5, 0.7, 0.9)] == [1, 2, 3, 4, 5]
    h.finitialize(-65)
    # node order runs from the attached end (x = 1): g(0.9) is next to the parent
    assert [g(x).ri() for x in (0, 0.1, 0.3, 0.5, 0.7, 0.9, 1)] == pytest.approx(
        [half(100, 5, 1), half(100, 5, 1) + half(100, 5, 2), half(100, 5, 2) + half(100, 5, 3),
         half(100, 5, 3) + half(100, 5, 4), half(100, 5, 4) + half(100, 5, 5), half(100, 5, 5),
         half(40, 3, 4)], rel=1e-14)
    assert [round(g(x).ri(), 6) for x in (0, 0.1, 0.3, 0.5, 0.7, 0.9, 1)] == [
        4.507268, 5.634085, 1.627625, 0.782512, 0.461995, 0.180291, 0.187803]  # NEURON
    assert g(0.3).area() == pytest.approx(math.pi * 2 * 20, rel=1e-14)
    assert h.distance(p(0), g(0.1)) == 130.0 and h.distance(p(0), g(0)) == 140.0  # NEURON


def test_children_of_a_reversed_section():
    p, g = _reversed_tree()
    k = h.Section(name="rk")
    k.connect(g(0.1))
    k2 = h.Section(name="rk2")
    k2.connect(g(0))
    k3 = h.Section(name="rk3")
    k3.connect(g(1))
    k.L = k2.L = k3.L = 10
    assert k3.trueparentseg().sec is p and k3.trueparentseg().x == 1.0       # NEURON: rp(1)
    assert k2.trueparentseg().sec is g and k2.trueparentseg().x == 0.0       # NEURON: rg(0)
    assert [s.name() for s in g.children()] == ["rk3", "rk", "rk2"]
    h.define_shape()
    assert (k.x3d(0), k.y3d(0), k.y3d(2)) == (130.0, 0.0, 10.0)               # NEURON
    assert (k2.x3d(0), k2.x3d(2)) == (140.0, 150.0) and (k3.x3d(0), k3.x3d(2)) == (40.0, 30.0)


def test_reversed_section_with_3d_points():
    p = h.Section(name="q_par")
    p.L, p.diam, p.nseg = 40, 4, 3
    q = h.Section(name="q")
    q.nseg = 3
    for x, dd in [(0, 1), (10, 2), (25, 5), (30, 1)]:
        q.pt3dadd(x, 0, 0, dd)
    q.connect(p(0.5), 1)
    h.finitialize(-65)
    # the points run from the attached end: q(1/6) is the far third, arc 20..30
    assert [q(x).diam for x in (1 / 6, 0.5, 5 / 6)] == [3.75, 3.0, 1.5]       # NEURON
    assert [q(x).ri() for x in (0, 1 / 6, 0.5, 5 / 6)] == pytest.approx(
        [0.4507267988362476, 0.3004845325574984, 1.1268169970906192, 1.5024226627874921],
        rel=1e-14)                                                            # NEURON
    assert [q(x).area() for x in (1 / 6, 0.5, 5 / 6)] == pytest.approx(
        [121.79236728620238, 94.71784626241364, 47.182757896510445], rel=1e-14)


def test_values_stay_with_x_when_the_orientation_changes():
    p = h.Section(name="op")
    p.nseg = 3
    g = h.Section(name="og")
    g.nseg = 5
    g.insert("pas")
    for i, seg in enumerate(g):
        seg.diam, seg.cm, seg.v, seg.g_pas = 1 + i, 10 + i, -60 - i, 0.001 * (i + 1)
    xs = (0.1, 0.3, 0.5, 0.7, 0.9)

    def values():
        return [[g(x).diam for x in xs], [g(x).cm for x in xs], [g(x).v for x in xs],
                [g(x).g_pas for x in xs]]
    before = values()
    g.connect(p(1), 1)
    assert values() == before                                                 # NEURON
    g.connect(p(1), 0)
    assert values() == before


def test_psection_lists_point_processes_and_ions():
    # before: 'point_processes' and 'ions' were always empty
    s = h.Section(name="ps")
    s.nseg = 2
    s.insert("hh")
    a = h.ExpSyn(s(0.2))
    b = h.IClamp(s(0.9))
    c = h.ExpSyn(s(0.1))
    info = s.psection()
    assert list(info["point_processes"]) == ["IClamp", "ExpSyn"]              # NEURON's order
    assert info["point_processes"] == {"IClamp": {b}, "ExpSyn": {a, c}}
    assert list(info["ions"]) == ["na", "k"]
    assert info["ions"]["na"] == {"ena": [50.0, 50.0], "nai": [10.0, 10.0], "nao": [140.0, 140.0],
                                  "ina": [0.0, 0.0], "dina_dv_": [0.0, 0.0]}  # NEURON
    assert info["ions"]["k"] == {"ek": [-77.0, -77.0], "ki": [54.4, 54.4], "ko": [2.5, 2.5],
                                 "ik": [0.0, 0.0], "dik_dv_": [0.0, 0.0]}


def test_topology_of_a_reversed_section(capsys):
    p = h.Section(name="p")
    p.nseg = 3
    g = h.Section(name="g")
    g.nseg = 5
    g.connect(p(1), 1)
    kids = [h.Section(name=name).connect(g(x)) for name, x in (("k", 0.1), ("k2", 0.0),
                                                                ("k3", 1.0))]
    secs = list(h.allsec())
    h.topology()
    assert capsys.readouterr().out == (                                        # NEURON 9.0.2
        "\n|---|       p(0-1)\n     `----|       g(1-0)\n           `|       k2(0-1)\n"
        "          `|       k(0-1)\n     `|       k3(0-1)\n\n")
    assert len(secs) == 5 and len(kids) == 3


def test_segment_boundaries_of_a_reversed_section():
    # a boundary x belongs to the segment on its right in x, in both orientations
    p = h.Section(name="bp")
    g = h.Section(name="bg")
    g.nseg = 5
    for i, seg in enumerate(g):
        seg.diam = 1 + i
    g.connect(p(1), 1)
    assert [g(x).diam for x in (0.2, 0.4, 0.6, 0.8, 0.5, 1e-9, 1 - 1e-9)] == [2, 3, 4, 5, 3, 1, 5]
    st = h.IClamp(g(0.4))
    assert st.get_loc() == 0.5                                                # NEURON 9.0.2
    st.loc(g(0.6))
    assert st.get_loc() == 0.7
    assert (h.distance(p(0), g(0.4)), h.distance(p(0), g(0.6))) == (150.0, 130.0)
