"""The graphics side of stdrun: graphList / flush_list, initPlot and Plot, the live run
loop (graphs growing, progress, Stop), NEURON's RunControl panel (nrncontrolmenu) and
newPlotV / newPlotI / newshapeplot.

stdrun calls the hooks attached here (stdrun.HOOKS).  Headless they only drop the
graphs that have no view from graphList (as NEURON does without a display) and let
continuerun run its one compiled call.  With the GUI showing, continuerun runs in chunks
of whole steps: the same steps in the same order, so results stay bit-identical, with
the graphs plotted at every step() (as stdrun's Plot() does), and between chunks the
page's events run, values and graph points go to the page at most every
``screen_update_invl`` seconds (queued, never waited for), and Stop ends the run.
"""
import os
import sys
import time

from ... import engine
from .. import stdrun
from .model import SESSION
from ... import hoc
from .frontend import activate
from ...core.errors import ModelError
from .bindings import FuncBinding
from .panels import Item, Panel
from .bindings import Action
from .graph import Graph
from .shape import PlotShape

RUN = {"runStopAt": 5.0, "runStopIn": 1.0, "screen_update_invl": 0.05}
STATE = {"graphItem": None, "bound": False}
# seconds of wall time before a run shows its progress (RANVIER_PROGRESS_AFTER)
PROGRESS_AFTER = float(os.environ.get("RANVIER_PROGRESS_AFTER", "2") or 2)


_RUN_DEFAULTS = dict(RUN)


def reset():
    RUN.clear()
    RUN.update(_RUN_DEFAULTS)
    STATE.update(graphItem=None, bound=False)


def graph_lists():
    """stdrun's six Lists: graphList[0..3], flush_list, fast_flush_list ([] before
    stdrun.hoc is loaded)."""
    lists = [o for o in stdrun._library_objects if o.hname().startswith("List[")]
    return lists[:6] if len(lists) >= 6 else []


def _bind_hoc_names(create=False):
    """Make graphList[4], flush_list, fast_flush_list, graphItem and hoc_obj_[2] HOC names
    (NEURON's library files declare them).  Done when the HOC interpreter exists (or `create`)."""
    lists = graph_lists()
    if not lists or (hoc._INSTANCE is None and not create):
        return
    interp = hoc.interpreter()
    if interp.has("graphList"):
        STATE["bound"] = True
        return
    # hoc_obj_[2]: stdlib's scratch objects (old graph code and session files use them)
    interp.execute("objref graphList[4], flush_list, fast_flush_list, graphItem, hoc_obj_[2]\n",
                   "<stdrun>")
    arr = interp.get("graphList")
    for i in range(4):
        arr[i] = lists[i]
    interp.set("flush_list", lists[4])
    interp.set("fast_flush_list", lists[5])
    if STATE["graphItem"] is not None:
        interp.set("graphItem", STATE["graphItem"])
    STATE["bound"] = True


def python_name(name):
    """h.graphList, h.flush_list, ... for Python before HOC has them (interface/toplevel)."""
    lists = graph_lists()
    if not lists:
        raise AttributeError("'hoc.HocObject' object has no attribute '%s'" % name)
    if name == "graphList":
        return list(lists[:4])
    if name == "flush_list":
        return lists[4]
    if name == "fast_flush_list":
        return lists[5]
    if name == "graphItem":
        return STATE["graphItem"]
    raise AttributeError(name)


PYTHON_NAMES = ("graphList", "flush_list", "fast_flush_list", "graphItem")


# ------------------------------------------------------------------ stdrun hooks
def on_load(name):
    _bind_hoc_names(create=SESSION.active)
    if name in ("nrngui.hoc",):
        activate(auto=True)


def _plotted():
    """(x offset in dt, graph) for every graph in graphList[0..3] (Plot()'s abscissae:
    t, t - dt/2, t - dt... as stdrun plots them)."""
    lists = graph_lists()
    out = []
    for i, offset in zip(range(4), (0.0, 0.5, 1.0, 0.0)):
        if i < len(lists):
            for g in lists[i]:
                if hasattr(g, "plot"):
                    out.append((offset, g))
    return out


def init_plot():
    """stdrun's initPlot: drop graphs without a view, begin() every graph, plot at t."""
    lists = graph_lists()
    if not lists:
        return
    for lst in lists:
        for i in range(int(lst.count()) - 1, -1, -1):
            o = lst.o(i)
            vc = getattr(o, "view_count", None)
            if vc is not None and not vc():
                lst.remove(i)
    plotted = _plotted()
    for _, g in plotted:
        g.begin()
    _plot(plotted)
    if SESSION.active:
        for o in list(lists[4]) + list(lists[5]):
            if hasattr(o, "flush"):
                o.flush()
        SESSION.refresh()


