"""Run each probe of this folder under NEURON 9.0.2 and store its standard output in
expected.json (tests/library/test_issue8_probes.py runs them under ranvier):
    /tmp/nrnvenv/bin/python make_expected.py
(.py probes with this Python, .hoc probes with the nrniv beside it; cwd: this folder)."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROBES = ["probe_alias.py", "probe_python.py", "probe_setpointer.py",
          "probe_semantics.hoc", "probe_ctrlz.hoc"]


def neuron_cmd(probe):
    if probe.endswith(".py"):
        return [sys.executable, probe]
    return [os.path.join(os.path.dirname(sys.executable), "nrniv"), "-nobanner", probe,
            "-c", "quit()"]


if __name__ == "__main__":
    out = {}
    for p in PROBES:
        r = subprocess.run(neuron_cmd(p), cwd=HERE, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=120)
        if r.returncode != 0:
            sys.exit("%s failed under NEURON:\n%s%s" % (p, r.stdout, r.stderr))
        out[p] = r.stdout
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(json.dumps(out, indent=1))
