"""Library pieces that published ModelDB models need, checked against NEURON 9.0.2's
output of the same HOC probe (tests/library/data/modeldb_lib: the .hoc probes, their
.expected output and make_expected.sh that made it with NEURON's nrniv):

- graphs.hoc: stdrun's addplot, newPlot, newPlotS, initPlot, flushPlot, fastflushPlot,
  Plot headless, with NEURON's graphList membership (ModelDB 279's El.oc);
- electrode.hoc: load_file("electrod.hoc")'s Electrode template (ModelDB 3817): an
  IClamp and a switched-off VClamp in the middle of the accessed section, the run
  with its current pulse, and loc() answering the x asked for;
- subset_iter.hoc: load_file("subiter.hoc")'s SubsetDomainIterator (ModelDB 123927's
  CellBuild export), `for obj.loop() stmt` with its x and normalized path distance p;
- vector_graph.hoc: Vector.line, plot and mark drawing on a Graph (ModelDB 120798).
"""
import os

import pytest

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "modeldb_lib")


def _run_hoc(name, capfd):
    from ranvier import h
    capfd.readouterr()
    h.xopen(os.path.join(DATA, name))
    out = capfd.readouterr()
    return out.out + out.err


@pytest.mark.parametrize("probe", ["graphs", "electrode", "subset_iter", "vector_graph"])
def test_probe_output_is_neurons(probe, capfd):
    with open(os.path.join(DATA, probe + ".expected")) as f:
        expected = [ln.rstrip() for ln in f if ln.strip()]
    got = [ln.rstrip() for ln in _run_hoc(probe + ".hoc", capfd).splitlines() if ln.strip()]
    assert got == expected
