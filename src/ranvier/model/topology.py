"""Tree queries: h.topology()'s text and h.distance()'s path lengths."""
from .section import allsec


def topology_text():
    """NEURON's h.topology() printout (starts and ends with an empty line)."""
    lines = [""]

    def draw(sec, col, first):
        lines.append(" " * col + first + "-" * (sec._nseg - 1) + "|       %s(%d-%d)"
                     % (sec.name(), int(sec._orient), 1 - int(sec._orient)))
        for child in reversed(sec.children()):
            px = child._parent_x
            xe = sec._xn(px)               # drawn in node order (reversed sections too)
            if xe == 1.0:
                idx = sec._nseg
            elif xe == 0.0:
                idx = -1
            else:
                idx = sec._segidx(px)
            draw(child, col + idx + 1, "`")

    for sec in allsec():
        if sec._parent is None:
            lines.append("|")
            start = len(lines)
            draw(sec, 1, "-")
            lines[start] = "|" + lines[start][1:]
            del lines[start - 1]
    lines.append("")
    return "\n".join(lines) + "\n"


def snap(sec, x):
    """NEURON's distance works on nodes: interior x moves to its segment centre."""
    if x <= 0.0 or x >= 1.0:
        return 0.0 if x <= 0.0 else 1.0
    return sec._center_x(sec._segidx(x))


def _chain(sec, x):
    """[(section, position on it, distance walked so far)] from (sec, x) up to the root."""
    out = []
    walked = 0.0
    x = snap(sec, x)
    while True:
        out.append((sec, x, walked))
        p = sec._parent
        if p is None:
            break
        walked += abs(x - sec._orient) * sec.L
        x = snap(p, sec._parent_x)
        sec = p
    return out


def path_distance(sec1, x1, sec2, x2):
    """Path length (um) between two locations along the tree; 1e20 if unconnected."""
    c1 = _chain(sec1, x1)
    c2 = {id(s): (x, w) for s, x, w in _chain(sec2, x2)}
    for s, x, w in c1:
        hit = c2.get(id(s))
        if hit is not None:
            return w + hit[1] + abs(x - hit[0]) * s.L
    return 1e20
