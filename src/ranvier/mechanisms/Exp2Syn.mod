TITLE Exp2Syn.mod   synapse with a difference-of-exponentials conductance (ranvier)

COMMENT
g(t) = weight * factor * (exp(-t/tau2) - exp(-t/tau1)) after an event at 0, with
tau1 < tau2 (rise and decay) and factor chosen so that the peak is weight (uS).
Written for ranvier from the textbook equations: two states A (decaying with
tau1) and B (decaying with tau2), g = B - A, both kicked by weight*factor.
The time of the peak of exp(-t/tau2) - exp(-t/tau1) is
tp = tau1 tau2/(tau2 - tau1) ln(tau2/tau1).
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

NEURON {
    POINT_PROCESS Exp2Syn
    RANGE tau1, tau2, e, i
    NONSPECIFIC_CURRENT i
    RANGE g
    THREADSAFE
}

PARAMETER {
    tau1 = 0.1 (ms) <1e-9,1e9>
    tau2 = 10 (ms) <1e-9,1e9>
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    factor
}

STATE {
    A (uS)
    B (uS)
}

INITIAL {
    LOCAL tp
    : keep tau1 strictly below tau2 (equal time constants would divide by zero)
    if (tau1/tau2 > 0.9999) {
        tau1 = 0.9999*tau2
    }
    if (tau1/tau2 < 1e-9) {
        tau1 = tau2*1e-9
    }
    A = 0
    B = 0
    tp = (tau1*tau2)/(tau2 - tau1) * log(tau2/tau1)
    factor = -exp(-tp/tau1) + exp(-tp/tau2)
    factor = 1/factor
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    g = B - A
    i = g*(v - e)
}

DERIVATIVE state {
    A' = -A/tau1
    B' = -B/tau2
}

NET_RECEIVE(weight (uS)) {
    A = A + weight*factor
    B = B + weight*factor
}
