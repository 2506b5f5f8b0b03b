"""The engine: a compiled view of the model and NEURON's fixed-step method.

`finitialize`, `fadvance` and `advance_until` are what h.finitialize,
h.fadvance and stdrun's continuerun call.  The model is laid out in matrix
order (build.py) and a generated numba stepper (codegen.py) runs whole run
segments, recording straight into buffers that are appended to the Vectors.

The stepper's arguments are built from named records (records.py: MechArgs,
NodeArrays, Clock, RecArrays, RunControl, EventArgs) and flattened in one
place (records.Signature.args).  finitialize refuses NaN/Inf inputs and a run
stops after a step that made v NaN or infinite (guards.py); continuerun runs in
compiled calls of bounded wall time so that Ctrl-C stops it at a step boundary
(chunks.py); dt must be positive and finite on every route.
"""
import math
import weakref

import numpy as np

from ..core.errors import ModelError
from ..model.clock import CLOCK
from ..model.store import NODES
from . import build, chunks, guards, play
from .records import (CHECK_TABLES, DELIVER, INIT_MECHS, INIT_NETCONS, PLAY, RECORD, RUN, RUN_OK, SETUP,
                      SRC_CELSIUS, SRC_IONS, SRC_MECH, SRC_NONE, SRC_T, SRC_V, Clock, EventArgs, MechArgs,
                      NodeArrays, RecArrays, RecTargets, RunControl, RunResult)


def _clock_field(name):
    return property(lambda self: getattr(CLOCK, name),
                    lambda self, value: setattr(CLOCK, name, value),
                    doc="the model clock's %s" % name)


def _set_dt(self, value):
    value = float(value)
    if not (value > 0.0 and math.isfinite(value)):
        raise ModelError("dt must be positive and finite, got %r" % value)
    CLOCK.dt = value


class State:
    """The engine's compiled view and the model clock (h.t, h.dt, h.celsius,
    h.secondorder live in model.clock.CLOCK; they are reachable here too)."""

    t = _clock_field("t")
    dt = property(lambda self: CLOCK.dt, _set_dt, doc="the model clock's dt (> 0)")
    celsius = _clock_field("celsius")
    secondorder = _clock_field("secondorder")

    def __init__(self):
        self.layout = build.Layout()
        self.cj = 1.0 / 0.025
        self.cj_dt = None
        self.records = []          # [(vector, pointer, Dt)] fixed at finitialize
        self.rec_arrays = None     # records.RecTargets of state.records
        self.points_checked = None  # the geometry version whose 3-D points guards.py checked
        self.stepper_mechs = None  # the layout's mechanism list the stepper was made for,
        self.stepper_options = None  # its (events_on, large),
        self.stepper = None        # and the stepper module
        self.rhs = np.zeros(0)
        self.d = np.zeros(0)
        self.initialized = False


state = State()


def _ensure():
    lay = state.layout
    if build.ensure(lay):
        n = lay.nnode
        state.rhs = np.zeros(n)
        state.d = np.zeros(n)
        play.TABLE.stale()
        if state.records:
            _resolve_records()
    return lay


def _estyle(lay):
    e = lay.estyle
    if e.shape[0] != NODES.ions.shape[0]:
        e = np.zeros(NODES.ions.shape[0], dtype=np.int64)
        e[: lay.estyle.shape[0]] = lay.estyle
        lay.estyle = e
    return e


def init_ion_concentrations(lay):
    """finitialize's ion INITIAL: where concentrations are written, they restart from the
    defaults and e follows them (Nernst)."""
    from ..model.store import ION_CI, ION_CO, ION_E, ION_NAMES, ION_STYLE, ion_default
    ions = NODES.ions
    for k, on in enumerate(_estyle(lay)):
        if not on:
            continue
        nodes = np.nonzero(ions[k, ION_STYLE, : lay.nnode])[0]
        e0, ci, co = ion_default(ION_NAMES[k])
        ions[k, ION_CI, nodes] = ci
        ions[k, ION_CO, nodes] = co
        z = ions[k, ION_STYLE, nodes]
        ktf = (1000.0 * (1.380649e-23 * 6.02214076e23) * (state.celsius + 273.15)) / (
            1.602176634e-19 * 6.02214076e23)
        ions[k, ION_E, nodes] = [ktf / zz * math.log(co / ci) for zz in z]


