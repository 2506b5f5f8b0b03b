TITLE ppt: a test point process with units (tests/interface)
NEURON {
    POINT_PROCESS PPt
    RANGE tau, e, i, gmax
    GLOBAL gg
    NONSPECIFIC_CURRENT i
}
UNITS { (nA) = (nanoamp) (mV) = (millivolt) (uS) = (microsiemens) }
PARAMETER { tau = 0.1 (ms) <1e-9,1e9> e = 0 (mV) gmax = 0.001 (uS) gg = 2 (degC) }
ASSIGNED { v (mV) i (nA) }
STATE { s }
INITIAL { s = 0 }
BREAKPOINT { SOLVE st METHOD cnexp i = gmax*s*(v - e) }
DERIVATIVE st { s' = -s/tau }
NET_RECEIVE(weight (uS)) { s = s + weight }
