"""The NMODL-language corpus (tests/nmodl/corpus: issue 7's constructs) against
NEURON 9.0.2's numbers.

data/lang_expected.json comes from NEURON 9.0.2 (data/make_lang_expected.py runs
data/lang_scenarios.py after nrnivmodl on the corpus); ranvier runs the same
scenarios here.  Values agree to 1e-12 relative (most bit for bit); the brief's
bound is 1e-6 mV.
"""
import json
import os
import sys

import pytest

import ranvier
from ranvier import h

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, DATA)
import lang_scenarios  # noqa: E402

with open(os.path.join(DATA, "lang_expected.json")) as _f:
    EXPECTED = json.load(_f)


@pytest.fixture(scope="module")
def corpus_loaded():
    ranvier.load_mechanisms(CORPUS)
    return True


def _close(a, b):
    if a == b:
        return True
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))


@pytest.mark.parametrize("name", list(lang_scenarios.SCENARIOS))
def test_corpus_matches_neuron(corpus_loaded, name):
    got = lang_scenarios.run(h, name)
    exp = EXPECTED[name]
    assert set(got) == set(exp)
    for key, values in exp.items():
        assert len(got[key]) == len(values), key
        for k, (a, b) in enumerate(zip(values, got[key])):
            assert _close(a, b), "%s %s[%d]: NEURON %r, ranvier %r" % (name, key, k, a, b)


def test_known_values(corpus_loaded):
    # NMODL.md section 11: Q2 (derivimplicit) and Q5 (TABLE, and usetable off)
    assert EXPECTED["dimp2"]["v"][-1] == -42.34647319431251
    assert EXPECTED["tabdep"]["v"][-1] == -4.4366712069662375
    assert EXPECTED["tabdep_off"]["v"][-1] == -4.914852944596683
