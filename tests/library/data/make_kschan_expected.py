"""Write kschan_expected.json: NEURON 9.0.2's numbers for the models of
tests/library/kschan_model.py.  Run with NEURON's Python:

    /path/to/neuron-venv/bin/python tests/library/data/make_kschan_expected.py

Each model runs in its own process (a fresh NEURON)."""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [("hh_pair", ()), ("hoc_builder", ())]
for topo in ("chain3", "star", "branched"):
    RUNS.append(("kinetic", (topo, 0.0)))
RUNS.append(("kinetic", ("chain3", 0.03)))
RUNS.append(("kinetic", ("branched", 0.03)))


def key(name, args):
    return "_".join([name] + [str(a) for a in args])


def one(name, args):
    sys.path.insert(0, str(HERE.parent))
    import kschan_model
    from neuron import h
    out = getattr(kschan_model, name)(h, *args)
    print("@@" + json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        one(sys.argv[1], tuple(json.loads(sys.argv[2])))
        sys.exit(0)
    import neuron
    result = {"neuron": neuron.__version__}
    for name, args in RUNS:
        p = subprocess.run([sys.executable, __file__, name, json.dumps(list(args))],
                           capture_output=True, text=True, check=True)
        line = [ln for ln in p.stdout.splitlines() if ln.startswith("@@")][-1]
        result[key(name, args)] = json.loads(line[2:])
    p = subprocess.run([sys.executable, __file__, "pr_text", "[]"], capture_output=True,
                       text=True, check=True)
    result["pr_text"] = [ln for ln in p.stdout.splitlines()
                         if not ln.startswith("@@") and "DISPLAY" not in ln
                         and "No graphics" not in ln]
    (HERE / "kschan_expected.json").write_text(json.dumps(result))
    print("wrote", HERE / "kschan_expected.json")
