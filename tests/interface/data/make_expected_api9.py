"""Write expected_api9.json: probe_api9.run() under NEURON 9.0.2 (the reference).

    /path/to/neuron-venv/bin/python tests/interface/data/make_expected_api9.py

(that venv needs matplotlib for the PlotShape.plot probe)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    import neuron
    sys.path.insert(0, HERE)
    import probe_api9
    out = probe_api9.run(neuron)
    out["neuron_version"] = neuron.__version__
    with open(os.path.join(HERE, "expected_api9.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
