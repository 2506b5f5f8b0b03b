"""NEURON's Random123 stream, exactly: Philox4x32-10 known answers and NEURON 9.0.2's numbers.

tests/data/data/random123_expected.json comes from NEURON 9.0.2 (make_random123.py there).
"""
import json
import os

import numpy as np
import pytest

from ranvier.core import philox, philox_nb
from ranvier.data.rng import Random

HERE = os.path.dirname(__file__)
with open(os.path.join(HERE, "data", "random123_expected.json")) as f:
    EXPECTED = json.load(f)

# Random123's published known-answer vectors for philox4x32_10 (kat_vectors)
KAT = [
    ([0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]),
    ([0xffffffff] * 4, [0xffffffff] * 2, [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]),
    ([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0],
     [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]),
]


@pytest.fixture(autouse=True)
def _gindex0():
    philox.set_global_index(0)
    yield
    philox.set_global_index(0)


@pytest.mark.parametrize("ctr,key,out", KAT)
def test_philox_kat_python_and_numba(ctr, key, out):
    assert philox.philox4x32(ctr, key) == out
    assert [int(x) for x in philox_nb.philox4x32_nb(*ctr, *key)] == out


def test_stream_words_match_ipick_and_numba():
    a = philox.Stream(5, 6, 7, pos=3)
    b = philox.Stream(5, 6, 7, pos=3)
    w = a.words(21)
    assert [int(x) for x in w] == [b.ipick() for _ in range(21)]
    assert a.pos == b.pos == 24
    assert all(philox_nb.nb_word(5, 6, 7, 3 + k, 0) == float(w[k]) for k in range(21))


@pytest.mark.parametrize("case", EXPECTED["streams"], ids=lambda c: str(c["ids"]))
def test_uniform_streams_match_neuron(case):
    r = Random()
    r.Random123(*case["ids"])
    if "seq" in case:
        r.seq(case["seq"])
    assert [r.uniform(0, 1) for _ in case["u"]] == case["u"]
    if "seq_after" in case:
        assert r.seq() == case["seq_after"]


@pytest.mark.parametrize("case", EXPECTED["dists"], ids=lambda c: "%s%s" % (c["name"], c["args"]))
def test_distributions_match_neuron(case):
    r = Random()
    r.Random123(11, 22, 33)
    vals = [getattr(r, case["name"])(*case["args"])] + [r.repick() for _ in case["values"][1:]]
    assert vals == case["values"]          # bit for bit
    assert r.seq() == case["seq"]          # and the same number of draws


def test_samples_match_repick():
    for name, args in [("uniform", (2, -1)), ("normal", (0, 2)), ("poisson", (3,))]:
        r = Random(); r.Random123(1, 2, 3); getattr(r, name)(*args)
        s = Random(); s.Random123(1, 2, 3); getattr(s, name)(*args)
        assert list(r._samples(17)) == [s.repick() for _ in range(17)]
        assert r.seq() == s.seq()


def test_normal_call_makes_fresh_distribution():
    r = Random()
    r.Random123(1, 2, 3)
    assert [r.normal(0, 1) for _ in range(5)] == EXPECTED["normal_calls"]["values"]
    assert r.seq() == EXPECTED["normal_calls"]["seq"]


def test_globalindex_applies_from_next_counter():
    # NEURON keeps the 4 words of the current counter: a new global index shows
    # from the next counter on
    r = Random()
    r.Random123(1, 2, 3)
    r.Random123_globalindex(5)
    assert [r.uniform(0, 1) for _ in range(5)] == EXPECTED["gindex5"]["u"]


def test_u_is_product_with_rounded_reciprocal():
    # (w+1)*(1/(2**32+1)) and (w+1)/(2**32+1) differ for some words; NEURON multiplies
    s = philox.Stream(1, 2, 3)
    w = s.words(20000).astype(float)
    prod = (w + 1.0) * philox.SHIFT32
    div = (w + 1.0) / 4294967297.0
    assert (prod != div).any()
    r = Random(); r.Random123(1, 2, 3); r.uniform(0, 1)
    assert np.array_equal(np.concatenate([[prod[0]], r._samples(19999)]), prod)


def test_play_into_a_hoc_variable_matches_neuron():
    from ranvier import h
    h("x_play = 0")
    exp = EXPECTED["play"]
    r = Random()
    r.Random123(*exp["ids"])
    r.uniform(0, 1)
    r.Random123(*exp["ids"])          # back to the start; the distribution stays
    assert r.play(h._ref_x_play) == 0.0
    h.dt = 0.25
    try:
        h.finitialize(-65)
        vals = [h.x_play]
        for _ in range(4):
            h.fadvance()
            vals.append(h.x_play)
        assert vals == exp["x"]
        assert r.seq() == exp["seq"]
    finally:
        r._play = None


def test_play_into_iclamp_amp_gives_neurons_run():
    import ranvier
    from ranvier import h
    ranvier.reset()
    exp = EXPECTED["play_iclamp"]
    s = h.Section(name="soma")
    s.insert("pas")
    st = h.IClamp(s(0.5))
    st.delay, st.dur = 0, 1e9
    r = Random()
    r.Random123(3, 1, 4)
    r.normal(0.5, 0.04)
    r.play(st._ref_amp)
    h.dt = 0.025
    vi = h.Vector().record(st._ref_i)
    vv = h.Vector().record(s(0.5)._ref_v)
    try:
        h.finitialize(-65)
        for _ in range(20):
            h.fadvance()
        assert list(vi) == exp["i"]             # the sample drawn before each step's currents
        assert list(vv) == exp["v"]                 # bit for bit
        assert r.seq() == exp["seq"]
        # continuerun: the same per-step samples
        r.Random123(3, 1, 4)
        r.normal(0.5, 0.04)
        h.load_file("stdrun.hoc")
        h.finitialize(-65)
        h.continuerun(20 * 0.025)
        assert list(vi) == exp["i"]
        assert r.seq() == exp["seq"]
    finally:
        ranvier.reset()
