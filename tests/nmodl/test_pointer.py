"""NMODL POINTER (model/pointer.py, nmodl codegen's instance prologue).

NEURON 9.0.2's numbers for coupled cells are checked in test_workflow.py
(data/workflow/wfgap.mod, wfdp.mod).  Here: NMODL.md Q10 (NEURON's values quoted
there), and what NEURON leaves undefined or crashes on, which ranvier refuses with
a clear error."""
import pytest

from ranvier import ModelError, NmodlError, h
from ranvier.model import mechanisms
from ranvier.nmodl import load_mechanism

GAP = """NEURON { POINT_PROCESS WfPtrGap POINTER vgap RANGE g NONSPECIFIC_CURRENT i }
PARAMETER { g = 0.005 }
ASSIGNED { v vgap i }
BREAKPOINT { i = g*(v - vgap) }
"""
DENS = """NEURON { SUFFIX wfptrd POINTER p NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 0 }
ASSIGNED { v p i }
BREAKPOINT { i = g*(v - p) }
"""


@pytest.fixture(scope="module", autouse=True)
def mechs():
    for text, name in ((GAP, "wfptrgap.mod"), (DENS, "wfptrd.mod")):
        m = load_mechanism(text=text, filename=name)
        if mechanisms.get(m.name, required=False) is None:
            mechanisms.register(m)


def _cell(name):
    s = h.Section(name=name)
    s.L = s.diam = 20
    s.insert("pas")
    s.g_pas, s.e_pas = 1e-4, -65
    return s


def test_q10_gap_junction_matches_neuron():
    # NMODL.md Q10 (NEURON 9.0.2): va -58.52300359970468, vb -59.75918638534563
    h.celsius = 6.3
    a, b = _cell("q10a"), _cell("q10b")
    st = h.IClamp(a(0.5))
    st.delay, st.dur, st.amp = 1, 2, 0.1
    ga, gb = h.WfPtrGap(a(0.5)), h.WfPtrGap(b(0.5))
    assert h.setpointer(b(0.5)._ref_v, "vgap", ga) is None
    gb._ref_vgap = a(0.5)._ref_v
    rec = h.Vector().record(gb._ref_vgap)          # records the target: a's v
    va = h.Vector().record(a(0.5)._ref_v)
    h.dt = 0.025
    h.finitialize(-65)
    for _ in range(200):
        h.fadvance()
    assert a(0.5).v == -58.52300359970468
    assert b(0.5).v == -59.75918638534563
    assert gb.vgap == a(0.5).v and ga.vgap == b(0.5).v
    assert list(rec) == list(va)
    gb.vgap = -70.0                                 # writing pp.p writes the target
    assert a(0.5).v == -70.0


def test_unset_pointer_raises_at_finitialize():
    s = _cell("unset")
    pp = h.WfPtrGap(s(0.5))
    with pytest.raises(ModelError, match=r"WfPtrGap\[\d+\]: POINTER vgap is not set .*setpointer"):
        h.finitialize(-65)
    pp._ref_vgap = s(0.5)._ref_v
    h.finitialize(-65)
    del pp


def test_density_pointer_and_its_errors():
    a, b = _cell("dpa"), _cell("dpb")
    a.insert("wfptrd")
    a(0.5).wfptrd.g = 1e-3
    with pytest.raises(ModelError, match=r"dpa\(0\)\.wfptrd: POINTER p is not set"):
        h.finitialize(-65)
    a(0.5).wfptrd._ref_p = b(0.5)._ref_v
    assert a(0.5).wfptrd._ref_p is not None
    h.finitialize(-50)
    b(0.5).v = -80.0
    assert a(0.5).wfptrd.p == -80.0                # reading p gives the target's value
    a(0.5).wfptrd._ref_p = b(0.5).pas._ref_g        # a mechanism variable: not supported yet
    with pytest.raises(ModelError, match="can point at a node's v or an ion variable only"):
        h.finitialize(-65)
    with pytest.raises(TypeError, match="needs a reference"):
        a(0.5).wfptrd._ref_p = 3.0
    with pytest.raises(AttributeError, match="has no POINTER 'q'"):
        h.setpointer(b(0.5)._ref_v, "q", a(0.5).wfptrd)
    a.uninsert("wfptrd")


def test_assigning_a_pointer_in_the_mod_file_is_refused():
    text = DENS.replace("SUFFIX wfptrd", "SUFFIX wfptrw").replace("i = g*(v - p)", "i = g*(v - p) p = 1")
    with pytest.raises(NmodlError, match="assigning to POINTER p") as e:
        load_mechanism(text=text, filename="wfptrw.mod")
    assert e.value.line == 4


def test_q10_gap_junction_from_hoc_setpointer_statement():
    # the same Q10 model, the pointers set by HOC's `setpointer obj.p, var` statement
    # (Destexhe's kinetic synapse demos, ModelDB 18500, use it): NEURON's numbers again
    h.celsius = 6.3
    assert h("create q10ha, q10hb\n"
      "forall { L = 20  diam = 20  insert pas  g_pas = 1e-4  e_pas = -65 }\n"
      "objref st, ga, gb\n"
      "q10ha st = new IClamp(0.5)\n"
      "st.del = 1\nst.dur = 2\nst.amp = 0.1\n"
      "q10ha ga = new WfPtrGap(0.5)\n"
      "q10hb gb = new WfPtrGap(0.5)\n"
      "setpointer ga.vgap, q10hb.v(0.5)\n"
      "setpointer gb.vgap, q10ha.v(0.5)\n"
      "dt = 0.025\n"
      "finitialize(-65)\n"
      "for i = 1, 200 fadvance()\n")
    assert h.q10ha(0.5).v == -58.52300359970468
    assert h.q10hb(0.5).v == -59.75918638534563


def test_hoc_setpointer_needs_an_object_member(capsys):
    assert not h("create q10hc\naccess q10hc\nsetpointer vgap_wfptrd(0.5), v(0.5)\n")
    assert "setpointer: the target must be" in capsys.readouterr().err
