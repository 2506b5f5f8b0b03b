"""MechanismType, MechanismStandard, PtrVector, StringFunctions.alias/is_point_process,
SectionList.size and SectionRef.rename/unname against NEURON 9.0.2.

data/mechtype/probe.py runs unchanged under NEURON and under ranvier; expected.json is
NEURON's answer (data/mechtype/make_expected.py makes it, building the test mechanisms
mtcell.mod, mtden.mod and mtsyn.mod with NEURON's nrnivmodl), expected_hoc.txt NEURON's
output of hoc_probe.hoc.  The probe runs in a fresh process (it loads the test
mechanisms, and MechanismType's numbering depends on what a process has loaded).

Known differences, each excepted below where it shows:
- NEURON's built-ins fastpas, OClamp, PointProcessMark and PatternStim do not exist in
  ranvier: MechanismType leaves them out and the others keep NEURON's order and internal
  type numbers (extracellular is listed where ranvier has it).
- NetStim's NMODL RANDOM variable `ranvar` (NEURON 9) is not in ranvier's NetStim.
- ranvier's own IntFire4.mod declares ae, ai1, ai2 before nself, nexcite, ninhibit.
- NEURON's MechanismStandard('k_ion') (and ca_ion) starts at e=0, ci=co=1; ranvier starts
  an ion standard at its ion defaults (ek -77, ki 54.4, ko 2.5 ...).  na_ion agrees.
- NEURON's is_array(i) for a GLOBAL standard (vartype -1) answers for the wrong variable
  (mtden's scalar tfac reads as an array); ranvier answers for the variable asked.
- A pointer to a density mechanism's variable (seg.hh._ref_gnabar) follows its segment
  index, not its x, across an nseg change in ranvier (model/pointer.py); NEURON follows
  x.  PtrVector uses ranvier's pointers, so only the v pointer is compared there.
"""
import json
import os
import subprocess
import sys

import pytest

from ranvier import h
from ranvier.core.errors import ModelError, RanvierError

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "mechtype")
ABSENT = {"fastpas", "OClamp", "PointProcessMark", "PatternStim"}


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    out = tmp_path_factory.mktemp("mechtype") / "ranvier.json"
    subprocess.run([sys.executable, "-m", "ranvier", os.path.join(DATA, "probe.py"), DATA,
                    str(out)], check=True, cwd=DATA, env=os.environ.copy())
    with open(out) as f:
        got = json.load(f)
    with open(os.path.join(DATA, "expected.json")) as f:
        want = json.load(f)
    return got, want


def _listing(rows, have_extracellular):
    absent = set(ABSENT) | (set() if have_extracellular else {"extracellular"})
    kept = [r[1:] for r in rows if r[1] not in absent]
    return kept


@pytest.mark.parametrize("which", ["listing_builtin", "listing_mods"])
def test_mechanism_type_listing_is_neurons(probe, which):
    got, want = probe
    for t in ("0", "1"):
        have_ec = any(r[1] == "extracellular" for r in got[which][t])
        # the index selected() returns is the row's position in ranvier's list
        assert [r[0] for r in got[which][t]] == list(range(len(got[which][t])))
        assert [r[1:] for r in got[which][t]] == _listing(want[which][t], have_ec)
    names0 = [r[1] for r in got["listing_mods"]["0"]]
    # a user mechanism's new ion comes just before it: ca_ion 25, mtden 26 (mtcell is 24)
    assert names0[-2:] == ["ca_ion", "mtden"]
    assert [r[2] for r in got["listing_mods"]["0"][-2:]] == [25.0, 26.0]
    assert [r[1:] for r in got["listing_mods"]["1"][-2:]] == [
        ["mtcell", 24.0, True, False, True, False], ["mtsyn", 27.0, True, True, False, False]]


