: LAG in a BREAKPOINT with a current: the conductance is driven by v as it was tau ago
: (the current is computed twice per step at one t, so the history's same-t rule matters)
NEURON { SUFFIX lagcur RANGE x, y, tau, g, e NONSPECIFIC_CURRENT i }
PARAMETER { tau = 0.37 (ms) g = 0.0005 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) x (mV) y (mV) i (mA/cm2) }
BREAKPOINT {
    x = v
    LAG x BY tau
    y = lag_x_tau
    i = g * (y - e)
}
