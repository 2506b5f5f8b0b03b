"""Scenarios for the built-in SEClamp, APCount, IntFire1, IntFire2 and IntFire4.

Each scenario is a function of `h` (NEURON's or ranvier's) that builds a small
model, runs it on fixed step and returns a dict of numbers (lists of floats).
make_builtin_expected.py runs them under NEURON 9.0.2 and stores the results in
builtin_expected.json; test_builtin_mechanisms.py runs them under ranvier and
compares.  Keep them small (a few thousand steps) and free of simultaneous
events whose order would be arbitrary.
"""


def _steps(h, n, every=1, sample=None):
    out = []
    for k in range(n):
        h.fadvance()
        if sample is not None and (k + 1) % every == 0:
            out.append(sample())
    return out


def _columns(rows):
    return [list(c) for c in zip(*rows)] if rows else []


def _soma(h, name, hh=True, diam=20.0):
    sec = h.Section(name=name)
    sec.L = sec.diam = diam
    if hh:
        sec.insert("hh")
    else:
        sec.insert("pas")
        sec.g_pas = 1e-4
        sec.e_pas = -65
    return sec


def seclamp_levels(h):
    """Three levels through a series resistance on an hh soma, then off; a second
    clamp at a section end (x = 1) on a passive cable; i, vc and v every step."""
    h.dt = 0.025
    soma = _soma(h, "soma")
    c = h.SEClamp(soma(0.5))
    c.dur1, c.amp1 = 3, -75
    c.dur2, c.amp2 = 6, 10
    c.dur3, c.amp3 = 4, -40
    c.rs = 0.8
    cable = _soma(h, "cable", hh=False, diam=2)
    cable.L = 200
    cable.nseg = 5
    c2 = h.SEClamp(cable(1))
    c2.dur1, c2.amp1 = 5, -50
    c2.dur2, c2.amp2 = 5, -90
    c2.rs = 5
    recs = {k: h.Vector().record(r) for k, r in (
        ("i", c._ref_i), ("vc", c._ref_vc), ("v", soma(0.5)._ref_v),
        ("i2", c2._ref_i), ("v2", cable(1)._ref_v), ("v2mid", cable(0.5)._ref_v))}
    h.finitialize(-65)
    _steps(h, 640)
    out = {k: list(v) for k, v in recs.items()}
    out["after"] = [c.i, c.vc, c2.i, c2.vc]
    return out


def seclamp_methods(h):
    """vstim() and icur() called as methods between steps (they use the present t and v)."""
    h.dt = 0.025
    soma = _soma(h, "soma")
    c = h.SEClamp(soma(0.5))
    c.dur1, c.amp1, c.rs = 2, -80, 2
    h.finitialize(-65)
    _steps(h, 20)
    rows = []
    for amp in (-80, -30, 20):
        c.amp1 = amp
        rows.append([c.vstim(), c.vc, c.i, c.icur(), c.i])
    return {"rows": rows}


def vclamp(h):
    """Two-electrode clamp: three levels on an hh soma (ideal measurement, tau2 = 0), and
    on a passive soma with fac 0.5 and tau2 > 0; v, i, e, vo and vi every step; the
    arrays dur[] and amp[] through their Python views."""
    h.dt = 0.025
    out = {}
    for label, hh, fac, tau2, durs, amps in (("hh", True, 0, 0, (1, 2, 1), (-70, 0, -50)),
                                            ("pas", False, 0.5, 0.01, (0.5, 0.75, 0.5),
                                             (-40, -80, -55))):
        soma = _soma(h, "soma_" + label, hh=hh)
        c = h.VClamp(soma(0.5))
        for k in range(3):
            c.dur[k] = durs[k]
            c.amp[k] = amps[k]
        c.fac, c.tau2 = fac, tau2
        recs = {k: h.Vector().record(r) for k, r in (
            ("v", soma(0.5)._ref_v), ("i", c._ref_i), ("e", c._ref_e), ("vo", c._ref_vo),
            ("vi", c._ref_vi))}
        h.finitialize(-65)
        _steps(h, 200)
        for k, vec in recs.items():
            out["%s_%s" % (label, k)] = list(vec)
        out[label + "_after"] = [c.e0, c.vo0, c.vi0, c.i] + list(c.dur) + list(c.amp)
        del recs
    return out