def test_mechanism_standard_names_and_defaults_are_neurons(probe):
    got, want = probe
    assert set(got["standard"]) == set(want["standard"])
    for mech, by_type in want["standard"].items():
        for vt, w in by_type.items():
            g = got["standard"][mech][vt]
            wn, wv = w["names"], w["values"]
            gn, gv = g["names"], g["values"]
            if mech == "NetStim" and vt == "0":       # ranvar: NEURON 9's RANDOM
                wn, wv = wn[:-1], wv[:-1]
            if vt == "-1":                            # NEURON's is_array quirk
                wn = [n[:2] for n in wn]
                gn = [n[:2] for n in gn]
            if mech == "IntFire4" and vt in ("0", "2"):   # declaration order
                assert sorted(zip(map(tuple, gn), map(tuple, gv))) == \
                    sorted(zip(map(tuple, wn), map(tuple, wv))), (mech, vt)
                continue
            assert gn == wn, (mech, vt)
            if mech in ("k_ion", "ca_ion") and vt in ("0", "1"):
                continue                               # ion defaults: see the docstring
            assert gv == wv, (mech, vt)
    assert got["standard"]["k_ion"]["1"]["values"] == [[-77.0], [54.4], [2.5]]


@pytest.mark.parametrize("key", ["kinds", "pp_order", "make", "in_out", "misc"])
def test_probe_sections_are_neurons(probe, key):
    got, want = probe
    assert got[key] == want[key]


def test_ptrvector_is_neurons(probe):
    got, want = probe
    g, w = dict(got["ptrvector"]), dict(want["ptrvector"])
    assert g.pop("after_nseg")[0] == w.pop("after_nseg")[0] == -12.5   # see the docstring
    assert g == w


def test_hoc_probe_output_is_neurons(tmp_path):
    out = subprocess.run([sys.executable, "-m", "ranvier", os.path.join(DATA, "hoc_probe.hoc")],
                         cwd=DATA, capture_output=True, text=True, check=True, env=os.environ.copy())
    with open(os.path.join(DATA, "expected_hoc.txt")) as f:
        assert out.stdout == f.read()


# -------------------------------------------------------------------- in-process details
def test_mechanism_type_errors_and_returns():
    with pytest.raises(IndexError):
        h.MechanismType(2)
    with pytest.raises(ModelError):
        h.MechanismType()
    mt = h.MechanismType(0)
    assert mt.select("no such mechanism") == 0.0 and mt.selected() == 0
    mt.select("hh")
    name = h.ref("")
    k = mt.selected(name)
    assert isinstance(k, int) and name[0] == "hh" and mt.internal_type() == 17.0
    assert mt.file().endswith("hh.mod") and "SUFFIX hh" in mt.code()
    mt.select("na_ion")
    assert mt.is_ion() is True and mt.file() == "" and mt.code() == ""
    with pytest.raises(IndexError):
        mt.select(mt.count())
    with pytest.raises(IndexError):
        mt.is_netcon_target(mt.count())
    with pytest.raises(TypeError):
        mt.selected("a python string cannot be written")
    with pytest.raises(ModelError):
        mt.pp_begin()                                   # not a MechanismType(1)
    assert mt.menu() == 0.0 and mt.action("print 1") == 0.0
    mt1 = h.MechanismType(1)
    mt1.select("IClamp")
    with pytest.raises(ModelError):
        mt1.make()                                      # needs a reference
    assert not isinstance(ModelError("x"), NotImplementedError) and issubclass(ModelError, RanvierError)


def test_mechanism_type_make_ion_not_implemented():
    s = h.Section(name="mt_ion")
    mt = h.MechanismType(0)
    mt.select("k_ion")
    with pytest.raises(NotImplementedError):
        mt.make(sec=s)
    s.insert("hh")                                      # already there: nothing to do
    assert mt.make(sec=s) == 0.0


