: POINTER: a coupling current toward a pointed-to voltage
NEURON { POINT_PROCESS PtrSyn POINTER vpre RANGE g NONSPECIFIC_CURRENT i }
PARAMETER { g = 0.004 }
ASSIGNED { v vpre i }
BREAKPOINT { i = g*(v - vpre) }
