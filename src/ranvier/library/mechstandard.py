"""NEURON's MechanismType and MechanismStandard classes.

``MechanismType(0)`` lists the density mechanisms (with the morphology, capacitance and
ion pseudo-mechanisms), ``MechanismType(1)`` the point processes, in NEURON's order:
by internal type number (model/mechcatalogue.py: NEURON 9.0.2's numbers for the
built-ins, those ranvier lacks left out; user mechanisms from 24 in load order).

``MechanismStandard(name[, vartype])`` holds a copy of one mechanism instance's
variables: vartype 1 PARAMETER (the default), 2 ASSIGNED, 3 STATE, 0 all three,
-1 the GLOBALs (names only).  ``in``/``_in`` copies values into it from a segment, a
point process or another standard, ``out`` copies them back.

Written for ranvier from NEURON's documentation and observed behaviour.
"""
from ..core.errors import ModelError
from ..core.hocobject import HocObject
from ..model import section as _section
from ..model import store
from ..model.mechcatalogue import NEURON_TYPES, catalogue  # noqa: F401 (re-exported)


class MechanismTypeError(ModelError):
    """A bad use of MechanismType or MechanismStandard (ModelError, hence ValueError)."""


class ArgumentRangeError(MechanismTypeError, IndexError):
    """NEURON's 'Arg out of range in user function' (an IndexError too)."""


_PSEUDO = ("morphology", "capacitance")


def _entry(name):
    for e in catalogue():
        if e.name == name:
            return e
    return None


def _write_str(ref, value, where):
    """Write a string into a strdef argument (HOC strdef, h.ref(''))."""
    from ..hoc.runtime import HocRef, StrArg
    if isinstance(ref, StrArg) and ref.ref is not None:
        ref.ref[0] = value
    elif isinstance(ref, HocRef) or (not isinstance(ref, str) and hasattr(ref, "__setitem__")):
        ref[0] = value
    else:
        raise TypeError("%s: the argument must be a string reference (a HOC strdef or "
                        "h.ref('')), not %r" % (where, ref))


