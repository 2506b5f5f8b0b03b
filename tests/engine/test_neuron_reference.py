"""Fixed-step results against NEURON 9.0.2's own numbers (stored in
data/neuron_reference.json, made by neuron_reference_models.py under NEURON):
a branched tree with 3-D dendrites and children at 0, 0.5 and 1, Crank-Nicolson,
record(ref, Dt), usetable_hh = 0 at another temperature, run() changing dt."""
import json
from pathlib import Path

import numpy as np
import pytest

import neuron_reference_models as models
from ranvier import h

REF = json.loads((Path(__file__).parent / "data" / "neuron_reference.json").read_text())


def _compare(got, exp, path=""):
    if isinstance(exp, dict):
        assert set(got) == set(exp), path
        for k in exp:
            _compare(got[k], exp[k], path + "." + k)
    elif isinstance(exp, list):
        assert len(got) == len(exp), "%s: length %d != %d" % (path, len(got), len(exp))
        np.testing.assert_allclose(got, exp, rtol=1e-9, atol=1e-9, err_msg=path)
    else:
        assert got == pytest.approx(exp, rel=1e-12, abs=1e-12), path


@pytest.mark.parametrize("model", models.MODELS, ids=lambda f: f.__name__)
def test_matches_neuron(model, capsys):
    h.load_file("stdrun.hoc")
    got = json.loads(json.dumps(model(h)))
    _compare(got, REF[model.__name__], model.__name__)
