"""Import3d_GUI(reader, 0).instantiate(cell): the reader's sections become
NEURON sections, with NEURON's names, order, connections and 3-D points.

Names: type 1 soma, 2 axon, 3 dend, 4 apic, any other t ``dend_<t>`` (negative
``minus_<-t>``), numbered per type in the reader's section order.  Arrays are
made for every type in order of the type code; then, in the reader's section
order, each section is connected to its parent (child 0 end at ``parentx``),
gets its logical connection (pt3dstyle) when its first point only says where
it attaches, and its 3-D points (a soma outline as its centroid line, a single
point as a 3-point cylinder of length = diameter).

Where the sections go:
  * cell None: top-level arrays (``create soma[1]`` ...), the first section is
    then accessed;
  * a HOC template instance: arrays of the instance (``create`` run in its
    context, so the template's own arrays are re-made at the new sizes); after
    each type's arrays, ``forsec "<name>" <list>.append()`` fills somatic,
    axonal, basal, apical (dendritic_<t>, minus_<t>set for other types) for every
    type between the smallest and the largest code, and ``forall
    all.append()`` fills ``all``; numbers go through text with 8 significant
    digits, as in NEURON;
  * any other Python object: list attributes ``cell.soma``, ``cell.dend``, ...
    of Sections named ``<cell>.<name>[i]``, and ``cell.all`` with all of them;
    numbers are passed exactly.
"""
import sys

from ...core.hocobject import HocObject
from . import nrnvec as V
from .contour import contour2centroid, sphere_rep
from .errors import Import3dError
from .stack import stack2centroid
from ...hoc import HocInstance
from ... import hoc
from ..pt3dstyle import set_logical
from ...model.section import Section

_SUBSET = {1: "somatic", 2: "axonal", 3: "basal", 4: "apical"}
_NAMES = {1: "soma", 2: "axon", 3: "dend", 4: "apic"}


def type2name(t):
    t = int(t)
    if t in _NAMES:
        return _NAMES[t]
    if t < 0:
        return "minus_%d" % -t
    return "dend_%d" % t


def subset_name(t):
    t = int(t)
    if t in _SUBSET:
        return _SUBSET[t]
    if t < 0:
        return "minus_%dset" % -t
    return "dendritic_%d" % t


def sec_name(sec):
    """NEURON's name of an Import3d section: 'soma' for index 0, 'dend[3]'."""
    base = type2name(sec.type)
    if sec.nameindex > 0:
        return "%s[%d]" % (base, int(sec.nameindex))
    return base


def _split(name):
    if "[" in name:
        base, rest = name.split("[", 1)
        return base, int(rest.rstrip("]"))
    return name, 0


def _g8(v):
    return "%.8g" % v


class Import3dGUI(HocObject):
    """NEURON's Import3d_GUI.  Headless: ``Import3d_GUI(reader, 0)`` (and any other
    form, which in NEURON opens the tool's window) keeps the reader for
    ``instantiate``."""

    _hoc_name = "Import3d_GUI"

    def __init__(self, reader=None, gui=1):
        self._hoc_register()
        self.swc = reader
        self.commands = None

    # -- the two checks NEURON makes first -------------------------------------------
    def _chk_valid(self, secs):
        reader = self.swc
        for i in range(len(secs) - 1, -1, -1):
            sec = secs[i]
            if sec.parentsec is None:
                continue
            own = sec.npoints() - int(sec.first)
            if own <= 1:
                sys.stdout.write("One point section %s ending at line %d has been removed\n"
                                 % (sec.hname(), reader.error_line(sec)))
                self._rm0len(secs, i, sec)
            elif own <= 2:
                f = int(sec.first)
                a = (sec._x[f], sec._y[f], sec._z[f])
                b = (sec._x[f + 1], sec._y[f + 1], sec._z[f + 1])
                if all(V.eq(p, q) for p, q in zip(a, b)):
                    sys.stdout.write("Two point section ending at line %d with 0 length has "
                                     "been removed\n" % reader.error_line(sec))
                    self._rm0len(secs, i, sec)

    @staticmethod
    def _rm0len(secs, i, sec):
        del secs[i]
        for other in secs[i:]:
            if other.parentsec is sec:
                other.parentsec = sec.parentsec
                other.parentx = sec.parentx
                sys.stdout.write("\tand child %s reattached\n" % other.hname())

    def _set_nameindex(self, secs):
        types = self.swc.point_types()
        if not types:
            raise Import3dError("Import3d_GUI.instantiate: the reader has no points "
                                "(call its input(file) first)")
        tmin = int(min(types))
        counts = [0] * (int(max(types)) - tmin + 1)
        for sec in secs:
            if sec.is_subsidiary:
                continue
            k = int(sec.type) - tmin
            sec.nameindex = float(counts[k])
            counts[k] += 1
        return tmin, counts

    # -- instantiate ------------------------------------------------------------------------
    def instantiate(self, cell=None, keep_commands=0):
        """Make the sections: at top level (cell None), in a HOC template instance,
        or as list attributes of a Python object."""
        if self.swc is None:
            raise Import3dError("Import3d_GUI.instantiate: no reader (Import3d_GUI(reader, 0))")
        secs = self.swc.section_list()
        if not secs:
            return 0.0                 # nothing read (NEURON does nothing either)
        self._chk_valid(secs)
        tmin, counts = self._set_nameindex(secs)
        target = _target(cell)
        self.commands = [] if keep_commands == 1 else _NoCommands()
        target.begin()
        for k, n in enumerate(counts):
            t = k + tmin
            name = type2name(t)
            if n > 0:
                target.create(name, n, self.commands)
            target.subset(t, name, self.commands)
        target.fill_all(self.commands)
        for i, sec in enumerate(secs):
            if sec.is_subsidiary:
                continue
            name = sec_name(sec)
            if i == 0:
                target.access(name, self.commands)
            if sec.parentsec is not None:
                target.connect(name, sec_name(sec.parentsec), sec.parentx, self.commands)
            if sec.first == 1:
                target.pt3dstyle(name, sec._x[0], sec._y[0], sec._z[0], self.commands)
            xs, ys, zs, ds = sec.points(int(sec.first))
            if sec.iscontour_:
                if sec.contour_list is not None:
                    xs, ys, zs, ds = stack2centroid(sec)
                else:
                    xs, ys, zs, ds = contour2centroid(xs, ys, zs)
            if len(ds) == 1:
                xs, ys, zs, ds = sphere_rep(xs[0], ys[0], zs[0], ds[0])
            target.pt3dadd(name, xs, ys, zs, ds, self.commands)
        if keep_commands != 1:
            self.commands = []
        return 0.0

    def name(self, sec, s=None):
        """The NEURON name the section gets ('dend[3]'); also written to strdef s."""
        text = sec_name(sec)
        if s is not None:
            _set_str(s, text)
        return text


