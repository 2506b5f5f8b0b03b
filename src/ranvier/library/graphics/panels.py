"""NEURON's panel functions: xpanel, xlabel, xbutton, xvalue, xpvalue, xcheckbox,
xstatebutton, xradiobutton, xmenu, xvarlabel, xslider, xfixedvalue, doNotify, doEvents.

Each builds items of the widget model (model.py) into the panel between
``xpanel("name")`` and ``xpanel()``; the closing call maps the panel (into the box
that intercepts, if one does).  Every function returns 0, as NEURON's do.
"""
import sys

from .bindings import Action, RefBinding, bind
from .model import SESSION, Window, _json_number, new_id
from .. import stdrun

class Item:
    """One widget of a panel."""

    immediate = False         # handled in the renderer's thread (RunControl's Stop)

    def __init__(self, kind, text="", binding=None, action=None, **props):
        self.id = new_id("i")
        self.kind = kind
        self.text = "" if text is None else str(text)
        self.binding = binding
        self.action = action if action is not None else Action(None)
        self.props = props
        self.children = []
        self.panel = None
        SESSION.items[self.id] = self

    @property
    def safe_read(self):
        return self.binding is None or self.binding.safe

    def read(self):
        v = self.binding.get()
        return v if isinstance(v, str) else _json_number(v)

    def describe(self):
        d = {"id": self.id, "type": self.kind, "text": self.text}
        d.update(self.props)
        if self.binding is not None:
            try:
                d["value"] = self.read()
            except Exception:
                d["value"] = None
        if self.children:
            d["items"] = [c.describe() for c in self.children]
        return d

    def handle(self, event):
        action = event.get("action")
        kind = self.kind
        if kind in ("button", "menuitem"):
            self.action.run()
        elif kind in ("value", "slider"):
            if action == "set":
                try:
                    value = _parse_number(event.get("value"))
                except ValueError as e:
                    if str(event.get("value")).strip():
                        sys.stderr.write("%s: %s\n" % (self.text or "value", e))
                    SESSION.last_values.pop(self.id, None)      # the page shows it again
                    return
                self.binding.set(value)
                self.action.run()
            elif action == "press":            # the value's button: run the action
                self.action.run()
        elif kind in ("checkbox", "statebutton"):
            value = event.get("value")
            if value is None:
                value = 0.0 if self.binding.get() else 1.0
            self.binding.set(1.0 if value else 0.0)
            self.action.run()
        elif kind == "radio":
            for other in self.panel._radio_group(self) if self.panel is not None else ():
                other.props["selected"] = other is self
            self.props["selected"] = True
            if self.panel is not None:
                SESSION.changed(self.panel)
            self.action.run()
        elif kind == "menu" and self.props.get("dynamic"):
            self._rebuild()

    def _rebuild(self):
        """A dynamic menu: run its builder with this menu open, as NEURON does."""
        panel = self.panel
        self.children = []
        if panel is None:
            return
        panel._menus.append(self)
        try:
            self.action.run()
        finally:
            panel._menus.remove(self)
        SESSION.changed(panel)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def _parse_number(v):
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    try:
        return float(s)
    except ValueError:
        raise ValueError("%r is not a number" % (v,)) from None


class Panel(Window):
    """An xpanel window."""

    _gui_kind = "panel"
    _gui_strong = True

    def __init__(self, title, horizontal=False):
        self.items = []
        self.horizontal = bool(horizontal)
        self._menus = []            # open xmenu()s, innermost last
        self._gui_init(title)

    def add(self, item):
        item.panel = self
        if self._menus:
            self._menus[-1].children.append(item)
        else:
            self.items.append(item)
        return item

    def _radio_group(self, item):
        """The contiguous radio buttons around `item` (NEURON's radio group)."""
        for siblings in self._lists():
            if item in siblings:
                i = siblings.index(item)
                lo = i
                while lo > 0 and siblings[lo - 1].kind == "radio":
                    lo -= 1
                hi = i
                while hi + 1 < len(siblings) and siblings[hi + 1].kind == "radio":
                    hi += 1
                return siblings[lo:hi + 1]
        return [item]

    def _lists(self):
        yield self.items
        for it in self.items:
            for sub in it.walk():
                if sub.children:
                    yield sub.children

    def _bound_items(self):
        for it in self.items:
            for sub in it.walk():
                if sub.binding is not None:
                    yield sub

    def _describe(self, snapshot=False):
        d = super()._describe(snapshot)
        d["horizontal"] = self.horizontal
        d["items"] = [it.describe() for it in self.items]
        return d

    def _closed_by_user(self):
        self._gui_unmap()


# --------------------------------------------------------------- the functions
def _current():
    return SESSION.open_panel


def xpanel(*args):
    """xpanel("name"[, horizontal]) opens a panel; xpanel() / xpanel(x, y) /
    xpanel(scroll[, x, y]) closes and maps it (an xpanel() with none open is ignored)."""
    if args and isinstance(args[0], str):
        SESSION.open_panel = Panel(args[0], horizontal=len(args) > 1 and bool(args[1]))
        return 0.0
    panel = SESSION.open_panel
    if panel is None:
        return 0.0
    SESSION.open_panel = None
    panel._menus = []
    panel._gui_map()
    return 0.0


