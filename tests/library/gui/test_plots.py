"""Graph, PlotShape, printfile, and runs with live graphs: the chunked run takes the
same steps as the one-call run (bit-identical), plots at every step like stdrun's
Plot(), and stops when Stop is pressed."""
import math

import numpy
import pytest

from ranvier import h
from ranvier.library import stdrun
from ranvier.library.graphics import SESSION

MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF", ".eps": b"%!PS-Adobe", ".svg": b"<?xml"}


def _hh_cell():
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 100, 0.15
    return soma, stim


def test_graph_plot_begin_family_erase():
    g = h.Graph()
    h("gx = 0")
    g.addexpr("sin(gx)")
    g.addexpr("label2", "2*gx", 2, 1)
    g.begin()
    for i in range(11):
        h.gx = i * 0.1
        g.plot(h.gx)
    assert len(g._lines) == 2
    assert g._lines[0].ys[5] == pytest.approx(math.sin(0.5), abs=0) and g._lines[1].ys[10] == 2.0
    assert [ln.label for ln in g._lines] == ["sin(gx)", "label2"]
    g.begin()                              # without family: the lines start afresh
    g.plot(0)
    assert len(g._lines) == 2 and len(g._lines[0].xs) == 1
    g.family(1)                            # keep lines: erase, then every run adds lines
    for run in range(2):
        g.begin()
        g.plot(run)
    assert len(g._lines) == 4
    g.erase()
    assert g._lines == [] and len(g._vars) == 2
    g.erase_all()
    assert g._vars == []


def test_graph_lines_marks_labels_and_size():
    g = h.Graph(0)
    assert g.ismapped() == 0
    g.size(0, 10, -1, 1)
    assert [g.size(i) for i in (1, 2, 3, 4)] == [0, 10, -1, 1]
    g.beginline("circle", 3, 2)
    for i in range(5):
        g.line(i, i * i)
    g.mark(2, 4, "O", 8, 2, 1)
    g.label(0.1, 0.9, "hello")
    d = g._describe()
    assert d["lines"][0]["y"] == [0, 1, 4, 9, 16] and d["lines"][0]["color"] == "blue"
    assert d["marks"][0]["style"] == "O" and d["labels"][0]["text"] == "hello"
    assert d["size"] == [0, 10, -1, 1]


@pytest.mark.parametrize("ext", [".png", ".svg", ".eps", ".pdf"])
def test_printfile_graph_and_shape_headless(tmp_path, ext):
    pytest.importorskip("matplotlib")
    soma, _ = _hh_cell()
    dend = h.Section(name="dend")
    dend.connect(soma)
    g = h.Graph()
    g.beginline()
    g.line(0, 0)
    g.line(1, 1)
    ps = h.PlotShape()
    for obj, name in ((g, "graph"), (ps, "shape")):
        out = tmp_path / (name + ext)
        assert obj.printfile(str(out)) == 1
        assert out.read_bytes().startswith(MAGIC[ext]), (name, ext)


def test_printfile_graph_draws_its_line(tmp_path):
    """The SVG of a graph holds the plotted line (its points as path data)."""
    pytest.importorskip("matplotlib")
    g = h.Graph()
    g.size(0, 3, 0, 9)
    g.beginline()
    for x in range(4):
        g.line(x, x * x)
    out = tmp_path / "g.svg"
    g.printfile(str(out))
    text = out.read_text()
    assert text.count("<path") >= 2 and 'clip-path' in text


def test_plotshape_values_colours_and_geometry():
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    dend.connect(soma)
    dend.nseg = 3
    soma.L = soma.diam = 10
    dend.L, dend.diam = 60, 2
    h.finitialize(-65)
    dend(0.9).v = 30                    # the last segment is hot
    ps = h.PlotShape()
    ps.variable("v")
    ps.scale(-80, 40)
    d = ps._describe()
    assert [s["sec"] for s in d["segments"]] == ["soma", "dend", "dend", "dend"]
    assert d["values"] == [-65.0, -65.0, -65.0, 30.0]
    assert ps.color_of(-80) == ps._colormap[0] and ps.color_of(40) == ps._colormap[-1]
    assert ps.color_of(30) == ps._colormap[9]       # (30 + 80) / 120 of 10 colours
    # each dendrite segment covers a third of its length, laid out along x
    xs = [s["p"][0][0] for s in d["segments"][1:]] + [d["segments"][-1]["p"][-1][0]]
    assert numpy.allclose(numpy.diff(xs), 20.0, atol=1e-3)
    ps.show(1)
    assert ps._describe()["show"] == 1


