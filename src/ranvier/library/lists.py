"""NEURON's container classes: List, SectionList, SectionRef."""
from ..core.errors import ModelError
from ..core.hocobject import HocObject, instances
from ..model import section as _section


class List(HocObject):
    """NEURON's List; `List('IClamp')` is a live view of every IClamp."""

    _hoc_name = "List"

    def __init__(self, template=None):
        self._items = []
        self._template = None
        if template is not None:
            if not isinstance(template, str):
                raise TypeError("List(name): name must be a string")
            self._template = template
        self._hoc_register()

    def _view(self):
        if self._template is not None:
            return instances(self._template)
        return self._items

    def append(self, obj):
        if self._template is not None:
            raise ModelError("List('%s') is a view: cannot append" % self._template)
        self._items.append(obj)
        return float(len(self._items))

    def prepend(self, obj):
        self._items.insert(0, obj)
        return float(len(self._items))

    def insrt(self, i, obj):
        self._items.insert(int(i), obj)
        return 0.0

    def remove(self, i):
        del self._items[int(i)]
        return float(len(self._items))

    def remove_all(self):
        self._items.clear()
        return 0.0

    def count(self):
        """Number of items (an int, as NEURON returns)."""
        return len(self._view())

    def o(self, i):
        items = self._view()
        i = int(i)
        if not 0 <= i < len(items):
            raise IndexError("%s.o(%d): index out of range (count %d)" % (self.hname(), i, len(items)))
        return items[i]

    object = o

    def index(self, obj):
        for i, x in enumerate(self._view()):
            if x is obj:
                return float(i)
        return -1.0

    def __len__(self):
        return len(self._view())

    def __iter__(self):
        return iter(list(self._view()))

    def __getitem__(self, i):
        return self._view()[i]


def _breadth_first(top):
    """top and its descendants level by level, each level's children in NEURON's order."""
    out = [top]
    for sec in out:           # grows while iterating: a queue
        out.extend(sec.children())
    return out


class SectionList(HocObject):
    """An ordered collection of sections (NEURON's SectionList)."""

    _hoc_name = "SectionList"

    def __init__(self, sections=None):
        self._secs = []
        if sections is not None:
            for s in sections:
                self.append(s)
        self._hoc_register()

    def append(self, sec=None):
        sec = _section.resolve_sec(sec)
        self._secs.append(sec)
        return 1.0

    def remove(self, sec=None):
        sec = _section.resolve_sec(sec)
        n = len(self._secs)
        self._secs = [s for s in self._secs if s is not sec]
        return float(n - len(self._secs))

    def children(self, sec=None):
        sec = _section.resolve_sec(sec)
        for c in sec.children():
            self._secs.append(c)
        return 0.0

    def subtree(self, sec=None):
        """Append sec and its descendants, breadth first (NEURON's SectionList order;
        Python's ``sec.subtree()`` is depth first)."""
        sec = _section.resolve_sec(sec)
        self._secs.extend(_breadth_first(sec))
        return 0.0

    def wholetree(self, sec=None):
        """Append every section of sec's tree, breadth first from its root."""
        sec = _section.resolve_sec(sec)
        self._secs.extend(_breadth_first(sec.root()))
        return 0.0

    def allroots(self):
        self._secs.extend(s for s in _section.allsec() if s._parent is None)
        return 0.0

    def unique(self):
        seen = set()
        out = []
        for s in self._secs:
            if id(s) not in seen:
                seen.add(id(s))
                out.append(s)
        removed = len(self._secs) - len(out)
        self._secs = out
        return float(removed)

    def contains(self, sec=None):
        sec = _section.resolve_sec(sec)
        return float(any(s is sec for s in self._secs))

    def printnames(self):
        for s in self:
            print(s.name())
        return 1.0

    def size(self):
        """The number of (living) sections in the list."""
        return len(self)

    def __iter__(self):
        return iter([s for s in self._secs if not s._deleted])

    def __len__(self):
        return len([s for s in self._secs if not s._deleted])


class SectionRef(HocObject):
    """A reference to a section with tree queries (parent, root, child[i], nchild())."""

    _hoc_name = "SectionRef"

    def __init__(self, sec=None):
        self._sec = _section.resolve_sec(sec)
        self._hoc_register()

    @property
    def sec(self):
        """The section referred to (DeletedSectionError once it was deleted)."""
        self._sec._check("SectionRef.sec")
        return self._sec

    @property
    def parent(self):
        p = self.sec._parent
        if p is None:
            raise ModelError("%s has no parent" % self.sec.name())
        return p

    @property
    def trueparent(self):
        ps = self.sec.trueparentseg()
        if ps is None:
            raise ModelError("%s has no parent" % self.sec.name())
        return ps.sec

    @property
    def root(self):
        return self.sec.root()

    @property
    def child(self):
        return self.sec.children()

    def nchild(self):
        return len(self.sec.children())

    def has_parent(self):
        return self.sec._parent is not None

    def has_trueparent(self):
        return self.sec.trueparentseg() is not None

    def is_cas(self):
        """True if the section is the currently accessed one (a bool, as NEURON 9)."""
        try:
            return _section.cas() is self._sec
        except ModelError:
            return False

    def exists(self):
        """False once the section was deleted (a bool, as NEURON 9)."""
        return not self._sec._deleted

    def unname(self):
        """A HOC section loses its name (secname() is ''; a scalar's HOC name is freed,
        an array keeps its element): returns 1; a Python section: 0, nothing done."""
        sec = self.sec
        if sec.is_pysec():
            return 0.0
        if sec._name == "":
            raise SectionNameError("%s.unname(): section is unnamed" % self.hname())
        interp = _interpreter()
        for name, v in list(interp.top_vals.items()):
            if v is sec:
                interp.top_vals.pop(name)
                sym = interp.top_syms.get(name)
                if sym is not None and sym.kind == "sec":
                    sym.kind = "undef"
        sec._name = ""
        return 1.0

    def rename(self, name, *index):
        """An unnamed HOC section (see unname) gets the HOC name `name`: returns 1.
        A named section is not renamed (NEURON's message, returns 0); a Python section:
        0, nothing done.  An existing section name is taken over (its sections deleted)."""
        sec = self.sec
        if sec.is_pysec():
            return 0.0
        if index:
            raise SectionNameError("%s.rename(%r, %r): renaming into an array element is not "
                                   "implemented in ranvier" % (self.hname(), name, index[0]))
        if sec._name != "":
            print("%s must first be unnamed" % sec.name())
            return 0.0
        name = str(name)
        interp = _interpreter()
        sym = interp.top_syms.get(name)
        if sym is not None and sym.kind not in ("undef", "sec"):
            print("The new name already exists and is not a SECTION or has a dimension > 1")
            return 0.0
        old = interp.top_vals.get(name) if sym is not None and sym.kind == "sec" else None
        olds = getattr(old, "data", [old] if old is not None else [])
        for s in olds:
            if s is not None and s is not sec and not s._deleted and \
                    (s._name == name or str(s._name).startswith(name + "[")):   # not unnamed ones
                print("Previously existing %s points to a section which is being deleted"
                      % s.name())
                _section.delete_section(s)
        if sym is None:
            from ..hoc.runtime import Sym
            sym = interp.top_syms[name] = Sym(name, "sec", "top")
        sym.kind = "sec"
        interp.top_vals[name] = sec
        sec._name = name
        return 1.0


class SectionNameError(ModelError):
    """SectionRef.unname/rename used where NEURON refuses (ModelError, hence ValueError)."""


def _interpreter():
    from .. import hoc
    return hoc.interpreter()
