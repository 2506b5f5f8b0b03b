"""Vector.record(ref, tvec) and frecord_init on the fixed step against NEURON 9.0.2's numbers
(tests/engine/data/record_times_reference.json, made by record_times_model.py, which
documents the model).

NEURON takes a time Vector's times as recording events: a time due by t + dt/2 is taken at
a step's start (t and the states of that moment), a time due by the step's end at its end
(the new states, but t still the step's start: the global t is updated after the step)."""
import json
from pathlib import Path

import pytest

from ranvier import h

import record_times_model

REF = json.loads((Path(__file__).parent / "data" / "record_times_reference.json").read_text())


@pytest.fixture(scope="module")
def ours():
    import ranvier
    ranvier.reset()
    out = record_times_model.run(h)
    ranvier.reset()
    return out


def test_time_vector_samples_bit_identical_to_neuron(ours):
    assert ours["after_init"] == REF["after_init"]
    assert ours["at3"] == REF["at3"]
    # one sample per time up to the run's end (the repeated ones twice), none past it
    assert len(ours["at3"]["tvec_v"]) == 16


def test_frecord_init_restarts_every_recording(ours):
    assert ours["frecord_init"] == REF["frecord_init"] == 1.0
    assert ours["after_frecord_init"] == REF["after_frecord_init"]
    for key, ref in REF["final"].items():
        assert ours["final"][key] == ref, key
