"""Sections and segments: NEURON's cable objects on flat storage.

A Section owns nseg segment nodes plus its 1-end node (slots in
`store.NODES`); a root section also owns a root node for its 0-end.  Values
live in the stores, so `seg.v` reads what the compiled loop writes.
"""
import itertools
import math
import numbers
import weakref

import numpy as np

from ..core.errors import DeletedSectionError, ModelError
from ..core.hocobject import NeuronType
from . import geometry, mechanisms, store
from .store import NODES
from .segment import Segment, _ion_attr

_serial = itertools.count()
_sections = weakref.WeakValueDictionary()     # serial -> Section, creation order
_section_stack = []                           # the currently accessed section (HOC's stack)
_default_section = [None]                     # what `access` made current
MAX_NSEG = 32767


def reset():
    """ranvier.reset(): every section is gone, the access stack is empty and no
    section is the default.  A Section object still held behaves as deleted (its
    use raises DeletedSectionError) and, being deleted, never frees slots of the
    new model when it is collected."""
    for sec in list(_sections.values()):
        sec._deleted = True
        sec._mechs = {}
        sec._children = []
        sec._parent = None
    _sections.clear()
    _section_stack.clear()
    _default_section[0] = None


def allsec():
    """Every live section, in creation order."""
    return [s for s in list(_sections.values()) if not s._deleted]


def cas():
    """The currently accessed section (NEURON's `h.cas()`)."""
    while _section_stack:
        s = _section_stack[-1]
        if s is not None and not s._deleted:
            return s
        _section_stack.pop()
    s = _default_section[0]
    if s is not None and not s._deleted:
        return s
    for s in allsec():
        _default_section[0] = s
        return s
    raise ModelError("Section access unspecified: no section exists")


def push_section(sec):
    _section_stack.append(sec)


def pop_section():
    if _section_stack:
        _section_stack.pop()


def section_stack_depth():
    return len(_section_stack)


def set_access(sec):
    _default_section[0] = sec


def resolve_sec(sec):
    return cas() if sec is None else sec


