"""make_mechanism / make_pointprocess scenarios, run by make_expected.py under NEURON
9.0.2 and by tests/library/test_hocmech.py under ranvier: each function takes `h` and
returns plain data (the suffixed range names are used: NEURON 9.0.2's seg.mech.name
reads the wrong slot for HOC mechanisms)."""

MAX_TEMPLATE = r"""
begintemplate HmMax
  public V, g, tmax, cnt, xx
  proc init() { g = 3  V = -1  cnt = 0 }
  proc initial() { V = v($1)  tmax = t  cnt = cnt + 1  xx = $1 }
  proc after_step() {
    if (V < v($1)) { V = v($1)  tmax = t }
    cnt = cnt + 1
  }
endtemplate HmMax
"""

CNT_TEMPLATE = r"""
begintemplate HmCnt
  public n, thr, above, tlast
  proc init() { thr = -20 }
  proc initial() { n = 0  above = 0  tlast = -1 }
  proc after_step() {
    if (v($1) > thr && above == 0) { n = n + 1  above = 1  tlast = t }
    if (v($1) < thr) { above = 0 }
  }
endtemplate HmCnt
"""

T_TEMPLATE = r"""
begintemplate HmT
  public ts, vs, k
  proc initial() { ts = t  vs = v($1)  k = 0 }
  proc after_step() { k = k + 1  if (k <= 3) { ts = ts + t*10^k  vs = vs + v($1) } }
endtemplate HmT
"""


def names(h, mech, vartype):
    ms = h.MechanismStandard(mech, vartype)
    out = []
    for i in range(int(ms.count())):
        s = h.ref("")
        ms.name(s, i)
        out.append(s[0])
    return out


def density(h):
    """A density mechanism keeping the maximum v of each segment of an hh soma."""
    h.load_file("stdrun.hoc")
    h(MAX_TEMPLATE)
    out = {"made": h.make_mechanism("hmmax", "HmMax", "g")}
    soma = h.Section(name="soma")
    soma.L = soma.diam = 10
    soma.nseg = 3
    soma.insert("hh")
    soma.insert("hmmax")
    stim = h.IClamp(soma(0.5))
    stim.dur, stim.amp = 0.1, 0.3
    out["after_insert"] = [[s.V_hmmax, s.g_hmmax, s.cnt_hmmax] for s in soma]
    soma(0.5).g_hmmax = 7
    out["parameters"] = names(h, "hmmax", 1)
    out["assigned"] = names(h, "hmmax", 2)
    out["states"] = names(h, "hmmax", 3)
    mt = h.MechanismType(0)
    mt.select("hmmax")
    out["is_density"] = mt.selected() >= 0
    h.dt = 0.025
    h.tstop = 2
    h.run()
    out["run"] = [[s.V_hmmax, s.g_hmmax, s.tmax_hmmax, s.cnt_hmmax, s.xx_hmmax] for s in soma]
    out["psection"] = {k: list(v) for k, v in soma.psection()["density_mechs"]["hmmax"].items()}
    return out


def point(h):
    """A point process counting v's crossings of thr, made from a HOC template."""
    h.load_file("stdrun.hoc")
    h(CNT_TEMPLATE)
    out = {"made": h.make_pointprocess("HmCnt", "thr")}
    soma = h.Section(name="psoma")
    soma.L = soma.diam = 10
    soma.nseg = 3
    soma.insert("hh")
    c = h.HmCnt(soma(0.4))
    out["fresh"] = [c.thr, c.n, c.get_loc(), c.hname()]
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 20, 0.1
    h.tstop = 30
    h.run()
    out["run"] = [c.n, c.tlast, c.above]
    out["parameters"] = names(h, "HmCnt", 1)
    h("objref hmc")
    h.hmc = c
    h("hmc.thr = -30")
    out["hoc_thr"] = c.thr
    h.run()
    out["run_thr30"] = [c.n, c.tlast]
    h("create hsoma\nhsoma { nseg = 3 }\nobjref hmc2\nhsoma hmc2 = new HmCnt(0.9)")
    out["hoc_new"] = [h.hmc2.hname(), h.hmc2.get_loc(), h.hmc2.thr]
    return out


def timing(h):
    """t and v as initial() and after_step() see them (fadvance by hand, dt changed)."""
    h(T_TEMPLATE)
    h.make_mechanism("hmt", "HmT")
    s = h.Section(name="tsec")
    s.insert("pas")
    s.insert("hmt")
    h.dt = 0.1
    h.finitialize(-60)
    init = [s(0.5).ts_hmt, s(0.5).vs_hmt]
    for i in range(2):
        h.fadvance()
    h.dt = 0.025
    h.fadvance()
    h.fadvance()
    return {"init": init, "after": [s(0.5).ts_hmt, s(0.5).vs_hmt, s(0.5).k_hmt], "t": h.t}


def errors(h):
    """NEURON's refusals (the message's key words)."""
    h("begintemplate HmE\npublic a, b\nproc init() { a = 1 }\nendtemplate HmE\n")
    out = {}
    for args in (("hh", "HmE"), ("hme", "HmE", "b"), ("hme2", "NoSuchTemplate")):
        try:
            h.make_mechanism(*args)
            out[args[0]] = "ok"
        except Exception as e:  # noqa: BLE001 - the message is the datum
            msg = str(e)
            out[args[0]] = [w for w in ("already exists", "not a public variable",
                                        "not a template") if w in msg]
    return out


def hoc_only(h):
    """The same from HOC: make_mechanism, insert, range names, new Template(x), run."""
    h(r"""
begintemplate HmH
  public a, b
  proc init() { a = 2 }
  proc initial() { b = a * $1 }
  proc after_step() { b = b + v($1) * dt }
endtemplate HmH
begintemplate HmP
  public q
  proc initial() { q = $1 }
  proc after_step() { q = q + 1 }
endtemplate HmP
make_mechanism("hmh", "HmH", "a")
make_pointprocess("HmP")
create hcab
hcab { nseg = 4  insert pas  insert hmh  a_hmh(0.6) = 5 }
objref hp
hcab hp = new HmP(0.3)
tstop_h = 0
dt = 0.05
finitialize(-70)
for i = 1, 7 fadvance()
hmh_sum = 0
hcab for (x, 0) hmh_sum = hmh_sum + b_hmh(x)
""")
    return {"sum": h.hmh_sum, "b": [s.b_hmh for s in h.hcab], "a": [s.a_hmh for s in h.hcab],
            "q": h.hp.q, "loc": h.hp.get_loc()}


SCENARIOS = {"density": density, "point": point, "timing": timing, "errors": errors,
             "hoc_only": hoc_only}
