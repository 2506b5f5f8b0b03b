"""Probe of MechanismType, MechanismStandard, PtrVector and their neighbours.

Runs unchanged under NEURON and under ranvier (``python -m ranvier probe.py``, where
``import neuron`` is ranvier):

    python probe.py MODDIR OUT.json

MODDIR holds the test mechanisms (mtcell.mod, mtden.mod, mtsyn.mod); NEURON needs them
built there with nrnivmodl first (make_expected.py does it).  The results go to OUT.json.
"""
import json
import sys

import neuron
from neuron import h

moddir, out_path = sys.argv[1], sys.argv[2]
R = {}


def listing():
    rows = {}
    for t in (0, 1):
        mt = h.MechanismType(t)
        s = h.ref("")
        out = []
        for i in range(int(mt.count())):
            mt.select(i)
            k = mt.selected(s)
            out.append([k, s[0], mt.internal_type(), bool(mt.is_netcon_target(i)),
                        bool(mt.has_net_event(i)), bool(mt.is_artificial(i)), bool(mt.is_ion())])
        rows[str(t)] = out
    return rows


def standard(name):
    out = {}
    s = h.ref("")
    for vt in range(-1, 4):
        ms = h.MechanismStandard(name, vt)
        names = []
        for j in range(int(ms.count())):
            size = int(ms.name(s, j))
            names.append([s[0], size, bool(ms.is_array(j))])
        vals = None
        if vt >= 0:
            vals = [[ms.get(n, q) for q in range(size)] for n, size, _ in names]
        out[str(vt)] = {"names": names, "values": vals}
    return out


BUILTINS = ["morphology", "capacitance", "pas", "na_ion", "k_ion", "hh", "IClamp",
            "AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp", "VClamp", "APCount", "NetStim",
            "IntFire1", "IntFire2", "IntFire4"]

# -- before any user mechanism and any section
R["listing_builtin"] = listing()
R["standard"] = {n: standard(n) for n in BUILTINS}
try:                                    # ranvier compiles the .mod files themselves
    import ranvier
    ranvier.load_mechanisms(moddir)
except ImportError:                     # NEURON: x86_64/ built there by nrnivmodl
    neuron.load_mechanisms(moddir)
R["listing_mods"] = listing()
for n in ("mtcell", "mtden", "mtsyn", "ca_ion"):
    R["standard"][n] = standard(n)

# -- StringFunctions.is_point_process / is_artificial for every built-in point process
sf = h.StringFunctions()
soma = h.Section(name="soma")
kinds = {}
for n in ("IClamp", "AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp", "VClamp", "APCount",
          "NetStim", "IntFire1", "IntFire2", "IntFire4", "mtsyn", "mtcell"):
    cls = getattr(h, n)
    o = cls() if n in ("NetStim", "IntFire1", "IntFire2", "IntFire4", "mtcell") else cls(soma(0.5))
    kinds[n] = [int(sf.is_point_process(o)), int(sf.is_artificial(o))]
kinds["Vector"] = [int(sf.is_point_process(h.Vector())), int(sf.is_artificial(h.Vector()))]
kinds["unlocated IClamp"] = [int(sf.is_point_process(h.IClamp())), int(sf.is_artificial(h.IClamp()))]
R["kinds"] = kinds

# -- pp_begin / pp_next: position along the section, newest first at one node
cable = h.Section(name="cable")
cable.nseg = 5
dend = h.Section(name="dend")
dend.connect(cable(1))
stims = [h.IClamp(cable(x)) for x in (0.5, 0, 1, 0.2, 0.5, 0.55, 0.95)]
stims.append(h.IClamp(dend(0)))
names = {s.hname(): k for k, s in enumerate(stims)}
mt = h.MechanismType(1)
mt.select("IClamp")
order = {}
for sec in (cable, dend):
    got = []
    pp = mt.pp_begin(sec=sec)
    while pp is not None:
        got.append([names[pp.hname()], pp.get_loc()])
        h.pop_section()
        pp = mt.pp_next()
    order[sec.name()] = got
R["pp_order"] = order

# -- make / remove
mt0 = h.MechanismType(0)
mt0.select("mtden")
res = {"make": mt0.make(sec=dend)}
res["after_make"] = bool(dend.has_membrane("mtden"))
res["remove"] = mt0.remove(sec=dend)
res["after_remove"] = bool(dend.has_membrane("mtden"))
res["remove_again"] = mt0.remove(sec=dend)
mt.select("ExpSyn")
ref = h.ref(None)
res["make_pp"] = mt.make(ref)
res["made"] = [ref[0].hname().split("[")[0], float(ref[0].has_loc())]
R["make"] = res

# -- in / out
s = h.Section(name="s")
s.nseg = 3
s.insert("hh")
s.insert("mtden")
for i, seg in enumerate(s):
    seg.hh.gnabar = 0.1 * (i + 1)
    seg.mtden.w[1] = 2.0 * (i + 1)
