"""Range and ion variables named with their suffix at x = 0 and 1 are those of the nearest
segment, as in NEURON 9.0.2 (data/make_range_ends.py -> range_ends.json): the HOC idiom
`for (x) gkabar_kad(x) = ...` (ModelDB 2796) must not fail at the section's ends."""
import io
import json
import os
from contextlib import redirect_stdout

from ranvier import h, hoc

with open(os.path.join(os.path.dirname(__file__), "data", "range_ends.json")) as f:
    EXPECTED = json.load(f)


def test_suffixed_range_and_ion_variables_at_the_ends():
    out = io.StringIO()
    with redirect_stdout(out):
        hoc.interpreter().execute(EXPECTED["program"], filename="test.hoc")
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    assert lines[-len(EXPECTED["output"]):] == EXPECTED["output"]


def test_mechanism_view_still_refuses_the_ends():
    a = h.Section(name="a")
    a.insert("hh")
    try:
        a(0).hh
    except AttributeError:
        pass
    else:
        raise AssertionError("a(0).hh must raise AttributeError, as in NEURON")
    assert a(1).gnabar_hh == a(0.9).gnabar_hh
