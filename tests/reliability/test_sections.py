"""Misused sections and geometry raise typed errors that name the section and the
value, instead of answering silently (values checked against NEURON 9.0.2).

Every test builds its own sections and deletes only those."""
import math

import pytest

from ranvier import h
from ranvier.core.errors import DeletedSectionError, ModelError, RanvierError

NAN, INF = float("nan"), float("inf")


def _deleted(name="gone"):
    sec = h.Section(name=name)
    sec.insert("hh")
    seg = sec(0.5)
    h.delete_section(sec=sec)
    return sec, seg


# -- a deleted section --------------------------------------------------------------
def test_deleted_section_error_is_a_reference_error_and_a_model_error():
    assert issubclass(DeletedSectionError, ReferenceError)     # what NEURON raises
    assert issubclass(DeletedSectionError, ModelError) and issubclass(DeletedSectionError, RanvierError)


@pytest.mark.parametrize("read", [
    lambda seg: seg.v, lambda seg: seg.area(), lambda seg: seg.ri(), lambda seg: seg.diam,
    lambda seg: seg.cm, lambda seg: seg._ref_v, lambda seg: seg.gnabar_hh, lambda seg: seg.hh,
    lambda seg: seg.ena, lambda seg: seg._ref_m_hh, lambda seg: list(seg),
    lambda seg: seg.point_processes(),
], ids=["v", "area", "ri", "diam", "cm", "_ref_v", "gnabar_hh", "hh", "ena", "_ref_m_hh",
        "iter", "point_processes"])
def test_reading_a_segment_of_a_deleted_section_raises(read):
    # before: seg.v answered -65 and seg.area() the old area of a section that is gone
    sec, seg = _deleted("soma_del")
    with pytest.raises(DeletedSectionError, match=r"deleted section: soma_del was deleted"):
        read(seg)


@pytest.mark.parametrize("attr, value", [("v", -70.0), ("diam", 2.0), ("cm", 2.0),
                                         ("gnabar_hh", 0.1), ("ena", 40.0)])
def test_writing_a_segment_of_a_deleted_section_raises(attr, value):
    sec, seg = _deleted("dend_del")
    with pytest.raises(DeletedSectionError, match=r"dend_del was deleted \(dend_del\(0\.5\)\.%s\)" % attr):
        setattr(seg, attr, value)


@pytest.mark.parametrize("use", [
    lambda s: s.L, lambda s: s.nseg, lambda s: s.diam, lambda s: s.Ra, lambda s: s.cm,
    lambda s: s.v, lambda s: s(0.5), lambda s: s.insert("pas"), lambda s: s.uninsert("hh"),
    lambda s: s.pt3dadd(0, 0, 0, 1), lambda s: s.n3d(), lambda s: s.children(),
    lambda s: s.root(), lambda s: s.psection(), lambda s: s.gnabar_hh, lambda s: list(s),
    lambda s: setattr(s, "L", 10), lambda s: setattr(s, "nseg", 3),
    lambda s: h.area(0.5, sec=s), lambda s: h.distance(s(0.5), s(0.1)),
])
def test_using_a_deleted_section_raises(use):
    sec, _ = _deleted("axon_del")
    with pytest.raises(DeletedSectionError, match="axon_del was deleted"):
        use(sec)


def test_a_pointer_into_a_deleted_section_raises():
    sec = h.Section(name="ptr_sec")
    sec.insert("hh")
    pv, pm, pi = sec(0.5)._ref_v, sec(0.5)._ref_m_hh, sec(0.5)._ref_ina
    assert pv[0] == -65.0
    h.delete_section(sec=sec)
    for p in (pv, pm, pi):
        with pytest.raises(DeletedSectionError, match=r"ptr_sec was deleted \(ptr_sec\(0\.5\)\."):
            p[0]
        with pytest.raises(DeletedSectionError, match="ptr_sec was deleted"):
            p[0] = 1.0


