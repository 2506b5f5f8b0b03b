"""NEURON 9's RANDOM in NMODL and NetStim noise, against NEURON 9.0.2's numbers.

data/random_expected.json comes from NEURON 9.0.2 (data/make_random_expected.py, with
data/random/rantest.mod, our own test mechanism).
"""
import json
import os

import pytest

import ranvier
from ranvier import h
from ranvier.core import philox
from ranvier.nmodl import load_mechanism

HERE = os.path.dirname(__file__)
with open(os.path.join(HERE, "data", "random_expected.json")) as f:
    EXP = json.load(f)


@pytest.fixture
def fresh():
    ranvier.reset()              # a new process: streams numbered from 1 again
    philox.reset()
    ranvier.load_mechanisms(os.path.join(HERE, "data", "random"))
    yield
    ranvier.reset()


def test_description_rows_and_errors():
    m = load_mechanism(text="NEURON { POINT_PROCESS P RANDOM r, s }\n"
                            "FUNCTION f() { f = random_uniform(r) + random_normal(s, 1, 2) }\n",
                       filename="p.mod")
    rows = ["id1", "id2", "id3", "pos", "key", "w0", "w1", "w2", "w3"]
    assert m.range_names[:18] == ["_ran_r_" + f for f in rows] + ["_ran_s_" + f for f in rows]
    assert not m.public_range
    with pytest.raises(ranvier.core.errors.NmodlError, match="RANDOM variable"):
        load_mechanism(text="NEURON { POINT_PROCESS P2 RANDOM r }\nASSIGNED { x }\n"
                            "FUNCTION f() { f = random_uniform(x) }\n", filename="p2.mod")
    with pytest.raises(ranvier.core.errors.NmodlError, match="takes 1 or 3 argument"):
        load_mechanism(text="NEURON { POINT_PROCESS P3 RANDOM r }\n"
                            "FUNCTION f() { f = random_uniform(r, 1) }\n", filename="p3.mod")


def test_draws_match_neuron(fresh):
    a = h.RanTest()
    b = h.RanTest()
    assert [list(a.rr.get_ids()), list(b.rr.get_ids())] == EXP["default_ids"]
    d = EXP["draws"]
    assert [a.uni() for _ in range(6)] == d["uni"]
    assert a.rr.get_seq() == d["seq_after_uni"]
    b.ids(1, 2, 3)
    b.sq(0)
    assert [b.uni() for _ in range(6)] == d["uni123"]
    for name in ("uni2", "nexp", "nexp1", "nrm", "nrm2", "ip", "dp"):
        b.sq(0)
        c = d[name]
        assert [getattr(b, name)(*c["args"]) for _ in c["values"]] == c["values"], name
        assert b.rr.get_seq() == c["seq"], name
    b.sq(d["seq_set"]["x"])
    assert b.rr.get_seq() == d["seq_set"]["get"]
    assert [b.uni() for _ in range(3)] == d["seq_set"]["values"]
    # the Python side reads and moves the same stream
    b.rr.set_seq(d["seq_set"]["x"])
    assert b.rr.uniform() == d["seq_set"]["values"][0]
    assert b.uni() == d["seq_set"]["values"][1]
    b.rr.set_ids(1, 2, 3).set_seq(0)
    assert b.uni() == d["uni123"][0]


def _run(nss, tstop):
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


def test_netstim_noise_spike_times_match_neuron(fresh):
    a = h.RanTest()               # two RANDOM streams made first, as in the NEURON script
    b = h.RanTest()
    h.dt = 0.025
    nss = []
    for noise in (1, 0.5, 0):
        ns = h.NetStim()
        ns.noise, ns.start, ns.interval, ns.number = noise, 2, 3, 1000
        nss.append(ns)
    assert [list(ns.ranvar.get_ids()) for ns in nss] == EXP["netstim_ids"]
    assert _run(nss, 40) == EXP["netstim_40ms"]
    assert _run(nss, 40) == EXP["netstim_rerun"]
    nss[0].noiseFromRandom123(7, 8, 9)
    nss[1].noiseFromRandom123(7, 8, 10)
    assert _run(nss, 40) == EXP["netstim_r123"]
    # NEURON keeps the current counter's words: set_ids shows from the next counter on,
    # and so does a new global index (also in a stream made under it)
    k = EXP["cache"]
    c = h.RanTest()
    c.rr.set_ids(1, 2, 3)
    c.rr.set_seq(1)
    assert c.uni() == k["first"]
    c.rr.set_ids(4, 5, 6)
    assert [c.uni() for _ in range(4)] == k["after_setids"]
    c.rr.set_ids(1, 2, 3)
    c.rr.set_seq(0)
    r = h.Random()
    try:
        r.Random123_globalindex(5)
        assert [c.uni() for _ in range(5)] == k["g5"]
        c.rr.set_seq(0)
        assert [c.uni() for _ in range(2)] == k["g5_setseq"]
        d = h.RanTest()            # the 7th RANDOM stream of the process: ids (1, 0, 7)
        d.rr.set_ids(1, 2, 3)
        assert [d.uni(), d.rr.uniform()] == k["g5_new"]
    finally:
        r.Random123_globalindex(0)
    del a, b
