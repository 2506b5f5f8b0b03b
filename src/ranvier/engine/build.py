"""Model -> matrix layout: node order, parents, coefficients, mechanism order.

Follows NEURON's ordering (NUMERICS.md (a)): root nodes of all trees first,
then each tree breadth first, children in sibling order.  The stores are
permuted into that order in place, so node slot == matrix row afterwards.
"""
import numpy as np

from ..model import mechanisms as mechreg
from ..model import store
from ..model.pointprocess import live_point_processes
from ..model.section import allsec
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
        self.sections = []


def reorder(layout):
    """Permute node and mechanism storage into matrix order."""
    secs = allsec()
    roots = [s for s in secs if s._parent is None]
    for r in roots:
        r._zero_end_node()               # makes sure every root has its root node
    order = [r._root_node for r in roots]
    parent_old = {}
    visited = []
    for r in roots:
        queue = [r]
        head = 0
        while head < len(queue):
            s = queue[head]
            head += 1
            visited.append(s)
            nodes = s._nodes
            order.extend(int(n) for n in nodes)
            parent_old[int(nodes[0])] = s._zero_end_node()
            for j in range(1, s._nseg + 1):
                parent_old[int(nodes[j])] = int(nodes[j - 1])
            queue.extend(s.children())
    remap = NODES.permute(order)
    for s in secs:
        s._nodes = remap[s._nodes]
        s._root_node = int(remap[s._root_node]) if s._parent is None else -1
    n = len(order)
    parent = np.full(n, -1, dtype=np.int64)
    for old, p in parent_old.items():
        parent[remap[old]] = remap[p]
    layout.ncell = len(roots)
    layout.nnode = n
    layout.parent = parent
    layout.sections = visited

    # mechanism instances: node order; same-type point processes in a node newest first
    by_mech = {}
    for s in secs:
        for name, slots in s._mechs.items():
            ent = by_mech.setdefault(name, [])
            for j in range(s._nseg):
                ent.append((int(s._nodes[j]), 0, int(slots[j]), s, j))
    for pp in live_point_processes():
        node = pp._node() if pp.has_loc() else 1 << 60
        by_mech.setdefault(pp._mech.name, []).append((node, -pp._serial, pp._slot, pp, None))
    mechs = []
    for name, ents in by_mech.items():
        mech = mechreg.get(name)
        ms = store.mech_store(mech)
        ents.sort(key=lambda e: (e[0], e[1]))
        old_slots = [e[2] for e in ents]
        ms.permute(old_slots)
        for new, e in enumerate(ents):
            owner, j = e[3], e[4]
            if j is None:
                owner._slot = new
            else:
                owner._mechs[name][j] = new
        located = [e[0] for e in ents if e[0] != 1 << 60]
        ms.nodeidx = np.array(located, dtype=np.int64)
        mechs.append((mech, ms, len(located)))
    for name, ms in store.mech_stores().items():     # types with no instance left
        if name not in by_mech:
            ms.permute([])
            ms.nodeidx = np.zeros(0, dtype=np.int64)
    mechs.sort(key=lambda m: mechreg.type_index(m[0].name))
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
