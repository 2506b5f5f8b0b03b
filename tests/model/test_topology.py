"""Tree structure: connect spellings, topology text, distance, freeing."""
import gc

import pytest

from ranvier import h
from ranvier.model.topology import topology_text
from ranvier.core.errors import ModelError


def test_connect_spellings_and_topology_text():
    a = h.Section(name="ta")
    b = h.Section(name="tb")
    c = h.Section(name="tc")
    b.connect(a)
    c.connect(a(0.5), 1)
    assert b.parentseg().sec is a and b.parentseg().x == 1.0
    assert c.orientation() == 1.0
    text = topology_text()
    assert "|-|       ta(0-1)\n" in text
    assert "   `|       tb(0-1)\n" in text
    assert "  `|       tc(1-0)\n" in text


def test_cycles_are_rejected():
    a = h.Section(name="ca")
    b = h.Section(name="cb")
    b.connect(a)
    with pytest.raises(ModelError, match="ancestor"):
        a.connect(b)


def test_distance_along_a_path():
    soma = h.Section(name="dsoma")
    dend = h.Section(name="ddend")
    dend.connect(soma(1))
    soma.L, dend.L = 20, 100
    h.distance(0, 0.5, sec=soma)
    assert h.distance(1, sec=dend) == pytest.approx(110.0)
    assert h.distance(soma(0), dend(0.5)) == pytest.approx(70.0)


def test_sections_are_freed_with_their_last_reference():
    gc.collect()
    before = len(list(h.allsec()))
    s = h.Section(name="tmp")
    assert len(list(h.allsec())) == before + 1
    del s
    gc.collect()
    assert len(list(h.allsec())) == before


def test_a_cells_sections_go_with_the_cell():
    class Cell:
        def __init__(self):
            self.soma = h.Section(name="soma", cell=self)
            self.dend = h.Section(name="dend", cell=self)
            self.dend.connect(self.soma)

    gc.collect()
    before = len(list(h.allsec()))
    c = Cell()
    assert len(list(h.allsec())) == before + 2
    assert c.soma.cell() is c
    del c
    gc.collect()
    assert len(list(h.allsec())) == before
