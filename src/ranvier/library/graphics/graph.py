"""NEURON's Graph: variables and expressions plotted against x (t during a run, through
stdrun's graphList), free lines, marks and labels; drawn live in the page and printed
with matplotlib (printing.py)."""
from .bindings import FuncBinding, PointerBinding, bind, hoc_node
from .boxes import HocWindow
from .model import SESSION, _json_number, new_id
from .palette import COLORS, MARK_STYLES, css_color, width as _width
from ... import hoc
from ...hoc import nodes
from .printing import print_graph


class Line:
    __slots__ = ("id", "color", "brush", "label", "xs", "ys", "sent")

    def __init__(self, color=1, brush=1, label=""):
        self.id = new_id("l")
        self.color = color
        self.brush = brush
        self.label = label
        self.xs = []
        self.ys = []
        self.sent = 0

    def describe(self, snapshot=False):
        if snapshot:
            n = self.sent          # what the other renderers have; appends follow
        else:
            n = self.sent = min(len(self.xs), len(self.ys))    # a run may be appending
        return {"id": self.id, "color": css_color(self.color), "width": _width(self.brush),
                "label": self.label, "x": [_json_number(v) for v in self.xs[:n]],
                "y": [_json_number(v) for v in self.ys[:n]]}


class PlotVar:
    """An addvar/addexpr item: read at every plot(x)."""

    __slots__ = ("label", "binding", "color", "brush", "line")

    def __init__(self, label, binding, color, brush):
        self.label = label
        self.binding = binding
        self.color = color
        self.brush = brush
        self.line = None


