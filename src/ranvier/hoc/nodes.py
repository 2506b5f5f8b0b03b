"""Executable nodes of parsed HOC: expressions (`ev`), lvalues (`get`/`set`)
and statements (`run`).  Static type `t`: 'n' number, 's' string, 'o' object,
'a' unknown until run time."""
import math

import numpy as np

from . import host as _host
from ..core.hocobject import instances
from .fmt import g8
from .runtime import (
    HocArray, ObjArray, SecArray, HocRuntimeError, BreakEx, ContinueEx, ReturnEx,
    StopEx, IterBreak, IterReturn, HocPointer, StrArg, HocInstance,
)

I = None          # the Interpreter (set by interp.py)
TOP = None        # top-level values dict
BV = None         # built-in plain doubles (PI, float_epsilon, hoc_ac_ ...)


def err(msg):
    raise HocRuntimeError(msg)


def num(v, what="number"):
    if v.__class__ is float:
        return v
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, np.generic):
        try:
            return float(v)
        except Exception:
            pass
    if isinstance(v, str):
        err("bad stack access: expecting (double); really (char *)")
    if v is None:
        err("bad stack access: expecting (double); really (Object **)")
    err("bad stack access: expecting (double); really (Object **)")


def pyval(v):
    """A value coming back from Python -> a HOC value."""
    c = v.__class__
    if c is float or c is str:
        return v
    if v is None:
        return None
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return str(v)
    if isinstance(v, np.generic):
        try:
            if isinstance(v, np.bool_):
                return 1.0 if v else 0.0
            return float(v)
        except Exception:
            pass
    return v


def flat_index(arr, idx, name):
    dims = arr.dims
    if len(idx) != len(dims):
        err("wrong # of subscripts %s" % name)
    k = 0
    for d, (n, e) in enumerate(zip(dims, idx)):
        i = int(e + 1e-11) if e >= 0 else int(e) - (1 if e != int(e) else 0)
        if i < 0 or i >= n:
            err("subscript %d index %d of %s out of range %d" % (d, i, name, n))
        k = k * n + i
    return k


# ----------------------------------------------------------------------------
# expressions
# ----------------------------------------------------------------------------

class Node:
    __slots__ = ()
    t = "n"
    lvalue = False


class Const(Node):
    __slots__ = ("v",)
    t = "n"

    def __init__(self, v):
        self.v = v

    def ev(self, fr):
        return self.v


class StrConst(Node):
    __slots__ = ("v",)
    t = "s"

    def __init__(self, v):
        self.v = v

    def ev(self, fr):
        return self.v


class Paren(Node):
    __slots__ = ("e", "t")

    def __init__(self, e):
        self.e = e
        self.t = e.t

    def ev(self, fr):
        return self.e.ev(fr)


class VarRef(Node):
    """A double (scalar or array element) in the top list or an instance."""
    __slots__ = ("name", "scope", "idx")
    t = "n"
    lvalue = True

    def __init__(self, name, scope, idx):
        self.name = name
        self.scope = scope
        self.idx = idx

    def _vals(self, fr):
        return TOP if self.scope == "top" else fr.obj._vals

    def ev(self, fr):
        vals = TOP if self.scope == "top" else fr.obj._vals
        try:
            v = vals[self.name]
        except KeyError:
            if _host.HOST.has_var(self.name):
                return HVar(self.name, self.idx).ev(fr)
            err("undefined variable %s" % self.name)
        if v.__class__ is float and not self.idx:
            return v
        return self._ev2(v, fr)

    def _ev2(self, v, fr):
        if v.__class__ is HocArray:
            if not self.idx:
                return v.data[0]
            return v.data[flat_index(v, [num(e.ev(fr)) for e in self.idx], self.name)]
        if self.idx:
            err("%s not an array variable" % self.name)
        if isinstance(v, float):
            return v
        err("%s not a double" % self.name)

    get = ev

    def set(self, fr, value):
        vals = TOP if self.scope == "top" else fr.obj._vals
        value = num(value)
        if self.name not in vals and _host.HOST.has_var(self.name):
            HVar(self.name, self.idx).set(fr, value)
            return
        if not self.idx:
            v = vals.get(self.name)
            if v.__class__ is HocArray:
                v.data[0] = value
            else:
                vals[self.name] = value
            return
        v = vals.get(self.name)
        if v.__class__ is not HocArray:
            err("%s not an array variable" % self.name)
        v.data[flat_index(v, [num(e.ev(fr)) for e in self.idx], self.name)] = value

    def pointer(self, fr):
        vals = TOP if self.scope == "top" else fr.obj._vals
        if self.name not in vals:
            err("undefined variable %s" % self.name)
        v = vals[self.name]
        if v.__class__ is HocArray:
            k = flat_index(v, [num(e.ev(fr)) for e in self.idx], self.name) if self.idx else 0
            return HocPointer(array=v, offset=k)
        name = self.name
        return HocPointer(lambda: vals[name], lambda x: vals.__setitem__(name, float(x)))


class LocalVar(Node):
    __slots__ = ("i", "name")
    t = "n"
    lvalue = True

    def __init__(self, i, name):
        self.i = i
        self.name = name

    def ev(self, fr):
        return fr.locs[self.i]

    get = ev

    def set(self, fr, value):
        fr.locs[self.i] = num(value)

    def pointer(self, fr):
        locs = fr.locs
        i = self.i
        return HocPointer(lambda: locs[i], lambda x: locs.__setitem__(i, float(x)))


