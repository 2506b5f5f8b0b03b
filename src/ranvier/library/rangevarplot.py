"""NEURON's RangeVarPlot: a range variable (or an expression of x, or a Python
callable) along the path between two points of a cell, as a space plot.

``RangeVarPlot("v")`` (a range variable name), ``RangeVarPlot("expr with $1")``
(HOC, executed with each section of the path accessed and ``$1`` its x) or
``RangeVarPlot(callable)`` (Python, called as ``f(x)`` with the section
accessed); the path is set by ``begin(x)`` / ``end(x)`` on the accessed section
(HOC) or by ``RangeVarPlot(what, seg1, seg2)`` / ``begin(seg)`` (Python).

The points are NEURON's: starting at the node that holds the begin location,
the path runs toward the root of the tree through every node (segment centres,
then the section's 0 end, which is its parent's node at the connection point),
until it reaches the node that the walk from the end location also passes (the
node of the path nearest the root: location 0), then out to the end node.
Locations are arc lengths from that node (negative on the begin side), with
NEURON's single precision storage for x and the location.  ``origin(x)`` adds
x to every location; ``d2root()`` is the distance of location 0 from the
root of the tree.
"""
import numpy as np

from ..core.errors import HocError, ModelError
from ..core.hocobject import HocObject
from ..model import section as _section
from ..model.section import push_section, pop_section
from ..model.segment import Segment
from .. import hoc


class RangeVarPlotError(HocError):
    """A RangeVarPlot whose path or variable cannot be used."""


def _f32(x):
    return float(np.float32(x))


def _node_positions(sec):
    """The positions along the node order (0 end, centres, 1 end) of `sec`."""
    n = sec._nseg
    return [0.0] + [(j + 0.5) / n for j in range(n)] + [1.0]


def _snap(sec, x):
    """The node-order position of the node that holds x (NEURON's node_exact)."""
    xe = sec._xn(x)
    if xe == 0.0 or xe == 1.0:
        return xe
    n = sec._nseg
    k = int(n * xe)
    if k >= n:
        k = n - 1
    return (k + 0.5) / n


def _walk(sec, x):
    """The nodes from (sec, x) to the root of its tree: a list of
    (section, x, node, distance from the root) in walk order, one entry per
    node (a section's 0 end stands for its parent's node at the connection)."""
    chain = []                  # sections from `sec` to the root, with entry positions
    s, pos = sec, _snap(sec, x)
    while s is not None:
        chain.append((s, pos))
        p = s._parent
        if p is None:
            break
        s, pos = p, _snap(p, s._parent_x)
    # distance of each section's 0 end from the root of the tree
    d0 = {}
    for i in range(len(chain) - 1, -1, -1):
        s, _ = chain[i]
        if i == len(chain) - 1:
            d0[id(s)] = 0.0
        else:
            p, ppos = chain[i + 1][0], _snap(chain[i + 1][0], s._parent_x)
            d0[id(s)] = d0[id(p)] + ppos * p._L
    out = []
    seen = set()
    for s, pos in chain:
        L = s._L
        for xe in reversed(_node_positions(s)):
            if xe > pos:
                continue
            x_actual = 1.0 - xe if s._orient == 1.0 else xe
            node = s._node_at(x_actual)
            if node in seen:
                continue
            seen.add(node)
            out.append((s, x_actual, node, d0[id(s)] + xe * L))
    return out


