"""Import3d_Section: one unbranched piece of a reconstruction, as the readers
leave it for Import3d_GUI.instantiate.

The points are the columns of ``raw`` (x, y, z rows) with diameters ``d``.
``first`` is the index of the first point that becomes a 3-D point of the
NEURON section (1 when point 0 only says where the section attaches: a logical
connection, pt3dstyle); ``parentsec``/``parentx`` say where it connects;
``type`` is the SWC type code (1 soma, 2 axon, 3 dend, 4 apic, others
``dend_<type>``); ``iscontour_`` marks a soma outline, which becomes a
centroid line when instantiated.  ``id`` is the reader's index of the first
point (for messages).
"""
from ...core.hocobject import HocObject
from . import contour as _contour
from ..lists import List
from ...data.vector import Vector
from ...data.matrix import Matrix


class Import3dSection(HocObject):
    """A section of an imported morphology (HOC: ``Import3d_Section``)."""

    _hoc_name = "Import3d_Section"

    def __init__(self, id=0, n=0):
        self._hoc_register()
        n = int(n)
        self.id = float(id)
        self.is_subsidiary = 0.0
        self.ztrans = 0.0
        self.first = 0.0
        self.fid = 0.0
        self.nameindex = 0.0
        self.parentx = 1.0
        self.volatile = 0.0
        self.volatile2 = 0.0
        self.pid = -1.0
        self.iscontour_ = 0.0
        self.type = 0.0
        self.centroid_color = 2.0
        self.wire_color = 4.0
        self.parentsec = None
        self.contour_list = None
        self._x = [0.0] * n
        self._y = [0.0] * n
        self._z = [0.0] * n
        self._d = [0.0] * n

    # -- points ----------------------------------------------------------------
    def npoints(self):
        return len(self._x)

    def set_pt(self, i, x, y, z, d):
        i = int(i)
        self._x[i] = float(x)
        self._y[i] = float(y)
        self._z[i] = float(z)
        self._d[i] = float(d)
        return 0.0

    def append(self, at, start, count, x, y, z, d):
        """Copy `count` points from index `start` of the point lists x, y, z, d to
        positions at, at+1, ... (NEURON's Import3d_Section.append)."""
        for i in range(int(count)):
            self.set_pt(int(at) + i, x[int(start) + i], y[int(start) + i],
                        z[int(start) + i], d[int(start) + i])
        return 0.0

    def insrt(self, i, x, y, z, d):
        """Insert a point before index i."""
        i = int(i)
        self._x.insert(i, float(x))
        self._y.insert(i, float(y))
        self._z.insert(i, float(z))
        self._d.insert(i, float(d))
        return 0.0

    def points(self, start=0):
        """(x, y, z, d) lists from point `start` on (copies)."""
        s = int(start)
        return list(self._x[s:]), list(self._y[s:]), list(self._z[s:]), list(self._d[s:])

    def contourcenter(self, x, y, z):
        """The centre (a Vector) of the outline given by the Vectors x, y, z, which
        become the outline resampled at 101 points (NEURON's contourcenter)."""
        center, xs, ys, zs = _contour.contourcenter(list(x), list(y), list(z))
        for vec, new in ((x, xs), (y, ys), (z, zs)):
            if isinstance(vec, Vector):
                vec.resize(len(new))
                for k, v in enumerate(new):
                    vec.x[k] = v
        return Vector(center)

    # -- HOC-visible data (snapshots) ------------------------------------------------
    @property
    def raw(self):
        """The points as a 3 x n Matrix (a copy)."""
        n = len(self._x)
        m = Matrix(3, max(n, 1))
        if n == 0:
            m.resize(3, 0)
        for j in range(n):
            m.x[0][j] = self._x[j]
            m.x[1][j] = self._y[j]
            m.x[2][j] = self._z[j]
        return m

    @property
    def d(self):
        """The diameters as a Vector (a copy)."""
        return Vector(self._d)

    def __repr__(self):
        return self.hname()


class Import3dReader(HocObject):
    """What every reader offers Import3d_GUI: its sections (``_sections``), their point
    types (``_types``), a line number for a section's messages (``_iline`` of its first
    point) and the HOC-visible ``sections`` List and ``type`` Vector.  Readers with a
    ``_reset`` of their lists get NEURON's constructor from here (``_filetype`` names the
    format)."""

    _filetype = ""

    def __init__(self):
        self._hoc_register()
        self.quiet = 0.0
        self.filetype = self._filetype
        self.err = 0.0
        self._fname = ""
        self._reset()

    def section_list(self):
        return self._sections

    def point_types(self):
        return self._types

    def error_line(self, sec):
        k = int(sec.id)
        return int(self._iline[k]) if 0 <= k < len(self._iline) else 0

    @property
    def sections(self):
        """The Import3d_Section objects (a List)."""
        return shared_list(self, self._sections)

    @property
    def type(self):
        return Vector(self._types)

    def id2line(self, i):
        return float(i)


def vector_view(name):
    """A read-only HOC attribute showing the reader's list `name` as a new Vector."""
    return property(lambda self: Vector(getattr(self, name)))


def shared_list(owner, items):
    """One HOC List for the reader's `sections`, showing the reader's own Python list
    (so `r.sections` is the same object each time and follows the reader)."""
    lst = owner.__dict__.get("_sections_list")
    if lst is None:
        lst = owner._sections_list = List()
    lst._items = items
    return lst
