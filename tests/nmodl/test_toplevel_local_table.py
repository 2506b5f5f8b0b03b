"""A file-level LOCAL tabulated by a PROCEDURE TABLE (ModelDB 8210's kd3h5.mod and
na3h5.mod, Mainen et al 1995): nocmodl accepts it; ranvier must too and give NEURON
9.0.2's trace (data/loctab/make_expected.py -> expected.json)."""
import json
import os

import numpy as np

from ranvier import h
from ranvier.model import mechanisms
from ranvier.nmodl import load_mechanism

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "loctab")


def test_file_local_in_table_matches_neuron():
    if "loctab" not in mechanisms.loaded():
        mechanisms.register(load_mechanism(os.path.join(HERE, "loctab.mod")))
    with open(os.path.join(HERE, "expected.json")) as f:
        want = json.load(f)
    import importlib.util
    spec = importlib.util.spec_from_file_location("loctab_make", os.path.join(HERE, "make_expected.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    got = mod.scenario(h)
    np.testing.assert_allclose(got["v"], want["v"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(got["n"], want["n"], rtol=0, atol=1e-12)
