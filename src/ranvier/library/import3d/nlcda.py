"""Import3d_Neurolucida_read: the old Neurolucida text format (V1), made into
Import3d sections as NEURON 9.0.2 makes them.

Reading: a line ``[major,minor] (x,y,z) r`` (sscanf's "[%d,%d] (%f,%f,%f) %f":
single precision; r is a radius) is a point; a line that does not start with
``[`` is a header line; one that stops earlier is a parse error (reported,
``err`` set).  Only three kinds of point shape the tree: ``[2,m]`` MoveTo starts
a section, ``[1,m]`` LineTo continues it, ``[10,5]`` marks a branch point; a
LineTo right after a branch point also starts a section (and, if it is not at
the branch point in the xy plane, is physically connected to it, with an error
reported).  The section's type comes from the minor code of its first point
(1, 2: dendrite; 21, 22: axon; 41, 42: soma outline; 61, 62: apical; others
are reported).

Parents, with NEURON's heuristics (each fix reported): the nearest earlier
branch point at distance 0; else a dendrite, axon or apical start stays
unattached; else a branch point at the same x, y (physical connection with the
MoveTo's diameter); else the point just before when at the same place (logical
connection); else any earlier branch point at the same x, y.  A section with a
parent takes its second point's diameter for its first.  The first soma outline
is moved to the front; unattached sections starting within the outline's
bounding box (widened by 0.5) attach to soma(0.5) with a logical connection at
the outline's centre; others attach to an earlier section ending at their first
point, or else (logically) to the nearest earlier branch point, or the soma.
"""
import math
import re
import sys

import numpy as np

from .cscan import _NUM, _to_float
from .errors import Import3dError, Import3dFileError
from .section import Import3dReader, Import3dSection, vector_view
from . import contour as _contour

_WS = re.compile(r"[ \t\n\r\f\v]*")
_INT = re.compile(r"[ \t\n\r\f\v]*([+-]?\d+)")


def _scan(line):
    """sscanf(line, "[%d,%d] (%f,%f,%f) %f"): (count, values); count -1 for an empty
    line (sscanf's EOF)."""
    vals = []
    pos = 0
    n = len(line)

    def lit(ch):
        nonlocal pos
        if pos < n and line[pos] == ch:
            pos += 1
            return True
        return False

    def conv(kind):
        nonlocal pos
        if kind == "d":
            m = _INT.match(line, pos)
            if m is None:
                return False
            vals.append(float(int(m.group(1))))
        else:
            m = _NUM.match(line, pos)
            if m is None:
                return False
            vals.append(float(np.float32(_to_float(m.group(1)))))
        pos = m.end()
        return True

    if n == 0:
        return -1, vals
    for item in ("[", "d", ",", "d", "]", " ", "(", "f", ",", "f", ",", "f", ")", " ", "f"):
        if item == " ":
            pos = _WS.match(line, pos).end()
            continue
        if item in ("d", "f"):
            if not conv(item):
                break
        elif not lit(item):
            break
    return len(vals), vals


