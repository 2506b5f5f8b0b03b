: derivimplicit on a coupled nonlinear pair
NEURON { SUFFIX dimp2 NONSPECIFIC_CURRENT i RANGE gbar }
PARAMETER { gbar = 0.001 e = -30 }
ASSIGNED { v i }
STATE { a b }
INITIAL { a = 0.1 b = 0.9 }
BREAKPOINT { SOLVE st METHOD derivimplicit  i = gbar*a*b*(v - e) }
DERIVATIVE st {
    a' = 0.5*exp(v/30)*(1 - a) - 0.2*a*a*b
    b' = 0.1*(1 - b) - 0.3*a*b*exp(-v/50)
}