def _sec_of(sec):
    return _section.resolve_sec(sec)


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# ----------------------------------------------------------------------------- MechanismType
class MechanismType(HocObject):
    """NEURON's MechanismType(0) (density mechanisms) / MechanismType(1) (point processes)."""

    _hoc_name = "MechanismType"

    def __init__(self, *args):
        if not args:
            raise ArgumentRangeError("MechanismType not enough arguments: MechanismType(0) lists "
                                     "the density mechanisms, MechanismType(1) the point processes")
        kind = int(args[0])
        if kind not in (0, 1):
            raise ArgumentRangeError("MechanismType(%r): Arg out of range in user function "
                                     "(0 or 1)" % (args[0],))
        self._point = kind == 1
        self._rows = [e for e in catalogue() if e.is_point == self._point]
        self._sel = 0
        self._action = None
        self._iter = None
        self._hoc_register()

    def _row(self, i, what):
        i = int(i)
        if not 0 <= i < len(self._rows):
            raise ArgumentRangeError("%s.%s(%d): Arg out of range in user function (%d mechanisms)"
                                     % (self.hname(), what, i, len(self._rows)))
        return self._rows[i]

    def _selected_row(self, what):
        if not 0 <= self._sel < len(self._rows):
            raise MechanismTypeError("%s.%s(): no mechanism is selected" % (self.hname(), what))
        return self._rows[self._sel]

    def count(self):
        """The number of mechanisms in the list (an int)."""
        return len(self._rows)

    def select(self, what):
        """Select the mechanism named `what` (no change for an unknown name) or the i'th."""
        if isinstance(what, str):
            for i, e in enumerate(self._rows):
                if e.name == what:
                    self._sel = i
                    break
            return 0.0
        i = int(what)
        if i != -1:
            self._row(i, "select")
        self._sel = i               # NEURON accepts -1: no selection
        return 0.0

    def selected(self, strdef=None):
        """The index of the selection; writes its name into `strdef` if given."""
        if strdef is not None:
            name = self._rows[self._sel].name if 0 <= self._sel < len(self._rows) else ""
            _write_str(strdef, name, "%s.selected" % self.hname())
        return self._sel

    def internal_type(self):
        """NEURON's internal type number of the selection (a float)."""
        return float(self._selected_row("internal_type").type)

    def is_ion(self):
        """Whether the selection is an ion (na_ion, ...)."""
        if not 0 <= self._sel < len(self._rows):
            return False
        return self._rows[self._sel].kind == "ion"

    def is_netcon_target(self, i):
        """Whether the i'th mechanism has a NET_RECEIVE block."""
        e = self._row(i, "is_netcon_target")
        return getattr(e.mech, "net_receive", None) is not None

    def has_net_event(self, i):
        """Whether the i'th mechanism calls net_event (a NetCon source)."""
        e = self._row(i, "has_net_event")
        return bool(getattr(e.mech, "uses_net_event", False))

    def is_artificial(self, i):
        """Whether the i'th mechanism is an ARTIFICIAL_CELL."""
        e = self._row(i, "is_artificial")
        return bool(getattr(e.mech, "is_artificial", False))

    def make(self, ref=None, sec=None):
        """Density: insert the selection into `sec` (or the accessed section).
        Point process: ref[0] becomes a new, unlocated instance of the selection."""
        e = self._selected_row("make")
        if self._point:
            if ref is None:
                raise MechanismTypeError("%s.make(): make not enough arguments: give a reference "
                                         "(h.ref(None), or an objref in HOC) for the new %s"
                                         % (self.hname(), e.name))
            from ..model.pointprocess import point_process_class
            obj = point_process_class(e.mech)()
            ref[0] = obj
            return 0.0
        if ref is not None and not _is_number(ref):
            return 0.0              # NEURON ignores an object given to a density make
        s = _sec_of(sec)
        if e.kind == "density":
            s.insert(e.name)
        elif e.kind == "ion":
            if e.name[:-4] not in s._ion_names():
                raise _IonInsertNotImplemented(
                    "%s.make(): inserting the ion %s by itself into %s is not implemented in "
                    "ranvier (insert a mechanism that uses it)" % (self.hname(), e.name, s.name()))
        return 0.0                  # morphology, capacitance: always present

    make._hoc_objref_args = (0,)        # HOC's mt.make(objref) assigns the objref

    def remove(self, sec=None):
        """Remove the selected density mechanism from `sec` (a no-op where absent)."""
        e = self._selected_row("remove")
        if e.kind == "density":
            s = _sec_of(sec)
            if s.has_membrane(e.name):
                s.uninsert(e.name)
        return 0.0

    def pp_begin(self, sec=None):
        """The first point process of the selected type located in `sec` (None if none);
        pp_next() gives the others: by position along the section, newest first at a node."""
        if not self._point:
            raise MechanismTypeError("%s.pp_begin(): Not a MechanismType(1)" % self.hname())
        e = self._selected_row("pp_begin")
        s = _sec_of(sec)
        pps = [p for p in store.live_point_processes()
               if p._mech.name == e.name and p._sec is s and p.has_loc()]
        order = {id(p): k for k, p in enumerate(pps)}
        pps.sort(key=lambda p: (p._x, -order[id(p)]))
        self._iter = pps
        return self.pp_next()

    def pp_next(self):
        """The next point process of the pp_begin iteration, None at the end."""
        if not self._point:
            raise MechanismTypeError("%s.pp_next(): Not a MechanismType(1)" % self.hname())
        if not self._iter:
            return None
        return self._iter.pop(0)

    def menu(self, *args):
        """A menu of the mechanisms in the open xpanel: nothing to show headless."""
        return 0.0

    def action(self, *args):
        """The action run when the menu selects an item (kept; headless, never run)."""
        self._action = args[0] if args else None
        return 0.0

    def file(self):
        """The .mod file of the selection ('' for morphology, capacitance and ions)."""
        e = self._selected_row("file")
        if e.mech is None:
            return ""
        from ..nmodl.mechanism import source_file
        path = source_file(e.mech)
        return "" if path is None else str(path)

    def code(self):
        """The NMODL text of the selection ('' where there is none)."""
        path = self.file()
        if not path:
            return ""
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""


