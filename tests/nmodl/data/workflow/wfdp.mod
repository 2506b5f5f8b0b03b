: a density mechanism with POINTERs to another node's v and to an ion variable
: (ranvier tests, our own file)
NEURON { SUFFIX wfdp POINTER vp, ep NONSPECIFIC_CURRENT i RANGE g, seen }
PARAMETER { g = 0.0002 }
ASSIGNED { v vp ep i seen }
BREAKPOINT {
    i = g*(v - vp)
    seen = ep
}