def test_a_mechanism_view_kept_across_deletion_raises():
    sec = h.Section(name="mv_sec")
    sec.insert("hh")
    hh = sec(0.5).hh
    assert hh.gnabar == 0.12
    h.delete_section(sec=sec)
    with pytest.raises(DeletedSectionError, match=r"mv_sec was deleted"):
        hh.gnabar
    with pytest.raises(DeletedSectionError, match=r"mv_sec was deleted"):
        hh.gnabar = 0.2


def test_a_sectionref_to_a_deleted_section():
    sec = h.Section(name="ref_target")
    child = h.Section(name="ref_child")
    child.connect(sec)
    sr = h.SectionRef(sec=sec)
    assert sr.exists() == 1.0 and sr.nchild() == 1
    h.delete_section(sec=sec)
    assert sr.exists() == 0.0                   # asking is fine, as in NEURON
    assert sr.is_cas() == 0.0
    for use in (lambda: sr.sec, lambda: sr.root, lambda: sr.nchild(), lambda: sr.child,
                lambda: sr.has_parent(), lambda: sr.sec.L):
        with pytest.raises(DeletedSectionError, match=r"ref_target was deleted \(SectionRef\.sec\)"):
            use()


def test_connecting_to_or_from_a_deleted_section_raises():
    dead = h.Section(name="dead_parent")
    live = h.Section(name="live_child")
    h.delete_section(sec=dead)
    with pytest.raises(DeletedSectionError, match=r"dead_parent was deleted \(connect live_child to it\)"):
        live.connect(dead, 1)
    with pytest.raises(DeletedSectionError, match="dead_parent was deleted"):
        live.connect(dead(0.5))
    with pytest.raises(DeletedSectionError, match="dead_parent was deleted"):
        dead.connect(live)
    assert live.parentseg() is None             # nothing was half done


def test_deleting_a_parent_leaves_the_children_usable():
    p = h.Section(name="p_del")
    c = h.Section(name="c_keep")
    c.connect(p(1))
    h.delete_section(sec=p)
    assert c.parentseg() is None and c(0.5).v == -65.0 and c.L == 100.0


# -- nseg ------------------------------------------------------------------------------
@pytest.mark.parametrize("value, exc, words", [
    (0, ModelError, r"nseg must be in 1\.\.32767, got 0"),
    (-1, ModelError, r"nseg must be in 1\.\.32767, got -1"),
    (32768, ModelError, r"nseg must be in 1\.\.32767, got 32768"),
    (2.5, ModelError, r"nseg must be an integer, got 2\.5"),
    (NAN, ModelError, r"nseg must be finite, got nan"),
    (INF, ModelError, r"nseg must be finite, got inf"),
    ("3", TypeError, r"nseg must be a number, got str"),
])
def test_bad_nseg_is_rejected_and_nothing_changes(value, exc, words):
    sec = h.Section(name="nseg_sec")
    sec.nseg = 3
    with pytest.raises(exc, match="nseg_sec: " + words):
        sec.nseg = value
    assert sec.nseg == 3 and len(list(sec)) == 3


def test_largest_nseg_is_accepted():
    sec = h.Section(name="big")
    sec.nseg = 32767
    assert sec.nseg == 32767
    assert sec(0.5).area() == pytest.approx(math.pi * 500 * 100 / 32767, rel=1e-12)


# -- L, diam, Ra, cm -------------------------------------------------------------------
@pytest.mark.parametrize("attr", ["L", "diam", "Ra"])
@pytest.mark.parametrize("value, words", [(NAN, "must be finite, got nan"),
                                          (INF, "must be finite, got inf"),
                                          (-INF, "must be finite, got -inf"),
                                          (0.0, "must be positive, got 0.0"),
                                          (-3.0, "must be positive, got -3.0")])
