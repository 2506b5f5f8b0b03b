"""Run control (what NEURON's stdrun.hoc provides), on the compiled engine.

tstop, v_init, steps_per_ms, stoprun, realtime; stdinit(), setdt(), init(),
run(), continuerun(t), step().  continuerun's loop runs in compiled code:
one call per run segment, with stdrun's fuzzy stop rule (NUMERICS.md (g)).
"""
import sys
import time

from .. import engine
from .. import model
from ..data.vector import Vector
from .lists import List

VARS = {"tstop": 5.0, "v_init": -65.0, "steps_per_ms": 40.0, "stoprun": 0.0,
        "realtime": 0.0, "running_": 0.0, "stdrun_quiet": 0.0, "using_cvode_": 0.0,
        "nstep_steprun": 1.0,
        # stdrun.hoc's other top-level variables (ModelDB demos read n_graph_lists)
        "n_graph_lists": 4.0, "eventcount": 0.0, "eventslow": 1.0, "global_ra": 35.4,
        "coreneuronrunning_": 0.0,
        # the RunControl panel's fields (session files set them)
        "runStopAt": 5.0, "runStopIn": 1.0, "screen_update_invl": 0.05, "rtstart": 0.0}
UNITS = {"tstop": "ms", "v_init": "mV", "realtime": "s"}     # h.units() of the VARS that have one
_state = {"loaded": False}


def _call(name, *args):
    """Call stdrun procedure `name`, or the HOC redefinition of it if a model made one
    (legacy models redefine init(), advance(), step(), ... and run() must use them)."""
    override = user_override(name)
    if override is not None:
        return override(*args)
    return FUNCTIONS[name](*args)


def _redefined(*names):
    return any(user_override(n) is not None for n in names)


def user_override(name):
    """A HOC redefinition of a stdrun procedure (init, advance, ...), if any.
    Only an interpreter that already exists can hold one: none is created here."""
    hoc = sys.modules.get("ranvier.hoc")
    interp = getattr(hoc, "_INSTANCE", None)
    if interp is not None and interp.has(name):
        return interp.get(name)
    return None


def loaded():
    return _state["loaded"]


# Objects NEURON's own library files create (and keep) when loaded, so that a model's
# first `new List()` after load_file("nrngui.hoc") is List[8] as in NEURON.
# nrngui.hoc's nrnmainmenu() also makes PWManager[0] (models read PWManager[0].count);
# noload.hoc and stdgui.hoc load stdrun.hoc without the main menu.
_LIBRARY_OBJECTS = {"stdrun.hoc": {"List": 6},
                    "nrngui.hoc": {"List": 8, "Vector": 3, "PWManager": 1},
                    "noload.hoc": {"List": 6},
                    "stdgui.hoc": {"List": 6}}
_library_objects = []
_LIBRARY_CLASSES = {"List": List, "Vector": Vector}
_VARS_DEFAULTS = dict(VARS)

# The GUI's hooks (library/graphics/runloop.py attaches them; None: nothing extra runs).
# load(name) after a library file loads; init() at the end of stdinit (stdrun's
# initPlot); advance(tstop, nstep) -> True when it ran continuerun's fixed-step loop
# itself (in chunks of whole steps, so the same steps: live graphs, progress, Stop);
# done() at the end of continuerun.
HOOKS = {"load": None, "init": None, "advance": None, "done": None}
engine.set_hook("stop", lambda: VARS["stoprun"])   # a CVode.event callback's stoprun = 1
from . import finithandler  # noqa: E402,F401  (attaches the engine's finitialize/statement hooks)


def reset():
    """ranvier.reset(): stdrun.hoc not loaded (h.tstop unknown until load_file), its
    variables back to their defaults (tstop 5, v_init -65, steps_per_ms 40, ...), the
    objects loading it made dropped (a later load makes List[0]..List[5] again)."""
    VARS.clear()
    VARS.update(_VARS_DEFAULTS)
    _state["loaded"] = False
    _library_objects.clear()


def load(name="stdrun.hoc"):
    """load_file of ranvier's stdrun/nrngui equivalents (once each, as NEURON's are)."""
    _state["loaded"] = True
    for template, count in _LIBRARY_OBJECTS.get(name, {}).items():
        have = sum(1 for o in _library_objects if o.hname().startswith(template + "["))
        if template not in _LIBRARY_CLASSES:    # PWManager: graphics registers it
            continue
        for _ in range(count - have):
            _library_objects.append(_LIBRARY_CLASSES[template]())
    _bind_cvode()
    if HOOKS["load"] is not None:
        HOOKS["load"](name)
    return 1.0


