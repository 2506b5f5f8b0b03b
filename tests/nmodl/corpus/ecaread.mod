: reads eca computed by Nernst from the pool's cai (the one-step lag), and exposes it
NEURON { SUFFIX ecaread USEION ca READ eca, cai WRITE ica RANGE gbar, ecopy }
PARAMETER { gbar = 0.0005 }
ASSIGNED { v eca cai ica ecopy }
BREAKPOINT { ecopy = eca  ica = gbar*(v - eca) }
