TITLE ExpSyn.mod   synapse with a single-exponential conductance (ranvier)

COMMENT
Each event adds its weight (uS) to the conductance g, which then relaxes to 0
with time constant tau:  dg/dt = -g/tau,  i = g (v - e)  (nA).
Written for ranvier from the textbook equations.
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

NEURON {
    POINT_PROCESS ExpSyn
    RANGE tau, e, i
    NONSPECIFIC_CURRENT i
    THREADSAFE
}

PARAMETER {
    tau = 0.1 (ms) <1e-9,1e9>
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
}

STATE {
    g (uS)
}

INITIAL {
    g = 0
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE state {
    g' = -g/tau
}

NET_RECEIVE(weight (uS)) {
    g = g + weight
}
