"""A long run as compiled calls of bounded wall time, so that Ctrl-C can stop it.

Compiled code cannot be interrupted: a SIGINT that arrives during a compiled
call is seen by Python only when the call returns.  ``run_chunked`` therefore
gives each call a step budget that should take about ``TARGET_S`` seconds
(measured from the calls before, per model), and while the engine runs,
SIGINT only notes the interrupt (``INTERRUPTS``).  Between two calls (a step
boundary, everything recorded so far appended to the Vectors) a noted
interrupt ends the run with KeyboardInterrupt; ``continuerun`` afterwards
goes on from there exactly as an uninterrupted run would (the chunk
boundaries change no number: every value the loop carries from step to step
lives in the arrays it is given).
"""
import signal
import threading
import time

TARGET_S = 0.2          # wall time aimed at per compiled call
_GROWTH = 8             # a budget grows at most this much from one call to the next


def _first_guess(nnode):
    """Seconds per step before anything was measured: on the slow side (a few times an
    hh compartment's cost), so that the first call is short rather than long."""
    return 5e-7 * max(int(nnode), 1) + 2e-6


class _Cost:
    """Measured seconds per step of the model the engine runs (reset when it changes)."""

    def __init__(self):
        self.key = None
        self.per_step = None

    def get(self, key, nnode):
        if key != self.key or self.per_step is None:
            self.key = key
            self.per_step = None
            return _first_guess(nnode)
        return self.per_step

    def update(self, key, seconds, steps):
        if steps > 0 and seconds > 0.0:
            self.key = key
            self.per_step = seconds / steps


COST = _Cost()


class _Interrupts:
    """SIGINT while the engine runs compiled code: noted, raised at the next step boundary.

    The handler is installed once, the first time the engine runs (and only if SIGINT
    still has Python's default handler, in the main thread); outside the engine's calls
    it does what the default handler does (raise KeyboardInterrupt at once).  Inside
    (``depth`` > 0) it only sets ``pending``: an interrupt that Python would deliver in
    the middle of a compiled call's return could leave t, the state arrays and the
    Vectors out of step (or surface as a SystemError from numba's dispatcher)."""

    def __init__(self):
        self.depth = 0
        self.pending = False
        self.installed = False

    def _handler(self, signum, frame):
        if self.depth > 0:
            self.pending = True
        else:
            signal.default_int_handler(signum, frame)

    def _install(self):
        try:
            if threading.current_thread() is not threading.main_thread():
                return                      # try again from the main thread
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                signal.signal(signal.SIGINT, self._handler)
        except (ValueError, OSError):       # no signals in this interpreter
            pass
        self.installed = True

    def enter(self):
        if not self.installed:
            self._install()
        self.depth += 1

    def leave(self):
        """End of an engine call: raise the KeyboardInterrupt noted during it (outermost)."""
        self.depth -= 1
        if self.depth == 0 and self.pending:
            self.pending = False
            raise KeyboardInterrupt


INTERRUPTS = _Interrupts()


def _budget(per_step, nstep, cap=None):
    steps = int(TARGET_S / per_step) if per_step > 0 else 1 << 30
    if cap is not None:
        steps = min(steps, cap)
    return max(1, steps // nstep) * nstep


def run_chunked(advance, nmax, ts, nstep, state):
    """stdrun's continuerun loop as compiled calls ``advance(n, True, ts, nstep)`` (each
    returns the steps it took) of about TARGET_S seconds each; nmax is the number of steps
    the run needs at most.  Returns the total number of steps.  A SIGINT during the run
    raises KeyboardInterrupt after the call in progress (a step boundary)."""
    lay = state.layout
    key = (lay.topology_version, lay.geometry_version, lay.nnode)
    per_step = COST.get(key, lay.nnode)
    budget = _budget(per_step, nstep)
    if nmax <= budget:
        budget = nmax               # one call is enough (as long as the estimate holds)
    total = 0
    INTERRUPTS.enter()
    try:
        while True:
            t0 = time.perf_counter()
            steps = advance(budget, True, ts, nstep)
            COST.update(key, time.perf_counter() - t0, steps)
            total += steps
            if steps < budget or not state.t < ts - 1e-11 or INTERRUPTS.pending:
                break
            budget = _budget(COST.per_step, nstep, cap=_GROWTH * budget)
    finally:
        INTERRUPTS.leave()
    return total
