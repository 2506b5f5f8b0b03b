: SOLVE ... METHOD runge (scopmath's fourth-order Runge-Kutta over one dt), on two
: coupled nonlinear states and a DERIVATIVE block that calls a PROCEDURE
NEURON { SUFFIX rk4 NONSPECIFIC_CURRENT i RANGE g, ainf }
PARAMETER { g = 0.002 }
ASSIGNED { v i ainf }
STATE { a b }
INITIAL { rates(v) a = ainf b = 0.2 }
BREAKPOINT { SOLVE st METHOD runge i = g*a*b*(v + 20) }
DERIVATIVE st {
    rates(v)
    a' = (ainf - a)/2 - a*b
    b' = (0.5 - b)/(1 + a*a)
}
PROCEDURE rates(v) { ainf = 1/(1 + exp(-(v + 40)/6)) }
