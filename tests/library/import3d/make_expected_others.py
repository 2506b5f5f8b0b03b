"""Record NEURON 9.0.2's results for the MorphML, Eutectic and Neurolucida V1
files in data/ (run with NEURON's Python: `/path/to/nrn/bin/python
make_expected_others.py`); writes data/expected_others.json: for each case its
stdout and snapshot_other().  The files were written for these tests."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

CASES = [("morphml_tiny.xml", "none py"), ("morphml_ball.xml", "none py"),
         ("eutectic_cell.nts", "none py hoc"), ("eutectic_errors.nts", "none py"),
         ("nlcda_cell.v1.asc", "none py hoc"), ("nlcda_heuristics.v1.asc", "none py")]


def one(fname, mode):
    from neuron import h
    from import3d_others_snapshot import snapshot_other
    os.chdir(os.path.join(HERE, "data"))
    res = snapshot_other(h, fname, mode)
    sys.stdout.flush()
    sys.stdout.write("@@JSON@@" + json.dumps(res))


def main():
    if len(sys.argv) == 3:
        one(sys.argv[1], sys.argv[2])
        return
    out = {}
    for fname, modes in CASES:
        for mode in modes.split():
            p = subprocess.run([sys.executable, __file__, fname, mode], capture_output=True)
            stdout = p.stdout.decode()
            text, _, js = stdout.partition("@@JSON@@")
            if not js:
                sys.exit("no result for %s %s:\n%s%s" % (fname, mode, stdout, p.stderr.decode()))
            lines = [ln for ln in text.split("\n")
                     if ln.strip() not in ("Warning: no DISPLAY environment variable.",
                                           "--No graphics will be displayed.")]
            out["%s %s" % (fname, mode)] = {"stdout": "\n".join(lines),
                                            "result": json.loads(js)}
    with open(os.path.join(HERE, "data", "expected_others.json"), "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
