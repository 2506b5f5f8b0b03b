"""KSChan models run both by NEURON 9.0.2 (data/make_kschan_expected.py writes
data/kschan_expected.json) and by ranvier (test_kschan.py).  Each function takes ``h``
and returns plain lists and numbers.  Channel names are unique per model: KSChan types
outlive ranvier.reset(), as NEURON's do."""


def _hh_pair(h, kname, naname):
    """HH's K and Na channels as KSChans (the rates of hh.mod as KSChan functions)."""
    kk = h.KSChan(0)
    kk.name(kname)
    kk.ion("k")
    kk.gmax(0.036)
    n = kk.add_hhstate("n")
    kk.gate(0).power(4)
    tn = kk.trans(n, n)
    tn.set_f(0, 3, h.Vector([0.1, 0.1, -55]))              # linoid
    tn.set_f(1, 2, h.Vector([0.125, -1 / 80.0, -65]))      # exp
    kn = h.KSChan(0)
    kn.name(naname)
    kn.ion("na")
    kn.gmax(0.12)
    m = kn.add_hhstate("m")
    hh_ = kn.add_hhstate("h")
    kn.gate(0).power(3)
    tm = kn.trans(m, m)
    tm.set_f(0, 3, h.Vector([1.0, 0.1, -40]))
    tm.set_f(1, 2, h.Vector([4, -1 / 18.0, -65]))
    th = kn.trans(hh_, hh_)
    th.set_f(0, 2, h.Vector([0.07, -0.05, -65]))
    th.set_f(1, 4, h.Vector([1, -0.1, -35]))               # sigmoid
    return kk, kn, tn, tm, th


def _stim(h, sec):
    stim = h.IClamp(sec(0.5))
    stim.delay = 1
    stim.dur = 1
    stim.amp = 0.3
    return stim


def hh_pair(h):
    """A soma with the KSChan HH pair and pas: v, n, m, h over 20 ms; rate functions."""
    h.load_file("stdrun.hoc")
    kk, kn, tn, tm, th = _hh_pair(h, "kshhk", "kshhna")
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.nseg = 1
    for mech in ("kshhk", "kshhna", "pas"):
        soma.insert(mech)
    soma.g_pas = 0.0003
    soma.e_pas = -54.3
    stim = _stim(h, soma)
    seg = soma(0.5)
    rec = {k: h.Vector().record(getattr(seg, "_ref_" + k))
           for k in ("v", "n_kshhk", "m_kshhna", "h_kshhna", "ik", "ina")}
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(20)
    out = {k: list(v) for k, v in rec.items()}
    vv = h.Vector([-100, -70, -55, -40, -40.0000001, -10, 30])
    a, b, inf, tau = h.Vector(), h.Vector(), h.Vector(), h.Vector()
    tm.ab(vv, a, b)
    tm.inftau(vv, inf, tau)
    out["m_ab"] = [list(a), list(b)]
    out["m_inftau"] = [list(inf), list(tau)]
    out["f"] = [[t.f(d, x) for x in vv] for t in (tn, tm, th) for d in (0, 1)]
    out["counts"] = [kk.nstate(), kk.ngate(), kk.ntrans(), kn.nstate(), kn.ngate(), kn.ntrans(),
                     kn.gate(0).power(), kn.gate(1).power(), tm.ftype(0), tm.ftype(1),
                     th.ftype(1), tm.type(), kk.iv_type(), kk.gmax()]
    out["names"] = [kk.name(), kk.ion(), kn.state(1).name(), h.ismembrane("kshhk", sec=soma)]
    del stim
    return out


def _kinetic(h, name, gmax, topology):
    ks = h.KSChan(0)
    ks.name(name)
    ks.ion("k")
    ks.gmax(gmax)
    n = ks.add_hhstate("n")                      # an HH gate first, then a KS gate
    tn = ks.trans(n, n)
    tn.set_f(0, 3, h.Vector([0.1, 0.1, -55]))
    tn.set_f(1, 2, h.Vector([0.125, -1 / 80.0, -65]))
    nks = 1 + max(max(p) for p in topology)
    st = [ks.add_ksstate(None, "c0")]
    g = ks.gate(1)
    for i in range(1, nks):
        st.append(ks.add_ksstate(g, "c%d" % i))
    st[-1].frac(1)                               # the last state conducts
    st[-2].frac(0.25)
    for k, (a, b) in enumerate(topology):
        t = ks.add_transition(st[a], st[b])
        t.set_f(0, 2, h.Vector([0.2 + 0.1 * k, 0.04, -40 + 3 * k]))
        t.set_f(1, 4, h.Vector([0.1 + 0.05 * k, 0.1, -45 + k]))
    return ks, nks


