"""Mechanisms that WRITE an ion concentration run before the others (NEURON's
init.cpp nrn_writes_conc; NMODL.md section 0): right after extracellular and the
ions, the last registered first.  So a channel whose SOLVE reads cai sees the cai the
pool computed in the same step, even when its .mod file is registered first.
ModelDB 3343 (Destexhe's thalamic network: Ih.mod reads cai, cadecay.mod writes it)
drifted by 4.8 ms in spike times while the pool ran after Ih.

Expected numbers: tests/engine/data/conc_order/expected.json, from NEURON 9.0.2 by
make_expected.py there (scenario.py is the run both make)."""
import importlib.util
import json
import os

import pytest

import ranvier
from ranvier import h
from ranvier.model import mechanisms as mechreg

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "conc_order")
with open(os.path.join(DATA, "expected.json")) as _f:
    EXPECTED = json.load(_f)



def _load_scenario():
    """scenario.py of DATA under its own module name (another test folder has one too)."""
    spec = importlib.util.spec_from_file_location("conc_order_scenario", os.path.join(DATA, "scenario.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow      # compiles two mechanisms (a minute on a cold kernel cache)
def test_pool_runs_before_the_channel_that_reads_cai():
    ranvier.load_mechanisms(DATA)
    scenario = _load_scenario()
    got = scenario.run(h)
    for key in ("s", "cai", "v"):
        exp = [float(x) for x in EXPECTED[key]]
        assert len(got[key]) == len(exp)
        for k, (a, b) in enumerate(zip(exp, got[key])):
            assert a == b, "%s[%d]: NEURON %r, ranvier %r" % (key, k, a, b)


class _Desc:
    def __init__(self, ions):
        self.ions = ions


def test_exec_order_puts_conc_writers_first_last_registered_first(monkeypatch):
    assert mechreg._writes_conc(_Desc([("ca", ["ica"], ["cai"], None)]))
    assert mechreg._writes_conc(_Desc([("k", ["ik"], ["ko"], None)]))
    assert not mechreg._writes_conc(_Desc([("ca", ["cai"], ["ica"], None)]))
    # three user types registered chan, pool1, pool2 (as register() numbers them)
    for k, name in enumerate(("zz_chan", "zz_pool1", "zz_pool2")):
        monkeypatch.setitem(mechreg._type_index, name, 10**6 + k)
    monkeypatch.setitem(mechreg._conc_writers, "zz_pool1", 10**6)
    monkeypatch.setitem(mechreg._conc_writers, "zz_pool2", 10**6 + 1)
    mechreg.get("hh"), mechreg.get("pas"), mechreg.get("IClamp")
    order = sorted(["hh", "zz_chan", "IClamp", "zz_pool1", "pas", "zz_pool2"],
                   key=mechreg.exec_order)
    assert order == ["pas", "zz_pool2", "zz_pool1", "IClamp", "hh", "zz_chan"]