class _IonInsertNotImplemented(MechanismTypeError, NotImplementedError):
    """Inserting an ion on its own (ranvier inserts ions with the mechanisms using them)."""


# ------------------------------------------------------------------------- MechanismStandard
# variables of the pseudo-mechanisms and ions: (name, vartype)
_MORPHOLOGY = [("diam", 1)]
_CAPACITANCE = [("cm", 1), ("i_cap", 2)]
# ranvier's VClamp keeps NEURON's dur[3] and amp[3] outside its .mod (model/vclamp.py)
_EXTRA_ARRAYS = {"VClamp": [("dur", 3), ("amp", 3)]}


def _ion_vars(ion):
    return [("e" + ion, 1), (ion + "i", 1), (ion + "o", 1), ("i" + ion, 2),
            ("di%s_dv_" % ion, 2)]


def _suffixed(name, mech):
    suffix = "_" + mech
    return name if name.endswith(suffix) else name + suffix


def _variables(e):
    """[(name as the standard shows it, size, vartype, default values)] of entry e,
    PARAMETERs first, then ASSIGNED, then STATEs."""
    if e.kind == "morphology":
        return [(n, 1, t, [500.0]) for n, t in _MORPHOLOGY]
    if e.kind == "capacitance":
        return [(n, 1, t, [1.0 if n == "cm" else 0.0]) for n, t in _CAPACITANCE]
    if e.kind == "ion":
        ion = e.name[:-4]
        return [(n, 1, t, [_ion_default(ion, n)]) for n, t in _ion_vars(ion)]
    m = e.mech
    out = []
    for n, size in _EXTRA_ARRAYS.get(m.name, ()):
        out.append((n, size, 1, [0.0] * size))
    params = {p for p, info in getattr(m, "params", {}).items() if info.get("range")}
    states = set(getattr(m, "states", ()))
    arrays = getattr(m, "arrays", {})
    names = list(getattr(m, "range_names", ()))
    defaults_all = list(getattr(m, "range_defaults", ()))
    groups = {1: [], 2: [], 3: []}
    for n in getattr(m, "public_range", ()):
        t = 1 if n in params else 3 if n in states else 2
        size = int(arrays.get(n, 1))
        row = names.index(n) if n in names else len(defaults_all)
        defaults = [float(defaults_all[row + k]) if row + k < len(defaults_all) else 0.0
                    for k in range(size)]
        groups[t].append((n if m.is_point else _suffixed(n, m.name), size, t, defaults))
    return out + groups[1] + groups[2] + groups[3]


def _ion_default(ion, name):
    e0, ci, co = store.ion_default(ion)
    return {"e" + ion: e0, ion + "i": ci, ion + "o": co}.get(name, 0.0)


def _globals(e):
    if e.kind == "ion":
        ion = e.name[:-4]
        return [("%si0_%s" % (ion, e.name), 1), ("%so0_%s" % (ion, e.name), 1)]
    if e.mech is None:
        return []
    m = e.mech
    return [(_suffixed(g, m.name), int(getattr(m, "arrays", {}).get(g, 1)))
            for g in getattr(m, "public_globals", ())]


