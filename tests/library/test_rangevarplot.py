"""RangeVarPlot against NEURON 9.0.2's numbers (data/rangevarplot.json, made by
data/rvp_make_expected.py in NEURON's Python): the path's points, locations
(single precision, origin shift), values, left/right/d2root and list()."""
import importlib.util
import json
import os

import pytest

import ranvier
from ranvier import h
from ranvier.library.rangevarplot import RangeVarPlotError

DATA = os.path.join(os.path.dirname(__file__), "data")


def _maker():
    spec = importlib.util.spec_from_file_location(
        "rvp_make_expected", os.path.join(DATA, "rvp_make_expected.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MAKER = _maker()
with open(os.path.join(DATA, "rangevarplot.json")) as _f:
    EXPECTED = json.load(_f)


@pytest.fixture
def model():
    ranvier.reset()
    MAKER.build(h)
    yield
    ranvier.reset()


def _fill(rvp):
    y, x = h.Vector(), h.Vector()
    n = rvp.to_vector(y, x)
    sl = h.SectionList()
    rvp.list(sl)
    return {"n": n, "x": list(x), "y": list(y), "left": rvp.left(), "right": rvp.right(),
            "d2root": rvp.d2root(), "list": [s.name() for s in sl]}


@pytest.mark.parametrize("rec", EXPECTED, ids=lambda r: "%s(%g)-%s(%g)" % tuple(r["case"]))
def test_paths_match_neuron(model, rec):
    b, bx, e, ex = rec["case"]
    bsec, esec = getattr(h, b), getattr(h, e)
    got = _fill(h.RangeVarPlot("v", bsec(bx), esec(ex)))
    assert got == rec["v"]
    got = _fill(h.RangeVarPlot(lambda x: x * 10 + len(h.cas().name()), bsec(bx), esec(ex)))
    assert got == rec["py"]
    h("objref rvp_\n rvp_ = new RangeVarPlot(\"v*2 + $1\")")
    h("%s rvp_.begin(%r)" % (b, bx))
    h("%s rvp_.end(%r)" % (e, ex))
    h.rvp_.origin(0.3)
    assert _fill(h.rvp_) == rec["hoc"]


def test_no_path_and_no_variable(model):
    h("create lone")
    with pytest.raises(RangeVarPlotError, match="No path"):
        h.RangeVarPlot("v", h.d2(1), h.lone(0.5))
    with pytest.raises(RuntimeError, match="m_hh"):
        h.RangeVarPlot("m_hh", h.d2(1), h.d3(0))
    r = h.RangeVarPlot("v")          # no path yet: empty
    y = h.Vector([1, 2])
    assert r.to_vector(y) == 0 and y.size() == 0 and r.left() == 0 and r.right() == 0


def test_from_vector_and_vector(model):
    r = h.RangeVarPlot("v", h.d4(1), h.d2(1))
    n = int(r.to_vector(h.Vector()))
    r.from_vector(h.Vector(range(n)))
    assert list(r.vector()) == [float(i) for i in range(n)]
    assert h.d2(1).v == n - 1 and h.d4(1).v == 0


def test_graph_and_pyplot(model):
    r = h.RangeVarPlot("v", h.d2(1), h.d3(0))
    x, y = h.Vector(), h.Vector()
    r.to_vector(y, x)
    g = h.Graph(0)
    g.addobject(r, 2, 1)
    g.flush()
    line = g._lines[-1]
    assert line.xs == list(x) and line.ys == list(y) and line.color == 2
    h.d2(1).v = 5.0            # the graph shows the values at the next flush
    g.flush()
    assert g._lines[-1].ys[0] == 5.0

    class Axes:
        def plot(self, xs, ys, *args, **kw):
            return (xs, ys, args, kw)

    xs, ys, args, kw = r.plot(Axes(), "r-", lw=2)
    assert list(xs) == list(x) and ys[0] == 5.0 and args == ("r-",) and kw == {"lw": 2}
    g2 = h.Graph(0)                 # plot(Graph): a line of the present values (NEURON:
    yv = r.plot(g2, 3)              # Vector.line), returning the y Vector
    assert list(yv) == ys.to_python() and g2._lines[-1].xs == list(x)
    assert g2._lines[-1].color == 3


def test_hoc_return_values():
    """What each method returns in HOC (what a top-level statement prints), NEURON's
    (data/rangevarplot_hoc.json)."""
    ranvier.reset()
    try:
        with open(os.path.join(DATA, "rangevarplot_hoc.json")) as f:
            want = json.load(f)
        assert MAKER.hoc_returns(h) == want
    finally:
        ranvier.reset()
