"""Every ParallelContext of a process shares one gid table, as in NEURON: NEURON's
ring tutorial registers its cells through one instance and stimulates and runs
through others, finding cells with gid2cell.  data/ring_model.py builds such a
ring; data/expected_ring.json is NEURON 9.0.2's answer (data/make_expected.py)."""
import json
import os
import sys

import ranvier

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def test_ring_over_several_instances_as_neuron():
    sys.path.insert(0, DATA)
    try:
        import ring_model
    finally:
        sys.path.remove(DATA)
    with open(os.path.join(DATA, "expected_ring.json")) as f:
        expected = json.load(f)
    assert expected.pop("neuron_version") == "9.0.2"
    got = ring_model.run(ranvier)
    assert got["gid_exists"] == expected["gid_exists"] == [3, 3, 3, 3, 3, 0]
    assert got["gid2cell"] == expected["gid2cell"]
    assert got["maxstep"] == expected["maxstep"]
    assert len(expected["spikes"]) > 10
    assert got["spikes"] == expected["spikes"] and got["gids"] == expected["gids"]
    assert (got["v0_sum"], got["v0_max"], got["n"]) == (
        expected["v0_sum"], expected["v0_max"], expected["n"])


def test_reset_forgets_the_gids():
    pc = ranvier.h.ParallelContext()
    pc.set_gid2node(7, 0)
    assert ranvier.h.ParallelContext().gid_exists(7) == 1
    ranvier.reset()
    assert ranvier.h.ParallelContext().gid_exists(7) == 0
