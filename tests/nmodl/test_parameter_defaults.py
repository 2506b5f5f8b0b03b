"""Two translation details of nocmodl 9.0.2 that change numbers
(tests/nmodl/data/pdefaults, expected.json made with NEURON by make_expected.py):

- a PARAMETER's default is written into the C code with %g, so it keeps 6 significant
  digits (gbar = 6.59090909e-5 is 6.59091e-05; ModelDB 123927's kslow drifted 6e-6 mV);
  CONSTANTs and literals keep every digit;
- a TABLE without DEPEND whose procedure reads a RANGE parameter is built once, from the
  first instance's value (ModelDB 123927's KM with timesTau = 2 differed by 1e-5)."""
import importlib.util
import json
import os

import pytest

from ranvier import h
from ranvier.model import mechanisms
from ranvier.nmodl import load_mechanism

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "pdefaults")


@pytest.fixture(scope="module")
def ours():
    for name in ("pdefs", "tabinst"):
        if name not in mechanisms.loaded():
            mechanisms.register(load_mechanism(os.path.join(DATA, name + ".mod")))
    spec = importlib.util.spec_from_file_location("pdef_make", os.path.join(DATA, "make_expected.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.scenario(h)


@pytest.fixture(scope="module")
def neuron():
    with open(os.path.join(DATA, "expected.json")) as f:
        return json.load(f)


def test_parameter_defaults_keep_six_significant_digits(ours, neuron):
    assert ours["range"] == neuron["range"] == [6.59091e-05, 0.123457, 123457000.0]
    assert ours["globals"] == neuron["globals"] == [0.987654, 0.333333]
    assert ours["x"] == neuron["x"]           # CONSTANT + literal: every digit


def test_table_without_depend_is_built_from_the_first_instance(ours, neuron):
    assert ours["tau"] == neuron["tau"]
    assert ours["s"] == neuron["s"]
