"""Models run under CVODE by NEURON (data/make_cvode_expected.py) and by ranvier
(test_cvode_neuron.py); ``run(h, name)`` returns plain lists and numbers."""

SCENARIOS = ("hh_soma", "tree_syn", "tree_syn_tight", "tree_active")


def _tree(h, depth, nseg, active):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    soma.nseg = nseg
    soma.insert("hh")
    secs = [soma]
    level = [soma]
    for k in range(1, depth):
        nxt = []
        for i, parent in enumerate(level):
            for c in range(2):
                s = h.Section(name="d%d_%d" % (k, 2 * i + c))
                s.L = 80
                s.diam = 3.0 * 2.0 ** (-2.0 * (k - 1) / 3.0)
                s.nseg = nseg
                s.Ra = 100
                s.insert("pas")
                for seg in s:
                    seg.pas.g = 1e-4
                    seg.pas.e = -65
                if active:
                    s.insert("hh")
                s.connect(parent(1.0), 0.0)
                nxt.append(s)
        level = nxt
        secs.extend(nxt)
    return soma, secs, level


def run(h, name):
    h.load_file("stdrun.hoc")
    h.cvode_active(1)
    h.cvode.atol(1e-5 if name.endswith("_tight") else 1e-3)
    h.cvode.rtol(0)
    keep = []
    if name == "hh_soma":
        soma = h.Section(name="soma")
        soma.insert("hh")
        stim = h.IClamp(soma(0.5))
        stim.delay, stim.dur, stim.amp = 0, 1e9, 20
        keep += [soma, stim]
        probes = [soma(0.5)]
        tstop = 50.0
    else:
        soma, secs, leaves = _tree(h, 4, 5, name == "tree_active")
        keep += secs
        ns = h.NetStim()
        ns.start, ns.interval, ns.number, ns.noise = 2, 7, 5, 0
        syn = h.ExpSyn(leaves[0](0.5))
        syn.tau, syn.e = 2, 0
        nc = h.NetCon(ns, syn)
        nc.delay, nc.weight[0] = 1, 0.05
        stim = h.IClamp(soma(0.5))
        stim.delay, stim.dur, stim.amp = 0, 1e9, 0.15
        keep += [ns, syn, nc, stim]
        probes = [soma(0.5), leaves[0](0.5), leaves[-1](1.0)]
        tstop = 40.0
    recs = []
    for seg in probes:
        r = h.Vector()
        r.record(seg._ref_v, 0.1)
        recs.append(r)
    tv = h.Vector()
    tv.record(h._ref_t)
    spikes = h.Vector()
    det = h.NetCon(probes[0]._ref_v, None, sec=probes[0].sec)
    det.threshold = 0
    det.record(spikes)
    keep += [det]
    h.finitialize(-65)
    h.continuerun(tstop)
    res = {"steps": len(tv) - 1, "t": h.t, "spikes": list(spikes),
           "v": [list(r) for r in recs]}
    h.cvode_active(0)
    del keep
    return res
