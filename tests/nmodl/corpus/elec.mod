: density ELECTRODE_CURRENT: an injected current, inward positive
NEURON { SUFFIX elec ELECTRODE_CURRENT i RANGE amp, g }
PARAMETER { amp = 0.01 g = 0.0005 }
ASSIGNED { v i }
BREAKPOINT { i = amp - g*(v + 65) }
