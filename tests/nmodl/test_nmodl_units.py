"""Declared units on the mechanism description, as NEURON's h.units() reports them.

data/units_expected.json holds NEURON 9.0.2's h.units('<var>_unitspell') for
data/unitspell.mod (data/make_units_expected.py): a PARAMETER keeps the first word
inside its parentheses, ASSIGNED and STATE keep the text as written.
"""
import json
import os

from ranvier.nmodl import builtin_mechanism, load_mechanism
from ranvier.nmodl.analysis import unit_text

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def test_unit_spellings_as_neuron():
    with open(os.path.join(DATA, "units_expected.json")) as f:
        expected = json.load(f)
    assert expected["neuron_version"] == "9.0.2"
    mech = load_mechanism(os.path.join(DATA, "unitspell.mod"))
    got = {name: mech.unit(name) for name in expected["units"]}
    assert got == expected["units"]


def test_builtin_mechanisms_declare_neurons_units():
    # NEURON 9.0.2: h.units('gnabar_hh') ... (tests/interface checks them through h.units)
    hh = builtin_mechanism("hh")
    assert [hh.unit(v) for v in ("gnabar", "el", "gna", "il", "m", "mtau", "minf")] == \
        ["S/cm2", "mV", "S/cm2", "mA/cm2", "", "ms", ""]
    iclamp = builtin_mechanism("IClamp")
    assert [iclamp.unit(v) for v in ("del", "dur", "amp", "i")] == ["ms", "ms", "nA", "nA"]


def test_unit_text():
    assert unit_text(None) == "" and unit_text("") == ""
    assert unit_text("(S/cm2)") == "S/cm2"
    assert unit_text("( mA / cm2 )") == " mA / cm2 "
    assert unit_text("( mA / cm2 )", first_word=True) == "mA"
    assert unit_text("(  )", first_word=True) == ""