class MechanismStandard(HocObject):
    """NEURON's MechanismStandard: a set of variable values of one mechanism."""

    _hoc_name = "MechanismStandard"

    def __init__(self, *args):
        if not args:
            raise MechanismTypeError("MechanismStandard not enough arguments: "
                                     "MechanismStandard(name[, vartype])")
        name = args[0]
        if not isinstance(name, str):
            raise TypeError("MechanismStandard(name): the name must be a string such as 'hh' "
                            "(n.hh.name gives it for a mechanism object), got %r" % (name,))
        vartype = int(args[1]) if len(args) > 1 else 1
        if vartype not in (-1, 0, 1, 2, 3):
            raise ArgumentRangeError("MechanismStandard(%r, %r): Arg out of range in user "
                                     "function (vartype -1, 0, 1, 2 or 3)" % (name, args[1]))
        e = _entry(str(name))
        if e is None:
            raise MechanismTypeError("%s is not a Mechanism or Point Process" % name)
        self._entry = e
        self._vartype = vartype
        self._vars = _variables(e)
        self._values = {n: list(d) for n, _, _, d in self._vars}
        if vartype == -1:
            self._listed = [(n, size) for n, size in _globals(e)]
        else:
            self._listed = [(n, size) for n, size, t, _ in self._vars if vartype in (0, t)]
        self._action = None
        self._hoc_register()

    # -- names ------------------------------------------------------------------
    def count(self):
        """The number of variables of the standard's vartype (an int)."""
        return len(self._listed)

    def name(self, strdef, i=None):
        """name(s): s = the mechanism's name; name(s, i): s = the i'th variable's name,
        returns its array size (1 for a scalar)."""
        if i is None:
            _write_str(strdef, self._entry.name, "%s.name" % self.hname())
            return 0
        n, size = self._index(i, "name")
        _write_str(strdef, n, "%s.name" % self.hname())
        return size

    def is_array(self, i):
        """Whether the i'th variable is an array."""
        n, size = self._index(i, "is_array")
        if self._vartype == -1:
            return bool(size > 1)
        m = self._entry.mech
        base = n if m is None or m.is_point else n[: -(len(m.name) + 1)]
        return bool((m is not None and base in getattr(m, "arrays", {})) or
                    base in dict(_EXTRA_ARRAYS.get(self._entry.name, ())))

    def _index(self, i, what):
        i = int(i)
        if not 0 <= i < len(self._listed):
            raise ArgumentRangeError("%s.%s(..., %d): Arg out of range in user function (%d "
                                     "variables)" % (self.hname(), what, i, len(self._listed)))
        return self._listed[i]

    # -- values -----------------------------------------------------------------
    def _no_globals(self, what):
        if self._vartype == -1:
            raise MechanismTypeError("%s.%s: %s  MechanismStandard method not implemented for "
                                     "GLOBAL type" % (self.hname(), what, what))

    def _cell(self, name, index, what):
        self._no_globals(what)
        vals = self._values.get(name)
        if vals is None:
            raise MechanismTypeError("%s.%s(%r): %s not in this property (%s)"
                                     % (self.hname(), what, name, name, self._entry.name))
        k = int(index)
        if not 0 <= k < len(vals):
            raise ArgumentRangeError("%s.%s(%r, %d): index out of range (%s has %d element%s)"
                                     % (self.hname(), what, name, k, name, len(vals),
                                        "" if len(vals) == 1 else "s"))
        return vals, k

    def get(self, name, index=0):
        """The value of variable `name` (element `index` of an array)."""
        vals, k = self._cell(name, index, "get")
        return float(vals[k])

    def set(self, name, value, index=0):
        """Set variable `name` (element `index` of an array) to `value`."""
        vals, k = self._cell(name, index, "set")
        vals[k] = float(value)
        return 0.0

    def _copied(self):
        """The variables in/out copy with a segment or point process: this vartype's."""
        return [(n, size) for n, size, t, _ in self._vars if self._vartype in (0, t)]

    def _in(self, src=None, sec=None):
        """Copy values into this standard from the accessed section's (or `sec`'s) first
        segment, the segment holding x, a point process or another standard (every
        variable); nothing happens when the source is not the same mechanism."""
        self._no_globals("in")
        e = self._entry
        if isinstance(src, MechanismStandard):
            if src._entry.name == e.name:
                for n, vals in src._values.items():
                    self._values[n] = list(vals)
            return 0.0
        if src is not None and not _is_number(src):
            if getattr(src, "_mech", None) is not None and e.is_point and src._mech.name == e.name:
                for n, size in self._copied():
                    self._values[n] = _read_pp(src, n, size)
            return 0.0
        if e.is_point:
            return 0.0
        s = _sec_of(sec)
        x = 0.5 / s.nseg if src is None else float(src)
        seg = _segment(s, x)
        if not _present(e, s):
            return 0.0
        for n, size in self._copied():
            self._values[n] = _read_seg(seg, n, size, self._values[n])
        return 0.0

    def out(self, dst=None, sec=None):
        """Copy this standard's values to every segment of the accessed section (or `sec`),
        to the segment holding x, to a point process or to another standard (every
        variable); nothing happens when the target is not the same mechanism."""
        self._no_globals("out")
        e = self._entry
        if isinstance(dst, MechanismStandard):
            if dst._entry.name == e.name:
                for n, vals in self._values.items():
                    dst._values[n] = list(vals)
            return 0.0
        if dst is not None and not _is_number(dst):
            if getattr(dst, "_mech", None) is not None and e.is_point and dst._mech.name == e.name:
                for n, size in self._copied():
                    _write_pp(dst, n, self._values[n])
            return 0.0
        if e.is_point:
            return 0.0
        s = _sec_of(sec)
        if not _present(e, s):
            return 0.0
        segs = list(s) if dst is None else [_segment(s, float(dst))]
        for seg in segs:
            for n, size in self._copied():
                _write_seg(seg, n, self._values[n])
        return 0.0

    def panel(self, *args):
        """A panel of the values: nothing to show headless."""
        return 0.0

    def action(self, *args):
        """The action run when a panel value changes (kept; headless, never run)."""
        self._action = args[0] if args else None
        return 0.0

    def save(self, *args):
        """Writes the standard into a session file being saved: none is, headless."""
        return 0.0


