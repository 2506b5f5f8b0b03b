"""A point process made without a location is not located, as in NEURON 9.0.2:
`new AMPA()` in HOC with a section accessed, or h.IClamp(sec=s) from Python, has
has_loc() == 0 until loc() places it (ModelDB 18500 creates its synapses this way)."""
from ranvier import h


def test_python_constructor_without_x_is_not_located():
    s = h.Section(name="s")
    c = h.IClamp(sec=s)                  # NEURON 9.0.2 prints 0.0
    assert c.has_loc() == 0
    c.loc(s(0.3))
    assert c.has_loc() == 1 and c.get_segment().sec == s      # nseg 1: s(0.5)


def test_hoc_new_without_x_is_not_located(capsys):
    # NEURON 9.0.2 prints 0, then 0.5 from get_loc() after `dend c.loc(0.3)` on
    # nseg 1 (the node's x), then soma, 1 and 0
    h("create soma, dend\naccess soma\nobjref c\nc = new IClamp()\nprint c.has_loc()\n"
      "dend c.loc(0.3)\nprint c.get_loc()\nsecname()\npop_section()\n"
      "objref d\nd = new IClamp()\nprint d.has_loc()\n")
    out = capsys.readouterr().out.split()
    assert out == ["0", "0.5", "soma", "1", "0"]
