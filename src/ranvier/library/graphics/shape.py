"""NEURON's Shape and PlotShape: the morphology (3-D points after define_shape, seen
along z), each segment coloured by a range variable (PlotShape: ``variable``, ``scale``,
``colormap``), drawn with diameters (``show(0)``), as centroid lines (``show(1)``) or
schematically (``show(2)``); live in the page during a run, printed with matplotlib."""
import math

from .boxes import HocWindow
from .model import SESSION, _json_number
from .morphology import _sections, segments
from .palette import DEFAULT_COLORMAP, css_color
from .printing import print_shape
from .printing import plot_shape


class PlotShape(HocWindow):
    """PlotShape([SectionList][, 0]): the cell coloured by a variable (default v)."""

    _hoc_name = "PlotShape"
    _gui_kind = "shape"
    _colored = True

    def __init__(self, *args):
        self._seclist = None
        flag = 1
        for a in args:
            if isinstance(a, (int, float)):
                flag = a
            elif a is not None:
                self._seclist = a
        self._show = 0
        self._var = "v"
        self._scale = (-80.0, 40.0)
        self._colormap = list(DEFAULT_COLORMAP)
        self._sec_colors = {}
        self._last_values = None
        self._geometry = None
        super().__init__(*args)
        if flag:
            self._gui_map()

    def show(self, mode=None):
        """0: diameters, 1: centroid lines, 2: schematic; show() answers the mode
        (NEURON's default for a PlotShape is 1, which plot(pyplot) follows)."""
        if mode is None:
            return self._show if getattr(self, "_show_explicit", False) else 1
        self._show = int(mode)
        self._show_explicit = True
        SESSION.changed(self)
        return 1                        # NEURON 9 answers 1

    def variable(self, name):
        self._var = str(name)
        self._var_explicit = True       # PlotShape.plot colours only by a chosen variable
        self._scale = (-80.0, 40.0)     # NEURON: choosing a variable restores the default scale
        self._last_values = None
        SESSION.changed(self)
        return 0.0

    def scale(self, low, high):
        self._scale = (float(low), float(high))
        self._scale_explicit = True
        SESSION.changed(self)
        return 0.0

    def colormap(self, *args):
        """colormap(size[, global]) starts a colour map of `size` greys;
        colormap(i, r, g, b) sets one colour (0-255)."""
        if len(args) >= 4:
            i = int(args[0])
            while len(self._colormap) <= i:
                self._colormap.append((128, 128, 128))
            self._colormap[i] = (int(args[1]), int(args[2]), int(args[3]))
        elif args:
            self._colormap = [(128, 128, 128)] * max(1, int(args[0]))
        SESSION.changed(self)
        return 0.0

    def color(self, i, sec=None):
        if sec is not None:
            self._sec_colors[sec] = int(i)
            SESSION.changed(self)
        return 0.0

    def color_all(self, i):
        for sec in _sections(self._seclist):
            self._sec_colors[sec] = int(i)
        SESSION.changed(self)
        return 0.0

    def color_list(self, seclist, i):
        for sec in seclist:
            self._sec_colors[sec] = int(i)
        SESSION.changed(self)
        return 0.0

    def exec_menu(self, name, *args):
        if name == "Shape Plot":
            self._colored = True
            SESSION.changed(self)
        return 0.0

    def size(self, *args):
        return 0.0

    def flush(self):
        SESSION.changed(self)
        return 1.0

    fastflush = flush

    def observe(self, *args):
        return 0.0

    rotate = len_scale = erase = erase_all = beginline = line = mark = label = observe

    def point_mark(self, obj, color=1, *style):
        """point_mark(pointprocess, colour[, style, size]): mark a point process's
        location (kept with the shape; headless nothing is drawn)."""
        self._point_marks = [m for m in getattr(self, "_point_marks", []) if m[0] is not obj]
        self._point_marks.append((obj, int(color)) + tuple(style))
        SESSION.changed(self)
        return 0.0

    def point_mark_remove(self, obj=None):
        """point_mark_remove([pointprocess]): drop that mark, or every mark."""
        marks = getattr(self, "_point_marks", [])
        self._point_marks = [] if obj is None else [m for m in marks if m[0] is not obj]
        SESSION.changed(self)
        return 0.0

    def action(self, command=None):
        """action("hoc statement" | callable): what a click on a section runs."""
        self._click_action = command
        return 0.0

    def select(self, *args):
        """select(): highlight the currently accessed section (nothing to draw headless)."""
        return 0.0

    def printfile(self, filename):
        """Write the shape (coloured as in the page) to .png .svg .eps .ps .pdf."""
        print_shape(self, str(filename))
        return 1.0

    def plot(self, graphics=None, *args, **kwargs):
        """NEURON 9's PlotShape.plot(pyplot | Figure | plotly): a 3-D plot
        (mplplot.py); given matplotlib Axes (or nothing), ranvier draws the 2-D
        view into them."""
        from . import mplplot
        if graphics is None or (hasattr(graphics, "add_line") and hasattr(graphics, "figure")):
            return plot_shape(self, graphics, *args, **kwargs)     # matplotlib Axes
        return mplplot.plot(self, graphics, *args, **kwargs)

    # -- values -------------------------------------------------------------------
    def values(self, segs=None):
        """The variable at every segment (None where a section lacks it)."""
        segs = segs if segs is not None else segments(self._seclist)
        out = []
        name = self._var
        for sec, x, _, _ in segs:
            try:
                out.append(float(getattr(sec(x), name)))
            except Exception:
                out.append(None)
        return out

    def color_of(self, value):
        """The colour map's colour for a value (NEURON: linear between scale's ends)."""
        if value is None or value != value:
            return (0, 0, 0)
        lo, hi = self._scale
        f = 0.5 if hi == lo else (value - lo) / (hi - lo)
        n = len(self._colormap)
        i = int(math.floor(f * n))
        return self._colormap[min(n - 1, max(0, i))]

    def _describe(self, snapshot=False):
        d = super()._describe(snapshot)
        segs = segments(self._seclist)
        self._geometry = [(sec, x) for sec, x, _, _ in segs]
        vals = self.values(segs) if self._colored else [None] * len(segs)
        self._last_values = vals
        fixed = []
        for sec, _, _, _ in segs:
            c = self._sec_colors.get(sec)
            fixed.append(None if c is None else c)
        d.update(show=self._show, variable=self._var, scale=list(self._scale),
                 colored=self._colored,
                 colormap=["rgb(%d,%d,%d)" % c for c in self._colormap],
                 segments=[{"sec": sec.name(), "x": x,
                            "p": [[round(px, 4), round(py, 4)] for px, py in path],
                            "d": diam} for sec, x, path, diam in segs],
                 fixed=[None if c is None else css_color(c) for c in fixed],
                 values=[_json_number(v) if v is not None else None for v in vals])
        return d

    def _push_live(self, safe_only=False):
        if safe_only or not self._colored or not SESSION.renderers or self._geometry is None:
            return
        try:
            vals = []
            for sec, x in self._geometry:
                try:
                    vals.append(float(getattr(sec(x), self._var)))
                except Exception:
                    vals.append(None)
        except Exception:
            return
        if vals != self._last_values:
            self._last_values = vals
            SESSION.send({"op": "shape", "id": self._wid,
                          "values": [_json_number(v) if v is not None else None for v in vals]})


class Shape(PlotShape):
    """Shape: the morphology without colouring."""

    _hoc_name = "Shape"
    _colored = False
