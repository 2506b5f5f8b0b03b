: NONLINEAR with SOLVEFOR (the unknowns' order), a LOCAL and a FUNCTION in the equations
NEURON { SUFFIX nlsolvefor NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 0.0005 k = 2 }
ASSIGNED { v i }
STATE { z x w }
INITIAL { x = 0.5 w = 0.5 z = 0 SOLVE sys }
BREAKPOINT { SOLVE sys  i = g*(x + w + z)*(v + 40) }
NONLINEAR sys SOLVEFOR w, x {
    LOCAL s
    s = sig(v)
    ~ x*w = s
    ~ x + k*w*w = 1 + s
}
FUNCTION sig(v) { sig = 0.2/(1 + exp(-(v + 50)/8)) }