class _NoCommands(list):
    """Where the HOC statements go unless instantiate(cell, 1) asked to keep them."""

    def append(self, item):
        pass

    def extend(self, items):
        pass


def _set_str(s, text):
    ref = getattr(s, "ref", None)
    if ref is not None:
        ref[0] = text
    else:
        s[0] = text


def _target(cell):
    if cell is None:
        return _HocTarget(None)
    if isinstance(cell, HocInstance):
        return _HocTarget(cell)
    if isinstance(cell, HocObject):
        raise Import3dError("Import3d_GUI.instantiate: %s is neither a cell template instance "
                            "nor a Python object" % cell.hname())
    return _PythonTarget(cell)


class _HocTarget:
    """Sections made by HOC statements run at top level or in a template instance,
    as NEURON's Import3d_GUI does (so the template's arrays and lists behave as
    HOC's own `create`, `forsec` and `connect` make them)."""

    def __init__(self, obj):
        self.obj = obj

    def _exec(self, text, commands):
        commands.append(text)
        hoc.interpreter().call("execute", text, self.obj)

    def begin(self):
        pass

    def create(self, name, n, commands):
        self._exec("~create %s[%d]\n" % (name, n), commands)

    def subset(self, t, name, commands):
        if self.obj is not None:
            self._exec('forsec "%s" %s.append()\n' % (name, subset_name(t)), commands)

    def fill_all(self, commands):
        if self.obj is not None:
            self._exec("forall all.append()\n", commands)

    def access(self, name, commands):
        if self.obj is None:
            self._exec("access %s" % name, commands)

    def connect(self, child, parent, px, commands):
        self._exec("%s connect %s(0), %g\n" % (parent, child, px), commands)

    def _section(self, name):
        """The section called `name` in the target (a top-level array or a public
        array of the instance), or None where Python cannot reach it."""
        base, i = _split(name)
        try:
            if self.obj is None:
                arr = hoc.interpreter().get(base)
            else:
                arr = getattr(self.obj, base)
            return arr[i]
        except (AttributeError, LookupError, TypeError):
            return None

    def pt3dstyle(self, name, x, y, z, commands):
        text = "%s { pt3dstyle(1, %s, %s, %s) }\n" % (name, _g8(x), _g8(y), _g8(z))
        sec = self._section(name)
        if sec is None:
            self._exec(text, commands)
            return
        commands.append(text)
        set_logical(sec, float(_g8(x)), float(_g8(y)), float(_g8(z)))

    def pt3dadd(self, name, xs, ys, zs, ds, commands):
        """The points go through text with 8 significant digits, as NEURON's HOC
        statements carry them; with the section at hand they are added directly
        (the same numbers, without parsing HOC)."""
        if not xs:
            return
        sec = self._section(name)
        if sec is None or not isinstance(commands, _NoCommands):
            lines = ["pt3dadd(%s, %s, %s, %s)\n" % (_g8(x), _g8(y), _g8(z), _g8(d))
                     for x, y, z, d in zip(xs, ys, zs, ds)]
            if sec is None:
                self._exec("%s {\n%s}\n" % (name, "".join(lines)), commands)
                return
            commands.extend("%s { %s }\n" % (name, ln.rstrip("\n")) for ln in lines)
        for x, y, z, d in zip(xs, ys, zs, ds):
            sec.pt3dadd(float(_g8(x)), float(_g8(y)), float(_g8(z)), float(_g8(d)))


class _PythonTarget:
    """Sections as list attributes of a Python object (NEURON's rule for a cell class
    written in Python): exact numbers, no HOC."""

    def __init__(self, obj):
        self.obj = obj

    def _sec(self, name):
        base, i = _split(name)
        return getattr(self.obj, base)[i]

    def begin(self):
        self.obj.all = []

    def create(self, name, n, commands):
        secs = [Section(name="%s[%d]" % (name, i), cell=self.obj) for i in range(n)]
        setattr(self.obj, name, secs)
        self.obj.all.extend(secs)

    def subset(self, t, name, commands):
        pass

    def fill_all(self, commands):
        pass

    def access(self, name, commands):
        pass

    def connect(self, child, parent, px, commands):
        self._sec(child).connect(self._sec(parent)(px), 0)

    def pt3dstyle(self, name, x, y, z, commands):
        set_logical(self._sec(name), x, y, z)

    def pt3dadd(self, name, xs, ys, zs, ds, commands):
        sec = self._sec(name)
        for x, y, z, d in zip(xs, ys, zs, ds):
            sec.pt3dadd(x, y, z, d)