def apcount_train(h):
    """An hh soma driven by pulses: two counters (thresholds -20 and 0 mV) recording
    into Vectors, a run, then a second run with other pulses (the records restart)."""
    h.dt = 0.025
    soma = _soma(h, "soma")
    stims = []
    for delay, amp in ((2, 0.05), (8, 0.3), (20, 1.5), (26, 1.5), (40, 0.6)):
        st = h.IClamp(soma(0.5))
        st.delay, st.dur, st.amp = delay, 1, amp
        stims.append(st)
    a1 = h.APCount(soma(0.5))
    a2 = h.APCount(soma(0.5))
    a2.thresh = 0
    v1, v2 = h.Vector(), h.Vector()
    a1.record(v1)
    a2.record(v2)
    out = {}
    h.finitialize(-65)
    _steps(h, 2400)
    out["run1"] = [a1.n, a1.time, a1.firing, a2.n, a2.time, a2.firing]
    out["run1_times"] = [list(v1), list(v2)]
    stims[3].amp = 0
    stims[4].amp = 2
    h.finitialize(-65)
    _steps(h, 2400)
    out["run2"] = [a1.n, a1.time, a1.firing, a2.n, a2.time, a2.firing]
    out["run2_times"] = [list(v1), list(v2)]
    # above threshold from the start: a crossing at INITIAL
    a1.thresh = -70
    h.finitialize(-65)
    out["init"] = [a1.n, a1.time, a1.firing, len(v1)] + list(v1)
    return out


def _netstims(h, specs):
    stims = []
    for start, interval, number in specs:
        ns = h.NetStim()
        ns.start, ns.interval, ns.number, ns.noise = start, interval, number, 0
        stims.append(ns)
    return stims


def _drive(h, cell, stims, weights, delays):
    ncs = []
    for ns, w, d in zip(stims, weights, delays):
        nc = h.NetCon(ns, cell)
        nc.weight[0] = w
        nc.delay = d
        ncs.append(nc)
    return ncs


def _spikes(h, cell):
    vec = h.Vector()
    nc = h.NetCon(cell, None)
    nc.record(vec)
    return vec, nc


def intfire1(h):
    """IntFire1 with a refractory period: spikes, m every step, M() every 0.5 ms.
    (A section exists: NEURON 9.0.2 records nothing at all for a model with NetCons
    and no section.)"""
    h.dt = 0.025
    dummy = _soma(h, "dummy", hh=False)
    cell = h.IntFire1()
    cell.tau, cell.refrac = 6, 3.3
    stims = _netstims(h, ((2, 3, 30), (3.7, 5.3, 15), (11, 13, 6)))
    ncs = _drive(h, cell, stims, (0.45, 0.3, -0.4), (0.5, 1.3, 0.9))
    out_vec, out_nc = _spikes(h, cell)
    m = h.Vector().record(cell._ref_m)
    h.finitialize(-65)
    rows = _steps(h, 3200, 20, lambda: [h.t, cell.M(), cell.m])
    return {"spikes": list(out_vec), "m": list(m), "samples": _columns(rows)}


def intfire2(h):
    """IntFire2 below threshold bias (ib 0.4) and above it (ib 1.3: fires on its own),
    with excitatory and inhibitory inputs."""
    h.dt = 0.025
    out = {}
    for label, ib, taum, taus, weights in (("low", 0.4, 8, 30, (0.3, 0.45, -0.5)),
                                           ("high", 1.3, 12, 20, (0.2, 0.1, -0.9))):
        cell = h.IntFire2()
        cell.ib, cell.taum, cell.taus = ib, taum, taus
        stims = _netstims(h, ((3, 4.1, 40), (5.5, 7.7, 20), (9, 12.3, 12)))
        ncs = _drive(h, cell, stims, weights, (0.7, 1.1, 0.35))
        out_vec, out_nc = _spikes(h, cell)
        h.finitialize(-65)
        rows = _steps(h, 6000, 40, lambda: [h.t, cell.M(), cell.I(), cell.m, cell.i])
        out[label + "_spikes"] = list(out_vec)
        out[label + "_samples"] = _columns(rows)
        del ncs, out_nc
    return out


