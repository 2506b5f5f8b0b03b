"""Expected RangeVarPlot numbers from NEURON 9.0.2 (tests/library/test_rangevarplot.py).

Run with NEURON's Python:  /tmp/nrnvenv/bin/python rvp_make_expected.py
writes rangevarplot.json next to this file.  build(h) and CASES are shared with
the test, which builds the same model in ranvier.
"""
import json
import os

HOC_MODEL = """
create soma, d1, d2, d3, d4, d5, d6
soma {L = 20 diam = 20 nseg = 3}
connect d1(0), soma(1)
connect d2(0), d1(1)
connect d3(0), soma(0)
connect d4(0), d1(0.5)
connect d5(1), d2(0.3)
connect d6(0), d4(0)
d1 {L = 100 nseg = 4 diam = 2}
d2 {L = 50 nseg = 2 diam = 1.5}
d3 {L = 30 nseg = 5 diam = 3}
d4 {L = 40.7 nseg = 3 diam = 1}
d5 {L = 33.3 nseg = 7 diam = 1}
d6 {L = 17.1 nseg = 2 diam = 1}
"""

SECTIONS = ["soma", "d1", "d2", "d3", "d4", "d5", "d6"]

# (begin section, x, end section, x)
CASES = [("d2", 0.5, "d3", 0.3), ("d2", 1, "d3", 0), ("d4", 1, "d2", 1), ("d4", 0.2, "d2", 0.7),
         ("soma", 0.5, "soma", 0.5), ("d1", 0.1, "d1", 0.9), ("d1", 0.9, "d1", 0.1),
         ("d5", 0, "d3", 1), ("d5", 0.93, "d6", 1), ("d6", 0.2, "d5", 0.41), ("d3", 1, "d6", 0),
         ("d2", 0.3, "soma", 0), ("soma", 1, "d5", 1), ("d4", 0, "d6", 0.6)]


def build(h):
    h(HOC_MODEL)
    for i, name in enumerate(SECTIONS):
        sec = getattr(h, name)
        for seg in sec:
            seg.v = -70 + 7.5 * i + 3 * seg.x
    h.d2(1).v = 11.0
    h.d5(0).v = 12.0
    h.d3(1).v = 13.0


# HOC: what each method returns (the values a top-level statement prints)
HOC_RETURNS = """
create ra, rb
connect rb(0), ra(1)
objref rv, sl, yv
rv = new RangeVarPlot("v")
sl = new SectionList()
yv = new Vector()
ra r1 = rv.begin(0.5)
rb r2 = rv.end(1)
r3 = rv.origin(0)
r4 = rv.color(2)
r5 = rv.list(sl)
r6 = rv.to_vector(yv)
r7 = rv.from_vector(yv)
r8 = rv.left()
r9 = rv.right()
r10 = rv.d2root()
"""


def hoc_returns(h):
    h(HOC_RETURNS)
    return [getattr(h, "r%d" % i) for i in range(1, 11)]


def main():
    from neuron import h
    returns = hoc_returns(h)
    build(h)
    out = []

    def fill(rvp):
        y, x = h.Vector(), h.Vector()
        n = rvp.to_vector(y, x)
        sl = h.SectionList()
        rvp.list(sl)
        return {"n": n, "x": list(x), "y": list(y), "left": rvp.left(), "right": rvp.right(),
                "d2root": rvp.d2root(), "list": [s.name() for s in sl]}

    for b, bx, e, ex in CASES:
        bsec, esec = getattr(h, b), getattr(h, e)
        rec = {"case": [b, bx, e, ex]}
        rec["v"] = fill(h.RangeVarPlot("v", bsec(bx), esec(ex)))
        rec["py"] = fill(h.RangeVarPlot(lambda x: x * 10 + len(h.cas().name()), bsec(bx), esec(ex)))
        h("objref rvp_\n rvp_ = new RangeVarPlot(\"v*2 + $1\")")
        h("%s rvp_.begin(%r)" % (b, bx))
        h("%s rvp_.end(%r)" % (e, ex))
        h.rvp_.origin(0.3)
        rec["hoc"] = fill(h.rvp_)
        out.append(rec)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "rangevarplot.json"), "w") as f:
        json.dump(out, f, indent=0)
    with open(os.path.join(here, "rangevarplot_hoc.json"), "w") as f:
        json.dump(returns, f)


if __name__ == "__main__":
    main()
