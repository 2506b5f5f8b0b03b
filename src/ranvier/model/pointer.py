"""Pointers to model values (`seg._ref_v`, `h._ref_t`, `pp._ref_i`, ...).

A pointer names a value logically (which section and x, which mechanism
variable) rather than by address, because the engine re-orders storage when
the model's structure changes.  `locate()` gives (array name, flat index) in
the current layout; `ptr[0]` reads and writes the value.
"""

from ..core.errors import ModelError
from . import store
from .clock import CLOCK


class Pointer:
    """NEURON's hoc pointer to a double (what `_ref_` attributes return)."""

    __slots__ = ("kind", "args", "label", "gen")

    def __init__(self, kind, args, label):
        self.kind = kind          # 'v' | 'mech' | 'pp' | 'ion' | 't' | 'var'
        self.args = args
        self.label = label
        # the section's nseg changes seen so far (a pointer into a segment follows it)
        self.gen = len(args[0]._renseg_log) if kind in ("v", "ion", "mech") else 0

    def _follow_nseg_changes(self):
        """After nseg changes, move to the segment this pointer's node went to, as NEURON's
        handles do: an old node lives on in the new segment its centre falls in (the one
        nearest that segment's centre where several do); the others are freed, and a
        pointer to one of them is invalid (ModelError)."""
        sec = self.args[0]
        log = sec._renseg_log
        a = self.args
        while self.gen < len(log):
            old, moved = log[self.gen]
            new = sec._nseg if self.gen + 1 == len(log) else log[self.gen + 1][0]
            flip = sec._orient == 1.0
            if self.kind == "mech":
                k = moved[a[1]]
                if k < 0:
                    raise ModelError("%s: invalid pointer: nseg %d -> %d freed its segment"
                                     % (self.label, old, new))
                a = (a[0], int(k)) + a[2:]
            else:
                x = a[1]
                if 0.0 < x < 1.0:
                    xi = min(int(old * x), old - 1)
                    k = moved[old - 1 - xi if flip else xi]
                    if k < 0:
                        raise ModelError("%s: invalid pointer: nseg %d -> %d freed its "
                                         "segment" % (self.label, old, new))
                    xi = new - 1 - k if flip else k
                    a = (a[0], (xi + 0.5) / new) + a[2:]
            self.gen += 1
        self.args = a

    def locate(self):
        """(array key, flat index): key 't', 'v', 'ions' or ('mech', name)."""
        if self.kind in ("v", "ion", "mech") and self.gen != len(self.args[0]._renseg_log):
            self._follow_nseg_changes()
        k, a = self.kind, self.args
        if k == "t":
            return "t", 0
        if k == "v":
            sec, x = a
            sec._check(self.label)
            return "v", sec._node_at(x)
        if k == "ion":
            sec, x, ion, field = a
            sec._check(self.label)
            node = sec._node_at(x)
            cap = store.NODES.capacity
            return "ions", (ion * store.NFIELDS + field) * cap + node
        if k == "mech":
            sec, j, mech, row = a
            sec._check(self.label)
            ms = store.mech_store(mech)
            slot = int(sec._mechs[mech.name][j])
            return ("mech", mech.name), row * ms.data.shape[1] + slot
        if k == "pp":
            pp, row = a
            ms = store.mech_store(pp._mech)
            return ("mech", pp._mech.name), row * ms.data.shape[1] + pp._slot
        raise TypeError("pointer %s cannot be located" % self.label)

    def _array(self, key):
        if key == "v":
            return store.NODES.v
        if key == "ions":
            return store.NODES.ions.reshape(-1)
        return store.mech_store(self._mech()).data.reshape(-1)

    def _mech(self):
        return self.args[2] if self.kind == "mech" else self.args[0]._mech

    def __getitem__(self, i):
        if i != 0:
            raise IndexError("a pointer has only element 0")
        if self.kind == "t":
            return CLOCK.t
        if self.kind == "var":
            return self.args[0]()
        key, idx = self.locate()
        return float(self._array(key)[idx])

    def __setitem__(self, i, value):
        if i != 0:
            raise IndexError("a pointer has only element 0")
        if self.kind == "t":
            CLOCK.t = float(value)
            return
        if self.kind == "var":
            self.args[1](value)
            return
        key, idx = self.locate()
        self._array(key)[idx] = float(value)

    def __repr__(self):
        return "<pointer to %s>" % self.label


