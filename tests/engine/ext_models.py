"""extracellular models run identically by NEURON (data/make_extracellular.py) and
ranvier (test_extracellular.py): `run(h, name)` builds model `name`, runs a loop of
h.fadvance() and returns the sampled v, vext[0], vext[1] and i_membrane traces."""

MODELS = ("myelinated", "mixed", "defaults", "lm_layers")


def _myelinated(h, node_xg=50.0):
    # hh nodes of Ranvier and passive internodes, all with two extracellular layers:
    # myelin as xg[0]/xc[0] on the internodes, a leaky outer layer (xg[1], xc[1]),
    # layer axial resistances xraxial; an IClamp at the first node and a cathodal pulse
    # of e_extracellular at a later node
    secs = []
    for k in range(4):
        nd = h.Section(name="node%d" % k)
        nd.L, nd.diam, nd.nseg = 1.5, 2, 1
        nd.insert("hh")
        nd.gnabar_hh = 1.2
        secs.append(nd)
        if k < 3:
            it = h.Section(name="inter%d" % k)
            it.L, it.diam, it.nseg, it.cm = 120, 2.5, 3, 0.05
            it.insert("pas")
            it.g_pas, it.e_pas = 1e-4, -65
            secs.append(it)
    for a, b in zip(secs[:-1], secs[1:]):
        b.connect(a(1))
    for s in secs:
        s.Ra = 100
        s.insert("extracellular")
        for seg in s:
            seg.xraxial[0] = 300.0
            seg.xraxial[1] = 2000.0
            seg.xg[1] = 5.0
            seg.xc[1] = 0.2
            if s.name().startswith("inter"):
                seg.xg[0] = 2e-3
                seg.xc[0] = 0.02
            elif node_xg is not None:
                seg.xg[0] = node_xg
    stim = h.IClamp(secs[0](0.5))
    stim.delay, stim.dur, stim.amp = 0.5, 0.2, 0.3
    target = secs[4](0.5)

    def drive(t):
        target.e_extracellular = -400.0 if 3.0 <= t < 3.2 else 0.0

    probes = [secs[0](0.5), secs[1](0.5), secs[2](0.5), secs[4](0.5), secs[5](0.9), secs[6](0.5)]
    return (secs, stim), probes, drive


def _defaults(h):
    # the same axon with NEURON's default xg[0] = 1e9 S/cm2 at the nodes: layers 0 and 1
    # are joined by a huge conductance, which makes the system ill-conditioned (solutions
    # differ between elimination orders by ~1e-8 relative, see test_extracellular.py)
    return _myelinated(h, node_xg=None)


def _mixed(h):
    # a soma without extracellular, an axon with it (its root side sees a parent without
    # layers: sealed), and a dendrite without it attached to the axon's end
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    axon = h.Section(name="axon")
    axon.L, axon.diam, axon.nseg = 300, 1, 5
    axon.insert("hh")
    axon.insert("extracellular")
    axon.connect(soma(1))
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 200, 1.5, 3
    dend.insert("pas")
    dend.connect(axon(1))
    for seg in axon:
        seg.xraxial[0] = 500.0
        seg.xraxial[1] = 1e4
        seg.xg[0] = 0.5
        seg.xg[1] = 2.0
        seg.xc[0] = 0.1
    stim = h.IClamp(axon(0.3))
    stim.delay, stim.dur, stim.amp = 1.0, 0.5, 0.5
    target = axon(0.7)

    def drive(t):
        target.e_extracellular = 30.0 if 4.0 <= t < 4.5 else 0.0

    probes = [soma(0.5), axon(0.1), axon(0.3), axon(0.7), axon(0.9), dend(0.5)]
    return (soma, axon, dend, stim), probes, drive


def _lm_layers(h):
    # LinearMechanisms coupled to the layers (layervec): a conductance from vext[0] of
    # one segment to a battery (layer 1), and a gap-junction-like conductance between
    # the internal potential (layer 0) of one segment and vext[1] of another (layer 2)
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    axon = h.Section(name="axon")
    axon.L, axon.diam, axon.nseg = 200, 1, 4
    axon.insert("hh")
    axon.connect(soma(1))
    for s in (soma, axon):
        s.insert("extracellular")
        for seg in s:
            seg.xraxial[0] = 400.0
            seg.xraxial[1] = 3000.0
            seg.xg[0] = 1.0
            seg.xg[1] = 3.0
            seg.xc[0] = 0.05
    s1, s2 = axon(0.375), axon(0.875)
    gb, eb = 0.8, 25.0
    c1 = h.Matrix(1, 1, 2)
    g1 = h.Matrix(1, 1)
    g1.setval(0, 0, gb)
    y1 = h.Vector(1)
    b1 = h.Vector([gb * eb])
    sl1 = h.SectionList()
    sl1.append(sec=axon)
    lm1 = h.LinearMechanism(c1, g1, y1, b1, sl1, h.Vector([0.375]), h.Vector([1]))
    gj = 0.05
    f1, f2 = 100.0 / s1.area(), 100.0 / s2.area()
    c2 = h.Matrix(2, 2, 2)
    g2 = h.Matrix(2, 2)
    g2.setval(0, 0, gj * f1)
    g2.setval(0, 1, -gj * f1)
    g2.setval(1, 0, -gj * f2)
    g2.setval(1, 1, gj * f2)
    y2 = h.Vector(2)
    b2 = h.Vector(2)
    sl2 = h.SectionList()
    sl2.append(sec=soma)
    sl2.append(sec=axon)
    lm2 = h.LinearMechanism(c2, g2, y2, b2, sl2, h.Vector([0.5, 0.875]), h.Vector([0, 2]))
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1.0, 0.5, 0.8

    def drive(t):
        pass

    # y2[1] is the layer-1 potential vext[1] of s2 as the LinearMechanism sees it
    drive.extra = lambda: y2[1]
    keep = (soma, axon, c1, g1, y1, b1, sl1, lm1, c2, g2, y2, b2, sl2, lm2, stim)
    return keep, [soma(0.5), axon(0.125), s1, s2], drive


def run(h, name, tstop=6.0):
    keep, probes, drive = globals()["_" + name](h)
    h.dt = 0.025
    h.finitialize(-65)
    ext = [p for p in probes if p.sec.has_membrane("extracellular")]
    out = {"t": [], "v": [[] for _ in probes], "vext0": [[] for _ in ext],
           "vext1": [[] for _ in ext], "imem": [[] for _ in ext], "extra": []}
    extra = getattr(drive, "extra", None)

    def sample():
        out["t"].append(h.t)
        if extra is not None:
            out["extra"].append(extra())
        for k, seg in enumerate(probes):
            out["v"][k].append(seg.v)
        for k, seg in enumerate(ext):
            out["vext0"][k].append(seg.vext[0])
            out["vext1"][k].append(seg.vext[1])
            out["imem"][k].append(seg.i_membrane)

    sample()
    while h.t < tstop - h.dt / 2:
        drive(h.t)
        h.fadvance()
        sample()
    del keep
    return out