def intfire4(h):
    """IntFire4 with two sets of time constants: spikes, the stored states and the
    analytic M(), E(), I() every 1 ms, and the event counters."""
    h.dt = 0.025
    out = {}
    for label, taus, weights in (("default", None, (0.5, 0.8, -0.7)),
                                 ("fast", (1.5, 4, 9, 14), (0.35, 0.9, -1.2))):
        cell = h.IntFire4()
        if taus is not None:
            cell.taue, cell.taui1, cell.taui2, cell.taum = taus
        stims = _netstims(h, ((2, 3.3, 50), (4.2, 6.1, 26), (7.5, 9.7, 16)))
        ncs = _drive(h, cell, stims, weights, (0.6, 1.15, 1.45))
        out_vec, out_nc = _spikes(h, cell)
        h.finitialize(-65)
        rows = _steps(h, 6400, 40, lambda: [h.t, cell.M(), cell.E(), cell.I(), cell.m, cell.e,
                                            cell.i1, cell.i2])
        out[label + "_spikes"] = list(out_vec)
        out[label + "_samples"] = _columns(rows)
        out[label + "_counts"] = [cell.nself, cell.nexcite, cell.ninhibit]
        out[label + "_factors"] = [cell.ae, cell.ai1, cell.ai2]
        del ncs, out_nc
    return out


def intfire4_preconditions(h):
    """The time constants INITIAL moves apart (and the factors that follow)."""
    cases = [(5, 5, 5, 5), (10, 5, 20, 50), (5, 20, 10, 50), (5, 10, 20, 15), (5, 10, 10.001, 50),
             (5, 10, 20, 20), (3, 2, 1, 0.5), (5, 10, 20, 5), (5, 10, 20, 5.005),
             (5, 10, 20, 4.995), (5, 10, 20, 10), (5, 10, 20, 10.005), (5, 10, 20, 9.995),
             (5, 10, 20, 20.005), (25, 10, 20, 50), (5, 5, 10, 5), (10, 10, 10, 10),
             (2, 7, 1.991, 100), (2, 7, 2.005, 100), (1, 2, 3, 4)]
    cell = h.IntFire4()
    rows = []
    for taus in cases:
        cell.taue, cell.taui1, cell.taui2, cell.taum = taus
        h.finitialize(-65)
        rows.append([cell.taue, cell.taui1, cell.taui2, cell.taum, cell.ae, cell.ai1, cell.ai2])
    return {"rows": rows}


def functions(h):
    """FUNCTIONs called as methods with arguments and on set states."""
    c2 = h.IntFire2()
    c2.taum, c2.taus = 12, 25
    c4 = h.IntFire4()
    c4.taue, c4.taui1, c4.taui2, c4.taum = 2, 5, 10, 25
    h.finitialize(-65)
    ft = []
    for a, b, c in ((2, 0, 0), (1.5, 0, 0), (1.5, 0.5, 0), (1.2, 0.3, 0.6), (0, 1, 0), (1, 0, 0),
                    (0.5, 1.5, 0), (0.6, 1.2, 0.3), (0.99, 0.5, 0.9), (2, 0, 1.5), (0.5, 0, 1.0),
                    (1.5, -0.5, 1.0), (0.3, 0.6, 1.2), (0.8, 0.9, -0.4), (1.05, -0.6, 0.2)):
        ft.append(c2.firetime(a, b, c))
    fb = []
    for e, i1, i2, m in ((1, 0, 0, 0), (2, 0, 0, 0), (1, 0, 0, 0.5), (0, 0, 0, 0.9), (0.5, 0, 0, 0.9),
                         (0.1, 0, 0, 0.99), (2, -1, 0, 0), (2, 0, -1, 0), (0, 0, 1, 0.5),
                         (0, 1, 0, 0.5), (0, 0, 10, 0.5)):
        c4.e, c4.i1, c4.i2, c4.m = e, i1, i2, m
        fb.append(c4.firetimebound())
    return {"firetime": ft, "firetimebound": fb,
            "factors": [c4.ae, c4.ai1, c4.ai2, c4.deriv(0.5), c4.deriv(3.0), c4.deriv(40.0)]}


SCENARIOS = {f.__name__: f for f in (seclamp_levels, seclamp_methods, vclamp, apcount_train,
                                     intfire1, intfire2, intfire4, intfire4_preconditions,
                                     functions)}