class RangeVarPlot(HocObject):
    """RangeVarPlot("rangevar" | "expr($1)" | callable[, begin_seg, end_seg])."""

    _hoc_name = "RangeVarPlot"

    __slots__ = ("_hoc_index", "__weakref__", "_what", "_begin", "_end", "_origin",
                 "_points", "_d2root", "_color", "_brush")

    def __init__(self, what=None, *segs):
        if isinstance(what, str):
            self._what = what
        elif callable(what):
            self._what = what
        else:
            raise TypeError("RangeVarPlot: the first argument must be a range variable name, "
                            "an expression of $1 or a Python callable, not %s"
                            % type(what).__name__)
        if len(segs) not in (0, 2):
            raise TypeError("RangeVarPlot: give both the begin and the end segment "
                            "(got %d segments)" % len(segs))
        self._begin = self._end = None
        self._origin = 0.0
        self._points = []
        self._d2root = 0.0
        self._color = 1
        self._brush = 1
        self._hoc_register()
        if segs:
            for s in segs:
                if not isinstance(s, Segment):
                    raise TypeError("RangeVarPlot: begin and end must be segments, not %s"
                                    % type(s).__name__)
            self._begin = (segs[0].sec, float(segs[0].x))
            self._end = (segs[1].sec, float(segs[1].x))
            self._set_x()

    # -- the path -----------------------------------------------------------------
    @staticmethod
    def _location(args, sec, what):
        if len(args) == 1 and isinstance(args[0], Segment):
            return args[0].sec, float(args[0].x)
        if len(args) != 1:
            raise TypeError("RangeVarPlot.%s: expected x (or a segment), got %d arguments"
                            % (what, len(args)))
        x = float(args[0])
        if not 0.0 <= x <= 1.0:
            raise ValueError("RangeVarPlot.%s: x = %g is outside [0, 1]" % (what, x))
        return _section.resolve_sec(sec), x

    def begin(self, *args, sec=None):
        """begin(x) on the accessed section (or begin(seg)): where the path starts."""
        self._begin = self._location(args, sec, "begin")
        self._set_x()
        return 1.0

    def end(self, *args, sec=None):
        """end(x) on the accessed section (or end(seg)): where the path ends."""
        self._end = self._location(args, sec, "end")
        self._set_x()
        return 1.0

    def origin(self, x, *args):
        """origin(x): x is added to every location (NEURON stores it as given)."""
        self._origin = float(x)
        return 1.0

    def _set_x(self):
        self._points = []
        self._d2root = 0.0
        if self._begin is None or self._end is None:
            return
        (s1, x1), (s2, x2) = self._begin, self._end
        s1._check()
        s2._check()
        wb = _walk(s1, x1)
        we = _walk(s2, x2)
        where = {w[2]: i for i, w in enumerate(we)}
        for i, w in enumerate(wb):
            j = where.get(w[2])
            if j is not None:
                break
        else:
            raise RangeVarPlotError("SpacePlot No path from begin to end points (%s(%g) and "
                                    "%s(%g) are in different trees)"
                                    % (s1.name(), x1, s2.name(), x2))
        droot = wb[i][3]
        pts = [(s, x, -(d - droot)) for s, x, _, d in wb[:i + 1]]
        pts += [(s, x, d - droot) for s, x, _, d in reversed(we[:j])]
        self._points = [(s, _f32(x), _f32(d)) for s, x, d in pts]
        self._d2root = droot
        self._values()      # as NEURON: evaluated once here (a missing variable is an error now)

    def _xs(self):
        o = self._origin
        return [_f32(d + o) for _, _, d in self._points]

    def _values(self):
        what = self._what
        out = []
        if callable(what):
            for s, x, _ in self._points:
                push_section(s)
                try:
                    out.append(float(what(x)))
                finally:
                    pop_section()
        elif "$1" in what:
            interp = hoc.interpreter()
            stmt = "{hoc_ac_ = %s}" % what.replace("$1", "hoc_ac_")
            for s, x, _ in self._points:
                push_section(s)
                try:
                    interp.set("hoc_ac_", x)
                    interp.h_call(stmt)
                    out.append(float(interp.get("hoc_ac_")))
                finally:
                    pop_section()
        else:
            for s, x, _ in self._points:
                try:
                    out.append(float(getattr(Segment(s, x), what)))
                except (AttributeError, ModelError) as e:
                    raise RangeVarPlotError("RangeVarPlot(%r): %s (at %s(%g))"
                                            % (what, e, s.name(), x)) from None
        return out

    # -- results ------------------------------------------------------------------
    def left(self):
        """The location of the beginning of the path."""
        return self._xs()[0] if self._points else 0.0

    def right(self):
        """The location of the end of the path."""
        return self._xs()[-1] if self._points else 0.0

    def d2root(self):
        """The distance of location 0 from the root of the tree."""
        return float(self._d2root)

    def to_vector(self, yvec, xvec=None):
        """Copy the values into yvec (resized) and the locations into xvec; the count."""
        ys = self._values()
        yvec._assign(np.asarray(ys, dtype=np.float64))
        if xvec is not None:
            xvec._assign(np.asarray(self._xs(), dtype=np.float64))
        return float(len(ys))

    def vector(self):
        """A new Vector of the values along the path."""
        from ..data.vector import Vector
        return Vector(np.asarray(self._values(), dtype=np.float64))

    def from_vector(self, yvec):
        """Set the range variable at every point of the path from yvec."""
        what = self._what
        if not isinstance(what, str) or "$1" in what:
            raise RangeVarPlotError("RangeVarPlot.from_vector: needs a range variable name, "
                                    "not an expression or a callable")
        vals = list(yvec)
        if len(vals) < len(self._points):
            raise RangeVarPlotError("RangeVarPlot.from_vector: the vector has %d values, the "
                                    "path %d points" % (len(vals), len(self._points)))
        for (s, x, _), v in zip(self._points, vals):
            setattr(Segment(s, x), what, float(v))
        return float(len(self._points))

    def list(self, sl):
        """Append the sections of the path, in path order, to the SectionList sl."""
        last = None
        for s, _, _ in self._points:
            if s is not last:
                sl.append(sec=s)
                last = s
        return 0.0

    def color(self, i=None):
        """color(index): the colour it is drawn with."""
        if i is not None:
            self._color = int(i)
        return 1.0

    def _xy(self):
        """(locations, values) as drawn."""
        return self._xs(), self._values()

    def plot(self, graph, *args, **kwargs):
        """plot(graph, ...) as NEURON's Python RangeVarPlot.plot: the present values as
        a line on a Graph (``Vector.line``: returns the y Vector; use
        ``graph.addobject(rvp)`` for a line redrawn at every flush), on plotly (the
        module or a Figure: a Scatter trace), or on anything with ``plot`` (pyplot,
        a matplotlib Axes: ``plot(x, y, *args, **kwargs)``) or ``line`` (bokeh)."""
        from ..data.vector import Vector
        yvec, xvec = Vector(), Vector()
        self.to_vector(yvec, xvec)
        if isinstance(graph, HocObject):
            if not hasattr(graph, "beginline"):
                raise TypeError("RangeVarPlot.plot: %s is not a Graph" % graph.hname())
            graph.beginline(*args)
            for x, y in zip(xvec, yvec):
                graph.line(x, y)
            return yvec
        kind = str(type(graph))
        if kind == "<class 'plotly.graph_objs._figure.Figure'>" or str(graph).startswith(
                "<module 'plotly' from "):
            import plotly.graph_objects as go
            fig = graph if hasattr(graph, "add_trace") else go.Figure()
            kwargs.setdefault("mode", "lines")
            return fig.add_trace(go.Scatter(x=list(xvec), y=list(yvec), *args, **kwargs))
        if hasattr(graph, "plot"):
            return graph.plot(xvec, yvec, *args, **kwargs)
        if hasattr(graph, "line"):
            return graph.line(xvec, yvec, *args, **kwargs)
        raise TypeError("RangeVarPlot.plot: unable to plot to graphs of type %s" % kind)
