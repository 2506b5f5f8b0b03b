"""Make kinetic_expected.json with NEURON 9.0.2 (run with NEURON's Python):

    /tmp/nrnvenv/bin/python tests/nmodl/data/make_kinetic_expected.py

Copies tests/nmodl/corpus/*.mod to a temporary folder, compiles them with the
nrnivmodl beside that Python, and runs every scenario of kinetic_scenarios.py
in a fresh NEURON process.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(os.path.dirname(HERE), "corpus")

CHILD = r"""
import json, sys
sys.path.insert(0, %(here)r)
import neuron
from neuron import h
# the cwd holds x86_64: neuron loads it at import
import kinetic_scenarios
print("RESULT" + json.dumps(kinetic_scenarios.run(h, %(name)r)))
"""


def main():
    sys.path.insert(0, HERE)
    import kinetic_scenarios
    tmp = tempfile.mkdtemp(prefix="kinexp_")
    for fn in os.listdir(CORPUS):
        if fn.endswith((".mod", ".inc")):
            shutil.copy(os.path.join(CORPUS, fn), tmp)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    subprocess.run([nrnivmodl], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    out = {}
    for name in kinetic_scenarios.SCENARIOS:
        code = CHILD % {"here": HERE, "tmp": tmp, "name": name}
        res = subprocess.run([sys.executable, "-c", code], cwd=tmp, capture_output=True, text=True)
        line = [ln for ln in res.stdout.splitlines() if ln.startswith("RESULT")]
        if res.returncode or not line:
            print(res.stdout, res.stderr)
            raise SystemExit("scenario %s failed" % name)
        out[name] = json.loads(line[0][6:])
        print(name, "v_end", out[name]["v"][-1])
    with open(os.path.join(HERE, "kinetic_expected.json"), "w") as f:
        json.dump(out, f, indent=1)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
