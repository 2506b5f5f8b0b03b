"""NET_RECEIVE, net_send, net_event and ARTIFICIAL_CELL: the network-event part of the compiler.

In: an ``analysis.Info`` whose file has a NET_RECEIVE block (or uses random
numbers). Out: the kernel module of ``codegen`` plus the event kernels below,
appended after it. ``codegen.Generator`` is reused unchanged through a
subclass that knows the event calls; everything event-specific lives here.

Event kernels (the ABI the engine's stepper calls; NMODL.md section 8)
=====================================================================

All are ``@_kernel`` (numba njit, cache=True, no NRT for most files)::

    net_receive(data, i, gv, tbl, v, nd, area, t, dt, celsius, w, wr, flag, evb, evn)
    net_receive_init(data, i, gv, tbl, v, nd, area, t, dt, celsius, w, wr)
    net_init(n, ntot, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius, evb, evn)

- ``data[row, i]``, ``gv``, ``tbl``: the mechanism's instance data, globals
  and table, as for nrn_init/nrn_cur/nrn_state; ``i`` is the instance column.
- ``v``, ``area``: the node arrays; ``nd`` the node of instance ``i``, or -1
  for an artificial cell or an unplaced point process (then v reads 0.0, area
  100). A NET_RECEIVE that mentions v reads v[nd] on entry and writes it back
  on exit.
- ``t``: the exact event time (net_send delays are relative to it).
- ``w``: float64[nnetcon, nweights], the weight vectors of all NetCons;
  ``wr`` is the row of the NetCon the event carries (-1: none, as for a
  net_send from INITIAL). NET_RECEIVE argument k is ``w[wr, k]`` (read and
  written in place: the arguments are per-NetCon state).
- ``flag``: 0.0 for a NetCon event, the net_send value for a self-event.
- ``evb`` float64[cap, 4] and ``evn`` int64[2]: the *outbox* (layouts in
  records.py). net_send, net_event and net_move do not touch the queue; they
  append a row (OUTBOX_FIELDS: kind, time, flag, instance) with kind
  (OUTBOX_KINDS) OB_SEND = net_send (time = t + delay), OB_EVENT = net_event,
  OB_MOVE = net_move, and ``evn[EVN_COUNT]`` counts rows. The engine moves
  the rows into its queue after each call. ``evn[EVN_ERROR]`` reports errors
  (OUTBOX_ERRORS): OBERR_FULL outbox full, OBERR_NEGATIVE_DELAY net_send with
  a negative delay, OBERR_BEFORE_T net_event or net_move at a time before t.
- ``net_receive_init`` runs NET_RECEIVE's INITIAL block for one NetCon (row
  ``wr``) aimed at instance ``i``; it exists only if the block does.
- ``net_init`` is nrn_init for event mechanisms: the INITIAL block of all
  ``ntot`` instances (the first ``n`` are placed, ``nodeidx[:n]``; the rest are
  artificial or unplaced), with its net_sends going to the outbox. The plain
  ``nrn_init`` still exists but drops INITIAL's net_sends.

WATCH (NEURON 9.0.2's fixed-step behaviour, measured; tests/nmodl/test_watch_lag.py)::

    watch_check(n, ntot, data, nodeidx, v, area, gv, tbl, t, dt, celsius, evb, evn)

- item j of the file (``WATCH (a > b) flag``, numbered in order) has the condition
  ``_watch_cond_j`` = ``(a) - (b)`` (``a < b``: ``-((a) - (b))``) and two hidden rows:
  ``_watch_on_j`` (armed) and ``_watch_fl_j`` (the condition's last state);
- a WATCH statement: the first one a NET_RECEIVE call executes disarms all of the
  instance's items and writes an OB_UNWATCH row (the engine drops the instance's pending
  WATCH events); then each item is armed with its state = (condition >= -1e-11);
- ``watch_check`` runs at the start of every fixed step, with the values at t (after
  the NetCon thresholds): an armed item whose condition is > 0 while its state was
  false writes an OB_WATCH row (time t, its flag); the engine queues it as a self-event
  marked b = 1 (no weights: wr = -1); net_move never moves it;
- net_init disarms every item (finitialize); under CVODE the file is refused
  (``CVODE_OK = False``).

Module constants: ``HAS_NET_RECEIVE``, ``NET_RECEIVE_NARGS``,
``HAS_NET_RECEIVE_INIT``, ``USES_NET_EVENT``, ``HAS_WATCH``, ``WATCH_ITEMS``.

Random numbers (``scop_random()``, ``unirand()``, ``exprand(mean)``,
``normrand(mean, sd)``, ``set_seed(x)``) use numba's np.random generator (one
stream for the process; the engine reseeds it with 0 at every finitialize):
statistically right and reproducible, but not NEURON's Random123 numbers.
NEURON 9's ``RANDOM r`` with ``random_uniform(r)`` & co. (random.py) *are*
NEURON's numbers: per-instance Random123 streams (ranvier.core.philox).
"""