def _plot(plotted):
    t = engine.state.t
    dt = engine.state.dt
    for offset, g in plotted:
        g.plot(t - offset * dt)


class _Progress:
    """Simulated time against tstop: in the terminal (tqdm when installed, on a tty)
    once a run has taken PROGRESS_AFTER seconds, and in the page."""

    def __init__(self, t0, tstop):
        self.t0 = t0
        self.tstop = tstop
        self.start = time.perf_counter()
        self.bar = None

    def update(self, t):
        if SESSION.active:
            SESSION.set_progress(t, self.tstop, True)
        if self.bar is None and time.perf_counter() - self.start > PROGRESS_AFTER and _tty():
            try:
                from tqdm import tqdm   # deliberately lazy: optional dependency, only for long runs on a terminal
                self.bar = tqdm(total=round(self.tstop - self.t0, 6), unit="ms",
                                desc="run", leave=False, file=sys.stderr)
            except ImportError:
                self.bar = False
        if self.bar:
            self.bar.n = round(min(t, self.tstop) - self.t0, 6)
            self.bar.refresh()
        elif self.bar is False:
            sys.stderr.write("\rt = %g / %g ms" % (t, self.tstop))
            sys.stderr.flush()

    def close(self, t):
        if SESSION.active:
            SESSION.set_progress(t, self.tstop, False)
        if self.bar:
            self.bar.close()
        elif self.bar is False:
            sys.stderr.write("\n")


def _tty():
    try:
        return sys.stderr.isatty()
    except Exception:
        return False


def live_advance(tstop, nstep):
    """continuerun's fixed-step loop in chunks of whole step()s (see the module doc).
    False (do nothing: one compiled call) when no GUI shows and stderr is no terminal
    (batch runs); in a terminal without GUI, only the progress of long runs shows."""
    active = SESSION.active
    if not active and not _tty():
        return False
    state = engine.state
    plotted = _plotted() if active else []
    invl = max(0.01, float(RUN["screen_update_invl"]))
    progress = _Progress(state.t, tstop)
    units = 1
    last = time.perf_counter()
    with SESSION.exec_lock:
        try:
            while state.t < tstop - state.dt / 2 - 1e-11 and not stdrun.VARS["stoprun"]:
                target = state.t + units * nstep * state.dt
                if target >= tstop:
                    target = tstop
                w0 = time.perf_counter()
                if not engine.advance_until(target, nstep):
                    break
                w1 = time.perf_counter()
                if plotted:
                    _plot(plotted)
                else:               # no graph: chunks of about 20 ms of computing
                    units = max(1, min(units * 4, int(units * 0.02 / max(w1 - w0, 1e-6))))
                if w1 - last >= invl:
                    last = w1
                    if active:
                        SESSION.run_pending()
                        SESSION.refresh()
                    progress.update(state.t)
        finally:
            if active:
                SESSION.refresh()
            progress.close(state.t)
    return True


def run_done():
    if not SESSION.active:
        return
    lists = graph_lists()
    for _, g in _plotted():
        g.flush()
    if lists:
        for o in list(lists[4]) + list(lists[5]):
            if hasattr(o, "flush"):
                o.flush()
    SESSION.refresh()


def attach():
    stdrun.HOOKS.update(load=on_load, init=init_plot, advance=live_advance, done=run_done)
    for name, f in STDRUN_FUNCTIONS.items():
        stdrun.FUNCTIONS.setdefault(name, f)


# ------------------------------------------------------------------ RunControl
def _stdrun_call(name, *args):
    def run():
        if not stdrun.loaded():
            stdrun.load("stdrun.hoc")
        return stdrun._call(name, *args)
    return run


def _stop():
    stdrun.VARS["stoprun"] = 1.0


def _var(name):
    """RunControl's variables: stdrun's (tstop, v_init, ...), the clock's t and dt, and
    the panel's own (runStopAt, ...)."""

    def get():
        if name in RUN:
            return RUN[name]
        if name in ("t", "dt"):
            return getattr(engine.state, name)
        return stdrun.VARS[name]

    def set_(v):
        v = float(v)
        if name in RUN:
            RUN[name] = v
        elif name == "dt":
            if not v > 0:
                raise ModelError("dt must be positive, got %r" % v)
            engine.state.dt = v
        elif name == "t":
            engine.state.t = v
        else:
            stdrun.VARS[name] = v
    return FuncBinding(get, set_, name)