class Graph(HocWindow):
    """Graph([0]): a window of x-y plots (Graph(0) is made unmapped)."""

    _hoc_name = "Graph"
    _gui_kind = "graph"

    def __init__(self, *args):
        self._vars = []
        self._lines = []          # every line drawn, var lines included
        self._free = None         # the line beginline()/line() draws
        self._marks = []
        self._labels = []
        self._label_at = None
        self._size = None         # [x0, x1, y0, y1]; None: fit the data
        self._color = 1
        self._brush = 1
        self._family = False
        self._xexpr = None
        self._dirty = False
        self._objects = []        # addobject items: (object, its line)
        super().__init__(*args)
        if not args or args[0]:
            self._gui_map()

    # -- model --------------------------------------------------------------------
    def size(self, *args):
        """size(x0, x1, y0, y1) sets the scene; size(i) returns one edge (1-4);
        size(_ref) fills four values with the extent of the drawings."""
        if len(args) >= 4:
            self._size = [float(a) for a in args[:4]]
            self._changed()
            return 0.0
        if len(args) == 1 and isinstance(args[0], (int, float)):
            edges = self._size or self._extent()
            return float(edges[int(args[0]) - 1])
        if len(args) == 1:
            ref = args[0]
            for i, v in enumerate(self._extent()):
                ref[i] = v
            return 0.0
        return 0.0

    def _extent(self):
        xs = [x for ln in self._lines for x in ln.xs] + [m[0] for m in self._marks]
        ys = [y for ln in self._lines for y in ln.ys] + [m[1] for m in self._marks]
        if not xs:
            return self._size or [0.0, 1.0, 0.0, 1.0]
        return [min(xs), max(xs), min(ys), max(ys)]

    def color(self, i=1, name=None):
        if name is not None:
            idx = int(i)
            while len(COLORS) <= idx:
                COLORS.append("black")
            COLORS[idx] = str(name)
        else:
            self._color = int(i)
        return 0.0

    def brush(self, i=1, *args):
        self._brush = int(i)
        return 0.0

    def addvar(self, *args):
        """addvar("label", _ref[, color, brush]), addvar("hocvar"[, color, brush]),
        addvar("label", "hocvar"[, color, brush])."""
        label, var, rest = _label_var(args)
        return self._add(label, bind(var), rest)

    def addexpr(self, *args):
        """addexpr("expr"[, color, brush]) or addexpr("label", "expr"[, obj][, color, brush])."""
        label, expr, rest = _label_var(args)
        rest = [r for r in rest if isinstance(r, (int, float))]
        if isinstance(expr, str):
            node = hoc_node(expr)
            pointer = getattr(node, "pointer", None)
            binding = None
            if pointer is not None:
                try:
                    binding = PointerBinding(pointer(hoc.interpreter().top_frame), expr)
                except Exception:
                    binding = None
            if binding is None:
                binding = _expr_binding(node, expr)
        else:
            binding = bind(expr)
        return self._add(label, binding, rest)

    def addobject(self, obj, *args):
        """addobject(rangevarplot[, color, brush]): a whole line from an object (a
        RangeVarPlot: its values along its path), redrawn at every flush."""
        if not hasattr(obj, "_xy"):
            raise TypeError("Graph.addobject: %s cannot be drawn in a Graph"
                            % type(obj).__name__)
        nums = [a for a in args if isinstance(a, (int, float))]
        color = int(nums[0]) if nums else self._color
        brush = int(nums[1]) if len(nums) > 1 else self._brush
        line = Line(color, brush, getattr(obj, "_what", "") if isinstance(
            getattr(obj, "_what", None), str) else "")
        self._objects.append((obj, line))
        self._lines.append(line)
        self._redraw_objects()
        return 1.0

    def _redraw_objects(self):
        for obj, line in self._objects:
            line.xs, line.ys = obj._xy()
            line.sent = 0
            if line not in self._lines:
                self._lines.append(line)
        if self._objects:
            self._changed()

    def _add(self, label, binding, rest):
        color = int(rest[0]) if len(rest) > 0 else self._color
        brush = int(rest[1]) if len(rest) > 1 else self._brush
        self._vars.append(PlotVar(label, binding, color, brush))
        self._changed()
        return 1.0

    def xexpr(self, expr, usepointer=0):
        node = hoc_node(expr)
        self._xexpr = _expr_binding(node, expr)
        return 0.0

    def begin(self):
        """The next plot(x) starts every variable's line afresh (kept with family(1))."""
        for pv in self._vars:
            if pv.line is not None and not self._family:
                if pv.line in self._lines:
                    self._lines.remove(pv.line)
            pv.line = None
        self._changed()
        return 1.0

    def plot(self, x):
        """Add a point (x, value) to every variable's line."""
        if self._xexpr is not None:
            x = self._xexpr.get()
        x = float(x)
        for pv in self._vars:
            line = pv.line
            if line is None:
                line = pv.line = Line(pv.color if not self._family else self._color,
                                      pv.brush, pv.label)
                self._lines.append(line)
                self._dirty = True
            try:
                y = float(pv.binding.get())
            except Exception:
                y = float("nan")
            line.xs.append(x)
            line.ys.append(y)
        return 1.0

    def beginline(self, *args):
        """beginline([label][, color, brush]): the next line(x, y) starts a new line."""
        label = ""
        nums = []
        for a in args:
            if isinstance(a, str):
                label = a
            else:
                nums.append(a)
        color = int(nums[0]) if nums else self._color
        brush = int(nums[1]) if len(nums) > 1 else self._brush
        self._free = Line(color, brush, label)
        self._lines.append(self._free)
        self._changed()
        return 0.0

    def line(self, x, y):
        if self._free is None:
            self.beginline()
        self._free.xs.append(float(x))
        self._free.ys.append(float(y))
        return 0.0

    def mark(self, x, y, style="+", size=12, color=None, brush=None):
        if isinstance(style, (int, float)):
            style = MARK_STYLES[int(style) % len(MARK_STYLES)]
        self._marks.append((float(x), float(y), str(style), float(size),
                            self._color if color is None else int(color)))
        self._changed()
        return 0.0

    def label(self, *args):
        """label(x, y, "text"[, ...]), label("text") (below the previous one), label(x, y)."""
        if len(args) >= 3:
            x, y, text = float(args[0]), float(args[1]), str(args[2])
            color = int(args[7]) if len(args) > 7 else self._color
            self._labels.append((x, y, text, color))
            self._label_at = (x, y - 0.05)
        elif len(args) == 2:
            self._label_at = (float(args[0]), float(args[1]))
        elif len(args) == 1:
            x, y = self._label_at or (0.8, 0.9)
            self._labels.append((x, y, str(args[0]), self._color))
            self._label_at = (x, y - 0.05)
        self._changed()
        return 0.0

    def erase(self):
        """Erase the lines (the variables stay)."""
        self._lines = []
        self._free = None
        for pv in self._vars:
            pv.line = None
        self._marks = []
        self._changed()
        return 0.0

    def erase_all(self):
        """Erase everything: lines, variables, labels."""
        self.erase()
        self._vars = []
        self._labels = []
        self._changed()
        return 0.0

    def family(self, flag):
        """family(1): keep the lines of earlier runs (Keep Lines); family(0): off;
        family("var"): keep lines, labelled by that variable."""
        self._family = bool(flag) if not isinstance(flag, str) else True
        if self._family and not isinstance(flag, str):
            self.erase()
        return 0.0

    def flush(self):
        """Draw what was plotted (sends it to the page)."""
        self._redraw_objects()
        self._push(force=True)
        return 1.0

    def fastflush(self):
        self._push()
        return 1.0

    def xaxis(self, *args):
        return 0.0

    yaxis = xaxis

    def align(self, *args):
        return 0.0

    fixed = vfixed = relative = crosshair_action = gif = glyph = align

    def getline(self, prev, xvec, yvec):
        """Copy the line after index `prev` into xvec, yvec; its index (-1: no more)."""
        i = int(prev) + 1 if prev >= 0 else 0
        if i >= len(self._lines):
            return -1.0
        ln = self._lines[i]
        xvec.from_python(ln.xs) if hasattr(xvec, "from_python") else None
        yvec.from_python(ln.ys) if hasattr(yvec, "from_python") else None
        return float(i)

    def exec_menu(self, name, *args):
        if name in ("View = plot", "View=plot"):
            self._size = None
            self._changed()
        elif name == "Keep Lines":
            self._family = not self._family
        elif name == "Erase":
            self.erase()
        return 0.0

    def printfile(self, filename):
        """Write the graph to a file (.png .svg .eps .ps .pdf) with matplotlib."""
        print_graph(self, str(filename))
        return 1.0

    # -- view ---------------------------------------------------------------------
    def _changed(self):
        self._dirty = True

    def _describe(self, snapshot=False):
        with SESSION.lock:
            return self._describe_locked(snapshot)

    def _describe_locked(self, snapshot):
        d = super()._describe(snapshot)
        if not snapshot:
            self._dirty = False
        d.update(size=self._size, lines=[ln.describe(snapshot) for ln in self._lines],
                 marks=[{"x": m[0], "y": m[1], "style": m[2], "size": m[3],
                         "color": css_color(m[4])} for m in self._marks],
                 labels=[{"x": lb[0], "y": lb[1], "text": lb[2], "color": css_color(lb[3])}
                         for lb in self._labels],
                 vars=[{"label": pv.label, "color": css_color(pv.color)} for pv in self._vars])
        return d

    def _push(self, force=False):
        """Send what changed: the whole graph after a structural change, else the new
        points (one thread at a time: the run's and the poller's pushes interleave)."""
        if not SESSION.renderers:
            return
        with SESSION.lock:
            if self._dirty:
                SESSION.changed(self)
                return
            append = []
            for ln in list(self._lines):
                n = min(len(ln.xs), len(ln.ys))
                if n > ln.sent:
                    append.append([ln.id, [_json_number(v) for v in ln.xs[ln.sent:n]],
                                   [_json_number(v) for v in ln.ys[ln.sent:n]]])
                    ln.sent = n
            if append:
                SESSION.send({"op": "graph", "id": self._wid, "append": append})

    def _push_live(self, safe_only=False):
        self._push()


def _label_var(args):
    """Split addvar/addexpr arguments into (label, variable, the rest)."""
    args = list(args)
    if not args:
        raise TypeError("Graph.addvar needs a variable")
    if len(args) >= 2 and isinstance(args[0], str) and not isinstance(args[1], (int, float)):
        return args[0], args[1], args[2:]
    first = args[0]
    label = first if isinstance(first, str) else getattr(first, "label", "") or ""
    return label, first, args[1:]


def _expr_binding(node, expr):

    def get():
        return nodes.num(node.ev(hoc.interpreter().top_frame))
    return FuncBinding(get, name=expr)


__all__ = ["Graph"]
