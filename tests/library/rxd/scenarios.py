"""Small rxd models run the same way under NEURON 9.0.2 (data/make_expected.py writes
data/expected.json) and under ranvier (test_rxd.py).  Each scenario takes (h, rxd) and
returns a dict of numbers / lists of numbers."""


def _tapered(h):
    sec = h.Section(name="taper")
    for x, d in ((0, 2.0), (10, 3.0), (25, 1.5), (30, 1.5)):
        h.pt3dadd(x, 0, 0, d, sec=sec)
    sec.nseg = 4
    return sec


def geometry(h, rxd):
    """Node volumes and surface areas of every 1-D geometry, on a tapered section with
    3-D points and on a cylinder given by L and diam."""
    taper = _tapered(h)
    cyl = h.Section(name="cyl")
    cyl.L, cyl.diam, cyl.nseg = 20, 1.2, 3
    geos = {
        "inside": rxd.inside,
        "membrane": rxd.membrane(),
        "shell": rxd.Shell(0.5, 1),
        "shell_out": rxd.Shell(1, 2),
        "fractional": rxd.FractionalVolume(0.3, surface_fraction=0.5, neighbor_areas_fraction=0.4),
        "cross": rxd.FixedCrossSection(2.0, surface_area=3.0),
        "perimeter": rxd.FixedPerimeter(4.0, on_cell_surface=True),
        "border": rxd.ScalableBorder(2.0),
        "border_d": rxd.ScalableBorder(diam_scale=0.5, on_cell_surface=True),
    }
    out = {}
    keep = []
    for name, geo in geos.items():
        r = rxd.Region([taper, cyl], geometry=geo, name=name)
        s = rxd.Species(r, name="s_" + name, d=0, initial=1)
        keep.append((r, s))
    h.finitialize(-65)
    for (r, s), name in zip(keep, geos):
        out[name + "_volume"] = [float(v) for v in s.nodes.volume]
        out[name + "_area"] = [float(n.surface_area) for n in s.nodes]
        out[name + "_x"] = [float(x) for x in s.nodes.x]
    return out


def diffusion(h, rxd):
    """One species diffusing in one section from a step (no reactions)."""
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 50, 2, 25
    cyt = rxd.Region([dend], name="cyt")
    a = rxd.Species(cyt, name="a", d=1.5, initial=lambda nd: 1.0 if nd.x < 0.3 else 0.0)
    h.dt = 0.025
    h.finitialize(-65)
    out = {"t0": list(a.nodes.concentration)}
    first = []
    for i in range(8):
        h.fadvance()
        first.append(a.nodes[0].concentration)
    out["first_steps_node0"] = first
    for t in (1, 5):
        h.continuerun(t)
        out["t%d" % t] = list(a.nodes.concentration)
    return out


def branched(h, rxd):
    """Diffusion across section junctions (1 end, 0 end, a middle point), two regions:
    one on the whole cell, one on two dendrites only (whose parents are missing)."""
    soma = h.Section(name="soma")
    soma.L, soma.diam, soma.nseg = 10, 10, 1
    d1 = h.Section(name="d1")
    d1.L, d1.diam, d1.nseg = 100, 1, 9
    d1.connect(soma(1))
    d2 = h.Section(name="d2")
    d2.L, d2.diam, d2.nseg = 50, 2, 5
    d2.connect(soma(0))
    d3 = h.Section(name="d3")
    d3.L, d3.diam, d3.nseg = 30, 0.5, 3
    d3.connect(d1(0.5))
    whole = rxd.Region(h.allsec(), name="whole")
    part = rxd.Region([d1, d3], name="part", geometry=rxd.FractionalVolume(0.5))

    def init(nd):
        if nd.sec == d3:
            return 2.0
        if nd.sec == soma:
            return 1.0
        return 0.1 * nd.x

    c = rxd.Species([whole, part], name="c", d=0.8, initial=init)
    h.dt = 0.025
    h.finitialize(-65)
    out = {}
    for t in (2, 10):
        h.continuerun(t)
        for sec in (soma, d1, d2, d3):
            out["whole_%s_t%d" % (sec.name(), t)] = list(c[whole].nodes(sec).concentration)
        for sec in (d1, d3):
            out["part_%s_t%d" % (sec.name(), t)] = list(c[part].nodes(sec).concentration)
    return out


