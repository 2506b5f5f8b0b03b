"""Classes HOC provides itself when the model does not: File, StringFunctions.
Methods receive HOC values (float, str/StrArg, objects)."""
import os
import re
import weakref

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


# StringFunctions.alias: obj -> {name: target (a pointer with [0], or an object)}
ALIASES = weakref.WeakKeyDictionary()
_ALIASES_BY_ID = {}          # objects that cannot be weakly referenced: id -> (obj, table)
_NO_ALIAS = object()
ANY_ALIAS = False            # set once an alias exists: HOC member access looks them up


def _alias_table(obj, create):
    global ANY_ALIAS
    if create:
        ANY_ALIAS = True
    try:
        table = ALIASES.get(obj)
        if table is None:
            table = {}
            if create:
                ALIASES[obj] = table
        return table
    except TypeError:
        entry = _ALIASES_BY_ID.get(id(obj))
        if entry is None:
            entry = (obj, {})
            if create:
                _ALIASES_BY_ID[id(obj)] = entry
        return entry[1]


_ALIASED_CLASSES = {}        # class -> its twin whose attribute access sees the aliases


def _alias_getattribute(self, name):
    if name[:1] != "_":
        table = _alias_table(self, False)
        if name in table:
            target = table[name]
            return target if isinstance(target, HocObject) else float(target[0])
    return _ALIAS_BASE_GET[type(self)](self, name)


def _alias_setattr(self, name, value):
    if name[:1] != "_":
        table = _alias_table(self, False)
        if name in table:
            target = table[name]
            if isinstance(target, HocObject):
                raise TypeError("%s.%s is an alias of the object %s (StringFunctions.alias): "
                                "it cannot be assigned" % (N.I.objname(self), name,
                                                            N.I.objname(target)))
            target[0] = float(value)
            return
    _ALIAS_BASE_SET[type(self)](self, name, value)


_ALIAS_BASE_GET = {}
_ALIAS_BASE_SET = {}


def _see_aliases_from_python(obj):
    """Move obj to a twin of its class (same layout, name and printing) whose attribute
    access from Python reads and writes obj's aliases first, as NEURON's does."""
    cls = type(obj)
    if cls in _ALIAS_BASE_GET:
        return
    twin = _ALIASED_CLASSES.get(cls)
    if twin is None:
        ns = {"__slots__": (), "__module__": cls.__module__, "__qualname__": cls.__qualname__,
              "__doc__": cls.__doc__, "__getattribute__": _alias_getattribute,
              "__setattr__": _alias_setattr}
        if "_neuron_repr" in cls.__dict__:
            ns["_neuron_repr"] = cls.__dict__["_neuron_repr"]
        try:
            twin = type(cls)(cls.__name__, (cls,), ns)
        except TypeError:               # a class that cannot be subclassed: HOC sees the alias
            return
        _ALIASED_CLASSES[cls] = twin
        _ALIAS_BASE_GET[twin] = cls.__getattribute__
        _ALIAS_BASE_SET[twin] = cls.__setattr__
    try:
        object.__setattr__(obj, "__class__", twin)
    except TypeError:                   # another layout: HOC sees the alias, Python does not
        pass


def alias_lookup(obj, name):
    """(True, target) if `name` is an alias of obj, else (False, None) (the interpreter
    asks only once ANY_ALIAS is set)."""
    table = _alias_table(obj, False)
    if name in table:
        return True, table[name]
    return False, None


class _AliasString(HocObject):
    """What alias_list holds when no HOC String template is defined: `s`, the name."""
    _hoc_name = "String"

    def __init__(self, s=""):
        self.s = s
        self._hoc_register()


def _pp_mech(o):
    """The mechanism of point process o (its class's ``_mech``), else None."""
    mech = getattr(type(o), "_mech", None)
    return mech if getattr(mech, "is_point", False) else None


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
        """0 for an object that is not a point process, else NEURON's number of its
        type (1 IClamp, 2 AlphaSynapse, ..., 9 NetStim, ...; model/mechcatalogue.py)."""
        mech = _pp_mech(o)
        if mech is None:
            return 0
        from ..model.mechcatalogue import point_process_number
        return point_process_number(mech.name)

    def is_artificial(self, o):
        """is_point_process(o) for an ARTIFICIAL_CELL (NetStim, IntFire1, ...), else 0."""
        mech = _pp_mech(o)
        if mech is None or not mech.is_artificial:
            return 0
        return self.is_point_process(o)

    def alias(self, obj=None, name=None, target=_NO_ALIAS):
        """alias(obj, "name", &var | obj2): obj.name reads and writes var (or is obj2) in
        HOC; alias(obj, "name") removes that alias, alias(obj) removes them all."""
        if obj is None:
            raise TypeError("StringFunctions.alias(obj[, name[, &var | obj2]]): needs an object")
        if name is None:
            _alias_table(obj, False).clear()
            return 0.0
        name = _s(name)
        if target is _NO_ALIAS:
            _alias_table(obj, False).pop(name, None)
            return 0.0
        if isinstance(target, (int, float, str)) and not isinstance(target, bool):
            raise TypeError("StringFunctions.alias(%s, \"%s\", %r): the value must be a pointer "
                            "(&var in HOC, _ref_var in Python) or an object, not a number"
                            % (N.I.objname(obj), name, target))
        _alias_table(obj, True)[name] = target
        if isinstance(obj, HocObject):
            _see_aliases_from_python(obj)
        return 0.0

    def alias_list(self, obj):
        """A new List of String objects (their `s`: the alias names of obj, sorted)."""
        from . import host as _host
        names = sorted(_alias_table(obj, False))
        lst = _host.HOST.classes().get("List")()
        tdef = N.I.templates.get("String")
        for n in names:
            lst.append(tdef.cls(n) if tdef is not None else _AliasString(n))
        return lst


def install_classes(I):
    """Offer File and StringFunctions where the host has no class of that name."""
    I.default_classes.update(File=File, StringFunctions=StringFunctions)
