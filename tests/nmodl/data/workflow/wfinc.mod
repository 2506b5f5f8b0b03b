: a channel whose gate function comes from an INCLUDEd file (ranvier tests, our own file)
NEURON {
    SUFFIX wfinc
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER { g = 0.001 e = -20 vh = -40 k = 5 }
ASSIGNED { v i }
STATE { m }
INCLUDE "wfgates.inc"
INITIAL { m = boltz(v, vh, k) }
BREAKPOINT {
    SOLVE st METHOD cnexp
    i = g*m*(v - e)
}
DERIVATIVE st { m' = (boltz(v, vh, k) - m)/2 }
