"""Write expected.json: the scenarios of ../scenarios.py run by NEURON 9.0.2, each in a
fresh process.  Run with NEURON's Python:  /tmp/nrnvenv/bin/python make_expected.py"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

if len(sys.argv) > 1:                 # one scenario, in this process
    import scenarios
    from neuron import h, rxd
    h.load_file("stdrun.hoc")
    print(json.dumps(getattr(scenarios, sys.argv[1])(h, rxd)))
    sys.exit(0)

import scenarios                     # noqa: E402
import neuron                        # noqa: E402

out = {"neuron_version": neuron.__version__}
for name in scenarios.SCENARIOS:
    res = subprocess.run([sys.executable, __file__, name], capture_output=True, text=True, check=True)
    out[name] = json.loads(res.stdout.strip().splitlines()[-1])
with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote expected.json:", ", ".join(scenarios.SCENARIOS))
