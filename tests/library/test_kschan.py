"""KSChan (channels defined at run time) against NEURON 9.0.2's numbers
(data/kschan_expected.json, made by data/make_kschan_expected.py from kschan_model.py).

With a channel that carries no current (gmax = 0) the voltage is hh's and the KSChan's
states are NEURON's bit for bit: the HH-state update and the kinetic scheme's backward
Euler with NEURON's sparse pivot order.  With current, v agrees to ~1e-11 mV: NEURON
adds the channel's exact conductance to the matrix, ranvier's compiled mechanism its
numerical dI/dv (the 0.001 mV difference quotient), equal up to round-off."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import ranvier
from ranvier import h
from ranvier.core.errors import HocError, ModelError
from ranvier.library.kschan import KSChanError, KSChanNotImplemented

sys.path.insert(0, str(Path(__file__).parent))
import kschan_model  # noqa: E402

REF = json.loads((Path(__file__).parent / "data" / "kschan_expected.json").read_text())

V_TOL = 1e-9        # mV, where the channel carries current (numerical vs exact dI/dv)

# each channel is compiled once (kernel cache): the simulations are slow on a cold cache
slow = pytest.mark.slow


def _run(name, *args):
    ranvier.reset()
    try:
        return getattr(kschan_model, name)(h, *args)
    finally:
        ranvier.reset()


@pytest.fixture(scope="module")
def hh_pair():
    return _run("hh_pair")


@slow
def test_hh_pair_traces(hh_pair):
    ref = REF["hh_pair"]
    assert len(hh_pair["v"]) == len(ref["v"]) == 801
    assert max(ref["v"]) > 30                           # it spikes
    np.testing.assert_allclose(hh_pair["v"], ref["v"], rtol=0, atol=V_TOL)
    for k in ("n_kshhk", "m_kshhna", "h_kshhna"):
        np.testing.assert_allclose(hh_pair[k], ref[k], rtol=0, atol=1e-12)
    for k in ("ik", "ina"):
        np.testing.assert_allclose(hh_pair[k], ref[k], rtol=0, atol=1e-11)
    # finitialize: the states start at inf(v) exactly
    for k in ("n_kshhk", "m_kshhna", "h_kshhna"):
        assert hh_pair[k][0] == ref[k][0]


@slow
def test_rate_functions_are_neurons(hh_pair):
    ref = REF["hh_pair"]
    assert hh_pair["f"] == ref["f"]                     # const/exp/linoid/sigmoid, bit for bit
    assert hh_pair["m_ab"] == ref["m_ab"]
    assert hh_pair["m_inftau"] == ref["m_inftau"]


@slow
def test_structure_queries(hh_pair):
    ref = REF["hh_pair"]
    assert hh_pair["counts"] == ref["counts"]
    assert hh_pair["names"] == ref["names"]


@slow
@pytest.mark.parametrize("topology", ["chain3", "star", "branched"])
def test_kinetic_scheme_states_bit_for_bit(topology):
    ours = _run("kinetic", topology, 0.0)
    ref = REF["kinetic_%s_0.0" % topology]
    assert ours["init"] == ref["init"]
    for k in ref:
        if k in ("init", "counts"):
            continue
        assert ours[k] == ref[k], k
    assert ours["counts"] == ref["counts"]


@slow
@pytest.mark.parametrize("topology", ["chain3", "branched"])
def test_kinetic_scheme_with_current(topology):
    ours = _run("kinetic", topology, 0.03)
    ref = REF["kinetic_%s_0.03" % topology]
    np.testing.assert_allclose(ours["v"], ref["v"], rtol=0, atol=V_TOL)
    for k in ref:
        if k not in ("v", "init", "counts"):
            np.testing.assert_allclose(ours[k], ref[k], rtol=0, atol=1e-12, err_msg=k)
    assert ours["init"] == ref["init"]


@slow
def test_channel_built_from_hoc():
    ours = _run("hoc_builder")
    ref = REF["hoc_builder"]
    assert ours["nm"] == ref["nm"] == "kdrhoc"
    np.testing.assert_allclose(ours["v"], ref["v"], rtol=0, atol=V_TOL)
    np.testing.assert_allclose(ours["res"], ref["res"], rtol=0, atol=1e-12)


# -- the API and its errors (no simulation) --------------------------------------------------
def test_helpers_cannot_be_created_directly():
    for cls in ("KSState", "KSGate", "KSTrans"):
        with pytest.raises(HocError, match="Cannot create a KS"):
            getattr(h, cls)()


def test_structure_bookkeeping():
    ks = h.KSChan()
    # "Chan<index>", with "_" appended while the name is taken (an earlier test in the same
    # process may have left a channel type of that name registered)
    assert ks.name().rstrip("_") == "Chan%d" % ks._hoc_index
    assert ks.ion() == "NonSpecific" and ks.iv_type() == 0 and ks.gmax() == 0
    a = ks.add_hhstate("a")
    c0 = ks.add_ksstate(None, "c0")
    c1 = ks.add_ksstate(ks.gate(1), "c1")
    b = ks.add_hhstate("b")                       # HH states stay before the KS states
    assert [ks.state(i).name() for i in range(4)] == ["a", "b", "c0", "c1"]
    assert (ks.nstate(), ks.ngate(), ks.ntrans()) == (4, 3, 2)
    assert (a.frac(), b.frac(), c0.frac(), c1.frac()) == (1, 1, 0, 0)
    assert c1.gate().same(ks.gate(2)) and ks.gate(2).sindex() == 2 and ks.gate(2).nstate() == 2
    t = ks.add_transition(c0, c1)
    assert t.index() == 2 and t.src().same(c0) and t.target().same(c1)
    assert ks.trans(c0, c1).same(t) and ks.trans(b, b).index() == 1
    assert t.ftype(0) == -1 and t.type() == 0
    ks.remove_transition(t)
    assert ks.ntrans() == 2
    ks.remove_state(c0)
    assert ks.nstate() == 3 and ks.gate(2).nstate() == 1
    ks.remove_state(c1)                           # its gate goes with its last state
    assert ks.ngate() == 2
    with pytest.raises(KSChanError, match="deleted by KSChan"):
        c1.frac()


def test_refusals_are_clear():
    ks = h.KSChan()
    ks.name("ksrefuse")
    n = ks.add_hhstate("n")
    tr = ks.trans(n, n)
    with pytest.raises(KSChanNotImplemented, match="iv_type"):
        ks.iv_type(2)
    with pytest.raises(KSChanNotImplemented, match="ligand"):
        tr.type(2)
    with pytest.raises(KSChanNotImplemented, match="type 7"):
        tr.set_f(0, 7, h.Vector([1, 2]))
    with pytest.raises(KSChanNotImplemented):
        ks.single(1)
    with pytest.raises(KSChanNotImplemented):
        h.KSChan(1)
    with pytest.raises(ValueError, match="direction"):
        tr.set_f(2, 1, h.Vector([1]))
    assert issubclass(KSChanNotImplemented, NotImplementedError)
    assert issubclass(KSChanError, ModelError)


def test_state_names_follow_neurons_rules():
    ks = h.KSChan()
    g = ks.add_hhstate("g")                       # would clash with g_<name>: renamed
    g2 = ks.add_hhstate("g")
    assert (g.name(), g2.name()) == ("g0", "g1")


@slow
def test_changes_with_instances():
    ks = h.KSChan()
    ks.name("ksinst")
    n = ks.add_hhstate("n")
    tr = ks.trans(n, n)
    ranvier.reset()
    sec = h.Section(name="s")
    with pytest.raises(KSChanError, match="rate function"):
        sec.insert("ksinst")                      # no rate functions yet
    tr.set_f(0, 1, h.Vector([0.1]))
    tr.set_f(1, 1, h.Vector([0.2]))
    sec.insert("ksinst")
    with pytest.raises(KSChanError, match="instances are active"):
        ks.add_hhstate("m")
    with pytest.raises(KSChanError, match="instances are active"):
        ks.ion("k")
    ks.gate(0).power(2)                           # not structural: allowed
    ks.gmax(0.5)                                  # the default of new instances only
    sec2 = h.Section(name="s2")
    sec2.insert("ksinst")
    h.finitialize(-65)
    # NEURON 9.0.2 gives n = 0.3333333333333333, g = 0.05555555555555555,
    # i = -3.6111111111111107 for this channel (inf = a/(a+b), g = gmax*n^2, i = g*(v-e))
    n = 0.1 / (0.1 + 0.2)
    assert sec(0.5).n_ksinst == n == 0.3333333333333333
    assert sec(0.5).ksinst.gmax == 0 and sec(0.5).gmax_ksinst == 0 and sec(0.5).g_ksinst == 0
    assert sec2(0.5).gmax_ksinst == 0.5
    assert sec2(0.5).g_ksinst == 0.5 * (n * n) == 0.05555555555555555
    assert sec2(0.5).i_ksinst == 0.5 * (n * n) * (-65 - 0.0) == -3.6111111111111107
    tr.set_f(1, 1, h.Vector([0.3]))               # a rate change takes effect at finitialize
    h.finitialize(-65)
    assert sec(0.5).n_ksinst == 0.1 / (0.1 + 0.3)
    ranvier.reset()


def test_pr_prints_neurons_text(capsys):
    ranvier.reset()
    kschan_model.pr_text(h)
    ours = capsys.readouterr().out.splitlines()
    ref = REF["pr_text"]
    assert len(ours) == len(ref)
    for a, b in zip(ours, ref):
        if b.startswith("KSChan["):               # the object's index depends on the process
            assert a.startswith("KSChan[") and a.endswith("] type properties")
        else:
            assert a == b
