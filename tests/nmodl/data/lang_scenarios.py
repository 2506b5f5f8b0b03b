"""Scenarios for the NMODL-language corpus (tests/nmodl/corpus, issue 7's constructs),
run identically by NEURON 9.0.2 (make_lang_expected.py) and by ranvier
(test_nmodl_lang.py).

Each scenario builds NMODL.md's Protocol P cell (one section, L = diam = 20 um,
nseg 1, Ra 35.4, cm 1, celsius 6.3, dt 0.025, pas unless told otherwise),
inserts the listed density mechanisms and point processes, runs
finitialize(-65) and 200 fadvance() calls and returns plain floats: the
sampled expressions after finitialize and every 20 steps.

A scenario is a dict:
  mechs   density mechanisms to insert (in this order)
  pp      (class name, {attribute: value}) of a point process at 0.5, or None
  pas     insert pas (g 1e-4, e -65)? default True
  amp     IClamp(0.5) amplitude (delay 1, dur 2), or None
  set     {"seg.mech.name" or "h.name": value} assigned before finitialize
  rec     expressions sampled (Python, with seg, pp, sec and h in scope)
  setup   name of an extra setup function below (pointers, NetCons, ...)
  celsius temperature (default 6.3)
  nstep   fadvance() calls (default 200; sampled every 20)
"""

