"""Write expected_ring.json: ring_model.run() under NEURON 9.0.2 (the reference).

    /path/to/neuron-venv/bin/python tests/library/parallel/data/make_expected.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if __name__ == "__main__":
    import neuron
    sys.path.insert(0, HERE)
    import ring_model
    out = ring_model.run(neuron)
    out["neuron_version"] = neuron.__version__
    with open(os.path.join(HERE, "expected_ring.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
