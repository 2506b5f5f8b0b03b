"""ion_style, nernst, ghk (NEURON built-ins) and stdlib.hoc's lambda_f, the cvode object
of stdrun, against NEURON 9.0.2 (stdlib_data/make_expected.py made expected.json)."""
import importlib.util
import json
import os

import pytest

import ranvier
from ranvier import h
from ranvier.core.errors import HocError

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stdlib_data")


def _script():
    spec = importlib.util.spec_from_file_location("stdlib_make_expected",
                                                  os.path.join(HERE, "make_expected.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def expected():
    with open(os.path.join(HERE, "expected.json")) as f:
        return json.load(f)


@pytest.fixture
def measured():
    return _script().measure(h)


@pytest.mark.parametrize("key", ["FARADAY", "R", "nernst", "ghk", "ion_style", "init",
                                 "nernst_named", "lambda_f"])
def test_matches_neuron(measured, expected, key):
    assert measured[key] == pytest.approx(expected[key], rel=1e-13, abs=0)


def test_run_with_ion_style_matches_neuron(measured, expected):
    # 40 steps of hh with ENa from nai0/nao0 (Nernst at finitialize)
    assert measured["run"] == pytest.approx(expected["run"], rel=1e-9, abs=0)


def test_ion_style_unknown_ion_and_bad_arity():
    s = h.Section(name="s")
    s.insert("hh")
    # an ion no loaded mechanism uses (the nmodl corpus declares xx, so not that one:
    # once a mechanism using an ion is loaded, NEURON answers -1 for a section without it)
    with pytest.raises(HocError, match="qq_ion"):
        h.ion_style("qq_ion", sec=s)
    with pytest.raises(HocError, match="5 numbers|got 2"):
        h.ion_style("na_ion", 1, 2, sec=s)


def test_ion_style_is_forgotten_by_reset():
    s = h.Section(name="s")
    s.insert("hh")
    h.ion_style("na_ion", 1, 2, 1, 0, 1, sec=s)
    h.nai0_na_ion = 20
    assert h.ion_style("na_ion", sec=s) == 53
    ranvier.reset()
    s = h.Section(name="s")
    s.insert("hh")
    assert h.ion_style("na_ion", sec=s) == 8
    assert h.nai0_na_ion == 10


def test_lambda_f_needs_stdlib_and_hoc_echoes_it(capsys):
    h("create cab")
    h("access cab")
    h("cab { L = 100 diam = 2 }")
    assert not h("lambda_f(100)")       # undefined until stdlib.hoc: an error, as NEURON
    h.load_file("stdlib.hoc")
    capsys.readouterr()
    h("lambda_f(100)")
    # 1e5*sqrt(2/(4*PI*100*35.4*1)): what NEURON echoes is %g of it
    assert capsys.readouterr().out.strip() == "670.5149"


@pytest.mark.parametrize("from_hoc", [False, True])
def test_hoc_cvode_is_the_python_object(from_hoc):
    if from_hoc:
        h('load_file("stdrun.hoc")')
    else:
        h.load_file("stdrun.hoc")           # before any HOC interpreter exists
    assert h("cvode.active(1)")
    assert h.cvode.active() == 1
    h("cvode.atol(1e-5)")
    assert h.cvode.atol() == 1e-5
    assert h.using_cvode_ == 0
    if from_hoc:                            # stdrun.hoc's `objref cvode`
        h("objref cv2\ncv2 = cvode")
        assert h.cv2 is h.cvode
    h.cvode.active(0)


def test_menus_are_procs_in_hoc(capsys):
    h.load_file("nrngui.hoc")
    h("create soma\naccess soma")
    capsys.readouterr()
    h("newPlotV()\nnrncontrolmenu()\nnrnmainmenu()")
    assert capsys.readouterr().out.strip() == ""


def test_external_stdrun_names_in_a_template(capsys):
    """`external run, set_v_init, stoppedrun` in a template (Destexhe's El.oc, ModelDB
    279): stdrun.hoc's procs are top-level names NEURON lets a template import.
    NEURON 9.0.2 printed 1 (t after run() with tstop 1), then 0 (its echo of the
    top-level obj.proc() call); set_v_init returns the old
    v_init and leaves v alone; stoppedrun() is the stoprun flag."""
    h.load_file("stdrun.hoc")
    h("create extsec\nbegintemplate ExtUser\npublic go\n"
      "external run, set_v_init, stoppedrun, tstop\n"
      "proc go() { tstop = 1  run()  print t }\nendtemplate ExtUser\n"
      "objref extuser\nextuser = new ExtUser()\nextuser.go()\n")
    assert capsys.readouterr().out.split() == ["1", "0"]
    assert h.set_v_init(-70) == -65 and h.v_init == -70 and h.extsec(0.5).v == -65
    h.stoprun = 1
    assert h.stoppedrun() == 1


def test_stdrun_funcs_echo_their_value_at_top_level(capsys):
    """set_v_init and stoppedrun are funcs in NEURON's stdrun.hoc: a top-level call echoes
    the value (NEURON 9.0.2 printed -50 for set_v_init(-70) after v_init = -50, then 0 for
    stoppedrun()); run, init, stdinit are procs and echo nothing."""
    h.load_file("stdrun.hoc")
    h("create echosec\naccess echosec")
    h.stoprun = 0
    capsys.readouterr()
    h("v_init = -50\nset_v_init(-70)\nstoppedrun()\ntstop = 0.05\nstdinit()\ninit()\nrun()\n")
    assert capsys.readouterr().out.split() == ["-50", "0"]
    h.v_init = -65