def nrncontrolmenu(*args):
    """NEURON's RunControl panel."""
    if not stdrun.loaded():
        stdrun.load("stdrun.hoc")
    RUN["runStopAt"] = stdrun.VARS["tstop"]
    p = Panel("RunControl")
    units = {"v_init": "mV", "t": "ms", "tstop": "ms", "dt": "ms", "runStopAt": "ms",
             "runStopIn": "ms", "screen_update_invl": "s", "realtime": "s"}

    def value(label, var, action=None, canrun=False, kind="value", deflt=True):
        it = Item(kind, label, _var(var), Action(action), deflt=deflt, canrun=canrun,
                  updated=False, units=units.get(var, ""))
        p.add(it)
        return it

    value("Init", "v_init", _stdrun_call("stdinit"), canrun=True)
    p.add(Item("button", "Init & Run", action=Action(_stdrun_call("run")), role="run"))
    stop = Item("button", "Stop", action=Action(_stop), role="stop")
    stop.immediate = True
    p.add(stop)
    value("Continue til", "runStopAt",
          lambda: _stdrun_call("continuerun", RUN["runStopAt"])(), canrun=True)
    value("Continue for", "runStopIn",
          lambda: _stdrun_call("continuerun", engine.state.t + RUN["runStopIn"])(), canrun=True)
    p.add(Item("button", "Single Step", action=Action(_stdrun_call("steprun"))))
    value("t", "t", deflt=False)
    value("Tstop", "tstop")
    value("dt", "dt", _stdrun_call("setdt"))
    value("Points plotted/ms", "steps_per_ms", _stdrun_call("setdt"))
    value("Scrn update invl", "screen_update_invl")
    value("Real Time", "realtime", kind="fixedvalue", deflt=False)
    p._gui_map()
    return 0.0


# ------------------------------------------------------------------ new plots
def _set_graph_item(g):
    STATE["graphItem"] = g
    if hoc._INSTANCE is not None and STATE["bound"]:
        try:
            hoc._INSTANCE.set("graphItem", g)
        except Exception:
            pass


def _new_plot(var, lst, y0, y1, label=None):
    if not stdrun.loaded():
        stdrun.load("stdrun.hoc")
    g = Graph()
    g.size(0, stdrun.VARS["tstop"], y0, y1)
    g.addvar(label or var, var, 1, 1) if label else g.addvar(var, 1, 1)
    lists = graph_lists()
    if lists:
        lists[lst].append(g)
    _set_graph_item(g)
    return g


def newPlotV(*args):
    """A voltage graph of the current section's v(.5) in graphList[0] (graphItem)."""
    _new_plot("v(.5)", 0, -80, 40)
    return 0.0


def newPlotI(*args):
    """A current graph in graphList[1] (graphItem), with nothing plotted yet."""
    if not stdrun.loaded():
        stdrun.load("stdrun.hoc")
    g = Graph()
    g.size(0, stdrun.VARS["tstop"], -1, 1)
    lists = graph_lists()
    if lists:
        lists[1].append(g)
    _set_graph_item(g)
    return 0.0


def newshapeplot(*args):
    """A PlotShape in flush_list (graphItem)."""
    ps = PlotShape()
    lists = graph_lists()
    if lists:
        lists[4].append(ps)
    _set_graph_item(ps)
    return 0.0


def addplot(g, i):
    """stdrun's addplot(graph, i): graph joins graphList[i] (0: plotted at t, 1: at
    t - dt/2, 2: at t - dt, 3: at t against the x axis), where initPlot and Plot find it."""
    lists = graph_lists()
    i = int(i)
    if not 0 <= i < 4:
        raise ModelError("addplot: graphList index must be 0..3, got %d" % i)
    lists[i].append(g)
    return 0.0


def newPlot(x0=0.0, x1=None, y0=-80.0, y1=40.0):
    """stdrun's newPlot(xmin, xmax, ymin, ymax): a new Graph of that size becomes graphItem
    (it joins no graphList: newPlotV and the model's own code do that)."""
    g = Graph()
    g.size(float(x0), float(stdrun.VARS["tstop"] if x1 is None else x1), float(y0), float(y1))
    _set_graph_item(g)
    return 0.0


def newPlotS(*args):
    """stdrun's newPlotS(): a space plot (a Graph, graphItem) that joins no list headless."""
    g = Graph()
    _set_graph_item(g)
    return 0.0


def initPlot(*args):
    init_plot()
    return 0.0


def Plot(*args):
    """stdrun's Plot(): every graph in graphList[0..3] plots its values now."""
    _plot(_plotted())
    return 0.0


def flushPlot(*args):
    """stdrun's flushPlot(): graphs in graphList[0..3] and flush_list draw (a no-op headless)."""
    if SESSION.active:
        run_done()
    return 0.0


# stdrun.hoc's graph procs: names once stdrun is loaded (a model may redefine them)
STDRUN_FUNCTIONS = {"addplot": addplot, "newPlot": newPlot, "newPlotS": newPlotS,
                    "initPlot": initPlot, "Plot": Plot, "flushPlot": flushPlot,
                    "fastflushPlot": flushPlot}


FUNCTIONS = {"nrncontrolmenu": nrncontrolmenu, "newPlotV": newPlotV, "newPlotI": newPlotI,
             "newshapeplot": newshapeplot}
