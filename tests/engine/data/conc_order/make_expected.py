"""Make expected.json with NEURON 9.0.2: in this folder,

    /tmp/nrnvenv/bin/nrnivmodl && /tmp/nrnvenv/bin/python make_expected.py && rm -r x86_64

(NEURON loads ./x86_64 at start-up)."""
import json

from neuron import h

import scenario

out = scenario.run(h)
with open("expected.json", "w") as f:
    json.dump({k: [repr(x) for x in v] for k, v in out.items()}, f, indent=1)