def reactions(h, rxd):
    """Mass action (bimolecular, reversible, stoichiometry 2), custom dynamics, Rate with
    rxdmath, a Parameter and a State, with diffusion."""
    from neuron.rxd import rxdmath
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 20, 1, 5
    cyt = rxd.Region([dend], name="cyt")
    a = rxd.Species(cyt, name="a", d=0.5, initial=lambda nd: 1.0 + nd.x)
    b = rxd.Species(cyt, name="b", d=0.1, initial=0.7)
    c = rxd.Species(cyt, name="c", d=0, initial=0)
    s = rxd.State(cyt, name="s", initial=0.2)
    k = rxd.Parameter(cyt, name="k", value=0.3)
    r1 = rxd.Reaction(a + b, c, 2.0, 0.1)
    r2 = rxd.Reaction(2 * a, s, 0.05)
    r3 = rxd.Reaction(s, b, s ** 2 / (1 + s), mass_action=False)
    r4 = rxd.Rate(c, -k * c * rxdmath.exp(-c))
    h.dt = 0.025
    h.finitialize(-65)
    out = {}
    for t in (0.5, 3):
        h.continuerun(t)
        for sp in (a, b, c, s):
            out["%s_t%g" % (sp.name, t)] = list(sp.nodes.concentration)
    out["k"] = k.nodes[0].value
    return out


def multicompartment(h, rxd):
    """Cytosol/ER exchange across a ScalableBorder (leak and a saturable pump), an
    influx through the plasma membrane carried as ica, and cai/cao/eca that follow."""
    soma = h.Section(name="soma")
    soma.L, soma.diam, soma.nseg = 10, 10, 1
    dend = h.Section(name="dend")
    dend.L, dend.diam, dend.nseg = 40, 2, 5
    dend.connect(soma(1))
    cyt = rxd.Region(h.allsec(), nrn_region="i", name="cyt",
                     geometry=rxd.FractionalVolume(0.8, surface_fraction=1))
    er = rxd.Region(h.allsec(), name="er", geometry=rxd.FractionalVolume(0.2))
    ecs = rxd.Region(h.allsec(), name="ecs", nrn_region="o", geometry=rxd.Shell(1, 2))
    mem = rxd.Region(h.allsec(), name="mem", geometry=rxd.membrane())
    border = rxd.Region(h.allsec(), name="border", geometry=rxd.ScalableBorder(1))

    def init(nd):
        if nd.region == er:
            return 0.5
        if nd.region == ecs:
            return 2.0
        return 1e-4 if nd.sec == soma else 5e-4

    ca = rxd.Species([cyt, er, ecs], name="ca", charge=2, d=0.3, initial=init)
    leak = rxd.MultiCompartmentReaction(ca[er], ca[cyt], 1e-3, 1e-3, membrane=border)
    pump = rxd.MultiCompartmentReaction(
        ca[cyt], ca[er], 0.05 * ca[cyt] ** 2 / (ca[cyt] ** 2 + 2e-4 ** 2),
        mass_action=False, membrane=border)
    influx = rxd.MultiCompartmentReaction(ca[ecs], ca[cyt], 2e-3, membrane=mem,
                                          membrane_flux=True)
    ica = h.Vector().record(dend(0.5)._ref_ica)
    cai = h.Vector().record(dend(0.5)._ref_cai)
    h.dt = 0.025
    h.finitialize(-65)
    out = {"eca0": dend(0.5).eca, "cai0": dend(0.5).cai, "cao0": dend(0.5).cao}
    h.continuerun(5)
    out["cyt"] = list(ca[cyt].nodes.concentration)
    out["er"] = list(ca[er].nodes.concentration)
    out["ecs"] = list(ca[ecs].nodes.concentration)
    out["cai"] = [seg.cai for sec in (soma, dend) for seg in sec]
    out["cao"] = [seg.cao for sec in (soma, dend) for seg in sec]
    out["eca"] = [seg.eca for sec in (soma, dend) for seg in sec]
    out["ica_x1e9"] = [seg.ica * 1e9 for sec in (soma, dend) for seg in sec]
    out["ica_trace_x1e9"] = [v * 1e9 for v in ica][::20]
    out["cai_trace"] = list(cai)[::20]
    return out


SCENARIOS = ["geometry", "diffusion", "branched", "reactions", "multicompartment"]


def partial_membrane(h, rxd):
    """A MultiCompartmentReaction across a border region given on a list of sections
    (NEURON 9.0.2 misplaces the flux when the border covers only some of the sections
    of its species' regions, so here it covers both), and a diffusing State."""
    a = h.Section(name="a")
    a.L, a.diam, a.nseg = 10, 2, 3
    b = h.Section(name="b")
    b.L, b.diam, b.nseg = 10, 2, 3
    b.connect(a(1))
    cyt = rxd.Region([a, b], name="cyt")
    org = rxd.Region([a, b], name="org", geometry=rxd.FractionalVolume(0.1))
    mem = rxd.Region([b, a], name="mem", geometry=rxd.ScalableBorder(0.5))
    x = rxd.Species([cyt, org], name="x", d=0.2, initial=lambda nd: 1.0 if nd.region == org else 0.0)
    st = rxd.State(cyt, name="st", d=0.1, initial=lambda nd: nd.x)
    flux = rxd.MultiCompartmentReaction(x[org], x[cyt], 1e3, membrane=mem)
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(2)
    return {"cyt": list(x[cyt].nodes.concentration), "org": list(x[org].nodes.concentration),
            "st": list(st.nodes.concentration), "keep": 0 if flux is None else 1}


SCENARIOS.append("partial_membrane")