class LocalObj(Node):
    __slots__ = ("i", "name")
    t = "o"
    lvalue = True

    def __init__(self, i, name):
        self.i = i
        self.name = name

    def ev(self, fr):
        return fr.locs[self.i]

    get = ev

    def set(self, fr, value):
        if isinstance(value, (float, str)):
            err("bad stack access: expecting Object**; really double %s" % g8(value) if isinstance(value, float) else "bad stack access")
        fr.locs[self.i] = value


class BVar(Node):
    """A built-in plain double (PI, float_epsilon, hoc_ac_ ...)."""
    __slots__ = ("name",)
    t = "n"
    lvalue = True

    def __init__(self, name):
        self.name = name

    def ev(self, fr):
        return BV[self.name]

    get = ev

    def set(self, fr, value):
        BV[self.name] = num(value)

    def pointer(self, fr):
        name = self.name
        return HocPointer(lambda: BV[name], lambda x: BV.__setitem__(name, float(x)))


class HVar(Node):
    """A variable of the model (t, dt, celsius, tstop ...)."""
    __slots__ = ("name", "idx")
    t = "n"
    lvalue = True

    def __init__(self, name, idx=None):
        self.name = name
        self.idx = idx

    def _value(self, fr):
        """The host's value of the variable (element idx of it when indexed)."""
        try:
            v = _host.HOST.get_var(self.name)
        except HocRuntimeError:
            raise
        except Exception as e:
            err(str(e) or e.__class__.__name__)
        if self.idx:
            v = v[int(num(self.idx[0].ev(fr)) + 1e-11)]
        return v

    def ev(self, fr):
        return num(pyval(self._value(fr)))

    get = ev

    def set(self, fr, value):
        value = num(value)
        try:
            if self.idx:
                v = _host.HOST.get_var(self.name)
                v[int(num(self.idx[0].ev(fr)) + 1e-11)] = value
            else:
                _host.HOST.set_var(self.name, value)
        except HocRuntimeError:
            raise
        except Exception as e:
            err(str(e) or e.__class__.__name__)

    def pointer(self, fr):
        name = self.name
        hs = _host.HOST.hs
        to_var = getattr(hs, "pointer_to_var", None) if hs is not None else None
        if to_var is not None:          # a model pointer (&t) that Vector.record can follow
            return to_var(name)
        return HocPointer(lambda: num(pyval(_host.HOST.get_var(name))),
                          lambda x: _host.HOST.set_var(name, float(x)))


class HObj(HVar):
    """A variable of the model that holds an object, used as one (stdrun's cvode in
    cvode.active(1), where no HOC objref is bound to it)."""
    __slots__ = ()
    t = "o"
    lvalue = False

    def ev(self, fr):
        v = self._value(fr)
        if isinstance(v, (int, float)):
            err("%s is not an object" % self.name)
        return v

    get = ev

    def set(self, fr, value):
        err("%s is not assignable" % self.name)


def _cas():
    try:
        return _host.HOST.cas()
    except HocRuntimeError:
        raise
    except Exception as e:
        err(str(e) or "Section access unspecified")


def host_err(e):
    if isinstance(e, HocRuntimeError):
        raise e
    msg = str(e)
    if isinstance(e, KeyError) and e.args:
        msg = str(e.args[0])
    err(msg or e.__class__.__name__)


class SecProp(Node):
    """L, Ra, nseg, rallbranch of the currently accessed section."""
    __slots__ = ("name",)
    t = "n"
    lvalue = True

    def __init__(self, name):
        self.name = name

    def ev(self, fr):
        sec = _cas()
        try:
            return num(pyval(_host.HOST.sec_get(sec, self.name)))
        except Exception as e:
            host_err(e)

    get = ev

    def set(self, fr, value):
        sec = _cas()
        value = num(value)
        if self.name == "nseg" and int(value) < 1:
            err("nseg  must be positive")
        try:
            _host.HOST.sec_set(sec, self.name, value)
        except Exception as e:
            host_err(e)


def _check_x(x):
    if x < 0 or x > 1:
        err("range variable domain is 0<=x<=1")
    return x


