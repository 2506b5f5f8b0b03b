"""NetCon misuse: negative or non-finite delays, a target without NET_RECEIVE,
weight indices out of range, sources that are not references, targets that are
nowhere.  Each raises a typed error naming the NetCon and the argument."""
import pytest

from ranvier import h
from ranvier.core.errors import DeletedSectionError, ModelError


def _cell(name="nc_sec"):
    sec = h.Section(name=name)
    syn = h.ExpSyn(sec(0.5))
    return sec, syn


@pytest.mark.parametrize("delay, shown", [(-1, "-1.0"), (-1e-9, "-1e-09"), (float("nan"), "nan"),
                                          (float("inf"), "inf")])
def test_bad_delay_in_the_constructor(delay, shown):
    # before: accepted; a negative delay delivered events in the past
    sec, syn = _cell()
    with pytest.raises(ModelError, match=r"NetCon\(source, target, threshold, delay, \.\.\.\): "
                                         r"NetCon delay must be >= 0 and finite, got %s" % shown):
        h.NetCon(sec(0.5)._ref_v, syn, 0, delay, 0.1)
    assert h.NetCon(sec(0.5)._ref_v, syn, 0, 0, 0.1).hname() == "NetCon[0]"   # nothing leaked


@pytest.mark.parametrize("delay", [-1, -0.025, float("nan"), float("inf")])
def test_bad_delay_set_later(delay):
    sec, syn = _cell()
    nc = h.NetCon(sec(0.5)._ref_v, syn)
    nc.delay = 2.5
    with pytest.raises(ValueError, match=r"NetCon\[0\]: NetCon delay must be >= 0 and finite"):
        nc.delay = delay
    assert nc.delay == 2.5
    nc.delay = 0
    assert nc.delay == 0.0                 # zero is allowed


def test_a_negative_delay_from_hoc_is_located():
    from ranvier import hoc
    from ranvier.core.errors import HocError
    with pytest.raises(HocError, match=r"nc\.hoc:5: NetCon.*delay must be >= 0 and finite, got -1\.0"):
        hoc.interpreter().execute("create a_nc\nobjref s_nc, nc_nc\na_nc s_nc = new ExpSyn(0.5)\n"
                                  "x = 1\nnc_nc = new NetCon(&a_nc.v(0.5), s_nc, 0, -1, 0)\n",
                                  "nc.hoc")


def test_nan_threshold_is_rejected():
    sec, syn = _cell()
    nc = h.NetCon(sec(0.5)._ref_v, syn)
    with pytest.raises(ValueError, match=r"NetCon\[0\]: NetCon threshold must be a number, got nan"):
        nc.threshold = float("nan")
    with pytest.raises(ValueError, match=r"threshold must be a number, got nan"):
        h.NetCon(sec(0.5)._ref_v, syn, float("nan"), 1, 0)
    assert nc.threshold == 10.0


def test_threshold_of_a_netcon_without_source_is_kept():
    # NEURON 9.0.2 keeps it (10 by default); before, the value was dropped
    sec, syn = _cell()
    nc = h.NetCon(None, syn)
    assert nc.threshold == 10.0
    nc.threshold = 5
    assert nc.threshold == 5.0


def test_target_without_net_receive():
    sec = h.Section(name="tgt")
    stim = h.IClamp(sec(0.5))
    with pytest.raises(ModelError, match=r"IClamp\[0\] has no NET_RECEIVE block and cannot be a NetCon target"):
        h.NetCon(sec(0.5)._ref_v, stim)
    with pytest.raises(TypeError, match=r"NetCon target must be a point process or None"):
        h.NetCon(sec(0.5)._ref_v, sec)


def test_weight_index_out_of_range():
    sec, syn = _cell()
    nc = h.NetCon(sec(0.5)._ref_v, syn, 0, 1, 0.5)
    assert len(nc.weight) == 1 and nc.weight[0] == 0.5
    for i in (1, 5, -1):                   # NEURON has no negative indices here either
        with pytest.raises(IndexError, match=r"NetCon\[0\]\.weight index %d out of range \(size 1\)" % i):
            nc.weight[i]
        with pytest.raises(IndexError, match=r"NetCon\[0\]\.weight index %d out of range" % i):
            nc.weight[i] = 1.0
    with pytest.raises(TypeError, match=r"NetCon\[0\]\.weight\[0\] must be a number, not str"):
        nc.weight[0] = "w"
    assert nc.weight[0] == 0.5


@pytest.mark.parametrize("make, words", [
    (lambda sec: 5, r"not int$"),
    (lambda sec: "v", r"not str$"),
    (lambda sec: sec(0.5), r"not Segment \(did you forget _ref_v\? use sec\(x\)\._ref_v\)"),
    (lambda sec: sec, r"not Section \(did you forget _ref_v\?"),
])
def test_source_must_be_a_reference_or_point_process(make, words):
    sec, syn = _cell()
    with pytest.raises(TypeError, match=r"NetCon source must be a pointer \(sec\(x\)\._ref_v\), "
                                        r"a point process or None, " + words):
        h.NetCon(make(sec), syn)


def test_target_in_a_deleted_section_or_nowhere():
    sec, syn = _cell("tgt_del")
    h.delete_section(sec=sec)
    with pytest.raises(DeletedSectionError, match=r"tgt_del was deleted \(ExpSyn\[0\]\.NetCon target"):
        h.NetCon(None, syn)
    loose = h.ExpSyn()
    with pytest.raises(ModelError, match=r"ExpSyn\[1\]\.NetCon target: point process not located in a section"):
        h.NetCon(None, loose)
    cell = h.NetStim()                     # artificial cells need no section
    assert h.NetCon(cell, None).pre() is cell


def test_a_netcon_whose_source_section_was_deleted():
    # NEURON 9.0.2: valid() becomes False and preseg() None; the run goes on
    src = h.Section(name="nc_src")
    sec, syn = _cell("nc_dst")
    nc = h.NetCon(src(0.5)._ref_v, syn, 0, 1, 0.1)
    vec = h.Vector().record(src(0.5)._ref_v)
    assert nc.valid() and nc.preseg().sec is src
    h.delete_section(sec=src)
    assert not nc.valid() and nc.preseg() is None
    h.finitialize(-65)
    h.fadvance()
    assert vec.size() == 0                 # NEURON drops the recording too
