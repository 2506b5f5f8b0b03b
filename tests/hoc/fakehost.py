"""A tiny stand-in for ranvier.model / ranvier.library.namespace, used to test the HOC
interpreter's section glue without the real model.  It follows the interface
the interpreter's host adapter expects (see src/ranvier/hoc/host.py)."""
import math
import sys
import types

from ranvier.core.hocobject import HocObject
from ranvier.hoc import host
from ranvier.library.hoc_host import ModelHost

RANGE = {"diam": 500.0, "cm": 1.0, "v": -65.0}
MECHS = {"hh": {"gnabar_hh": 0.12, "gkbar_hh": 0.036, "gl_hh": 0.0003, "el_hh": -54.3},
         "pas": {"g_pas": 0.001, "e_pas": -70.0}}


class Segment:
    def __init__(self, sec, x):
        object.__setattr__(self, "sec", sec)
        object.__setattr__(self, "x", x)

    def _i(self):
        sec = self.sec
        n = sec.nseg
        i = int(n * self.x)
        return min(i, n - 1)

    def __getattr__(self, name):
        sec = self.sec
        if name in sec._range:
            return sec._range[name][self._i()]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        sec = self.sec
        if name in sec._range:
            sec._range[name][self._i()] = float(value)
            return
        for m, vars_ in MECHS.items():
            if name in vars_:
                raise ValueError("%s mechanism not inserted in section %s" % (m, sec.name()))
        raise AttributeError(name)

    def __repr__(self):
        return "%s(%g)" % (self.sec.name(), self.x)


class Section:
    def __init__(self, name=None, cell=None):
        self._name = name or "__nrnsec_%x" % id(self)
        if cell is not None:
            self._name = "%s.%s" % (cell, name)
        self.L = 100.0
        self.Ra = 35.4
        self._nseg = 1
        self._range = {k: [v] for k, v in RANGE.items()}
        self.mechs = []
        self.parent = None
        self.parentx = 0.0
        self.childx = 0.0
        self.alive = True
        MODEL.sections.append(self)

    @property
    def nseg(self):
        return self._nseg

    @nseg.setter
    def nseg(self, n):
        n = int(n)
        if n < 1:
            raise ValueError("nseg must be positive")
        for k, vals in self._range.items():
            self._range[k] = [vals[0]] * n
        self._nseg = n

    @property
    def diam(self):
        return self(0.5).diam

    @diam.setter
    def diam(self, v):
        for k in range(self._nseg):
            self._range["diam"][k] = float(v)

    def name(self):
        return self._name

    def __call__(self, x):
        return Segment(self, x)

    def connect(self, pseg, x=0.0):
        self.parent = pseg.sec
        self.parentx = pseg.x
        self.childx = x
        return self

    def insert(self, m):
        if m not in MECHS:
            raise ValueError("%s is not a MECHANISM" % m)
        if m not in self.mechs:
            self.mechs.append(m)
            for k, v in MECHS[m].items():
                self._range[k] = [v] * self._nseg
        return self

    def uninsert(self, m):
        if m in self.mechs:
            self.mechs.remove(m)
            for k in MECHS[m]:
                del self._range[k]
        return self

    def is_valid(self):
        return self.alive

    def __repr__(self):
        return self._name


class Model:
    def __init__(self):
        self.sections = []
        self.stack = []
        self.default = None


MODEL = Model()


def make_modules():
    model = types.ModuleType("fakemodel")
    hs = types.ModuleType("fakehocspace")

    def allsec():
        return [s for s in MODEL.sections if s.alive]

    def push_section(sec):
        MODEL.stack.append(sec)

    def pop_section():
        if MODEL.stack:
            MODEL.stack.pop()

    def cas():
        if MODEL.stack:
            return MODEL.stack[-1]
        if MODEL.default is not None and MODEL.default.alive:
            return MODEL.default
        live = allsec()
        if live:
            return live[0]
        raise RuntimeError("Section access unspecified")

    def access(sec):
        MODEL.default = sec

    def delete_section(sec):
        sec.alive = False
        for s in MODEL.sections:
            if s.parent is sec:
                s.parent = None
        MODEL.sections.remove(sec)

    model.Section = Section
    model.allsec = allsec
    model.push_section = push_section
    model.pop_section = pop_section
    model.cas = cas
    model.access = access
    model.delete_section = delete_section

    def topology():
        out = ["\n"]
        roots = [s for s in allsec() if s.parent is None]

        def walk(s, indent):
            head = ("|" + "-" * s.nseg) if s.parent is None else ("`" + "-" * (s.nseg - 1))
            out.append(" " * indent + head + "|       %s(%g-%g)\n" % (s.name(), s.childx, 1 - s.childx))
            for c in allsec():
                if c.parent is s:
                    x = c.parentx
                    off = 1 if x == 0 else s.nseg + 2 if x == 1 else 1 + int(x * s.nseg)
                    walk(c, indent + off)
        for r in roots:
            walk(r, 0)
        out.append("\n")
        sys.stdout.write("".join(out))
        return 1.0

    def area(x, sec=None):
        seg = sec(x)
        if x in (0, 1):
            return 0.0
        return math.pi * seg.diam * sec.L / sec.nseg

    hs.FUNCTIONS = {"topology": topology, "area": area}
    hs.STDRUN_FUNCTIONS = {}

    class Vector(HocObject):
        def __init__(self, n=0, *a, sec=None):
            self._hoc_register()
            if isinstance(n, (list, tuple)):
                self.x = [float(v) for v in n]
            else:
                self.x = [0.0] * int(n)

        def size(self):
            return float(len(self.x))

        def indgen(self, start=0.0, step=1.0):
            self.x = [start + i * step for i in range(len(self.x))]
            return self

        def append(self, *v):
            self.x.extend(float(a) for a in v)
            return self

        def __len__(self):
            return len(self.x)

        def __iter__(self):
            return iter(self.x)

        def __getitem__(self, i):
            return self.x[i]

    class List(HocObject):
        def __init__(self, *a, sec=None):
            self._hoc_register()
            self.items = []

        def append(self, o):
            self.items.append(o)
            return float(len(self.items))

        def count(self):
            return float(len(self.items))

        def object(self, i):
            return self.items[int(i)]

    hs.CLASSES = {"Vector": Vector, "List": List}
    VARS = {"t": 0.0, "dt": 0.025, "celsius": 6.3, "secondorder": 0.0}
    hs.get_var = VARS.__getitem__
    hs.set_var = VARS.__setitem__
    hs.has_var = VARS.__contains__
    rnames = set(RANGE)
    for m in MECHS.values():
        rnames.update(m)
    hs.is_range_name = rnames.__contains__
    return model, hs


class _FakeStdrun:
    """No run control: stdrun.hoc is never loaded in the fake."""
    FUNCTIONS = {}

    @staticmethod
    def loaded():
        return False

    @staticmethod
    def load(name):
        return 1.0


def install():
    """Install the fake as the interpreter's host; returns (host, model, hs)."""
    MODEL.sections.clear()
    MODEL.stack.clear()
    MODEL.default = None
    model, hs = make_modules()
    h = ModelHost(names=hs, sections=model, run_control=_FakeStdrun)
    host.set_host(h)
    return h, model, hs
