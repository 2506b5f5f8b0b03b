: LINEAR: a 3x3 system (state terms on both sides, constants, pivoting) solved exactly
NEURON { SUFFIX linsys NONSPECIFIC_CURRENT i RANGE c, g, q }
PARAMETER { g = 0.001 c = 0.5 }
ASSIGNED { v i q }
STATE { z x w u }
INITIAL { SOLVE ls }
BREAKPOINT { SOLVE ls  i = g*(v + 30)*(1 + fabs(x - w + z)) }
LINEAR ls {
    q = 2*c + v/100
    ~ w + 1 = 2 + x - c*w/3
    ~ x - 2*w = q*z
    ~ -z + 4 = w/c
}
