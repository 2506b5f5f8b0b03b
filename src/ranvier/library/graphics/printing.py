"""printfile for Graph and PlotShape through matplotlib (Agg: works headless).

The format follows the file name (.png .svg .pdf .eps .ps); any other name gets
encapsulated PostScript, which is what NEURON's printfile always writes.
"""
import os
from .palette import css_color, width as _width
from .morphology import segments
from .palette import css_color

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf", ".eps": "eps", ".ps": "ps",
           ".jpg": "jpg", ".jpeg": "jpg"}


def _figure(size):
    """A matplotlib Figure outside pyplot: printing never touches the user's backend
    or figures."""
    from matplotlib.figure import Figure   # deliberately lazy: loads matplotlib only when a figure is drawn
    fig = Figure(figsize=size)
    return fig, fig.add_subplot(111)


def _fmt(filename):
    return FORMATS.get(os.path.splitext(filename)[1].lower(), "eps")


def _rgb(c):
    return tuple(v / 255.0 for v in c)


def draw_graph(g, ax):
    """Draw Graph g's lines, marks and labels into matplotlib axes."""
    for ln in g._lines:
        ax.plot(ln.xs, ln.ys, color=css_color(ln.color), linewidth=_width(ln.brush),
                label=ln.label or None)
    markers = {"+": "+", "o": "o", "s": "s", "t": "^", "O": "o", "S": "s", "T": "^",
               "|": "|", "-": "_"}
    for x, y, style, size, color in g._marks:
        filled = style in "OST"
        ax.plot([x], [y], linestyle="none", marker=markers.get(style, "+"),
                markersize=size / 2, color=css_color(color),
                markerfacecolor=css_color(color) if filled else "none")
    if g._size is not None:
        x0, x1, y0, y1 = g._size
        if x1 > x0:
            ax.set_xlim(x0, x1)
        if y1 > y0:
            ax.set_ylim(y0, y1)
    for x, y, text, color in g._labels:
        ax.text(x, y, text, color=css_color(color), transform=ax.transAxes
                if 0 <= x <= 1 and 0 <= y <= 1 else ax.transData)
    if any(ln.label for ln in g._lines):
        ax.legend(loc="best", fontsize="small", frameon=False)


def print_graph(g, filename):
    fig, ax = _figure((6, 4))
    draw_graph(g, ax)
    fig.savefig(filename, format=_fmt(filename))


def draw_shape(ps, ax, cmap=None, line_width=None, color=None):
    """Draw a PlotShape into matplotlib axes: one line per segment, coloured by the
    variable (or one colour), as wide as the diameter with show(0)."""
    segs = segments(ps._seclist)
    values = ps.values(segs) if ps._colored and color is None else [None] * len(segs)
    lo, hi = ps._scale
    for (sec, x, path, diam), value in zip(segs, values):
        fixed = ps._sec_colors.get(sec)
        if color is not None:
            c = color
        elif fixed is not None:
            c = css_color(fixed)
        elif value is None:
            c = "black"
        elif cmap is not None:
            c = cmap((value - lo) / (hi - lo) if hi != lo else 0.5)
        else:
            c = _rgb(ps.color_of(value))
        if line_width is not None:
            lw = line_width
        elif ps._show == 0:
            lw = max(0.5, min(12.0, diam))
        else:
            lw = 1.0
        ax.plot([p[0] for p in path], [p[1] for p in path], color=c, linewidth=lw,
                solid_capstyle="round")
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def print_shape(ps, filename):
    fig, ax = _figure((6, 6))
    draw_shape(ps, ax)
    if ps._colored:
        _colorbar(ps, fig, ax)
    fig.savefig(filename, format=_fmt(filename))


def _colorbar(ps, fig, ax):
    from matplotlib.colors import ListedColormap, Normalize   # deliberately lazy: loads matplotlib only when a figure is drawn
    from matplotlib.cm import ScalarMappable   # deliberately lazy: loads matplotlib only when a figure is drawn
    cmap = ListedColormap([_rgb(c) for c in ps._colormap])
    lo, hi = ps._scale
    sm = ScalarMappable(norm=Normalize(lo, hi if hi != lo else lo + 1), cmap=cmap)
    sm.set_array([])
    fig.colorbar(sm, ax=ax, shrink=0.6, label=ps._var)


def plot_shape(ps, graphics=None, cmap=None, **kwargs):
    """PlotShape.plot(pyplot | Figure | Axes): the axes drawn into."""
    line_width = kwargs.pop("line_width", None)
    color = kwargs.pop("color", None)
    if graphics is None:
        from matplotlib import pyplot as graphics   # deliberately lazy: loads matplotlib only when a figure is drawn
    if hasattr(graphics, "gca") and not hasattr(graphics, "add_subplot"):
        ax = graphics.gca()                     # the pyplot module
    elif hasattr(graphics, "add_subplot"):      # a Figure
        ax = graphics.axes[0] if graphics.axes else graphics.add_subplot(111)
    else:
        ax = graphics                           # Axes
    return draw_shape(ps, ax, cmap=cmap, line_width=line_width, color=color)
