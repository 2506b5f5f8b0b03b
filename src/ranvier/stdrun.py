"""Run control (what NEURON's stdrun.hoc provides), on the compiled engine.

tstop, v_init, steps_per_ms, stoprun, realtime; stdinit(), setdt(), init(),
run(), continuerun(t), step().  continuerun's loop runs in compiled code:
one call per run segment, with stdrun's fuzzy stop rule (NUMERICS.md (g)).
"""
import time

from . import engine

VARS = {"tstop": 5.0, "v_init": -65.0, "steps_per_ms": 40.0, "stoprun": 0.0,
        "realtime": 0.0, "running_": 0.0, "stdrun_quiet": 0.0, "using_cvode_": 0.0}
_state = {"loaded": False, "nstep_steprun": 1}


def loaded():
    return _state["loaded"]


def load():
    _state["loaded"] = True
    return 1.0


def setdt():
    """Make dt divide 1/steps_per_ms (NEURON prints 'Changed dt' when it must)."""
    spm = VARS["steps_per_ms"]
    dt = engine.state.dt
    Dt = 1.0 / spm
    nstep = int(Dt / dt + 1e-11) if Dt / dt > 0 else 0
    nstep = max(1, nstep)
    if abs(dt * nstep * spm - 1.0) > 1e-6:
        engine.state.dt = Dt / nstep
        print("Changed dt")
    _state["nstep_steprun"] = nstep
    return 0.0


def stdinit():
    from . import hocspace
    setdt()
    init = hocspace.user_override("init")
    if init is not None:
        init()
    else:
        finit()
    return 0.0


def finit():
    engine.finitialize(VARS["v_init"])
    return 0.0


def init():
    return finit()


def run():
    """stdinit() then continuerun(tstop)."""
    VARS["stoprun"] = 0.0
    stdinit()
    continuerun(VARS["tstop"])
    return 0.0


def continuerun(tstop=None):
    """Advance from the current t until tstop (stdrun's fuzzy rule; appends recordings)."""
    if tstop is None:
        tstop = VARS["tstop"]
    VARS["stoprun"] = 0.0
    t0 = time.perf_counter()
    engine.advance_until(float(tstop), _state["nstep_steprun"])
    VARS["realtime"] = time.perf_counter() - t0
    return 0.0


def step():
    for _ in range(_state["nstep_steprun"]):
        engine.fadvance()
    return 0.0


def steprun():
    return step()


FUNCTIONS = {"stdinit": stdinit, "setdt": setdt, "run": run, "continuerun": continuerun,
             "step": step, "steprun": steprun, "init": init, "finit": finit}