def _mechs():
    return state.layout.mechs


def _stepper():
    from . import codegen, events   # imports numba: only when a simulation runs
    lay = state.layout
    ev = events.STATE.ensure(lay, _source_of)
    options = (ev.active, lay.nnode >= codegen.SPLIT_MIN_NODES)     # events_on, large
    # lay.mechs is a new list whenever the layout is rebuilt (build.reorder); state keeps it
    if state.stepper_mechs is not lay.mechs or state.stepper_options != options:
        state.stepper_mechs, state.stepper_options = lay.mechs, options
        state.stepper = codegen.stepper([m.module_name for m, _, _ in lay.mechs], *options)
    return state.stepper


def _ionidx(mech):
    """The ions array's first index of each ion mech uses (ions are never renumbered)."""
    ii = _IONIDX.get(mech)
    if ii is None:
        from ..model.store import ion_index
        ii = _IONIDX[mech] = np.array([ion_index(ion[0]) for ion in mech.ions], dtype=np.int64)
    return ii


def _mech_arglist():
    """One records.MechArgs per mechanism of the layout, in the stepper's order."""
    return [MechArgs(n=n, data=ms.data, nodeidx=ms.nodeidx, ionidx=_ionidx(mech),
                     gv=_globals(mech), tbl=_table(mech))
            for mech, ms, n in state.layout.mechs]


def _node_arrays(lay):
    """records.NodeArrays of the layout (the node arrays in matrix order)."""
    return NodeArrays(ncell=lay.ncell, nnode=lay.nnode, v=NODES.v,
                      rhs=state.rhs, d=state.d, a=lay.a, b=lay.b, parent=lay.parent, cm=NODES.cm,
                      area=lay.area, ions=NODES.ions, estyle=_estyle(lay))


def _clock(t):
    return Clock(t=float(t), dt=float(state.dt), cj=float(state.cj), celsius=float(state.celsius))


def _check_dt(where):
    dt = state.dt
    if not (dt > 0.0 and math.isfinite(dt)):
        raise ModelError("%s: dt must be positive and finite, got %r" % (where, dt))


# Hooks that higher layers attach (the engine imports nothing above it):
#   "finitialize": f(kind) runs the FInitializeHandlers of type kind (3, 0, 1, 2) at
#                  their points of finitialize (library/finithandler.py);
#   "statement":   f(text) executes a HOC statement (a CVode.event callback given as text);
#   "stop":        f() -> true when the run must stop (stdrun's stoprun);
#   "nonvint":     an object for states outside the cable equation (rxd): .active() ->
#                  true when it has something to do; .init() in finitialize after the ion
#                  concentrations and before INITIAL; .currents() after each matrix setup
#                  (adds its membrane currents); .step() after the mechanisms' states of
#                  each fixed step, before the step's records.  While active, runs go one
#                  step per compiled call (records of the ions array are resampled after
#                  .step()).
#   "prestep":     an object checked at the start of every fixed step, where NEURON
#                  checks its threshold conditions (StateTransitionEvent): .active() ->
#                  true when it has conditions to check; .check() before each step (the
#                  previous step's t, states and records done).  While active, runs go
#                  one step per compiled call.
#   "afterstep":   an object run at the end of every fixed step, t = t + dt, after the
#                  nonvint step and before the step's records are final (HOC mechanisms'
#                  after_step, library/hocmech.py): .active(), .step(); the last sample of
#                  every every-step record is then read again.  While active, runs go one
#                  step per compiled call.
HOOKS = {"finitialize": None, "statement": None, "stop": None, "nonvint": None,
         "prestep": None, "afterstep": None}


