: a point process with NET_RECEIVE and net_event (ranvier's own test mechanism)
NEURON {
    POINT_PROCESS mtsyn
    RANGE tau, e, i, thr
    NONSPECIFIC_CURRENT i
}
PARAMETER { tau = 2 (ms) e = 0 (mV) thr = 0.5 }
ASSIGNED { v (mV) i (nA) }
STATE { g }
INITIAL { g = 0 }
BREAKPOINT {
    SOLVE states METHOD cnexp
    i = g*(v - e)
}
DERIVATIVE states { g' = -g/tau }
NET_RECEIVE (weight) {
    g = g + weight
    if (g > thr) { net_event(t) }
}
