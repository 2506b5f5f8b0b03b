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


def rate_change(h, rxd):
    """Changing a Reaction's rates after finitialize (NEURON's rxd tutorial): NEURON 9.0.2
    keeps the reaction compiled before the change and adds the changed one, until the
    next finitialize (each step: the newest, then the older ones)."""
    dend = h.Section(name="dend")
    cyt = rxd.Region(h.allsec(), nrn_region="i")
    cl = rxd.Species(cyt, initial=1, name="cl", charge=-1)
    ca = rxd.Species(cyt, initial=1, name="ca", charge=2)
    cacl2 = rxd.Species(cyt, initial=0, name="cacl2")
    reaction = rxd.Reaction(2 * cl + ca, cacl2, 1)
    a = rxd.Species(cyt, initial=1, name="a")
    b = rxd.Species(cyt, initial=0, name="b")
    ab = rxd.Reaction(a, b, 2, 1)
    h.finitialize(-65)
    out = {"f0": float(reaction.f_rate), "b0": float(ab.b_rate)}
    series = []

    def steps(n):
        for i in range(n):
            h.fadvance()
            series.append([cl.nodes[0].concentration, ca.nodes[0].concentration,
                           cacl2.nodes[0].concentration, a.nodes[0].concentration,
                           b.nodes[0].concentration, dend(0.5).cli, dend(0.5).cai])
    steps(3)
    reaction.f_rate *= 5
    ab.b_rate = 3
    steps(3)
    reaction.f_rate *= 2
    steps(2)
    h.finitialize(-65)
    steps(2)
    out["series"] = series
    out["f1"] = float(reaction.f_rate)
    return out


def nodes_and_records(h, rxd):
    """Species values from their creation (before finitialize), a node's
    _ref_concentration recorded by a Vector, `node in section`, h.distance(node, seg),
    the nodes' 3-D positions, MultiCompartmentReaction(border=...) and the reversal
    potential of an emptied ion (NEURON's nernst: 1e6 where ci = 0)."""
    soma = h.Section(name="soma")
    soma.L = soma.diam = 10
    dend = h.Section(name="dend")
    dend.nseg = 5
    dend.connect(soma)
    free = h.Section(name="free")     # (a root: define_shape keeps its own 3-D points)
    free.nseg = 4
    for x, y, z, d in ((0, 0, 0, 2), (10, 5, 0, 2), (30, 5, 10, 1)):
        h.pt3dadd(x, y, z, d, sec=free)
    secs = [soma, dend, free]
    inner = rxd.Region(secs, name="inner", geometry=rxd.Shell(0, 0.5))
    outer = rxd.Region(secs, name="outer", nrn_region="i", geometry=rxd.Shell(0.5, 1))
    border = rxd.Region(secs, name="border", geometry=rxd.FixedPerimeter(2 * 3.14159))
    ca = rxd.Species([inner, outer], name="ca", charge=2, d=0.5,
                     initial=lambda nd: 1e-3 if nd.region == inner else 1e-4)
    mc = rxd.MultiCompartmentReaction(ca[inner], ca[outer], 0.3, 0.3, border=border)
    buf = rxd.Species(outer, name="buf", initial=0.02)
    before = [buf.nodes[0].concentration, ca.nodes[0].concentration]
    k = rxd.Species(outer, name="k", charge=1, initial=lambda nd: 0.0 if nd.sec == soma else 50)
    rec = h.Vector().record(ca[outer].nodes(dend)[2]._ref_concentration)
    h.finitialize(-65)
    for i in range(20):
        h.fadvance()
    nodes = ca[outer].nodes(dend) + ca[outer].nodes(free)
    return {
        "before_finitialize": before,
        "record": list(rec),
        "in_dend": [1.0 if nd in dend else 0.0 for nd in ca.nodes],
        "distance": [h.distance(nd, soma(0)) for nd in ca[outer].nodes(dend)],
        "x3d": [nd.x3d for nd in nodes], "y3d": [nd.y3d for nd in nodes],
        "z3d": [nd.z3d for nd in nodes],
        "ca": list(ca.nodes.concentration),
        "ek": [soma(0.5).ek, dend(0.5).ek],
        "mc_keep": 0.0 if mc is None else 1.0,
    }


def extracellular_grid(h, rxd):
    """rxd.Extracellular's grid and initial values (no dynamics)."""
    ecs = rxd.Extracellular(-10, -10, -10, 11, 10, 10, dx=(4, 5, 10), volume_fraction=0.2,
                            tortuosity=1.6)
    k = rxd.Species(ecs, name="k", charge=1, d=2.62)
    u = rxd.Species(ecs, name="u", initial=lambda nd: nd.x3d + 100 * nd.z3d - nd.y3d)
    h.ko0_k_ion = 3.5
    h.finitialize(-65)
    nd = u[ecs].node_by_ijk(2, 1, 1)
    return {
        "n": [ecs._nx, ecs._ny, ecs._nz, ecs._xhi, ecs._yhi, ecs._zhi],
        "k": list(k.nodes.concentration),
        "u": list(u.nodes.concentration),
        "states3d": [float(v) for v in u[ecs].states3d.ravel()],
        "node": [nd.x3d, nd.y3d, nd.z3d, nd.concentration, nd.volume],
        "by_location": [u[ecs].node_by_location(x, y, z).concentration
                        for x, y, z in ((1.9, -0.1, 0.1), (-10, -10, -10), (13.9, 9.9, 9.9))],
    }


def forgotten(h, rxd):
    """As NEURON's, rxd holds regions, species and reactions weakly: a reaction the script
    no longer refers to stops acting; a species it no longer refers to leaves the model."""
    sec = h.Section(name="sec")
    cyt = rxd.Region([sec], name="cyt")
    x = rxd.Species(cyt, name="x", initial=1)
    y = rxd.Species(cyt, name="y", initial=1)
    r1 = rxd.Rate(x, -0.5 * x)
    r2 = rxd.Rate(y, 0.25)
    h.finitialize(-65)
    h.continuerun(1)
    first = [x.nodes[0].concentration, y.nodes[0].concentration]
    del r1
    y = None
    z = rxd.Species(cyt, name="z", initial=2)
    r3 = rxd.Rate(z, -z)
    h.finitialize(-65)
    h.continuerun(1)
    return {"first": first, "second": [x.nodes[0].concentration, z.nodes[0].concentration],
            "keep": 0.0 if (r2, r3) is None else 1.0}


SCENARIOS += ["rate_change", "nodes_and_records", "extracellular_grid", "forgotten"]


def tree_order(h, rxd):
    """The order of a region's nodes on a branched tree (NEURON sorts the sections as
    SectionList.wholetree lists them: breadth first, children in children() order), and
    diffusion across the branch points."""
    names = ["r", "c1", "c2", "g1", "g2", "g3", "gg"]
    secs = {}
    for nm in names:
        secs[nm] = h.Section(name=nm)
        secs[nm].nseg = 3
        secs[nm].L = 12
    for child, parent in (("c1", "r"), ("c2", "r"), ("g1", "c1"), ("g2", "c1"), ("g3", "c2"),
                          ("gg", "g1")):
        secs[child].connect(secs[parent])
    cyt = rxd.Region([secs[nm] for nm in reversed(names)], name="cyt")
    a = rxd.Species(cyt, name="a", d=2, initial=lambda nd: 1.0 if nd.sec == secs["g1"] else 0.0)
    h.finitialize(-65)
    h.continuerun(2)
    return {"order": [names.index(nd.sec.name()) + nd.x for nd in a.nodes],
            "a": list(a.nodes.concentration)}


SCENARIOS.append("tree_order")
