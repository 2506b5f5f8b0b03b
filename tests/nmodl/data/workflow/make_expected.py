"""Regenerate expected.json with NEURON 9.0.2:

    /path/to/neuron-venv/bin/python make_expected.py

Copies this folder's .mod/.inc files into a temporary folder, runs the nrnivmodl
beside that Python there, then scenario.py; writes its JSON output to expected.json."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for f in os.listdir(HERE):
            if f.endswith((".mod", ".inc")):
                shutil.copy(os.path.join(HERE, f), tmp)
        nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
        subprocess.run([nrnivmodl], cwd=tmp, check=True, capture_output=True)
        out = subprocess.run([sys.executable, os.path.join(HERE, "scenario.py")], cwd=tmp,
                             check=True, capture_output=True, text=True).stdout
        line = [ln for ln in out.splitlines() if ln.startswith("{")][-1]
        with open(os.path.join(HERE, "expected.json"), "w") as f:
            f.write(line + "\n")
        print(line)
