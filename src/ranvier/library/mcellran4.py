"""NEURON's global MCellRan4 functions: ``mcell_ran4(&highindex)``, ``mcell_ran4_init``,
``use_mcell_ran4``.

``mcell_ran4`` returns the uniform number at position highindex of the stream keyed by
the global lowindex (set by ``mcell_ran4_init``) and increments highindex: the same
number ``Random.MCellRan4(highindex, lowindex)`` starts with.  The stream is ranvier's
(data/rng.py), not NEURON's bit pattern.  ``use_mcell_ran4`` records the choice of
generator for NMODL's scop_random family and reports it; ranvier's NMODL random
functions draw from their own stream either way.
"""
from ..core.errors import HocError
from ..data.rng import mcell_ran4_at

_STATE = {"lowindex": 0, "use": 0}


def mcell_ran4(highindex):
    """x = mcell_ran4(&highindex): a uniform [0, 1) number; highindex is incremented."""
    if not hasattr(highindex, "__getitem__"):
        raise HocError("mcell_ran4: the argument must be a pointer to the high index "
                       "(&hi in HOC, h.ref(hi) in Python), got %r" % (highindex,))
    hi = int(float(highindex[0]))
    if not 0 <= hi < (1 << 32):
        raise HocError("mcell_ran4: highindex must be in [0, 2**32), got %d" % hi)
    x = mcell_ran4_at(hi, _STATE["lowindex"])
    highindex[0] = float(hi + 1)
    return x


def mcell_ran4_init(*lowindex):
    """mcell_ran4_init([lowindex]): set the global lowindex; returns the previous one."""
    prev = float(_STATE["lowindex"])
    if lowindex:
        _STATE["lowindex"] = int(float(lowindex[0])) & 0xFFFFFFFF
    return prev


def use_mcell_ran4(*flag):
    """use_mcell_ran4([0|1]): the generator NMODL's scop_random family is meant to use;
    returns the previous setting (or the present one when called without argument)."""
    prev = float(_STATE["use"])
    if flag:
        v = int(float(flag[0]))
        if v not in (0, 1):
            raise HocError("use_mcell_ran4: the argument must be 0 or 1, got %r" % (flag[0],))
        _STATE["use"] = v
    return prev


FUNCTIONS = {"mcell_ran4": mcell_ran4, "mcell_ran4_init": mcell_ran4_init,
             "use_mcell_ran4": use_mcell_ran4}
