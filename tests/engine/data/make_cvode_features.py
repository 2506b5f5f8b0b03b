"""NEURON 9.0.2's numbers for test_cvode_features.py:
/tmp/nrnvenv/bin/python tests/engine/data/make_cvode_features.py"""
import json
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here.parent))
import cvode_features_model as M  # noqa: E402
from neuron import h  # noqa: E402

h.load_file("stdrun.hoc")
out = {}
for name, fn in M.MODELS.items():
    out[name] = fn(h)
    for s in list(h.allsec()):
        h.delete_section(sec=s)
(here / "cvode_features.json").write_text(json.dumps(out, indent=1) + "\n")
print(json.dumps(out)[:2000])
