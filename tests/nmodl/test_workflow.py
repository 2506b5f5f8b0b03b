"""NEURON's workflow: `nrnivmodl` in the model's folder, then a script whose
`from neuron import h` finds the mechanisms there (library/mechloader.py,
ranvier.__main__.nrnivmodl/nrniv/nrngui).

The numbers come from NEURON 9.0.2 running the same scenario
(data/workflow/make_expected.py -> expected.json) and must agree exactly: unit
literals, UNITS factors, INCLUDE, POINTERs, FUNCTIONs called from Python."""
import json
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "workflow")
BIN = os.path.dirname(sys.executable)
NRNIVMODL = os.path.join(BIN, "nrnivmodl")

pytestmark = pytest.mark.skipif(not os.path.exists(NRNIVMODL),
                                reason="the nrnivmodl console script is not installed (pip install -e .)")


def _env():
    env = dict(os.environ)
    env.pop("RANVIER_NO_AUTOLOAD", None)
    env["MPLBACKEND"] = "Agg"
    return env


def _run(args, cwd, stdin=None):
    return subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=600,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)


def _copy_sources(dst):
    for f in os.listdir(DATA):
        if f.endswith((".mod", ".inc")):
            shutil.copy(os.path.join(DATA, f), dst)


def _compare(got, exp, path=""):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _compare(got[k], exp[k], path + "." + k)
    elif isinstance(exp, list):
        assert len(got) == len(exp), path
        for i, (g, e) in enumerate(zip(got, exp)):
            _compare(g, e, "%s[%d]" % (path, i))
    else:
        assert got == exp, "%s: ranvier %r, NEURON %r" % (path, got, exp)


def test_nrnivmodl_then_script_matches_neuron_exactly(tmp_path):
    _copy_sources(tmp_path)
    r = _run([NRNIVMODL], tmp_path)
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "x86_64" / "ranvier_mechanisms.json") as f:
        manifest = json.load(f)
    # registration order: alphabetical file names (NMODL.md section 0)
    assert [m["name"] for m in manifest["mod_files"]] == ["wfdp.mod", "wfgap.mod", "wfinc.mod", "wful.mod"]
    assert os.access(tmp_path / "x86_64" / "special", os.X_OK)
    r = _run([sys.executable, "-m", "ranvier", os.path.join(DATA, "scenario.py")], tmp_path)
    assert r.returncode == 0, r.stderr
    got = json.loads([ln for ln in r.stdout.splitlines() if ln.startswith("{")][-1])
    with open(os.path.join(DATA, "expected.json")) as f:
        exp = json.load(f)
    _compare(got, exp)


def test_bad_file_costs_only_itself_and_every_error_is_reported(tmp_path):
    _copy_sources(tmp_path)
    (tmp_path / "zz_bad1.mod").write_text("NEURON { SUFFIX bad1 }\nPARAMETER { x = 1\n")
    (tmp_path / "zz_bad2.mod").write_text("NEURON { SUFFIX bad2 }\nASSIGNED { y }\n"
                                          "BREAKPOINT { y = 3 + * 2 }\n")
    r = _run([NRNIVMODL, "."], tmp_path)
    assert r.returncode == 1
    assert "zz_bad1.mod:2:" in r.stderr and "zz_bad2.mod:3:" in r.stderr
    assert "2 of 6 files failed" in r.stderr
    # the good ones load; names of the bad ones do not exist
    code = ("from neuron import h\ns = h.Section()\ns.insert('wfinc')\nprint(s(0.5).wfinc.g)\n"
            "try:\n    s.insert('bad1')\nexcept ValueError as e:\n    print('no bad1')\n")
    (tmp_path / "s.py").write_text(code)
    r = _run([sys.executable, "-m", "ranvier", "s.py"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0.001", "no", "bad1"]


def test_mod_files_alone_are_not_loaded_and_load_rules_follow_neuron(tmp_path):
    # NEURON 9.0.2: .mod files without nrnivmodl are not loaded at `import neuron`;
    # load_mechanisms(path) needs path/x86_64; the same path twice is refused politely
    _copy_sources(tmp_path)
    build = tmp_path / "build"
    build.mkdir()
    r = _run([NRNIVMODL, str(tmp_path / "wfgap.mod")], build)       # a named file, built here
    assert r.returncode == 0, r.stderr
    code = ("import neuron\nfrom neuron import h\n"
            "print(hasattr(h, 'WfGap'))\n"
            "print(neuron.load_mechanisms(%r))\n"
            "print(neuron.load_mechanisms(%r))\n"
            "print(hasattr(h, 'WfGap'))\n"
            "print(neuron.load_mechanisms(%r))\n"
            "print(h.nrn_load_dll(%r))\n"
            % (str(build), str(build), str(tmp_path / "nowhere"), str(tmp_path / "x86_64" / "libnrnmech.so")))
    (tmp_path / "s.py").write_text(code)
    r = _run([sys.executable, "-m", "ranvier", "s.py"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "False", "True",
        "Mechanisms already loaded from path: %s.  Aborting." % build, "True",
        "True",
        "NEURON mechanisms not found in %s." % (tmp_path / "nowhere"), "False",
        "0.0"]


def test_nrn_load_dll_of_a_neuron_build_loads_the_mod_files_beside_it(tmp_path):
    # what NEURON's nrnivmodl leaves: x86_64/libnrnmech.so and makemod2c_inc naming ../x.mod
    shutil.copy(os.path.join(DATA, "wfgap.mod"), tmp_path)
    arch = tmp_path / "x86_64"
    arch.mkdir()
    (arch / "libnrnmech.so").write_bytes(b"\x7fELF")
    (arch / "makemod2c_inc").write_text('wfgap.cpp: ../wfgap.mod $(NOCMODL)\n\t@printf "x"\n')
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    code = ("from neuron import h\nprint(hasattr(h, 'WfGap'))\n"
            "print(h.nrn_load_dll(%r))\nprint(h.WfGap().g)\n" % str(arch / "libnrnmech.so"))
    (elsewhere / "s.py").write_text(code)
    r = _run([sys.executable, "-m", "ranvier", "s.py"], elsewhere)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "1.0", "0.005"]
    # and in that folder itself the build loads at start-up, as NEURON's does
    (tmp_path / "t.py").write_text("from neuron import h\nprint(h.WfGap().g)\n")
    r = _run([sys.executable, "-m", "ranvier", "t.py"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0.005"]


def test_nrniv_and_nrngui_run_hoc_with_the_folders_mechanisms(tmp_path):
    _copy_sources(tmp_path)
    assert _run([NRNIVMODL], tmp_path).returncode == 0
    (tmp_path / "m.hoc").write_text("create soma\nsoma insert wfinc\nprint soma.g_wfinc\n")
    r = _run([os.path.join(BIN, "nrniv"), "-nobanner", "m.hoc"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0.001"]
    r = _run([os.path.join(BIN, "nrniv"), "-c", "x = 6*7", "-c", "print x"], tmp_path)
    assert r.stdout.split() == ["42"], r.stderr
    r = _run([os.path.join(BIN, "nrniv")], tmp_path, stdin="print 3*3\n")
    assert r.stdout.split() == ["9"], r.stderr
    r = _run([os.path.join(BIN, "nrngui"), "-c", "print tstop"], tmp_path)      # stdrun loaded first
    assert r.stdout.split() == ["5"], r.stderr
    (tmp_path / "p.py").write_text("import sys\nfrom neuron import h\nprint(h.WfGap().g, sys.argv[1:])\n")
    r = _run([os.path.join(BIN, "nrniv"), "-python", "p.py", "a1"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "0.005 ['a1']"
