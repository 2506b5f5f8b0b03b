"""Record NEURON 9.0.2's Import3d results for the files in data/ (run with
NEURON's Python: `/path/to/nrn/bin/python make_expected.py`).  Writes
data/expected.json: for each case its stdout and snapshot(), and
data/contours.json: random soma outlines and NEURON's centroid lines (the
Python-object path, so exact float32 values)."""
import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# (file, modes, quiet); what NEURON crashes on (a HOC error inside a template
# followed by a segfault; unsorted.swc) is left out and tested separately
CASES = [
    ("soma_tree.swc", "none py hoc", 1), ("formats.swc", "none py hoc", 1),
    ("gaps.swc", "none py hoc", 1), ("wired.swc", "none py hoc", 1),
    ("onepoint.swc", "none py", 1), ("nosoma.swc", "none py hoc", 1),
    ("blank.swc", "none py hoc", 1), ("twotrees.swc", "none py hoc", 1),
    ("zerolen.swc", "none py hoc", 1), ("badlines.swc", "none", 1),
    ("two_somas.asc", "none py", 1), ("two_somas.asc", "none", 0),
    ("markers.asc", "none py hoc", 1), ("markers.asc", "py", 0),
    ("soma_stack.asc", "none py hoc", 1), ("soma_stack.asc", "none", 0),
    ("badparse.asc", "none py", 1), ("rectangle.asc", "none py", 1),
    ("circle.asc", "none py hoc", 1),
]


def one(fname, mode, quiet):
    from neuron import h
    from import3d_snapshot import snapshot
    os.chdir(os.path.join(HERE, "data"))
    res = snapshot(h, fname, mode, quiet)
    sys.stdout.flush()
    sys.stdout.write("@@JSON@@" + json.dumps(res))


def contours(n=60, seed=7):
    from neuron import h
    h.load_file("import3d.hoc")
    rnd = random.Random(seed)
    shapes, lines = [], []
    for k in range(n):
        npt = rnd.randint(5, 60)
        a0, ex = rnd.uniform(0, 2 * math.pi), rnd.uniform(0.3, 1)
        cx, cy, R = rnd.uniform(-50, 50), rnd.uniform(-50, 50), rnd.uniform(3, 15)
        zc = round(rnd.uniform(-5, 5), 2)
        pts = []
        for i in range(npt):
            th = a0 + 2 * math.pi * i / npt + rnd.uniform(-0.3, 0.3) / npt
            r = R * (1 + rnd.uniform(-0.25, 0.25))
            z = zc if k % 3 else zc + rnd.uniform(-0.5, 0.5)
            pts.append((round(cx + r * math.cos(th), 2), round(cy + ex * r * math.sin(th), 2),
                        round(z, 2)))
        if k % 5 == 0:
            pts.reverse()
        text = '("CellBody"\n (CellBody)\n' + "".join("  (%r %r %r 0)\n" % p for p in pts) + ")\n"
        tmp = os.path.join(HERE, "data", "_contour.asc")
        with open(tmp, "w") as f:
            f.write(text)
        r = h.Import3d_Neurolucida3()
        r.quiet = 1
        r.input(tmp)

        class C:
            pass
        c = C()
        h.Import3d_GUI(r, 0).instantiate(c)
        s = c.soma[0]
        shapes.append(pts)
        lines.append([[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())])
        os.unlink(tmp)
    return {"outlines": shapes, "neuron": lines}


def main():
    if len(sys.argv) == 4:
        one(sys.argv[1], sys.argv[2], int(sys.argv[3]))
        return
    out = {}
    for fname, modes, quiet in CASES:
        for mode in modes.split():
            p = subprocess.run([sys.executable, __file__, fname, mode, str(quiet)],
                               capture_output=True)
            stdout = p.stdout.decode()           # keeping NEURON's "\r" (no newline translation)
            text, _, js = stdout.partition("@@JSON@@")
            if not js:
                sys.exit("no result for %s %s %d:\n%s%s" % (fname, mode, quiet, stdout,
                                                            p.stderr.decode()))
            lines = [ln for ln in text.split("\n")
                     if ln.strip() not in ("Warning: no DISPLAY environment variable.",
                                           "--No graphics will be displayed.")]
            out["%s %s %d" % (fname, mode, quiet)] = {"stdout": "\n".join(lines),
                                                       "result": json.loads(js)}
    with open(os.path.join(HERE, "data", "expected.json"), "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
    with open(os.path.join(HERE, "data", "contours.json"), "w") as f:
        json.dump(contours(), f)


if __name__ == "__main__":
    main()
