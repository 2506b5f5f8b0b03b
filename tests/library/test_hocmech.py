"""make_mechanism / make_pointprocess (HOC templates as mechanisms) against NEURON 9.0.2:
data/hocmech/expected.json, made by data/hocmech/make_expected.py from the scenarios of
data/hocmech/model.py, which this test runs under ranvier."""
import json
import sys
from pathlib import Path

import pytest

import ranvier
from ranvier import h

DATA = Path(__file__).parent / "data" / "hocmech"
sys.path.insert(0, str(DATA))
import model as hocmech_model  # noqa: E402

EXPECTED = json.loads((DATA / "expected.json").read_text())


@pytest.fixture
def fresh():
    ranvier.reset()
    yield
    ranvier.reset()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_as_neuron(fresh, name):
    got = json.loads(json.dumps(hocmech_model.SCENARIOS[name](h)))
    assert got == EXPECTED[name]


def test_seg_mech_access_and_hoc_names(fresh):
    h("begintemplate HmA\npublic g, w\nproc init() { g = 2 }\n"
      "proc after_step() { w = w + g }\nendtemplate HmA\n")
    h.make_mechanism("hma", "HmA", "g")
    s = h.Section(name="a")
    s.insert("hma")
    seg = s(0.5)
    assert seg.hma.g == 2.0 and seg.g_hma == 2.0
    seg.hma.g = 5
    assert seg.g_hma == 5.0
    h.finitialize(-65)
    for _ in range(3):
        h.fadvance()
    assert seg.hma.w == 15.0            # after_step sees the value set from Python
    h("access a")
    h("x_hma_probe = w_hma(0.5)")
    assert h.x_hma_probe == 15.0
    assert s.psection()["density_mechs"]["hma"]["w"] == [15.0]


def test_records_see_after_step(fresh):
    h("begintemplate HmR\npublic c\nproc after_step() { c = c + 1 }\nendtemplate HmR\n")
    h.make_mechanism("hmr", "HmR")
    s = h.Section(name="r")
    s.insert("hmr")
    rec = h.Vector().record(s(0.5)._ref_c_hmr)
    h.finitialize(-65)
    for _ in range(4):
        h.fadvance()
    assert list(rec) == [0.0, 1.0, 2.0, 3.0, 4.0]     # NEURON records after nonvint


def test_errors(fresh):
    from ranvier.core.errors import HocError
    from ranvier.library.hocmech import HocMechanismError
    assert issubclass(HocMechanismError, HocError) and issubclass(HocMechanismError, ValueError)
    h("begintemplate HmX\npublic a\nproc init() { a = 1 }\n"
      "proc after_step() { a = a + 1 }\nendtemplate HmX\n")
    with pytest.raises(HocMechanismError, match="already exists"):
        h.make_mechanism("pas", "HmX")
    with pytest.raises(HocMechanismError, match="zz is not a public variable"):
        h.make_mechanism("hmx", "HmX", "zz")
    with pytest.raises(HocMechanismError, match="Nope not a template"):
        h.make_mechanism("hmx", "Nope")
    h.make_mechanism("hmx", "HmX")
    with pytest.raises(HocMechanismError, match="hmx already exists"):
        h.make_mechanism("hmx", "HmX")
    s = h.Section(name="x")
    s.insert("hmx")
    h.cvode_active(1)
    try:
        with pytest.raises(HocMechanismError, match="variable step"):
            h.finitialize(-65)
    finally:
        h.cvode_active(0)


def test_remade_after_reset(fresh):
    for _ in range(2):
        h("begintemplate HmZ\npublic a\nproc initial() { a = 4 }\nendtemplate HmZ\n")
        h.make_mechanism("hmz", "HmZ")
        s = h.Section(name="z")
        s.insert("hmz")
        h.finitialize(-65)
        assert s(0.5).a_hmz == 4.0
        ranvier.reset()
