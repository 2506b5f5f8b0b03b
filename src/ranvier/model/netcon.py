"""NetCon: a connection that carries spike events from a source to a target.

``h.NetCon(source, target, [threshold, delay, weight], sec=...)``

- source: a pointer to a value (``sec(x)._ref_v``: a threshold detector,
  NUMERICS.md (i)), a point process whose NET_RECEIVE calls ``net_event``
  (NetStim, ...), or None (events only through ``NetCon.event``);
- target: a point process with a NET_RECEIVE block, or None (a detector that
  only records).

NetCons that share a source share one ``PreSyn`` (as in NEURON): the threshold,
the crossing flag and the spike recording belong to it.

Storage: the values the compiled loop reads or writes live in the flat arrays
of ``REG`` (weights, delay, active per NetCon slot; threshold and flag per
PreSyn slot), so NET_RECEIVE writes to weights need no copying back. Slots
are never reused; a freed NetCon's slot is dead (its pending events are
dropped). ``REG.version`` counts structural changes (new or freed NetCons,
records, sources and targets) so that the engine knows when to rebuild its
tables (engine/events.py).
"""
import itertools
import math
import numbers
import weakref

import numpy as np

from ..core.errors import ModelError
from ..core.hocobject import HocObject
from .pointer import Pointer
from ..core.hocobject import retire
from .pointprocess import PointProcess
from .segment import Segment
from ..data.vector import Vector


class _Registry:
    def __init__(self):
        self.nc_n = 0
        self.ncw = np.zeros((16, 1))
        self.delay = np.zeros(16)
        self.active = np.zeros(16, dtype=np.int64)
        self.netcons = weakref.WeakValueDictionary()     # slot -> NetCon
        self.ps_n = 0
        self.ps_thr = np.zeros(16)
        self.ps_flag = np.zeros(16, dtype=np.int64)
        self.presyns = weakref.WeakValueDictionary()     # slot -> PreSyn
        self.by_key = weakref.WeakValueDictionary()      # source key -> PreSyn
        self.version = 0

    def changed(self):
        self.version += 1

    def new_netcon(self, nweights):
        s = self.nc_n
        if s >= self.delay.shape[0] or nweights > self.ncw.shape[1]:
            cap = max(2 * self.delay.shape[0], s + 1) if s >= self.delay.shape[0] else self.delay.shape[0]
            ncol = max(self.ncw.shape[1], nweights)
            w = np.zeros((cap, ncol))
            w[: s, : self.ncw.shape[1]] = self.ncw[: s]
            d = np.zeros(cap)
            d[: s] = self.delay[: s]
            a = np.zeros(cap, dtype=np.int64)
            a[: s] = self.active[: s]
            self.ncw, self.delay, self.active = w, d, a
        self.nc_n = s + 1
        self.ncw[s] = 0.0
        self.delay[s] = 1.0
        self.active[s] = 1
        return s

    def new_presyn(self):
        s = self.ps_n
        if s >= self.ps_thr.shape[0]:
            cap = 2 * self.ps_thr.shape[0]
            t = np.zeros(cap)
            t[: s] = self.ps_thr[: s]
            f = np.zeros(cap, dtype=np.int64)
            f[: s] = self.ps_flag[: s]
            self.ps_thr, self.ps_flag = t, f
        self.ps_n = s + 1
        self.ps_thr[s] = 10.0
        self.ps_flag[s] = 0
        return s


REG = _Registry()


def reset():
    """ranvier.reset(): every NetCon and PreSyn is gone and slots start again at 0.
    A NetCon object still held is retired (its use raises ClearedObjectError), so it
    can never touch the new model's slots; ``REG.version`` keeps counting up."""
    for nc in list(REG.netcons.values()):
        retire(nc)
    version = REG.version
    REG.__init__()
    REG.version = version + 1


# The engine owns the event queue; whoever wires model and engine together
# (ranvier.library) attaches its entry point here, so the model never imports it.
_EVENT_QUEUE = [None]


def attach_event_queue(schedule):
    """Route NetCon.event(t, flag) to `schedule(netcon, t, flag)`."""
    _EVENT_QUEUE[0] = schedule
_ps_serial = itertools.count()


