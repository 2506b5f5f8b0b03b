: INCLUDE of a file of FUNCTIONs next to the .mod
NEURON { SUFFIX incl NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 0.001 }
ASSIGNED { v i }
STATE { h }
INCLUDE "gates.inc"
INITIAL { h = alpha(v, -50, 6)/(alpha(v, -50, 6) + alpha(-v, 60, 8)) }
BREAKPOINT { SOLVE st METHOD cnexp  i = g*h*(v + 80) }
DERIVATIVE st { h' = alpha(v, -50, 6)*(1 - h) - alpha(-v, 60, 8)*h }
