"""NEURON's numbers for tests/engine/test_cvode_neuron.py (CVODE, h.cvode_active(1)).

Run with NEURON 9.0.2:  /tmp/nrnvenv/bin/python make_cvode_expected.py
writes cvode_expected.json next to this file.  The same model code runs under
ranvier in the test (tests/engine/cvode_models.py is imported by both)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from neuron import h  # noqa: E402

import cvode_models  # noqa: E402

out = {}
for name in cvode_models.SCENARIOS:
    out[name] = cvode_models.run(h, name)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cvode_expected.json"),
          "w") as f:
    json.dump(out, f, indent=1)
print({k: (v["steps"], len(v["spikes"])) for k, v in out.items()})
