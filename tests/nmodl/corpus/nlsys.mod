: NONLINEAR: a 2x2 system solved by Newton in INITIAL and every step (state phase)
NEURON { SUFFIX nlsys NONSPECIFIC_CURRENT i RANGE c, g, q }
PARAMETER { g = 0.001 c = 0.5 }
ASSIGNED { v i q }
STATE { b a }
INITIAL { a = 1 b = 1 SOLVE eq }
BREAKPOINT { SOLVE eq  i = g*a*(v + 30) }
NONLINEAR eq {
    q = c*exp(v/50)
    ~ a*a + b = 2 + q - a
    ~ a - b*b*b = c
}