def _nonvint():
    f = HOOKS["nonvint"]
    return f if f is not None and f.active() else None


def set_hook(name, fn):
    """Attach (or with None detach) hook `name` (see HOOKS)."""
    if name not in HOOKS:
        raise KeyError("engine hook %r does not exist (hooks: %s)" % (name, ", ".join(HOOKS)))
    HOOKS[name] = fn


def _fih(kind):
    f = HOOKS["finitialize"]
    if f is not None:
        f(kind)


def _stop_requested():
    f = HOOKS["stop"]
    return bool(f()) if f is not None else False


# CVode.event callbacks (Python callables or HOC statements) on the fixed step: a heap of
# [te, seq, callback]; a callback runs after the step whose end t reaches te (cvode.py).
PY_EVENTS = []
_PY_SEQ = [0]


def add_py_event(te, callback):
    """Queue callback (a callable, a HOC statement or None) to run once t >= te."""
    import heapq
    _PY_SEQ[0] += 1
    heapq.heappush(PY_EVENTS, (float(te), _PY_SEQ[0], callback))


def _deliver_py_events(t):
    """Run, in time order, every queued callback with te <= t (callbacks may queue more)."""
    import heapq
    while PY_EVENTS and PY_EVENTS[0][0] <= t:
        _, _, cb = heapq.heappop(PY_EVENTS)
        if cb is None:
            continue
        if isinstance(cb, str):
            f = HOOKS["statement"]
            if f is None:
                raise ModelError("CVode.event: no HOC interpreter to run %r" % cb)
            f(cb)
        else:
            cb()


_GLOBALS = {}
_IONIDX = {}      # mechanism -> its ions' indices in the ions array
_TABLES = {}


def reset():
    """The engine's part of ranvier.reset(): no compiled view of the old model, no
    recordings, an empty event queue, mechanism GLOBALs back to their defaults
    (with their TABLEs, which are rebuilt from them), variable step off with
    NEURON's default tolerances.  Kept: the compiled kernels and steppers (a cache)
    and _IONIDX (ions stay registered, so their indices stay valid)."""
    state.__init__()
    play.reset()
    PY_EVENTS.clear()
    _PY_SEQ[0] = 0
    _GLOBALS.clear()
    _TABLES.clear()
    import sys
    for name in ("events", "cvode", "extra_eqn"):   # reset only what was imported
        module = sys.modules.get(__name__ + "." + name)
        if module is not None:
            module.reset()


def _globals(mech):
    g = _GLOBALS.get(mech.name)
    if g is None:
        g = _GLOBALS[mech.name] = np.array(mech.global_defaults, dtype=float)
        if g.size == 0:
            g = _GLOBALS[mech.name] = np.zeros(1)
    return g


def mech_globals(mech):
    """The global-variable vector of mechanism `mech` (shared with the kernels)."""
    return _globals(mech)


def mech_table(mech):
    """The TABLE array of mechanism `mech` (shared with the kernels)."""
    return _table(mech)


def _table(mech):
    t = _TABLES.get(mech.name)
    if t is None:
        r, c = mech.table_shape
        t = _TABLES[mech.name] = np.zeros((max(r, 1), max(c, 1)))
    return t


def _mech_flat():
    return [ms.data.reshape(-1) for _, ms, _ in _mechs()]


def _set_cj():
    state.cj = (2.0 / state.dt) if state.secondorder else (1.0 / state.dt)
    state.cj_dt = (state.dt, state.secondorder)