setattr(MechanismStandard, "in", MechanismStandard._in)     # HOC's spelling: ms.in(...)


def _segment(sec, x):
    """The segment holding x (x = 0 and 1 count as the first and last segment)."""
    n = sec.nseg
    j = min(max(int(x * n), 0), n - 1)
    return sec((j + 0.5) / n)


def _present(e, sec):
    if e.kind in _PSEUDO:
        return True
    if e.kind == "ion":
        return e.name[:-4] in sec._ion_names()
    return sec.has_membrane(e.name)


def _read_seg(seg, name, size, old):
    if name == "i_cap" and not hasattr(seg, "i_cap"):
        return old              # ranvier keeps no capacitive current per segment
    v = getattr(seg, name)
    if size == 1 and not hasattr(v, "__len__"):
        return [float(v)]
    return [float(v[k]) for k in range(size)]


def _write_seg(seg, name, vals):
    if name == "i_cap":
        return                  # an ASSIGNED the next step recomputes
    if len(vals) == 1 and not hasattr(getattr(seg, name), "__len__"):
        setattr(seg, name, vals[0])
        return
    arr = getattr(seg, name)
    for k, v in enumerate(vals):
        arr[k] = v


def _pp_attr(name):
    return "delay" if name == "del" else name


def _read_pp(pp, name, size):
    v = getattr(pp, _pp_attr(name))
    if size == 1 and not hasattr(v, "__len__"):
        return [float(v)]
    return [float(v[k]) for k in range(size)]


def _write_pp(pp, name, vals):
    v = getattr(pp, _pp_attr(name))
    if len(vals) == 1 and not hasattr(v, "__len__"):
        setattr(pp, _pp_attr(name), vals[0])
        return
    for k, x in enumerate(vals):
        v[k] = x
