"""Import3d against NEURON 9.0.2: the files in data/ (written for these tests) read
with Import3d_SWC_read / Import3d_Neurolucida3 and instantiated at top level, into
a Python object and into a HOC template; every section's name, 3-D points (float32,
compared exactly), parent and x, children order, logical connection, the lists
and the printed messages.  data/expected.json and data/contours.json were made by
make_expected.py with NEURON 9.0.2."""
import json
import os

import numpy as np
import pytest

from ranvier import h
from ranvier.library.import3d import contour, nrnvec
from ranvier.library.import3d.errors import Import3dError, Import3dFileError

from import3d_snapshot import PyCell, data_path, snapshot

with open(data_path("expected.json")) as f:
    EXPECTED = json.load(f)


def _without_principal_axes(text):
    """NEURON's soma-stack diagnostic prints eigenvalues and eigenvectors in the order
    and with the signs of its eigen solver; ranvier's differ (the numbers are the
    same and are not used).  Drop those lines."""
    out, skip = [], 0
    for line in text.split("\n"):
        if skip:
            skip -= 1
            continue
        if line == "Principle values":
            skip = 1
            continue
        if line == "Principle axes":
            skip = 3
            continue
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_matches_neuron(key, capsys, monkeypatch):
    fname, mode, quiet = key.split()
    monkeypatch.chdir(os.path.dirname(data_path(fname)))
    want = EXPECTED[key]
    got = snapshot(h, fname, mode, int(quiet))
    out = capsys.readouterr().out
    assert got == want["result"]
    assert _without_principal_axes(out.rstrip("\n")) == \
        _without_principal_axes(want["stdout"].rstrip("\n"))


def test_contour_centroids_match_neuron():
    """60 random soma outlines: the centroid line (21 points) equals NEURON's in
    every float32 bit (the Python-object path passes the doubles exactly)."""
    with open(data_path("contours.json")) as f:
        data = json.load(f)
    for pts, want in zip(data["outlines"], data["neuron"]):
        x, y, z = [list(c) for c in zip(*pts)]
        line = contour.contour2centroid(x, y, z)
        got = [[float(np.float32(v)) for v in p] for p in zip(*line)]
        assert got == want


def test_vector_rules():
    """The Vector arithmetic Import3d relies on, as measured on NEURON 9.0.2."""
    v = nrnvec.interpolate([0, 0.5, 1, 1.5, 2], [0, 1, 1, 2], [0, 10, 20, 30])
    assert v == [0.0, 5.0, 10.0, 25.0, 30.0]
    # a destination list that goes back extrapolates; past the end it sticks
    assert nrnvec.interpolate([-1, 0.5, -1, 3, 0.5], [0, 1, 2], [0, 10, 20]) == \
        [0.0, 5.0, -10.0, 20.0, 20.0]
    assert nrnvec.interpolate([0.5, 2, 0.5], [0, 1, 2], [0, 10, 20]) == [5.0, 20.0, 5.0]
    assert len(nrnvec.indgen(0, 0.3, 0.1)) == 4          # 2.9999999999999996 steps
    assert len(nrnvec.indgen(0, 0.99999999, 0.1)) == 10
    assert len(nrnvec.indgen(0, 0.9999999999, 0.1)) == 11
    assert nrnvec.indgen(0, 0.3, 0.1)[-1] == 0.30000000000000004


def test_top_level_names_and_access():
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    r.input(data_path("gaps.swc"))
    h.Import3d_GUI(r, 0).instantiate(None)
    assert h.cas().name() == "soma[0]"
    assert len(h.soma) == 1 and len(h.dend) == 4
    assert r.sections.count() == 5 and r.err == 0
    assert r.sections is r.sections and r.sections.o(1).parentsec is r.sections.o(0)
    assert h.soma[0].n3d() == 3 and h.soma[0].diam3d(0) == 12.0     # sphere of 12 um


def test_python_object_gets_lists():
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    r.input(data_path("onepoint.swc"))
    cell = PyCell()
    h.Import3d_GUI(r, 0).instantiate(cell)
    assert sorted(vars(cell)) == ["all", "apic", "dend", "dend_12", "dend_7", "soma"]
    assert type(cell.all) is list and len(cell.all) == 7
    assert cell.dend_12[0].name() == "PyCell.dend_12[0]"


def test_template_arrays_take_the_last_create_sizes():
    """NEURON: a template's arrays are shared by its instances, so the sizes a
    `create` made in one instance are those of the next new instance."""
    h.load_file("import3d.hoc")
    h(_template())
    a = h.Import3dTestCell()
    r = h.Import3d_SWC_read()
    r.input(data_path("soma_tree.swc"))
    h.Import3d_GUI(r, 0).instantiate(a)
    b = h.Import3dTestCell()
    assert [len(getattr(b, k)) for k in ("soma", "dend", "apic", "axon")] == [3, 6, 1, 1]


def _template():
    from import3d_snapshot import TEMPLATE
    return TEMPLATE


def test_type_without_template_array_is_a_hoc_error():
    """A type code the template has no array for: NEURON refuses to create it in the
    instance ("First time declaration ... must happen at command level")."""
    from ranvier.core.errors import HocError
    h.load_file("import3d.hoc")
    h(_template())
    r = h.Import3d_SWC_read()
    r.input(data_path("onepoint.swc"))
    with pytest.raises(HocError):
        h.Import3d_GUI(r, 0).instantiate(h.Import3dTestCell())


def test_hoc_program(capsys, monkeypatch):
    """The usual HOC pattern: a cell template that reads its morphology in init()."""
    monkeypatch.chdir(os.path.dirname(data_path("gaps.swc")))
    h.load_file(data_path("cell_template.hoc"))
    out = capsys.readouterr().out
    with open(data_path("cell_template.stdout")) as f:
        assert out == f.read()


def test_unsorted_ids_are_refused():
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    with pytest.raises(Import3dError, match="increasing order"):
        r.input(data_path("unsorted.swc"))


def test_missing_file():
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    with pytest.raises(Import3dFileError, match="could not open"):
        r.input(data_path("no_such_file.swc"))
    assert isinstance(Import3dFileError("x"), FileNotFoundError)


@pytest.mark.parametrize("name", ["Import3d_Eutectic_read", "Import3d_MorphML",
                                  "Import3d_Neurolucida_read"])
def test_other_readers_exist(name):
    """They are implemented now (test_import3d_others.py compares them with NEURON)."""
    h.load_file("import3d.hoc")
    r = getattr(h, name)()
    assert r.hname().startswith(name + "[") and r.err == 0


def test_names_exist_only_after_load_file():
    with pytest.raises(AttributeError):
        h.Import3d_SWC_read
    assert h.load_file("import3d.hoc") == 1
    assert h.Import3d_SWC_read is not None
    h("objref r3d\nr3d = new Import3d_SWC_read()")
    assert h.r3d.hname() == "Import3d_SWC_read[0]"


def test_python_load():
    from ranvier.library.import3d import load
    secs = load(data_path("gaps.swc"))
    assert [s.name() for s in secs] == ["soma[0]", "dend[0]", "dend[1]", "dend[2]", "dend[3]"]
    cell = PyCell()
    secs = load(data_path("circle.asc"), cell)
    assert secs == cell.all and cell.soma[0].n3d() == 21
