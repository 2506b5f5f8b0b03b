"""KINETIC schemes with several CONSERVE statements: NEURON 9.0.2's translator gives
the CONSERVE rows in reverse statement order (the last CONSERVE's state is row 0),
and that order decides the sparse solver's pivots and so the round-off.  ModelDB
3343 (Destexhe's thalamic network, Ih.mod with two CONSERVEs and a rate that depends
on a state) drifted by 4.8 ms in spike time when the rows were in statement order.

Expected numbers: tests/nmodl/data/conserve_order/expected.json, made by
make_expected.py there with NEURON 9.0.2 (the state order read from the C++ that
NEURON's nrnivmodl wrote, and the states of scenario.run)."""
import importlib.util
import json
import os

import pytest

import ranvier
from ranvier import h
from ranvier.nmodl import analysis, parser

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "conserve_order")
with open(os.path.join(DATA, "expected.json")) as _f:
    EXPECTED = json.load(_f)


def _scheme(mod, block):
    with open(os.path.join(DATA, mod)) as f:
        text = f.read()
    return analysis.analyze(parser.parse(text, mod), text).schemes[block]


def test_state_order_is_neurons_with_conserve_rows_reversed():
    for mod, block in (("cons2", "kin"), ("cons3", "k")):
        sc = _scheme(mod + ".mod", block)
        assert [s for s, _ in sc.states] == EXPECTED["order"][mod], mod



def _load_scenario():
    """scenario.py of DATA under its own module name (another test folder has one too)."""
    spec = importlib.util.spec_from_file_location("conserve_order_scenario", os.path.join(DATA, "scenario.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow        # compiles two mechanisms (minutes on a cold kernel cache)
def test_two_conserve_scheme_matches_neuron_bit_for_bit():
    ranvier.load_mechanisms(DATA)
    scenario = _load_scenario()
    got = scenario.run(h)
    for key in ("o1", "o2", "p1"):
        exp = [float(x) for x in EXPECTED[key]]
        assert len(got[key]) == len(exp)
        for k, (a, b) in enumerate(zip(exp, got[key])):
            assert a == b, "%s[%d]: NEURON %r, ranvier %r" % (key, k, a, b)
