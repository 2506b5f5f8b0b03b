"""The objects NEURON's library files leave behind, as NEURON 9.0.2 (data/make_library_objects.py):
nrngui.hoc's main menu makes PWManager[0] (ModelDB demos read PWManager[0].count at
load), noload.hoc and stdgui.hoc only stdrun.hoc's six Lists."""
import io
import json
import os
from contextlib import redirect_stdout

import pytest

from ranvier import hoc

with open(os.path.join(os.path.dirname(__file__), "data", "library_objects.json")) as f:
    EXPECTED = json.load(f)


@pytest.mark.parametrize("libfile", sorted(k for k in EXPECTED if k.endswith(".hoc")))
def test_objects_after_loading_library_file(libfile):
    out = io.StringIO()
    with redirect_stdout(out):
        hoc.interpreter().execute('load_file("%s")\nobjref pw_, ls_, vc_\npw_ = new PWManager()\n'
                                  'ls_ = new List()\nvc_ = new Vector()\nprint pw_, ls_, vc_, PWManager[0].count\n'
                                  % libfile, filename="test.hoc")
    assert out.getvalue().strip().splitlines()[-1].strip() == EXPECTED[libfile]


def test_stdrun_plain_variables():
    from ranvier import h
    h.load_file("nrngui.hoc")
    for name, value in EXPECTED["stdrun_vars"].items():
        assert getattr(h, name) == value, name
        assert h.name_declared(name) == 5, name


def test_stdrun_strdefs():
    from ranvier import h
    hoc.interpreter().execute('load_file("stdrun.hoc")\n', filename="test.hoc")
    for name, kind in EXPECTED["stdrun_strdefs"].items():
        assert h.name_declared(name) == kind, name
