"""Import3d_Eutectic_read: Eutectic (.nts) reconstructions, made into Import3d
sections as NEURON 9.0.2 makes them.

Reading: a line ``id code tag x y z d`` (sscanf's "%d %s %d %f %f %f %f": the
numbers in single precision) is a point; a line that does not start with a
number is a header line; a line that stops before its seventh item is a parse
error (reported, ``err`` set).  The point code is looked up, as a regular
expression, in NEURON's table of codes "MTOTTOBTO CP FS SB BP NE ESMAETAEBAE
SOSSCPSOE OSOCP OE DSDCP DE":

* MTO starts a tree; BP is a branch point; CP, FS and SB (a spine: counted,
  ``err`` set) continue a branch; NE, ES, MAE, TAE and BAE end one; a CP, FS,
  SB, BP or ending right after a branch point or an ending starts a new branch;
* SOS, SCP and SOE are the soma outline (from the first SOS to the first SOE:
  a contour section, made first);
* every other code (OS, OCP, OE, DS, DCP, DE and unknown ones) is skipped.

A branch runs from its first point to the next branch point or ending.  A
branch point's section is the parent of the next two branches (a stack, as in
NEURON); a child's first 3-D point is a copy of the parent's last point with the
child's own first diameter.  Trees left without a parent whose first point lies
in the soma outline's bounding box (widened by 0.5) connect to soma(0.5) with a
logical connection at the outline's centre.
"""
import re
import sys

import numpy as np

from .cscan import scan_floats
from .errors import Import3dFileError
from .section import Import3dReader, Import3dSection, vector_view
from . import contour as _contour

_NAMES = "MTOTTOBTO CP FS SB BP NE ESMAETAEBAESOSSCPSOE OSOCP OE DSDCP DE"
MTO, CP, FS, SB, BP, NE, ES = 0, 10, 13, 16, 19, 22, 25
MAE, TAE, BAE, SOS, SCP, SOE = 27, 30, 33, 36, 39, 42
_TOKEN = re.compile(r"[ \t\n\r\f\v]*(\S+)")
_INT = re.compile(r"[ \t\n\r\f\v]*([+-]?\d+)")


def _scan(line):
    """sscanf(line, "%d %s %d %f %f %f %f"): the values converted (a list), or None
    where the line is only white space (sscanf's EOF)."""
    out = []
    m = _INT.match(line)
    if m is None:
        return None if not line.strip() else out
    out.append(int(m.group(1)))
    pos = m.end()
    m = _TOKEN.match(line, pos)
    if m is None:
        return out
    out.append(m.group(1))
    pos = m.end()
    m = _INT.match(line, pos)
    if m is None:
        return out
    out.append(int(m.group(1)))
    pos = m.end()
    out.extend(float(np.float32(v)) for v in scan_floats(line[pos:], 4))
    return out


def _code(token):
    """NEURON's lookup: where the token (a regular expression) first matches in the
    table of codes, -1 if nowhere."""
    try:
        m = re.search(token, _NAMES)
    except re.error:
        return -1
    return m.start() if m is not None else -1


