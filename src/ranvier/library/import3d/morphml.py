"""Import3d_MorphML: NeuroML version 1 (MorphML) morphologies, made into Import3d
sections as NEURON 9.0.2 makes them.

Reading (the elements, in file order; an element is named by its namespace's
second-to-last path component and its tag, e.g. ``morphml.segment``):

* ``segment`` (id, cable, parent): a segment of cable ``cable``; a change of
  cable id starts a new cable (section) whose parent cable is the cable of the
  parent segment;
* ``proximal`` / ``distal`` (x, y, z, diameter): a point of the current cable
  (a proximal point only where the file gives one); a cable's first segment
  whose distal point equals its proximal point is a sphere: the two points move
  apart by a radius along y;
* ``cable`` inside ``cables`` (id, fractAlongParent): where that cable attaches
  to its parent (default 1; a cable never listed there has -1, which cannot be
  connected);
* elements NEURON's reader has no handler for are reported (``ignore {ns}tag``)
  and their content read on.

Sections keep the file's cable order and all have type 0 (named ``dend_0[i]``
by Import3d_GUI, as in NEURON); every point is a 3-D point (no logical
connections).
"""
import sys
import xml.etree.ElementTree as ET

from ...data.vector import Vector
from .errors import Import3dError, Import3dFileError
from .section import Import3dReader, Import3dSection

# the elements NEURON's MorphML reader handles (module.function names); others are
# reported as ignored
_HANDLED = {
    "neuroml": {"biophysics", "cell", "cells", "neuroml"},
    "metadata": {"notes", "properties", "property", "tag", "value"},
    "morphml": {"cable", "cablegroup", "cables", "distal", "proximal", "segment", "segments"},
    "biophysics": {"group", "mechanism", "parameter", "spec_axial_resistance",
                   "spec_capacitance"},
}


# the elements read (the others change nothing)
_READ = {"segments", "segment", "proximal", "distal", "cablegroup", "cable", "cell",
         "spec_capacitance", "spec_axial_resistance", "mechanism", "parameter", "group"}


class _Point:
    __slots__ = ("id", "pid", "cid", "line", "x", "y", "z", "d")

    def __init__(self, id, pid, cid, line, x, y, z, d):
        self.id, self.pid, self.cid, self.line = id, pid, cid, line
        self.x, self.y, self.z, self.d = x, y, z, d


class _Cable:
    __slots__ = ("id", "first", "count", "px", "parent", "name")

    def __init__(self, id, first, parent):
        self.id = id
        self.first = first
        self.count = 0
        self.px = -1.0
        self.parent = parent
        self.name = ""


class _Parse:
    """NEURON's handlers, in Python, on the reader's own state."""

    def __init__(self):
        self.in_group = False
        self.points = []
        self.cables = []
        self.cable = None
        self.cableid2index = {}
        self.ptid2pt = {}
        self.id = self.cid = self.pid = -1
        self.groups = []
        self.group_index = {}
        if not hasattr(self, "biomechs"):
            self.biomechs = None

    def segments(self, node, line):
        self.__init__()

    def segment(self, node, line):
        self.id = int(node.get("id"))
        self.cid = int(node.get("cable"))
        parent_cable = -1
        p = node.get("parent")
        if p is not None:
            self.pid = int(p)
            parent_cable = self.ptid2pt[self.pid].cid
        else:
            self.pid = -1
        if self.cable is None or self.cable.id != self.cid:
            self.cable = _Cable(self.cid, len(self.points), parent_cable)
            self.cableid2index[self.cid] = len(self.cables)
            self.cables.append(self.cable)

    def _point(self, node, id, line):
        return _Point(id, self.pid, self.cid, line, float(node.get("x")), float(node.get("y")),
                      float(node.get("z")), float(node.get("diameter")))

    def proximal(self, node, line):
        self.points.append(self._point(node, -1, line))
        self.cable.count += 1

    def distal(self, node, line):
        pt = self._point(node, self.id, line)
        self.ptid2pt[self.id] = pt
        if self.cable.count == 1:
            prox = self.points[-1]
            if (prox.x, prox.y, prox.z, prox.d) == (pt.x, pt.y, pt.z, pt.d):
                pt.y = pt.y + pt.d / 2.0          # a spherical segment
                prox.y = prox.y - prox.d / 2.0
        self.points.append(pt)
        self.cable.count += 1

    def cablegroup(self, node, line):
        self.in_group = True
        self.groups.append(name_ := str(node.get("name")))
        self.group_index[name_] = len(self.groups) - 1

    # biophysics: read only as far as NEURON's reader gets (what fails there is
    # reported here too); it changes nothing in the morphology
    def cell(self, node, line):
        self.biomechs = []

    def spec_capacitance(self, node, line):
        self.biomechs.append(["cm", []])

    def spec_axial_resistance(self, node, line):
        self.biomechs.append(["Ra", []])

    def mechanism(self, node, line):
        name = str(node.get("name"))
        if node.get("passiveConductance") in ("true", "1"):
            sys.stdout.write("Substituting passive conductance %s  in file for inbuilt "
                             "mechanism pas as attribute passiveConductance = true \n" % name)
        self.biomechs.append([name, []])

    def mechanism_end(self, node, line):
        for gi in self.biomechs[-1][1]:
            self.groups[gi]

    def parameter(self, node, line):
        float(node.get("value"))
        if node.get("name") is not None:
            # NEURON 9.0.2's reader fails on a named parameter (bytes + str)
            raise TypeError("named parameter")
        self.biomechs[-1][1].append(-1)

    def group(self, node, line):
        text = node.text.strip()
        self.biomechs[-1][1][-1] = self.group_index[text]

    def cable_(self, node, line):
        if self.in_group:
            self.cableid2index[int(node.get("id"))]      # must name a cable
            return
        cab = self.cables[self.cableid2index[int(node.get("id"))]]
        val = node.get("fractAlongParent")
        cab.px = float(val) if val is not None else 1.0
        cab.name = str(node.get("name"))


