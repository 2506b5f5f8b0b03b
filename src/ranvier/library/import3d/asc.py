"""Import3d_Neurolucida3: Neurolucida V3 text files (.asc).

The file is a tree of parenthesised lists: soma outlines ``("CellBody" ...
points)``, trees ``( (Dendrite) points [ ( branch | branch ... ) ] )`` with
``(Axon)``, ``(Dendrite)`` or ``(Apical)`` as their last property, markers,
properties, spines ``< ... >``, text and sets (the last four are skipped).
Points are ``(x y [z [d [label] [bezier]]])``; ';' starts a comment.

Sections and connections (NEURON's rules):
  * a closed outline named "CellBody", "Cell Body" or "Soma" with at least 3
    points is a soma contour (type 1); contours come first in the section list;
  * each tree branch is one section; a branch that does not start at its parent's
    last point gets that point first, with the branch's first diameter;
  * a tree whose first point lies in a soma outline's bounding box (0.5 um of
    slack) attaches at that soma's 0.5 with a logical connection to the
    outline's centre (the mean of the outline resampled at 101 points); a tree
    outside every box attaches the same way to the nearest centre and is
    reported ("... is outside the soma bounding boxes").
Nothing is printed with ``quiet = 1``; otherwise NEURON's progress line
("N lines read") and the problem report.
"""
import math
import sys

from .contour import contourcenter
from .cscan import scan_one
from .errors import Import3dError, Import3dFileError
from . import nrnvec as V
from . import stack
from .section import Import3dReader, Import3dSection

EOF_, NUMBER, LEFTPAR, RIGHTPAR, COMMA, BAR, SET, RGB, STRING, LABEL, ERR, LEFTSP, RIGHTSP = range(13)
_TOKEN_NAMES = ("eof", "number", "leftpar", "rightpar", "comma", "bar", "set", "rgb",
                "string", "label", "err", "leftsp", "rightsp")
_PUNCT = {"(": LEFTPAR, ")": RIGHTPAR, ",": COMMA, "|": BAR, "<": LEFTSP, ">": RIGHTSP}
_SOMA_NAMES = ("CellBody", "Cell Body", "Soma")
_WS = " \t\n\r\f\v"
_LABEL_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


class ParseError(Import3dError):
    """A Neurolucida file that does not follow the grammar (NEURON: 'parse error');
    input() reports it and returns, as NEURON's reader does."""


class _Tok:
    __slots__ = ("kind", "x", "s", "line", "itok")

    def __init__(self, kind, x=0.0, s="", line=0, itok=0):
        self.kind, self.x, self.s, self.line, self.itok = kind, x, s, line, itok


def _lex_line(rest):
    """One token from the text `rest` (NEURON's lexer rules, in its order):
    (kind, x, s, remaining text)."""
    x, after = scan_one(rest)
    if x is not None and after:
        return NUMBER, x, "", after
    body = rest.lstrip(_WS)
    if body[:1] in _PUNCT and len(body) > 1:
        return _PUNCT[body[0]], 0.0, "", body[1:]
    for word, kind in (("set", SET), ("Set", SET), ("SET", SET), ("RGB", RGB)):
        if body.startswith(word):
            tail = body[len(word):].lstrip(_WS)
            if tail:
                return kind, 0.0, "", tail
    if body.startswith('"'):
        end = body.find('"', 1)
        if end > 1:
            if len(body) > end + 1:
                return STRING, 0.0, body[1:end], body[end + 1:]
            return STRING, 0.0, body[1:end], ""
        if end == -1 and len(body) > 1:
            return ERR, 0.0, None, ""           # no closing quote
        if end == 1 and len(body) > 2:
            return STRING, 0.0, "", body[2:]
    k = 0
    while k < len(body) and body[k] in _LABEL_CHARS:
        k += 1
    if k and len(body) > k:
        return LABEL, 0.0, body[:k], body[k:]
    return ERR, 0.0, "", ""


