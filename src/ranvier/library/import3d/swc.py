"""Import3d_SWC_read: SWC files (id type x y z radius parent per line) made
into Import3d sections with NEURON's rules.

Reading: a line with seven numbers is a point (read in single precision, as
HOC's sscanf("%f") does; the radius becomes a diameter);
a line starting with optional blanks and '#' is a header comment; anything else
(blank lines included) is reported as "could not parse" and sets `err`.

Decisions compare numbers as HOC does (within float_epsilon, 1e-11), since
NEURON's reader is written in HOC.

Sections: unbranched runs of points of one type.  A point ends a section when
it does not have exactly one child that follows it in the file, or when its
child has another type; consecutive soma points stay one section unless a soma
point has more than one soma child.  Every section but the root starts with a
copy of its parent point.  Where they attach (NEURON's rules):
  * children of a one-point soma attach at soma(0.5); if they have more than
    one point of their own, the copied parent point becomes a logical
    connection (pt3dstyle) instead of a 3-D point;
  * children of the root's first point attach at 0 (and a dendrite there gets a
    logical connection when that soma point has more than one soma child);
  * dendrites on an interior point of a soma section attach at 0.5 with a
    logical connection to that point;
  * otherwise at 1, the parent's last point;
  * a dendrite that, not being contiguous in the file, hangs on the first point
    of a dendrite that leaves the soma attaches to that dendrite's 0 end;
  * a dendrite leaving the soma takes its second point's diameter for its first.
The NeuroMorpho.org three-point soma (a centre and two points one radius away,
all the same diameter, no other children) becomes a one-point soma, i.e. a
sphere, which Import3d_GUI draws as a 3-point cylinder of length = diameter.
"""
import math
import os
import re
import sys

import numpy as np

from ...core.hocobject import HocObject
from . import nrnvec as V
from .cscan import scan_floats
from .errors import Import3dError, Import3dFileError
from .section import Import3dSection, shared_list
from ...data.vector import Vector

_COMMENT = re.compile(r"[ \t]*#")
_BLANKS = re.compile(r"[ \t]+")


def _out(text):
    sys.stdout.write(text)


def _vector(values):
    return Vector(list(values))


