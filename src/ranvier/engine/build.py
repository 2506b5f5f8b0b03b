"""Model -> matrix layout: node order, parents, coefficients, mechanism order.

Follows NEURON's ordering (NUMERICS.md (a)): root nodes of all trees first,
then each tree breadth first, children in sibling order.  The stores are
permuted into that order in place, so node slot == matrix row afterwards.
"""
import weakref

import numpy as np

from ..model import mechanisms as mechreg
from ..model import store
from ..model.pointprocess import live_point_processes
from ..model.section import Section, allsec
from ..model.store import NODES


class Layout:
    """Everything the stepper needs that changes only with structure or geometry."""

    def __init__(self):
        self.topology_version = -1
        self.geometry_version = -1
        self.ncell = 0
        self.nnode = 0
        self.parent = np.zeros(0, dtype=np.int64)
        self.area = np.zeros(0)
        self.a = np.zeros(0)
        self.b = np.zeros(0)
        self.mechs = []          # [(mech, store, n_located)] in type order
        self.estyle = np.zeros(0, dtype=np.int64)   # per ion: 1 if some node computes e
        self._secrefs = []

    @property
    def sections(self):
        """The sections in matrix order, held weakly: the layout does not keep a section
        the script let go of alive (its deletion changes the topology: a new layout)."""
        return [s for s in (r() for r in self._secrefs) if s is not None]

    @sections.setter
    def sections(self, secs):
        self._secrefs = [weakref.ref(s) for s in secs]


def reorder(layout):
    """Permute node and mechanism storage into matrix order.

    Works on whole arrays per section (no Python object per node or instance), so that
    building a large model neither takes long nor leaves a high-water mark of freed
    Python objects behind (benchmarks/memory.py)."""
    secs = allsec()
    roots = [s for s in secs if s._parent is None]
    for r in roots:
        r._zero_end_node()               # makes sure every root has its root node
    parts = [np.array([r._root_node for r in roots], dtype=np.int64)]
    pparts = [np.full(len(roots), -1, dtype=np.int64)]     # old parent of each old node
    visited = []
    for r in roots:
        queue = [r]
        head = 0
        while head < len(queue):
            s = queue[head]
            head += 1
            visited.append(s)
            nodes = np.asarray(s._nodes, dtype=np.int64)
            par = np.full(nodes.shape[0], -1, dtype=np.int64)
            par[0] = s._zero_end_node()
            par[1: s._nseg + 1] = nodes[: s._nseg]
            parts.append(nodes)
            pparts.append(par)
            queue.extend(s.children())
    order = np.concatenate(parts)
    pold = np.concatenate(pparts)
    remap = NODES.permute(order)         # remap[order[k]] == k
    for s in secs:
        s._nodes = remap[s._nodes]
        s._root_node = int(remap[s._root_node]) if s._parent is None else -1
    n = order.shape[0]
    parent = np.full(n, -1, dtype=np.int64)
    has = pold >= 0
    parent[has] = remap[pold[has]]
    layout.ncell = len(roots)
    layout.nnode = n
    layout.parent = parent
    layout.sections = visited

    # mechanism instances: node order; same-type point processes in a node newest first
    # (a stable sort by (node, -serial); density instances have key 0, one per node)
    by_mech = {}
    for s in secs:
        for name, slots in s._mechs.items():
            nseg = s._nseg
            by_mech.setdefault(name, []).append(
                (s._nodes[:nseg], np.zeros(nseg, dtype=np.int64),
                 np.asarray(slots[:nseg], dtype=np.int64), s))
    unlocated = 1 << 60
    for pp in live_point_processes():
        node = pp._node() if pp.has_loc() else unlocated
        by_mech.setdefault(pp._mech.name, []).append(
            (np.array([node], dtype=np.int64), np.array([-pp._serial], dtype=np.int64),
             np.array([pp._slot], dtype=np.int64), pp))
    mechs = []
    for name, blocks in by_mech.items():
        mech = mechreg.get(name)
        ms = store.mech_store(mech)
        node = np.concatenate([b[0] for b in blocks])
        key = np.concatenate([b[1] for b in blocks])
        slot = np.concatenate([b[2] for b in blocks])
        idx = np.lexsort((key, node))          # stable: equal keys keep their order
        ms.permute(slot[idx])
        newpos = np.empty(idx.shape[0], dtype=np.int64)
        newpos[idx] = np.arange(idx.shape[0], dtype=np.int64)
        start = 0
        for nd, _, _, owner in blocks:
            k = nd.shape[0]
            if isinstance(owner, Section):
                owner._mechs[name][:k] = newpos[start: start + k]
            else:
                owner._slot = int(newpos[start])
            start += k
        located = node[idx]
        ms.nodeidx = np.ascontiguousarray(located[located != unlocated])
        mechs.append((mech, ms, ms.nodeidx.shape[0]))
    for name, ms in store.mech_stores().items():     # types with no instance left
        if name not in by_mech:
            ms.permute([])
            ms.nodeidx = np.zeros(0, dtype=np.int64)
    mechs.sort(key=lambda m: mechreg.exec_order(m[0].name))   # type order, Ca pools first
    ion_styles(layout, secs)
    layout.mechs = [m for m in mechs if m[2] > 0 or m[0].is_point]
    layout.topology_version = store.STRUCTURE.topology


