"""SaveState against NEURON 9.0.2 (data/impsave_reference.json, made by
data/make_impsave_reference.py from impsave_model.py): the continuation after restore()
and after fwrite/fread is bit-identical to the first, and exactly NEURON's values come
back."""
import json
import sys
from pathlib import Path

import pytest

from ranvier import h

sys.path.insert(0, str(Path(__file__).parent))
import impsave_model  # noqa: E402

REF = json.loads((Path(__file__).parent / "data" / "impsave_reference.json").read_text())["savestate"]


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    import ranvier
    ranvier.reset()
    out = impsave_model.savestate(h, str(tmp_path_factory.mktemp("ss") / "state.dat"))
    ranvier.reset()
    return out


@pytest.mark.parametrize("key", sorted(REF))
def test_as_neuron(ours, key):
    assert ours[key] == REF[key]


def test_continuations_identical(ours):
    # events were in flight at the save (NetCon delays longer than the NetStim interval)
    assert ours["first"]["spikes"] and ours["first"]["bspikes"]
    assert ours["first"] == ours["second"] == ours["third"]
    assert ours["after_restore"][0] == ours["t_saved"] == ours["t_file"]


def test_errors():
    import ranvier
    from ranvier.core.errors import ModelError
    from ranvier.library.savestate import SaveStateError
    ranvier.reset()
    try:
        s = h.Section(name="se")
        s.insert("hh")
        ss = h.SaveState()
        with pytest.raises(SaveStateError, match="nothing saved"):
            ss.restore()
        h.finitialize(-65)
        ss.save()
        s.nseg = 3                       # another structure
        with pytest.raises(SaveStateError, match="structure"):
            ss.restore()
        assert issubclass(SaveStateError, ModelError)
    finally:
        ranvier.reset()


def test_fread_rejects_other_files(tmp_path):
    import ranvier
    from ranvier.library.savestate import SaveStateError
    p = tmp_path / "junk.dat"
    p.write_text("not a state\n")
    ranvier.reset()
    try:
        with pytest.raises(SaveStateError, match="cannot read"):
            h.SaveState().fread(h.File(str(p)))
    finally:
        ranvier.reset()