class SWCReader(HocObject):
    """NEURON's Import3d_SWC_read: ``r = h.Import3d_SWC_read(); r.input('cell.swc')``."""

    _hoc_name = "Import3d_SWC_read"

    def __init__(self):
        self._hoc_register()
        self.quiet = 0.0
        self.filetype = "SWC"
        self.err = 0.0
        self._fname = ""
        self._reset()

    def _reset(self):
        self._id, self._type, self._x, self._y, self._z = [], [], [], [], []
        self._d, self._pid, self._iline, self._lines, self._header = [], [], [], [], []
        self._sections = []
        self._point2sec = []
        self._sec2point = []
        self._soma3geom = False

    # -- HOC-visible data (snapshots) ---------------------------------------------
    @property
    def sections(self):
        """The Import3d_Section objects (a List)."""
        return shared_list(self, self._sections)

    id = property(lambda self: _vector(self._id))
    type = property(lambda self: _vector(self._type))
    x = property(lambda self: _vector(self._x))
    y = property(lambda self: _vector(self._y))
    z = property(lambda self: _vector(self._z))
    d = property(lambda self: _vector(self._d))
    pid = property(lambda self: _vector(self._pid))
    iline = property(lambda self: _vector(self._iline))
    point2sec = property(lambda self: _vector(self._point2sec))

    def section_list(self):
        """The sections as a Python list (the reader's own, not a copy)."""
        return self._sections

    def point_types(self):
        return self._type

    def line_of(self, point):
        return self._iline[int(point)]

    # -- reading ----------------------------------------------------------------------
    def input(self, fname):
        """Read an SWC file and make its sections."""
        self.err = 0.0
        self._reset()
        self._fname = str(fname)
        self._rdfile(self._fname)
        self._check_pid()
        try:
            self._sectionify()
            self._mksections()
        except IndexError:
            raise Import3dError("Import3d_SWC_read: %s: the points do not form valid trees "
                                "(see the errors above)" % self._fname) from None
        return 0.0

    def _rdfile(self, fname):
        try:
            with open(fname, "r", newline="") as f:
                text = f.read()
        except OSError:
            self.err = 1.0
            _out("could not open %s\n" % fname)
            raise Import3dFileError("Import3d_SWC_read: could not open %s" % fname) from None
        lines = [ln + "\n" for ln in text.split("\n")]
        if lines[-1] == "\n":
            lines.pop()              # the text after the last newline: nothing
        else:
            lines[-1] = lines[-1][:-1]
        for lineno, line in enumerate(lines, 1):
            self._parse(lineno, line)

    def _parse(self, lineno, line):
        vals = scan_floats(line, 7)
        if len(vals) == 7:
            # HOC's sscanf("%f") stores single precision (C's %f is a float)
            vals = [float(np.float32(v)) for v in vals]
            vals[5] *= 2          # radius -> diameter
            for store, v in zip((self._id, self._type, self._x, self._y, self._z,
                                 self._d, self._pid), vals):
                store.append(v)
            self._iline.append(float(lineno))
            self._lines.append(line[:-1])
        elif _COMMENT.match(line):
            self._header.append(line)
        else:
            m = _BLANKS.search(line)
            if m is not None and m.end() == len(line):
                return            # only blanks, and no newline: ignored
            self.err = 1.0
            _out("error %s line %d: could not parse: %s" % (self._fname, lineno, line))

    def pheader(self):
        for h in self._header:
            _out(h)
        return 0.0

    def _check_pid(self):
        ids, pids = self._id, self._pid
        needsort = False
        for i in range(len(ids)):
            if i > 0 and V.le(ids[i], ids[i - 1]):
                needsort = True
            if V.ge(pids[i], ids[i]):
                self.err = 1.0
                _out("error %s line %d: index %d pid=%d is not less than id=%d\n"
                     % (self._fname, self._iline[i], i, int(pids[i]), int(ids[i])))
        if needsort:
            # NEURON 9.0.2's reader stops here (its sort refers to an undefined
            # name), so a file whose ids are not increasing is refused.
            raise Import3dError(
                "Import3d_SWC_read: %s: the point ids are not in increasing order "
                "(NEURON 9.0.2 cannot read such a file either); sort the lines by id"
                % self._fname)
        roots = [i for i, p in enumerate(pids) if V.lt(p, 0)]
        if len(roots) > 1:
            self.err = 1.0
            if not self.quiet:
                _out("warning %s: more than one tree:\n" % self._fname)
                for i in roots:
                    _out("  root at line %d\n" % self._iline[i])
        for i in range(1, len(ids)):
            if V.eq(ids[i], ids[i - 1]):
                self.err = 1.0
                _out("error %s: duplicate id:\n" % self._fname)
                _out("  %d: %s\n" % (self._iline[i - 1], self._line_text(self._iline[i - 1])))
                _out("  %d: %s\n" % (self._iline[i], self._line_text(self._iline[i])))
        if not ids:
            raise Import3dError("Import3d_SWC_read: %s has no points" % self._fname)
        top = int(max(ids))
        self._id2index = [-1] * (top + 1)
        for i, v in enumerate(ids):
            if v >= 0:
                self._id2index[int(v)] = i

    def _line_text(self, k):
        k = int(k)
        return self._lines[k] if 0 <= k < len(self._lines) else ""

    def _pix(self, i):
        """Index of point i's parent, -1 for a root."""
        p = self._pid[i]
        if V.lt(p, 0):
            return -1
        p = int(p)
        if p >= len(self._id2index):
            raise Import3dError("Import3d_SWC_read: %s line %d: parent %d is not an id in the file"
                                % (self._fname, self._iline[i], p))
        return self._id2index[p]

    def _mark_branch(self):
        """Per point, its number of children (+0.01 for a child that does not follow it
        in the file or has another type): exactly 1 means the section goes on."""
        n = len(self._id)
        typ = self._type
        if n > 1 and V.ne(typ[0], typ[1]):
            self.err = 1.0          # a one-point root (NEURON notes it, quietly)
        nchild = [0.0] * n
        self._connect2prox = [False] * n
        for i in range(n):
            p = self._pix(i)
            if p < 0:
                continue
            nchild[p] += 1
            if p != i - 1:
                nchild[p] += .01
                if p > 1:
                    if V.ne(typ[p], 1) and V.eq(typ[self._pix(p)], 1):
                        # p is the first point of a dendrite wired to the soma:
                        # i attaches to that dendrite's 0 end
                        self._connect2prox[i] = True
                        nchild[p] = 1
                        self.err = 1.0
                elif p == 0:
                    if V.ne(typ[p], 1):
                        self._connect2prox[i] = True
                        nchild[p] = 1
            if V.ne(typ[p], typ[i]):
                nchild[p] += .01
        return nchild

    def _three_point_soma(self, nchild):
        x, y, z, d = self._x, self._y, self._z, self._d
        if self._pix(1) == 0 and self._pix(2) == 0:
            if nchild[1] == 0 and nchild[2] == 0:
                if V.eq(d[1], d[0]) and V.eq(d[2], d[0]):
                    length = 0.0
                    for i in (1, 2):
                        length += math.sqrt((x[i] - x[0]) ** 2 + (y[i] - y[0]) ** 2
                                            + (z[i] - z[0]) ** 2)
                    if V.lt(abs(length / d[0] - 1), .01):
                        self._soma3geom = True
                        self._pid[2] = self._id[1]     # one chain: one soma section
        return self._soma3geom

    def _sectionify(self):
        n = len(self._id)
        if n < 1:
            return
        typ = self._type
        nchild = self._mark_branch()
        self._nchild_soma = nsoma_child = [0.0] * n
        nsoma = 1 if V.eq(typ[0], 1) else 0
        for i in range(1, n):
            if V.eq(typ[i], 1):
                nsoma += 1
                p = self._pix(i)
                if p >= 0 and V.eq(typ[p], 1):
                    nsoma_child[p] += 1
        if nsoma == 3:
            self._three_point_soma(nchild)
        for i in range(n - 1):
            if V.eq(typ[i], 1) and V.eq(typ[i + 1], 1) and self._pix(i + 1) == i:
                if not (i != 0 and nsoma_child[i] > 1):
                    nchild[i] = 1
        self._sec2point = [i for i in range(n) if V.ne(nchild[i], 1)]
        p2s = [0] * n
        si = 0
        for i in range(1, n):
            if i > self._sec2point[si]:
                si += 1
            p2s[i] = si
        self._point2sec = p2s

    def _mksections(self):
        n = len(self._id)
        isec = 0
        first = 0
        i = 0
        for i in range(n):
            if self._point2sec[i] > isec:
                self._mksection(isec, first, i)
                isec += 1
                first = i
        if n:
            self._mksection(isec, first, n)

    def _mksection(self, isec, first, i):
        typ = self._type
        pts = (self._x, self._y, self._z, self._d)
        if isec == 0:
            if self._soma3geom:
                i = 1
            sec = Import3dSection(first, i - first)
            sec.append(0, first, i - first, *pts)
        else:
            sec = Import3dSection(first, i - first + 1)
            ppt = max(self._pix(first), 0)          # NEURON reads index -1 as 0
            psec = sec.parentsec = self._sections[self._point2sec[ppt]]
            pfirst = self._pix(first)
            den_con_soma = V.eq(psec.type, 1) and V.ne(typ[first], 1)
            con_soma = V.eq(psec.type, 1)
            handled = False
            if psec is self._sections[0]:
                handled = True
                if den_con_soma and psec.npoints() == 1:
                    sec.parentx = 0.5
                    if i - first > 1:
                        sec.first = 1.0
                elif pfirst == psec.id:
                    sec.parentx = 0.0
                    if V.ne(typ[first], 1) and self._nchild_soma[ppt] > 1:
                        sec.first = 1.0
                else:
                    handled = False
            if not handled and con_soma:
                offset = -1 if psec.id == 0 else -2
                if pfirst < psec.id + psec.npoints() + offset:
                    sec.parentx = 0.5
                    if den_con_soma and i - first > 1:
                        sec.first = 1.0
                elif i - first > 1 and self._nchild_soma[ppt] > 1:
                    if V.ne(typ[first], 1):
                        sec.first = 1.0
            sec.append(0, ppt, 1, *pts)
            sec.append(1, first, i - first, *pts)
        sec.type = typ[first]
        self._sections.append(sec)
        if sec.parentsec is not None:
            if V.eq(sec.parentsec.type, 1) and V.ne(sec.type, 1):
                sec._d[0] = sec._d[1]
        if self._connect2prox[first]:
            sec.pid = sec.parentsec.id
            sec.parentx = 0.0

    # -- what Import3d_GUI asks of a reader ---------------------------------------------
    def id2line(self, i):
        return float(i)

    def id2pt(self, i):
        i = int(i)
        i = max(0, min(i, len(self._id2index) - 1))
        return float(self._id2index[i])

    def pt2id(self, i):
        return self._id[int(i)]

    def label(self, i, s=None):
        text = "Line %d: %s" % (self._iline[int(i)], self._lines[int(i)])
        if s is not None:
            ref = getattr(s, "ref", None)
            if ref is not None:
                ref[0] = text
            else:
                s[0] = text
        return text

    def error_line(self, sec):
        """The file line of the section's first point (NEURON's messages cite it)."""
        k = int(sec.id)
        return self._iline[k] if 0 <= k < len(self._iline) else 0

    def source_name(self):
        return os.path.basename(self._fname)
