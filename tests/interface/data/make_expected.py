"""Write expected.json: probe_api.run() under NEURON 9.0.2 (the reference).

    /path/to/neuron-venv/bin/python tests/interface/data/make_expected.py

Compiles this folder's .mod files with NEURON's nrnivmodl in a temporary folder
first (nrnivmodl must be beside that python).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    build = tempfile.mkdtemp(prefix="ranvier_api_mods_")
    for f in os.listdir(HERE):
        if f.endswith(".mod"):
            shutil.copy(os.path.join(HERE, f), build)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    subprocess.run([nrnivmodl, "."], cwd=build, check=True, capture_output=True)
    import neuron
    import neuron.units
    neuron.load_mechanisms(build)
    sys.path.insert(0, HERE)
    import probe_api
    out = probe_api.run(neuron, neuron.units)
    out["neuron_version"] = neuron.__version__
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    main()
