"""Where `_ref_` pointers into a section's segments go when nseg changes, under NEURON 9.0.2.

``python tests/model/data/make_pointer_nseg.py`` with NEURON importable writes
pointer_nseg.json; tests/model/test_pointer_nseg.py runs ``probe`` under ranvier.
For each (old, new) nseg pair and both orientations, a pointer to each old segment's v
and hh.gnabar is read after every new segment j was given the value j: the number is the
segment the pointer followed, "X" an invalid pointer (NEURON: ValueError)."""
import json
import sys
from pathlib import Path

PAIRS = [(3, 4), (3, 6), (3, 9), (4, 5), (5, 3), (2, 1), (1, 2), (1, 3), (3, 3), (4, 8), (6, 4)]


def probe(h, n0, n1, flipped):
    parent = h.Section(name="parent")
    sec = h.Section(name="sec")
    if flipped:
        sec.connect(parent(1), 1)
    sec.insert("hh")
    sec.nseg = n0
    refs = [seg.hh._ref_gnabar for seg in sec] + [seg._ref_v for seg in sec]
    sec.nseg = n1
    for j, seg in enumerate(sec):
        seg.hh.gnabar = j
        seg.v = j
    out = []
    for r in refs:
        try:
            out.append(int(r[0]))
        except ValueError:
            out.append("X")
    return out


def run(h):
    return {"%d-%d-%d" % (a, b, f): probe(h, a, b, f) for a, b in PAIRS for f in (0, 1)}


if __name__ == "__main__":
    from neuron import h
    data = {"made_by": "NEURON %s, %s" % (h.nrnversion(), Path(__file__).name), "probe": run(h)}
    path = Path(__file__).with_name("pointer_nseg.json")
    path.write_text(json.dumps(data))
    print("wrote", path, file=sys.stderr)