class NeurolucidaV1Reader(Import3dReader):
    """NEURON's Import3d_Neurolucida_read: ``r = h.Import3d_Neurolucida_read();
    r.input('cell.txt')``."""

    _hoc_name = "Import3d_Neurolucida_read"

    _filetype = "Neurolucida"

    def _reset(self):
        self._major, self._minor, self._x, self._y, self._z, self._d = [], [], [], [], [], []
        self._iline, self._lines, self._header = [], [], []
        self._pointtype, self._points = [], []
        self._sections, self._types = [], []
        self._errs = {k: [] for k in ("parse", "line_branch", "xyparent", "line_coincide",
                                      "xynotnearest", "noparent", "somabbox")}
        self._line_branch_pt = []

    # -- what Import3d_GUI asks of a reader (the rest: Import3dReader) -------------------
    def error_line(self, sec):
        k = max(int(sec.id), 0)
        if k < len(self._points):
            return int(self._iline[self._points[k]])
        return 0

    x, y, z, d = vector_view("_x"), vector_view("_y"), vector_view("_z"), vector_view("_d")
    iline = vector_view("_iline")

    def id2line(self, i):
        return float(self._points[int(i)])

    def pheader(self):
        for text in self._header:
            sys.stdout.write(text)
        return 0.0

    # -- reading ----------------------------------------------------------------------------
    def input(self, fname):
        """Read a Neurolucida V1 file and make its sections."""
        self.err = 0.0
        self._reset()
        self._fname = str(fname)
        try:
            with open(self._fname, "r", errors="replace", newline="") as f:
                lines = f.read().splitlines(True)
        except OSError:
            self.err = 1.0
            sys.stdout.write("could not open %s\n" % self._fname)
            raise Import3dFileError("Import3d_Neurolucida_read: could not open %s"
                                    % self._fname) from None
        for i, line in enumerate(lines, 1):
            self._parse(i, line)
        self._find_parents()
        self._repair_diam()
        self._connect2soma()
        if self.err:
            self._errout()
        return 0.0

    def _dist(self, x, y, z, i):
        dx, dy, dz = x - self._x[i], y - self._y[i], z - self._z[i]
        return math.sqrt(dx * dx + dy * dy + dz * dz)

    def _xydist(self, i, j):
        dx, dy = self._x[i] - self._x[j], self._y[i] - self._y[j]
        return math.sqrt(dx * dx + dy * dy)

    def _parse(self, lineno, line):
        n, a = _scan(line)
        text = line[:-1]            # NEURON drops the last character (the newline)
        if n == 6:
            a[5] *= 2
            k = len(self._major)
            if a[0] == 1:           # LineTo
                if k == 0:
                    raise Import3dError("Import3d_Neurolucida_read: %s line %d: a LineTo "
                                        "before any other point" % (self._fname, lineno))
                if self._major[k - 1] == 10 and self._minor[k - 1] == 5:
                    self._pointtype.append(0)
                    self._points.append(k)
                    if not (a[2] == self._x[k - 1] and a[3] == self._y[k - 1]):
                        self.err = 1.0
                        self._line_branch_pt.append(len(self._points) - 1)
                        self._errs["line_branch"].append(
                            "%d: %s separated by %s from branch"
                            % (lineno, text, _g(self._dist(a[2], a[3], a[4], k - 1))))
                else:
                    self._pointtype.append(1)
                    self._points.append(k)
            elif a[0] == 2:         # MoveTo
                self._pointtype.append(0)
                self._points.append(k)
            elif a[0] == 10 and a[1] == 5:      # branch point
                self._pointtype.append(2)
                self._points.append(k)
            for store, v in zip((self._major, self._minor, self._x, self._y, self._z,
                                 self._d), a):
                store.append(v)
            self._iline.append(float(lineno))
            self._lines.append(text)
        elif n == 0:
            self._header.append(line)
        else:
            self.err = 1.0
            self._errs["parse"].append("%d: %s  parse failure after item %d" % (lineno, text, n))

    def _newsec(self, i):
        first = self._first[i]
        ip = self._points[first]
        if i < len(self._first) - 1:
            n = self._first[i + 1] - first
        else:
            n = len(self._points) - first
        sec = Import3dSection(first, n)
        isec = len(self._sections)
        self._sections.append(sec)
        for k in range(n):
            p = self._points[k + first]
            sec.set_pt(k, self._x[p], self._y[p], self._z[p], self._d[p])
            self._point2sec[k + first] = isec
        m = self._minor[ip]
        if m in (1, 2):
            sec.type = 3.0
        elif m in (21, 22):
            sec.type = 2.0
        elif m in (41, 42):
            sec.type = 1.0
            sec.iscontour_ = 1.0
        elif m in (61, 62):
            sec.type = 4.0
        else:
            self.err = 1.0
            sys.stdout.write("%s line %d: don't know section type: %s\n"
                             % (self._fname, self._iline[ip], self._lines[ip]))
        return sec

    def _physcon(self, sec, ip, jp, bp):
        sec.parentsec = self._sections[self._point2sec[bp]]
        sec.insrt(0, self._x[jp], self._y[jp], self._z[jp], self._d[ip])
        sec.id -= 1

    def _nearest_branch(self, ip, x, y, z, dmin):
        """(dmin, jpmin, bp): the nearest branch point before line ip closer than dmin."""
        jpmin, bp = -1, None
        for b in self._branch:
            jp = self._points[b]
            if ip <= jp:
                break
            d = self._dist(x, y, z, jp)
            if d < dmin:
                bp, dmin, jpmin = b, d, jp
        return dmin, jpmin, bp

    def _find_parents(self):
        pts = self._points
        self._point2sec = [-1] * len(pts)
        self._branch = [i for i, t in enumerate(self._pointtype) if t == 2]
        self._first = [i for i, t in enumerate(self._pointtype) if t == 0]
        self._types = [0.0] * len(self._first)
        errs = self._errs
        for i in range(len(self._first)):
            ip = pts[self._first[i]]
            sec = self._newsec(i)
            self._types[i] = float(sec.type)
            xi, yi, zi = self._x[ip], self._y[ip], self._z[ip]
            m = self._minor[ip]
            if m == 41:
                continue
            if self._line_branch_pt:
                j = self._line_branch_pt[0]
                if ip == pts[j]:
                    self._physcon(sec, ip, ip - 1, j - 1)
                    del self._line_branch_pt[0]
                    continue
            dmin, jpmin, bp = self._nearest_branch(ip, xi, yi, zi, 1e9)
            if dmin <= 0:
                sec.parentsec = self._sections[self._point2sec[bp]]
            elif m in (1, 21, 61):
                continue
            else:
                self.err = 1.0
                if jpmin < 0:
                    raise Import3dError(
                        "Import3d_Neurolucida_read: %s line %d: a section that starts "
                        "with no branch point before it and is not a dendrite, axon or "
                        "apical start (NEURON stops with an index error)"
                        % (self._fname, self._iline[ip]))
                tstr = "%d: %s branch at line %d is %s away" % (
                    self._iline[ip], self._lines[ip], self._iline[jpmin], _g(dmin, 4))
                if self._xydist(ip, jpmin) <= 0:
                    errs["xyparent"].append(tstr)
                    self._physcon(sec, ip, jpmin, bp)
                elif ip > 0:
                    ip1 = self._first[i] - 1
                    if self._dist(xi, yi, zi, pts[ip1]) <= 0:
                        tstr += "\n      but coincides with line %d" % self._iline[pts[ip1]]
                        errs["line_coincide"].append(tstr)
                        sec.parentsec = self._sections[self._point2sec[ip1]]
                    else:
                        done = False
                        for b in self._branch:
                            jp = pts[b]
                            if ip <= jp:
                                break
                            if self._xydist(ip, jp) <= 0:
                                tstr += ("\n      but coincides with branch point at line %d"
                                         % self._iline[jp])
                                self._physcon(sec, ip, jp, b)
                                done = True
                                break
                        errs["xynotnearest" if done else "noparent"].append(tstr)

    def _repair_diam(self):
        for sec in self._sections:
            if sec.parentsec is not None:
                f = int(sec.first)
                if f < len(sec._d) - 1:
                    sec._d[f] = sec._d[f + 1]

    def _connect2soma(self):
        secs = self._sections
        soma = None
        for i, sec in enumerate(secs):
            if sec.type == 1 and sec.iscontour_ == 1:
                soma = sec
                del secs[i]
                secs.insert(0, soma)
                break
        if soma is None:
            return
        xc, yc, zc = soma.points()[:3]
        xmin, xmax = min(xc) - 0.5, max(xc) + 0.5
        ymin, ymax = min(yc) - 0.5, max(yc) + 0.5
        c = _contour.contourcenter(xc, yc, zc)[0]
        pts = self._points
        for i, sec in enumerate(secs):
            if sec.parentsec is not None or sec is soma:
                continue
            if xmin <= sec._x[0] <= xmax and ymin <= sec._y[0] <= ymax:
                sec.parentsec = soma
                sec.parentx = 0.5
                sec.insrt(0, c[0], c[1], c[2], 0.01)
                sec.id -= 1
                sec.first = 1.0
                continue
            ip = pts[int(sec.id)]
            d = 1e9
            for j in range(i):
                psec = secs[j]
                jp = len(psec._d) - 1
                d = self._dist(psec._x[jp], psec._y[jp], psec._z[jp], ip)
                if d == 0:
                    sec.parentsec = psec
                    break
            if d == 0:
                continue
            dmin = self._dist(c[0], c[1], c[2], ip)
            dmin, jpmin, bp = self._nearest_branch(ip, self._x[ip], self._y[ip], self._z[ip],
                                                   dmin)
            self.err = 1.0
            tstr = "%d: %s is outside soma, logically connect to" % (self._iline[ip],
                                                                     self._lines[ip])
            if jpmin == -1:
                tstr += " soma"
                sec.parentsec = soma
                sec.insrt(0, c[0], c[1], c[2], 0.01)
            else:
                tstr += " %d" % self._iline[jpmin]
                # NEURON indexes the reordered list here (the soma moved to the front)
                sec.parentsec = secs[self._point2sec[bp]]
                sec.insrt(0, self._x[jpmin], self._y[jpmin], self._z[jpmin], 0.01)
            sec.id -= 1
            sec.first = 1.0
            self._errs["somabbox"].append(tstr)

    def _errout(self):
        out = sys.stdout.write
        e = self._errs
        out("\n%s problems and default fixes\n\n" % self._fname)
        blocks = [
            ("parse", "  Following lines could not be parsed\n"),
            ("line_branch", "  LINETO follows branch and does not coincide in the xy plane.\n"
                            "  Make a physical connection using the LINETO diameter.\n"),
            ("xyparent", "  Nearest branch point is coincident in xy plane.\n"
                         "  Make a physical connection with diam of the MOVETO\n"),
            ("line_coincide", "  No coincident branchpoint in xy plane but 3-d coincident to "
                              "previous LINETO.\n  point. Make a logical connection to the "
                              "section containing that LINETO\n"),
            ("xynotnearest", "  The xy plane coincident branch point is not the nearest in "
                             "the 3-d sense.\n  However we connect physically to the "
                             "indicated xy coincident branch point\n"),
            ("noparent", "  Cannot figure out which is the parent\n"
                         "  No coincident (even in xy plane) branch point.\n"),
            ("somabbox", "  Unconnected branch is more than .5 microns outside the soma "
                         "bounding box.\n  Connect logically to nearest branch point\n"),
        ]
        for key, head in blocks:
            if e[key]:
                out(head)
                for s in e[key]:
                    out("    %s\n" % s)
                out("\n")


def _g(v, prec=None):
    """C's %g (or %.<prec>g)."""
    return ("%g" % v) if prec is None else ("%.*g" % (prec, v))