class RangeVar(Node):
    """diam, v, gnabar_hh ... of the cas at x (0.5 if none)."""
    __slots__ = ("name", "x", "x2", "sec", "idx")
    t = "n"
    lvalue = True

    def __init__(self, name, x, x2=None, sec=None, idx=None):
        self.name = name
        self.x = x
        self.x2 = x2
        self.sec = sec
        self.idx = idx    # the index of an NMODL array element (ca_cadifr[2](x)), or None

    def _element(self, fr, sec, x):
        """The array of an indexed range variable at x, and the index."""
        arr = _host.HOST.seg_get(sec, x, self.name)
        if not hasattr(arr, "__setitem__"):
            err("%s is not an array" % self.name)
        return arr, int(num(self.idx.ev(fr)))

    def _sec(self, fr):
        return _cas() if self.sec is None else self.sec.ev(fr)

    def ev(self, fr):
        sec = self._sec(fr)
        x = 0.5 if self.x is None else _check_x(num(self.x.ev(fr)))
        try:
            if self.idx is not None:
                arr, k = self._element(fr, sec, x)
                return num(arr[k])
            return num(pyval(_host.HOST.seg_get(sec, x, self.name)))
        except HocRuntimeError:
            raise
        except Exception as e:
            host_err(e)

    get = ev

    def set(self, fr, value):
        sec = self._sec(fr)
        value = num(value)
        try:
            if self.idx is not None:
                xs = _host.HOST.seg_centers(sec) if self.x is None else [_check_x(num(self.x.ev(fr)))]
                for x in xs:
                    arr, k = self._element(fr, sec, x)
                    arr[k] = value
            elif self.x is None:
                _host.HOST.set_all(sec, self.name, value)
            else:
                x = _check_x(num(self.x.ev(fr)))
                _host.HOST.seg_set(sec, x, self.name, value)
        except HocRuntimeError:
            raise
        except Exception as e:
            host_err(e)

    def pointer(self, fr):
        sec = self._sec(fr)
        x = 0.5 if self.x is None else _check_x(num(self.x.ev(fr)))
        name = self.name
        H = _host.HOST
        ref = getattr(sec(x), "_ref_" + name, None) if hasattr(sec, "__call__") else None
        if ref is not None and hasattr(ref, "__getitem__"):
            return ref
        return HocPointer(lambda: num(pyval(H.seg_get(sec, x, name))),
                          lambda v: H.seg_set(sec, x, name, float(v)))


class Taper(Node):
    """rv(x1:x2) = y1:y2 (statement form)."""
    __slots__ = ("rv", "op", "y1", "y2")

    def __init__(self, rv, op, y1, y2):
        self.rv = rv
        self.op = op
        self.y1 = y1
        self.y2 = y2

    def ev(self, fr):
        self.run(fr)
        return 0.0

    def run(self, fr):
        rv = self.rv
        sec = rv._sec(fr)
        x1 = _check_x(num(rv.x.ev(fr)))
        x2 = _check_x(num(rv.x2.ev(fr)))
        y1 = num(self.y1.ev(fr))
        y2 = num(self.y2.ev(fr))
        if abs(x2 - x1) < 1e-10:
            err("range variable domain is 0<=x<=1")
        H = _host.HOST
        try:
            nseg = int(H.sec_get(sec, "nseg"))
            centers = H.seg_centers(sec)
            i1 = min(int(nseg * x1), nseg - 1)
            i2 = min(int(nseg * x2), nseg - 1)
            lo, hi = (i1, i2) if i1 <= i2 else (i2, i1)
            pts = []
            for i in range(lo, hi + 1):
                c = centers[i]
                th = (c - x1) / (x2 - x1)
                if -1e-9 <= th <= 1 + 1e-9:
                    pts.append((c, th))
            if rv.name == "v":
                for xe in (0.0, 1.0):
                    if x1 == xe or x2 == xe:
                        pts.append((xe, (xe - x1) / (x2 - x1)))
            for c, th in pts:
                val = y1 * (1 - th) + y2 * th
                if self.op != "=":
                    val = binop_assign(self.op, num(pyval(H.seg_get(sec, c, rv.name))), val)
                H.seg_set(sec, c, rv.name, val)
        except HocRuntimeError:
            raise
        except Exception as e:
            host_err(e)


class StrVar(Node):
    __slots__ = ("name", "scope")
    t = "s"
    lvalue = True

    def __init__(self, name, scope):
        self.name = name
        self.scope = scope

    def ev(self, fr):
        vals = TOP if self.scope == "top" else fr.obj._vals
        try:
            return vals[self.name]
        except KeyError:
            err("undefined variable %s" % self.name)

    get = ev

    def set(self, fr, value):
        if not isinstance(value, str):
            err("bad stack access: expecting (char *)")
        vals = TOP if self.scope == "top" else fr.obj._vals
        vals[self.name] = str(value)

    def strarg(self, fr):
        s = StrArg(self.ev(fr))
        vals = TOP if self.scope == "top" else fr.obj._vals
        name = self.name
        s.ref = _StrCell(vals, name)
        return s


class _StrCell:
    __slots__ = ("vals", "name")

    def __init__(self, vals, name):
        self.vals = vals
        self.name = name

    def __getitem__(self, i):
        return self.vals[self.name]

    def __setitem__(self, i, v):
        self.vals[self.name] = str(v)


class ObjVar(Node):
    __slots__ = ("name", "scope", "idx")
    t = "o"
    lvalue = True

    def __init__(self, name, scope, idx):
        self.name = name
        self.scope = scope
        self.idx = idx

    def ev(self, fr):
        vals = TOP if self.scope == "top" else fr.obj._vals
        try:
            v = vals[self.name]
        except KeyError:
            err("undefined variable %s" % self.name)
        if v.__class__ is ObjArray:
            if not self.idx:
                return v.data[0]
            return v.data[flat_index(v, [num(e.ev(fr)) for e in self.idx], self.name)]
        if self.idx:
            err("%s not an array variable" % self.name)
        return v

    get = ev

    def set(self, fr, value):
        if isinstance(value, float):
            err("bad stack access: expecting Object**; really double %s" % g8(value))
        if isinstance(value, str):
            err("bad stack access: expecting Object**; really (char *)")
        vals = TOP if self.scope == "top" else fr.obj._vals
        v = vals.get(self.name)
        if v.__class__ is ObjArray:
            k = flat_index(v, [num(e.ev(fr)) for e in self.idx], self.name) if self.idx else 0
            v.data[k] = value
        else:
            if self.idx:
                err("%s not an array variable" % self.name)
            vals[self.name] = value


