"""LinearMechanism models run identically by NEURON (make_linmech.py) and ranvier
(test_linear_mechanism.py): `run(h, name)` builds model `name`, runs a fixed-step loop of
h.fadvance() and returns the sampled traces as lists."""
import math

MODELS = ("gap", "vclamp", "rc_callback", "point_x1")


def _gap(h):
    # two cells joined by a gap junction of gj uS written as a LinearMechanism; each
    # row is the current balance of its node in mA/cm2 (nA * 100 / area)
    a = h.Section(name="a")
    a.nseg, a.L, a.diam = 5, 200, 2
    a.insert("hh")
    b = h.Section(name="b")
    b.nseg, b.L, b.diam = 3, 150, 1.5
    b.insert("pas")
    b.g_pas, b.e_pas = 2e-4, -70
    stim = h.IClamp(a(0.1))
    stim.delay, stim.dur, stim.amp = 1, 3, 0.3
    gj = 0.01
    sa, sb = a(0.9), b(0.1)
    fa, fb = 100.0 / sa.area(), 100.0 / sb.area()
    c = h.Matrix(2, 2, 2)
    g = h.Matrix(2, 2)
    g.setval(0, 0, gj * fa)
    g.setval(0, 1, -gj * fa)
    g.setval(1, 0, -gj * fb)
    g.setval(1, 1, gj * fb)
    y = h.Vector(2)
    bvec = h.Vector(2)
    sl = h.SectionList()
    sl.append(sec=a)
    sl.append(sec=b)
    xv = h.Vector([0.9, 0.1])
    lm = h.LinearMechanism(c, g, y, bvec, sl, xv)
    keep = (a, b, stim, c, g, y, bvec, sl, xv, lm)
    probes = [a(0.1), a(0.9), b(0.1), b(0.9)]
    return keep, probes, y


def _vclamp(h):
    # NEURON's documented ideal voltage clamp: y[1] is the clamp current
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.nseg, dend.L, dend.diam = 4, 300, 1
    dend.insert("pas")
    dend.connect(soma(1))
    c = h.Matrix(2, 2, 2)
    g = h.Matrix(2, 2)
    y = h.Vector([0, 0])
    b = h.Vector([0, 10])
    g.setval(0, 1, -1)
    g.setval(1, 0, 1)
    lm = h.LinearMechanism(c, g, y, b, 0.5, sec=soma)
    keep = (soma, dend, c, g, y, b, lm)
    return keep, [soma(0.5), dend(0.5), dend(1)], y


def _rc_callback(h):
    # an extra RC node (y[1], capacitance cx, leak gl) coupled through gs to dend(0.3);
    # the callback drives a current b[1] that changes with t
    soma = h.Section(name="soma")
    soma.L = soma.diam = 15
    soma.insert("hh")
    dend = h.Section(name="dend")
    dend.nseg, dend.L, dend.diam = 5, 250, 1.2
    dend.insert("pas")
    dend.connect(soma(1))
    seg = dend(0.3)
    f = 100.0 / seg.area()
    gs, gl, cx = 0.02, 0.005, 0.5
    c = h.Matrix(2, 2, 2)
    c.setval(1, 1, cx)
    g = h.Matrix(2, 2)
    g.setval(0, 0, gs * f)
    g.setval(0, 1, -gs * f)
    g.setval(1, 0, -gs)
    g.setval(1, 1, gs + gl)
    y = h.Vector(2)
    y0 = h.Vector([0, -20])
    b = h.Vector(2)

    def callback():
        b[1] = 0.4 * math.sin(2 * math.pi * h.t / 4.0) + 0.3 * 0.005 * -60

    sl = h.SectionList()
    sl.append(sec=dend)
    xv = h.Vector([0.3])
    lm = h.LinearMechanism(callback, c, g, y, y0, b, sl, xv)
    keep = (soma, dend, c, g, y, y0, b, sl, xv, lm, callback)
    return keep, [soma(0.5), dend(0.3), dend(0.9)], y


def _point_x1(h):
    # a conductance to a battery at a 0-area node (x = 1: nA and uS) and one more
    # state equation (3 equations, 1 node), with y0 and a nonzero c on the node row
    a = h.Section(name="a")
    a.nseg, a.L, a.diam = 3, 100, 1
    a.insert("pas")
    a.e_pas = -65
    c = h.Matrix(3, 3, 2)
    c.setval(0, 0, 0.002)
    c.setval(2, 2, 1.0)
    g = h.Matrix(3, 3)
    g.setval(0, 0, 0.003)
    g.setval(0, 1, -0.003)
    g.setval(1, 0, 1.0)
    g.setval(1, 1, -1.0)
    g.setval(1, 2, 1.0)
    g.setval(2, 2, 0.5)
    y = h.Vector(3)
    y0 = h.Vector([0, 0, 30])
    b = h.Vector([0, 0, 0])
    lm = h.LinearMechanism(c, g, y, y0, b, 1.0, sec=a)
    keep = (a, c, g, y, y0, b, lm)
    return keep, [a(0.5), a(1)], y


def run(h, name, tstop=12.0):
    keep, probes, y = globals()["_" + name](h)
    h.dt = 0.025
    h.finitialize(-65)
    t, vs, ys = [], [[] for _ in probes], [[] for _ in range(len(y))]

    def sample():
        t.append(h.t)
        for k, seg in enumerate(probes):
            vs[k].append(seg.v)
        for k in range(len(y)):
            ys[k].append(y[k])

    sample()
    while h.t < tstop - h.dt / 2:
        h.fadvance()
        sample()
    out = {"t": t, "v": vs, "y": ys}
    del keep
    return out
