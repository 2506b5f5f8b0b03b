: GLOBAL m0 of a STATE m that no block declares (ModelDB 105385's ca_gp.mod: GLOBAL
: Buffer0) and a RANGE name (e) that no block declares (its kleak_gp.mod): NEURON
: makes m0_sglob a public global, the state's initial value, and ignores e
NEURON { SUFFIX sglob NONSPECIFIC_CURRENT i RANGE g, e GLOBAL m0 }
PARAMETER { g = 0.001 }
ASSIGNED { v i }
STATE { m }
BREAKPOINT { SOLVE st METHOD cnexp i = g*m*(v + 20) }
DERIVATIVE st { m' = (0.1 - m)/5 }