class EutecticReader(Import3dReader):
    """NEURON's Import3d_Eutectic_read: ``r = h.Import3d_Eutectic_read(); r.input(f)``."""

    _hoc_name = "Import3d_Eutectic_read"

    _filetype = "Eutectic"

    def _reset(self):
        self._sections = []
        self._types = []
        self._id, self._ptype, self._tag = [], [], []
        self._x, self._y, self._z, self._d = [], [], [], []
        self._iline, self._lines, self._pointtype = [], [], []
        self._header, self._parse_err = [], []
        self._nspine = 0
        self._stack = []

    # -- HOC-visible data (snapshots) --------------------------------------------------
    id, tag, iline = vector_view("_id"), vector_view("_tag"), vector_view("_iline")
    x, y, z, d = vector_view("_x"), vector_view("_y"), vector_view("_z"), vector_view("_d")

    # -- reading ----------------------------------------------------------------------------
    def input(self, fname):
        """Read a Eutectic file and make its sections."""
        self.err = 0.0
        self._reset()
        self._fname = str(fname)
        try:
            with open(self._fname, "r", errors="replace", newline="") as f:
                lines = f.read().splitlines(True)
        except OSError:
            self.err = 1.0
            sys.stdout.write("could not open %s\n" % self._fname)
            raise Import3dFileError("Import3d_Eutectic_read: could not open %s" % self._fname) \
                from None
        self._first = []
        self._last = 0
        for i, line in enumerate(lines, 1):
            self._parse(i, line)
        self._parse2()
        self._types = [float(self._tag[int(s.id)]) for s in self._sections]
        self._connect2soma()
        if self.err:
            self._errout()
        return 0.0

    def _parse(self, lineno, line):
        vals = _scan(line)
        text = line[:-1]            # NEURON drops the last character (the newline)
        if not vals:
            self._header.append(text)
            return
        if len(vals) != 7:
            self.err = 1.0
            self._parse_err.append("%d: %s  parse failure after item %d"
                                   % (lineno, text, len(vals)))
            return
        a2 = _code(vals[1])
        last = self._last
        first = self._first
        if a2 == MTO:
            last = 1
            first.append(len(self._id))
        elif a2 == BP:
            if last in (3, 4):
                first.append(len(self._id))
            last = 3
        elif a2 in (FS, SB, CP):
            if a2 == SB:
                self.err = 1.0
                self._nspine += 1
            if last in (3, 4):
                first.append(len(self._id))
                last = 1
            else:
                last = 2
        elif a2 in (NE, ES, MAE, TAE, BAE):
            if last in (3, 4):
                first.append(len(self._id))
            last = 4
        elif a2 in (SOS, SCP, SOE):
            last = 10
        else:
            return                  # other codes (and unknown ones) are skipped
        self._last = last
        self._pointtype.append(last)
        self._id.append(float(vals[0]))
        self._ptype.append(a2)
        self._tag.append(float(vals[2]))
        self._x.append(vals[3])
        self._y.append(vals[4])
        self._z.append(vals[5])
        self._d.append(vals[6])
        self._iline.append(float(lineno))
        self._lines.append(text)

    def _mksec(self, i, j, parent):
        n = j - i + 1
        if parent is None:
            sec = Import3dSection(i, n)
            sec.append(0, i, n, self._x, self._y, self._z, self._d)
        else:
            sec = Import3dSection(i, n + 1)
            sec.append(1, i, n, self._x, self._y, self._z, self._d)
            sec.first = 0.0
            k = parent.npoints() - 1
            sec.set_pt(0, parent._x[k], parent._y[k], parent._z[k], sec._d[1])
            sec.fid = 1.0
        sec.volatile = 0.0
        sec.type = float(self._tag[i])
        self._sections.append(sec)
        return sec

    def _parse2(self):
        self._soma = None
        ptype = self._ptype
        i = ptype.index(SOS) if SOS in ptype else -1
        j = ptype.index(SOE) if SOE in ptype else -1
        if i > -1 and j > i:
            sec = self._mksec(i, j, None)
            sec.iscontour_ = 1.0
            self._soma = sec
        stack = self._stack
        pt = self._pointtype
        for j in self._first:
            k = j
            while k < len(pt) and pt[k] <= 2:
                k += 1
            if k >= len(pt):
                k = len(pt) - 1     # a branch running off the end of the file
            parent = stack.pop() if stack else None
            if parent is not None and parent.volatile < 1:
                stack.append(parent)
                parent.volatile += 1
            sec = self._mksec(j, k, parent)
            sec.parentsec = parent
            if pt[k] == 3:
                stack.append(sec)
        if stack:
            self.err = 1.0

    def _connect2soma(self):
        soma = self._soma
        if soma is None:
            return
        xc, yc, zc = soma.points()[:3]
        xmin, xmax = min(xc) - 0.5, max(xc) + 0.5
        ymin, ymax = min(yc) - 0.5, max(yc) + 0.5
        c = _contour.contourcenter(xc, yc, zc)[0]
        for sec in self._sections:
            if sec.parentsec is None and sec is not soma:
                x0, y0 = sec._x[0], sec._y[0]
                if xmin <= x0 <= xmax and ymin <= y0 <= ymax:
                    sec.parentsec = soma
                    sec.parentx = 0.5
                    sec.insrt(0, c[0], c[1], c[2], 0.01)
                    sec.first = 1.0
                    sec.fid = 1.0

    def _errout(self):
        out = sys.stdout.write
        out("\n%s problems and default fixes\n\n" % self._fname)
        if self._parse_err:
            out("  Following lines could not be parsed\n")
            for s in self._parse_err:
                out("    %s\n" % s)
            out("\n")
        if self._stack:
            out("    stack.count = %d\n" % len(self._stack))
        if self._nspine > 0:
            out("    Ignore %d spines\n" % self._nspine)