TOPOLOGIES = {
    "chain3": [(0, 1), (1, 2)],
    "star": [(0, 1), (0, 2), (0, 3)],
    "branched": [(0, 1), (1, 2), (2, 3), (3, 1), (2, 4), (4, 5)],
}


def kinetic(h, topology, gmax):
    """A kinetic-scheme K channel (plus an HH gate) in a soma driven by hh: v and the
    channel's states over 10 ms.  With gmax = 0 the channel carries no current, so v is
    hh's and the states test the integration alone."""
    h.load_file("stdrun.hoc")
    name = "ks%s%d" % (topology, 1 if gmax else 0)
    ks, nks = _kinetic(h, name, gmax, TOPOLOGIES[topology])
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.insert(name)
    soma.insert("hh")
    soma.gkbar_hh = 0.036 - gmax
    stim = _stim(h, soma)
    seg = soma(0.5)
    rec = {"v": h.Vector().record(seg._ref_v)}
    for s in ["n"] + ["c%d" % i for i in range(nks)]:
        rec[s] = h.Vector().record(getattr(seg, "_ref_%s_%s" % (s, name)))
    h.dt = 0.025
    h.finitialize(-65)
    init = {k: v[0] for k, v in rec.items()}
    h.continuerun(10)
    out = {k: list(v) for k, v in rec.items()}
    out["init"] = init
    out["counts"] = [ks.nstate(), ks.ngate(), ks.ntrans(), ks.gate(1).nstate(),
                     ks.gate(1).sindex(), ks.state(2).index(), ks.trans(2).src().index(),
                     ks.trans(2).target().index()]
    del stim
    return out


HOC_BUILDER = r"""
load_file("stdrun.hoc")
objref ks, st, tr, pv, gt, cs, os, kt, nil
strdef nm
ks = new KSChan()
ks.name("kdrhoc")
ks.ion("k")
ks.gmax(0.036)
st = ks.add_hhstate("n")
gt = ks.gate(0)
gt.power(4)
tr = ks.trans(st, st)
pv = new Vector(3)
pv.x[0] = 0.1
pv.x[1] = 0.1
pv.x[2] = -55
tr.set_f(0, 3, pv)
tr.set_f(1, 2, new Vector(3))
tr.parm(1).x[0] = 0.125
tr.parm(1).x[1] = -0.0125
tr.parm(1).x[2] = -65
cs = ks.add_ksstate(nil, "cl")
os = ks.add_ksstate(ks.gate(1), "op")
os.frac(1)
kt = ks.add_transition(cs, os)
kt.set_f(0, 4, new Vector(3))
kt.parm(0).x[0] = 2
kt.parm(0).x[1] = -0.1
kt.parm(0).x[2] = -50
kt.set_f(1, 1, new Vector(1, 0.3))
nm = ks.name()
print nm, ks.nstate(), ks.ngate(), ks.ntrans(), tr.ftype(0), tr.ftype(1), kt.ftype(0)
create soma
access soma
soma { L = 20  diam = 20  insert kdrhoc  insert hh  gkbar_hh = 0 }
print gmax_kdrhoc, soma.gmax_kdrhoc(0.5)
gmax_kdrhoc = 0.03
objref stim, vv
stim = new IClamp(0.5)
stim.del = 1
stim.dur = 1
stim.amp = 0.3
vv = new Vector()
vv.record(&soma.v(0.5))
tstop = 10
v_init = -65
run()
print soma.n_kdrhoc(0.5), soma.op_kdrhoc(0.5), vv.max()
objref res
res = new Vector()
res.append(soma.n_kdrhoc(0.5), soma.op_kdrhoc(0.5), soma.cl_kdrhoc(0.5), gmax_kdrhoc, ks.nstate())
"""


def hoc_builder(h):
    """A channel built from HOC, ChannelBuilder style: v over 10 ms."""
    h(HOC_BUILDER)
    return {"v": list(h.vv), "res": list(h.res), "nm": h.nm}


def pr_text(h):
    """KSChan.pr() of an HH channel and of a kinetic-scheme one (printed text)."""
    import sys
    kk, kn, tn, tm, th = _hh_pair(h, "kprk", "kprna")
    ks, nks = _kinetic(h, "kprks", 0.02, TOPOLOGIES["star"])
    sys.stdout.flush()
    for ch in (kk, kn, ks):
        ch.pr()
    sys.stdout.flush()
    return {}
