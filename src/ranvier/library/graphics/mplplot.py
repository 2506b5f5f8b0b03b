"""``PlotShape.plot(pyplot)`` and ``PlotShape.plot(plotly)`` as NEURON 9 draws them.

``ps.plot(pyplot)`` makes a new figure with one 3-D axes (returned: a matplotlib
``Axes3D`` with NEURON's extra methods ``auto_aspect()`` and ``mark(seg)``) and
draws every segment as one line along its 3-D points (after define_shape),
``linewidth`` its diameter in ``show(0)`` mode, ``line_width`` (default 2)
otherwise.  With a variable chosen (``ps.variable('v')``, or ``'hh.m'``) and a
non-empty ``scale(lo, hi)``, each line takes the colour of its value in ``cmap``
(matplotlib's ``cool`` by default) at index ``int(255 * (clip(v) - lo) / (hi - lo))``,
black where the segment lacks the variable; otherwise the lines keep
matplotlib's colour cycle.  ``ps.plot(figure)`` draws into a given Figure (other
arguments ignored, as NEURON).  ``ps.plot(plotly)`` returns a plotly FigureWidget
with one Scatter3d trace per segment (black where it has no value).
Hovering a line (matplotlib) shows its segment and value.
"""
import numpy as np

from ...core.errors import RanvierError
from ...model.section import allsec
from ...model.shape import define_shape


class PlotTargetError(RanvierError, NotImplementedError):
    """PlotShape.plot was given something it cannot draw on."""


def segment_paths(sec):
    """[(xs, ys, zs, diams, arcs)] for each segment of `sec`: its 3-D path, the
    section's points strictly inside the segment plus both ends, interpolated."""
    n3d = int(sec.n3d())
    arc = np.array([sec.arc3d(i) for i in range(n3d)])
    cols = [np.array([f(i) for i in range(n3d)]) for f in (sec.x3d, sec.y3d, sec.z3d, sec.diam3d)]
    nseg = int(sec.nseg)
    step = sec.L / nseg
    out = []
    for k in range(nseg):
        lo, hi = k * step, (k + 1) * step
        inside = [a for a in arc.tolist() if lo < a < hi]
        at = [lo] + inside + [hi]
        out.append(tuple(list(np.interp(at, arc, c)) for c in cols) + (at,))
    return out


def _value(seg, variable):
    try:
        if "." in variable:
            mech, var = variable.split(".", 1)
            return float(getattr(getattr(seg, mech), var))
        return float(getattr(seg, variable))
    except (AttributeError, TypeError, ValueError):
        return None


def _hex(rgba):
    return "#" + "".join("%02x" % int(255 * c) for c in rgba[:3])


def _color(cmap, val, lo, hi):
    rng = hi - lo
    if rng == 0:
        i = 0 if val < lo else 255 if val > hi else 128
    else:
        i = int(255 * (min(max(val, lo), hi) - lo) / rng)
    return _hex(cmap(i))


def _plot_data(ps):
    """(variable, lo, hi, sections, show mode) of PlotShape `ps`.

    As NEURON's: before ``variable()`` the variable names nothing (every segment
    lacks it) and, before ``variable()`` or ``scale()``, lo == hi (no colouring)."""
    variable = ps._var if getattr(ps, "_var_explicit", False) else ""
    if getattr(ps, "_var_explicit", False) or getattr(ps, "_scale_explicit", False):
        lo, hi = ps._scale
    else:
        lo = hi = 0.0
    secs = [s for s in ps._seclist if s.is_valid()] if ps._seclist is not None else list(allsec())
    return variable, lo, hi, secs, ps.show()


def _axes3d_class():
    from mpl_toolkits.mplot3d import Axes3D   # deliberately lazy: matplotlib only when drawn

    class Axis3DWithNEURON(Axes3D):
        """The 3-D axes PlotShape.plot returns (NEURON's methods added)."""

        def auto_aspect(self):
            """Give x, y and z the same extent around their centres."""
            lims = [self.get_xlim(), self.get_ylim(), self.get_zlim()]
            half = max((b - a) / 2 for a, b in lims)
            mids = [(a + b) / 2 for a, b in lims]
            self.auto_scale_xyz(*[[m - half, m + half] for m in mids])

        def mark(self, segment, marker="or", **kwargs):
            """Put `marker` at `segment`'s position; returns the axes."""
            x, y, z = point_of(segment)
            self.plot([x], [y], [z], marker, **kwargs)
            return self

    return Axis3DWithNEURON


