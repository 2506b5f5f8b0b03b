"""A tiny stand-alone simulator for testing mechanism kernels.

It implements NMODL.md's "Protocol P" cell exactly as NUMERICS.md (a)-(d)
describe it: one section, nseg 1, so three nodes -- the root node (area 100,
no membrane), the segment node (the membrane, mechanisms) and the 1-end node
(area 100, no membrane) -- coupled by axial resistances, stepped with
NEURON's staggered backward Euler and solved with the Hines sweep. It is
plain Python and numpy, independent of ranvier's engine, so that the NMODL
kernels can be checked bit for bit against NMODL.md section 11's NEURON values.

Mechanism instances are given in NEURON's type order (pas, IClamp, then
user mechanisms): the order matters for the last bits of rhs and d.
"""

import math

import numpy as np

ION_DEFAULTS = {"na": (50.0, 10.0, 140.0), "k": (-77.0, 54.4, 2.5),
                "ca": (12.5 * math.log(2 / 5e-5), 5e-5, 2.0)}

SEG = 1  # the index of the membrane node


class Inst:
    """All instances of one mechanism (on the membrane node)."""

    def __init__(self, mech, n=1, **params):
        self.mech = mech
        self.mod = mech.module()
        self.n = n
        self.data = mech.new_data(n)
        self.gv = mech.new_globals()
        self.tbl = mech.new_table()
        for k, val in params.items():
            self.set(k, val)
        self.nodeidx = np.full(n, SEG, dtype=np.int64)

    def set(self, name, value):
        if name in self.mech.range_names:
            self.data[self.mech.row(name)] = value
        else:
            self.gv[self.mech.global_index(name)] = value

    def __getitem__(self, name):
        if name in self.mech.range_names:
            return self.data[self.mech.row(name), 0]
        return self.gv[self.mech.global_index(name)]


class Cell:
    """Protocol P: L = diam = 20 um, Ra 35.4, cm 1, nseg 1 (three nodes)."""

    def __init__(self, insts, diam=20.0, L=20.0, Ra=35.4, cm=1.0, celsius=6.3, dt=0.025):
        self.insts = insts
        self.cm = cm
        self.celsius = celsius
        self.dt = dt
        A = (math.pi * diam) * L
        self.area = np.array([100.0, A, 100.0])
        h = ((1e-2 * Ra) * (L / 2)) / (((math.pi * diam) * diam) / 4)
        rinv = 1.0 / h
        # node 1 (parent 0, the root) and node 2 (the 1-end, parent 1)
        self.parent = [0, 0, 1]
        self.b = [0.0, (-1e2 * rinv) / A, (-1e2 * rinv) / 100.0]
        self.a = [0.0, ((-1e2 * 1.0) * rinv) / 100.0, (-1e2 * rinv) / A]
        names = []
        for m in insts:
            for ion in m.mech.ions:
                if ion[0] not in names:
                    names.append(ion[0])
        self.ion_names = names
        self.ions = np.zeros((max(1, len(names)), 5, 3))
        for k, ion in enumerate(names):
            e, ci, co = ION_DEFAULTS.get(ion, (0.0, 1.0, 1.0))
            self.ions[k, 0, :], self.ions[k, 3, :], self.ions[k, 4, :] = e, ci, co
        for m in insts:
            m.ionidx = np.array([names.index(i[0]) for i in m.mech.ions], dtype=np.int64)
        self.v = np.full(3, -65.0)
        self.rhs = np.zeros(3)
        self.d = np.zeros(3)
        self.t = 0.0

    @property
    def vm(self):
        return float(self.v[SEG])

    def _setup(self):
        """NUMERICS.md (d)4: currents, axial terms, conductances, capacitance."""
        rhs, d, v = self.rhs, self.d, self.v
        rhs[:] = 0.0
        d[:] = 0.0
        self.ions[:, 1:3, :] = 0.0
        for m in self.insts:
            m.mod.nrn_cur(m.n, m.data, m.nodeidx, v, self.area, rhs, d, self.ions,
                          m.ionidx, m.gv, m.tbl, self.t, self.dt, self.celsius)
        # (nrn_cur adds into rhs and d together; d is zero before and only
        # the capacitance and axial terms follow, so the order is NEURON's)
        for i in (1, 2):
            p = self.parent[i]
            dv = v[p] - v[i]
            rhs[i] -= self.b[i] * dv
            rhs[p] += self.a[i] * dv
        d[SEG] += (0.001 * (1.0 / self.dt)) * self.cm
        for i in (1, 2):
            p = self.parent[i]
            d[i] -= self.b[i]
            d[p] -= self.a[i]

    def _solve(self):
        rhs, d = self.rhs, self.d
        for i in (2, 1):
            p = self.parent[i]
            f = self.a[i] / d[i]
            d[p] -= f * self.b[i]
            rhs[p] -= f * rhs[i]
        rhs[0] /= d[0]
        for i in (1, 2):
            p = self.parent[i]
            rhs[i] -= self.b[i] * rhs[p]
            rhs[i] /= d[i]

    def finitialize(self, v0=-65.0):
        self.t = 0.0
        for m in self.insts:
            m.mod.check_table(m.n, m.data, m.gv, m.tbl, self.celsius)
        self.v[:] = v0
        for m in self.insts:
            m.mod.nrn_init(m.n, m.data, m.nodeidx, self.v, self.area, self.ions, m.ionidx, m.gv,
                           m.tbl, self.t, self.dt, self.celsius)
        self._setup()

    def step(self):
        for m in self.insts:
            m.mod.check_table(m.n, m.data, m.gv, m.tbl, self.celsius)
        self.t += 0.5 * self.dt
        self._setup()
        self._solve()
        self.v += self.rhs
        self.t += 0.5 * self.dt
        for m in self.insts:
            m.mod.nrn_state(m.n, m.data, m.nodeidx, self.v, self.area, self.ions, m.ionidx, m.gv,
                            m.tbl, self.t, self.dt, self.celsius)

    def run(self, nsteps=200, v0=-65.0):
        self.finitialize(v0)
        for _ in range(nsteps):
            self.step()
        return self.vm


def protocol_p(mod_text, amp=0.1, pas=True, name="q.mod", nsteps=200, **params):
    """NMODL.md section 11 protocol P with the mechanism in ``mod_text``;
    returns (cell, inst)."""
    from ranvier.nmodl import builtin_mechanism, load_mechanism
    insts = []
    if pas:
        insts.append(Inst(builtin_mechanism("pas"), g=1e-4, e=-65.0))
    if amp is not None:
        insts.append(Inst(builtin_mechanism("IClamp"), amp=amp, dur=2.0, **{"del": 1.0}))
    user = Inst(load_mechanism(text=mod_text, filename=name), **params)
    insts.append(user)
    cell = Cell(insts)
    cell.run(nsteps)
    return cell, user
