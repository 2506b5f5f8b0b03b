"""NEURON's colour and brush palettes (Graph.color, Graph.brush, mark styles) and the
shape plot's default colour scale."""

# Graph.color's palette: index -> CSS colour (color(i, "name") changes it)
COLORS = ["white", "black", "red", "blue", "green", "orange", "brown", "violet", "yellow",
          "gray"]
MARK_STYLES = "+ostOST|-"
# NEURON's shape-plot colour scale, low (blue) to high (red)
DEFAULT_COLORMAP = [(0, 0, 255), (0, 96, 255), (0, 176, 255), (0, 232, 200), (64, 240, 96),
                    (176, 240, 32), (255, 224, 0), (255, 144, 0), (255, 64, 0), (224, 0, 0)]


def css_color(i):
    try:
        i = int(i)
    except (TypeError, ValueError):
        return "black"
    return COLORS[i % len(COLORS)] if i >= 0 else "black"


def width(brush):
    """A brush index as a line width in pixels (0: the thinnest)."""
    try:
        b = int(brush)
    except (TypeError, ValueError):
        b = 1
    return 0.75 if b <= 0 else float(1 + (b - 1) % 4)
