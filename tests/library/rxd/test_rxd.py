"""neuron.rxd (1-D) against NEURON 9.0.2's numbers (data/expected.json, written by
data/make_expected.py from the scenarios in scenarios.py)."""
import json
import math
import os
import sys

import pytest

import ranvier
from ranvier import h
from ranvier.core.errors import ModelError

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scenarios  # noqa: E402

EXPECTED = json.load(open(os.path.join(HERE, "data", "expected.json")))


@pytest.fixture()
def rxd():
    ranvier.reset()
    from ranvier import as_neuron
    as_neuron.install()
    from neuron import rxd as r
    h.load_file("stdrun.hoc")
    yield r
    ranvier.reset()


def _close(got, exp, path, rtol, atol):
    if isinstance(exp, dict):
        assert set(got) == set(exp), path
        for k in exp:
            _close(got[k], exp[k], path + "." + k, rtol, atol)
    elif isinstance(exp, list):
        assert len(got) == len(exp), "%s: %d values, NEURON has %d" % (path, len(got), len(exp))
        for i, (g, e) in enumerate(zip(got, exp)):
            _close(g, e, "%s[%d]" % (path, i), rtol, atol)
    else:
        assert math.isclose(float(got), float(exp), rel_tol=rtol, abs_tol=atol), \
            "%s: ranvier %r, NEURON %r" % (path, got, exp)


@pytest.mark.parametrize("name, rtol, atol", [
    ("geometry", 1e-12, 1e-12),
    ("diffusion", 1e-10, 1e-14),
    ("branched", 1e-10, 1e-14),
    ("reactions", 1e-10, 1e-14),
    ("multicompartment", 1e-9, 1e-15),
    ("partial_membrane", 1e-10, 1e-14),
])
def test_against_neuron(rxd, name, rtol, atol):
    got = getattr(scenarios, name)(h, rxd)
    _close(got, EXPECTED[name], name, rtol, atol)


def test_nodes_follow_cai_and_nernst(rxd):
    """A species named like an ion on nrn_region 'i' is the segments' cai; eca follows
    by Nernst (the value NEURON printed in the multicompartment scenario at t = 0)."""
    got = scenarios.multicompartment(h, rxd)
    exp = EXPECTED["multicompartment"]
    # at t = 0: cai = 5e-4, cao = 2 (the initial function), eca = RT/2F ln(cao/cai)
    assert got["cai0"] == exp["cai0"] == 5e-4
    ktf = 1000 * 8.31446261815324 * (h.celsius + 273.15) / 96485.33212331001
    assert math.isclose(got["eca0"], ktf / 2 * math.log(2.0 / 5e-4), rel_tol=1e-12)


def test_3d_and_cvode_refused(rxd):
    with pytest.raises(ModelError, match="1-D"):
        rxd.set_solve_type(dimension=3)
    with pytest.raises(ModelError, match="not implemented"):
        rxd.Extracellular(-10, -10, -10, 10, 10, 10, dx=1)
    s = h.Section(name="s")
    r = rxd.Region([s])
    rxd.Species(r, name="x", d=1, initial=1)
    h.CVode().active(1)
    try:
        with pytest.raises(ModelError, match="CVODE"):
            h.finitialize(-65)
    finally:
        h.CVode().active(0)


def test_region_errors(rxd):
    s = h.Section(name="s")
    with pytest.raises(ValueError, match="nrn_region"):
        rxd.Region([s], nrn_region="x")
    with pytest.raises(ValueError, match="thickness"):
        rxd.Shell(1, 1)
    cyt = rxd.Region([s])
    a = rxd.Species(cyt, name="a")
    with pytest.raises(ValueError, match="membrane"):
        rxd.MultiCompartmentReaction(a[cyt], a[cyt], 1, membrane=cyt)


def test_node_api(rxd):
    """nodes(sec), nodes(seg), x, segment, region, value; a concentration set on a node is
    the state (cai follows at the next step, as in NEURON); include_flux of a constant
    adds flux * dt / (volume * molecules per mM um^3) per step."""
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 10, 1, 5
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    ca = rxd.Species(cyt, name="ca", charge=2, d=0, initial=1e-4)
    h.finitialize(-65)
    nl = ca.nodes(dend)
    assert [round(x, 12) for x in nl.x] == [0.1, 0.3, 0.5, 0.7, 0.9]
    n = ca.nodes(dend(0.5))[0]
    assert n.x == 0.5 and n.region is cyt and n.sec == dend and n.segment.x == 0.5
    assert n.segment.cai == n.value == 1e-4
    n.concentration = 3e-4
    assert dend(0.5).cai == 1e-4
    h.fadvance()
    assert dend(0.5).cai == 3e-4
    vol = n.volume
    assert math.isclose(vol, math.pi * 0.25 * 2, rel_tol=1e-6)
    n.include_flux(1000.0)          # molecules/ms
    h.fadvance()
    assert math.isclose(dend(0.5).cai, 3e-4 + h.dt * 1000.0 / (vol * 6.02214076e5), rel_tol=1e-12)
