"""ParallelContext on one process: a ring built with gids, cell() and gid_connect()
spikes exactly like the same ring built with plain NetCons."""
from ranvier import h


def build_ring(n, use_pc):
    pc = h.ParallelContext() if use_pc else None
    cells, keep = [], []
    for gid in range(n):
        soma = h.Section(name="rsoma%d" % gid)
        soma.L = soma.diam = 20
        soma.insert("hh")
        syn = h.ExpSyn(soma(0.5))
        syn.tau = 2
        cells.append((soma, syn))
        if use_pc:
            pc.set_gid2node(gid, pc.id())
            nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
            nc.threshold = -10
            pc.cell(gid, nc)
            keep.append(nc)
    tvec, idvec = h.Vector(), h.Vector()
    for gid in range(n):
        tgt = cells[(gid + 1) % n][1]
        if use_pc:
            nc = pc.gid_connect(gid, tgt)
        else:
            nc = h.NetCon(cells[gid][0](0.5)._ref_v, tgt, sec=cells[gid][0])
            nc.threshold = -10
            nc.record(tvec, idvec, gid)
        nc.weight[0] = 0.02
        nc.delay = 3
        keep.append(nc)
    if use_pc:
        pc.spike_record(-1, tvec, idvec)
    stim = h.NetStim()
    stim.start, stim.number = 2, 1
    kick = h.NetCon(stim, cells[0][1])
    kick.weight[0] = 0.05
    keep += [stim, kick, cells]
    return pc, tvec, idvec, keep


def run(use_pc):
    for s in list(h.allsec()):
        h.delete_section(sec=s)
    h.load_file("stdrun.hoc")
    pc, tvec, idvec, keep = build_ring(5, use_pc)
    h.finitialize(-65)
    if use_pc:
        pc.set_maxstep(10)
        pc.psolve(60)
    else:
        h.continuerun(60)
    return list(tvec), list(idvec)


def test_gid_ring_equals_plain_netcon_ring():
    plain = run(False)
    with_pc = run(True)
    assert len(plain[0]) >= 5
    assert with_pc == plain
    pc = h.ParallelContext()
    assert (pc.id(), pc.nhost()) == (0.0, 1.0)
    assert pc.allreduce(3.5, 1) == 3.5 and pc.py_alltoall([7]) == [7]