def test_mechanism_standard_errors():
    ms = h.MechanismStandard("hh")
    assert ms.get("gna_hh") == 0.0                      # any variable of the mechanism
    with pytest.raises(ModelError):
        ms.get("gnabar")
    with pytest.raises(IndexError):
        ms.get("gnabar_hh", 1)
    with pytest.raises(ModelError):
        h.MechanismStandard("nosuch")
    with pytest.raises(IndexError):
        h.MechanismStandard("hh", 5)
    with pytest.raises(TypeError):
        h.MechanismStandard(h.hh)                       # NEURON: names only
    g = h.MechanismStandard("hh", -1)
    with pytest.raises(ModelError):
        g.get("usetable_hh")
    name = h.ref("")
    assert ms.name(name) == 0 and name[0] == "hh"
    assert ms.name(name, 3) == 1 and name[0] == "el_hh"
    with pytest.raises(IndexError):
        ms.name(name, 4)
    assert ms.panel() == 0.0 and ms.save("ms") == 0.0
    assert getattr(ms, "in") == ms._in                  # HOC's ms.in(...)


def test_ptrvector_errors_and_hoc_pointer():
    pv = h.PtrVector(2)
    with pytest.raises(IndexError):
        pv.getval(2)
    with pytest.raises(IndexError):
        pv.pset(-1, h._ref_t)
    with pytest.raises(TypeError):
        pv.pset(0, 3.0)
    with pytest.raises(ModelError):
        pv.gather(h.Vector(3))                         # NEURON aborts on a size mismatch
    with pytest.raises(ModelError):
        pv.scatter(h.Vector(1))
    with pytest.raises(IndexError):
        h.PtrVector(0)
    assert h.PtrVector(2.7).size() == 2
    assert pv.ptr_update_callback(lambda: None) == 0.0 and pv.plot(None) == 0.0
    h("mt_pv_x = 4")
    h("objref mt_pv")
    h("mt_pv = new PtrVector(1)")
    h("mt_pv.pset(0, &mt_pv_x)")
    h("mt_pv.setval(0, 8)")
    assert h.mt_pv_x == 8.0


def test_ptrvector_pointer_follows_section_changes():
    s = h.Section(name="mt_pvsec")
    s.nseg = 3
    pv = h.PtrVector(1)
    pv.pset(0, s(0.9)._ref_v)
    other = h.Section(name="mt_pvother")
    other.connect(s(1))
    s.nseg = 7
    # the pointer follows its node (old centre 5/6) into segment 5, as NEURON 9.0.2's does
    for j, seg in enumerate(s):
        seg.v = j
    assert pv.getval(0) == 5
    pv.setval(0, 4.5)
    assert [seg.v for seg in s][5] == 4.5


def test_alias_from_hoc():
    h("objref mt_al_v, mt_al_sf, mt_al_l")
    h("mt_al_v = new Vector()")
    h("mt_al_sf = new StringFunctions()")
    h("mt_al_x = 3")
    h('mt_al_sf.alias(mt_al_v, "xx", &mt_al_x)')
    h('mt_al_sf.alias(mt_al_v, "aa", &mt_al_x)')
    h("mt_al_y = mt_al_v.xx")
    assert h.mt_al_y == 3.0
    h("mt_al_v.xx = 9")
    assert h.mt_al_x == 9.0
    h("mt_al_l = mt_al_sf.alias_list(mt_al_v)")
    assert [h.mt_al_l.o(i).s for i in range(int(h.mt_al_l.count()))] == ["aa", "xx"]
    h('mt_al_sf.alias(mt_al_v, "xx")')
    assert [x.s for x in h.mt_al_sf.alias_list(h.mt_al_v)] == ["aa"]
    h("mt_al_sf.alias(mt_al_v)")
    assert h.mt_al_sf.alias_list(h.mt_al_v).count() == 0
    assert h("mt_al_y = mt_al_v.xx") is False          # no such member any more
    with pytest.raises(TypeError):
        h.mt_al_sf.alias(h.mt_al_v, "n", 5)           # a number is not a pointer


def test_sectionref_rename_needs_unname():
    h("create mt_rn")
    sr = h.SectionRef(sec=h.mt_rn)
    assert sr.rename("mt_rn2") == 0.0                  # named: 'must first be unnamed'
    assert sr.unname() == 1.0 and sr.sec.name() == ""
    with pytest.raises(ModelError):
        sr.unname()
    assert sr.rename("mt_rn3") == 1.0 and sr.sec.name() == "mt_rn3"
    h("mt_rn3.L = 12")
    assert sr.sec.L == 12.0