class ThisRef(Node):
    __slots__ = ()
    t = "o"

    def ev(self, fr):
        return fr.obj


class SecRef(Node):
    """A section named by a symbol (`soma`, `dend[2]`), value = Section."""
    __slots__ = ("name", "scope", "idx")
    t = "sec"

    def __init__(self, name, scope, idx):
        self.name = name
        self.scope = scope
        self.idx = idx

    def ev(self, fr):
        vals = TOP if self.scope == "top" else fr.obj._vals
        v = vals.get(self.name)
        if v is None:
            err("%s: section was deleted" % self.name)
        if v.__class__ is SecArray:
            if not self.idx:
                if not v.data:
                    err("subscript 0 index 0 of %s out of range 0" % self.name)
                s = v.data[0]
            else:
                s = v.data[flat_index(v, [num(e.ev(fr)) for e in self.idx], self.name)]
        else:
            if self.idx:
                err("%s not right number of subscripts" % self.name)
            s = v
        return s


class ArgNum(Node):
    __slots__ = ("n",)
    t = "n"
    lvalue = True

    def __init__(self, n):
        self.n = n

    def ev(self, fr):
        try:
            v = fr.args[self.n - 1]
        except IndexError:
            if fr.defn is None:
                err("$ used outside definition")
            err("%s not enough arguments" % fr.defn.name)
        if v.__class__ is float:
            return v
        return num(v)

    get = ev

    def set(self, fr, value):
        if self.n > len(fr.args):
            err("%s not enough arguments" % (fr.defn.name if fr.defn else "$"))
        fr.args[self.n - 1] = num(value)


class ArgI(Node):
    """$i: the argument numbered by the local variable i."""
    __slots__ = ("li", "kind")
    lvalue = True

    def __init__(self, li, kind):
        self.li = li
        self.kind = kind
        
    @property
    def t(self):
        return {"": "n", "s": "s", "o": "o"}.get(self.kind, "n")

    def _n(self, fr):
        return int(fr.locs[self.li] + 1e-11)

    def ev(self, fr):
        n = self._n(fr)
        if n < 1 or n > len(fr.args):
            err("%s not enough arguments" % (fr.defn.name if fr.defn else "$"))
        return fr.args[n - 1]

    get = ev

    def set(self, fr, value):
        n = self._n(fr)
        fr.args[n - 1] = value


class ArgStr(Node):
    __slots__ = ("n",)
    t = "s"
    lvalue = True

    def __init__(self, n):
        self.n = n

    def ev(self, fr):
        try:
            v = fr.args[self.n - 1]
        except IndexError:
            if fr.defn is None:
                err("$ used outside definition")
            err("%s not enough arguments" % fr.defn.name)
        if isinstance(v, str):
            return v
        if hasattr(v, "__getitem__") and not isinstance(v, (float,)):
            try:
                x = v[0]
                if isinstance(x, str):
                    return x
            except Exception:
                pass
        err("Expecting string argument")

    get = ev

    def set(self, fr, value):
        if not isinstance(value, str):
            err("Expecting string argument")
        n = self.n
        if n > len(fr.args):
            err("%s not enough arguments" % (fr.defn.name if fr.defn else "$"))
        old = fr.args[n - 1]
        ref = fr.refs[n - 1] if fr.refs else None
        if ref is not None:
            ref[0].set(ref[1], value)
        elif not isinstance(old, str) and hasattr(old, "__setitem__"):
            old[0] = value
            return
        fr.args[n - 1] = value

    def strarg(self, fr):
        n = self.n
        s = StrArg(self.ev(fr))
        this = self

        class Cell:
            def __getitem__(_, i):
                return this.ev(fr)

            def __setitem__(_, i, v):
                this.set(fr, v)
        s.ref = Cell()
        return s


class ArgObj(Node):
    __slots__ = ("n",)
    t = "o"
    lvalue = True

    def __init__(self, n):
        self.n = n

    def ev(self, fr):
        try:
            return fr.args[self.n - 1]
        except IndexError:
            if fr.defn is None:
                err("$ used outside definition")
            err("%s not enough arguments" % fr.defn.name)

    get = ev

    def set(self, fr, value):
        n = self.n
        if n > len(fr.args):
            err("%s not enough arguments" % (fr.defn.name if fr.defn else "$"))
        ref = fr.refs[n - 1] if fr.refs else None
        if ref is not None:
            ref[0].set(ref[1], value)
        fr.args[n - 1] = value


class ArgPtr(Node):
    __slots__ = ("n", "idx")
    t = "n"
    lvalue = True

    def __init__(self, n, idx):
        self.n = n
        self.idx = idx

    def _p(self, fr):
        try:
            p = fr.args[self.n - 1]
        except IndexError:
            if fr.defn is None:
                err("$ used outside definition")
            err("%s not enough arguments" % fr.defn.name)
        if isinstance(p, (float, str)) or p is None or not hasattr(p, "__getitem__"):
            err("%s: argument %d is not a pointer" % (fr.defn.name if fr.defn else "$&", self.n))
        return p

    def _i(self, fr):
        return int(num(self.idx.ev(fr)) + 1e-11) if self.idx is not None else 0

    def ev(self, fr):
        p = self._p(fr)
        try:
            return num(pyval(p[self._i(fr)]))
        except HocRuntimeError:
            raise
        except Exception as e:
            host_err(e)

    get = ev

    def set(self, fr, value):
        p = self._p(fr)
        try:
            p[self._i(fr)] = num(value)
        except HocRuntimeError:
            raise
        except Exception as e:
            host_err(e)

    def pointer(self, fr):
        p = self._p(fr)
        if self.idx is None:
            return p
        i = self._i(fr)
        if isinstance(p, HocPointer) and p.array is not None:
            return HocPointer(array=p.array, offset=p.offset + i)
        return HocPointer(lambda: p[i], lambda v: p.__setitem__(i, v))