def ion_styles(layout, secs):
    """Mark the nodes where some mechanism writes an ion's concentrations: there the
    reversal potential follows them by Nernst (NEURON's ion style), elsewhere it is a
    parameter.  Field STYLE of the ions array holds the valence, 0 where e is fixed."""
    ions = NODES.ions
    ions[:, store.ION_STYLE, :] = 0.0
    estyle = np.zeros(ions.shape[0], dtype=np.int64)
    for s in secs:
        for name in s._mechs:
            for ion in mechreg.get(name).ions:
                iname, writes = ion[0], ion[2]
                if iname + "i" in writes or iname + "o" in writes:
                    k = store.ion_index(iname)
                    ions = NODES.ions
                    ions[k, store.ION_STYLE, s._nodes[: s._nseg]] = float(store.ION_VALENCE[iname])
                    estyle[k] = 1
        # ion_style() set on this section: e follows the concentrations where e_style
        # is 2 and it is computed at init or every step (c, e, einit, eadvance, cinit)
        for iname, (_c, e_style, einit, eadvance, _ci) in store.SECTION_ION_STYLES.get(
                s, {}).items():
            if iname not in s._ion_names():
                continue
            k = store.ion_index(iname)
            on = e_style == 2 and (einit or eadvance)
            NODES.ions[k, store.ION_STYLE, s._nodes[: s._nseg]] = (
                float(store.ION_VALENCE[iname]) if on else 0.0)
            if on:
                estyle[k] = 1
    layout.estyle = estyle


def coefficients(layout):
    """Node areas and the a/b coupling coefficients (NUMERICS.md (b))."""
    n = layout.nnode
    area = np.full(n, 100.0)
    rinv = np.zeros(n)
    for s in layout.sections:
        sa, sr = s._geometry()
        nodes = s._nodes
        area[nodes[: s._nseg]] = sa
        rinv[nodes] = sr
    a = np.zeros(n)
    b = np.zeros(n)
    idx = np.arange(layout.ncell, n)
    a[idx] = (-1e2 * rinv[idx]) / area[layout.parent[idx]]
    b[idx] = (-1e2 * rinv[idx]) / area[idx]
    layout.area, layout.a, layout.b = area, a, b
    layout.geometry_version = store.STRUCTURE.geometry


def ensure(layout):
    """Bring `layout` up to date with the model; True if anything was rebuilt."""
    changed = False
    if layout.topology_version != store.STRUCTURE.topology:
        reorder(layout)
        changed = True
    if changed or layout.geometry_version != store.STRUCTURE.geometry:
        coefficients(layout)
        changed = True
    return changed