def _bind_cvode():
    """stdrun.hoc's `objref cvode` (cvode = new CVode()): a HOC object variable, so that
    legacy code can write cvode.active(1); the same object as Python's h.cvode."""
    hoc = sys.modules.get("ranvier.hoc")
    interp = getattr(hoc, "_INSTANCE", None)
    if interp is None:
        return
    # stdrun.hoc's top-level strdefs (ModelDB demos sprint into tstr undeclared)
    for name in ("tstr", "temp_string_", "temp_string2_"):
        if not interp.has(name):
            interp.declare("strdef", [(name, [])], "top", None)
    if interp.has("cvode"):
        return
    interp.declare("objref", [("cvode", [])], "top", None)
    interp.set("cvode", _cvode().stdrun_cvode())


def setdt():
    """Make dt divide 1/steps_per_ms (NEURON prints 'Changed dt' when it must)."""
    spm = VARS["steps_per_ms"]
    if not 0.0 < spm < float("inf"):
        from ..core.errors import ModelError
        raise ModelError("setdt: steps_per_ms must be positive and finite, got %r" % spm)
    dt = engine.state.dt
    Dt = 1.0 / spm
    nstep = int(Dt / dt + 1e-11) if Dt / dt > 0 else 0
    nstep = max(1, nstep)
    if abs(dt * nstep * spm - 1.0) > 1e-6:
        engine.state.dt = Dt / nstep
        print("Changed dt")
    VARS["nstep_steprun"] = float(nstep)
    return 0.0


def stdinit():
    VARS["realtime"] = 0.0
    _call("setdt")
    _call("init")
    if HOOKS["init"] is not None:
        HOOKS["init"]()
    return 0.0


def init():
    """stdrun's init(): finitialize(v_init) (models often redefine it)."""
    engine.finitialize(VARS["v_init"])
    return 0.0


def run():
    """stdinit() then continuerun(tstop)."""
    VARS["stoprun"] = 0.0
    VARS["running_"] = 1.0
    _call("stdinit")
    _call("continuerun", VARS["tstop"])
    VARS["running_"] = 0.0
    return 0.0


def _cvode():
    # deliberately lazy: engine.cvode imports numba (~0.2 s), which a
    # fixed-step run never needs
    from ..engine import cvode
    return cvode


def continuerun(tstop=None):
    """Advance from the current t until tstop (stdrun's fuzzy rule; appends recordings)."""
    if tstop is None:
        tstop = VARS["tstop"]
    VARS["stoprun"] = 0.0
    t0 = time.perf_counter()
    tstop = float(tstop)
    nstep = max(1, int(VARS["nstep_steprun"]))
    cvode = _cvode()
    if cvode.PARAMS.active and not _redefined("step", "advance"):
        cvode.advance(tstop)     # variable step: stops exactly at tstop
    elif _redefined("step", "advance"):
        # a model's own step()/advance(): NEURON's loop, one call per step
        while engine.state.t < tstop - engine.state.dt / 2 - 1e-11 and not VARS["stoprun"]:
            _call("step")
    elif HOOKS["advance"] is None or not HOOKS["advance"](tstop, nstep):
        engine.advance_until(tstop, nstep)
    if HOOKS["done"] is not None:
        HOOKS["done"]()
    VARS["realtime"] = time.perf_counter() - t0
    return 0.0


def advance():
    cvode = _cvode()
    if cvode.PARAMS.active:
        cvode.fadvance()
    else:
        engine.fadvance()
    return 0.0


def step():
    for _ in range(max(1, int(VARS["nstep_steprun"]))):
        _call("advance")
    return 0.0


def steprun():
    return step()


def stoppedrun():
    """stdrun.hoc's stoppedrun(): the stoprun flag (1 after a stop request)."""
    return float(VARS["stoprun"])


def set_ra():
    """nrngui's set_ra(): every section's Ra = global_ra."""
    for sec in model.allsec():
        sec.Ra = VARS["global_ra"]
    return 0.0


def tstop_changed():
    """The RunControl's hook after tstop changes (it rescales graphs; none headless)."""
    return 0.0


def set_v_init(v):
    """stdrun.hoc's set_v_init(v): v_init = v, returning the previous v_init (NEURON
    9.0.2: x = set_v_init(-70) gives -65 and leaves the sections' v alone)."""
    old = VARS["v_init"]
    VARS["v_init"] = float(v)
    return float(old)


FUNCTIONS = {"stdinit": stdinit, "setdt": setdt, "run": run, "continuerun": continuerun,
             "step": step, "steprun": steprun, "init": init, "advance": advance,
             "stoppedrun": stoppedrun, "set_v_init": set_v_init,
             "tstop_changed": tstop_changed, "set_ra": set_ra}
# those that are HOC funcs in NEURON (a top-level call echoes the value); the rest are procs
VALUE_FUNCTIONS = frozenset(("stoppedrun", "set_v_init"))