def _source_key(src):
    """A key that two NetCons with the same source share."""
    if isinstance(src, PointProcess):
        return ("pp", src._serial)
    if isinstance(src, Pointer):
        k, a = src.kind, src.args
        if k == "v":
            sec, x = a
            return ("v", id(sec), _where(sec, x))
        if k == "ion":
            sec, x, ion, field = a
            return ("ion", id(sec), _where(sec, x), ion, field)
        if k == "mech":
            sec, j, mech, row = a
            return ("mech", id(sec), j, mech.name, row)
        if k == "pp":
            pp, row = a
            return ("pprow", pp._serial, row)
        if k == "t":
            return ("t",)
    hint = ""
    if type(src).__name__ in ("Segment", "Section"):
        hint = " (did you forget _ref_v? use sec(x)._ref_v)"
    raise TypeError("NetCon source must be a pointer (sec(x)._ref_v), a point process or None, "
                    "not %s%s" % (type(src).__name__, hint))


def _where(sec, x):
    x = float(x)
    if x <= 0.0:
        return "0"
    if x >= 1.0:
        return "1"
    return sec._segidx(x)


class PreSyn:
    """A spike source: threshold detector on a value, or a point process's net_event."""

    def __init__(self, src, key):
        self.src = src
        self.key = key
        self.slot = REG.new_presyn()
        self.serial = next(_ps_serial)
        self.tvec = None          # NetCon.record vectors (the last record() wins, as in NEURON)
        self.idvec = None
        self.rec_id = 0.0
        REG.presyns[self.slot] = self
        REG.by_key[key] = self

    def __del__(self):
        try:
            REG.changed()
        except Exception:   # pragma: no cover - interpreter shutdown
            pass


def _real(value, what):
    """A float from a number, or TypeError naming `what`."""
    if isinstance(value, numbers.Real):
        return float(value)
    try:
        return float(value)         # numpy scalars, 0-d arrays
    except (TypeError, ValueError):
        raise TypeError("%s must be a number, not %s" % (what, type(value).__name__)) from None


def _checked_delay(value, who):
    value = _real(value, "%s.delay" % who)
    if not value >= 0 or math.isinf(value):
        # NEURON: "NetCon delay must be >= 0" (its constructor: "Arg out of range")
        raise ModelError("%s: NetCon delay must be >= 0 and finite, got %r" % (who, value))
    return value


def _checked_threshold(value, who):
    value = _real(value, "%s.threshold" % who)
    if math.isnan(value):
        raise ModelError("%s: NetCon threshold must be a number, got nan" % who)
    return value


def _presyn(src):
    if src is None:
        return None
    key = _source_key(src)
    ps = REG.by_key.get(key)
    if ps is None:
        ps = PreSyn(src, key)
    return ps


class _Weights:
    """NetCon.weight: the NET_RECEIVE arguments, a fixed-size array of doubles."""

    __slots__ = ("_nc",)

    def __init__(self, nc):
        self._nc = nc

    def __len__(self):
        return self._nc._nweights

    def _index(self, i):
        i = int(i)
        n = self._nc._nweights
        if not 0 <= i < n:          # NEURON has no negative indices here
            raise IndexError("%s.weight index %d out of range (size %d)" % (self._nc.hname(), i, n))
        return i

    def __getitem__(self, i):
        return float(REG.ncw[self._nc._slot, self._index(i)])

    def __setitem__(self, i, value):
        i = self._index(i)
        REG.ncw[self._nc._slot, i] = _real(value, "%s.weight[%d]" % (self._nc.hname(), i))

    def __iter__(self):
        return iter([self[i] for i in range(len(self))])

    def __repr__(self):
        return "<%s.weight %s>" % (self._nc.hname(), [self[i] for i in range(len(self))])


