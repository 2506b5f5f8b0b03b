"""Make expected.json with NEURON 9.0.2 (run with NEURON's Python):

    /tmp/nrnvenv/bin/python tests/nmodl/data/misc/make_expected.py

Builds sglob.mod with the nrnivmodl beside that Python in a temporary folder and runs
scenario() there; test_nmodl_misc.py runs the same scenario() in ranvier."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def scenario(h):
    """One section with sglob; m0_sglob = 0.3 before finitialize, 40 steps."""
    sec = h.Section(name="misc_sglob")
    sec.L = sec.diam = 20
    sec.insert("sglob")
    seg = sec(0.5)
    out = {"m0_default": float(h.m0_sglob), "has_e": hasattr(seg.sglob, "e")}
    h.m0_sglob = 0.3
    h.dt = 0.025
    h.finitialize(-65)
    out["m_init"] = float(seg.sglob.m)
    for _ in range(40):
        h.fadvance()
    out["m"] = float(seg.sglob.m)
    out["v"] = float(seg.v)
    h.m0_sglob = 0.0
    return out


CHILD = r"""
import json, sys
sys.path.insert(0, %(here)r)
from neuron import h
import make_expected
print("RESULT" + json.dumps(make_expected.scenario(h)))
"""


def main():
    tmp = tempfile.mkdtemp(prefix="miscexp_")
    shutil.copy(os.path.join(HERE, "sglob.mod"), tmp)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    subprocess.run([nrnivmodl], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    res = subprocess.run([sys.executable, "-c", CHILD % {"here": HERE}], cwd=tmp,
                         capture_output=True, text=True, check=True)
    line = [ln for ln in res.stdout.splitlines() if ln.startswith("RESULT")][0]
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(json.loads(line[6:]), f, indent=1)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