def _number(owner, what, value):
    """`value` as a finite float, else TypeError/ValueError naming `owner` and `what`."""
    if not isinstance(value, numbers.Real):
        if not (isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"):
            raise TypeError("%s: %s must be a number, got %s" % (owner, what, type(value).__name__))
    value = float(value)
    if not math.isfinite(value):
        raise ModelError("%s: %s must be finite, got %r" % (owner, what, value))
    return value


def _positive(owner, what, value):
    value = _number(owner, what, value)
    if not value > 0:
        raise ModelError("%s: %s must be positive, got %r" % (owner, what, value))
    return value


def remap_kept_nodes(old, new):
    """For an nseg change old -> new: kept[j] = the old node that new segment j
    keeps (its node data, e.g. the axial resistance last computed), or -1.

    NEURON keeps old node k in the new segment its centre falls in; where several
    fall in one segment, the one nearest the new centre (the later one on a tie);
    a new segment without an old centre gets a fresh node.  Integer arithmetic:
    centre (2k+1)/(2*old) lies in segment floor((2k+1)*new / (2*old))."""
    kept = np.full(new, -1, dtype=np.int64)
    best = {}
    for k in range(old):
        j = ((2 * k + 1) * new) // (2 * old)
        d = abs((2 * k + 1) * new - (2 * j + 1) * old)
        if j not in best or d <= best[j]:
            best[j] = d
            kept[j] = k
    return kept


class Section(metaclass=NeuronType):
    """A NEURON section: an unbranched cable of `nseg` segments."""

    _neuron_repr = "<class 'nrn.Section'>"

    __slots__ = ("_serial", "_name", "_cell", "_L", "_Ra", "_nseg", "_diam", "_nodes",
                 "_root_node", "_parent", "_parent_x", "_orient", "_children", "_mechs",
                 "_pt3d", "_arc", "_geom_cache", "_props", "_pt3d_buf", "_arc_buf", "_npt", "_deleted",
                 "_hoc_owner", "_rinv_seen", "_renseg_log", "__weakref__")

    def __init__(self, name=None, cell=None):
        self._serial = next(_serial)
        self._deleted = False
        self._hoc_owner = None
        if cell is not None:
            try:
                self._cell = weakref.ref(cell)
            except TypeError:
                self._cell = (lambda c=cell: c)
        else:
            self._cell = None
        if name is None:
            self._name = None
        elif cell is not None:
            self._name = "%s.%s" % (cell, name)
        else:
            self._name = str(name)
        self._L = 100.0
        self._Ra = 35.4
        self._nseg = 1
        self._renseg_log = []      # per nseg change (old nseg, new node of each old node or -1)
        self._diam = np.array([500.0])
        self._nodes = NODES.alloc(2)
        NODES.cm[self._nodes[0]] = 1.0
        self._root_node = int(NODES.alloc(1)[0])
        self._parent = None
        self._parent_x = 1.0
        self._orient = 0.0
        self._children = []        # weakrefs, NEURON's sibling order
        self._mechs = {}           # name -> slots per segment
        self._props = []           # mechanism and ion names, NEURON's property-list order
        self._pt3d = None          # float32 array (n, 4) of x, y, z, d
        self._arc = None
        self._geom_cache = None
        # the axial conductances as last computed (NEURON's node data): a child's
        # 0-end reads its parent's node from here, so before any computation it is
        # unknown (ri 1e30) and after a change it is stale until recomputed, as in NEURON
        self._rinv_seen = None
        _sections[self._serial] = self
        store.topology_changed()

    # -- identity and names -------------------------------------------------
    def _check(self, what=None):
        if self._deleted:
            raise DeletedSectionError(
                "can't access a deleted section: %s was deleted%s"
                % (self.name(), "" if what is None else " (%s)" % what))

    def name(self):
        """The section's name (as HOC and h.topology() print it)."""
        if self._name is None:
            return "__nrnsec_0x%x" % id(self)
        return self._name

    hname = name

    def hoc_internal_name(self):
        return "__nrnsec_0x%x" % id(self)

    def __str__(self):
        return self.name()

    __repr__ = __str__

    def cell(self):
        """The object given as `cell=` when the section was made, or None."""
        return None if self._cell is None else self._cell()

    def __lt__(self, other):
        return self._serial < other._serial

    # -- geometry ---------------------------------------------------------
    @property
    def L(self):
        self._check()
        if self._pt3d is not None and len(self._pt3d) > 1:
            return max(float(self._arc[-1]), 1e-9)
        return self._L

    @L.setter
    def L(self, value):
        self._check()
        value = _positive(self.name(), "L", value)
        if self._pt3d is not None and len(self._pt3d) > 1:
            old = float(self._arc[-1])
            scale = value / old
            p = self._pt3d
            for c in range(3):
                base = float(p[0, c])
                p[1:, c] = np.array([base + (float(q) - base) * scale for q in p[1:, c]],
                                    dtype=np.float32)
            self._arc = self._arc_buf = self._arc * scale
            self._pt3d = self._pt3d_buf = p.copy()
            self._npt = len(p)
        self._L = value
        store.geometry_changed()
        self._geom_cache = None

    @property
    def Ra(self):
        self._check()
        return self._Ra

    @Ra.setter
    def Ra(self, value):
        self._check()
        value = _positive(self.name(), "Ra", value)
        self._Ra = value
        store.geometry_changed()
        self._geom_cache = None

    @property
    def nseg(self):
        self._check()
        return self._nseg

    @nseg.setter
    def nseg(self, value):
        self._check()
        f = _number(self.name(), "nseg", value)
        if f != int(f):
            raise ModelError("%s: nseg must be an integer, got %r" % (self.name(), value))
        n = int(f)
        if n < 1 or n > MAX_NSEG:
            raise ModelError("%s: nseg must be in 1..%d, got %r" % (self.name(), MAX_NSEG, value))
        if n == self._nseg:
            return
        self._renseg(n)

    def _renseg(self, n):
        old = self._nseg
        centers = (np.arange(n) + 0.5) / n
        src = np.minimum((old * centers).astype(np.int64), old - 1)
        nodes = NODES.alloc(n + 1)
        NODES.v[nodes[:n]] = NODES.v[self._nodes[src]]
        NODES.cm[nodes[:n]] = NODES.cm[self._nodes[src]]
        NODES.v[nodes[n]] = NODES.v[self._nodes[old]]
        NODES.ions[:, :, nodes[:n]] = NODES.ions[:, :, self._nodes[src]]
        NODES.ions[:, :, nodes[n]] = NODES.ions[:, :, self._nodes[old]]
        self._nodes = nodes
        kept = remap_kept_nodes(old, n)
        moved = np.full(old, -1, dtype=np.int64)     # pointers follow their node (pointer.py)
        moved[kept[kept >= 0]] = np.nonzero(kept >= 0)[0]
        self._renseg_log.append((old, moved))
        seen = self._rinv_seen
        if seen is not None:
            new_seen = np.zeros(n + 1)
            new_seen[:n] = np.where(kept >= 0, seen[np.maximum(kept, 0)], 0.0)
            new_seen[n] = seen[old]          # the 1-end node is kept
            self._rinv_seen = new_seen
        self._diam = self._diam[src].copy()
        for name, slots in list(self._mechs.items()):
            ms = store.mech_store(mechanisms.get(name))
            new = ms.alloc(n)
            ms.data[:, new] = ms.data[:, slots[src]]
            ms.free(slots)
            self._mechs[name] = new
        self._nseg = n
        self._geom_cache = None
        store.topology_changed()

    @property
    def diam(self):
        """Diameter at the middle of the section (um)."""
        self._check()
        return float(self._seg_diams()[self._segidx(0.5)])

    @diam.setter
    def diam(self, value):
        self._check()
        value = _positive(self.name(), "diam", value)
        if self._pt3d is not None and len(self._pt3d) > 0:
            self._pt3d[:, 3] = np.float32(value)
        self._diam[:] = value
        store.geometry_changed()
        self._geom_cache = None

    @property
    def cm(self):
        self._check()
        return float(NODES.cm[self._nodes[self._segidx(0.5)]])

    @cm.setter
    def cm(self, value):
        self._check()
        NODES.cm[self._nodes[: self._nseg]] = _number(self.name(), "cm", value)

    @property
    def v(self):
        self._check()
        return float(NODES.v[self._nodes[self._segidx(0.5)]])

    @v.setter
    def v(self, value):
        self._check()
        NODES.v[self._nodes[: self._nseg]] = float(value)

    @property
    def rallbranch(self):
        self._check()
        return 1.0

    # Storage is in node order, from the attached end: for a section connected by its
    # 1-end (orientation 1) the segment at x is node nseg - 1 - (its index in x), and
    # the ends swap (x = 1 is the parent's node), as in NEURON.
    def _xn(self, x):
        """Position of x along the node order (x itself unless the section is reversed)."""
        return 1.0 - x if self._orient == 1.0 else x

    def _segidx(self, x):
        """Node index of the segment containing x (a boundary belongs to the segment
        on its right in x, in both orientations, as in NEURON)."""
        n = self._nseg
        k = int(n * x)
        if k >= n:
            k = n - 1
        return n - 1 - k if self._orient == 1.0 else k

    def _center_x(self, j):
        """The x of the centre of segment node j."""
        c = (j + 0.5) / self._nseg
        return 1.0 - c if self._orient == 1.0 else c

    def _reverse(self):
        """Flip the node order (orientation change): values stay with their x."""
        n = self._nseg
        self._nodes = np.concatenate([self._nodes[:n][::-1], self._nodes[n:]])
        self._diam = self._diam[::-1].copy()
        for name, slots in list(self._mechs.items()):
            self._mechs[name] = slots[::-1].copy()
        if self._rinv_seen is not None:
            seen = self._rinv_seen.copy()
            seen[:n] = seen[:n][::-1]
            self._rinv_seen = seen
        self._geom_cache = None
        # children stay in node order (stable: siblings at one x keep their order)
        new_orient = 1.0 - self._orient
        self._children = sorted((w for w in self._children if w() is not None),
                                key=lambda w: 1.0 - w()._parent_x if new_orient == 1.0 else w()._parent_x)

    def _seg_diams(self):
        if self._pt3d is not None and len(self._pt3d) > 1:
            self._geometry()           # the diameters come from the 3-D points
        return self._diam

    def _geometry(self):
        """(area[nseg], rinv[nseg+1]) of this section, cached until geometry changes."""
        g = self._geom_cache
        if g is None:
            p = self._pt3d
            if p is not None and len(p) > 1:
                area, rinv, diam = geometry.frusta(self._arc, p[:, 3], self._Ra, self._nseg)
                change = (np.abs(diam - self._diam) > 1e-9) | (diam < 1e-5)
                self._diam = np.where(change, diam, self._diam)
            else:
                area, rinv = geometry.cylinder(self._L, self._diam, self._Ra, self._nseg)
            g = self._geom_cache = (area, rinv)
            self._rinv_seen = rinv
        return g

    # -- 3-D points ---------------------------------------------------------
    def _pt3d_values(self, what, values):
        names = ("x", "y", "z", "diam")[4 - len(values):]
        return [_number("%s.%s" % (self.name(), what), n, v) for n, v in zip(names, values)]

    def pt3dadd(self, x, y, z, diam):
        """Append a 3-D point (stored in single precision, as NEURON does)."""
        self._check()
        pt = np.array(self._pt3d_values("pt3dadd", (x, y, z, diam)), dtype=np.float32)
        p = self._pt3d
        n = 0 if p is None else self._npt
        if p is None or n == self._pt3d_buf.shape[0]:
            grown = np.zeros((max(4, 2 * n), 4), dtype=np.float32)
            arc = np.zeros(grown.shape[0])
            if n:
                grown[:n] = p[:n]
                arc[:n] = self._arc_buf[:n]
            self._pt3d_buf, self._arc_buf = grown, arc
        buf = self._pt3d_buf
        buf[n] = pt
        if n:
            # float32 differences, widened; the arc is a running double sum (amortised O(1))
            dx = float(buf[n, 0] - buf[n - 1, 0])
            dy = float(buf[n, 1] - buf[n - 1, 1])
            dz = float(buf[n, 2] - buf[n - 1, 2])
            self._arc_buf[n] = self._arc_buf[n - 1] + math.sqrt(dx * dx + dy * dy + dz * dz)
        self._npt = n + 1
        self._pt3d = buf[: n + 1]
        self._arc = self._arc_buf[: n + 1]
        if n + 1 > 1:
            self._L = max(float(self._arc[-1]), 1e-9)
        store.geometry_changed()
        self._geom_cache = None
        return 1.0

    def _update_arc(self):
        p = self._pt3d = np.ascontiguousarray(self._pt3d, dtype=np.float32)
        self._pt3d_buf = p
        self._npt = len(p)
        self._arc = self._arc_buf = geometry.arc_lengths(p[:, 0], p[:, 1], p[:, 2])
        if len(p) > 1:
            self._L = max(float(self._arc[-1]), 1e-9)
        store.geometry_changed()
        self._geom_cache = None

    def pt3dclear(self, buffer_size=None):
        self._check()
        if self._pt3d is not None and len(self._pt3d) > 1:
            self._L = self.L
        self._pt3d = None
        self._arc = None
        self._npt = 0
        store.geometry_changed()
        self._geom_cache = None
        return 0.0

    def pt3dinsert(self, i, x, y, z, diam):
        self._check()
        n = self.n3d()
        i = int(i)
        if i < 0 or i > n:
            raise IndexError("%s.pt3dinsert: index %d out of range 0..%d" % (self.name(), i, n))
        pt = np.array(self._pt3d_values("pt3dinsert", (x, y, z, diam)), np.float32)
        p = self._pt3d if self._pt3d is not None else np.zeros((0, 4), np.float32)
        self._pt3d = np.insert(p, i, pt, axis=0)
        self._update_arc()

    def pt3dremove(self, i):
        self._pt3d = np.delete(self._pt3d, int(self._pt_index(i)), axis=0)
        self._update_arc()

    def pt3dchange(self, i, *args):
        i = self._pt_index(i)
        if len(args) not in (1, 4):
            raise TypeError("%s.pt3dchange(i, diam) or (i, x, y, z, diam): got %d values after i"
                            % (self.name(), len(args)))
        vals = self._pt3d_values("pt3dchange", args)
        if len(args) == 1:
            self._pt3d[i, 3] = np.float32(vals[0])
        else:
            self._pt3d[i, :] = np.array(vals, np.float32)
        self._update_arc()

    def n3d(self):
        self._check()
        return 0 if self._pt3d is None else len(self._pt3d)

    def _pt_index(self, i):
        n = self.n3d()
        i = int(i)
        if i < 0 or i >= n:
            raise IndexError("%s: 3-D point index %d out of range (the section has %d 3-D points)"
                             % (self.name(), i, n))
        return i

    def x3d(self, i):
        return float(self._pt3d[self._pt_index(i), 0])

    def y3d(self, i):
        return float(self._pt3d[self._pt_index(i), 1])

    def z3d(self, i):
        return float(self._pt3d[self._pt_index(i), 2])

    def diam3d(self, i):
        # NEURON answers the magnitude (a negative diameter, as some SWC files
        # have, is kept but reported positive)
        return abs(float(self._pt3d[self._pt_index(i), 3]))

    def arc3d(self, i):
        return float(self._arc[self._pt_index(i)])

    def spine3d(self, i):
        self._pt_index(i)
        return 0.0

    # -- topology -------------------------------------------------------------
    def connect(self, parent, x=None, child_end=None):
        """Attach this section's 0-end (or 1-end) to `parent` at x; returns self.

        Spellings: connect(parent) (x = 1), connect(parent(x)), connect(parent, x),
        connect(parent, x, child_end), connect(parent(x), child_end).
        """
        self._check()
        if isinstance(parent, Segment):
            if child_end is None and x is not None:
                child_end = x
            px = parent.x
            psec = parent.sec
        elif isinstance(parent, Section):
            psec = parent
            px = 1.0 if x is None else float(x)
        else:
            raise TypeError("connect: first argument must be a Section or Segment, not %s"
                            % type(parent).__name__)
        psec._check("connect %s to it" % self.name())
        child_end = 0.0 if child_end is None else float(child_end)
        if not (0.0 <= px <= 1.0):
            raise ModelError("connect: parent x must be in [0, 1], got %r" % px)
        if child_end not in (0.0, 1.0):
            raise ModelError("connect: child end must be 0 or 1, got %r" % child_end)
        s = psec
        while s is not None:
            if s is self:
                raise ModelError("connect: %s would be its own ancestor (via %s)"
                                 % (self.name(), psec.name()))
            s = s._parent
        if self._parent is not None:
            self._unlink()
        self._parent = psec
        self._parent_x = px
        if child_end != self._orient:
            self._reverse()
        self._orient = child_end
        sib = psec._children
        psec._children = [w for w in sib if w() is not None]
        pos = len(psec._children)
        pxe = psec._xn(px)                  # siblings in the parent's node order
        for i, w in enumerate(psec._children):
            if psec._xn(w()._parent_x) >= pxe:
                pos = i
                break
        psec._children.insert(pos, weakref.ref(self))
        store.topology_changed()
        return self

    def _unlink(self):
        p = self._parent
        if p is not None:
            p._children = [w for w in p._children if w() is not None and w() is not self]
        self._parent = None

    def disconnect(self):
        """Detach this section from its parent; it becomes the root of its own tree."""
        self._check()
        if self._parent is not None:
            self._unlink()
            if self._root_node < 0:
                self._root_node = int(NODES.alloc(1)[0])
            store.topology_changed()

    def parentseg(self):
        """The parent segment this section's attached end is connected to, or None."""
        self._check()
        if self._parent is None:
            return None
        return Segment(self._parent, self._parent_x)

    def trueparentseg(self):
        ps = self.parentseg()
        # skip attached ends (x = 0, or x = 1 of a reversed section): they are the parent's node
        while ps is not None and ps.sec._xn(ps.x) == 0.0 and ps.sec._parent is not None:
            ps = ps.sec.parentseg()
        if ps is not None and ps.sec._xn(ps.x) == 0.0:      # the root's 0-end is no segment (NEURON: None)
            return None
        return ps

    def orientation(self):
        self._check()
        return self._orient

    def children(self):
        """Child sections, in the order NEURON lists them."""
        self._check()
        return [w() for w in self._children if w() is not None and not w()._deleted]

    def subtree(self):
        """This section and all its descendants (depth first)."""
        out = [self]
        for c in self.children():
            out.extend(c.subtree())
        return out

    def root(self):
        self._check()
        s = self
        while s._parent is not None:
            s = s._parent
        return s

    def wholetree(self):
        return self.root().subtree()

    def is_valid(self):
        return not self._deleted

    def is_pysec(self):
        return self._hoc_owner is None

    # -- mechanisms -------------------------------------------------------
    def insert(self, name):
        """Insert a density mechanism (e.g. 'hh', 'pas') in every segment; returns self."""
        self._check()
        if not isinstance(name, str) and callable(getattr(name, "insert", None)):
            name.insert(self)          # NEURON 9: sec.insert(n.hh) is n.hh.insert(sec)
            return self
        if not isinstance(name, str):
            raise TypeError("%s.insert(%r): insert argument must be either a string or an "
                            "object with an insert method" % (self.name(), name))
        mech = mechanisms.get(name)
        if mech.is_point:
            raise ModelError("%s is a point process, not a density mechanism: use h.%s(seg)"
                             % (name, name))
        if name in self._mechs:
            return self
        ms = store.mech_store(mech)
        self._mechs[name] = ms.alloc(self._nseg)
        # NEURON's property list: each new mechanism is prepended, then each ion it
        # uses is put in front, which is the order `for mech in seg` shows (after an
        # nseg change NEURON's order depends on which nodes it reused; not emulated)
        self._props.insert(0, name)
        for ion in mech.ions:
            store.ion_index(ion[0], ion[3] if len(ion) > 3 else None)
            if ion[0] + "_ion" in self._props:       # an ion in use moves to the front
                self._props.remove(ion[0] + "_ion")
            self._props.insert(0, ion[0] + "_ion")
        store.topology_changed()
        return self

    def uninsert(self, name):
        """Remove a density mechanism (nothing happens if it is not inserted, as in
        NEURON); an unknown name is an error."""
        self._check()
        if not isinstance(name, str):
            name = getattr(name, "name", lambda: str(name))()
        mech = mechanisms.get(name)
        if mech.is_point:
            raise ModelError("%s.uninsert(%r): %s is a point process, not a density mechanism"
                             % (self.name(), name, name))
        slots = self._mechs.pop(name, None)
        if name in self._props:
            self._props.remove(name)
        if slots is not None:
            store.mech_store(mechanisms.get(name)).free(slots)
            store.topology_changed()
        return self

    def has_membrane(self, name):
        self._check()
        return name in self._mechs

    def _ion_names(self):
        ions = []
        for name in self._mechs:
            for ion in mechanisms.get(name).ions:
                if ion[0] not in ions:
                    ions.append(ion[0])
        return ions

    def psection(self):
        """A dict describing the section, as NEURON's sec.psection()."""
        self._check()
        pps = {}
        located = [p for p in store.live_point_processes() if p._sec is self and p.has_loc()]
        for p in sorted(located, key=lambda p: mechanisms.type_index(p._mech.name)):
            pps.setdefault(p._mech.name, set()).add(p)
        ions = {}
        present = {p[:-4] for p in self._props if p.endswith("_ion") and p not in self._mechs}
        for i in [i for i in store.ION_NAMES if i in present]:    # NEURON's ion type order
            k = store.ion_index(i)
            nodes = self._nodes[: self._nseg]
            ions[i] = {name: [float(q) for q in NODES.ions[k, field, nodes]]
                       for name, field in (("e" + i, store.ION_E), (i + "i", store.ION_CI),
                                           (i + "o", store.ION_CO), ("i" + i, store.ION_I),
                                           ("di%s_dv_" % i, store.ION_DIDV))}
        return {
            "point_processes": pps,
            "density_mechs": {n: {v: [getattr(seg, v + "_" + n) for seg in self]
                                  for v in mechanisms.get(n).public_range}
                              for n in sorted(self._mechs, key=mechanisms.type_index)},
            "ions": ions,
            "morphology": {"L": self.L, "diam": [seg.diam for seg in self],
                           "pts3d": [tuple(float(q) for q in p) for p in (self._pt3d if self._pt3d is not None else [])],
                           "parent": self.parentseg(), "trueparent": self.trueparentseg()},
            "nseg": self._nseg, "Ra": self._Ra, "cm": [seg.cm for seg in self],
            "regions": set(), "species": set(), "name": self.name(), "hoc_internal_name": self.hoc_internal_name(),
            "cell": self.cell(),
        }

    # -- segments -----------------------------------------------------------
    def __call__(self, x):
        self._check()
        x = float(x)
        if not (0.0 <= x <= 1.0):
            raise ValueError("%s(%g): x must be in [0, 1]" % (self.name(), x))
        return Segment(self, x)

    def __iter__(self):
        self._check()
        n = self._nseg
        for j in range(n):
            yield Segment(self, (j + 0.5) / n)

    def __contains__(self, item):
        """`seg in sec` (and any object with a .sec, e.g. an rxd node): is it on this
        section?  (NEURON's test: the object's section, not its x.)"""
        sec = getattr(item, "sec", None)
        return sec is self or (sec is not None and sec == self)

    def allseg(self):
        """The 0-end, every segment centre and the 1-end."""
        yield Segment(self, 0.0)
        yield from self
        yield Segment(self, 1.0)

    def __len__(self):
        return self._nseg

    # node of location x (NEURON's node_exact)
    def _node_at(self, x):
        xe = 1.0 - x if self._orient == 1.0 else x
        if xe == 0.0:
            return self._zero_end_node()
        if xe == 1.0:
            return int(self._nodes[self._nseg])
        return int(self._nodes[self._segidx(x)])

    def _zero_end_ri(self):
        """seg.ri() at x = 0: the 0-end shares the parent's node at the connection
        point, so this is that node's resistance to its parent node as last computed
        (1e30 before any computation, or at the 0-end of a root)."""
        s = self
        while s._parent is not None:
            p, px = s._parent, s._parent_x
            xe = p._xn(px)
            if xe > 0.0:
                j = p._nseg if xe == 1.0 else p._segidx(px)
                seen = p._rinv_seen
                if seen is None or not seen[j] > 0.0:
                    return 1e30
                return 1.0 / float(seen[j])
            s = p
        return 1e30

    def _zero_end_node(self):
        """The node of the attached end (x = 0, or x = 1 when reversed): the parent's
        node at the connection point, or the root's own node."""
        s = self
        while s._parent is not None:
            p, px = s._parent, s._parent_x
            xe = p._xn(px)
            if xe == 1.0:
                return int(p._nodes[p._nseg])
            if xe > 0.0:
                return int(p._nodes[p._segidx(px)])
            s = p
        if s._root_node < 0:
            s._root_node = int(NODES.alloc(1)[0])
            store.topology_changed()
        return s._root_node

    # -- suffixed range variables on the whole section -------------------
    def __getattr__(self, attr):
        if attr.startswith("_") and not attr.startswith("_ref_"):
            raise AttributeError(attr)
        if attr.startswith("_ref_"):
            return self(0.5).__getattr__(attr)
        try:
            return getattr(self(0.5), attr)
        except AttributeError as e:
            if "not inserted" in str(e):
                raise AttributeError(str(e)) from None
            raise AttributeError("'%s' has no attribute %r" % (self.name(), attr)) from None

    def __setattr__(self, attr, value):
        if attr in Section.__slots__ or attr.startswith("_") or isinstance(
                getattr(type(self), attr, None), property):
            object.__setattr__(self, attr, value)
            return
        self._check()
        found = mechanisms.suffix_lookup(attr)
        ion = _ion_attr(attr)
        if ion is not None and ion[1] in (store.ION_CI, store.ION_CO) \
                and store.ION_NAMES[ion[0]] + "_ion" not in self._props:
            # a concentration of an ion no mechanism here uses (NEURON's message)
            raise AttributeError("'nrn.Section' object has no attribute %r" % attr)
        if found is not None or ion is not None or attr.startswith(("e", "i")):
            for seg in self:
                setattr(seg, attr, value)
            return
        raise AttributeError("'%s' has no attribute %r" % (self.name(), attr))

    def __del__(self):
        try:
            if not self._deleted:
                self._release()
        except Exception:
            pass

    def _release(self):
        self._deleted = True
        for name, slots in self._mechs.items():
            m = mechanisms.get(name, required=False)
            if m is not None:
                store.mech_store(m).free(slots)
        self._mechs = {}
        self._unlink()
        for w in self._children:
            c = w()
            if c is not None:
                c._parent = None
                if c._root_node < 0:
                    c._root_node = int(NODES.alloc(1)[0])
        self._children = []
        store.topology_changed()


def delete_section(sec):
    """Delete a section now (HOC's delete_section); later use raises ModelError."""
    if not sec._deleted:
        sec._release()
        _sections.pop(sec._serial, None)
