"""The kernel cache (nmodl/mechanism.py): keyed by content and by the versions of
ranvier, numba, numpy and Python; safe when several processes (MPI ranks) fill it at
once (a lock per key, artefacts renamed into place)."""

import json
import math
import os
import subprocess
import sys
import time

import pytest

from ranvier.nmodl import mechanism

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "src"))
BASE = os.path.join(os.path.dirname(__file__), "malformed", "valid_base.mod")

# one "rank": waits for the go file, then loads (and with argv[3] == 'run', compiles and
# runs) the mechanism; prints one JSON line
RANK = r"""
import json, os, sys, time
go, path, what = sys.argv[1], sys.argv[2], sys.argv[3]
while not os.path.exists(go):
    time.sleep(0.01)
from ranvier.nmodl import load_mechanism
m = load_mechanism(path)
out = {"key": m.key, "module": os.path.basename(m.source_path), "name": m.name}
with open(m.source_path) as f:
    out["source"] = f.read()
if what == "run":
    import numpy as np
    out["precompiled"] = m.precompile()
    mod = m.module()
    data, gv, tbl = m.new_data(1), m.new_globals(), m.new_table()
    nodeidx, ionidx = np.zeros(1, np.int64), np.zeros(1, np.int64)
    v, area = np.array([-65.0]), np.array([100.0])
    ions = np.zeros((1, 6, 1))
    ions[0, 0, 0] = -77.0
    mod.check_table(1, data, gv, tbl, 6.3)
    mod.nrn_init(1, data, nodeidx, v, area, ions, ionidx, gv, tbl, 0.0, 0.025, 6.3)
    out["n_init"] = data[m.row("n"), 0]
    mod.nrn_state(1, data, nodeidx, v, area, ions, ionidx, gv, tbl, 0.0, 0.025, 6.3)
    out["n_step"] = data[m.row("n"), 0]
print(json.dumps(out))
"""


def _ranks(tmp_path, what, n=2):
    cache = tmp_path / "cache"
    go = tmp_path / "go"
    env = dict(os.environ, RANVIER_CACHE_DIR=str(cache), PYTHONPATH=SRC, RANVIER_NO_AUTOLOAD="1")
    procs = [subprocess.Popen([sys.executable, "-c", RANK, str(go), BASE, what], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(n)]
    time.sleep(0.5)
    go.write_text("")              # both start at once, on a cold cache
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        outs.append(json.loads(out.strip().splitlines()[-1]))
    return outs, cache


def _no_debris(cache):
    left = [f for f in os.listdir(cache) if f.startswith(".tmp_")]
    assert left == [], left


def test_two_processes_translate_at_once(tmp_path):
    (a, b), cache = _ranks(tmp_path, "load")
    assert a == b
    assert a["name"] == "kt" and a["module"] == "ranvier_mech_kt_%s.py" % a["key"]
    assert sorted(f for f in os.listdir(cache) if f.startswith("ranvier_mech")) == [
        "ranvier_mech_%s.json" % a["key"], a["module"]]
    _no_debris(cache)
    with open(cache / ("ranvier_mech_%s.json" % a["key"])) as f:
        desc = json.load(f)
    assert desc["versions"] == mechanism._versions()


@pytest.mark.slow
def test_two_processes_compile_at_once(tmp_path):
    """Both ranks compile the kernels on a cold cache at the same time; both succeed with
    the same kernels and the same numbers (n's steady state at -65 mV: a/(a+b) with
    a = 0.01*10/(e-1), b = 0.125, and one cnexp step of it)."""
    (a, b), cache = _ranks(tmp_path, "run")
    assert a == b
    assert a["precompiled"] == ["check_table", "nrn_init", "nrn_cur", "nrn_state"]
    alpha, beta = 0.1 / (math.e - 1), 0.125
    assert a["n_init"] == pytest.approx(alpha / (alpha + beta), rel=1e-14)
    assert a["n_step"] == pytest.approx(a["n_init"], rel=1e-14)      # at steady state
    _no_debris(cache)
    nbi = [f for f in os.listdir(cache / "__pycache__") if f.endswith(".nbi")]
    assert nbi, "numba wrote no cache index"


def test_key_covers_versions(tmp_path, monkeypatch):
    """A cache written under other versions (numba, numpy, ranvier or Python) is not
    reused: the key differs, and a description naming other versions is ignored."""
    monkeypatch.setenv("RANVIER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(mechanism, "_memo", {})
    with open(BASE) as f:
        text = f.read()
    m1 = mechanism.load_mechanism(text=text, filename="v.mod")
    monkeypatch.setattr(mechanism, "_memo", {})
    monkeypatch.setattr(mechanism, "_versions_text", mechanism._versions() + ", numba 0.0")
    m2 = mechanism.load_mechanism(text=text, filename="v.mod")
    assert m1.key != m2.key and m1.name == m2.name == "kt"
    # a description whose versions do not match is not trusted even under the same key
    json_path = tmp_path / ("ranvier_mech_%s.json" % m2.key)
    desc = json.loads(json_path.read_text())
    assert desc["versions"].endswith("numba 0.0")
    desc["versions"] = "ranvier 0, numba 0, numpy 0, python 0"
    json_path.write_text(json.dumps(desc))
    assert mechanism._read_desc(str(json_path), str(tmp_path)) is None


def test_lock_excludes_a_second_process(tmp_path):
    """While one process holds a key's lock, another waits for it (fcntl.flock)."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom ranvier.nmodl.mechanism import cache_lock\n"
         "with cache_lock(sys.argv[1], 'k'):\n    print('held', flush=True)\n    time.sleep(1.5)\n",
         str(tmp_path)], env=dict(os.environ, PYTHONPATH=SRC), stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    t0 = time.monotonic()
    with mechanism.cache_lock(str(tmp_path), "k"):
        waited = time.monotonic() - t0
    holder.wait(timeout=60)
    assert waited > 0.5
    with mechanism.cache_lock(str(tmp_path), "k"):      # free again: immediate
        pass


@pytest.mark.slow
def test_precompiled_kernels_are_the_ones_the_engine_calls(tmp_path):
    """After precompile() (what nrnivmodl does), a model's run adds no kernel
    signature: the engine calls the kernels with exactly the precompiled types.  The
    run gives NEURON's numbers (malformed/neuron_verdicts.json, valid_base.mod)."""
    import ranvier
    from ranvier import h
    from ranvier.model import mechanisms
    ranvier.reset()
    with open(BASE) as f:
        text = f.read().replace("SUFFIX kt", "SUFFIX kt_precompiled")
    mech = mechanism.load_mechanism(text=text, filename="kt_precompiled.mod")
    done = mech.precompile()
    mod = mech.module()
    assert all(len(getattr(mod, k).signatures) == 1 for k in done)
    mechanisms.register(mech)
    sec = h.Section(name="s")
    sec.insert("kt_precompiled")
    h.finitialize(-60)
    for _ in range(3):
        h.fadvance()
    with open(os.path.join(os.path.dirname(BASE), "neuron_verdicts.json")) as f:
        want = json.load(f)["valid_base.mod"]["run"]
    assert {"v": sec(0.5).v, "n": sec(0.5).n_kt_precompiled} == want
    for k in done:
        assert len(getattr(mod, k).signatures) == 1, (k, getattr(mod, k).signatures)
    ranvier.reset()
