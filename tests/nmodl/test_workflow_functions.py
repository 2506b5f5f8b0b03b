"""FUNCTIONs/PROCEDUREs of density mechanisms from Python (model/mechfuncs.py) with
NEURON's setdata semantics (NMODL.md section 1 and "More verified facts" 6, both
from NEURON 9.0.2; the conformance cases nmodl_kinetic_cadyn and
nmodl_pointer_arrays compare them with NEURON's values)."""
import pytest

from ranvier import h
from ranvier.model import mechanisms
from ranvier.nmodl import load_mechanism

TEXT = """NEURON { SUFFIX wffn RANGE gbar GLOBAL k }
PARAMETER { gbar = 0.5 k = 3 }
ASSIGNED { v hid }
FUNCTION gact(x) { gact = gbar*x }
FUNCTION viahid(x) { hid = x viahid = hid }
FUNCTION kx(x) { kx = k*x }
FUNCTION nested(x) { nested = gact(x) + 1 }
PROCEDURE setg(x) { gbar = x }
"""


@pytest.fixture(scope="module", autouse=True)
def mech():
    m = load_mechanism(text=TEXT, filename="wffn.mod")
    if mechanisms.get(m.name, required=False) is None:
        mechanisms.register(m)


def test_setdata_semantics():
    s = h.Section(name="fs")
    s.nseg = 2
    s.insert("wffn")
    s(0.25).wffn.gbar = 2.0
    assert h.kx_wffn(2) == 6.0                       # GLOBALs only: no instance needed
    for name in ("gact_wffn", "viahid_wffn", "nested_wffn", "setg_wffn"):
        with pytest.raises(RuntimeError, match=r"No data for %s\. Requires prior call to setdata_wffn"
                                               % name):
            getattr(h, name)(1.0)
    assert s(0.25).wffn.gact(3) == 6.0               # the segment form needs no setdata
    assert s(0.75).wffn.nested(3) == 2.5
    assert h.setdata_wffn(s(0.75)) == 1.0
    assert h.gact_wffn(4) == 2.0
    h.setdata_wffn(0.25, sec=s)
    assert h.gact_wffn(4) == 8.0
    assert h.setg_wffn(7) == 1.0                     # a PROCEDURE returns 1.0 and acts
    assert s(0.25).wffn.gbar == 7.0 and s(0.75).wffn.gbar == 0.5
    with pytest.raises(TypeError, match=r"takes 1 argument \(x\), got 2"):
        h.gact_wffn(1, 2)
    s.uninsert("wffn")                               # the chosen instance is gone
    with pytest.raises(RuntimeError, match="No data for gact_wffn"):
        h.gact_wffn(1)
    with pytest.raises(ValueError, match="wffn is not inserted"):
        h.setdata_wffn(s(0.5))