class NetCon(HocObject):
    """NEURON's NetCon (see the module docstring)."""

    _hoc_name = "NetCon"

    def __init__(self, source, target, *args, sec=None):
        if target is not None:
            if not isinstance(target, PointProcess):
                raise TypeError("NetCon target must be a point process or None")
            if target._mech.net_receive is None:
                raise ModelError("%s has no NET_RECEIVE block and cannot be a NetCon target"
                                 % target.hname())
            if not target._mech.is_artificial:
                target._check_located("NetCon target")
        if len(args) > 3:
            raise TypeError("NetCon(source, target, threshold, delay, weight): too many arguments")
        if len(args) >= 1:
            _checked_threshold(args[0], "NetCon(source, target, threshold, ...)")
        if len(args) >= 2:
            _checked_delay(args[1], "NetCon(source, target, threshold, delay, ...)")
        if len(args) >= 3:
            _real(args[2], "NetCon(source, target, threshold, delay, weight): weight")
        if source is not None:
            _source_key(source)                 # a bad source fails before anything is made
        nweights = len(target._mech.net_receive["args"]) if target is not None else 1
        object.__setattr__(self, "_nweights", max(nweights, 1))
        object.__setattr__(self, "_slot", REG.new_netcon(self._nweights))
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_ps", _presyn(source))
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "_threshold", 10.0)     # kept when there is no source
        self._hoc_register()
        REG.netcons[self._slot] = self
        if len(args) >= 1:
            self.threshold = args[0]
        if len(args) >= 2:
            self.delay = args[1]
        if len(args) >= 3:
            self.weight[0] = args[2]
        REG.changed()

    # -- values -----------------------------------------------------------
    @property
    def weight(self):
        return _Weights(self)

    @property
    def threshold(self):
        return float(REG.ps_thr[self._ps.slot]) if self._ps is not None else self._threshold

    @threshold.setter
    def threshold(self, value):
        value = _checked_threshold(value, self.hname())
        if self._ps is not None:
            REG.ps_thr[self._ps.slot] = value
        else:
            object.__setattr__(self, "_threshold", value)

    @property
    def delay(self):
        return float(REG.delay[self._slot])

    @delay.setter
    def delay(self, value):
        value = _checked_delay(value, self.hname())
        REG.delay[self._slot] = value

    def __setattr__(self, attr, value):
        if attr == "weight":            # HOC's nc.weight = x sets weight[0]
            self.weight[0] = value
            return
        if attr in ("threshold", "delay") or attr.startswith("_"):
            object.__setattr__(self, attr, value)
            return
        raise AttributeError("NetCon has no attribute %r" % attr)

    @property
    def x(self):
        """The current value of the source variable (0 for a point-process source)."""
        src = self._source
        return float(src[0]) if isinstance(src, Pointer) else 0.0

    def active(self, *args):
        """active() -> True/False; active(b) turns delivery on or off and returns the old state."""
        old = bool(REG.active[self._slot])
        if args:
            REG.active[self._slot] = 1 if args[0] else 0
        return old

    def wcnt(self):
        return float(self._nweights)

    # -- structure ---------------------------------------------------------
    def pre(self):
        return self._source if isinstance(self._source, PointProcess) else None

    def syn(self):
        return self._target

    def _source_deleted(self):
        """True if the source is a pointer into a section deleted since."""
        src = self._source
        return (isinstance(src, Pointer) and src.kind in ("v", "ion", "mech")
                and src.args[0]._deleted)

    def preseg(self):
        src = self._source
        if isinstance(src, Pointer) and src.kind == "v" and not self._source_deleted():
            sec, x = src.args
            return Segment(sec, x)
        return None

    def postseg(self):
        return self._target.get_segment() if self._target is not None else None

    def valid(self):
        """True if the NetCon has a target and its source (if a pointer) still exists,
        as NEURON 9.0.2 answers."""
        return self._target is not None and not self._source_deleted()

    def record(self, *args):
        """record(tvec) / record(tvec, idvec[, id]): spike times of the source; record() stops."""
        if self._ps is None:
            raise ModelError("%s has no source to record" % self.hname())
        ps = self._ps
        if not args:
            ps.tvec = ps.idvec = None
        else:
            if not isinstance(args[0], Vector):
                raise TypeError("NetCon.record: expected a Vector")
            ps.tvec = args[0]
            ps.idvec = args[1] if len(args) > 1 and isinstance(args[1], Vector) else None
            ps.rec_id = float(args[2]) if len(args) > 2 else float(self._hoc_index)
        REG.changed()
        return 0.0

    def event(self, t, flag=None):
        """Deliver an event through this NetCon (to its target) at time t (no delay added)."""
        if _EVENT_QUEUE[0] is None:
            raise RuntimeError("NetCon.event: no simulation engine is attached")
        _EVENT_QUEUE[0](self, float(t), flag)
        return 0.0

    def __del__(self):
        try:
            REG.active[self._slot] = 0
            REG.changed()
        except Exception:   # pragma: no cover - interpreter shutdown
            pass


def live_netcons():
    """Live NetCons in slot (creation) order."""
    return [REG.netcons[s] for s in sorted(REG.netcons.keys())]
