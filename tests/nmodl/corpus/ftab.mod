: FUNCTION_TABLE: a time constant and a conductance scale given at run time
NEURON { SUFFIX ftab NONSPECIFIC_CURRENT i RANGE gbar }
PARAMETER { gbar = 0.002 }
ASSIGNED { v i }
STATE { m }
FUNCTION_TABLE tauf(v (mV)) (ms)
FUNCTION_TABLE gscale(v (mV))
INITIAL { m = minf(v) }
BREAKPOINT { SOLVE st METHOD cnexp  i = gbar*gscale(v)*m*(v + 20) }
DERIVATIVE st { m' = (minf(v) - m)/tauf(v) }
FUNCTION minf(v) { minf = 1/(1 + exp(-(v + 50)/6)) }