def _source_of(ptr):
    """(value code, flat index) of what pointer ptr names (records.SOURCE_KINDS)."""
    if getattr(ptr, "kind", None) == "var" and getattr(ptr, "label", None) == "celsius":
        return SRC_CELSIUS, 0
    key, idx = ptr.locate()
    if key == "t":
        return SRC_T, 0
    if key == "v":
        return SRC_V, idx
    if key == "ions":
        return SRC_IONS, idx
    name = key[1]
    for k, (mech, ms, n) in enumerate(_mechs()):
        if mech.name == name:
            return SRC_MECH + k, idx
    raise RuntimeError("recorded variable %s belongs to no active mechanism" % ptr.label)


def _resolve_records():
    n = len(state.records)
    src = np.zeros(n, dtype=np.int64)
    idx = np.zeros(n, dtype=np.int64)
    rdt = np.zeros(n)
    times = [Dt for _, _, Dt in state.records if isinstance(Dt, np.ndarray)]
    rtime = np.zeros((n, max([len(x) for x in times] + [1])))
    rtn = np.zeros(n, dtype=np.int64)
    from ..core.errors import ModelError
    for r, (vec, ptr, Dt) in enumerate(state.records):
        try:
            src[r], idx[r] = _source_of(ptr)
        except (ModelError, KeyError):
            src[r], idx[r] = SRC_NONE, 0    # target deleted since finitialize: records NaN
        if isinstance(Dt, np.ndarray):      # a time Vector (-1 marks it for the kernels)
            rdt[r] = -1.0
            rtime[r, : len(Dt)] = Dt
            rtn[r] = len(Dt)
        else:
            rdt[r] = Dt if Dt else 0.0
    old = state.rec_arrays
    same = old is not None and len(old.rnext) == n
    nxt = old.rnext if same else np.zeros(n)
    rtk = old.rtk if same else np.zeros(n, dtype=np.int64)
    state.rec_arrays = RecTargets(rsrc=src, ridx=idx, rdt=rdt, rnext=nxt, rtime=rtime, rtn=rtn,
                                  rtk=rtk)


def _rec_buffers(nsteps):
    """records.RecArrays for a call of at most nsteps steps: the record targets and an
    empty buffer that holds every sample they can take."""
    tg = state.rec_arrays
    n = len(tg.rsrc)
    cap = nsteps + 1
    for r in range(n):
        if tg.rdt[r] > 0:
            cap = max(cap, int(nsteps * state.dt / tg.rdt[r]) + 3)
        elif tg.rdt[r] < 0:
            cap = max(cap, int(tg.rtn[r] - tg.rtk[r]) + 1)
    return RecArrays(*tg, rbuf=np.zeros((n, cap)), rcnt=np.zeros(n, dtype=np.int64))


def _flush(recs):
    rbuf, rcnt = recs.rbuf, recs.rcnt
    for r, (vref, ptr, Dt) in enumerate(state.records):
        vec = vref()
        if rcnt[r] and vec is not None:
            vec._extend(rbuf[r, : rcnt[r]])


def _collect_records():
    from ..data.vector import recording_vectors
    from ..core.errors import ModelError
    from ..data.vector import Vector
    recs = []
    for vec in recording_vectors():
        ref, arg = vec._record
        if isinstance(arg, Vector):     # its times, as NEURON takes them at finitialize
            Dt = np.array(arg._buf[: arg._n], dtype=float)
        else:
            Dt = arg if isinstance(arg, (int, float)) and not isinstance(arg, bool) else None
        try:
            _source_of(ref) if getattr(ref, "kind", None) == "var" else ref.locate()
        except (ModelError, KeyError, TypeError):
            vec._record = None          # its section or mechanism is gone, as in NEURON
            continue
        recs.append((weakref.ref(vec), ref, Dt))
    state.records = recs
    _resolve_records()