# ---------------------------------------------------------------- NMODL POINTER variables
# A mechanism's `POINTER p` names another value (NMODL.md section 9): set with
# `h.setpointer(ref, 'p', obj)`, `pp._ref_p = ref` or `seg.mech._ref_p = ref`.  Reading
# `pp.p` gives the target's value and `pp._ref_p` is the target's handle.  The kernels
# read the target at each kernel call (the engine resolves every target to (code,
# index) at finitialize: resolve_pointer_vars); an unset POINTER raises there (NEURON
# crashes).  Targets: a node's v and ion variables (`seg._ref_v`, `seg._ref_cai`).
import weakref  # noqa: E402


_PP_TARGETS = weakref.WeakKeyDictionary()    # point process -> {name: Pointer}
_SEC_TARGETS = weakref.WeakKeyDictionary()   # section -> {(mechanism name, j, name): Pointer}
_TARGET_CODES = {"v": 1.0, "ions": 2.0}      # codegen's instance_prologue reads these


def _owner_table(owner, create):
    """(dict, key) holding the targets of `owner`: a point process, or (sec, j, mech)."""
    if isinstance(owner, tuple):
        sec, j, mech = owner
        table = _SEC_TARGETS.get(sec)
        if table is None and create:
            table = _SEC_TARGETS[sec] = {}
        return table, (mech.name, j)
    table = _PP_TARGETS.get(owner)
    if table is None and create:
        table = _PP_TARGETS[owner] = {}
    return table, None


def set_pointer_target(owner, mech, name, ref, where):
    """Point POINTER `name` of `owner` (a point process or (sec, j, mech)) at `ref`."""
    if name not in getattr(mech, "pointers", ()):
        raise AttributeError("%s: %s is not a POINTER of %s" % (where, name, mech.name))
    if not isinstance(ref, Pointer):
        raise TypeError("%s: POINTER %s needs a reference (seg._ref_v, sec(x)._ref_cai, ...), got %r"
                        % (where, name, ref))
    table, key = _owner_table(owner, True)
    table[name if key is None else key + (name,)] = ref


def pointer_target(owner, mech, name):
    """The Pointer POINTER `name` of `owner` points at, or None when unset."""
    table, key = _owner_table(owner, False)
    if table is None:
        return None
    return table.get(name if key is None else key + (name,))


def _resolve_one(ptr, ms, mech, slot, name, where):
    if ptr is None:
        raise ModelError("%s: POINTER %s is not set (NEURON would crash at finitialize); set it with "
                         "h.setpointer(ref, '%s', obj) or obj._ref_%s = ref" % (where, name, name, name))
    key, idx = ptr.locate()
    code = _TARGET_CODES.get(key) if isinstance(key, str) else None
    if code is None:
        raise ModelError("%s: POINTER %s points at %s; ranvier's POINTERs can point at a node's v "
                         "or an ion variable only (not yet at t or a mechanism's variable)"
                         % (where, name, ptr.label))
    ms.data[ms.row["_pk_" + name], slot] = code
    ms.data[ms.row["_pi_" + name], slot] = float(idx)
    ms.data[ms.row[name], slot] = ptr[0]


def resolve_pointer_vars(point_processes, sections, get_mech):
    """At finitialize: every POINTER of every instance -> (code, flat index) rows, and
    the ``diam`` row of mechanisms that use diam -> the segment's diameter."""
    for pp in point_processes:
        mech = pp._mech
        uses_diam = "diam" in mech.range_names
        if not (getattr(mech, "pointers", None) or uses_diam) or not (pp.has_loc() or mech.is_artificial):
            continue
        ms = store.mech_store(mech)
        for name in mech.pointers:
            _resolve_one(pointer_target(pp, mech, name), ms, mech, pp._slot, name,
                         "%s" % pp.hname())
        if uses_diam and pp.has_loc():
            ms.data[ms.row["diam"], pp._slot] = pp.get_segment().diam
    for sec in sections:
        nseg = None
        for mname, slots in list(sec._mechs.items()):
            mech = get_mech(mname)
            uses_diam = "diam" in mech.range_names
            if not (getattr(mech, "pointers", None) or uses_diam):
                continue
            ms = store.mech_store(mech)
            for j, slot in enumerate(slots):
                for name in mech.pointers:
                    _resolve_one(pointer_target((sec, j, mech), mech, name), ms, mech, int(slot), name,
                                 "%s(%d).%s" % (sec.name(), j, mech.name))
                if uses_diam:
                    nseg = len(slots) if nseg is None else nseg
                    ms.data[ms.row["diam"], int(slot)] = sec((j + 0.5) / nseg).diam
