"""Writes impsave_reference.json with NEURON 9.0.2 (run with NEURON's Python):

    /path/to/nrn/python tests/library/data/make_impsave_reference.py

The models are in tests/library/impsave_model.py (shared with the tests)."""
import json
import os
import sys
import tempfile
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here.parent))
import impsave_model  # noqa: E402

from neuron import h  # noqa: E402

out = {"impedance": impsave_model.impedance(h)}
for sec in list(h.allsec()):
    h.delete_section(sec=sec)
with tempfile.TemporaryDirectory() as d:
    out["savestate"] = impsave_model.savestate(h, os.path.join(d, "state.dat"))
(here / "impsave_reference.json").write_text(json.dumps(out, indent=0, sort_keys=True))
print("wrote", here / "impsave_reference.json")