def tokenize(text, fname="", quiet=True, out=None):
    """The file's tokens, each with the number of the line it is on, and the
    number of lines.  Lines lose trailing white space; ';' to the end of the line
    is a comment."""
    if out is None:
        out = sys.stdout
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    toks = []
    for lineno, raw in enumerate(lines, 1):
        if not quiet and lineno % 1000 == 0:
            out.write("\r%d lines read" % lineno)
        line = raw.rstrip(" \t\n\r") + "\n"
        while True:
            if len(line) <= 1:
                break
            stripped = line.lstrip(_WS)
            if stripped.startswith(";") and len(stripped) > 1:
                break
            kind, x, s, line = _lex_line(line)
            if kind == ERR and s is None:
                out.write("Lexical error: no closing '\"' in string. The entire line %d in ||is\n"
                          % lineno)
                out.write("|%s|\n" % raw)
                s = ""
            toks.append(_Tok(kind, x, s, lineno, len(toks) + 1))
            if kind == ERR:
                line = ""
    if not quiet:
        out.write("\r%d lines read\n" % len(lines))
    return toks, lines


class _Property:
    def __init__(self, tok):
        self.items = [tok]


class Spine:
    """A spine of a Neurolucida tree: its base point and its tip."""

    def __init__(self, baseindex):
        self.class_type = 0.0
        self.class_label = ""
        self.baseindex = baseindex
        self.x, self.y, self.z, self.d = [], [], [], []
        self.iline = 0

    def append_point(self, x, y, z, d):
        self.x.append(x)
        self.y.append(y)
        self.z.append(z)
        self.d.append(d)


