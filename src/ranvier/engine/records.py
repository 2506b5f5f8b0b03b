"""The engine's named records: what each argument of a compiled entry point is.

The compiled stepper (codegen.py) takes long positional argument lists; nobody
should count positions.  Each entry point's parameter list is a ``Signature``
made of records (namedtuples) and single names, and both ends are built from
it: the code generator prints ``def run(<RUN.params(m)>)`` and the Python side
calls ``st.run(*RUN.args(control, clock, nodes, ...))``, which flattens the
records in their fields' order (the one place where they are flattened).

The other layouts live next to the code that indexes them, one table each:

- the ions array's fields, the event outbox and the kernels' parameters:
  ``ranvier.nmodl.records`` (shared with the kernel generators);
- the event tuple ``ev`` and the queue's columns: ``events.EV_FIELDS``,
  ``events.Q_FIELDS`` (numba caches the functions of events.py by that file
  alone, so the constants they use are defined there);
- the value codes of records and NetCon sources: ``SOURCE_KINDS`` below.
"""
from collections import namedtuple

from ..nmodl.records import MECH_ARGS, constants

# What a recording or a NetCon source watches: code SRC_MECH + k is mechanism k's data
# (flat index into its data array); SRC_NONE: nothing (deleted, or a point process source).
SOURCE_KINDS = ("t", "v", "ions", "mech")
globals().update(constants("SRC_", SOURCE_KINDS))      # SRC_T, SRC_V, SRC_IONS, SRC_MECH
SRC_NONE = -1
SRC_CELSIUS = -2        # a play target only: celsius (a scalar of the run, not an array)

# one mechanism's arguments of every kernel (records.MECH_ARGS order)
MechArgs = namedtuple("MechArgs", MECH_ARGS)
# the node arrays in matrix order, as setup and run take them
NodeArrays = namedtuple("NodeArrays", "ncell nnode v rhs d a b parent cm area ions estyle")
# the time and integration values of a step (cj = 1/dt, or 2/dt for secondorder)
Clock = namedtuple("Clock", "t dt cj celsius")
# the recordings: value code and flat index per record, its Dt (0: every step, -1: at the
# times of a time Vector) and next sample time, the time Vectors' times (rtime[r, :rtn[r]],
# copied at finitialize) and the next one due (rtk[r]), and the buffer the samples go to
# (rcnt[r] written so far)
RecTargets = namedtuple("RecTargets", "rsrc ridx rdt rnext rtime rtn rtk")  # kept from call to call
RecArrays = namedtuple("RecArrays", RecTargets._fields + ("rbuf", "rcnt"))
# the played variables (engine/play.py): pon (any play), per play its target (value code,
# flat index), continuous flag, number of points, next point (discrete) or search hint
# (continuous), its times and values (rows padded to the longest); pcel[0] receives the
# run's celsius at its end (a play may change it)
PlayArrays = namedtuple("PlayArrays", "pon psrc pidx pcont pn pk ptime pval pcel")
# how far run goes: at most nmax steps, stopping (if until) when not t < ts - 1e-11,
# checked every nstep steps; secondorder 0, 1 or 2
RunControl = namedtuple("RunControl", "nmax until ts nstep secondorder")
# the network: evon (any NetCon or event mechanism), the queue, the spike buffer and the
# event tuple (events.EV_FIELDS)
EventArgs = namedtuple("EventArgs", "evon q sb ev")
# what run returns: the steps taken, the new t, the (possibly grown) queue and spike
# buffer, and RUN_OK or RUN_NONFINITE (v became NaN or infinite in the last step taken)
RunResult = namedtuple("RunResult", "steps t q sb status")
RUN_STATUS = ("ok", "nonfinite")
globals().update(constants("RUN_", RUN_STATUS))        # RUN_OK, RUN_NONFINITE


class PerMech:
    """A part of a signature that repeats once per mechanism (in the stepper's type order):
    a record (its fields, suffixed with the mechanism's position) or one name."""

    def __init__(self, part):
        self.part = part

    def names(self, k):
        if isinstance(self.part, str):
            return [self.part + str(k)]
        return [f + str(k) for f in self.part._fields]


