: a gap junction through a POINTER (NMODL.md Q10; ranvier tests, our own file)
NEURON { POINT_PROCESS WfGap POINTER vgap RANGE g NONSPECIFIC_CURRENT i }
PARAMETER { g = 0.005 }
ASSIGNED { v vgap i }
BREAKPOINT { i = g*(v - vgap) }
