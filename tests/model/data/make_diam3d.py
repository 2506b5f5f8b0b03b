"""Expected numbers for tests/model/test_diam3d_assign.py, from NEURON 9.0.2:
    /tmp/nrnvenv/bin/python make_diam3d.py > diam3d.json
Assigning a segment's diam on a section with 3-D points rewrites the points'
diameters (each from the stored diam of the segment holding it)."""
import json

from neuron import h


def state(s):
    return {"diam": [seg.diam for seg in s], "area": [seg.area() for seg in s],
            "ri": [seg.ri() for seg in s], "diam3d": [s.diam3d(i) for i in range(s.n3d())],
            "L": s.L}


def build(name):
    s = h.Section(name=name)
    for x, d in ((0, 2), (10, 4), (20, 2), (30, 6), (37, 3)):
        s.pt3dadd(x, 0, 0, d)
    s.nseg = 3
    return s


out = {}
s = build("a")
out["fresh"] = state(s)
for seg in s:                      # every read recomputes from the (changed) points
    seg.diam = seg.diam * 1.5
out["scaled"] = state(s)
s(0.5).diam = 10
out["one"] = state(s)

b = build("b")                     # never read: the stored diams are still the default 500
b(0.1).diam = 4.5
out["stale"] = state(b)

c = build("c")                     # a HOC taper and the spine folding of ModelDB 2488
h("objref sref")
h.sref = h.SectionRef(sec=c)
h("sref.sec { diam(0:1) = 6:2 }")
out["taper"] = state(c)
h("sref.sec { L = L * 1.2^(2/3)  for (x) diam(x) = diam(x) * 1.2^(1/3) }")
out["spines"] = state(c)
print(json.dumps(out, indent=1))