class Signature:
    """The parameter list of a compiled entry point: records, single names and PerMech
    parts, in order.  ``params(m)`` is the list as the generated ``def`` prints it (m
    mechanisms); ``args(*values)`` flattens one value per part into the positional
    arguments (a record part takes an instance of that record, a PerMech part a
    sequence with one entry per mechanism)."""

    def __init__(self, name, *parts):
        self.name = name
        self.parts = parts
        # 0: a single value; 1: a record; 2: per mechanism, records; 3: per mechanism, values
        self._kinds = tuple(0 if isinstance(p, str) else
                            (3 if isinstance(p.part, str) else 2) if isinstance(p, PerMech) else 1
                            for p in parts)
        per_mech = [j for j, k in enumerate(self._kinds) if k >= 2]
        self._first_per_mech = per_mech[0] if per_mech else None
        self._flatteners = {}       # m -> flat(*values), made on first use

    def param_list(self, m):
        out = []
        for p in self.parts:
            if isinstance(p, str):
                out.append(p)
            elif isinstance(p, PerMech):
                for k in range(m):
                    out.extend(p.names(k))
            else:
                out.extend(p._fields)
        if len(set(out)) != len(out):
            raise ValueError("%s: a parameter name occurs twice in %r" % (self.name, out))
        return out

    def params(self, m):
        return ", ".join(self.param_list(m))

    def call(self, m, **subst):
        """The argument list of a call from generated code in which every parameter is a
        variable of the same name, except those given in ``subst`` (name -> expression)."""
        names = self.param_list(m)
        unknown = set(subst) - set(names)
        if unknown:
            raise ValueError("%s has no parameter %s" % (self.name, ", ".join(sorted(unknown))))
        return ", ".join(subst.get(p, p) for p in names)

    def args(self, *values):
        """The positional arguments for one value per part (see the class docstring)."""
        if len(values) != len(self.parts):
            return self._checked(values)            # raises TypeError
        m = len(values[self._first_per_mech]) if self._first_per_mech is not None else 0
        flat = self._flatteners.get(m)
        if flat is None:
            flat = self._flatteners[m] = self._flattener(m)
        return flat(*values)

    def _flattener(self, m):
        """A function of the parts' values that returns the flat argument tuple for m
        mechanisms, made from the parts (a generated function: no loop, no counting)."""
        env = {"_checked": self._checked}
        params, checks, items = [], [], []
        for j, (kind, p) in enumerate(zip(self._kinds, self.parts)):
            val = "v%d" % j
            params.append(val)
            if kind == 0:
                items.append(val)
            elif kind == 1:
                env["R%d" % j] = p
                checks.append("type(%s) is not R%d" % (val, j))
                items.append("*" + val)
            else:
                checks.append("len(%s) != %d" % (val, m))
                if kind == 2:
                    env["R%d" % j] = p.part
                    checks.extend("type(%s[%d]) is not R%d" % (val, k, j) for k in range(m))
                    items.extend("*%s[%d]" % (val, k) for k in range(m))
                else:
                    items.append("*" + val)
        src = "def flat(%s):\n" % ", ".join(params)
        if checks:
            src += "    if %s:\n        _checked((%s,))\n" % (" or ".join(checks), ", ".join(params))
        src += "    return (%s%s)\n" % (", ".join(items), "," if len(items) == 1 else "")
        exec(compile(src, "<records.Signature %s, %d mechanisms>" % (self.name, m), "exec"), env)
        return env["flat"]

    def _checked(self, values):
        """The flat arguments, checking every part (and raising TypeError for a wrong one)."""
        parts = self.parts
        if len(values) != len(parts):
            raise TypeError("%s takes %d parts (%s), got %d" % (
                self.name, len(parts), ", ".join(_part_name(p) for p in parts), len(values)))
        out = []
        m = None
        for kind, p, val in zip(self._kinds, parts, values):
            if kind == 0:
                out.append(val)
            elif kind == 1:
                if type(val) is not p:
                    raise TypeError("%s: expected a %s, got %r" % (self.name, p.__name__, type(val)))
                out.extend(val)
            else:
                if m is None:
                    m = len(val)
                elif len(val) != m:
                    raise TypeError("%s: %d mechanisms in one part, %d in another"
                                    % (self.name, m, len(val)))
                if kind == 2:
                    for r in val:
                        if type(r) is not p.part:
                            raise TypeError("%s: expected %s per mechanism, got %r"
                                            % (self.name, p.part.__name__, type(r)))
                        out.extend(r)
                else:
                    out.extend(val)
        return tuple(out)


def _part_name(p):
    if isinstance(p, str):
        return p
    if isinstance(p, PerMech):
        return "per mechanism " + _part_name(p.part)
    return p.__name__


_MECHS = PerMech(MechArgs)
_MFLAT = PerMech("mf")      # mechanism k's data, flattened (mf<k>[j]: value code SRC_MECH + k)

# the stepper's entry points (codegen.stepper_source prints their defs from these)
CHECK_TABLES = Signature("check_tables", "celsius", "dt", _MECHS)   # dt: TABLE ... DEPEND dt
INIT_MECHS = Signature("init_mechs", "v", "area", "ions", "t", "dt", "celsius", "q", "sb", "ev",
                       _MECHS)
INIT_NETCONS = Signature("init_netcons", "v", "area", "t", "dt", "celsius", "ev", _MECHS)
DELIVER = Signature("deliver", "tm", "q", "sb", "ev", "v", "area", "dt", "celsius", _MECHS)
THRESHOLDS = Signature("thresholds", "t", "q", "sb", "ev", "v", "ionsf", _MFLAT)
SETUP = Signature("setup", NodeArrays, Clock, _MECHS)
RECORD = Signature("record", "t", "lim", "every", "tprev", RecArrays, "v", "ionsf", "celsius", _MFLAT)
PLAY = Signature("play", "tt", "mode", "celsius", PlayArrays, "v", "ionsf", _MFLAT)
RUN = Signature("run", RunControl, Clock, NodeArrays, "ionsf", RecArrays, EventArgs, PlayArrays,
                _MECHS, _MFLAT)