def _split(tag):
    if not tag.startswith("{"):
        return None, tag
    uri, _, name = tag[1:].partition("}")
    parts = ("{" + uri).split("/")
    return (parts[-2] if len(parts) >= 2 else None), name


class MorphMLReader(Import3dReader):
    """NEURON's Import3d_MorphML: ``r = h.Import3d_MorphML(); r.input('cell.xml')``."""

    _hoc_name = "Import3d_MorphML"

    def __init__(self):
        self._hoc_register()
        self.quiet = 0.0
        self.filetype = "MorphML"
        self.err = 0.0
        self._fname = ""
        self._sections = []
        self._parse = _Parse()

    # -- what Import3d_GUI asks of a reader (the rest: Import3dReader) -------------------
    def point_types(self):
        return [float(s.type) for s in self._sections]

    def error_line(self, sec):
        k = int(sec.id)
        pts = self._parse.points
        return pts[k].line if 0 <= k < len(pts) else 0

    @property
    def type(self):
        return Vector([])

    # -- reading ----------------------------------------------------------------------------
    def input(self, fname):
        """Read a MorphML file and make its sections."""
        self.err = 0.0
        self._sections = []
        self._fname = str(fname)
        try:
            with open(self._fname, "r", errors="replace") as f:
                lines = f.readlines()
        except OSError:
            self.err = 1.0
            raise Import3dFileError("Import3d_MorphML: could not open %s" % self._fname) \
                from None
        ps = self._parse = _Parse()
        parser = ET.XMLPullParser(events=("start", "end"))
        for lineno, text in enumerate(lines, 1):
            try:
                parser.feed(text)
                events = list(parser.read_events())
            except ET.ParseError as e:
                raise Import3dError("Import3d_MorphML: %s: not valid XML (%s)"
                                    % (self._fname, e)) from None
            self._events(ps, events, lineno)
        try:
            parser.close()
        except ET.ParseError as e:
            raise Import3dError("Import3d_MorphML: %s: not valid XML (%s)"
                                % (self._fname, e)) from None
        self._parsed(ps)
        return 0.0

    def _events(self, ps, events, lineno):
        for event, node in events:
            if event == "start":
                self._handle(ps, node, lineno)
            elif node.tag.endswith("}mechanism") and _split(node.tag)[0] == "biophysics":
                self._call(ps, "biophysics", "mechanism_end", node, lineno)

    def _handle(self, ps, node, lineno):
        ns, name = _split(node.tag)
        if ns is None:
            raise Import3dError("Import3d_MorphML: %s line %d: element <%s> has no XML "
                                "namespace (MorphML elements need one, e.g. "
                                "http://morphml.org/morphml/schema)"
                                % (self._fname, lineno, node.tag))
        if name not in _HANDLED.get(ns, ()):
            sys.stdout.write("ignore %s\n" % node.tag)
            return
        if name in _READ:
            self._call(ps, ns, name, node, lineno)

    @staticmethod
    def _call(ps, ns, name, node, lineno):
        f = getattr(ps, "cable_" if name == "cable" else name)
        try:
            f(node, lineno)
        except (KeyError, ValueError, TypeError, AttributeError, IndexError):
            # NEURON reports a handler that failed and reads on
            sys.stdout.write("%s.%s  failed at  %d\n" % (ns, name, lineno))

    def _parsed(self, ps):
        secs = self._sections
        for cab in ps.cables:
            sec = Import3dSection(cab.first, cab.count)
            secs.append(sec)
            if cab.parent >= 0:
                sec.parentsec = secs[ps.cableid2index[cab.parent]]
                sec.parentx = cab.px
            for j in range(cab.count):
                pt = ps.points[cab.first + j]
                sec.set_pt(j, pt.x, pt.y, pt.z, pt.d)