SCENARIOS = {
    "unitlit": dict(mechs=["unitlit"], amp=0.1, rec=["seg.unitlit.m", "seg.unitlit.mtau"]),
    "unitlit_warm": dict(mechs=["unitlit"], amp=0.1, celsius=30.0, rec=["seg.unitlit.m"]),
    "incl": dict(mechs=["incl"], amp=0.2, rec=["seg.incl.h"]),
    "dimp2": dict(mechs=["dimp2"], amp=0.1, rec=["seg.dimp2.a", "seg.dimp2.b"]),
    "eulr": dict(mechs=["eulr"], amp=0.1, rec=["seg.eulr.a", "seg.eulr.c"]),
    "tsglob": dict(mechs=["tsglob"], amp=0.15, set={"h.vhalf_tsglob": -50.0},
                   rec=["seg.tsglob.n", "h.ninf_tsglob", "h.ntau_tsglob"]),
    "elec": dict(mechs=["elec"], amp=None, pas=False, rec=["seg.elec.i"]),
    "tabdep": dict(mechs=["tabdep"], amp=0.1, rec=["seg.tabdep.m", "h.minf_tabdep"]),
    "tabdep_q": dict(mechs=["tabdep"], amp=0.1, celsius=16.3, set={"h.q_tabdep": 2.0},
                     rec=["seg.tabdep.m", "h.mtau_tabdep"]),
    "tabdep_off": dict(mechs=["tabdep"], amp=0.1, set={"h.usetable_tabdep": 0.0},
                       rec=["seg.tabdep.m"]),
    "ghk_pool": dict(mechs=["capool2", "cachan"], amp=0.1,
                     rec=["seg.cai", "seg.eca", "seg.ica", "seg.cachan.m"]),
    "nernst_lag": dict(mechs=["capool2", "cachan", "ecaread"], amp=0.2,
                       rec=["seg.cai", "seg.eca", "seg.ecaread.ecopy", "h.ion_style('ca_ion', sec=sec)"]),
    "newion": dict(mechs=["newion", "xxpool"], amp=0.1,
                   rec=["seg.xxi", "seg.exx", "seg.ixx", "seg.newion.ecopy"]),
    "printf": dict(mechs=["prtf"], amp=0.1, rec=["seg.prtf.i", "seg.prtf.calls"]),
    "evmove": dict(mechs=[], pp=("EvMove", {}), amp=None, setup="netcon_record",
                   rec=["pp.g", "pp.n", "pp.tmoved"]),
    "ranpp": dict(mechs=[], pp=("RanPP", {"amp": 0.05}), amp=None, rec=["pp.x", "pp.i"]),
    "ptrsyn": dict(mechs=[], pp=("PtrSyn", {"g": 0.004}), amp=0.2, setup="pointer_to_other",
                   rec=["pp.i", "pp.vpre"]),
    "nlsys": dict(mechs=["nlsys"], amp=0.2, rec=["seg.nlsys.a", "seg.nlsys.b", "seg.nlsys.q"]),
    "nlsolvefor": dict(mechs=["nlsolvefor"], amp=0.2,
                       rec=["seg.nlsolvefor.x", "seg.nlsolvefor.w", "seg.nlsolvefor.z"]),
    "linsys": dict(mechs=["linsys"], amp=0.2,
                   rec=["seg.linsys.x", "seg.linsys.w", "seg.linsys.z", "seg.linsys.u", "seg.linsys.q"]),
    "baorder": dict(mechs=["baorder"], amp=0.2,
                    rec=["seg.baorder.seq", "seg.baorder.nbb", "seg.baorder.nas", "seg.baorder.nbs",
                         "seg.baorder.tbb", "seg.baorder.tas", "seg.baorder.tbs", "seg.baorder.vbb",
                         "seg.baorder.vas", "seg.baorder.x", "seg.baorder.y1"]),
    "vbidiom": dict(mechs=["vbidiom"], amp=0.1,
                    rec=["seg.vbidiom.cnt", "seg.vbidiom.x", "seg.vbidiom.gate"]),
    "vbflow": dict(mechs=["vbflow"], amp=0.5,
                   rec=["seg.vbflow.peak", "seg.vbflow.tpeak", "seg.vbflow.nup", "seg.vbflow.band",
                        "seg.vbflow.steps", "seg.vbflow.w", "seg.vbflow.i"]),
    "ssdimp": dict(mechs=["ssdimp"], amp=0.2, rec=["seg.ssdimp.c1", "seg.ssdimp.c2"]),
    "ftab": dict(mechs=["ftab"], amp=0.2, setup="function_tables", rec=["seg.ftab.m", "seg.ftab.i"]),
    "locarr": dict(mechs=["locarr"], amp=0.1, rec=["seg.locarr.acc", "seg.locarr.i"]),
    "rk4": dict(mechs=["rk4"], amp=0.2, rec=["seg.rk4.a", "seg.rk4.b", "seg.rk4.ainf"]),
    "nometh": dict(mechs=["nometh"], amp=0.2, rec=["seg.nometh.m", "seg.nometh.minf", "seg.nometh.calls"]),
    "ufactor": dict(mechs=["ufactor"], amp=0.1,
                    rec=["seg.ufactor.c", "h.f1_ufactor", "h.f2_ufactor", "h.f3_ufactor", "h.f4_ufactor",
                         "h.f5_ufactor", "h.f6_ufactor"]),
    "flocarr": dict(mechs=[], pp=("FLocArr", {}), amp=None, rec=["pp.i"]),
    "sdisc": dict(mechs=[], pp=("SDisc", {}), amp=None, setup="netstim_drive", rec=["pp.g", "pp.i", "pp.nev"]),
    "tabrange": dict(mechs=["tabrange"], amp=0.1, setup="second_tabrange",
                     rec=["seg.tabrange.m", "h.minf_tabrange", "h.mtau_tabrange"]),
    # WATCH (issue 7): threshold detectors on an hh soma driven to fire repeatedly
    # (20 ms at 16.3 degC: several spikes)
    "wthresh": dict(mechs=["hh"], pp=("WThresh", {}), amp=0.3, setup="watch_stim", celsius=16.3,
                    nstep=800, rec=["pp.n", "pp.tup"]),
    "wthresh_rearm": dict(mechs=["hh"], pp=("WThresh", {"rearm": 1.0, "thresh": -40.0}), amp=0.3,
                          setup="watch_stim", celsius=16.3, nstep=800,
                          rec=["pp.n", "pp.nd", "pp.tup", "pp.tdown"]),
    "wmulti": dict(mechs=["hh"], pp=("WMulti", {}), amp=0.3, setup="watch_stim", celsius=16.3,
                   nstep=800, rec=["pp.n2", "pp.n3", "pp.n4", "pp.t2", "pp.t3", "pp.t4", "pp.g"]),
    # LAG x BY tau (issue 7): in a current's BREAKPOINT, and of a STATE in the state phase
    "lagcur": dict(mechs=["hh", "lagcur"], amp=0.3, rec=["seg.lagcur.y", "seg.lagcur.i"]),
    "lagcur_short": dict(mechs=["lagcur"], amp=0.2, set={"seg.lagcur.tau": 0.06},
                         rec=["seg.lagcur.y"]),
    "lagst": dict(mechs=["lagst"], amp=0.3, rec=["seg.lagst.m", "seg.lagst.mlag"]),
    # at_time (issue 7), with state_discontinuity in NET_RECEIVE
    "sdisc_at": dict(mechs=[], pp=("SdPP", {"del": 1.0}), amp=None, setup="netstim_at",
                     rec=["pp.g", "pp.n", "pp.tat", "pp.tat2"]),
}


def netcon_record(h, sec, seg, pp, keep):
    """Record the point process's net_event times."""
    tv = h.Vector()
    nc = h.NetCon(pp, None)
    nc.record(tv)
    keep["events"] = tv
    keep["nc"] = nc


