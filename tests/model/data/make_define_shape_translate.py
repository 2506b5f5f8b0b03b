"""Run under NEURON 9.0.2 (/tmp/nrnvenv/bin/python make_define_shape_translate.py) to
regenerate define_shape_translate.json: children with their own 3-D points are
translated onto their parent's connection point by define_shape."""
import json
import os

from neuron import h

soma = h.Section(name='soma')
soma.pt3dadd(0.3, 0.7, 0.1, 10.3)
soma.pt3dadd(20.17, 0.33, 1.9, 10)
d = h.Section(name='d')
d.connect(soma(0.37))
d.nseg = 3
d.pt3dadd(100.123, 100.77, 3.3, 2)
d.pt3dadd(150.31, 101.9, 7.7, 2.5)
d.pt3dadd(170.9, 99.1, 5.55, 1.5)
r = h.Section(name='r')
r.connect(d(1), 1)
r.pt3dadd(-5.5, 3.3, 2.2, 1)
r.pt3dadd(-15.25, 7.3, 1.1, 1)
k = h.Section(name='k')
k.connect(d(0.5))
k.L = 10
h.define_shape()
out = {s.name(): [[s.x3d(i), s.y3d(i), s.z3d(i)] for i in range(s.n3d())] for s in (soma, d, r, k)}
out["d_area"] = d(0.5).area()
out["d_ri"] = d(0.5).ri()
out["L"] = [d.L, r.L]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "define_shape_translate.json"), "w") as f:
    json.dump(out, f, indent=1)
