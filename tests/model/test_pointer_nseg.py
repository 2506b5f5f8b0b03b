"""`_ref_` pointers into segments follow their node across nseg changes, as NEURON's
handles do, or become invalid (tests/model/data/pointer_nseg.json, made under NEURON
9.0.2 by data/make_pointer_nseg.py)."""
import importlib.util
import json
from pathlib import Path

import pytest

from ranvier import h
from ranvier.core.errors import ModelError

DATA = Path(__file__).parent / "data"
REF = json.loads((DATA / "pointer_nseg.json").read_text())["probe"]


def _script():
    spec = importlib.util.spec_from_file_location("make_pointer_nseg", DATA / "make_pointer_nseg.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_pointers_follow_their_node_as_in_neuron():
    import ranvier
    ranvier.reset()
    try:
        assert _script().run(h) == REF
    finally:
        ranvier.reset()


def test_invalid_pointer_names_itself():
    sec = h.Section(name="shrunk")
    sec.insert("hh")
    sec.nseg = 5
    ref = sec(0.3).hh._ref_gnabar
    sec.nseg = 3
    with pytest.raises(ModelError, match=r"shrunk\(0.3\).gnabar_hh: invalid pointer: nseg 5 -> 3"):
        ref[0]