def _add(item):
    panel = _current()
    if panel is None:
        return 0.0
    panel.add(item)
    return 0.0


def xlabel(text=""):
    return _add(Item("label", text))


def xvarlabel(var):
    ref = getattr(var, "ref", None)          # a HOC strdef handed over by reference
    binding = RefBinding(ref) if ref is not None else None
    if binding is None and not isinstance(var, str):
        binding = bind(var)
    item = Item("varlabel", str(var) if binding is None else "", binding)
    return _add(item)


def xbutton(prompt, action=None):
    """xbutton("command") labels the button with its command; xbutton("prompt", action)."""
    if action is None:
        action = prompt
    return _add(Item("button", prompt, action=Action(action)))


def _value_item(kind, prompt, var, deflt, action, canrun):
    if var is None:
        var = prompt
    binding = bind(var)
    props = {"deflt": bool(deflt), "canrun": bool(canrun), "updated": deflt == 2}
    item = Item(kind, prompt, binding, Action(action), **props)
    if deflt and deflt != 2:
        try:
            item.props["default"] = item.read()
        except Exception:
            pass
    if isinstance(var, str):
        unit = _units(var)
        if unit:
            item.props["units"] = unit
    return _add(item)


_UNITS = {"t": "ms", "dt": "ms", "celsius": "degC", "v": "mV", "L": "um", "diam": "um",
          "Ra": "ohm-cm", "cm": "uF/cm2"}


def _units(name):
    """NEURON shows a variable's units beside its field editor (the built-in ones)."""
    base = name.split("(")[0].split(".")[-1]
    return stdrun.UNITS.get(base) or _UNITS.get(base, "")


def xvalue(prompt, var=None, deflt=0, action=None, canrun=0, usepointer=0):
    """xvalue("prompt"[, variable[, boolean_deflt[, action[, canrun]]]])."""
    if isinstance(deflt, str) or callable(deflt) or isinstance(deflt, tuple):
        deflt, action = 0, deflt           # xvalue("p", var, "action")
    return _value_item("value", prompt, var, deflt, action, canrun)


def xpvalue(prompt, ref, deflt=0, action=None, canrun=0):
    return xvalue(prompt, ref, deflt, action, canrun)


def xfixedvalue(prompt, var=None, deflt=0, usepointer=0):
    return _value_item("fixedvalue", prompt, var, deflt, None, 0)


def xcheckbox(prompt, var, action=None):
    return _add(Item("checkbox", prompt, bind(var), Action(action)))


def xstatebutton(prompt, var, action=None):
    return _add(Item("statebutton", prompt, bind(var), Action(action)))


def xradiobutton(prompt, action=None, selected=0):
    if action is None:
        action = prompt
    return _add(Item("radio", prompt, action=Action(action), selected=bool(selected)))


def xmenu(*args):
    """xmenu("title"[, 1]) opens a (menubar) menu, xmenu() closes it;
    xmenu("title", builder[, 1]) is a dynamic menu built when opened."""
    panel = _current()
    if panel is None:
        return 0.0
    if not args:
        if panel._menus:
            panel._menus.pop()
        return 0.0
    title = args[0]
    rest = args[1:]
    builder = None
    if rest and (isinstance(rest[0], str) or callable(rest[0]) or isinstance(rest[0], tuple)):
        builder, rest = rest[0], rest[1:]
    menubar = bool(rest and rest[0])
    item = Item("menu", title, action=Action(builder), menubar=menubar, dynamic=builder is not None)
    panel.add(item)
    if builder is None:
        panel._menus.append(item)
    return 0.0


def xslider(var, *args):
    """xslider(var[, low, high][, on_slide][, vert][, slow])."""
    nums = []
    action = None
    for a in args:
        if isinstance(a, (str, tuple)) or callable(a):
            action = a
        else:
            nums.append(float(a))
    low, high = (nums[0], nums[1]) if len(nums) >= 2 else (0.0, 100.0)
    rest = nums[2:] if len(nums) >= 2 else nums
    vertical = bool(rest and rest[0])
    return _add(Item("slider", "", bind(var), Action(action), low=low, high=high,
                     vertical=vertical))


def doNotify(*args):
    """Show the current values in the page (NEURON: update the field editors)."""
    if SESSION.active:
        SESSION.refresh()
    return 0.0


def doEvents(*args):
    """Run the events waiting from the page (NEURON: process window events)."""
    if SESSION.active:
        SESSION.run_pending()
    return 0.0


FUNCTIONS = {"xpanel": xpanel, "xlabel": xlabel, "xvarlabel": xvarlabel, "xbutton": xbutton,
             "xvalue": xvalue, "xpvalue": xpvalue, "xfixedvalue": xfixedvalue,
             "xcheckbox": xcheckbox, "xstatebutton": xstatebutton,
             "xradiobutton": xradiobutton, "xmenu": xmenu, "xslider": xslider,
             "doNotify": doNotify, "doEvents": doEvents}