def _restart_records(t, lim):
    """Empty the recording Vectors and restart them at t: every-step records take their
    value now, Dt records are due from t on, time-Vector records from their first time;
    those due by lim are taken now."""
    _collect_records()
    for vref, _, _ in state.records:
        vref()._clear()
    state.rec_arrays.rnext[:] = t
    state.rec_arrays.rtk[:] = 0
    recs = _rec_buffers(0)
    _stepper().record(*RECORD.args(t, lim, True, t, recs, NODES.v, NODES.ions.reshape(-1),
                                   float(state.celsius), _mech_flat()))
    _flush(recs)


def frecord_init():
    """NEURON's frecord_init: restart the recordings from the present t and states (after
    changing states by hand since finitialize); the samples taken so far are discarded.
    Returns 1.0."""
    if not state.initialized:
        return finitialize()
    _ensure()
    # the Dt and time-Vector samples due now are taken at the next step's start, as NEURON
    # delivers them (lim = -inf: none now)
    _restart_records(float(state.t), -math.inf)
    return 1.0


def finitialize(v=None):
    """NEURON's finitialize: t = 0, v (if given), INITIAL blocks, currents at t = 0.

    Raises ModelError (a ValueError) if dt is not positive, or if a value the
    simulation starts from is NaN or infinite (guards.check_inputs)."""
    chunks.INTERRUPTS.enter()
    try:
        return _finitialize(v)
    finally:
        chunks.INTERRUPTS.leave()


def _finitialize(v):
    if v is not None:
        v = float(v)
    _check_dt("finitialize")
    lay = _ensure()
    if v is not None and not math.isfinite(v):
        raise ModelError("finitialize: the initial v must be finite, got %r" % v)
    _fih(3)                         # FInitializeHandler type 3: the previous run's t and states
    lay = _ensure()
    state.t = 0.0
    PY_EVENTS.clear()               # the event queue is cleared (events from type 3 are lost)
    _set_cj()
    st = _stepper()
    pa = play.TABLE.build(_source_of, keep=False)
    if pa.pon:                      # the played values at t = 0
        state.celsius = st.play(*PLAY.args(0.0, 2, float(state.celsius), pa, NODES.v,
                                           NODES.ions.reshape(-1), _mech_flat()))
    from ..data.rng import apply_random_plays
    apply_random_plays()            # Random.play: a sample at t = 0, before INITIAL (data.rng)
    if v is not None:
        NODES.v[: lay.nnode] = v
    _fih(0)                         # type 0: after v = v_init, before INITIAL
    lay = _ensure()
    st = _stepper()
    mechs = _mech_arglist()
    init_ion_concentrations(lay)
    nv = _nonvint()
    if nv is not None:
        nv.init()
    from ..model import mechanisms as _mechreg, pointer as _pointer, section as _section, store as _store
    _pointer.resolve_pointer_vars(_store.live_point_processes(), _section.allsec(),
                                  _mechreg.get)      # NMODL POINTER targets -> (code, index)
    guards.check_inputs(state, lay, mechs, st)
    st.check_tables(*CHECK_TABLES.args(state.celsius, state.dt, mechs))
    vv = NODES.v
    # INITIAL blocks (their net_sends queued), NetCon INITIALs, then the events at t = 0
    # (NUMERICS.md (c) 4-7; events.py)
    from . import events
    ev = events.STATE.ensure(lay, _source_of)
    ev.clear()
    if ev.active:
        events.rng_seed(0)          # noise restarts at every finitialize (NetStim: seed(0) in NEURON)
    evt = ev.ev()
    q, sb = st.init_mechs(*INIT_MECHS.args(vv, lay.area, NODES.ions, 0.0, state.dt, state.celsius,
                                           ev.q, ev.sb, evt, mechs))
    if ev.active:
        st.init_netcons(*INIT_NETCONS.args(vv, lay.area, 0.0, state.dt, state.celsius, evt, mechs))
    if HOOKS["finitialize"] is not None:
        ev.q, ev.sb = q, sb
        _fih(1)                     # type 1 and the default handlers: after INITIAL
        q, sb = ev.q, ev.sb
    _deliver_py_events(0.0)         # events at t = 0 queued by types 0 and 1
    if ev.active:
        q, sb = st.deliver(*DELIVER.args(0.0, q, sb, evt, vv, lay.area, state.dt, state.celsius,
                                         mechs))
    ev.q, ev.sb = q, sb
    ev.check()
    ev.flush()
    from . import extra_eqn
    if extra_eqn.active(lay):       # LinearMechanism y, extracellular vext (extra_eqn.py)
        extra_eqn.init(state, lay)
    st.setup(*SETUP.args(_node_arrays(lay), _clock(0.0), mechs))
    if nv is not None:
        nv.currents()
    _restart_records(0.0, 0.0)
    state.initialized = True
    _fih(2)                         # type 2: after the records' t = 0 sample
    return 1.0


