"""The Jupyter renderer: each window mapped to the screen shows inline, in the output
of the cell that mapped it, as an anywidget running the page's own renderer
(static/gui.js).  The widget's ``snapshot`` trait is the model's JSON (what a saved
notebook keeps); incremental messages (values, graph points) go as custom messages;
the front end's events come back as custom messages and run in the kernel (their
printed output shows under the window).  Needs ``pip install 'ranvier[gui]'``.
"""
import io
import os
import pathlib
import sys

import anywidget
import traitlets

from .model import SESSION

STATIC = pathlib.Path(os.path.dirname(os.path.abspath(__file__))) / "static"


class GuiWidget(anywidget.AnyWidget):
    """One ranvier window (``win``), drawn by static/gui.js."""

    _esm = STATIC / "gui.js"
    _css = STATIC / "gui.css"
    win = traitlets.Unicode("").tag(sync=True)
    snapshot = traitlets.Dict().tag(sync=True)

    def __init__(self, win="", **kwargs):
        super().__init__(win=win, snapshot=_snapshot_for(win), **kwargs)
        self.on_msg(self._event)

    def _event(self, widget, content, buffers):
        if not isinstance(content, dict):
            return
        out = io.StringIO()
        old = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = out
        try:
            SESSION.post(content, wake=False)
            SESSION.run_pending()
        finally:
            sys.stdout, sys.stderr = old
        text = out.getvalue()
        if text:
            self.send({"op": "output", "text": text})
            old[0].write(text)


def _snapshot_for(win):
    snap = SESSION.snapshot()
    if win:
        snap["top"] = [win]
    return snap


class JupyterRenderer:
    """Displays mapped windows as widgets and forwards the model's messages to them."""

    def __init__(self):
        self.widgets = {}          # window id -> widget
        self.shown = set()

    def send(self, msg):
        op = msg.get("op")
        if op == "top":
            for wid in msg["ids"]:
                if wid not in self.shown:
                    self.show(wid)
            return
        for w in list(self.widgets.values()):
            try:
                if op == "window":
                    w.snapshot = _snapshot_for(w.win)   # the saved state stays whole
                else:
                    w.send(msg)
            except Exception:
                pass

    def show(self, wid):
        from IPython.display import display   # deliberately lazy: IPython exists only inside Jupyter
        self.shown.add(wid)
        w = GuiWidget(win=wid)
        self.widgets[wid] = w
        display(w)
        return w


def attach():
    renderer = JupyterRenderer()
    SESSION.attach(renderer)
    return renderer


def widgets():
    """The widgets shown so far (for notebooks and tests)."""
    r = None
    for x in SESSION.renderers:
        if isinstance(x, JupyterRenderer):
            r = x
    return list(r.widgets.values()) if r is not None else []
