"""The one adapter between the HOC interpreter and ranvier's model.

Everything the interpreter needs from sections, mechanisms and NEURON's
built-in functions/classes/variables goes through the module-level ``HOST``
object.  By default it talks to ``ranvier.hocspace`` and ``ranvier.model``
(imported lazily, so the interpreter works without them); tests install a
fake with ``set_host(obj)``.

What is relied on (see the report in the package docstring):

ranvier.hocspace: FUNCTIONS (name -> callable(*args, sec=...)), CLASSES
(name -> class(*args, sec=...)), get_var/set_var/has_var, is_range_name.
ranvier.model: Section(name=...), push_section, pop_section, cas, allsec,
Section.connect/insert/uninsert/name/pt3dadd, sec(x) -> Segment with range
attributes, Section.L/nseg/Ra/rallbranch.  Optional: model.access(sec),
model.delete_section(sec) / sec.delete(), Section.parentseg().
"""
import inspect

__all__ = ["HOST", "set_host", "DefaultHost", "HostError", "SECTION_PROPS"]

SECTION_PROPS = ("L", "Ra", "nseg", "rallbranch")


class HostError(Exception):
    """A model-side failure to be reported as a HOC error with this message."""


class DefaultHost:
    """Adapter onto ranvier.hocspace / ranvier.model."""

    def __init__(self):
        self._hs = None
        self._model = None
        self._tried = False
        self._wants_sec = {}

    # -- lazy imports -------------------------------------------------------
    def _load(self):
        if self._tried:
            return
        self._tried = True
        try:
            import ranvier.hocspace as hs
            self._hs = hs
        except Exception:
            self._hs = None
        try:
            import ranvier.model as model
            self._model = model
        except Exception:
            self._model = None

    @property
    def hs(self):
        self._load()
        return self._hs

    @property
    def model(self):
        self._load()
        return self._model

    # -- built-in names -----------------------------------------------------
    def functions(self):
        """(Kept for tests/compat) the FUNCTIONS table."""
        hs = self.hs
        return getattr(hs, "FUNCTIONS", {}) if hs is not None else {}

    def classes(self):
        hs = self.hs
        return getattr(hs, "CLASSES", {}) if hs is not None else {}

    def function(self, name):
        """The host callable for a built-in function name, or None.  stdrun's
        procedures count once stdrun.hoc is loaded."""
        hs = self.hs
        if hs is None:
            return None
        f = getattr(hs, "FUNCTIONS", {}).get(name)
        if f is not None:
            return f
        sf = getattr(hs, "STDRUN_FUNCTIONS", None)
        if sf and name in sf and self._stdrun_loaded():
            return sf[name]
        return None

    def overridable(self, name):
        """May HOC code redefine this built-in (stdrun's init, advance, ...)?"""
        hs = self.hs
        sf = getattr(hs, "STDRUN_FUNCTIONS", None) if hs is not None else None
        return bool(sf) and name in sf or name in ("init", "advance", "step", "run", "stdinit",
                                                      "continuerun", "setdt", "steprun")

    def is_proc(self, name):
        """Host functions that are HOC procs in NEURON (no value echoed at top
        level): stdrun's run, init, continuerun, ..."""
        hs = self.hs
        sf = getattr(hs, "STDRUN_FUNCTIONS", None) if hs is not None else None
        return bool(sf) and name in sf

    def _stdrun_loaded(self):
        try:
            from .. import stdrun
            return stdrun.loaded()
        except Exception:
            return True

    def load_std_library(self, name):
        """load_file of stdrun.hoc / nrngui.hoc ...: provided by the host."""
        hs = self.hs
        try:
            import os
            from .. import stdrun
            stdrun.load(os.path.basename(str(name)))
            return True
        except Exception:
            return False

    def has_var(self, name):
        hs = self.hs
        if hs is None or not hasattr(hs, "has_var"):
            return False
        try:
            return bool(hs.has_var(name))
        except Exception:
            return False

    def get_var(self, name):
        return self.hs.get_var(name)

    def set_var(self, name, value):
        self.hs.set_var(name, value)

    def is_range_name(self, name):
        hs = self.hs
        if hs is None or not hasattr(hs, "is_range_name"):
            return False
        try:
            return bool(hs.is_range_name(name))
        except Exception:
            return False

    def is_mechanism(self, name):
        hs = self.hs
        f = getattr(hs, "is_mechanism", None) if hs is not None else None
        if f is None:
            return True
        return bool(f(name))

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
        m = self.model
        return getattr(m, "Section", None) if m is not None else None

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


HOST = DefaultHost()


def set_host(h):
    """Install a host (tests).  Returns the previous one."""
    global HOST
    old = HOST
    HOST = h
    return old


def get_host():
    return HOST
