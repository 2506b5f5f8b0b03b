"""The models of test_impedance.py and test_savestate.py, run by ranvier in the tests and
by NEURON 9.0.2 in data/make_impsave_reference.py (which writes data/impsave_reference.json).

Impedance (impedance(h)): a soma (hh, nseg 1) with a dendrite (hh at lower densities on
two sections with different nseg, cm 2 on one of them) and a passive branch; two ExpSyns
on one dendrite node, one ExpSyn elsewhere (their conductance state enters the extended
method) and an IClamp, at rest after 30 ms.  Standard and extended method at 0, 5, 50
and 500 Hz, deltafac 0.001 and 1e-4, injection at the soma centre (loc(x, sec=)) and at
a dendrite end (loc(seg)); input, input_phase, transfer, transfer_phase and ratio at every
node of the model.

SaveState (savestate(h, path)): an hh soma driven through ExpSyn and Exp2Syn by a NetStim
(NetCon delays longer than the NetStim interval, so deliveries are in flight), an
IntFire1 driven by a second NetStim that itself feeds back onto the soma, a discrete
Vector.play of an IClamp; save at 17 ms, run to 35, restore, run to 35 again, write to a
file, read it into a new SaveState, restore and run again; then change values of every
kind and restore to see which come back.
"""
import math

FREQS = [0, 5, 50, 500]


def _nodes(h, cell):
    out = []
    for sec in cell:
        for x in [0.0] + [seg.x for seg in sec] + [1.0]:
            out.append((sec, x))
    return out


def impedance(h):
    h.load_file("stdrun.hoc")
    h.dt = 0.025
    soma = h.Section(name="isoma")
    soma.L = soma.diam = 20
    d1 = h.Section(name="id1")
    d1.L, d1.diam, d1.nseg = 300, 2, 7
    d2 = h.Section(name="id2")
    d2.L, d2.diam, d2.nseg = 200, 1.2, 5
    br = h.Section(name="ibr")
    br.L, br.diam, br.nseg = 120, 1, 3
    d1.connect(soma(1))
    d2.connect(d1(1))
    br.connect(soma(0))
    cell = [soma, d1, d2, br]
    for sec in cell:
        sec.Ra = 120
        sec.insert("pas")
        for seg in sec:
            seg.pas.g = 4e-5
            seg.pas.e = -68
    d2.cm = 2
    for sec in (soma, d1, d2):
        sec.insert("hh")
    for sec in (d1, d2):
        for seg in sec:
            seg.hh.gnabar = 0.03 * (1 - seg.x / 2)
            seg.hh.gkbar = 0.012
            seg.hh.gl = 0.0001
    syns = []
    for loc, tau, e in ((d1(0.5), 2.0, 0.0), (d1(0.5), 7.0, -80.0), (d2(0.3), 3.0, 0.0)):
        s = h.ExpSyn(loc)
        s.tau, s.e = tau, e
        syns.append(s)
    stims = []
    for k, s in enumerate(syns):
        ns = h.NetStim()
        ns.start, ns.interval, ns.number, ns.noise = 2 + k, 5, 3, 0
        nc = h.NetCon(ns, s)
        nc.weight[0] = 0.002
        stims.append((ns, nc))
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur, ic.amp = 0, 1e9, 0.01
    h.finitialize(-65)
    h.continuerun(30)
    res = {"v_rest": [soma(0.5).v, d1(0.5).v, d2(0.5).v, br(0.5).v],
           "g_syn": [s.g for s in syns]}
    where = _nodes(h, cell)
    imp = h.Impedance()
    tip = h.Impedance()
    tip.loc(d2(1))
    tables = {}
    for df in (0.001, 1e-4):
        imp.deltafac(df)
        tip.deltafac(df)
        for f in FREQS:
            for ext in (0, 1):
                imp.loc(0.5, sec=soma)
                if ext:
                    imp.compute(f, 1)
                    tip.compute(f, 1)
                else:
                    imp.compute(f)
                    tip.compute(f)
                rows = []
                for sec, x in where:
                    rows.append([imp.input(x, sec=sec), imp.input_phase(x, sec=sec),
                                 imp.transfer(x, sec=sec), imp.transfer_phase(x, sec=sec),
                                 imp.ratio(x, sec=sec),
                                 tip.transfer(sec(x)), tip.transfer_phase(sec(x)),
                                 tip.ratio(sec(x))])
                tables["%g_%g_%d" % (df, f, ext)] = rows
    res["tables"] = tables
    res["deltafac"] = [imp.deltafac(), tip.deltafac()]
    res["v_after"] = [soma(0.5).v, d1(0.5).v, d2(0.5).v]     # compute leaves v alone
    return res


