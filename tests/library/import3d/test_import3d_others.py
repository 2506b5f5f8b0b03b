"""Import3d_MorphML, Import3d_Eutectic_read and Import3d_Neurolucida_read
against NEURON 9.0.2: the files in data/ (written for these tests) read and
instantiated at top level, into a Python object and into a HOC template; every
section's name, 3-D points (float32, compared exactly), parent and x, children
order, logical connection, the lists and the printed messages.
data/expected_others.json was made by make_expected_others.py with NEURON 9.0.2."""
import json
import os

import pytest

from ranvier import h
from ranvier.library.import3d.errors import Import3dError, Import3dFileError

from import3d_snapshot import data_path
from import3d_others_snapshot import snapshot_other

with open(data_path("expected_others.json")) as f:
    EXPECTED = json.load(f)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_matches_neuron(key, capsys, monkeypatch):
    fname, mode = key.split()
    monkeypatch.chdir(os.path.dirname(data_path(fname)))
    want = EXPECTED[key]
    got = snapshot_other(h, fname, mode)
    out = capsys.readouterr().out
    assert got == want["result"]
    assert out.rstrip("\n") == want["stdout"].rstrip("\n")


def test_expected_shapes():
    """What the NEURON data say, in words: the Eutectic soma outline becomes a
    21-point centroid line that the trees attach to at 0.5; a MorphML sphere
    (proximal = distal) becomes a cylinder one diameter long."""
    cell = EXPECTED["eutectic_cell.nts none"]["result"]["sections"]
    soma = [s for s in cell if s["name"] == "soma[0]"][0]
    assert len(soma["pts"]) == 21
    assert {s["name"]: s["parent_x"] for s in cell if s["parent"] == "soma[0]"} == \
        {"dend[0]": 0.5, "axon[0]": 0.5}
    ball = EXPECTED["morphml_ball.xml none"]["result"]["sections"][0]
    assert ball["L"] == ball["pts"][0][3] == 16
    # Neurolucida V1: radii become diameters; a child's first diameter is its second's
    v1 = {s["name"]: s for s in EXPECTED["nlcda_cell.v1.asc none"]["result"]["sections"]}
    assert v1["apic[0]"]["pts"][0][3] == 2 * 1.5
    assert v1["dend[1]"]["pts"][0][3] == v1["dend[1]"]["pts"][1][3] == 2 * 0.5


def test_missing_files():
    h.load_file("import3d.hoc")
    with pytest.raises(Import3dFileError, match="could not open"):
        h.Import3d_Eutectic_read().input(data_path("no_such_file.nts"))
    with pytest.raises(Import3dFileError, match="could not open"):
        h.Import3d_MorphML().input(data_path("no_such_file.xml"))
    with pytest.raises(Import3dFileError, match="could not open"):
        h.Import3d_Neurolucida_read().input(data_path("no_such_file.v1.asc"))


def test_morphml_needs_namespaces(tmp_path):
    h.load_file("import3d.hoc")
    p = tmp_path / "plain.xml"
    p.write_text("<morphml><segments><segment id='0' cable='0'/></segments></morphml>\n")
    with pytest.raises(Import3dError, match="namespace"):
        h.Import3d_MorphML().input(str(p))
    p.write_text("<morphml xmlns='http://morphml.org/morphml/schema'><segments>\n")
    with pytest.raises(Import3dError, match="not valid XML"):
        h.Import3d_MorphML().input(str(p))
