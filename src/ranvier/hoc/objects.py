"""Classes HOC provides itself when the model does not: File, StringFunctions.
Methods receive HOC values (float, str/StrArg, objects)."""
import os
import re

from ..core.hocobject import HocObject
from . import nodes as N
from .fmt import hoc_sprintf, scan_number
from .runtime import StrArg, HocRef


def _write_str(arg, value):
    if isinstance(arg, StrArg) and arg.ref is not None:
        arg.ref[0] = value
    elif isinstance(arg, HocRef):
        arg[0] = value
    else:
        raise ValueError("Expecting string argument")


def _s(v):
    if isinstance(v, HocRef):
        return v[0]
    return str(v)


class File(HocObject):
    _hoc_name = "File"

    def __init__(self, name=None, *args, **kw):
        self._hoc_register()
        self._name = _s(name) if name is not None else ""
        self._f = None

    def _open(self, name, mode):
        if self._f is not None:
            self._f.close()
            self._f = None
        if name is not None:
            self._name = _s(name)
        try:
            self._f = open(self._name, mode)
            return 1.0
        except OSError:
            return 0.0

    def ropen(self, name=None):
        return self._open(name, "r")

    def wopen(self, name=None):
        return self._open(name, "w")

    def aopen(self, name=None):
        return self._open(name, "a")

    def close(self):
        if self._f is not None:
            self._f.close()
            self._f = None
        return 0.0

    def isopen(self):
        return 1.0 if self._f is not None else 0.0

    def getname(self, s=None):
        if s is not None:
            _write_str(s, self._name)
        return self._name

    def eof(self):
        if self._f is None:
            return 1.0
        pos = self._f.tell()
        ch = self._f.read(1)
        if not ch:
            return 1.0
        self._f.seek(pos)
        return 0.0

    def printf(self, fmt, *args):
        s = hoc_sprintf(_s(fmt), list(args), N.I.objname)
        if self._f is None:
            raise ValueError("File not open")
        self._f.write(s)
        return float(len(s))

    def gets(self, s):
        line = self._f.readline() if self._f is not None else ""
        if not line:
            return -1.0
        _write_str(s, line)
        return float(len(line))

    def scanvar(self):
        while True:
            buf = getattr(self, "_buf", "")
            if not buf.strip():
                line = self._f.readline()
                if not line:
                    raise ValueError("EOF in scanvar")
                self._buf = line
                continue
            v, rest = scan_number(buf)
            self._buf = rest
            if v is not None:
                return v

    def scanstr(self, s):
        while True:
            buf = getattr(self, "_buf", "")
            m = re.match(r"\s*(\S+)", buf)
            if m:
                self._buf = buf[m.end():]
                _write_str(s, m.group(1))
                return float(len(m.group(1)))
            line = self._f.readline()
            if not line:
                return -1.0
            self._buf = line

    def flush(self):
        if self._f is not None:
            self._f.flush()
        return 0.0

    def unlink(self):
        try:
            os.unlink(self._name)
            return 1.0
        except OSError:
            return 0.0

    def seek(self, off=0, whence=0):
        self._f.seek(int(off), int(whence))
        return 0.0

    def tell(self):
        return float(self._f.tell())

    def chooser(self, *a):
        return 0.0


class StringFunctions(HocObject):
    _hoc_name = "StringFunctions"

    def __init__(self, *args, **kw):
        self._hoc_register()

    def len(self, s):
        return float(len(_s(s)))

    def substr(self, s, t):
        return float(_s(s).find(_s(t)))

    def head(self, s, pat, out):
        s = _s(s)
        m = re.search(_s(pat), s)
        if m is None:
            _write_str(out, "")
            return -1.0
        _write_str(out, s[:m.start()])
        return float(m.start())

    def tail(self, s, pat, out):
        s = _s(s)
        m = re.search(_s(pat), s)
        if m is None:
            _write_str(out, "")
            return -1.0
        _write_str(out, s[m.end():])
        return float(m.end())

    def left(self, s, n):
        _write_str(s, _s(s)[:int(n)])
        return 1.0

    def right(self, s, n):
        _write_str(s, _s(s)[int(n):])
        return 1.0

    def ltrim(self, s, out=None, chars=None):
        r = _s(s).lstrip(" \t\n") if chars is None else _s(s).lstrip(_s(chars))
        _write_str(out if out is not None else s, r)
        return 1.0

    def rtrim(self, s, out=None, chars=None):
        r = _s(s).rstrip(" \t\n") if chars is None else _s(s).rstrip(_s(chars))
        _write_str(out if out is not None else s, r)
        return 1.0

    def is_name(self, s):
        name = _s(s)
        if N.I.top_syms.get(name) is not None and N.I.top_syms[name].kind != "undef":
            return 1.0
        return 1.0 if N.I.builtin_sym(name) is not None else 0.0

    def references(self, o, *a):
        return 0.0

    def is_point_process(self, o):
        return 1.0 if hasattr(o, "get_segment") or hasattr(o, "get_loc") else 0.0

    def is_artificial(self, o):
        return 1.0 if getattr(o, "_artificial", False) else 0.0

    def alias(self, *a):
        return 0.0


def install_classes(I):
    """Offer File and StringFunctions where the host has no class of that name."""
    I.default_classes.update(File=File, StringFunctions=StringFunctions)