def savestate(h, path):
    h.load_file("stdrun.hoc")
    h.dt = 0.025
    soma = h.Section(name="ssoma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    syn = h.ExpSyn(soma(0.5))
    syn.tau, syn.e = 3, 0
    syn2 = h.Exp2Syn(soma(0.5))
    syn2.tau1, syn2.tau2, syn2.e = 0.5, 4, 0
    drive = h.NetStim()
    drive.start, drive.interval, drive.number, drive.noise = 3, 2.5, 1000, 0
    nc1 = h.NetCon(drive, syn)
    nc1.delay, nc1.weight[0] = 4.1, 0.004
    nc2 = h.NetCon(drive, syn2)
    nc2.delay, nc2.weight[0] = 2.3, 0.003
    cellb = h.IntFire1()
    cellb.tau, cellb.refrac = 6, 3
    nc3 = h.NetCon(drive, cellb)
    nc3.delay, nc3.weight[0] = 1.7, 0.45
    back = h.NetCon(cellb, syn)
    back.delay, back.weight[0] = 3.3, 0.006
    det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    det.threshold = -10
    spikes = h.Vector()
    det.record(spikes)
    bspikes = h.Vector()
    back.record(bspikes)
    ic = h.IClamp(soma(0.5))
    ic.delay, ic.dur = 0, 1e9
    amps = h.Vector([0, -0.05, 0.08, -0.02])
    times = h.Vector([0, 9, 21, 29])
    amps.play(ic._ref_amp, times)
    tv = h.Vector().record(h._ref_t)
    vv = h.Vector().record(soma(0.5)._ref_v)
    mv = h.Vector().record(cellb._ref_m)

    def tail(k, ks, kb):
        return {"t": list(tv)[k:], "v": list(vv)[k:], "m": list(mv)[k:],
                "spikes": list(spikes)[ks:], "bspikes": list(bspikes)[kb:]}

    h.finitialize(-65)
    h.continuerun(17)
    ss = h.SaveState()
    ss.save()
    res = {"t_saved": h.t}
    k, ks, kb = len(vv), len(spikes), len(bspikes)
    h.continuerun(35)
    res["first"] = tail(k, ks, kb)
    res["end_first"] = [h.t, soma(0.5).v, syn.g, syn2.A, syn2.B, cellb.m, ic.amp]
    ss.restore()
    res["after_restore"] = [h.t, soma(0.5).v, soma(0.5).hh.n, syn.g, syn2.A, syn2.B, cellb.m,
                            ic.amp]
    k, ks, kb = len(vv), len(spikes), len(bspikes)
    h.continuerun(35)
    res["second"] = tail(k, ks, kb)
    ss.fwrite(h.File(path))
    ss2 = h.SaveState()
    ss2.fread(h.File(path))
    ss2.restore()
    res["t_file"] = h.t
    k, ks, kb = len(vv), len(spikes), len(bspikes)
    h.continuerun(35)
    res["third"] = tail(k, ks, kb)
    res["sizes"] = [len(tv), len(vv), len(spikes)]
    # which values come back
    syn.tau = 9
    syn2.tau2 = 8
    drive.interval = 7
    cellb.tau = 20
    nc1.weight[0] = 0.05
    nc1.delay = 1.0
    det.threshold = 5
    soma(0.5).hh.gkbar = 0.05
    soma(0.5).hh.el = -60
    ic.dur = 5
    ss.restore()
    res["kept"] = {"ExpSyn.tau": syn.tau, "Exp2Syn.tau2": syn2.tau2,
                   "NetStim.interval": drive.interval, "IntFire1.tau": cellb.tau,
                   "NetCon.weight": nc1.weight[0], "NetCon.delay": nc1.delay,
                   "NetCon.threshold": det.threshold, "hh.gkbar": soma(0.5).hh.gkbar,
                   "hh.el": soma(0.5).hh.el, "IClamp.dur": ic.dur, "t": h.t}
    return res