def _advance(nmax, until, ts, nstep):
    """One compiled call: at most nmax steps (see codegen's run); returns the steps taken.
    Raises SimulationError after a step that left some v NaN or infinite (the step is
    complete: t, the records and the events are those at its end), KeyboardInterrupt
    after the call if SIGINT came during it (chunks.INTERRUPTS)."""
    chunks.INTERRUPTS.enter()
    try:
        return _advance_call(nmax, until, ts, nstep)
    finally:
        chunks.INTERRUPTS.leave()


def _advance_call(nmax, until, ts, nstep):
    nv = _nonvint()
    from ..data.rng import apply_random_plays, random_plays
    rplay = bool(random_plays())    # Random.play: a new sample before each step (data.rng)
    ps = HOOKS["prestep"]
    if ps is not None and not ps.active():
        ps = None
    aft = HOOKS["afterstep"]
    if aft is not None and not aft.active():
        aft = None
    if nv is None and not rplay and ps is None and aft is None:
        return _advance_steps(nmax, until, ts, nstep, None)
    # one compiled step per call, the nonvint states advanced between (HOOKS)
    steps = 0
    while steps < nmax:
        if until and not (state.t < ts - 1e-11):
            break
        for _ in range(nstep):
            if ps is not None:
                ps.check()
            if rplay:
                apply_random_plays()
            steps += _advance_steps(1, False, ts, 1, nv, aft)
    return steps


def _resample_ions(recs):
    """After a nonvint step: the last sample of each every-step record of the ions
    array takes the value the step left there."""
    flat = NODES.ions.reshape(-1)
    for r in range(len(recs.rsrc)):
        if recs.rsrc[r] == SRC_IONS and recs.rdt[r] == 0 and recs.rcnt[r] > 0:
            recs.rbuf[r, recs.rcnt[r] - 1] = flat[recs.ridx[r]]


def _resample_all(recs):
    """After an afterstep hook: the last sample of each every-step record is read again."""
    for r, (_, ptr, _) in enumerate(state.records):
        if recs.rdt[r] == 0 and recs.rcnt[r] > 0 and recs.rsrc[r] != SRC_T:
            try:
                recs.rbuf[r, recs.rcnt[r] - 1] = float(ptr[0])
            except (TypeError, ValueError, IndexError, ReferenceError):
                continue                # a target that cannot be read here keeps its sample


