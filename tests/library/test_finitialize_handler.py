"""FInitializeHandler (types 0-3, HOC statements) and CVode.event on the fixed step,
against NEURON 9.0.2's numbers (tests/library/data/fih_reference.json, made by
fih_model.py, which documents the model)."""
import json
import sys
from pathlib import Path

import pytest

from ranvier import h

sys.path.insert(0, str(Path(__file__).parent))
import fih_model  # noqa: E402

REF = json.loads((Path(__file__).parent / "data" / "fih_reference.json").read_text())


@pytest.fixture(scope="module")
def ours():
    import ranvier
    ranvier.reset()
    out = fih_model.run(h)
    ranvier.reset()
    return out


def test_handler_order_and_states_bit_identical(ours):
    # type 3 (old states), type 0 (t = 0, v_init), INITIAL, default and type 1 in creation
    # order, events at t = 0, the record sample, type 2; events after their step
    assert [e[0] for e in ours["log"]] == [e[0] for e in REF["log"]]
    assert ours["log"] == REF["log"]


@pytest.mark.parametrize("key", ["run1_hoc_x", "run1_points", "run1_n_end", "hoc_fih", "hoc_y",
                                 "n0", "points"])
def test_values(ours, key):
    assert ours[key] == REF[key]


def test_handler_arguments():
    with pytest.raises(RuntimeError, match="FInitializeHandler: the type must be"):
        h.FInitializeHandler(4, lambda: None)
    with pytest.raises(RuntimeError, match="needs a HOC statement or a Python callable"):
        h.FInitializeHandler(1)


def test_dropped_handler_no_longer_runs():
    calls = []
    fih = h.FInitializeHandler(lambda: calls.append(h.t))
    h.finitialize(-65)
    assert calls == [0.0]
    del fih
    h.finitialize(-65)
    assert calls == [0.0]


def test_hoc_new_finitializehandler():
    h("objref fihh\nhoc_n = 0\nfihh = new FInitializeHandler(\"hoc_n += 1\")")
    h.finitialize(-65)
    h.finitialize(-65)
    assert h.hoc_n == 2
