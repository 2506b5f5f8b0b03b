: KINETIC + CONSERVE, a linear 3-state chain (NMODL.md Q3)
NEURON { SUFFIX kin3 USEION na READ ena WRITE ina RANGE gbar }
PARAMETER { gbar = 0.01 }
ASSIGNED { v ena ina a1 b1 a2 b2 }
STATE { C O I }
INITIAL { C = 1 O = 0 I = 0 }
BREAKPOINT { SOLVE ks METHOD sparse ina = gbar*O*(v - ena) }
KINETIC ks { rates(v) ~ C <-> O (a1, b1) ~ O <-> I (a2, b2) CONSERVE C + O + I = 1 }
PROCEDURE rates(v) { a1 = 0.3*exp((v + 40)/10) b1 = 0.2*exp(-(v + 40)/20) a2 = 0.1*exp((v + 40)/30) b2 = 0.01 }