def watch_stim(h, sec, seg, pp, keep):
    """A second, steady IClamp (repetitive firing over the run) and the point process's
    net_event times recorded (as netcon_record)."""
    stim = h.IClamp(seg)
    stim.delay = 0.2
    stim.dur = 10
    stim.amp = 0.4
    keep["stim2"] = stim
    netcon_record(h, sec, seg, pp, keep)


def netstim_at(h, sec, seg, pp, keep):
    """A NetStim (3 events from 0.5 ms, 1 ms apart) drives the point process, weight 0.002."""
    ns = h.NetStim()
    ns.start = 0.5
    ns.interval = 1
    ns.number = 3
    nc = h.NetCon(ns, pp, 0, 0, 0.002)
    keep["ns"] = ns
    keep["nc_in"] = nc


def pointer_to_other(h, sec, seg, pp, keep):
    """A second passive cell (with a steady inward current); the POINTER reads its v."""
    other = h.Section(name="other")
    other.L = other.diam = 20
    other.insert("pas")
    other.g_pas = 1e-4
    other.e_pas = -55
    h.setpointer(other(0.5)._ref_v, "vpre", pp)
    keep["other"] = other


def netstim_drive(h, sec, seg, pp, keep):
    """A NetStim (start 1 ms, every 1.5 ms, 3 events) into the point process, weight 0.004."""
    ns = h.NetStim()
    ns.start = 1
    ns.interval = 1.5
    ns.number = 3
    ns.noise = 0
    nc = h.NetCon(ns, pp)
    nc.delay = 0.5
    nc.weight[0] = 0.004
    keep["ns"] = ns
    keep["nc"] = nc


def second_tabrange(h, sec, seg, pp, keep):
    """A second tabrange instance with another vs (the TABLE DEPENDs on that RANGE
    PARAMETER) and its own stimulus, inserted after the recorded one."""
    other = h.Section(name="other_tabrange")
    other.L = other.diam = 20
    other.insert("pas")
    other.g_pas = 1e-4
    other.e_pas = -65
    other.insert("tabrange")
    other(0.5).tabrange.vs = 7.5
    stim = h.IClamp(other(0.5))
    stim.delay = 0.5
    stim.dur = 3
    stim.amp = 0.25
    keep["other"] = other
    keep["stim_other"] = stim


def function_tables(h, sec, seg, pp, keep):
    """FUNCTION_TABLE values: tauf from an uneven grid, gscale a constant."""
    xs = [-100.0, -72.5, -61.0, -50.25, -43.0, -30.0, -12.5, 0.0, 17.0, 45.0]
    ys = [4.0, 3.7, 2.9, 1.3, 0.8, 0.55, 0.7, 1.1, 1.9, 2.5]
    h.table_tauf_ftab(h.Vector(ys), h.Vector(xs))
    h.table_gscale_ftab(1.7)


def run(h, name):
    sc = SCENARIOS[name]
    sec = h.Section(name="soma_" + name)
    sec.L = sec.diam = 20
    sec.nseg = 1
    sec.Ra = 35.4
    sec.cm = 1
    if sc.get("pas", True):
        sec.insert("pas")
        sec.g_pas = 1e-4
        sec.e_pas = -65
    for m in sc["mechs"]:
        sec.insert(m)
    seg = sec(0.5)
    pp = None
    if sc.get("pp"):
        cls, attrs = sc["pp"]
        pp = getattr(h, cls)(seg)
        for k, val in attrs.items():
            setattr(pp, k, val)
    stim = None
    if sc.get("amp") is not None:
        stim = h.IClamp(seg)
        stim.delay = 1
        stim.dur = 2
        stim.amp = sc["amp"]
    h.celsius = sc.get("celsius", 6.3)
    h.dt = 0.025
    keep = {}
    if sc.get("setup"):
        globals()[sc["setup"]](h, sec, seg, pp, keep)
    env = {"h": h, "seg": seg, "sec": sec, "pp": pp}
    saved = []
    for key, val in sc.get("set", {}).items():
        obj, attr = key.rsplit(".", 1)
        target = eval(obj, env)
        saved.append((target, attr, getattr(target, attr)))
        setattr(target, attr, val)
    out = {"v": [], "t": []}
    for r in sc["rec"]:
        out[r] = []

    def sample():
        out["t"].append(float(h.t))
        out["v"].append(float(seg.v))
        for r in sc["rec"]:
            out[r].append(float(eval(r, env)))

    h.finitialize(-65)
    sample()
    for step in range(1, sc.get("nstep", 200) + 1):
        h.fadvance()
        if step % 20 == 0:
            sample()
    if "events" in keep:
        out["events"] = [float(x) for x in keep["events"]]
    # restore the globals so that later scenarios in one process start alike
    for target, attr, old in saved:
        setattr(target, attr, old)
    keep.clear()
    del stim, pp, seg
    return out