def _record_run(tstop):
    soma, stim = _hh_cell()
    h.load_file("stdrun.hoc")
    h.tstop = tstop
    v = h.Vector().record(soma(0.5)._ref_v)
    g = h.Graph()
    g.addvar("v", soma(0.5)._ref_v)
    h.graphList[0].append(g)
    h.run()
    return numpy.array(v), g


def test_live_run_is_bit_identical_and_plots_every_step():
    import ranvier
    from gui_recorder import Recorder
    v_batch, _ = _record_run(20)                   # headless: one compiled call
    assert h.graphList[0].count() == 0             # no view: dropped, as in NEURON
    ranvier.reset()
    rec = Recorder()
    SESSION.mode = "test"
    SESSION.renderers.append(rec)
    try:
        v_live, g = _record_run(20)                # shown: chunks of whole steps
    finally:
        SESSION.renderers.remove(rec)
        SESSION.mode = "none"
    assert numpy.array_equal(v_live, v_batch)      # the same steps, bit for bit
    assert g.view_count() == 0 and h.graphList[0].count() == 1
    line = g._lines[0]
    assert len(line.xs) == 20 * 40 + 1             # initPlot, then Plot() at each step()
    assert numpy.array_equal(numpy.array(line.ys), v_live)
    assert rec.ops("graph") or rec.ops("window")
    assert rec.ops("progress")[-1]["running"] is False


def test_stop_ends_a_live_run(renderer):
    soma, _ = _hh_cell()
    h.load_file("stdrun.hoc")
    h.tstop = 1000
    h.nrncontrolmenu()
    g = h.Graph()
    g.addvar("v", soma(0.5)._ref_v)
    h.graphList[0].append(g)
    stop = [w for w in SESSION.windows() if getattr(w, "_gui_title", "") == "RunControl"][0]
    stop_item = [it for it in stop.items if it.text == "Stop"][0]
    calls = {"n": 0}

    class Pressing:
        """A renderer that presses Stop once some points have been sent."""
        def send(self, msg):
            if msg.get("op") == "progress" and msg["running"] and msg["t"] > 5:
                calls["n"] += 1
                SESSION.post({"item": stop_item.id, "action": "press"})

    SESSION.renderers.append(Pressing())
    try:
        h.run()
    finally:
        SESSION.renderers.pop()
    assert calls["n"] >= 1
    assert 5 < h.t < 1000 and stdrun.VARS["stoprun"] == 1.0
    assert len(g._lines[0].xs) == round(h.t * 40) + 1


def test_newplotv_and_graphlist_in_hoc():
    h("create soma\naccess soma\nload_file(\"nrngui.hoc\")\nnewPlotV()")
    assert h.graphItem.hname() == "Graph[0]"
    assert h.graphList[0].count() == 1 and h.graphList[0].o(0) is h.graphItem
    h.tstop = 1
    h.run()                                        # headless: dropped, as in NEURON
    assert h.graphList[0].count() == 0


def test_plotshape_colormap_and_section_colours():
    soma = h.Section(name="soma")
    h.finitialize(-65)
    ps = h.PlotShape(0)                              # made unmapped
    assert ps.ismapped() == 0
    ps.colormap(3)
    ps.colormap(0, 255, 0, 0)
    ps.colormap(1, 255, 255, 0)
    ps.colormap(2, 200, 200, 200)
    ps.scale(0, 3)
    assert [ps.color_of(v) for v in (0.5, 1.5, 2.5, 99)] == [(255, 0, 0), (255, 255, 0),
                                                            (200, 200, 200), (200, 200, 200)]
    d = ps._describe()
    assert d["colormap"] == ["rgb(255,0,0)", "rgb(255,255,0)", "rgb(200,200,200)"]
    ps.color(2, sec=soma)
    assert ps._describe()["fixed"] == ["red"]
    sh = h.Shape()
    assert sh._describe()["colored"] is False and sh.hname() == "Shape[0]"
