: THREADSAFE with an assigned GLOBAL and a PARAMETER GLOBAL
NEURON { SUFFIX tsglob NONSPECIFIC_CURRENT i GLOBAL ninf, ntau, vhalf THREADSAFE }
PARAMETER { gbar = 0.003 vhalf = -45 }
ASSIGNED { v i ninf ntau }
STATE { n }
INITIAL { rates(v) n = ninf }
BREAKPOINT { SOLVE st METHOD cnexp  i = gbar*n*n*(v + 75) }
DERIVATIVE st { rates(v) n' = (ninf - n)/ntau }
PROCEDURE rates(v) {
    ninf = 1/(1 + exp(-(v - vhalf)/7))
    ntau = 2 + 5/(1 + exp((v + 40)/10))
}