def _advance_steps(nmax, until, ts, nstep, nv, aft=None):
    _check_dt("fadvance")
    lay = _ensure()
    if state.cj_dt != (state.dt, state.secondorder):
        _set_cj()
    if state.rec_arrays is None:
        state.rec_arrays = RecTargets(rsrc=np.zeros(0, np.int64), ridx=np.zeros(0, np.int64),
                                      rdt=np.zeros(0), rnext=np.zeros(0), rtime=np.zeros((0, 1)),
                                      rtn=np.zeros(0, np.int64), rtk=np.zeros(0, np.int64))
    st = _stepper()
    recs = _rec_buffers(nmax + nstep)
    pa = play.TABLE.current(_source_of)
    from . import events
    ev = events.STATE.ensure(lay, _source_of)
    t0 = state.t
    from . import extra_eqn
    if extra_eqn.active(lay):       # LinearMechanism, extracellular: a sparse solve per step
        steps, status = extra_eqn.advance(state, st, lay, int(nmax), bool(until), float(ts),
                                          int(nstep), recs, pa, ev, _mech_arglist(), _mech_flat(),
                                          _node_arrays(lay))
        res = RunResult(steps, state.t, ev.q, ev.sb, status)
    else:
        res = RunResult(*st.run(*RUN.args(
            RunControl(nmax=int(nmax), until=bool(until), ts=float(ts), nstep=int(nstep),
                       secondorder=int(state.secondorder)),
            _clock(state.t), _node_arrays(lay), NODES.ions.reshape(-1), recs,
            EventArgs(evon=bool(ev.active), q=ev.q, sb=ev.sb, ev=ev.ev()), pa,
            _mech_arglist(), _mech_flat())))
    state.t = res.t
    if pa.pon:
        state.celsius = float(pa.pcel[0])
    ev.q, ev.sb = res.q, res.sb
    if nv is not None and res.steps:
        nv.currents()
        nv.step()
        _resample_ions(recs)
    if aft is not None and res.steps:
        t1, state.t = state.t, t0       # HOC's t there is still the step's start (NEURON 9.0.2)
        try:
            aft.step()
        finally:
            state.t = t1
        _resample_all(recs)
    _flush(recs)
    ev.flush()
    ev.check()
    if res.status != RUN_OK:
        guards.raise_nonfinite(state, lay)
    return res.steps


def fadvance():
    """One fixed step (NUMERICS.md (d))."""
    _advance(1, False, 0.0, 1)
    if PY_EVENTS:
        _deliver_py_events(state.t)
    return 0.0


def advance_until(tstop, nstep=1):
    """stdrun's continuerun loop: step() (= nstep fadvances) while t < tstop - dt/2 (fuzzy).

    The steps run in compiled calls of bounded wall time (chunks.py), so that Ctrl-C
    stops the run at a step boundary, with every recording up to there kept."""
    tstop = float(tstop)
    if not tstop >= 0.0:
        raise ModelError("continuerun: tstop must be a number >= 0, got %r" % tstop)
    _check_dt("continuerun")
    ts = tstop - state.dt / 2
    if not state.t < ts - 1e-11:
        return 0
    if not PY_EVENTS:
        nmax = (int(math.ceil((ts - state.t) / (state.dt * nstep))) + 2) * nstep
        return chunks.run_chunked(_advance, nmax, ts, nstep, state)
    # CVode.event callbacks: compiled runs up to each event time, the callback in Python
    total = 0
    while state.t < ts - 1e-11:
        target = ts
        if PY_EVENTS and PY_EVENTS[0][0] + 1e-11 < target:
            # run while t < te; an event already due runs after the next step (as NEURON)
            target = max(PY_EVENTS[0][0], state.t + 0.5 * state.dt) + 1e-11
        nmax = (int(math.ceil((target - state.t) / (state.dt * nstep))) + 2) * nstep
        total += chunks.run_chunked(_advance, nmax, target, nstep, state)
        if PY_EVENTS:
            _deliver_py_events(state.t)
        if _stop_requested():
            break
    return total


def fcurrent():
    """NEURON's fcurrent(): evaluate every current and conductance at the present v and t
    (one matrix setup, no solve, v unchanged)."""
    _check_dt("fcurrent")
    lay = _ensure()
    if state.cj_dt != (state.dt, state.secondorder):
        _set_cj()
    st = _stepper()
    mechs = _mech_arglist()
    st.check_tables(*CHECK_TABLES.args(state.celsius, state.dt, mechs))
    st.setup(*SETUP.args(_node_arrays(lay), _clock(state.t), mechs))
    return 1.0