class Neg(Node):
    __slots__ = ("e",)

    def __init__(self, e):
        self.e = e

    def ev(self, fr):
        return -num(self.e.ev(fr))


class Not(Node):
    __slots__ = ("e",)

    def __init__(self, e):
        self.e = e

    def ev(self, fr):
        return 0.0 if num(self.e.ev(fr)) else 1.0


_warned = [0]


def warn_range(what):
    if _warned[0] < 5:
        _warned[0] += 1
        I.warning("%s result out of range" % what)


def do_pow(a, b):
    try:
        return math.pow(a, b)
    except OverflowError:
        warn_range("exponentiation")
        if a < 0 and b == int(b) and int(b) % 2:
            return -math.inf
        return math.inf
    except (ValueError, ZeroDivisionError):
        if a == 0 and b < 0:
            warn_range("exponentiation")
            return math.inf
        err("exponentiation argument out of domain")


def do_mod(a, b):
    if b <= 0:
        err("a%b, b<=0")
    r = a - b * math.floor(a / b)
    if r >= b:
        r -= b
    return r


class BinOp(Node):
    __slots__ = ("op", "a", "b", "f")

    def __init__(self, op, a, b):
        self.op = op
        self.a = a
        self.b = b

    def ev(self, fr):
        a = self.a.ev(fr)
        b = self.b.ev(fr)
        op = self.op
        if a.__class__ is not float:
            a = num(a)
        if b.__class__ is not float:
            b = num(b)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if b == 0:
                err("division by zero")
            return a / b
        if op == "^":
            return do_pow(a, b)
        if op == "%":
            return do_mod(a, b)
        err("unknown operator %s" % op)


class Cmp(Node):
    __slots__ = ("op", "a", "b")

    def __init__(self, op, a, b):
        self.op = op
        self.a = a
        self.b = b

    def ev(self, fr):
        a = self.a.ev(fr)
        b = self.b.ev(fr)
        op = self.op
        if a.__class__ is not float or b.__class__ is not float:
            if isinstance(a, (int, float)) and isinstance(b, (int, float)):
                a = float(a)
                b = float(b)
            elif op in ("==", "!="):
                if isinstance(a, str) and isinstance(b, str):
                    eq = a == b
                elif isinstance(a, (str, float, int)) or isinstance(b, (str, float, int)):
                    a = num(a)
                    b = num(b)
                    eq = None
                else:
                    eq = a is b
                if eq is not None:
                    return float(eq if op == "==" else not eq)
            else:
                a = num(a)
                b = num(b)
        eps = BV["float_epsilon"]
        if op == "<":
            r = a < b - eps
        elif op == ">":
            r = a > b + eps
        elif op == "<=":
            r = a <= b + eps
        elif op == ">=":
            r = a >= b - eps
        elif op == "==":
            r = abs(a - b) <= eps
        else:
            r = abs(a - b) > eps
        return 1.0 if r else 0.0


class AndOr(Node):
    __slots__ = ("op", "a", "b")

    def __init__(self, op, a, b):
        self.op = op
        self.a = a
        self.b = b

    def ev(self, fr):
        a = num(self.a.ev(fr))
        b = num(self.b.ev(fr))
        if self.op == "&&":
            return 1.0 if (a and b) else 0.0
        return 1.0 if (a or b) else 0.0


def binop_assign(op, old, val):
    if op == "+=":
        return old + val
    if op == "-=":
        return old - val
    if op == "*=":
        return old * val
    if val == 0:
        err("Divide by 0")
    return old / val


class Assign(Node):
    __slots__ = ("lv", "op", "e", "t")

    def __init__(self, lv, op, e):
        self.lv = lv
        self.op = op
        self.e = e
        self.t = lv.t if lv.t != "a" else e.t

    def ev(self, fr):
        v = self.e.ev(fr)
        if self.op != "=":
            lt = self.lv.t
            if lt in ("s",):
                err("Invalid assignment operator. Only '=' allowed.")
            if lt == "o":
                err("Invalid assignment operator for object")
            old = self.lv.get(fr)
            if not isinstance(old, float):
                if isinstance(old, str):
                    err("Invalid assignment operator. Only '=' allowed.")
                if not isinstance(old, (int,)):
                    err("Invalid assignment operator for object")
            v = binop_assign(self.op, num(old), num(v))
        self.lv.set(fr, v)
        return v

    run = ev


class Pointer(Node):
    """&lvalue as a call argument."""
    __slots__ = ("lv",)
    t = "p"

    def __init__(self, lv):
        self.lv = lv

    def ev(self, fr):
        return self.lv.pointer(fr)


def py_args(args, fr):
    """Evaluate arguments for a Python callee: strdefs become StrArg."""
    out = []
    for a in args:
        if a.__class__ is StrVar or a.__class__ is ArgStr:
            out.append(a.strarg(fr))
        else:
            out.append(a.ev(fr))
    return out


