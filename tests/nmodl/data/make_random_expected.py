"""random_expected.json from NEURON 9.0.2: NMODL RANDOM draws (random/rantest.mod) and
NetStim noise spike times.  Run: cd random && nrnivmodl . && cd .. &&
python make_random_expected.py (NEURON's python, with random/x86_64 built)."""
import json
import os
from neuron import h

h.nrn_load_dll(os.path.join(os.path.dirname(os.path.abspath(__file__)), "random", "x86_64",
                            "libnrnmech.so"))
out = {}
a = h.RanTest()
b = h.RanTest()
out["default_ids"] = [list(a.rr.get_ids()), list(b.rr.get_ids())]
d = {}
d["uni"] = [a.uni() for _ in range(6)]
d["seq_after_uni"] = a.rr.get_seq()
b.ids(1, 2, 3); b.sq(0)
d["uni123"] = [b.uni() for _ in range(6)]
for name, args, n in [("uni2", (2, 5), 5), ("nexp", (), 5), ("nexp1", (2.5,), 5), ("nrm", (), 7),
                      ("nrm2", (1, 2), 7), ("ip", (), 6), ("dp", (), 6)]:
    b.sq(0)
    d[name] = {"args": list(args), "values": [getattr(b, name)(*args) for _ in range(n)],
               "seq": b.rr.get_seq()}
b.sq(4 * 12345 + 3)
d["seq_set"] = {"x": 4 * 12345 + 3, "get": b.rr.get_seq(), "values": [b.uni() for _ in range(3)]}
out["draws"] = d


def run(nss, tstop):
    recs = []
    for ns in nss:
        v = h.Vector()
        nc = h.NetCon(ns, None)
        nc.record(v)
        recs.append((nc, v))
    h.finitialize(-65)
    while h.t < tstop:
        h.fadvance()
    return [list(v) for _, v in recs]


def netstim(noise, start=2, interval=3, number=1000):
    ns = h.NetStim()
    ns.noise, ns.start, ns.interval, ns.number = noise, start, interval, number
    return ns


h.dt = 0.025
nss = [netstim(1), netstim(0.5), netstim(0)]
out["netstim_ids"] = [list(ns.ranvar.get_ids()) for ns in nss]
out["netstim_40ms"] = run(nss, 40)
out["netstim_rerun"] = run(nss, 40)          # finitialize restarts each stream
nss[0].noiseFromRandom123(7, 8, 9)
nss[1].noiseFromRandom123(7, 8, 10)
out["netstim_r123"] = run(nss, 40)
# set_ids keeps the current counter's words; a new global index shows from the next
# counter (or set_seq) on, also in a stream made while it is set
c = h.RanTest()
c.rr.set_ids(1, 2, 3)
c.rr.set_seq(1)
k = {"first": c.uni()}
c.rr.set_ids(4, 5, 6)
k["after_setids"] = [c.uni() for _ in range(4)]
k["setids_returns_self"] = c.rr.set_ids(1, 2, 3).same(c.rr) if hasattr(c.rr, "same") else None
c.rr.set_seq(0)
r = h.Random()
r.Random123_globalindex(5)
k["g5"] = [c.uni() for _ in range(5)]
c.rr.set_seq(0)
k["g5_setseq"] = [c.uni() for _ in range(2)]
d = h.RanTest()
d.rr.set_ids(1, 2, 3)
k["g5_new"] = [d.uni(), d.rr.uniform()]
r.Random123_globalindex(0)
out["cache"] = k
with open("random_expected.json", "w") as f:
    json.dump(out, f, indent=1)