def point_of(seg):
    """The 3-D position of segment `seg` (interpolated along its section)."""
    sec = seg.sec
    n3d = int(sec.n3d())
    arc = [sec.arc3d(i) for i in range(n3d)]
    at = sec.L * seg.x
    return tuple(float(np.interp(at, arc, [f(i) for i in range(n3d)]))
                 for f in (sec.x3d, sec.y3d, sec.z3d))


def plot_on_figure(ps, fig, line_width=2, cmap=None, **kwargs):
    variable, lo, hi, secs, mode = _plot_data(ps)
    if cmap is None:
        from matplotlib import cm   # deliberately lazy: matplotlib only when drawn
        cmap = cm.cool
    kwargs.setdefault("picker", 2)
    ax = _axes3d_class()(fig)
    fig.add_axes(ax)
    define_shape()
    labels, lines, values = {}, [], []
    for sec in secs:
        for seg, (xs, ys, zs, _, _) in zip(sec, segment_paths(sec)):
            width = seg.diam if mode == 0 else line_width
            line, = ax.plot(xs, ys, zs, "-", linewidth=width, **kwargs)
            val = _value(seg, variable)
            labels[line] = ("%s at %s" % (val, seg)) if val is not None else str(seg)
            lines.append(line)
            values.append(val)
    if hi - lo:
        for line, val in zip(lines, values):
            if "color" in kwargs:
                line.set_color(kwargs["color"])
            elif val is None:
                line.set_color("black")
            else:
                line.set_color(_color(cmap, val, lo, hi))
    ax._mouseover_text = ""

    def on_pick(event):
        ax._mouseover_text = labels.get(event.artist, "")
        return True
    ax.auto_aspect()
    fig.canvas.mpl_connect("pick_event", on_pick)
    ax.format_coord = lambda *args: ax._mouseover_text
    return ax


def plot_on_plotly(ps, width=2, color=None, cmap=None, **kwargs):
    import plotly.graph_objects as go   # deliberately lazy: the optional plotly extra

    class FigureWidgetWithNEURON(go.FigureWidget):
        def mark(self, segment, marker="or", **kw):
            x, y, z = point_of(segment)
            kw.setdefault("marker_size", 5)
            kw.setdefault("marker_color", "red")
            kw.setdefault("marker_opacity", 1)
            self.add_trace(go.Scatter3d(x=[x], y=[y], z=[z], name="",
                                        hovertemplate=str(segment), **kw))
            return self

    variable, lo, hi, secs, mode = _plot_data(ps)
    define_shape()
    data = []
    if cmap is None:
        from matplotlib import cm   # deliberately lazy: matplotlib only when drawn
        cmap = cm.cool
    for sec in secs:
        for seg, (xs, ys, zs, _, _) in zip(sec, segment_paths(sec)):
            val = _value(seg, variable)
            hover = str(seg) + ("<br>%.3f" % val if val is not None else "")
            if color is not None:
                col = color
            elif val is None:
                col = "black"
            else:
                col = _color(cmap, val, lo, hi)
            data.append(go.Scatter3d(
                x=xs, y=ys, z=zs, name="", hovertemplate=hover, mode="lines",
                line=go.scatter3d.Line(color=col, width=seg.diam if mode == 0 else width)))
    return FigureWidgetWithNEURON(data=data, layout={"showlegend": False})


def plot(ps, graph, *args, **kwargs):
    """PlotShape.plot(graph, ...): pyplot -> a new figure's Axes3D; a Figure -> drawn
    into it; plotly -> a FigureWidget."""
    name = getattr(graph, "__name__", None)
    if name == "matplotlib.pyplot":
        return plot_on_figure(ps, graph.figure(), *args, **kwargs)
    if name == "plotly":
        return plot_on_plotly(ps, *args, **kwargs)
    if type(graph).__name__ == "Figure" and type(graph).__module__ == "matplotlib.figure":
        return plot_on_figure(ps, graph)
    raise PlotTargetError("%s.plot(%r): NEURON draws on matplotlib.pyplot, a matplotlib "
                          "Figure or plotly" % (ps.hname(), graph))
