"""ranvier's model as the HOC interpreter's host (see ranvier.hoc.host).

The interpreter reaches sections, mechanisms, built-in functions, classes and
variables only through this adapter; ``install()`` attaches it.
"""
import inspect
import os

from .. import hoc, model
from ..data import vector
from ..hoc import host as _hoc_host
from ..hoc.host import HostError
from . import namespace, stdlib, stdrun

class ModelHost:
    """Adapter onto ranvier.library.namespace and ranvier.model."""

    def __init__(self, names=namespace, sections=model, run_control=stdrun):
        """`names`: built-in functions/classes/variables (library.namespace);
        `sections`: the section API (ranvier.model); `run_control`: stdrun.
        Tests pass stand-ins with the same attributes."""
        self.hs = names
        self.model = sections
        self.run_control = run_control
        self._wants_sec = {}

    def reset(self):
        """ranvier.reset(): forget what was learnt about callables (keyed by id, and
        the old interpreter's functions are freed, so their ids can come back)."""
        self._wants_sec.clear()

    # -- built-in names -----------------------------------------------------
    def functions(self):
        return self.hs.FUNCTIONS

    def classes(self):
        return self.hs.CLASSES

    def function(self, name):
        """The host callable for a built-in function name, or None.  stdrun's
        procedures count once stdrun.hoc is loaded."""
        f = self.hs.FUNCTIONS.get(name)
        if f is not None:
            return f
        sf = self.run_control.FUNCTIONS
        if name in sf and self.run_control.loaded():
            return sf[name]
        return None

    def returns_object(self, name):
        """Does host function `name` return an object (None echoes as NULLobject)?"""
        return name in self.hs.OBJECT_FUNCTIONS

    def overridable(self, name):
        """May HOC code redefine this built-in (stdrun's init, advance, ...)?"""
        return name in stdrun.FUNCTIONS

    def is_proc(self, name):
        """Host functions that are HOC procs in NEURON (no value echoed at top
        level): stdrun's run, init, continuerun, ..., the menus; not stdlib's lambda_f."""
        if name in stdlib.LIBRARY_PROCS:
            return True
        return (name in self.run_control.FUNCTIONS and name not in stdlib.STDLIB_FUNCTIONS
                and name not in stdrun.VALUE_FUNCTIONS)

    def load_std_library(self, name):
        """load_file of stdrun.hoc / nrngui.hoc ...: provided by the library."""
        if os.path.basename(str(name)) == "import3d.hoc":
            from .import3d import load_library
            return load_library()
        if os.path.basename(str(name)) == "electrod.hoc":
            from .electrode import load_library
            return load_library()
        if os.path.basename(str(name)) == "subiter.hoc":
            from .electrode import load_subiter
            return load_subiter()
        self.run_control.load(os.path.basename(str(name)))
        return True

    def has_var(self, name):
        return bool(self.hs.has_var(name))

    def interpreter_created(self, interp):
        """A new HOC interpreter: the HOC names of a standard library Python loaded
        before it existed (stdrun.hoc's graphList[4], flush_list, ...) are declared."""
        from .graphics import runloop
        runloop._bind_hoc_names()

    def get_var(self, name):
        return self.hs.get_var(name)

    def set_var(self, name, value):
        self.hs.set_var(name, value)

    def is_range_name(self, name):
        return bool(self.hs.is_range_name(name))

    def is_mechanism(self, name):
        return True

    def wants_sec(self, func):
        """Whether a host callable accepts a ``sec=`` keyword."""
        w = self._wants_sec.get(id(func))
        if w is None:
            try:
                sig = inspect.signature(func)
                w = any(p.kind == p.VAR_KEYWORD or p.name == "sec" for p in sig.parameters.values())
            except (TypeError, ValueError):
                w = False
            self._wants_sec[id(func)] = w
        return w

    # -- sections -------------------------------------------------------------
    def section_class(self):
        return self.model.Section

    def is_section(self, obj):
        cls = self.section_class()
        return cls is not None and isinstance(obj, cls)

    def new_section(self, name, owner=None):
        """A new section; with an owner (template instance) its name is
        '<owner>.<name>'."""
        cls = self.section_class()
        if cls is None:
            raise HostError("sections are not available (ranvier.model missing)")
        if owner is not None:
            try:
                sec = cls(name=name, cell=owner)
            except TypeError:
                sec = cls(name="%s.%s" % (owner.hname(), name))
        else:
            sec = cls(name=name)
        try:
            sec._hoc_owner = "hoc"
        except Exception:
            pass
        return sec

    def delete_section(self, sec):
        m = self.model
        f = getattr(m, "delete_section", None)
        if f is not None:
            f(sec)
        elif hasattr(sec, "delete"):
            sec.delete()

    def section_alive(self, sec):
        f = getattr(sec, "is_valid", None)
        if f is None:
            f = getattr(sec, "exists", None)
        if f is None:
            return True
        try:
            return bool(f())
        except Exception:
            return True

    def section_name(self, sec):
        return sec.name()

    def push_section(self, sec):
        self.model.push_section(sec)

    def pop_section(self):
        self.model.pop_section()

    def cas(self):
        m = self.model
        if m is None:
            raise HostError("Section access unspecified")
        try:
            s = m.cas()
        except Exception as e:
            raise HostError("Section access unspecified") from e
        if s is None:
            raise HostError("Section access unspecified")
        return s

    def stack_depth(self):
        m = self.model
        f = getattr(m, "section_stack_depth", None) if m is not None else None
        return f() if f is not None else None

    def access(self, sec):
        m = self.model
        f = getattr(m, "access", None)
        if f is not None:
            f(sec)
            return
        raise HostError("access is not supported by the model")

    def allsec(self):
        m = self.model
        if m is None:
            return []
        return list(m.allsec())

    def connect(self, child, x0, parent, x1):
        child.connect(parent(x1), x0)

    def insert(self, sec, mech):
        sec.insert(mech)

    def uninsert(self, sec, mech):
        sec.uninsert(mech)

    def sec_get(self, sec, name):
        return getattr(sec, name)

    def sec_set(self, sec, name, value):
        if name == "nseg":
            value = int(value)
        setattr(sec, name, value)

    def seg_get(self, sec, x, name):
        return getattr(sec(x), name)

    def seg_set(self, sec, x, name, value):
        setattr(sec(x), name, value)

    def seg_centers(self, sec):
        """Centres of the segments, accumulated like NEURON's for(x)."""
        n = int(sec.nseg)
        dx = 1.0 / n
        out = []
        x = dx / 2
        for _ in range(n):
            out.append(x)
            x += dx
        return out

    def set_all(self, sec, name, value):
        """rangevar = value without (x): every segment (and v's end nodes)."""
        n = int(sec.nseg)
        xs = self.seg_centers(sec)
        for x in xs:
            self.seg_set(sec, x, name, value)
        if name == "v":
            for x in (0.0, 1.0):
                try:
                    self.seg_set(sec, x, name, value)
                except Exception:
                    pass
        del n




def hoc_function(name):
    """A HOC function of one number defined by the user (`func f() {...}`), as a
    Python callable, or None: what Vector.apply/reduce look names up in."""
    interp = hoc.interpreter()
    if not interp.has(name):
        return None
    f = interp.get(name)
    return f if callable(f) else None


def install():
    """Attach the model to the HOC interpreter unless a host is already attached,
    and let Vector methods call HOC functions by name."""
    if not _hoc_host.attached():
        _hoc_host.set_host(ModelHost())
    vector.FUNCTION_RESOLVER = hoc_function
