"""The GUI's widget model: every window (xpanel, HBox/VBox/Deck, Graph, PlotShape) as a
JSON description, one event protocol, and the renderers that show them.

Protocol.  The model sends messages (dicts) to every renderer:

    {"op": "reset", "windows": {id: desc}, "top": [id, ...], "progress": {...}}
    {"op": "window", "win": desc}             a window was made or changed
    {"op": "top", "ids": [id, ...]}           the top-level windows, in order
    {"op": "values", "values": {item: v}}     bound values changed
    {"op": "graph", "id": id, "append": [[line, xs, ys], ...]}
    {"op": "shape", "id": id, "values": [...], "scale": [lo, hi]}
    {"op": "progress", "t": t, "tstop": T, "running": bool}

and renderers send events back (``Session.post``):

    {"item": id, "action": "press" | "set" | "toggle" | "select", "value": v}
    {"win": id, "action": "close"}            a card was closed in the page

A description has ``id``, ``kind`` (panel, hbox, vbox, deck, graph, shape), ``title``
and kind-specific fields (a panel's ``items``, a box's ``children``, a graph's
``lines``...).  Events run user code (HOC statements, Python callables) one at a time
under ``Session.exec_lock``: on the GUI's worker thread while the program is idle, and
between the chunks of a run while ``run()`` is in progress (library/graphics/runloop.py),
so a button never runs in the middle of a time step.  Without a renderer (headless,
``RANVIER_GUI=none``) nothing is sent, no thread starts and no callback is invoked.
"""
import collections
import itertools
import sys
import threading
import time
import traceback
import weakref
import _thread

_ids = itertools.count(1)


def new_id(prefix):
    return "%s%d" % (prefix, next(_ids))


