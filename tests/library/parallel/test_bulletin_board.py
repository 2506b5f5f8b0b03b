"""ParallelContext's bulletin board on one process (library/parallel/bboard.py).

The answers NEURON 9.0.2 gives to the same calls are checked in
tests/interface/test_neuron_package.py (probe "bulletin_board"); here: a
parameter sweep written for NEURON's bulletin board gives the serial answers,
and the misuses that NEURON would hang on or crash with raise clear errors."""
import pickle

import pytest

from ranvier import h
from ranvier.core.errors import HocError
from ranvier.library.parallel.bboard import BulletinBoardError


def square_plus(x, c):
    return x * x + c


def test_parameter_sweep_as_on_a_cluster():
    pc = h.ParallelContext()
    pc.runworker()
    for i in range(10):
        pc.submit(square_plus, i, 0.5)
    results = {}
    while pc.working():
        x = -pc.userid() - 1                 # userids -1, -2, ... in submission order
        results[x] = pc.pyret()
    pc.done()
    assert results == {float(i): i * i + 0.5 for i in range(10)}


def test_hoc_jobs_and_retval():
    pc = h.ParallelContext()
    h("func cube() { return $1 * $1 * $1 }")
    pc.submit(5, "cube", 3)
    assert pc.working() == 1 and pc.userid() == 5.0 and pc.retval() == 27.0
    assert pc.working() == 0


def test_a_job_is_pickled_as_NEURON_sends_it():
    pc = h.ParallelContext()
    with pytest.raises(BulletinBoardError, match="picklable") as e:
        pc.submit(lambda x: x, 1)
    assert isinstance(e.value, RuntimeError) and isinstance(e.value, HocError)
    assert isinstance(e.value.__cause__, (pickle.PicklingError, AttributeError, TypeError))
    data = [1, 2]
    pc.submit(list.copy, data)               # arguments travel as copies
    pc.working()
    got = pc.pyret()
    assert got == data and got is not data


def test_messages_and_their_misuse():
    pc = h.ParallelContext()
    pc.post("k", 1.5, "two", h.Vector([3, 4]))
    assert pc.look("k") is True
    assert pc.take("k") == 1.0
    assert (pc.upkscalar(), pc.upkstr(), list(pc.upkvec())) == (1.5, "two", [3.0, 4.0])
    with pytest.raises(BulletinBoardError, match="no more items"):
        pc.upkscalar()
    with pytest.raises(BulletinBoardError, match="nothing posted"):
        pc.take("never posted")             # NEURON's master would wait for ever
    pc.post("s", "text")
    pc.take("s")
    with pytest.raises(BulletinBoardError, match="next item"):
        pc.upkscalar()
    with pytest.raises(BulletinBoardError, match="no Python object"):
        pc.pyret()
