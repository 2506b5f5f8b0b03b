"""Write units_expected.json: NEURON 9.0.2's h.units() for unitspell.mod's variables.

    /path/to/neuron-venv/bin/python tests/nmodl/data/make_units_expected.py

(compiles unitspell.mod with the nrnivmodl beside that python, in a temporary folder)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ["a", "b", "c", "d", "e", "f", "p1", "p2", "p3", "gg", "gn", "inon", "r", "w",
         "a1", "a2", "a3", "s1", "s2", "sx"]


def main():
    build = tempfile.mkdtemp(prefix="ranvier_units_")
    shutil.copy(os.path.join(HERE, "unitspell.mod"), build)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    subprocess.run([nrnivmodl, "."], cwd=build, check=True, capture_output=True)
    import neuron
    from neuron import h
    neuron.load_mechanisms(build)
    out = {"neuron_version": neuron.__version__,
           "units": {nm: h.units(nm + "_unitspell") for nm in NAMES}}
    with open(os.path.join(HERE, "units_expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    main()
