"""Write builtin_expected.json: NEURON 9.0.2's results for builtin_scenarios.py.

    /path/to/neuron-venv/bin/python tests/nmodl/data/make_builtin_expected.py

Each scenario runs in a fresh NEURON process (so that object numbering and the
model of one scenario never leak into the next).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_one(name):
    sys.path.insert(0, HERE)
    import neuron
    from neuron import h
    from builtin_scenarios import SCENARIOS
    h.load_file("stdrun.hoc")
    result = SCENARIOS[name](h)
    json.dump({"neuron_version": neuron.__version__, "result": result}, sys.stdout)


def main():
    sys.path.insert(0, HERE)
    from builtin_scenarios import SCENARIOS
    out = {}
    for name in SCENARIOS:
        proc = subprocess.run([sys.executable, __file__, name], capture_output=True, text=True,
                              check=True, cwd=HERE)
        data = json.loads(proc.stdout[proc.stdout.index("{"):])
        out["neuron_version"] = data["neuron_version"]
        out[name] = data["result"]
    with open(os.path.join(HERE, "builtin_expected.json"), "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run_one(sys.argv[1])
    else:
        main()
