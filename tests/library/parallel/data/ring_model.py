"""A ring of ball-and-stick cells built with gids, as NEURON's ring tutorial builds
it: the cells are Python objects owning their sections (Section(cell=self)),
several ParallelContext() instances share one gid table, and the stimulus finds
its target with pc.gid2cell(0).  run(neuron) returns spike times, gids and a
checksum of cell 0's soma voltage (make_expected.py: NEURON 9.0.2's answers)."""


class Cell:
    def __init__(self, h, gid):
        self.gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma)
        self.soma.L = self.soma.diam = 12.6157
        self.dend.L, self.dend.diam, self.dend.nseg = 200, 1, 5
        self.soma.insert("hh")
        self.dend.insert("pas")
        self.syn = h.ExpSyn(self.dend(0.5))
        self.syn.tau = 2
        self.soma_v = h.Vector().record(self.soma(0.5)._ref_v)
        self.spike_detector = h.NetCon(self.soma(0.5)._ref_v, None, sec=self.soma)

    def __repr__(self):
        return "Cell[%d]" % self.gid


def build(h, ncell=5):
    pc = h.ParallelContext()                      # the builder's own instance
    cells = []
    for gid in range(int(pc.id()), ncell, int(pc.nhost())):
        pc.set_gid2node(gid, pc.id())
        cell = Cell(h, gid)
        pc.cell(gid, cell.spike_detector)
        cells.append(cell)
    ncs = []
    for cell in cells:
        nc = pc.gid_connect((cell.gid - 1) % ncell, cell.syn)
        nc.weight[0], nc.delay = 0.05, 5
        ncs.append(nc)
    stim = h.NetStim()
    stim.number, stim.start = 1, 9
    kick = h.NetCon(stim, pc.gid2cell(0).syn)     # found through the gid table
    kick.weight[0], kick.delay = 0.05, 1
    return cells, ncs, stim, kick


def run(neuron):
    h = neuron.h
    h.load_file("stdrun.hoc")
    model = build(h)
    pc = h.ParallelContext()                      # another instance: same gids
    out = {"gid_exists": [pc.gid_exists(g) for g in range(6)],
           "gid2cell": [repr(pc.gid2cell(g)) for g in range(5)]}
    tvec, idvec = h.Vector(), h.Vector()
    pc.spike_record(-1, tvec, idvec)
    out["maxstep"] = pc.set_maxstep(10)
    h.finitialize(-65)
    pc.psolve(100)
    v = pc.gid2cell(0).soma_v
    out.update(spikes=list(tvec), gids=list(idvec), v0_sum=sum(v), v0_max=max(v), n=len(v))
    del model
    return out