def arg_refs(args, fr):
    refs = None
    for k, a in enumerate(args):
        c = a.__class__
        if c is ObjVar or c is StrVar or c is LocalObj or c is ArgObj or c is ArgStr:
            if refs is None:
                refs = [None] * len(args)
            refs[k] = (a, fr)
    return refs


class CallUser(Node):
    """A call of a proc/func/obfunc/iterator, resolved through its symbol
    at run time (redefinition takes effect)."""
    __slots__ = ("sym", "args", "t")

    def __init__(self, sym, args, t):
        self.sym = sym
        self.args = args
        self.t = t

    def ev(self, fr):
        args = [a.ev(fr) for a in self.args]
        refs = arg_refs(self.args, fr)
        return I.call_defn(self.sym, args, refs, fr.obj if self.sym.scope == "obj" else None)

    run = ev


class UndefCall(Node):
    __slots__ = ("name", "args")

    def __init__(self, name, args):
        self.name = name
        self.args = args

    def ev(self, fr):
        sym = I.lookup_runtime(self.name, fr)
        if sym is not None and sym.kind in ("func", "proc", "obfunc"):
            args = [a.ev(fr) for a in self.args]
            return I.call_defn(sym, args, arg_refs(self.args, fr), fr.obj if sym.scope == "obj" else None)
        e = HocRuntimeError("%s undefined function" % self.name)
        e.frames.append(I._frame_desc(self.name, [a.ev(fr) for a in self.args]))
        raise e


class CallBuiltin(Node):
    """A built-in implemented by the interpreter: f(interp, fr, argnodes)."""
    __slots__ = ("f", "args", "t", "name")

    def __init__(self, name, f, args, t):
        self.name = name
        self.f = f
        self.args = args
        self.t = t

    def ev(self, fr):
        try:
            return self.f(fr, self.args)
        except IndexError:
            if len(self.args) < 4:
                e = HocRuntimeError("%s: not enough arguments" % self.name)
                e.frames.append(self.name + "()")
                raise e
            raise
        except HocRuntimeError as e:
            if self.name not in ("execute", "execute1", "load_file", "xopen"):
                try:
                    e.frames.append(I._frame_desc(self.name, [a.ev(fr) for a in self.args]))
                except Exception:
                    e.frames.append(self.name + "(...)")
            raise


class CallMath(Node):
    __slots__ = ("f", "a", "name")
    t = "n"

    def __init__(self, name, f, a):
        self.name = name
        self.f = f
        self.a = a

    def ev(self, fr):
        return self.f(num(self.a.ev(fr)))


class CallHost(Node):
    """A function of the model (hs.FUNCTIONS), looked up at call time."""
    __slots__ = ("name", "args")
    t = "a"

    def __init__(self, name, args):
        self.name = name
        self.args = args

    def ev(self, fr):
        f = _host.HOST.function(self.name)
        if f is None:
            f = I.fallback_functions.get(self.name)
            if f is None:
                err("%s undefined function" % self.name)
        args = py_args(self.args, fr)
        try:
            return I.call_python(f, args, True)
        except HocRuntimeError as e:
            e.frames.append(I._frame_desc(self.name, [a for a in args]))
            raise


class NewObj(Node):
    __slots__ = ("name", "args", "sym")
    t = "o"

    def __init__(self, name, args, sym):
        self.name = name
        self.args = args
        self.sym = sym

    def ev(self, fr):
        return I.new_object(self.name, self.sym, self.args, fr)


class TemplateIndex(Node):
    """T[i]: a live object by index."""
    __slots__ = ("name", "e")
    t = "o"

    def __init__(self, name, e):
        self.name = name
        self.e = e

    def ev(self, fr):
        i = int(num(self.e.ev(fr)) + 1e-11)
        for o in instances(self.name):
            if getattr(o, "_hoc_index", None) == i:
                return o
        err("Object ID doesn't exist: %s[%d]" % (self.name, i))


class Member(Node):
    """obj.name[idx](args)"""
    __slots__ = ("base", "name", "idx", "args", "t")
    lvalue = True

    def __init__(self, base, name, idx, args):
        self.base = base
        self.name = name
        self.idx = idx
        self.args = args
        self.t = "a"

    def ev(self, fr):
        o = self.base.ev(fr)
        return I.member_get(o, self.name, self.idx, self.args, fr)

    get = ev

    def set(self, fr, value):
        o = self.base.ev(fr)
        I.member_set(o, self.name, self.idx, self.args, fr, value)

    def pointer(self, fr):
        o = self.base.ev(fr)
        return I.member_pointer(o, self.name, self.idx, self.args, fr)


# ----------------------------------------------------------------------------
# statements
# ----------------------------------------------------------------------------

class ExprStmt(Node):
    __slots__ = ("e", "echo")

    def __init__(self, e, echo):
        self.e = e
        self.echo = echo

    def run(self, fr):
        v = self.e.ev(fr)
        if self.echo:
            I.echo(v, self.e)


class Block(Node):
    __slots__ = ("stmts",)

    def __init__(self, stmts):
        self.stmts = stmts

    def run(self, fr):
        for s in self.stmts:
            s.run(fr)


