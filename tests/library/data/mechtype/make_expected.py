"""Make expected.json (NEURON 9.0.2's answers to probe.py) and expected_hoc.txt.

    /tmp/nrnvenv/bin/python make_expected.py [NRNIVMODL] [NRNIV]

Copies the test mechanisms to a temporary folder, builds them there with NEURON's
nrnivmodl, runs probe.py and hoc_probe.hoc under NEURON and stores the answers here.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)
NRNIVMODL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(BIN, "nrnivmodl")
NRNIV = sys.argv[2] if len(sys.argv) > 2 else os.path.join(BIN, "nrniv")

with tempfile.TemporaryDirectory() as tmp:
    for f in os.listdir(HERE):
        if f.endswith(".mod"):
            shutil.copy(os.path.join(HERE, f), tmp)
    subprocess.run([NRNIVMODL], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, os.path.join(HERE, "probe.py"), tmp,
                    os.path.join(HERE, "expected.json")], cwd=HERE, check=True)
    out = subprocess.run([NRNIV, "-nogui", "-nobanner", os.path.join(HERE, "hoc_probe.hoc")],
                         cwd=HERE, check=True, capture_output=True, text=True).stdout
    with open(os.path.join(HERE, "expected_hoc.txt"), "w") as f:
        f.write(out)
