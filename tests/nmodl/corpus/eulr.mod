: METHOD euler with two states and a rate procedure
NEURON { SUFFIX eulr NONSPECIFIC_CURRENT i RANGE gbar }
PARAMETER { gbar = 0.002 }
ASSIGNED { v i ainf tau }
STATE { a c }
INITIAL { a = 0.2 c = 0 }
BREAKPOINT { SOLVE st METHOD euler  i = gbar*a*(1 - c)*(v + 20) }
DERIVATIVE st {
    ainf = 1/(1 + exp(-(v + 50)/5))
    tau = 3
    a' = (ainf - a)/tau
    c' = 0.05*a - 0.02*c
}
