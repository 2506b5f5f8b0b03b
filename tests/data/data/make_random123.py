"""Generate random123_expected.json with NEURON 9.0.2 (run with NEURON's python).

h.Random().Random123(...) draws of each distribution (first call + repicks) and the
seq() after them; Random123 streams at a few ids/positions; globalindex.
"""
import json
from neuron import h

out = {}
DISTS = [("uniform", (0, 1)), ("uniform", (5, 2)), ("normal", (1, 4)), ("lognormal", (2, 3)),
         ("negexp", (2.5,)), ("poisson", (3.5,)), ("poisson", (0.2,)), ("binomial", (10, 0.3)),
         ("geometric", (0.7,)), ("hypergeo", (2, 9)), ("discunif", (-3, 7)), ("discunif", (9, 2)),
         ("erlang", (4, 2)), ("erlang", (1, 5)), ("weibull", (1.5, 2))]
d = []
for name, args in DISTS:
    r = h.Random()
    r.Random123(11, 22, 33)
    first = getattr(r, name)(*args)
    reps = [r.repick() for _ in range(40)]
    d.append({"name": name, "args": list(args), "values": [first] + reps, "seq": r.seq()})
out["dists"] = d

# normal(): each call makes a fresh distribution (no cached second value)
r = h.Random(); r.Random123(1, 2, 3)
out["normal_calls"] = {"values": [r.normal(0, 1) for _ in range(5)], "seq": r.seq()}

# raw uniform streams
streams = []
for ids in [(0, 0, 0), (1, 2, 3), (4294967295, 4294967295, 4294967295), (7, 0, 1)]:
    r = h.Random(); r.Random123(*ids)
    streams.append({"ids": list(ids), "u": [r.uniform(0, 1) for _ in range(9)]})
r = h.Random(); r.Random123(1, 2, 3); r.seq(4 * 1000003 + 2)
streams.append({"ids": [1, 2, 3], "seq": 4 * 1000003 + 2, "u": [r.uniform(0, 1) for _ in range(3)],
                "seq_after": r.seq()})
out["streams"] = streams

r = h.Random(); r.Random123(1, 2, 3)
r.Random123_globalindex(5)
out["gindex5"] = {"ids": [1, 2, 3], "u": [r.uniform(0, 1) for _ in range(5)]}
r.Random123_globalindex(0)

# Random.play: value of x after each fadvance
h("x_play = 0")
r = h.Random(); r.Random123(3, 1, 4); r.uniform(0, 1)
r.Random123(3, 1, 4)
r.play(h._ref_x_play)
h.dt = 0.25
vals = []
h.finitialize(-65)
vals.append(h.x_play)
for _ in range(4):
    h.fadvance()
    vals.append(h.x_play)
out["play"] = {"ids": [3, 1, 4], "dist": ["uniform", [0, 1]], "x": vals, "seq": r.seq()}

# Random.play into an IClamp's amp: a sample at finitialize and at the start of each step
s = h.Section(name="soma")
s.insert("pas")
st = h.IClamp(s(0.5))
st.delay, st.dur = 0, 1e9
r = h.Random(); r.Random123(3, 1, 4); r.normal(0.5, 0.04)
r.play(st._ref_amp)
h.dt = 0.025
vi = h.Vector().record(st._ref_i)
vv = h.Vector().record(s(0.5)._ref_v)
h.finitialize(-65)
for _ in range(20):
    h.fadvance()
out["play_iclamp"] = {"i": list(vi), "v": list(vv), "seq": r.seq()}
with open("random123_expected.json", "w") as f:
    json.dump(out, f, indent=1)
