: SOLVE of a DERIVATIVE block without METHOD: nocmodl accepts it and its C runs the
: block once per step without integrating (the states keep their INITIAL values,
: the block's other assignments are made)
NEURON { SUFFIX nometh NONSPECIFIC_CURRENT i RANGE g, minf, calls }
PARAMETER { g = 0.001 }
ASSIGNED { v i minf calls }
STATE { m }
INITIAL { calls = 0 minf = 1/(1 + exp(-(v + 50)/5)) m = minf }
BREAKPOINT { SOLVE st i = g*(m + minf)*(v + 30) }
DERIVATIVE st {
    calls = calls + 1
    minf = 1/(1 + exp(-(v + 50)/5))
    m' = (minf - m)/3
}
