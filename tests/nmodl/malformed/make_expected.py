"""Record NEURON's verdict on every malformed file (run with NEURON's Python).

For each ``*.mod`` here: NEURON's nocmodl translates it; where nocmodl accepts it, the
whole ``nrnivmodl`` build (C++ compile) decides.  Writes ``neuron_verdicts.json``:
{file: {"refused": bool, "stage": "nocmodl"|"nrnivmodl"|"accepted", "message": first
error line}}.  Usage::

    /tmp/nrnvenv/bin/python make_expected.py
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)


def _nocmodl():
    import neuron
    p = os.path.join(os.path.dirname(neuron.__file__), ".data", "bin", "nocmodl")
    return p if os.path.exists(p) else shutil.which("nocmodl")


def _first_error(text):
    for line in text.splitlines():      # a C++ compiler's diagnostic first
        if ": error:" in line:
            return line.strip()
    for line in text.splitlines():
        low = line.lower()
        if "error" in low or "illegal" in low or "not declared" in low or "goes to end" in low:
            return line.strip()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def verdict(path):
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(path, d)
        name = os.path.basename(path)
        r = subprocess.run([_nocmodl(), name, "-o", os.path.join(d, "out")], cwd=d,
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            return {"refused": True, "stage": "nocmodl", "message": _first_error(r.stdout + r.stderr)}
        r = subprocess.run([os.path.join(BIN, "nrnivmodl"), name], cwd=d,
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0 or not os.path.exists(os.path.join(d, "x86_64", "libnrnmech.so")):
            return {"refused": True, "stage": "nrnivmodl", "message": _first_error(r.stdout + r.stderr)}
        # loading the library (NEURON checks ion valences when it registers mechanisms),
        # then a short run: every STATE of the mechanism after finitialize(-60) + 3 steps
        r = subprocess.run([sys.executable, "-c", _RUN], cwd=d, capture_output=True, text=True,
                           timeout=300)
        last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        if r.returncode != 0 or not last.startswith("{"):
            return {"refused": True, "stage": "load", "message": _first_error(r.stdout + r.stderr)}
        return {"refused": False, "stage": "accepted", "message": "", "run": json.loads(last)}


_RUN = """
import json, re
from neuron import h
text = open([f for f in __import__('os').listdir('.') if f.endswith('.mod')][0]).read()
m = re.search(r'\\b(?:SUFFIX|POINT_PROCESS)\\s+(\\w+)', text)
import os
name = m.group(1) if m else [f for f in os.listdir('.') if f.endswith('.mod')][0][:-4]
s = h.Section(name='s')
pp = None
if m and 'POINT_PROCESS' in m.group(0):
    pp = getattr(h, name)(s(0.5))
else:
    s.insert(name)
states = re.search(r'STATE\\s*\\{([^}]*)\\}', text)
states = re.findall(r'[A-Za-z_]\\w*', states.group(1)) if states else []
h.finitialize(-60)
for i in range(3):
    h.fadvance()
out = {'v': s(0.5).v}
for st in states:
    out[st] = getattr(pp, st) if pp is not None else getattr(s(0.5), st + '_' + name)
print(json.dumps(out))
"""


def main():
    out = {}
    for path in sorted(glob.glob(os.path.join(HERE, "*.mod"))):
        out[os.path.basename(path)] = v = verdict(path)
        print(os.path.basename(path), v)
    with open(os.path.join(HERE, "neuron_verdicts.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
