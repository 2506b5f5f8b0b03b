"""Flat storage of every node and mechanism instance.

NEURON keeps the state of a model in flat arrays that the simulation loop
walks; sections and point processes only know their slots.  ranvier does the
same: `NODES` holds per-node values (v, cm, ions) and each mechanism type has a
`MechStore` (struct of arrays: one row per variable, one column per instance).
New sections and mechanisms get slots appended at the end; the engine
re-orders (compacts) everything into matrix order when the structure changes,
and updates the owners' slot numbers, so the arrays the compiled loop uses are
the very arrays that `seg.v` or `seg.hh.m` read.
"""
import math
import weakref

import numpy as np

# ion name -> (index, charge, default (erev, ci, co))
_ION_DEFAULTS = {
    "na": (1, 50.0, 10.0, 140.0),
    "k": (1, -77.0, 54.4, 2.5),
    "ca": (2, 12.5 * math.log(2.0 / 5e-5), 5e-5, 2.0),
}
# fields of the ions array (one table, shared with the kernels: nmodl/records.py); STYLE
# is the valence where e follows the concentrations by Nernst (some mechanism there
# writes them), else 0
from ..nmodl.records import (ION_CI, ION_CO, ION_DIDV, ION_E, ION_FIELDS, ION_I,  # noqa: F401
                             ION_STYLE, NFIELDS)

ION_NAMES = ["na", "k", "ca"]        # registration order == first axis of NODES.ions
ION_VALENCE = {"na": 1, "k": 1, "ca": 2}


def ion_index(name, valence=None):
    """Index of ion `name` in the ions array, registering it if new."""
    try:
        return ION_NAMES.index(name)
    except ValueError:
        ION_NAMES.append(name)
        ION_VALENCE[name] = int(valence) if valence is not None else 1
        NODES._add_ion()
        return len(ION_NAMES) - 1


def ion_default(name):
    d = _ION_DEFAULTS.get(name)
    e0, ci, co = (0.0, 1.0, 1.0) if d is None else d[1:]
    conc0 = _ION_CONC0.get(name)
    if conc0 is not None:           # nai0_na_ion / nao0_na_ion set by the user
        ci = conc0.get(0, ci)
        co = conc0.get(1, co)
    return (e0, ci, co)


# user values of nai0_na_ion (0) / nao0_na_ion (1) ..., by ion; and ion_style() set
# per section: {section: {ion: (c_style, e_style, einit, eadvance, cinit)}}
_ION_CONC0 = {}
SECTION_ION_STYLES = weakref.WeakKeyDictionary()


def set_ion_conc0(name, which, value):
    _ION_CONC0.setdefault(name, {})[which] = float(value)


class NodeStore:
    """Per-node values.  Slots are handed out at the end and compacted by the engine."""

    def __init__(self, capacity=64):
        self.n = 0
        self.v = np.full(capacity, -65.0)
        self.cm = np.zeros(capacity)
        self.ions = np.zeros((len(ION_NAMES), NFIELDS, capacity))
        for k, name in enumerate(ION_NAMES):
            self._fill_ion(k, name, slice(0, capacity))

    def _fill_ion(self, k, name, where):
        e, ci, co = ion_default(name)
        self.ions[k, ION_E, where] = e
        self.ions[k, ION_I, where] = 0.0
        self.ions[k, ION_DIDV, where] = 0.0
        self.ions[k, ION_CI, where] = ci
        self.ions[k, ION_CO, where] = co
        self.ions[k, ION_STYLE, where] = 0.0

    def _add_ion(self):
        cap = self.v.shape[0]
        ions = np.zeros((len(ION_NAMES), NFIELDS, cap))
        ions[: self.ions.shape[0]] = self.ions
        self.ions = ions
        self._fill_ion(len(ION_NAMES) - 1, ION_NAMES[-1], slice(0, cap))

    @property
    def capacity(self):
        return self.v.shape[0]

    def alloc(self, k, cm=0.0):
        """Return k fresh slots (v = -65, default ion values)."""
        need = self.n + k
        if need > self.capacity:
            cap = max(need, 2 * self.capacity)
            self._resize(cap)
        idx = np.arange(self.n, need, dtype=np.int64)
        self.v[idx] = -65.0
        self.cm[idx] = cm
        for j, name in enumerate(ION_NAMES):
            self._fill_ion(j, name, idx)
        self.n = need
        return idx

    def _resize(self, cap):
        old = self.capacity
        v = np.full(cap, -65.0); v[:old] = self.v
        cm = np.zeros(cap); cm[:old] = self.cm
        ions = np.zeros((len(ION_NAMES), NFIELDS, cap)); ions[:, :, :old] = self.ions
        self.v, self.cm, self.ions = v, cm, ions
        for j, name in enumerate(ION_NAMES):
            self._fill_ion(j, name, slice(old, cap))

    def permute(self, order):
        """Keep only slots `order` (old indices), in that order; return old->new map."""
        order = np.asarray(order, dtype=np.int64)
        n = order.shape[0]
        cap = max(n, 16)
        v = np.full(cap, -65.0); v[:n] = self.v[order]
        cm = np.zeros(cap); cm[:n] = self.cm[order]
        ions = np.zeros((len(ION_NAMES), NFIELDS, cap)); ions[:, :, :n] = self.ions[:, :, order]
        self.v, self.cm, self.ions = v, cm, ions
        for j, name in enumerate(ION_NAMES):
            self._fill_ion(j, name, slice(n, cap))
        remap = np.full(self.n, -1, dtype=np.int64)
        remap[order] = np.arange(n, dtype=np.int64)
        self.n = n
        return remap


