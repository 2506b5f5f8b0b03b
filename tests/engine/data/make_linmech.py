"""Expected traces for tests/engine/test_linear_mechanism.py, computed by NEURON 9.0.2.

Run with NEURON's Python:  /tmp/nrnvenv/bin/python tests/engine/data/make_linmech.py
(writes linmech_expected.json next to this file).  The models are built by
tests/engine/linmech_models.py, which the test imports too, so both run the same text.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from neuron import h          # noqa: E402

import linmech_models         # noqa: E402

out = {}
for name in linmech_models.MODELS:
    out[name] = linmech_models.run(h, name)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linmech_expected.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, {k: len(v["t"]) for k, v in out.items()})
