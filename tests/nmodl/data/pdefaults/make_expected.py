"""Make expected.json with NEURON 9.0.2 (run with NEURON's Python):

    /tmp/nrnvenv/bin/python tests/nmodl/data/pdefaults/make_expected.py

Builds pdefs.mod and tabinst.mod with the nrnivmodl beside that Python in a temporary
folder and runs scenario() there; test_parameter_defaults.py runs the same scenario()."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODS = ("pdefs.mod", "tabinst.mod")


def scenario(h):
    out = {}
    sec = h.Section(name="pdef_sec")
    sec.insert("pdefs")
    seg = sec(0.5)
    out["range"] = [seg.a_pdefs, seg.b_pdefs, seg.c_pdefs]
    out["globals"] = [h.ga_pdefs, h.k_pdefs]
    # two sections with different k: the table is built from the first instance's k
    first = h.Section(name="tab_first")
    second = h.Section(name="tab_second")
    for s, k in ((first, 2.0), (second, 7.0)):
        s.L = s.diam = 10
        s.insert("tabinst")
        s.k_tabinst = k
    h.dt = 0.025
    h.finitialize(-65)
    out["x"] = seg.x_pdefs
    for _ in range(20):
        h.fadvance()
    out["tau"] = h.tau_tabinst
    out["s"] = [first(0.5).s_tabinst, second(0.5).s_tabinst]
    for s in (sec, first, second):
        h.delete_section(sec=s)
    return out


CHILD = r"""
import json, sys
sys.path.insert(0, %(here)r)
from neuron import h
import make_expected
print("RESULT" + json.dumps(make_expected.scenario(h)))
"""


def main():
    tmp = tempfile.mkdtemp(prefix="pdefexp_")
    for m in MODS:
        shutil.copy(os.path.join(HERE, m), tmp)
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
