: TABLE ... DEPEND on a RANGE PARAMETER (ModelDB 114355's M_nax.mod: DEPEND tha):
: NEURON checks the calling instance's value at each call and rebuilds the one
: table of the type when it differs
NEURON { SUFFIX tabrange NONSPECIFIC_CURRENT i RANGE g, vs GLOBAL minf, mtau }
PARAMETER { g = 0.001 vs = 0 }
ASSIGNED { v i minf mtau }
STATE { m }
INITIAL { rates(v) m = minf }
BREAKPOINT { SOLVE st METHOD cnexp i = g*m*(v + 20) }
DERIVATIVE st { rates(v) m' = (minf - m)/mtau }
PROCEDURE rates(v) {
    TABLE minf, mtau DEPEND vs, celsius FROM -100 TO 50 WITH 15
    minf = 1/(1 + exp(-(v + 40 - vs)/6))
    mtau = 1 + 2*exp(-((v + 45 - vs)/20)^2)
}