from __future__ import annotations

from . import ast
from .analysis import EVENT_CALLS, RANDOM_CALLS
from .analysis import fmt_float
from .codegen import CTX, Generator, _Scope, _ident, ion_ref
from .random import RANDOM_FUNCS, gen_call as random_gen_call, import_line as random_import_line
from .records import (EVN_FIELDS, OUTBOX_ERRORS, OUTBOX_FIELDS, OUTBOX_KINDS, constant_lines,
                      kernel_params)

_ORIGIN = "ranvier.nmodl.records.%s"


def needs_events(info):
    return info.net_receive is not None or bool(info.event_calls)


class EventGenerator(Generator):
    """codegen.Generator that also prints event calls and the event kernels."""

    def __init__(self, info, header=""):
        super().__init__(info, header)
        self.events_on = False     # True while printing code that has the outbox in scope

    def ref(self, name, scope):
        wm = getattr(scope, "weights", None)
        if wm and name in wm and name not in scope.names:
            return "_w[_wr, %d]" % wm[name]
        return super().ref(name, scope)

    def call(self, c, scope):
        n = c.name
        if n in EVENT_CALLS:
            args = [self.expr(a, scope) for a in c.args]
            if not self.events_on:
                return "0.0"       # plain nrn_init: events are dropped (net_init keeps them)
            if n == "net_send":
                return "_net_send(_evb, _evn, _i, _t, %s, %s)" % (args[0], args[1])
            if n == "net_event":
                return "_net_out(_evb, _evn, _i, _t, OB_EVENT, %s)" % args[0]
            return "_net_out(_evb, _evn, _i, _t, OB_MOVE, %s)" % args[0]
        if n in RANDOM_FUNCS:
            return random_gen_call(self, c, scope)
        if n in RANDOM_CALLS:
            args = [self.expr(a, scope) for a in c.args]
            if n in ("scop_random", "unirand"):
                return "np.random.random()"
            if n == "exprand":
                return "np.random.exponential(%s)" % args[0]
            if n == "normrand":
                return "np.random.normal(%s, %s)" % (args[0], args[1])
            return "_set_seed(%s)" % args[0]
        return super().call(c, scope)

    def stmts(self, body, scope, ind, mode=None):
        """codegen's statements, plus WATCH (in NET_RECEIVE: see gen_watch)."""
        if not any(isinstance(st, ast.Watch) for st in body):
            return super().stmts(body, scope, ind, mode)
        for st in body:
            if isinstance(st, ast.Watch):
                self.watch_stmt(st, ind)
            else:
                super().stmts([st], scope, ind, mode)

    def watch_stmt(self, st, ind):
        """WATCH (a > b) flag, ...: the first WATCH a NET_RECEIVE call executes disarms the
        instance's watches (and drops their pending events); each item is then armed, its
        state set to 'true' if the condition is >= -1e-11 now (a condition already true
        does not fire until it has been false)."""
        e = self.emit
        e(ind, "if _watch_rm == 0:", st.line)
        e(ind + 1, "_watch_clear(_data, _i, _evb, _evn)")
        e(ind, "_watch_rm += 1")
        for j in st.index:
            e(ind, "_data[R__watch_on_%d, _i] = 1.0" % j)
            e(ind, "_data[R__watch_fl_%d, _i] = 1.0 if _watch_cond_%d(%s) >= -1e-11 else 0.0"
                   % (j, j, CTX))

    def gen_watch(self):
        """The WATCH conditions, _watch_clear and the watch_check kernel (module docstring)."""
        info = self.info
        e = self.emit
        nw = len(info.watches)
        e(0, "")
        e(0, "")
        e(0, "HAS_WATCH = %s" % bool(nw))
        e(0, "WATCH_ITEMS = %d" % nw)
        if not nw:
            return
        e(0, "CVODE_OK = False")
        e(0, "CVODE_NOTE = 'WATCH is only supported with the fixed step method'")
        scope = _Scope()
        for j, (cond, flag, line) in enumerate(info.watches):
            a, b = self.expr(cond.left, scope), self.expr(cond.right, scope)
            e(0, "")
            e(0, "")
            e(0, "@_njit")
            e(0, "def _watch_cond_%d(%s):" % (j, CTX), line)
            e(1, '"""WATCH item %d: > 0 where its condition holds (as nocmodl writes it)."""' % j)
            if cond.op == ">":
                e(1, "return (%s) - (%s)" % (a, b))
            else:
                e(1, "return -((%s) - (%s))" % (a, b))
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _watch_out(_evb, _evn, _i, _t, _kind, _flag):")
        e(1, '"""A WATCH event at t (OB_WATCH) or the disarming of instance i (OB_UNWATCH)."""')
        e(1, "k = _evn[EVN_COUNT]")
        e(1, "if k >= _evb.shape[0]:")
        e(2, "_evn[EVN_ERROR] = OBERR_FULL")
        e(2, "return 0.0")
        e(1, "_evb[k, OB_KIND] = _kind")
        e(1, "_evb[k, OB_TIME] = _t")
        e(1, "_evb[k, OB_FLAG] = _flag")
        e(1, "_evb[k, OB_INST] = _i")
        e(1, "_evn[EVN_COUNT] = k + 1")
        e(1, "return 0.0")
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _watch_clear(_data, _i, _evb, _evn):")
        e(1, '"""Disarm every WATCH of instance i; its pending WATCH events are dropped."""')
        for j in range(nw):
            e(1, "_data[R__watch_on_%d, _i] = 0.0" % j)
        e(1, "_watch_out(_evb, _evn, _i, 0.0, float(OB_UNWATCH), 0.0)")
        e(1, "return 0.0")
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def watch_check(%s):" % kernel_params("watch_check"))
        e(1, '"""At the start of a fixed step (values at t): each armed WATCH whose condition')
        e(1, 'went from false to true queues its flag\'s self-event at t (no weights)."""')
        e(1, "for _i in range(ntot):")
        e(2, "if _i < n:")
        e(3, "_nd = nodeidx[_i]")
        e(3, "_v = v[_nd]")
        e(3, "_area = area[_nd]")
        e(2, "else:")
        e(3, "_v = 0.0")
        e(3, "_area = 100.0")
        for j, (cond, flag, line) in enumerate(info.watches):
            e(2, "if data[R__watch_on_%d, _i] != 0.0:" % j)
            e(3, "if _watch_cond_%d(data, _i, gv, tbl, _v, t, dt, celsius, _area) > 0.0:" % j)
            e(4, "if data[R__watch_fl_%d, _i] == 0.0:" % j)
            e(5, "data[R__watch_fl_%d, _i] = 1.0" % j)
            e(5, "_watch_out(evb, evn, _i, t, float(OB_WATCH), %s)" % fmt_float(flag))
            e(3, "else:")
            e(4, "data[R__watch_fl_%d, _i] = 0.0" % j)
        e(1, "return 0")

    def generate(self):
        info = self.info
        if info.net_receive is None and (info.event_calls & set(EVENT_CALLS)):
            raise info.error("net_send/net_event need a NET_RECEIVE block", 1)
        text = super().generate()
        self.lines = []
        self.events_on = True
        self.gen_event_helpers()
        self.emit(0, "IS_ARTIFICIAL = %s" % (info.kind == "artificial"))
        self.gen_watch()
        if info.net_receive is not None:
            self.gen_net_init()
            self.gen_net_receive()
        else:
            self.emit(0, "HAS_NET_RECEIVE = False")
            self.emit(0, "NET_RECEIVE_NARGS = 0")
            self.emit(0, "HAS_NET_RECEIVE_INIT = False")
            self.emit(0, "USES_NET_EVENT = False")
        return text + "\n".join(self.lines) + "\n"

    # ------------------------------------------------------------ pieces
    def gen_event_helpers(self):
        e = self.emit
        e(0, "")
        e(0, "")
        e(0, "# ---- network events (ranvier.nmodl.netreceive): see its docstring for the ABI")
        e(0, "# the outbox: columns of evb, values of its kind column, slots of evn, error codes")
        for prefix, fields, table in (("OB_", OUTBOX_FIELDS, "OUTBOX_FIELDS"),
                                      ("OB_", OUTBOX_KINDS, "OUTBOX_KINDS"),
                                      ("EVN_", EVN_FIELDS, "EVN_FIELDS"),
                                      ("OBERR_", OUTBOX_ERRORS, "OUTBOX_ERRORS")):
            for ln in constant_lines(prefix, fields, _ORIGIN % table):
                e(0, ln)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _net_send(_evb, _evn, _i, _t, _d, _flag):")
        e(1, '"""net_send(d, flag): a self-event at t + d, into the outbox."""')
        e(1, "if _d < 0.0:")
        e(2, "_evn[EVN_ERROR] = OBERR_NEGATIVE_DELAY")
        e(2, "return 0.0")
        e(1, "k = _evn[EVN_COUNT]")
        e(1, "if k >= _evb.shape[0]:")
        e(2, "_evn[EVN_ERROR] = OBERR_FULL")
        e(2, "return 0.0")
        e(1, "_evb[k, OB_KIND] = float(OB_SEND)")
        e(1, "_evb[k, OB_TIME] = _t + _d")
        e(1, "_evb[k, OB_FLAG] = _flag")
        e(1, "_evb[k, OB_INST] = _i")
        e(1, "_evn[EVN_COUNT] = k + 1")
        e(1, "return 0.0")
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _net_out(_evb, _evn, _i, _t, _kind, _te):")
        e(1, '"""net_event(te) / net_move(te), into the outbox."""')
        e(1, "if _te < _t:")
        e(2, "_evn[EVN_ERROR] = OBERR_BEFORE_T")
        e(2, "return 0.0")
        e(1, "k = _evn[EVN_COUNT]")
        e(1, "if k >= _evb.shape[0]:")
        e(2, "_evn[EVN_ERROR] = OBERR_FULL")
        e(2, "return 0.0")
        e(1, "_evb[k, OB_KIND] = _kind")
        e(1, "_evb[k, OB_TIME] = _te")
        e(1, "_evb[k, OB_FLAG] = 1.0")
        e(1, "_evb[k, OB_INST] = _i")
        e(1, "_evn[EVN_COUNT] = k + 1")
        e(1, "return 0.0")
        e(0, "")
        e(0, "")
        e(0, random_import_line())      # NEURON 9's RANDOM streams (random.py)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _set_seed(x):")
        e(1, '"""set_seed(x): reseed numba\'s generator (not NEURON\'s streams)."""')
        e(1, "np.random.seed(int(x))")
        e(1, "return 0.0")

    def gen_net_init(self):
        """_initial_ev (INITIAL with the outbox) and the net_init kernel."""
        e = self.emit
        start = len(self.lines)
        self.gen_initial()                       # codegen's INITIAL, now with events on
        for j in range(start, len(self.lines)):
            ln = self.lines[j]
            if ln.startswith("def _initial("):
                self.lines[j] = ln.replace("def _initial(", "def _initial_ev(", 1).replace(
                    "_area):", "_area, _evb, _evn):", 1)
                break
        else:  # pragma: no cover
            raise AssertionError("codegen.gen_initial printed no _initial")
        reads, writes = self._ion_copies()
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def net_init(%s):" % kernel_params("net_init"))
        e(1, '"""INITIAL of all ntot instances (the first n placed); net_sends go to the outbox."""')
        e(1, "for _i in range(ntot):")
        e(2, "if _i < n:")
        self.instance_prologue(3, reads)
        e(2, "else:")
        e(3, "_nd = -1")
        e(3, "_v = 0.0")
        e(3, "_area = 100.0")
        for j in range(len(self.info.watches)):      # finitialize disarms every WATCH
            e(2, "data[R__watch_on_%d, _i] = 0.0" % j)
            e(2, "data[R__watch_fl_%d, _i] = 0.0" % j)
        e(2, "_initial_ev(data, _i, gv, tbl, _v, t, dt, celsius, _area, evb, evn)")
        if writes:
            e(2, "if _nd >= 0:")
            for var, k, fld in writes:
                e(3, "%s = data[R_%s, _i]" % (ion_ref(k, fld), _ident(var)))

    def gen_net_receive(self):
        info = self.info
        e = self.emit
        b = info.net_receive
        names = [a.name for a in b.args]
        weights = {n: k for k, n in enumerate(names)}
        body = info.net_receive_body
        locs = self.locals_of(body)
        scope = _Scope(locs + ["flag"])
        scope.weights = weights
        writes_v = any(isinstance(st, ast.Assign) and isinstance(st.target, ast.Name)
                       and st.target.name == "v" for st in _walk(body))
        e(0, "")
        e(0, "")
        e(0, "HAS_NET_RECEIVE = True")
        e(0, "NET_RECEIVE_NARGS = %d" % len(names))
        e(0, "HAS_NET_RECEIVE_INIT = %s" % (info.net_receive_initial is not None))
        e(0, "USES_NET_EVENT = %s" % ("net_event" in info.event_calls))
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _net_receive(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, _w, _wr, u_flag, "
             "_evb, _evn):", b.line)
        e(1, '"""NET_RECEIVE(%s): t is the event time; returns v."""' % ", ".join(names))
        self.init_locals(locs, 1)
        if info.watches:
            e(1, "_watch_rm = 0    # WATCH statements executed by this call")
        self.stmts(body, scope, 1)
        e(1, "return _v")
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def net_receive(%s):" % kernel_params("net_receive"))
        e(1, '"""Deliver one event to instance i (see the netreceive module docstring)."""')
        e(1, "if nd >= 0:")
        e(2, "_v = v[nd]")
        e(2, "_area = area[nd]")
        e(1, "else:")
        e(2, "_v = 0.0")
        e(2, "_area = 100.0")
        e(1, "_v = _net_receive(data, i, gv, tbl, _v, t, dt, celsius, _area, w, wr, flag, evb, evn)")
        if writes_v:
            e(1, "if nd >= 0:")
            e(2, "v[nd] = _v")
        e(1, "return 0")
        ib = info.net_receive_initial
        if ib is not None:
            ilocs = self.locals_of(ib.body)
            iscope = _Scope(ilocs)
            iscope.weights = weights
            e(0, "")
            e(0, "")
            e(0, "@_njit")
            e(0, "def _net_receive_initial(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, _w, "
                 "_wr):", ib.line)
            e(1, '"""The INITIAL block of NET_RECEIVE, for one NetCon (row _wr)."""')
            self.init_locals(ilocs, 1)
            self.stmts(ib.body, iscope, 1)
            e(1, "return 0.0")
            e(0, "")
            e(0, "")
            e(0, "@_kernel")
            e(0, "def net_receive_init(%s):" % kernel_params("net_receive_init"))
            e(1, "if nd >= 0:")
            e(2, "_v = v[nd]")
            e(2, "_area = area[nd]")
            e(1, "else:")
            e(2, "_v = 0.0")
            e(2, "_area = 100.0")
            e(1, "_net_receive_initial(data, i, gv, tbl, _v, t, dt, celsius, _area, w, wr)")
            e(1, "return 0")


_walk = ast.walk_statements


def generate(info, header=""):
    """The kernel module for ``info``: codegen's, plus the event kernels if it needs them."""
    if not needs_events(info):
        from .codegen import generate as plain
        return plain(info, header)
    return EventGenerator(info, header).generate()
