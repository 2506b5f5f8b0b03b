"""continuerun in compiled calls of bounded wall time (engine/chunks.py) gives exactly the
numbers of one call: the chunk boundaries are step boundaries and every value the loop
carries from step to step lives in the arrays it is given (recordings every step and
every Dt, events in flight, NetCon spike records, nstep > 1)."""
import numpy as np
import pytest

from ranvier import h
from ranvier.engine import chunks


def _network():
    h.load_file("stdrun.hoc")
    cells = []
    for i in range(2):
        soma = h.Section(name="soma%d" % i)
        soma.L = soma.diam = 20
        soma.insert("hh")
        dend = h.Section(name="dend%d" % i)
        dend.L, dend.diam, dend.nseg = 300, 1, 21
        dend.insert("pas")
        dend.connect(soma(1))
        cells.append((soma, dend))
    syns = [h.ExpSyn(d(0.5)) for _, d in cells]
    stim = h.NetStim()
    stim.number, stim.start, stim.interval, stim.noise = 5, 2, 7, 0.5
    stim.noiseFromRandom123(1, 2, 3)   # the same stream in every model (a new NetStim gets new ids)
    ncs = [h.NetCon(stim, syns[0])]
    ncs.append(h.NetCon(cells[0][0](0.5)._ref_v, syns[1], sec=cells[0][0]))
    for nc in ncs:
        nc.weight[0], nc.delay = 0.3, 1.5
    recs = [h.Vector().record(h._ref_t), h.Vector().record(cells[1][0](0.5)._ref_v),
            h.Vector().record(cells[0][1](0.7)._ref_v, 0.3)]
    spikes = h.Vector()
    ncs[1].record(spikes)
    return cells, syns, stim, ncs, recs, spikes


def _run(tstop, steps_per_ms):
    model = _network()
    recs, spikes = model[4], model[5]
    h.steps_per_ms = steps_per_ms
    h.tstop = tstop
    h.run()
    out = [np.array(v) for v in recs] + [np.array(spikes)]
    assert len(out[3]) > 0                     # the network did spike
    return out


@pytest.mark.parametrize("steps_per_ms", [40, 20])     # nstep 1 and 2
def test_many_small_chunks_give_the_numbers_of_one_call(monkeypatch, steps_per_ms):
    calls = []
    one = _run(40, steps_per_ms)
    h.finitialize(-65)                           # forget the measured cost: a fresh model
    monkeypatch.setattr(chunks, "TARGET_S", 1e-5)   # a few steps per compiled call
    original = chunks.run_chunked

    def counting(advance, *args):
        def counted(n, *a):
            calls.append(n)
            return advance(n, *a)
        return original(counted, *args)

    monkeypatch.setattr(chunks, "run_chunked", counting)
    many = _run(40, steps_per_ms)
    assert len(calls) > 20 and all(n % (40 // steps_per_ms) == 0 for n in calls)
    for a, b in zip(one, many):
        assert np.array_equal(a, b)
