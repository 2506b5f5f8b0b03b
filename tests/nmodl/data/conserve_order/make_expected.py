"""Make expected.json with NEURON 9.0.2: run from this folder with NEURON's python,
after NEURON's nrnivmodl here (it leaves x86_64/, not kept):

    /tmp/nrnvenv/bin/nrnivmodl && /tmp/nrnvenv/bin/python make_expected.py

Records cons2's states along scenario.run and, from the C++ NEURON's translator made,
the state order (the _slist1 rows) of both mechanisms."""
import json
import re

from neuron import h

import scenario

# (NEURON loads ./x86_64 at start-up)


def slist(name):
    text = open("x86_64/%s.cpp" % name).read()
    rows = re.findall(r"_slist1\[(\d+)\] = \{(\w+)_columnindex", text)
    return [s for _, s in sorted((int(i), s) for i, s in rows)]


out = scenario.run(h)
out = {k: [repr(x) for x in v] for k, v in out.items()}
out["order"] = {"cons2": slist("cons2"), "cons3": slist("cons3")}
with open("expected.json", "w") as f:
    json.dump(out, f, indent=1)