NODES = NodeStore()


class MechStore:
    """Instances of one mechanism type: data[row, slot] (rows = mech.range_names)."""

    def __init__(self, mech, capacity=16):
        self.mech = mech
        self.nrows = len(mech.range_names)
        self.defaults = np.array(mech.range_defaults, dtype=float).reshape(-1, 1)
        self.data = np.empty((self.nrows, capacity))
        self.data[:] = self.defaults
        self.alive = np.zeros(capacity, dtype=bool)
        self.n = 0                       # slots handed out (alive or not)
        self.nodeidx = np.zeros(0, dtype=np.int64)   # filled by the engine
        self.row = {name: i for i, name in enumerate(mech.range_names)}
        # RANDOM variables (NMODL RANDOM): first row of each; a new instance gets its streams
        from ..nmodl.random import randoms_of
        self.random_rows = list(randoms_of(mech.range_names).values())
        if self.random_rows and not _REKEY:
            from ..core.philox import add_global_index_listener
            add_global_index_listener(_rekey_randoms)
            _REKEY.append(True)

    def alloc(self, k):
        need = self.n + k
        if need > self.data.shape[1]:
            cap = max(need, 2 * self.data.shape[1])
            data = np.empty((self.nrows, cap)); data[:] = self.defaults
            data[:, : self.n] = self.data[:, : self.n]
            alive = np.zeros(cap, dtype=bool); alive[: self.n] = self.alive[: self.n]
            self.data, self.alive = data, alive
        idx = np.arange(self.n, need, dtype=np.int64)
        self.data[:, idx] = self.defaults
        self.alive[idx] = True
        if self.random_rows:
            from ..core.philox import new_stream_rows
            for i in idx:
                for r in self.random_rows:
                    new_stream_rows(self.data, r, i)
        self.n = need
        return idx

    def free(self, idx):
        self.alive[idx] = False

    def permute(self, order):
        order = np.asarray(order, dtype=np.int64)
        n = order.shape[0]
        cap = max(n, 4)
        data = np.empty((self.nrows, cap)); data[:] = self.defaults
        data[:, :n] = self.data[:, order]
        alive = np.zeros(cap, dtype=bool); alive[:n] = True
        remap = np.full(self.n, -1, dtype=np.int64)
        remap[order] = np.arange(n, dtype=np.int64)
        self.data, self.alive, self.n = data, alive, n
        return remap


_MECH_STORES = {}
_REKEY = []          # the RANDOM re-keying listener is registered (core.philox)


def _rekey_randoms(index):
    """Random123_globalindex changed: the key row of every RANDOM stream (NMODL RANDOM)
    takes it; as in NEURON it is used from the stream's next counter on."""
    for ms in _MECH_STORES.values():
        for r in ms.random_rows:
            ms.data[r + 4, :] = float(index)


def mech_store(mech):
    s = _MECH_STORES.get(mech.name)
    if s is None:
        s = _MECH_STORES[mech.name] = MechStore(mech)
    return s


def mech_stores():
    return _MECH_STORES


# every live point process, by creation serial (weak: freed when unreferenced)
POINT_PROCESSES = weakref.WeakValueDictionary()


def live_point_processes():
    """Live point processes in creation order."""
    return list(POINT_PROCESSES.values())


class _Structure:
    """Version counters the engine compares to decide what to rebuild."""
    topology = 0      # sections, connections, nseg, mechanisms inserted, point processes
    geometry = 0      # L, diam, Ra, 3-D points


STRUCTURE = _Structure()


def topology_changed():
    STRUCTURE.topology += 1
    STRUCTURE.geometry += 1


def geometry_changed():
    STRUCTURE.geometry += 1


def reset():
    """ranvier.reset(): no node and no mechanism instance left.  NODES is emptied in
    place (other modules hold it), the per-type stores and the point-process
    registry are dropped, and the version counters move on (never back, so no
    cache can mistake the new model for the old one).  Registered ions stay
    registered, as mechanism types do in NEURON."""
    NODES.__init__()
    _MECH_STORES.clear()
    _ION_CONC0.clear()
    SECTION_ION_STYLES.clear()
    POINT_PROCESSES.clear()
    topology_changed()
