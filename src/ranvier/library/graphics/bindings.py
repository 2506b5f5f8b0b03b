"""What a widget is attached to (a variable) and what it does (an action).

Variables: a HOC name or expression ("tstop", "stim.amp", "soma.v(0.5)"), a Python
``(obj, 'attr')`` pair, an ``h.ref`` cell, a ``_ref_`` pointer, or a Python getter and
setter.  HOC names become pointers when the widget is made (as NEURON's field editors
take the variable's address), so reading them never runs HOC.
Actions: a HOC statement, a Python callable, ``(callable, arg)`` or
``(callable, (arg1, arg2))``.
"""
import traceback

from ...core.errors import HocError
from ... import hoc
from ...hoc import nodes


def _interp():
    return hoc.interpreter()


def hoc_node(expr):
    """Parse a HOC expression once (in the current section context) into a node."""
    from ...hoc.lexer import Lexer, Source   # deliberately lazy: the HOC parser loads only when HOC text is parsed
    from ...hoc.parser import Parser   # deliberately lazy: the HOC parser loads only when HOC text is parsed
    interp = _interp()
    lexer = Lexer(Source(str(expr), "<gui>"))
    parser = Parser(interp, lexer)
    parser.adv()
    node = parser.parse_expr()
    if parser.tok is not None and parser.tok[0] not in ("nl", "eof"):
        raise HocError("%r is not a HOC expression" % (expr,), "gui")
    return node


class Binding:
    """A variable a widget shows and sets."""

    safe = True            # reading never runs HOC or user code

    def get(self):
        raise NotImplementedError

    def set(self, value):
        raise NotImplementedError

    def label(self):
        return ""


class PointerBinding(Binding):
    def __init__(self, ptr, name=""):
        self.ptr = ptr
        self.name = name

    def get(self):
        return self.ptr[0]

    def set(self, value):
        self.ptr[0] = float(value)

    def label(self):
        return self.name


class AttrBinding(Binding):
    def __init__(self, obj, attr):
        self.obj = obj
        self.attr = attr

    def get(self):
        return getattr(self.obj, self.attr)

    def set(self, value):
        old = getattr(self.obj, self.attr, None)
        if isinstance(old, str) and not isinstance(value, str):
            value = str(value)
        elif isinstance(old, bool):
            value = bool(value)
        elif isinstance(old, int) and not isinstance(old, bool) and float(value) == int(float(value)):
            value = int(float(value))
        elif not isinstance(value, str):
            value = float(value)
        setattr(self.obj, self.attr, value)

    def label(self):
        return self.attr


class RefBinding(Binding):
    """An h.ref cell (or anything indexable by [0])."""

    def __init__(self, ref):
        self.ref = ref

    def get(self):
        return self.ref[0]

    def set(self, value):
        old = self.ref[0]
        self.ref[0] = value if isinstance(old, str) else float(value)


class ExprBinding(Binding):
    """A HOC expression that is no variable (evaluated on demand, under the GUI's lock)."""

    safe = False

    def __init__(self, expr):
        self.expr = expr
        self.node = hoc_node(expr)

    def get(self):
        return nodes.num(self.node.ev(_interp().top_frame))

    def set(self, value):
        _interp().execute("%s = %.17g" % (self.expr, float(value)))

    def label(self):
        return self.expr


class FuncBinding(Binding):
    def __init__(self, getter, setter=None, name=""):
        self.getter = getter
        self.setter = setter
        self.name = name

    def get(self):
        return self.getter()

    def set(self, value):
        if self.setter is not None:
            self.setter(value)

    def label(self):
        return self.name


def bind(var):
    """A Binding for whatever NEURON's widget functions accept as their variable."""
    if isinstance(var, Binding):
        return var
    if isinstance(var, tuple) and len(var) == 2 and isinstance(var[1], str):
        return AttrBinding(var[0], var[1])
    if isinstance(var, str):
        node = hoc_node(var)
        pointer = getattr(node, "pointer", None)
        if pointer is not None:
            try:
                return PointerBinding(pointer(_interp().top_frame), var)
            except Exception:
                pass
        return ExprBinding(var)
    if hasattr(var, "__getitem__") and hasattr(var, "__setitem__"):
        return RefBinding(var)
    raise TypeError("a GUI variable is a HOC name, (object, 'attribute'), h.ref(...) or a "
                    "_ref_ pointer, not %r" % (var,))


class Action:
    """What a button runs: a HOC statement or a Python callable (with arguments)."""

    def __init__(self, what, obj=None):
        self.what = what
        self.obj = obj         # a HOC object context (xbutton inside a template); unused

    def __bool__(self):
        return self.what is not None and self.what != ""

    def run(self, *extra):
        what = self.what
        if what is None or what == "":
            return None
        if isinstance(what, str):
            _interp().h_call(what)          # errors are printed, as NEURON prints them
            return None
        args = ()
        if isinstance(what, tuple):
            f = what[0]
            if len(what) > 1:
                args = what[1] if isinstance(what[1], tuple) else (what[1],)
        else:
            f = what
        try:
            return f(*(args + extra))
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception:
            traceback.print_exc()
            return None

    def describe(self):
        w = self.what
        if isinstance(w, str):
            return w
        f = w[0] if isinstance(w, tuple) else w
        return getattr(f, "__qualname__", None) or getattr(f, "__name__", None) or repr(f)