def test_bad_section_geometry_is_rejected(attr, value, words):
    sec = h.Section(name="geo")
    before = getattr(sec, attr)
    with pytest.raises(ModelError, match="geo: %s %s" % (attr, words)):
        setattr(sec, attr, value)
    assert getattr(sec, attr) == before
    assert sec(0.5).area() == pytest.approx(math.pi * 500 * 100, rel=1e-14)


@pytest.mark.parametrize("value", [NAN, INF, -INF])
def test_non_finite_cm_is_rejected(value):
    sec = h.Section(name="cap")
    with pytest.raises(ModelError, match=r"cap: cm must be finite, got -?(nan|inf)"):
        sec.cm = value
    with pytest.raises(ModelError, match=r"cap\(0\.5\): cm must be finite"):
        sec(0.5).cm = value
    assert sec.cm == 1.0 and sec(0.5).cm == 1.0


def test_zero_and_negative_cm_are_allowed_as_in_neuron():
    sec = h.Section(name="cm0")
    sec.cm = 0.0
    assert sec.cm == 0.0
    sec(0.5).cm = -1.0
    assert sec(0.5).cm == -1.0


@pytest.mark.parametrize("value", [NAN, INF, 0.0, -1.0])
def test_bad_segment_diam_is_rejected(value):
    sec = h.Section(name="sd")
    sec.nseg = 3
    with pytest.raises(ModelError, match=r"sd\(0\.5\): diam must be positive and finite"):
        sec(0.5).diam = value
    assert [seg.diam for seg in sec] == [500.0, 500.0, 500.0]


def test_geometry_must_be_a_number():
    sec = h.Section(name="typed")
    for attr in ("L", "diam", "Ra", "cm"):
        with pytest.raises(TypeError, match="typed: %s must be a number, got str" % attr):
            setattr(sec, attr, "10")


# -- locations -------------------------------------------------------------------------
@pytest.mark.parametrize("x", [1.5, -0.1, NAN, INF])
def test_segment_location_outside_0_1(x):
    sec = h.Section(name="loc")
    with pytest.raises(ValueError, match=r"loc\(-?(1\.5|0\.1|nan|inf)\): x must be in \[0, 1\]"):
        sec(x)
    with pytest.raises(ValueError, match=r"x must be in \[0, 1\]"):
        h.area(x, sec=sec)


def test_connect_location_and_end_checks():
    p = h.Section(name="cp")
    c = h.Section(name="cc")
    with pytest.raises(ModelError, match=r"connect: parent x must be in \[0, 1\], got 1\.5"):
        c.connect(p, 1.5)
    with pytest.raises(ModelError, match=r"connect: parent x must be in \[0, 1\], got -0\.5"):
        c.connect(p, -0.5)
    with pytest.raises(ModelError, match=r"connect: child end must be 0 or 1, got 0\.5"):
        c.connect(p(1), 0.5)
    with pytest.raises(TypeError, match="connect: first argument must be a Section or Segment, not float"):
        c.connect(1.0)
    assert c.parentseg() is None


def test_connect_to_itself_or_in_a_cycle():
    a = h.Section(name="ca")
    b = h.Section(name="cb")
    d = h.Section(name="cd")
    with pytest.raises(ModelError, match=r"connect: ca would be its own ancestor \(via ca\)"):
        a.connect(a(0.5))
    b.connect(a)
    d.connect(b)
    with pytest.raises(ModelError, match=r"connect: ca would be its own ancestor \(via cd\)"):
        a.connect(d)
    assert a.parentseg() is None and d.parentseg().sec is b       # nothing changed