io = {}
ms = h.MechanismStandard("hh")
ms._in(sec=s)
io["in_first"] = ms.get("gnabar_hh")
ms._in(0.9, sec=s)
io["in_x"] = ms.get("gnabar_hh")
ms._in(0, sec=s)
io["in_0"] = ms.get("gnabar_hh")
ms._in(1, sec=s)
io["in_1"] = ms.get("gnabar_hh")
ms.set("gkbar_hh", 0.07)
ms.set("gnabar_hh", 0.5)
ms.out(0.5, sec=s)
io["out_x"] = [[seg.hh.gnabar, seg.hh.gkbar] for seg in s]
ms.set("gnabar_hh", 0.6)
ms.out(sec=s)
io["out_all"] = [[seg.hh.gnabar, seg.hh.gkbar] for seg in s]
for i, seg in enumerate(s):
    seg.hh.minf = 0.05 * (i + 1)
    seg.hh.ninf = 0.5 - 0.125 * i
ms2 = h.MechanismStandard("hh", 2)
ms2._in(sec=s)
io["in_assigned"] = [ms2.get("minf_hh"), ms2.get("ninf_hh"), ms2.get("gnabar_hh")]
ms3 = h.MechanismStandard("hh", 3)
ms3.set("m_hh", 0.9)
ms3.out(sec=s)
io["out_state"] = [[seg.hh.m, seg.hh.gnabar] for seg in s]
ms0 = h.MechanismStandard("hh", 0)
ms0.set("m_hh", 0.33)
ms0.set("gl_hh", 0.001)
ms._in(ms0)
io["ms_to_ms"] = [ms.get("gl_hh"), ms.get("m_hh"), ms.get("gnabar_hh")]
md = h.MechanismStandard("mtden", 0)
md._in(0.9, sec=s)
io["array_in"] = [md.get("w_mtden", 0), md.get("w_mtden", 1), md.get("r_mtden", 1),
                  md.get("q_mtden", 1), md.get("s_mtden")]
md.set("w_mtden", 7.5, 0)
md.out(0.1, sec=s)
io["array_out"] = [[seg.mtden.w[0], seg.mtden.w[1]] for seg in s]
mp = h.MechanismStandard("pas")
mp._in(sec=s)
io["absent_in"] = mp.get("g_pas")
mp.out(sec=s)
io["absent_out"] = bool(s.has_membrane("pas"))
ic = h.IClamp(s(0.5))
ic.amp = 0.3
ic.dur = 2
mi = h.MechanismStandard("IClamp")
mi._in(ic)
io["pp_in"] = [mi.get("amp"), mi.get("dur"), mi.get("del")]
mi.set("del", 5)
mi.out(ic)
io["pp_out"] = ic.delay
e = h.ExpSyn(s(0.5))
mi._in(e)
io["pp_in_other"] = mi.get("amp")
mi.out(e)
io["pp_out_other"] = e.tau
vc = h.VClamp(s(0.5))
vc.dur[1] = 3
vc.amp[2] = 7
mv = h.MechanismStandard("VClamp")
mv._in(vc)
io["vclamp_in"] = [mv.get("dur", 1), mv.get("amp", 2), mv.get("gain")]
mv.set("amp", 9, 0)
mv.out(vc)
io["vclamp_out"] = vc.amp[0]
mc = h.MechanismStandard("capacitance")
mc.set("cm", 2)
mc.out(sec=s)
io["cm_out"] = [seg.cm for seg in s]
mm = h.MechanismStandard("morphology")
mm.set("diam", 3)
mm.out(0.5, sec=s)
io["diam_out"] = [seg.diam for seg in s]
mm._in(0.1, sec=s)
io["diam_in"] = mm.get("diam")
R["in_out"] = io

# -- PtrVector
pv = h.PtrVector(3)
p = {"size": pv.size(), "dummy": pv.getval(0), "setval_dummy": pv.setval(0, 5),
     "dummy_shared": pv.getval(1)}
p["pset_v"] = pv.pset(1, s(0.5)._ref_v)
p["pset_m"] = pv.pset(2, s(0.1).hh._ref_m)
p["pset_t"] = pv.pset(0, h._ref_t)
p["setval"] = pv.setval(1, -50)
p["v_after_setval"] = s(0.5).v
pv.scatter(h.Vector([10, 20, 0.125]))
p["after_scatter"] = [h.t, s(0.5).v, s(0.1).hh.m]
s(0.5).v = -61
dst = h.Vector(3)
p["gather"] = pv.gather(dst)
p["gathered"] = list(dst)
p["label"] = [pv.label(), pv.label("hello"), pv.label()]
p["resize_same"] = pv.resize(3)
p["resize"] = pv.resize(5)
p["after_resize"] = [pv.getval(i) for i in range(5)]
pv2 = h.PtrVector(2)
pv2.pset(0, s(0.5)._ref_v)
pv2.pset(1, s(0.5).hh._ref_gnabar)
s.nseg = 5
s(0.5).v = -12.5
s(0.5).hh.gnabar = 0.25
p["after_nseg"] = [pv2.getval(0), pv2.getval(1)]
R["ptrvector"] = p

# -- SectionList.size, SectionRef.rename/unname of a Python section
sl = h.SectionList([s, soma, cable])
sr = h.SectionRef(sec=cable)
R["misc"] = {"sectionlist_size": sl.size(), "py_rename": sr.rename("zz"),
             "py_unname": sr.unname(), "py_name": cable.name()}

with open(out_path, "w") as f:
    json.dump(R, f, indent=1, sort_keys=True)
