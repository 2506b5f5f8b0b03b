"""Several NEURON blocks in one file are merged, as NEURON's nocmodl does (ModelDB
26997 and 35358 split SUFFIX and USEION over two blocks): the split file must behave
exactly like the same mechanism written with one block."""
from ranvier import h
from ranvier.model import mechanisms as mechreg
from ranvier.nmodl import load_mechanism

BODY = """
PARAMETER { gbar = 0.01 (S/cm2) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) }
STATE { n }
INITIAL { n = 0.3 }
BREAKPOINT { SOLVE st METHOD cnexp  ik = gbar*n*(v - ek) }
DERIVATIVE st { n' = (0.5 - n)/2 }
"""
SPLIT = "NEURON { SUFFIX kspl }\nNEURON { USEION k READ ek WRITE ik RANGE gbar }\n" + BODY
ONE = "NEURON { SUFFIX kone USEION k READ ek WRITE ik RANGE gbar }\n" + BODY


def test_split_neuron_blocks_equal_one_block():
    for text, name in ((SPLIT, "kspl.mod"), (ONE, "kone.mod")):
        mechreg.register(load_mechanism(text=text, filename=name))
    split, one = mechreg.get("kspl"), mechreg.get("kone")
    assert [i[:3] for i in split.ions] == [i[:3] for i in one.ions]
    assert [n.replace("kspl", "") for n in split.range_names] == \
        [n.replace("kone", "") for n in one.range_names]
    a, b = h.Section(name="a"), h.Section(name="b")
    a.insert("kspl")
    b.insert("kone")
    va, vb = h.Vector().record(a(0.5)._ref_v), h.Vector().record(b(0.5)._ref_v)
    h.finitialize(-65)
    for _ in range(80):
        h.fadvance()
    assert list(va) == list(vb) and va[-1] != va[0]