# -- 3-D points ------------------------------------------------------------------------
@pytest.mark.parametrize("bad_at", range(4))
@pytest.mark.parametrize("bad", [NAN, INF, -INF])
def test_non_finite_3d_point_is_rejected(bad_at, bad):
    sec = h.Section(name="pts")
    sec.pt3dadd(0, 0, 0, 2)
    sec.pt3dadd(10, 0, 0, 2)
    vals = [20.0, 0.0, 0.0, 2.0]
    vals[bad_at] = bad
    name = ("x", "y", "z", "diam")[bad_at]
    with pytest.raises(ModelError, match=r"pts\.pt3dadd: %s must be finite, got -?(nan|inf)" % name):
        sec.pt3dadd(*vals)
    with pytest.raises(ModelError, match=r"pts\.pt3dadd: %s must be finite" % name):
        h.pt3dadd(*vals, sec=sec)
    with pytest.raises(ModelError, match=r"pts\.pt3dinsert: %s must be finite" % name):
        sec.pt3dinsert(1, *vals)
    with pytest.raises(ModelError, match=r"pts\.pt3dchange: %s must be finite" % name):
        sec.pt3dchange(1, *vals)
    # nothing changed: before, L became nan here
    assert sec.n3d() == 2 and sec.L == 10.0 and sec.x3d(1) == 10.0 and sec.diam3d(1) == 2.0


def test_non_finite_3d_diameter_change_is_rejected():
    sec = h.Section(name="pd")
    sec.pt3dadd(0, 0, 0, 2)
    sec.pt3dadd(10, 0, 0, 2)
    with pytest.raises(ModelError, match=r"pd\.pt3dchange: diam must be finite, got nan"):
        sec.pt3dchange(0, NAN)
    with pytest.raises(TypeError, match=r"pd\.pt3dchange\(i, diam\) or \(i, x, y, z, diam\): got 2"):
        sec.pt3dchange(0, 1.0, 2.0)
    assert sec.diam3d(0) == 2.0 and sec(0.5).area() == pytest.approx(math.pi * 2 * 10, rel=1e-6)


def test_3d_point_indices_out_of_range():
    sec = h.Section(name="pi")
    sec.pt3dadd(0, 0, 0, 1)
    sec.pt3dadd(5, 0, 0, 1)
    for f in (lambda: sec.x3d(2), lambda: sec.diam3d(-1), lambda: sec.arc3d(9),
              lambda: sec.pt3dremove(2), lambda: sec.pt3dchange(5, 1.0), lambda: sec.spine3d(2)):
        with pytest.raises(IndexError, match=r"pi: 3-D point index -?\d+ out of range \(the section has 2 3-D points\)"):
            f()
    for i in (-1, 3):
        with pytest.raises(IndexError, match=r"pi\.pt3dinsert: index %d out of range 0\.\.2" % i):
            sec.pt3dinsert(i, 1, 0, 0, 1)
    sec.pt3dinsert(2, 7, 0, 0, 1)              # at the end is allowed
    assert sec.n3d() == 3 and sec.L == 7.0


# -- what h.define_shape() leaves -------------------------------------------------------
def test_define_shape_keeps_L_exact():
    # NEURON 9.0.2: L stays 40.0 and distance is 35.0; summing float32 coordinate
    # differences gave 40.00000047683716 and 35.00000023841858
    p = h.Section(name="ds_p")
    p.L, p.diam, p.nseg = 40, 4, 3
    c = h.Section(name="ds_c")
    c.L = 30
    c.connect(p(0.5))
    h.define_shape()
    assert p.L == 40.0 and c.L == 30.0
    assert h.distance(p(0), c(0.9)) == 35.0
    assert p(1).ri() == 0.18780283284843646            # NEURON, after define_shape
    assert p(0.5).ri() == 0.37560566569687304


def test_recording_a_handle_into_a_deleted_section_raises_at_record():
    """NEURON: reading such a handle raises "Invalid data_handle"; recording it must
    not leave a Vector that silently stays empty."""
    sec = h.Section(name="rec_del")
    ref = sec(0.5)._ref_v
    h.delete_section(sec=sec)
    with pytest.raises(DeletedSectionError, match=r"rec_del was deleted"):
        h.Vector().record(ref)
