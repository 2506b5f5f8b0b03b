: a new ion with VALENCE: its current, a pool of it and its Nernst potential
NEURON { SUFFIX newion USEION xx READ exx, xxi WRITE ixx VALENCE 2 RANGE g, ecopy }
PARAMETER { g = 0.0004 }
ASSIGNED { v exx ixx xxi ecopy }
BREAKPOINT { ecopy = exx  ixx = g*(v - exx)*(1 + xxi) }
