"""Runtime data of the HOC interpreter: symbols, frames, arrays, references,
control-flow exceptions, template instances."""
from ..core.hocobject import HocObject

__all__ = [
    "Sym", "HocArray", "ObjArray", "SecArray", "Frame", "HocRuntimeError",
    "BreakEx", "ContinueEx", "ReturnEx", "StopEx", "IterBreak", "IterReturn",
    "HocRef", "HocPointer", "StrArg", "HocInstance", "Defn", "TemplateDef",
]


class HocRuntimeError(Exception):
    """An error while running HOC code; becomes HocError with a location."""

    def __init__(self, message, extra=None):
        super().__init__(message)
        self.message = message
        self.frames = []      # innermost first: "f(0)"


class BreakEx(Exception):
    pass


class ContinueEx(Exception):
    pass


class ReturnEx(Exception):
    __slots__ = ("value", "has_value")

    def __init__(self, value, has_value):
        self.value = value
        self.has_value = has_value


class StopEx(Exception):
    pass


class IterBreak(Exception):
    pass


class IterReturn(Exception):
    def __init__(self, ret):
        self.ret = ret


class Sym:
    """A name in a symbol list.  kind: undef var str obj sec proc func obfunc
    iter template; built-ins: bfunc bvar hvar secprop rangevar hfunc class."""
    __slots__ = ("name", "kind", "scope", "defn", "extra")

    def __init__(self, name, kind, scope="top", defn=None, extra=None):
        self.name = name
        self.kind = kind
        self.scope = scope       # 'top' | 'obj' | 'builtin'
        self.defn = defn
        self.extra = extra

    def __repr__(self):
        return "Sym(%s,%s,%s)" % (self.name, self.kind, self.scope)


class HocArray:
    """A double array with dims; data is a flat list."""
    __slots__ = ("dims", "data")

    def __init__(self, dims):
        self.dims = tuple(dims)
        n = 1
        for d in self.dims:
            n *= d
        self.data = [0.0] * n


class ObjArray:
    __slots__ = ("dims", "data")

    def __init__(self, dims):
        self.dims = tuple(dims)
        n = 1
        for d in self.dims:
            n *= d
        self.data = [None] * n


class SecArray:
    __slots__ = ("dims", "data")

    def __init__(self, dims, data):
        self.dims = tuple(dims)
        self.data = data


class Frame:
    __slots__ = ("obj", "args", "refs", "locs", "defn", "iter_body")

    def __init__(self, obj=None, args=(), refs=None, locs=None, defn=None):
        self.obj = obj
        self.args = args
        self.refs = refs
        self.locs = locs
        self.defn = defn
        self.iter_body = None


class Defn:
    """A proc/func/obfunc/iterator definition."""
    __slots__ = ("name", "kind", "body", "nlocals", "local_kinds", "template", "src")

    def __init__(self, name, kind, body, nlocals, local_kinds, template, src=None):
        self.name = name
        self.kind = kind
        self.body = body
        self.nlocals = nlocals
        self.local_kinds = local_kinds
        self.template = template
        self.src = src

    def new_locals(self):
        return [0.0 if k == "n" else None for k in self.local_kinds]


class TemplateDef:
    def __init__(self, name):
        self.name = name
        self.syms = {}
        self.publics = []
        self.proto = {}          # values set while the template body ran
        self.cls = None


class HocRef:
    """A reference cell like NEURON's h.ref(): r[0] reads/writes the value.

    Holds a number or a string; passed to HOC as `$&1` (number) or `$s1`.
    """
    __slots__ = ("_value",)

    def __init__(self, value=0.0):
        self._value = value

    def __getitem__(self, i):
        if i != 0:
            raise IndexError("HocRef index must be 0")
        return self._value

    def __setitem__(self, i, v):
        if i != 0:
            raise IndexError("HocRef index must be 0")
        self._value = v

    def __repr__(self):
        return "HocRef(%r)" % (self._value,)


class HocArrayRef:
    """h._ref_a for a HOC double array a (NEURON's "incomplete pointer"): h._ref_a[i] is
    a pointer to a[i]."""
    __slots__ = ("name", "array")

    def __init__(self, name, array):
        self.name = name
        self.array = array

    def __getitem__(self, i):
        i = int(i)
        if not 0 <= i < len(self.array.data):
            raise IndexError("%s[%d]: index out of range 0..%d"
                             % (self.name, i, len(self.array.data) - 1))
        return HocPointer(array=self.array, offset=i)

    def __repr__(self):
        return "<incomplete pointer to hoc array %s>" % self.name


class HocPointer:
    """`&x` handed to a function: p[0] reads/writes x, p[i] the i-th element
    after it for arrays."""
    __slots__ = ("get", "set", "array", "offset")

    def __init__(self, get=None, set=None, array=None, offset=0):
        self.get = get
        self.set = set
        self.array = array
        self.offset = offset

    def __getitem__(self, i):
        i = int(i)
        if self.array is not None:
            return self.array.data[self.offset + i]
        if i != 0:
            raise IndexError("pointer index out of range")
        return self.get()

    def __setitem__(self, i, v):
        i = int(i)
        if self.array is not None:
            self.array.data[self.offset + i] = float(v)
            return
        if i != 0:
            raise IndexError("pointer index out of range")
        self.set(v)


class StrArg(str):
    """A strdef handed to a Python function: a str whose `.ref[0]` writes the
    strdef back (sectionname(s), sprint(s, ...), File.gets(s) ...)."""
    ref = None


class HocInstance(HocObject):
    """An instance of a HOC template.  Subclassed once per template."""
    _neuron_template = True      # h.Cell prints as NEURON's `Cell()`
    _tdef = None
    _interp = None

    def __init__(self, *args, **kw):
        object.__setattr__(self, "_vals", {})
        self._interp._construct(self, args, kw.get("sec"))

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        tdef = type(self)._tdef
        if name in tdef.publics:
            return self._interp._py_member_get(self, name)
        raise AttributeError("'%s' not a public member of '%s'" % (name, tdef.name))

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        tdef = type(self)._tdef
        if name in tdef.publics:
            self._interp._py_member_set(self, name, value)
            return
        raise AttributeError("'%s' not a public member of '%s'" % (name, tdef.name))

    def __del__(self):
        try:
            self._interp._destroy(self)
        except Exception:
            pass

    def __dir__(self):
        return list(type(self)._tdef.publics)
