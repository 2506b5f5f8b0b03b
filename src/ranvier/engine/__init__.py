"""The engine: a compiled view of the model and NEURON's fixed-step method.

`finitialize`, `fadvance` and `advance_until` are what h.finitialize,
h.fadvance and stdrun's continuerun call.  The model is laid out in matrix
order (build.py) and a generated numba stepper (codegen.py) runs whole run
segments, recording straight into buffers that are appended to the Vectors.
"""
import math
import weakref

import numpy as np

from ..model.clock import CLOCK
from ..model.store import NODES
from . import build


def _clock_field(name):
    return property(lambda self: getattr(CLOCK, name),
                    lambda self, value: setattr(CLOCK, name, value),
                    doc="the model clock's %s" % name)


class State:
    """The engine's compiled view and the model clock (h.t, h.dt, h.celsius,
    h.secondorder live in model.clock.CLOCK; they are reachable here too)."""

    t = _clock_field("t")
    dt = _clock_field("dt")
    celsius = _clock_field("celsius")
    secondorder = _clock_field("secondorder")

    def __init__(self):
        self.layout = build.Layout()
        self.cj = 1.0 / 0.025
        self.cj_dt = None
        self.records = []          # [(vector, pointer, Dt)] fixed at finitialize
        self.rec_arrays = None
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
    from ..model.store import ION_NAMES, ION_STYLE, ion_default
    ions = NODES.ions
    for k, on in enumerate(_estyle(lay)):
        if not on:
            continue
        nodes = np.nonzero(ions[k, ION_STYLE, : lay.nnode])[0]
        e0, ci, co = ion_default(ION_NAMES[k])
        ions[k, 3, nodes] = ci
        ions[k, 4, nodes] = co
        z = ions[k, ION_STYLE, nodes]
        ktf = (1000.0 * (1.380649e-23 * 6.02214076e23) * (state.celsius + 273.15)) / (
            1.602176634e-19 * 6.02214076e23)
        ions[k, 0, nodes] = [ktf / zz * math.log(co / ci) for zz in z]


def _mechs():
    return state.layout.mechs


def _stepper():
    from .codegen import stepper
    from . import events            # imports numba: only when a simulation runs
    names = [m.module_name for m, _, _ in _mechs()]
    ev = events.STATE.ensure(state.layout, _source_of)
    from .codegen import SPLIT_MIN_NODES
    return stepper(names, ev.active, state.layout.nnode >= SPLIT_MIN_NODES)


def _mech_arglist():
    args = []
    from ..model.store import ion_index
    for mech, ms, n in _mechs():
        ii = np.array([ion_index(ion[0]) for ion in mech.ions], dtype=np.int64)
        gv = _globals(mech)
        tb = _table(mech)
        args += [np.int64(n), ms.data, ms.nodeidx, ii, gv, tb]
    return args


_GLOBALS = {}
_TABLES = {}


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
    key, idx = ptr.locate()
    if key == "t":
        return 0, 0
    if key == "v":
        return 1, idx
    if key == "ions":
        return 2, idx
    name = key[1]
    for k, (mech, ms, n) in enumerate(_mechs()):
        if mech.name == name:
            return 3 + k, idx
    raise RuntimeError("recorded variable %s belongs to no active mechanism" % ptr.label)


def _resolve_records():
    n = len(state.records)
    src = np.zeros(n, dtype=np.int64)
    idx = np.zeros(n, dtype=np.int64)
    rdt = np.zeros(n)
    from ..core.errors import ModelError
    for r, (vec, ptr, Dt) in enumerate(state.records):
        try:
            src[r], idx[r] = _source_of(ptr)
        except (ModelError, KeyError):
            src[r], idx[r] = -1, 0          # target deleted since finitialize: records NaN
        rdt[r] = Dt if Dt else 0.0
    old = state.rec_arrays
    nxt = old[3] if old is not None and len(old[3]) == n else np.zeros(n)
    state.rec_arrays = [src, idx, rdt, nxt]


def _rec_buffers(nsteps):
    src, idx, rdt, nxt = state.rec_arrays
    n = len(src)
    cap = nsteps + 1
    for r in range(n):
        if rdt[r] > 0:
            cap = max(cap, int(nsteps * state.dt / rdt[r]) + 3)
    return np.zeros((n, cap)), np.zeros(n, dtype=np.int64)


def _flush(rbuf, rcnt):
    for r, (vref, ptr, Dt) in enumerate(state.records):
        vec = vref()
        if rcnt[r] and vec is not None:
            vec._extend(rbuf[r, : rcnt[r]])


def _collect_records():
    from ..data.vector import recording_vectors
    from ..core.errors import ModelError
    recs = []
    for vec in recording_vectors():
        ref, arg = vec._record
        Dt = arg if isinstance(arg, (int, float)) and not isinstance(arg, bool) else None
        try:
            ref.locate()
        except (ModelError, KeyError):
            vec._record = None          # its section or mechanism is gone, as in NEURON
            continue
        recs.append((weakref.ref(vec), ref, Dt))
    state.records = recs
    _resolve_records()


