"""NEURON's old built-in stimulus functions `fstim` and `fstimi`.

    fstim(n)                                  room for n stimuli (earlier ones removed)
    fstim(i, x, delay, duration, amp)         stimulus i at x of the accessed section:
                                              amp nA (positive depolarises) from delay
                                              for duration ms
    fstimi(i)                                 the current stimulus i delivers now (nA)

Legacy models (e.g. Migliore et al. 1999) drive their cells with it.  Each stimulus is
an unnamed square-pulse point process of a hidden type (`FStim_`), so that the
user's own IClamps keep NEURON's names and counts.
"""
from ..core.errors import ModelError
from ..model import mechanisms as mechreg
from ..model.pointprocess import point_process_class
from ..model.section import cas
from ..nmodl import load_mechanism

_NAME = "FStim_"
_MOD = """NEURON {
    POINT_PROCESS %s
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
}
UNITS { (nA) = (nanoamp) }
PARAMETER { del (ms)  dur (ms)  amp (nA) }
ASSIGNED { i (nA) }
INITIAL { i = 0 }
BREAKPOINT {
    at_time(del)
    at_time(del + dur)
    if (t >= del && t < del + dur) { i = amp } else { i = 0 }
}
""" % _NAME

_stims = []          # index -> the point process, or None where not yet placed


class FStimError(ModelError):
    """A bad fstim call (index out of range, fstim(n) not called first)."""


def _cls():
    mech = mechreg.get(_NAME, required=False)
    if mech is None:
        mech = load_mechanism(text=_MOD, filename="<fstim>")
        mechreg.register(mech)
    return point_process_class(mech)


def fstim(*args):
    """fstim(n) or fstim(i, x, delay, duration, amp); returns 0."""
    if len(args) == 1:
        n = int(args[0])
        if n < 0:
            raise FStimError("fstim(%d): the number of stimuli cannot be negative" % n)
        _stims[:] = [None] * n
        return 0.0
    if len(args) != 5:
        raise TypeError("fstim: expected fstim(n) or fstim(i, loc, delay, duration, stim), "
                        "got %d arguments" % len(args))
    i = int(args[0])
    if not 0 <= i < len(_stims):
        raise FStimError("fstim(%d, ...): index out of range: fstim(n) allocated %d stimuli"
                         % (i, len(_stims)))
    x, delay, duration, amp = (float(a) for a in args[1:])
    pp = _cls()(x, sec=cas())
    pp.dur = duration           # set before del so no instant has del without dur
    setattr(pp, "del", delay)
    pp.amp = amp
    _stims[i] = pp
    return 0.0


def fstimi(i):
    """The current (nA) stimulus i delivers at the present time."""
    i = int(i)
    if not 0 <= i < len(_stims):
        raise FStimError("fstimi(%d): index out of range: fstim(n) allocated %d stimuli"
                         % (i, len(_stims)))
    pp = _stims[i]
    return 0.0 if pp is None else float(pp.i)


def reset():
    """No stimuli (part of ranvier.reset())."""
    _stims.clear()


FUNCTIONS = {"fstim": fstim, "fstimi": fstimi}
