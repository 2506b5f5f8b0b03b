"""Expected traces for tests/engine/test_extracellular.py, computed by NEURON 9.0.2.

Run with NEURON's Python:  /tmp/nrnvenv/bin/python tests/engine/data/make_extracellular.py
(writes extracellular_expected.json next to this file).  The models are built by
tests/engine/ext_models.py, which the test imports too."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from neuron import h          # noqa: E402

import ext_models             # noqa: E402

out = {}
for name in ext_models.MODELS:
    out[name] = ext_models.run(h, name)
    for sec in list(h.allsec()):
        h.delete_section(sec=sec)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extracellular_expected.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, {k: len(v["t"]) for k, v in out.items()})
