"""NEURON 9's modern interface against NEURON 9.0.2's own answers.

data/probe_api.py probes `from neuron import n`, neuron.units, mechanism type
objects (n.hh.insert/uninsert), class and type reprs, h.units(), psection()
and the mechanism iteration idioms; data/expected.json is what NEURON 9.0.2
answered (data/make_expected.py).  Here the same probe runs under ranvier, in a
fresh process so that object numbering (IClamp[0]) is NEURON's.
"""
import json
import math
import os
import subprocess
import sys

import pytest

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

_RUN = """
import json, sys
sys.path.insert(0, {data!r})
import ranvier
ranvier.load_mechanisms({data!r})
import probe_api
json.dump(probe_api.run(ranvier, ranvier.units), sys.stdout)
"""


@pytest.fixture(scope="module")
def answers():
    with open(os.path.join(DATA, "expected.json")) as f:
        expected = json.load(f)
    out = subprocess.run([sys.executable, "-c", _RUN.format(data=DATA)], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return expected, json.loads(out.stdout)


def _same(exp, got, path=""):
    """Recursive equality; floats to 1e-12 relative; dict key ORDER included."""
    if isinstance(exp, dict):
        assert isinstance(got, dict), path
        assert list(got) == list(exp), "%s: keys %s != %s" % (path, list(got), list(exp))
        for k in exp:
            _same(exp[k], got[k], path + "." + k)
    elif isinstance(exp, list):
        assert isinstance(got, list) and len(got) == len(exp), "%s: %r != %r" % (path, got, exp)
        for i, (e, g) in enumerate(zip(exp, got)):
            _same(e, g, "%s[%d]" % (path, i))
    elif isinstance(exp, float):
        assert isinstance(got, float) and math.isclose(got, exp, rel_tol=1e-12, abs_tol=0), \
            "%s: %r != %r" % (path, got, exp)
    else:
        assert type(got) is type(exp) and got == exp, "%s: %r != %r" % (path, got, exp)


@pytest.mark.parametrize("key", ["units", "n", "insert", "reprs", "units_of", "units_of_n",
                                 "units_toggle", "units_set", "psection", "walk",
                                 "rangevar_set", "rangevar_index_error", "seg_dik_dv_"])
def test_same_as_neuron(answers, key):
    expected, got = answers
    _same(expected[key], got[key], key)


def test_mechanism_types_as_neuron(answers):
    expected, got = answers
    exp, mine = dict(expected["mechtypes"]), dict(got["mechtypes"])
    exp_err, my_err = exp.pop("errors"), mine.pop("errors")
    _same(exp, mine, "mechtypes")
    assert list(my_err) == list(exp_err)
    for what, (status, kinds) in exp_err.items():
        assert my_err[what][0] == status == "error", what
        if kinds:          # NEURON raised a built-in kind: ranvier raises the same kind
            assert my_err[what][1] == kinds, what
        # NEURON raises a bare Exception for an unknown DensityMechanism name;
        # ranvier's MechanismTypeError is a ModelError, hence also a ValueError
    assert my_err["DensityMechanism('nosuch')"][1] == ["ValueError"]


def test_expected_data_is_neurons():
    with open(os.path.join(DATA, "expected.json")) as f:
        assert json.load(f)["neuron_version"] == "9.0.2"