class Neurolucida3Reader(Import3dReader):
    """NEURON's Import3d_Neurolucida3: ``r = h.Import3d_Neurolucida3(); r.quiet = 1;
    r.input('cell.asc')``."""

    _hoc_name = "Import3d_Neurolucida3"

    def __init__(self):
        self._hoc_register()
        self.quiet = 0.0
        self.filetype = "Neurolucida V3"
        self.err = 0.0
        self._fname = ""
        self._sections = []
        self._types = []
        self._x, self._y, self._z, self._d, self._iline, self._lines = [], [], [], [], [], []
        self._spines = []
        self._b2serr = []
        self._centers = []

    # -- what Import3d_GUI asks of a reader: Import3dReader ------------------------------
    def pt2id(self, i):
        i = int(i)
        if i >= len(self._iline):
            i = len(self._iline) - 1
        return self._iline[i] if i >= 0 else 0.0

    # -- reading ----------------------------------------------------------------------------
    def input(self, fname):
        """Read a Neurolucida V3 file and make its sections."""
        self._b2serr = []
        self._nspine = 0
        self.err = 0.0
        self._types = []
        self._sections = []
        self._x, self._y, self._z, self._d, self._iline, self._lines = [], [], [], [], [], []
        self._spines = []
        self._fname = str(fname)
        try:
            with open(self._fname, "r", errors="replace", newline="") as f:
                text = f.read()
        except OSError:
            self.err = 1.0
            sys.stdout.write("could not open %s\n" % self._fname)
            raise Import3dFileError("Import3d_Neurolucida3: could not open %s" % self._fname) \
                from None
        if not self.quiet:
            sys.stdout.write("\n")
        toks, lines = tokenize(text, self._fname, bool(self.quiet))
        try:
            self._parse(toks, lines)
        except ParseError:
            # NEURON prints the parse error and `stop`s: input() returns with the
            # sections made so far, not connected to a soma
            return 0.0
        self._connect2soma()
        if self._nspine > 0 and not self.quiet:
            sys.stdout.write("%d spines\n" % self._nspine)
        if self.err:
            self._errout()
        return 0.0

    def _errout(self):
        if self.quiet:
            return
        sys.stdout.write("\n%s problems\n\n" % self._fname)
        for s in self._b2serr:
            sys.stdout.write("%s\n" % s)

    # -- the grammar ---------------------------------------------------------------------------
    def _parse(self, toks, lines):
        self._toks = toks
        self._nlines = len(lines)
        self._textlines = lines
        self._k = 0
        self._hw = 2                 # NEURON's lexer reads two tokens ahead
        self._plist = []
        self._parentsec = None
        self._sectype = 0
        self._objects()

    def _tok(self, k):
        if k < len(self._toks):
            return self._toks[k]
        return _Tok(EOF_, line=self._nlines, itok=len(self._toks) + 1)

    @property
    def _cur(self):
        return self._tok(self._k)

    def _la(self, n=1):
        return self._tok(self._k + n).kind

    def _next(self):
        self._k += 1
        if self._k + 2 > self._hw:
            self._hw = self._k + 2

    def _lexline(self):
        """The line number NEURON's lexer is on (it runs ahead of the parser)."""
        k = self._hw
        if k < len(self._toks):
            return self._toks[k].line
        return self._nlines

    def _err(self):
        c = self._cur
        line = self._lexline()
        text = self._textlines[line - 1] if 0 < line <= len(self._textlines) else ""
        msg = ("\nparse error\nitok=%d on line %d token=%s x=%g s=%s\nline %d: %s\n"
               % (c.itok, c.line, _TOKEN_NAMES[c.kind], c.x, c.s, line, text))
        sys.stdout.write(msg)
        raise ParseError("Import3d_Neurolucida3: parse error in %s line %d (token %s)"
                         % (self._fname, c.line, _TOKEN_NAMES[c.kind]))

    def _chk(self, kind):
        if self._cur.kind != kind:
            self._err()

    def _demand(self, kind):
        self._next()
        self._chk(kind)

    def _optionalcomma(self):
        if self._cur.kind == COMMA:
            self._next()

    def _sequence(self, item):
        """item, then more items each opened by '(' (commas between them optional)."""
        item()
        while True:
            self._optionalcomma()
            if self._cur.kind != LEFTPAR:
                break
            item()

    def _objects(self):
        self._sequence(self._object)

    def _object(self):
        if self._cur.kind != LEFTPAR:
            self._err()
        la = self._la()
        if la == STRING:
            self._contour()
        elif la == LABEL:
            self._marker_or_property()
        elif la == LEFTPAR:
            self._tree_or_text()
        elif la == SET:
            self._p_set()
        else:
            self._err()

    def _marker_or_property(self):
        if self._la(2) == LEFTPAR:
            self._marker()
        else:
            self._property()

    def _tree_or_text(self):
        start = self._k
        if not self._text():
            self._k = start           # replay the same tokens as a tree
            self._tree()

    def _properties(self):
        self._plist = []
        if self._cur.kind == LEFTPAR and self._la() in (LABEL, SET):
            self._property_or_set()
            while True:
                self._optionalcomma()
                if self._cur.kind != LEFTPAR or self._la() not in (LABEL, SET):
                    break
                self._property_or_set()

    def _property_or_set(self):
        if self._la() == LABEL:
            self._property()
        else:
            self._p_set()

    def _property(self):
        self._chk(LEFTPAR)
        self._demand(LABEL)
        prop = _Property(self._cur)
        self._plist.append(prop)
        self._next()
        if self._cur.kind in (NUMBER, STRING, LABEL, RGB):
            self._values(prop)
        self._chk(RIGHTPAR)
        self._next()

    def _values(self, prop):
        self._value(prop)
        while self._cur.kind in (NUMBER, STRING, LABEL, RGB):
            self._value(prop)

    def _value(self, prop):
        c = self._cur.kind
        if c in (NUMBER, STRING, LABEL):
            prop.items.append(self._cur)
        elif c == RGB:
            self._demand(LEFTPAR)
            self._demand(NUMBER)
            self._next()
            self._optionalcomma()
            self._chk(NUMBER)
            self._next()
            self._optionalcomma()
            self._chk(NUMBER)
            self._demand(RIGHTPAR)
        else:
            self._err()
        self._next()

    def _p_set(self):
        self._chk(LEFTPAR)
        self._demand(SET)
        self._demand(STRING)
        self._next()
        if self._cur.kind != RIGHTPAR:
            self._objects()
        self._chk(RIGHTPAR)
        self._next()

    def _contour(self):
        self._chk(LEFTPAR)
        begin = len(self._x)
        self._demand(STRING)
        keep = self._cur.s in _SOMA_NAMES
        il = self._cur.line
        self._next()
        self._properties()
        self._points()
        if keep:
            end = len(self._x)
            if end - begin > 2:
                self._sectype = 1
                self._newsec(begin, end)
                self._cursec.iscontour_ = 1.0
            else:
                self._b2serr.append("CellBody contour has less than three points at line %d. "
                                    "Ignoring." % il)
        self._chk(RIGHTPAR)
        self._next()

    def _markerlist(self):
        self._chk(LEFTPAR)
        depth = 1
        while depth != 0:
            self._next()
            k = self._cur.kind
            if k == RIGHTPAR:
                depth -= 1
            elif k == LEFTPAR:
                depth += 1
            elif k == EOF_:
                self._err()
        self._next()

    def _tree(self):
        self._parentsec = None
        self._chk(LEFTPAR)
        self._next()
        self._properties()
        self._set_sectype()
        self._branch()
        self._chk(RIGHTPAR)
        self._next()
        self._parentsec = None

    def _set_sectype(self):
        self._sectype = 0
        if self._plist:
            name = self._plist[-1].items[0].s
            self._sectype = {"Axon": 2, "Dendrite": 3, "Apical": 4}.get(name, 0)

    def _branch(self):
        psav = self._parentsec
        begin = len(self._x)
        self._treepoints()
        end = len(self._x)
        self._newsec(begin, end)
        self._cursec.parentsec = self._parentsec
        self._parentsec = self._cursec
        self._branchend()
        self._parentsec = psav

    def _treepoints(self):
        self._treepoint()
        while True:
            self._optionalcomma()
            if self._cur.kind != LEFTPAR or self._la() != NUMBER:
                break
            self._treepoint()

    def _treepoint(self):
        if self._la() == LABEL:
            self._marker_or_property()
        else:
            self._point()
            if self._cur.kind == LEFTSP:
                while self._cur.kind == LEFTSP:
                    self._spine()

    def _spine(self):
        self._chk(LEFTSP)
        self._next()
        self._nspine += 1
        ix = len(self._x) - 1
        spine = Spine(ix)
        spine.append_point(self._x[ix], self._y[ix], self._z[ix], self._d[ix])
        self._properties()
        if self._plist:
            p = self._plist[0]
            if p.items[0].s == "Class" and len(p.items) > 2:
                spine.class_type = p.items[1].x
                spine.class_label = p.items[2].s
        self._chk(LEFTPAR)
        self._demand(NUMBER)
        xv = self._cur.x
        spine.iline = self._lexline()
        self._next()
        self._optionalcomma()
        self._chk(NUMBER)
        yv = self._cur.x
        self._next()
        zv, dv = self._optz()
        self._chk(RIGHTPAR)
        self._next()
        spine.append_point(xv, yv, zv, dv)
        self._spines.append(spine)
        self._chk(RIGHTSP)
        self._next()

    def _branchend(self):
        self._optionalcomma()
        if self._cur.kind == LEFTPAR:
            while self._la() == LABEL:
                self._markerlist()
        self._optionalcomma()
        if self._cur.kind in (LEFTPAR, LABEL):
            self._node()

    def _node(self):
        if self._cur.kind == LEFTPAR:
            self._next()
            self._split()
            self._chk(RIGHTPAR)
            self._next()
        elif self._cur.kind == LABEL:
            self._next()
        else:
            self._err()

    def _split(self):
        self._branch()
        while self._cur.kind == BAR:
            self._next()
            self._branch()

    def _marker(self):
        self._chk(LEFTPAR)
        self._demand(LABEL)
        self._next()
        self._properties()
        self._points()
        self._chk(RIGHTPAR)
        self._next()

    def _text(self):
        self._chk(LEFTPAR)
        self._next()
        self._properties()
        self._point()
        if self._cur.kind != STRING:
            return False
        self._next()
        if self._cur.kind != RIGHTPAR:
            return False
        self._next()
        return True

    def _points(self):
        self._sequence(self._point)

    def _point(self):
        self._chk(LEFTPAR)
        self._demand(NUMBER)
        xv = self._cur.x
        line = self._lexline()
        self._iline.append(float(line))
        self._lines.append(self._textlines[line - 1] if 0 < line <= len(self._textlines) else "")
        self._next()
        self._optionalcomma()
        self._chk(NUMBER)
        yv = self._cur.x
        self._next()
        zv, dv = self._optz()
        self._x.append(xv)
        self._y.append(yv)
        self._z.append(zv)
        self._d.append(dv)
        self._chk(RIGHTPAR)
        self._next()

    def _optz(self):
        zv = dv = 0.0
        self._optionalcomma()
        if self._cur.kind == NUMBER:
            zv = self._cur.x
            self._next()
            self._optionalcomma()
            if self._cur.kind == NUMBER:
                dv = self._cur.x
                self._next()
                self._optionalcomma()
                if self._cur.kind == LABEL:
                    self._next()
                self._optbezier()
        return zv, dv

    def _optbezier(self):
        self._optionalcomma()
        if self._cur.kind == LEFTPAR:          # ( n [,] n [,] n [,] n )
            self._demand(NUMBER)
            self._next()
            for _ in range(2):
                self._optionalcomma()
                self._chk(NUMBER)
                self._next()
            self._optionalcomma()
            self._chk(NUMBER)
            self._demand(RIGHTPAR)
            self._next()

    # -- sections ------------------------------------------------------------------------------
    def _newsec(self, begin, end):
        n = end - begin
        first = 0
        par = self._parentsec
        if n == 0:
            raise ParseError("Import3d_Neurolucida3: %s line %d: a branch without points"
                             % (self._fname, self._cur.line))
        extra = False
        if par is not None:
            last = par.npoints() - 1
            extra = not (V.eq(par._x[last], self._x[begin]) and V.eq(par._y[last], self._y[begin])
                         and V.eq(par._z[last], self._z[begin]))
        if extra:
            sec = Import3dSection(begin, n + 1)
            first = 1
            sec.fid = 1.0
            last = par.npoints() - 1
            sec.set_pt(0, par._x[last], par._y[last], par._z[last], self._d[begin])
        else:
            sec = Import3dSection(begin, n)
        sec.type = float(self._sectype)
        self._types.append(float(self._sectype))
        self._sections.append(sec)
        sec.append(first, begin, n, self._x, self._y, self._z, self._d)
        self._cursec = sec

    def _connect2soma(self):
        secs = self._sections
        somas = []
        j = 0
        for i in range(len(secs)):
            sec = secs[i]
            if sec.iscontour_:
                if i > j:
                    del secs[i]
                    secs.insert(j, sec)
                somas.append(sec)
                j += 1
        self._somas = somas
        self._soma_contour_stack()
        roots = [s for s in secs if not s.iscontour_ and s.parentsec is None]
        self._centers = []
        if not somas:
            return
        for soma in somas:
            self._connect2soma_2(soma, roots)
        for sec in roots:
            p = (sec._x[0], sec._y[0], sec._z[0])
            dmin = 1e9
            imin = 0
            for k, c in enumerate(self._centers):
                dd = math.sqrt((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2)
                if V.lt(dd, dmin):
                    imin, dmin = k, dd
            self.err = 1.0
            c = self._centers[imin]
            self._b2serr.append("\nMain branch starting at line %d is outside the soma bounding "
                                "boxes" % self.pt2id(sec.id))
            self._b2serr.append("  Making a logical connection to center of nearest soma")
            sec.parentsec = somas[imin]
            sec.parentx = .5
            sec.insrt(0, c[0], c[1], c[2], .01)
            sec.first = 1.0
            sec.fid = 1.0

    def _soma_contour_stack(self):
        """Soma outlines whose xy bounding boxes overlap the previous one's form one
        soma (a stack of outlines in successive focal planes): the first of a run
        keeps the others in its contour_list, and they become subsidiary."""
        somas = self._somas
        if not somas:
            return
        first = somas[0]
        bb1 = _bbox(first)
        j = 0
        for _ in range(1, len(somas)):
            j += 1
            nxt = somas[j]
            bb2 = _bbox(nxt)
            if _xy_intersect(bb1, bb2):
                if first.contour_list is None:
                    first.contour_list = []
                first.contour_list.append(nxt)
                nxt.is_subsidiary = 1.0
                del somas[j]
                j -= 1
            else:
                first = nxt
            bb1 = bb2
        for soma in somas:
            self._somastack_makes_sense(soma)
            _somastack_process(soma)

    def _somastack_makes_sense(self, soma):
        if soma.contour_list is None:
            return
        z = soma._z[0]
        if any(V.ne(v, z) for v in soma._z[1:]):
            self._b2serr.append("Soma stack contour %s does not have constant z value." % soma)
            self._b2serr.append("    Soma area calculation may be serious in error.")
            return
        dz = 0
        for j, sec in enumerate(soma.contour_list):
            z2 = sec._z[0]
            dz2 = z2 - z
            if V.eq(dz2, 0):
                self._b2serr.append("Adjacent contour %d of soma stack %s has same z coordinate "
                                    "and previous." % (j, soma))
                return
            dz2 = 1 if V.gt(dz2, 0) else -1
            if dz == 0:
                dz = dz2
            elif dz != dz2:
                self._b2serr.append("Contour %d of the Soma stack %s is not monotonic in z."
                                    % (j, soma))
                self._b2serr.append("    Manually edit the neurolucida file and reorder or "
                                    "eliminate some contours.")
                self._b2serr.append("    Presently the soma surface is nonsense.")
                return
            z = z2
            if any(V.ne(v, z) for v in sec._z[1:]):
                self._b2serr.append("contour %d of the Soma stack %s does not have constant z "
                                    "value." % (j, soma))
                self._b2serr.append("    Soma area calculation may be serious in error.")
                return

    def _connect2soma_2(self, soma, roots):
        if soma.contour_list is not None:
            center = stack.stk_center(soma)
            xmin, xmax, ymin, ymax = stack.stk_bbox(soma)
        else:
            xmin, xmax = min(soma._x) - .5, max(soma._x) + .5
            ymin, ymax = min(soma._y) - .5, max(soma._y) + .5
            center = contourcenter(list(soma._x), list(soma._y), list(soma._z))[0]
        self._centers.append(center)
        for i in range(len(roots) - 1, -1, -1):
            sec = roots[i]
            x, y = sec._x[0], sec._y[0]
            if xmin <= x <= xmax and ymin <= y <= ymax:
                sec.parentsec = soma
                sec.parentx = .5
                sec.insrt(0, center[0], center[1], center[2], .01)
                sec.first = 1.0
                sec.fid = 1.0
                del roots[i]


def _somastack_process(soma):
    """NEURON prints the principal axes of a soma stack's points (its diagnostic;
    the numbers are not used)."""
    if soma.contour_list is not None:
        stack.print_principal_axes(soma)


def _bbox(sec):
    return (min(sec._x), min(sec._y), min(sec._z), max(sec._x), max(sec._y), max(sec._z))


def _xy_intersect(a, b):
    for i in range(2):
        if V.gt(a[i], b[3 + i]) or V.gt(b[i], a[3 + i]):
            return False
    return True
