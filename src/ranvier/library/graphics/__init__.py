"""NEURON's GUI: panels (xpanel, xbutton, xvalue, ...), layout boxes (HBox, VBox, Deck),
Graph, Shape and PlotShape, and the RunControl panel, shown in a web page or in Jupyter.

    model.py     the widget model: windows as JSON, the event protocol, the renderers
    bindings.py  variables (HOC names, (obj, 'attr'), h.ref, pointers) and actions
    panels.py    xpanel, xlabel, xbutton, xvalue, xcheckbox, xmenu, xslider, ...
    boxes.py     the windows' common methods; HBox, VBox, Deck, PWManager
    graph.py     Graph          shape.py  Shape, PlotShape       printing.py  printfile
    runloop.py   stdrun's graphics: graphList, live runs, progress, nrncontrolmenu
    frontend.py  choosing and starting a renderer (RANVIER_GUI=browser|jupyter|none)
    server.py    the page's HTTP server (Server-Sent Events out, POST in)
    jupyter.py   the anywidget renderer       static/  the page (HTML, JS, CSS)

Headless (no renderer) every call still builds the model, which is cheap, and does
nothing else: no thread, no output, no callback; ``printfile`` writes files with
matplotlib all the same.
"""
from .. import stdrun
from . import runloop
from .boxes import Deck, HBox, PWManager, VBox
from .graph import Graph
from .model import SESSION
from .panels import FUNCTIONS as _PANELS
from .shape import PlotShape, Shape


def _noop(*args, **kwargs):
    return 0.0


PANEL_FUNCTIONS = dict(_PANELS)
PANEL_FUNCTIONS.update(runloop.FUNCTIONS)
for _name in ("nrnmainmenu", "nrnpointmenu", "nrnsecmenu", "nrnglobalmenu", "graphmenu",
              "xopen_broadcast_", "boolean_dialog", "continue_dialog", "string_dialog",
              "nrnallsectionmenu", "nrnallpointmenu", "makeMenuExplore"):
    PANEL_FUNCTIONS.setdefault(_name, _noop)

CLASSES = {"PlotShape": PlotShape, "Shape": Shape, "Graph": Graph, "HBox": HBox,
           "VBox": VBox, "Deck": Deck, "PWManager": PWManager}

runloop.attach()
stdrun._LIBRARY_CLASSES["PWManager"] = PWManager   # nrngui.hoc's main menu makes PWManager[0]


def reset():
    """The GUI's part of ranvier.reset(): every window and stdrun graphics state gone."""
    SESSION.reset()
    runloop.reset()

__all__ = ["PANEL_FUNCTIONS", "CLASSES", "SESSION", "reset", "Graph", "PlotShape", "Shape", "HBox",
           "VBox", "Deck", "PWManager"]
