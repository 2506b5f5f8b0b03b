"""NEURON's window objects' common methods, and the layout boxes HBox, VBox and Deck.

``box.intercept(1)`` makes every window mapped afterwards (xpanel(), Graph(), a nested
box's map()) go into the box instead of the screen, until ``intercept(0)``;
``box.map()`` then shows the box (as a card, or inside an outer intercepting box).
A Deck shows one of its windows at a time (``flip_to(i)``).
"""
from ...core.hocobject import HocObject
from .bindings import Action
from .model import SESSION, Window


class HocWindow(HocObject, Window):
    """Methods every NEURON window class has (map, unmap, ismapped, view, ...)."""

    def __init__(self, *args):
        self._hoc_register()
        self._gui_init(self._hoc_name)

    def map(self, *args):
        """map(["title"][, left, top, width, height])."""
        if args and isinstance(args[0], str):
            self._gui_title = args[0]
        self._gui_map()
        return 0.0

    def unmap(self, *args):
        self._gui_unmap()
        return 0.0

    def ismapped(self):
        return float(self._mapped)

    def view_count(self):
        """Views on a screen: 1 for a mapped window while the GUI shows (0 headless, as
        in NEURON without a display, so stdrun drops such graphs from graphList)."""
        return 1.0 if (self._mapped and SESSION.active) else 0.0

    def view(self, *args):
        if not self._mapped:
            self._gui_map()
        return 0.0

    def exec_menu(self, *args):
        return 0.0

    def menu_action(self, *args):
        return 0.0

    def menu_tool(self, *args):
        return 0.0

    def save_name(self, *args):
        return 0.0

    def unmap_all(self):
        return 0.0

    def dismiss_action(self, action=None):
        """What closing the card runs (instead of unmapping it)."""
        self._dismiss = Action(action) if action not in (None, "") else None
        return 0.0


class _Box(HocWindow):
    _horizontal = False

    def __init__(self, *args):
        self._children = []
        super().__init__(*args)

    def intercept(self, flag):
        stack = SESSION.intercepting
        if flag:
            if self not in stack:
                stack.append(self)
        elif self in stack:
            stack.remove(self)
        return 1.0 if flag else 0.0

    def _adopt(self, win):
        if win in self._children:
            return
        old = SESSION.window(win._gui_parent) if win._gui_parent else None
        if old is not None and old is not self and win in getattr(old, "_children", ()):
            old._children.remove(win)
        self._children.append(win)
        win._gui_parent = self._wid
        SESSION.register(win)
        SESSION.changed(win)
        SESSION.changed(self)

    def _describe(self, snapshot=False):
        d = super()._describe(snapshot)
        d["children"] = [c._wid for c in self._children]
        return d

    def adjuster(self, *args):
        return 0.0

    def full_request(self, *args):
        return 0.0

    def priority(self, *args):
        return 0.0

    def ref(self, *args):
        return 0.0

    def save(self, *args):
        return 0.0

    def size(self, *args):
        return 0.0


class HBox(_Box):
    """Windows side by side."""

    _hoc_name = "HBox"
    _gui_kind = "hbox"


class VBox(_Box):
    """Windows one above the other."""

    _hoc_name = "VBox"
    _gui_kind = "vbox"


class Deck(_Box):
    """Windows stacked like cards; flip_to(i) shows window i (-1: none)."""

    _hoc_name = "Deck"
    _gui_kind = "deck"

    def __init__(self, *args):
        self._current = -1
        super().__init__(*args)

    def flip_to(self, i):
        self._current = int(i)
        SESSION.changed(self)
        return 0.0

    def remove_last(self):
        if self._children:
            self._children.pop()
            SESSION.changed(self)
        return 0.0

    def move_last(self, i):
        if self._children:
            self._children.insert(int(i), self._children.pop())
            SESSION.changed(self)
        return 0.0

    def remove(self, i):
        del self._children[int(i)]
        SESSION.changed(self)
        return 0.0

    def _describe(self, snapshot=False):
        d = super()._describe(snapshot)
        d["current"] = self._current
        return d


class PWManager(HocObject):
    """The print-window manager: counts the windows on the screen."""

    _hoc_name = "PWManager"

    def __init__(self, *args):
        self._hoc_register()

    def count(self):
        return float(len(SESSION.top)) if SESSION.active else 0.0

    # NEURON's other PWManager methods do nothing here.  Other names are
    # AttributeErrors, as in NEURON.
    _METHODS = frozenset(("close", "deco", "deiconify", "group", "hide", "iconify", "is_mapped",
                          "landscape", "leader", "manager", "map", "name", "paper_place",
                          "printfile", "save", "scale", "snap", "window_place"))

    def __getattr__(self, name):
        if name.startswith("_") or name not in PWManager._METHODS:
            raise AttributeError("'PWManager' object has no attribute %r" % name)
        return lambda *a, **k: 0.0
