"""expected.json for tests/nmodl/test_toplevel_local_table.py, from NEURON 9.0.2:
    /tmp/nrnvenv/bin/python make_expected.py
(compiles loctab.mod with the nrnivmodl beside that python, in a temporary folder)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def scenario(h):
    s = h.Section(name="soma")
    s.L = s.diam = 20
    s.insert("hh")
    s.insert("loctab")
    st = h.IClamp(s(0.5))
    st.delay, st.dur, st.amp = 1, 30, 1.0
    v = h.Vector().record(s(0.5)._ref_v)
    n = h.Vector().record(s(0.5)._ref_n_loctab)
    h.dt = 0.025
    h.finitialize(-65)
    while h.t < 40 - 1e-9:
        h.fadvance()
    return {"v": list(v), "n": list(n)}


if __name__ == "__main__":
    build = tempfile.mkdtemp(prefix="loctab_")
    shutil.copy(os.path.join(HERE, "loctab.mod"), build)
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "nrnivmodl"), "."], cwd=build,
                   check=True, capture_output=True)
    import neuron
    from neuron import h
    neuron.load_mechanisms(build)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(scenario(h), f)
    shutil.rmtree(build, ignore_errors=True)