class If(Node):
    __slots__ = ("c", "a", "b")

    def __init__(self, c, a, b):
        self.c = c
        self.a = a
        self.b = b

    def run(self, fr):
        if num(self.c.ev(fr)):
            self.a.run(fr)
        elif self.b is not None:
            self.b.run(fr)


class While(Node):
    __slots__ = ("c", "body")

    def __init__(self, c, body):
        self.c = c
        self.body = body

    def run(self, fr):
        c = self.c
        body = self.body
        while num(c.ev(fr)):
            try:
                body.run(fr)
            except BreakEx:
                break
            except ContinueEx:
                pass


class ForC(Node):
    __slots__ = ("init", "c", "step", "body")

    def __init__(self, init, c, step, body):
        self.init = init
        self.c = c
        self.step = step
        self.body = body

    def run(self, fr):
        if self.init is not None:
            self.init.run(fr)
        while num(self.c.ev(fr)):
            try:
                self.body.run(fr)
            except BreakEx:
                break
            except ContinueEx:
                pass
            if self.step is not None:
                self.step.run(fr)


class ForRange(Node):
    __slots__ = ("lv", "a", "b", "body")

    def __init__(self, lv, a, b, body):
        self.lv = lv
        self.a = a
        self.b = b
        self.body = body

    def run(self, fr):
        lv = self.lv
        lv.set(fr, num(self.a.ev(fr)))
        b = num(self.b.ev(fr))
        eps = BV["float_epsilon"]
        body = self.body
        while lv.get(fr) <= b + eps:
            try:
                body.run(fr)
            except BreakEx:
                return
            except ContinueEx:
                pass
            lv.set(fr, lv.get(fr) + 1.0)


class ForIter(Node):
    __slots__ = ("sym", "args", "body")

    def __init__(self, sym, args, body):
        self.sym = sym
        self.args = args
        self.body = body

    def run(self, fr):
        args = [a.ev(fr) for a in self.args]
        try:
            I.call_defn(self.sym, args, arg_refs(self.args, fr),
                        fr.obj if self.sym.scope == "obj" else None, iter_body=(self.body, fr))
        except IterBreak:
            pass
        except IterReturn as r:
            raise r.ret


class ForObjIter(Node):
    """for obj.iter(args) stmt: a template's iterator, called on an object."""
    __slots__ = ("member", "body")

    def __init__(self, member, body):
        self.member = member
        self.body = body

    def run(self, fr):
        m = self.member
        o = m.base.ev(fr)
        if not isinstance(o, HocInstance):
            err("%s: for obj.%s() needs an iterator of a template object" % (m.name, m.name))
        s = I._inst_sym(o, m.name, fr)
        if s.kind != "iter":
            err("%s not an iterator" % m.name)
        args = m.args or []
        try:
            I.call_defn(s, [a.ev(fr) for a in args], arg_refs(args, fr), o,
                        iter_body=(self.body, fr))
        except IterBreak:
            pass
        except IterReturn as r:
            raise r.ret


class IterStmt(Node):
    __slots__ = ()

    def run(self, fr):
        ib = fr.iter_body
        if ib is None:
            err("iterator_statement used outside an iterator")
        body, cfr = ib
        try:
            body.run(cfr)
        except BreakEx:
            raise IterBreak()
        except ContinueEx:
            pass
        except ReturnEx as r:
            raise IterReturn(r)


class ForX(Node):
    """for (x) / for (x, 0): segment positions of the cas."""
    __slots__ = ("lv", "ends", "body")

    def __init__(self, lv, ends, body):
        self.lv = lv
        self.ends = ends
        self.body = body

    def run(self, fr):
        sec = _cas()
        ends = True if self.ends is None else bool(num(self.ends.ev(fr)))
        try:
            xs = list(_host.HOST.seg_centers(sec))
        except Exception as e:
            host_err(e)
        if ends:
            xs = [0.0] + xs + [1.0]
        for x in xs:
            self.lv.set(fr, x)
            try:
                self.body.run(fr)
            except BreakEx:
                return
            except ContinueEx:
                pass


class Print(Node):
    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def run(self, fr):
        w = I.write
        for e in self.items:
            v = e.ev(fr)
            if v.__class__ is float:
                w(g8(v) + " ")
            elif isinstance(v, str):
                w(v + " " if e.__class__ is Member else v)
            elif isinstance(v, (int, bool)):
                w(g8(float(v)) + " ")
            else:
                v = pyval(v)
                if isinstance(v, float):
                    w(g8(v) + " ")
                else:
                    w(I.objname(v) + " ")
        w("\n")


class Return(Node):
    __slots__ = ("e",)

    def __init__(self, e):
        self.e = e

    def run(self, fr):
        if fr.defn is None:
            err("return used outside definition")
        if self.e is None:
            raise ReturnEx(None, False)
        raise ReturnEx(self.e.ev(fr), True)


class Break(Node):
    __slots__ = ()

    def run(self, fr):
        raise BreakEx()


class Continue(Node):
    __slots__ = ()

    def run(self, fr):
        raise ContinueEx()


class Stop(Node):
    __slots__ = ()

    def run(self, fr):
        raise StopEx()



class Decl(Node):
    """double/objref/strdef/create at run time."""
    __slots__ = ("kind", "items", "scope")

    def __init__(self, kind, items, scope):
        self.kind = kind
        self.items = items      # [(name, [dim nodes])]
        self.scope = scope

    def run(self, fr):
        I.declare(self.kind, [(n, [num(d.ev(fr)) for d in dims]) for n, dims in self.items],
                  self.scope, fr)