def _json_number(v):
    """A float that JSON can carry (NaN and infinities as strings)."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return v if isinstance(v, str) else None
    if f != f or f in (float("inf"), float("-inf")):
        return str(f)
    return f


class Session:
    """The GUI state of the process (one instance: SESSION)."""

    def __init__(self):
        self.lock = threading.RLock()          # the model's own data
        self.exec_lock = threading.RLock()     # user code run by events
        self._windows = {}                     # id -> window (strong, or weakref.ref)
        self.top = []                          # ids of the mapped top-level windows
        self.items = weakref.WeakValueDictionary()     # item id -> Item of a live window
        self.renderers = []
        self.pending = collections.deque()     # events not yet run
        self._wake = threading.Event()
        self._worker = None
        self._poller = None
        self.mode = "none"                     # none | browser | jupyter
        self.progress = {"t": 0.0, "tstop": 0.0, "running": False}
        self.last_values = {}
        self.open_panel = None                 # the Panel between xpanel("name") and xpanel()
        self.intercepting = []                 # boxes with intercept(1), innermost last
        self.stop_requested = False

    def reset(self):
        """ranvier.reset(): no window, no open panel, no intercepting box (the renderers
        stay, and show the empty state)."""
        with self.lock:
            self._windows.clear()
            self.top = []
            self.items.clear()
            self.pending.clear()
            self.last_values = {}
            self.open_panel = None
            self.intercepting = []
            self.progress = {"t": 0.0, "tstop": 0.0, "running": False}
            if self.renderers:
                self.send(self.snapshot())

    # -- state --------------------------------------------------------------------
    @property
    def active(self):
        """True once a renderer is attached (browser or Jupyter)."""
        return self.mode != "none"

    def register(self, win):
        """Remember a window; kept alive while the GUI is active (a window on the screen
        holds its object, as in NEURON), weakly otherwise (headless objects are freed as
        in NEURON without a display)."""
        with self.lock:
            self._windows[win._wid] = win if (self.active or win._gui_strong) else weakref.ref(win)

    def window(self, wid):
        w = self._windows.get(wid)
        if isinstance(w, weakref.ref):
            w = w()
        return w

    def windows(self):
        out = []
        for wid in list(self._windows):
            w = self.window(wid)
            if w is not None:
                out.append(w)
        return out

    def forget(self, win):
        with self.lock:
            self._windows.pop(win._wid, None)
            if win._wid in self.top:
                self.top.remove(win._wid)

    def hold_all(self):
        """The GUI became active: windows made before are kept from now on."""
        with self.lock:
            for wid in list(self._windows):
                w = self.window(wid)
                if w is None:
                    del self._windows[wid]
                else:
                    self._windows[wid] = w

    # -- mapping ------------------------------------------------------------------
    def place(self, win):
        """A window asks to be shown: into the innermost intercepting box, else on the
        screen as a top-level card."""
        with self.lock:
            box = self.intercepting[-1] if self.intercepting else None
            if box is not None and box is not win:
                box._adopt(win)
                return
            win._gui_parent = None
            if not self.active and len(self.top) > 256:     # headless: forget freed ones
                self.top = [i for i in self.top if self.window(i) is not None]
            if win._wid not in self.top:
                self.top.append(win._wid)
            self.register(win)
        self.changed(win)
        self.send({"op": "top", "ids": list(self.top)})

    def unplace(self, win):
        with self.lock:
            if win._wid in self.top:
                self.top.remove(win._wid)
        self.send({"op": "top", "ids": list(self.top)})

    # -- renderers ----------------------------------------------------------------
    def attach(self, renderer):
        with self.lock:
            self.renderers.append(renderer)
        self.start_threads()

    def detach(self, renderer):
        with self.lock:
            if renderer in self.renderers:
                self.renderers.remove(renderer)

    def send(self, msg):
        if not self.renderers:
            return
        for r in list(self.renderers):
            try:
                r.send(msg)
            except Exception:       # a renderer that fails never stops the model
                traceback.print_exc()

    def changed(self, win):
        """Send a window's whole description (after a structural change)."""
        if self.renderers and win is not None:
            with self.lock:
                self.send({"op": "window", "win": win._describe()})

    def snapshot(self):
        """Everything a new renderer needs.  Take it and start sending to the renderer
        under ``lock``, so that no graph point is lost or sent twice."""
        with self.lock:
            wins = {w._wid: w._describe(snapshot=True) for w in self.windows()}
            return {"op": "reset", "windows": wins, "top": [i for i in self.top if i in wins],
                    "progress": dict(self.progress)}

    # -- events -------------------------------------------------------------------
    def post(self, event, wake=True):
        """An event from a renderer.  'Immediate' items (RunControl's Stop) act at once,
        in the caller's thread; the others are queued for the worker (``wake``) or for
        the caller's own run_pending(), or a run in progress."""
        item = self.items.get(event.get("item"))
        if item is not None and item.immediate:
            try:
                item.handle(event)
            except Exception:
                traceback.print_exc()
            return
        self.pending.append(event)
        if wake:
            self._wake.set()

    def run_pending(self):
        """Run the queued events (the caller holds exec_lock or takes it here)."""
        ran = False
        with self.exec_lock:
            while self.pending:
                event = self.pending.popleft()
                ran = True
                try:
                    self._dispatch(event)
                except (SystemExit, KeyboardInterrupt):
                    raise
                except Exception:
                    traceback.print_exc()
                finally:
                    sys.stdout.flush()
        if ran:
            self.refresh()
        return ran

    def _dispatch(self, event):
        if "win" in event and event.get("action") == "close":
            win = self.window(event["win"])
            if win is not None:
                win._closed_by_user()
            return
        item = self.items.get(event.get("item"))
        if item is None:
            return
        item.handle(event)

    # -- values -------------------------------------------------------------------
    def refresh(self, safe_only=False):
        """Send the bound values that changed (and live graph points, shape colours).
        `safe_only`: only reads that never run HOC (for the background poller)."""
        if not self.renderers:
            return
        changed = {}
        missing = changed          # a sentinel no value equals
        for win in self.windows():
            for item in win._bound_items():
                if safe_only and not item.safe_read:
                    continue
                try:
                    v = item.read()
                except Exception:
                    continue
                if self.last_values.get(item.id, missing) != v:
                    changed[item.id] = v
                    self.last_values[item.id] = v
        if changed:
            self.send({"op": "values", "values": changed})
        for win in self.windows():
            win._push_live(safe_only)

    def set_progress(self, t, tstop, running):
        self.progress = {"t": _json_number(t), "tstop": _json_number(tstop), "running": bool(running)}
        self.send(dict(op="progress", **self.progress))

    # -- threads ------------------------------------------------------------------
    def start_threads(self):
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="ranvier-gui-events", daemon=True)
            self._worker.start()
        if self._poller is None:
            self._poller = threading.Thread(target=self._poll, name="ranvier-gui-poll", daemon=True)
            self._poller.start()

    def _work(self):
        while True:
            self._wake.wait()
            self._wake.clear()
            try:
                self.run_pending()
            except (SystemExit, KeyboardInterrupt):
                _thread.interrupt_main()
                return

    def _poll(self):
        """Values changed by the program show in the page: a few times a second, the
        reads that cannot disturb the program, whatever it is doing (pointers, Python
        attributes, graph points).  HOC expressions and shape plots are read after
        each event, between the chunks of a run and at doNotify()."""
        while True:
            time.sleep(0.25)
            if not self.renderers:
                continue
            self.refresh(safe_only=True)


SESSION = Session()


class Window:
    """Mixin of everything that can be a card in the page."""

    _gui_kind = "window"
    _gui_strong = False        # panels have no Python object to keep them: always strong

    def _gui_init(self, title=""):
        self._wid = new_id("w")
        self._gui_title = title
        self._gui_parent = None
        self._mapped = False
        self._dismiss = None
        SESSION.register(self)

    def _gui_map(self):
        self._mapped = True
        SESSION.place(self)

    def _gui_unmap(self):
        self._mapped = False
        if self._gui_parent is not None:
            parent = SESSION.window(self._gui_parent)
            if parent is not None:
                SESSION.changed(parent)
        SESSION.unplace(self)

    def _closed_by_user(self):
        if self._dismiss is not None:
            self._dismiss.run()
            return
        self._gui_unmap()

    def _describe(self, snapshot=False):
        """The window as JSON; `snapshot`: for one new renderer (graph lines up to the
        points every renderer has been sent, so later appends continue them)."""
        return {"id": self._wid, "kind": self._gui_kind, "title": self._gui_title,
                "mapped": self._mapped}

    def _bound_items(self):
        return ()

    def _push_live(self, safe_only=False):
        """Send what changed since the last push (graph points, shape colours)."""
