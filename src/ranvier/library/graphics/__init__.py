"""NEURON's graphics classes (PlotShape, Graph, Shape, HBox/VBox) and panel
functions (xpanel, xbutton, ...).

Without a display they are harmless no-ops that keep their state, so models
that build a GUI at load time run headless; `printfile` draws with matplotlib
(PlotShape: the morphology from 3-D points, after define_shape; Graph: its
lines) so figures can still be written to files.
"""

from ...core.hocobject import HocObject


class _Window(HocObject):
    """Common no-op window behaviour."""

    def __init__(self, *args):
        self._mapped = False
        self._hoc_register()

    def map(self, *args):
        self._mapped = True
        return 0.0

    def unmap(self):
        self._mapped = False
        return 0.0

    def ismapped(self):
        return float(self._mapped)

    def view(self, *args):
        return 0.0

    def size(self, *args):
        return 0.0 if args else [0.0, 1.0, 0.0, 1.0]

    def flush(self):
        return 0.0

    def fastflush(self):
        return 0.0

    def exec_menu(self, *args):
        return 0.0

    def menu_action(self, *args):
        return 0.0

    def menu_tool(self, *args):
        return 0.0

    def label(self, *args):
        return 0.0

    def erase(self):
        return 0.0

    def erase_all(self):
        return 0.0

    def save_name(self, *args):
        return 0.0

    def unmap_all(self):
        return 0.0


class PlotShape(_Window):
    """Morphology window; `printfile(name)` draws the sections with matplotlib."""

    _hoc_name = "PlotShape"

    def __init__(self, *args):
        super().__init__(*args)
        self._show = 1
        self._var = "v"

    def show(self, mode):
        self._show = int(mode)
        return 0.0

    def variable(self, name):
        self._var = name
        return 0.0

    def scale(self, *args):
        return 0.0

    def printfile(self, filename):
        """Write the morphology (3-D points after define_shape) to an image file."""
        from ...model.shape import define_shape
        from ...model.section import allsec
        import matplotlib
        matplotlib.use("Agg")
        from matplotlib import pyplot
        define_shape()
        fig, ax = pyplot.subplots(figsize=(6, 6))
        for sec in allsec():
            n = sec.n3d()
            xs = [sec.x3d(i) for i in range(n)]
            ys = [sec.y3d(i) for i in range(n)]
            lw = 1.0 if self._show == 1 else max(0.5, min(10.0, sec.diam / 2))
            ax.plot(xs, ys, color="black", linewidth=lw, solid_capstyle="round")
        ax.set_aspect("equal")
        ax.axis("off")
        fig.savefig(filename)
        pyplot.close(fig)
        return 1.0


class Shape(PlotShape):
    _hoc_name = "Shape"


class Graph(_Window):
    """A graph window: variables and lines are kept; printfile draws them."""

    _hoc_name = "Graph"

    def __init__(self, *args):
        super().__init__(*args)
        self._lines = []
        self._vars = []

    def addvar(self, *args):
        self._vars.append(args)
        return 1.0

    addexpr = addvar

    def begin(self):
        return 1.0

    def flush(self):
        return 1.0

    def plot(self, x):
        return 0.0

    def line(self, *args):
        return 0.0

    def mark(self, *args):
        return 0.0

    def xaxis(self, *args):
        return 0.0

    yaxis = xaxis

    def color(self, *args):
        return 0.0

    def brush(self, *args):
        return 0.0

    def printfile(self, filename):
        import matplotlib
        matplotlib.use("Agg")
        from matplotlib import pyplot
        fig, ax = pyplot.subplots()
        fig.savefig(filename)
        pyplot.close(fig)
        return 1.0


class _Box(_Window):
    def intercept(self, flag):
        return 0.0

    def adjuster(self, *args):
        return 0.0

    def full_request(self, *args):
        return 0.0

    def dismiss_action(self, *args):
        return 0.0

    def priority(self, *args):
        return 0.0

    def ref(self, *args):
        return 0.0


class HBox(_Box):
    _hoc_name = "HBox"


class VBox(_Box):
    _hoc_name = "VBox"


class Deck(_Box):
    _hoc_name = "Deck"

    def flip_to(self, i):
        return 0.0


class PWManager(HocObject):
    _hoc_name = "PWManager"

    def __init__(self, *args):
        self._hoc_register()

    def count(self):
        return 0.0

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *a, **k: 0.0


def _noop(*args, **kwargs):
    return 0.0


PANEL_FUNCTIONS = {name: _noop for name in (
    "xpanel", "xlabel", "xbutton", "xvalue", "xstatebutton", "xcheckbox", "xradiobutton",
    "xmenu", "xfixedvalue", "xvarlabel", "xslider", "doNotify", "doEvents", "nrnmainmenu",
    "nrncontrolmenu", "nrnpointmenu", "nrnsecmenu", "nrnglobalmenu", "newPlotV", "newPlotI",
    "newshapeplot", "graphmenu", "xopen_broadcast_", "boolean_dialog", "continue_dialog",
    "string_dialog", "nrnallsectionmenu", "nrnallpointmenu", "makeMenuExplore")}
CLASSES = {"PlotShape": PlotShape, "Shape": Shape, "Graph": Graph, "HBox": HBox,
           "VBox": VBox, "Deck": Deck, "PWManager": PWManager}