def finitialize(v=None):
    """NEURON's finitialize: t = 0, v (if given), INITIAL blocks, currents at t = 0."""
    lay = _ensure()
    state.t = 0.0
    _set_cj()
    st = _stepper()
    margs = _mech_arglist()
    st.check_tables(state.celsius, *margs)
    if v is not None:
        NODES.v[: lay.nnode] = float(v)
    init_ion_concentrations(lay)
    vv = NODES.v
    # INITIAL blocks (their net_sends queued), NetCon INITIALs, then the events at t = 0
    # (NUMERICS.md (c) 4-7; events.py)
    from . import events
    ev = events.STATE.ensure(lay, _source_of)
    ev.clear()
    if ev.active:
        events.rng_seed(0)          # noise restarts at every finitialize (NetStim: seed(0) in NEURON)
    evt = ev.ev()
    q, sb = st.init_mechs(vv, lay.area, NODES.ions, 0.0, state.dt, state.celsius, ev.q, ev.sb, evt,
                          *margs)
    if ev.active:
        st.init_netcons(vv, lay.area, 0.0, state.dt, state.celsius, evt, *margs)
        q, sb = st.deliver(0.0, q, sb, evt, vv, lay.area, state.dt, state.celsius, *margs)
    ev.q, ev.sb = q, sb
    ev.check()
    ev.flush()
    st.setup(np.int64(lay.ncell), np.int64(lay.nnode), vv, state.rhs, state.d, lay.a, lay.b,
             lay.parent, NODES.cm, lay.area, NODES.ions, _estyle(lay), 0.0, state.dt, state.cj,
             state.celsius, *margs)
    _collect_records()
    for vref, _, _ in state.records:
        vref()._clear()
    state.rec_arrays[3][:] = 0.0
    rbuf, rcnt = _rec_buffers(0)
    st.record(0.0, 0.0, True, *state.rec_arrays, rbuf, rcnt, vv, NODES.ions.reshape(-1),
              *_mech_flat())
    _flush(rbuf, rcnt)
    state.initialized = True
    return 1.0


def _advance(nmax, until, ts, nstep):
    lay = _ensure()
    if state.cj_dt != (state.dt, state.secondorder):
        _set_cj()
    if state.rec_arrays is None:
        state.rec_arrays = [np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.zeros(0)]
    st = _stepper()
    margs = _mech_arglist()
    rbuf, rcnt = _rec_buffers(nmax + nstep)
    from . import events
    ev = events.STATE.ensure(lay, _source_of)
    steps, t, q, sb = st.run(np.int64(nmax), bool(until), float(ts), np.int64(nstep), float(state.t),
                             float(state.dt), float(state.cj), float(state.celsius),
                             np.int64(state.secondorder), np.int64(lay.ncell), np.int64(lay.nnode),
                             NODES.v, state.rhs, state.d, lay.a, lay.b, lay.parent, NODES.cm,
                             lay.area, NODES.ions, _estyle(lay), NODES.ions.reshape(-1),
                             *state.rec_arrays, rbuf,
                             rcnt, bool(ev.active), ev.q, ev.sb, ev.ev(), *margs, *_mech_flat())
    state.t = t
    ev.q, ev.sb = q, sb
    _flush(rbuf, rcnt)
    ev.flush()
    ev.check()
    return steps


def fadvance():
    """One fixed step (NUMERICS.md (d))."""
    _advance(1, False, 0.0, 1)
    return 0.0


def advance_until(tstop, nstep=1):
    """stdrun's continuerun loop: step() (= nstep fadvances) while t < tstop - dt/2 (fuzzy)."""
    ts = tstop - state.dt / 2
    if not state.t < ts - 1e-11:
        return 0
    nmax = (int(math.ceil((ts - state.t) / (state.dt * nstep))) + 2) * nstep
    total = 0
    while True:
        steps = _advance(nmax, True, ts, nstep)
        total += steps
        if steps < nmax or not state.t < ts - 1e-11:
            break
    return total


def fcurrent():
    """NEURON's fcurrent(): evaluate every current and conductance at the present v and t
    (one matrix setup, no solve, v unchanged)."""
    lay = _ensure()
    if state.cj_dt != (state.dt, state.secondorder):
        _set_cj()
    st = _stepper()
    margs = _mech_arglist()
    st.check_tables(state.celsius, *margs)
    st.setup(np.int64(lay.ncell), np.int64(lay.nnode), NODES.v, state.rhs, state.d, lay.a, lay.b,
             lay.parent, NODES.cm, lay.area, NODES.ions, _estyle(lay), float(state.t), state.dt, state.cj,
             state.celsius, *margs)
    return 1.0
