"""Run model.py's scenarios under NEURON 9.0.2 (each in its own process) and write
expected.json:  /tmp/nrnvenv/bin/python make_expected.py"""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ONE = """
import json, sys
sys.path.insert(0, %r)
from neuron import h
import model
print("JSON" + json.dumps(model.SCENARIOS[%r](h)))
"""

out = {}
import model  # noqa: E402
for name in model.SCENARIOS:
    r = subprocess.run([sys.executable, "-c", ONE % (str(HERE), name)], capture_output=True,
                       text=True)
    line = [x for x in r.stdout.splitlines() if x.startswith("JSON")]
    if not line:
        sys.exit("%s failed:\n%s%s" % (name, r.stdout, r.stderr))
    out[name] = json.loads(line[0][4:])
(HERE / "expected.json").write_text(json.dumps(out, indent=1) + "\n")
print(json.dumps(out, indent=1))