class SetPointer(Node):
    """setpointer obj.p, var: the host's setpointer(&var, "p", obj)."""
    __slots__ = ("target", "src")

    def __init__(self, target, src):
        self.target = target
        self.src = src

    def run(self, fr):
        tg = self.target
        if isinstance(tg, RangeVar):        # setpointer [sec.]p_mech(x), var: a density POINTER
            x = 0.5 if tg.x is None else _check_x(num(tg.x.ev(fr)))
            self._density(tg._sec(fr), x, tg.name, fr)
            return
        o = tg.base.ev(fr)
        if _host.HOST.is_section(o):        # sec.p_mech(x)
            x = _check_x(num(tg.args[0].ev(fr))) if tg.args else 0.5
            self._density(o, x, tg.name, fr)
            return
        ref = self.src.pointer(fr)
        I.call_python(_host.HOST.function("setpointer"), [ref, tg.name, o])

    def _density(self, sec, x, name, fr):
        """POINTER `base` of mechanism `mech` (name = base_mech) at sec(x) points at src."""
        ref = self.src.pointer(fr)
        seg = sec(x)
        parts = name.split("_")
        for i in range(1, len(parts)):
            base, mech = "_".join(parts[:i]), "_".join(parts[i:])
            try:
                o = getattr(seg, mech)
            except Exception:               # not a mechanism inserted here: the next split
                continue
            I.call_python(_host.HOST.function("setpointer"), [ref, base, o])
            return
        err("setpointer: %s is not a POINTER of a mechanism in %s(%g)"
            % (name, _host.HOST.section_name(sec), x))


class SecStmt(Node):
    """sec stmt: run stmt with sec pushed."""
    __slots__ = ("sec", "body")

    def __init__(self, sec, body):
        self.sec = sec
        self.body = body

    def run(self, fr):
        s = self.sec.ev(fr)
        if getattr(s, "definition_only", False):     # a template's section, body running at definition
            return
        I.with_section(s, self.body, fr)


class ObjStmt(Node):
    """obj stmt: a section-valued obj is pushed, anything else evaluated."""
    __slots__ = ("obj", "body")

    def __init__(self, obj, body):
        self.obj = obj
        self.body = body

    def run(self, fr):
        s = self.obj.ev(fr)
        if _host.HOST.is_section(s):
            I.with_section(s, self.body, fr)
        else:
            self.body.run(fr)


class Access(Node):
    __slots__ = ("sec",)

    def __init__(self, sec):
        self.sec = sec

    def run(self, fr):
        I.access(self.sec.ev(fr))


class Connect(Node):
    __slots__ = ("child", "x0", "parent", "x1")

    def __init__(self, child, x0, parent, x1):
        self.child = child
        self.x0 = x0
        self.parent = parent
        self.x1 = x1

    def run(self, fr):
        if self.child is None:
            child = _cas()
            x0 = num(self.x0.ev(fr)) if self.x0 is not None else 0.0
            parent = self.parent.ev(fr)
        else:
            child = self.child.ev(fr)
            x0 = num(self.x0.ev(fr))
            parent = self.parent.ev(fr) if self.parent is not None else _cas()
        x1 = num(self.x1.ev(fr))
        I.connect(child, x0, parent, x1)


class ConnectCas(Node):
    """`connect child(x0), x1` : parent is the cas."""
    __slots__ = ("child", "x0", "x1")

    def __init__(self, child, x0, x1):
        self.child = child
        self.x0 = x0
        self.x1 = x1

    def run(self, fr):
        parent = _cas()
        child = self.child.ev(fr)
        I.connect(child, num(self.x0.ev(fr)), parent, num(self.x1.ev(fr)))


class Insert(Node):
    __slots__ = ("name", "un")

    def __init__(self, name, un):
        self.name = name
        self.un = un

    def run(self, fr):
        sec = _cas()
        H = _host.HOST
        try:
            if self.un:
                H.uninsert(sec, self.name)
            else:
                H.insert(sec, self.name)
        except HocRuntimeError:
            raise
        except Exception as e:
            msg = str(e)
            if isinstance(e, (KeyError, ValueError)) and not self.un:
                if "not" not in msg.lower() and "unknown" not in msg.lower():
                    msg = "%s is not a MECHANISM" % self.name
            err(msg or "%s is not a MECHANISM" % self.name)


class Forall(Node):
    __slots__ = ("body",)

    def __init__(self, body):
        self.body = body

    def run(self, fr):
        I.forsecs(I.all_sections(fr), self.body, fr)


class Forsec(Node):
    __slots__ = ("what", "body", "ifsec")

    def __init__(self, what, body, ifsec):
        self.what = what
        self.body = body
        self.ifsec = ifsec

    def run(self, fr):
        w = self.what.ev(fr)
        if self.ifsec:
            sec = _cas()
            if I.sec_matches(sec, w, fr):
                self.body.run(fr)
            return
        if isinstance(w, str):
            secs = [s for s in I.all_sections(fr) if I.sec_matches(s, w, fr)]
        else:
            secs = I.section_list(w)
        I.forsecs(secs, self.body, fr)


class DefineStmt(Node):
    """A definition parsed at this point: nothing left to do at run time."""
    __slots__ = ()

    def run(self, fr):
        pass


class Delete(Node):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def run(self, fr):
        pass
